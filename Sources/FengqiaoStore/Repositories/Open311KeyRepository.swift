import Crypto
import FengqiaoCore
import Foundation
import SQLKit

/// Open311 GeoReport v2 API keys: the `api_key` a client sends with `POST requests`. Each key acts under one user's
/// roles and jurisdictions; only a SHA-256 of it is stored, so the key itself is shown once, when it is made.
public struct Open311KeyRepository: Sendable {
    /// A key as stored: never the key itself.
    public struct Key: Sendable, Equatable {
        public var id: Int64
        public var userID: User.ID
        public var label: String
        /// The channel the key's reports arrive by; nil: `Channel.citizenReport`.
        public var channel: Channel?
        public var createdAt: Date
        public var revoked: Bool
    }

    /// Keys are 1–200 printable ASCII characters without spaces (`o311_` and 64 hex digits when made here).
    public static func isWellFormed(_ key: String) -> Bool {
        (1...200).contains(key.utf8.count) && key.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    let database: Database

    public init(database: Database) { self.database = database }

    /// Makes a random key for `userID` and returns it: the only time it is ever seen in clear.
    public func create(for userID: User.ID, label: String, channel: Channel?, at now: Date) async throws -> String {
        let key = "o311_" + RandomToken.make()
        try await register(key, for: userID, label: label, channel: channel, at: now)
        return key
    }

    /// Stores a key chosen by the caller (the demo county's published key); `create` is for everything else.
    public func register(
        _ key: String, for userID: User.ID, label: String, channel: Channel?, at now: Date
    )
        async throws
    {
        guard Self.isWellFormed(key) else { throw Open311KeyError.malformed }
        try await database.transaction { sql in
            try await sql.insert(into: "open311_keys")
                .columns("key_hash", "user_id", "label", "channel", "created_at", "revoked")
                .values(
                    SQLBind(Self.digest(key)), SQLBind(userID.rawValue), SQLBind(label), SQLBind(channel?.rawValue),
                    SQLBind(now.unixMilliseconds), SQLBind(false)
                ).run()
        }
    }

    /// The live key with this value, or nil for an unknown or revoked one.
    public func find(key: String) async throws -> Key? {
        guard Self.isWellFormed(key) else { return nil }
        return try await database.withConnection { sql in
            try await Self.select(in: sql).where("key_hash", .equal, Self.digest(key)).where("revoked", .equal, false)
                .first().map(Self.decode)
        }
    }

    /// Every key, newest first (revoked ones too).
    public func list() async throws -> [Key] {
        try await database.withConnection { sql in
            try await Self.select(in: sql).orderBy("id", .descending).all().map(Self.decode)
        }
    }

    /// Revokes one key by its number (`list`); false when there is no such key.
    @discardableResult
    public func revoke(id: Int64) async throws -> Bool {
        try await database.transaction { sql in
            guard
                try await sql.select().column("id").from("open311_keys").where("id", .equal, id).first() != nil
            else { return false }
            try await sql.update("open311_keys").set("revoked", to: true).where("id", .equal, id).run()
            return true
        }
    }

    static func select(in sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns("id", "user_id", "label", "channel", "created_at", "revoked").from("open311_keys")
    }

    static func decode(_ row: any SQLRow) throws -> Key {
        Key(
            id: try row.decode(column: "id", as: Int64.self),
            userID: User.ID(try row.decode(column: "user_id", as: Int64.self)),
            label: try row.decode(column: "label", as: String.self),
            channel: try row.decode(column: "channel", as: String?.self).flatMap(Channel.init(rawValue:)),
            createdAt: Date(unixMilliseconds: try row.decode(column: "created_at", as: Int64.self)),
            revoked: try row.decode(column: "revoked", as: Bool.self))
    }

    /// What is stored of a key.
    public static func digest(_ key: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(key.utf8)))
    }
}

public enum Open311KeyError: UserFacingError, Equatable {
    case malformed

    public var code: String { "open311.key_malformed" }

    public var message: Localized {
        Localized(
            zh: "Open311 密钥须为1至200个可见ASCII字符，不含空格。",
            en: "An Open311 key is 1 to 200 printable ASCII characters without spaces.")
    }
}
