import FengqiaoCore
import Foundation
import SQLKit

/// Staff sign-in sessions. The cookie carries a random id; only its SHA-256 is stored, with the session's CSRF token.
public struct SessionRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Session: Sendable, Equatable {
        public let userID: User.ID
        public let csrfToken: String
        public let expiresAt: Date
    }

    /// One of a user's live sessions as "我的账号" lists it: `handle` names it in a form (the first 16 hex digits of
    /// its hash: never the cookie value), `current` is the one asking.
    public struct Listed: Sendable, Equatable {
        public let handle: String
        public let createdAt: Date
        public let expiresAt: Date
        public let clientAddress: String?
        public let userAgent: String?
        public let current: Bool
    }

    /// Starts a session and returns the id to put in the cookie, with the session itself. The address and browser
    /// it was opened from are kept so that its owner can tell their sessions apart.
    public func create(
        for userID: User.ID, at now: Date, lifetime: TimeInterval, clientAddress: String? = nil,
        userAgent: String? = nil
    ) async throws -> (String, Session) {
        let id = RandomToken.make()
        let session = Session(userID: userID, csrfToken: RandomToken.make(), expiresAt: now + lifetime)
        try await database.transaction { sql in
            try await sql.delete(from: "sessions").where("expires_at", .lessThan, now.unixMilliseconds).run()
            try await sql.insert(into: "sessions").columns(
                "id_hash", "user_id", "csrf_token", "created_at", "expires_at", "client_address", "user_agent"
            )
            .values(
                SQLBind(TokenRepository.digest(id)), SQLBind(userID.rawValue), SQLBind(session.csrfToken),
                SQLBind(now.unixMilliseconds), SQLBind(session.expiresAt.unixMilliseconds),
                SQLBind(clientAddress.map { String($0.prefix(64)) }), SQLBind(userAgent.map { String($0.prefix(200)) })
            ).run()
        }
        return (id, session)
    }

    /// The user's live sessions, newest first; `current` is the cookie value of the one asking.
    public func list(of userID: User.ID, current: String?, at now: Date) async throws -> [Listed] {
        let currentHash = current.map(TokenRepository.digest)
        return try await database.withConnection { sql in
            try await sql.select().columns("id_hash", "created_at", "expires_at", "client_address", "user_agent")
                .from("sessions").where("user_id", .equal, userID.rawValue)
                .where("expires_at", .greaterThan, now.unixMilliseconds).orderBy("created_at", .descending).all()
                .map { row in
                    let hash = try row.decode(column: "id_hash", as: String.self)
                    return Listed(
                        handle: String(hash.prefix(16)),
                        createdAt: Date(unixMilliseconds: try row.decode(column: "created_at", as: Int64.self)),
                        expiresAt: Date(unixMilliseconds: try row.decode(column: "expires_at", as: Int64.self)),
                        clientAddress: try row.decode(column: "client_address", as: String?.self),
                        userAgent: try row.decode(column: "user_agent", as: String?.self), current: hash == currentHash)
                }
        }
    }

    /// Ends the user's other sessions (all but `current`), or the one named by `handle`; returns how many ended.
    /// Only the user's own sessions can be named.
    @discardableResult
    public func end(of userID: User.ID, keeping current: String, handle: String? = nil) async throws -> Int {
        let keep = TokenRepository.digest(current)
        return try await database.transaction { sql in
            let rows = try await sql.select().column("id_hash").from("sessions")
                .where("user_id", .equal, userID.rawValue).where("id_hash", .notEqual, keep).all()
            let hashes = try rows.map { try $0.decode(column: "id_hash", as: String.self) }
                .filter { hash in handle.map { hash.hasPrefix($0) && $0.count == 16 } ?? true }
            guard !hashes.isEmpty else { return 0 }
            try await sql.delete(from: "sessions").where("id_hash", .in, hashes).run()
            return hashes.count
        }
    }

    /// The live session for a cookie value, or nil when unknown or expired.
    public func find(_ id: String, at now: Date) async throws -> Session? {
        guard id.count == 64 else { return nil }
        return try await database.withConnection { sql in
            guard
                let row = try await sql.select().columns("user_id", "csrf_token", "expires_at").from("sessions")
                    .where("id_hash", .equal, TokenRepository.digest(id))
                    .where("expires_at", .greaterThan, now.unixMilliseconds).first()
            else { return nil }
            return Session(
                userID: User.ID(try row.decode(column: "user_id", as: Int64.self)),
                csrfToken: try row.decode(column: "csrf_token", as: String.self),
                expiresAt: Date(unixMilliseconds: try row.decode(column: "expires_at", as: Int64.self)))
        }
    }

    public func delete(_ id: String) async throws {
        try await database.transaction { sql in
            try await sql.delete(from: "sessions").where("id_hash", .equal, TokenRepository.digest(id)).run()
        }
    }
}

/// 256 random bits as 64 hex digits, from the system's secure generator.
public enum RandomToken {
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next(), radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}
