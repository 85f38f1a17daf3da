import Crypto
import FengqiaoCore
import Foundation
import SQLKit

/// API tokens for systems and scripts. Only a SHA-256 of each token is stored: the token itself is shown once.
public struct TokenRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Creates a token for `userID` and returns it (the only time it is ever seen in clear).
    public func create(for userID: User.ID, label: String, at now: Date) async throws -> String {
        let token = "fq_" + RandomToken.make()
        try await database.transaction { sql in
            try await sql.insert(into: "api_tokens").columns("user_id", "token_hash", "label", "created_at", "revoked")
                .values(
                    SQLBind(userID.rawValue), SQLBind(Self.digest(token)), SQLBind(label),
                    SQLBind(now.unixMilliseconds), SQLBind(false)
                ).run()
        }
        return token
    }

    /// The user a live token belongs to, or nil for an unknown or revoked token.
    public func userID(for token: String) async throws -> User.ID? {
        guard token.hasPrefix("fq_"), token.count == 67 else { return nil }
        return try await database.withConnection { sql in
            try await sql.select().column("user_id").from("api_tokens")
                .where("token_hash", .equal, Self.digest(token)).where("revoked", .equal, false)
                .first(decodingColumn: "user_id", as: Int64.self).map { User.ID($0) }
        }
    }

    public func revokeAll(for userID: User.ID) async throws {
        try await database.transaction { sql in
            try await sql.update("api_tokens").set("revoked", to: true).where("user_id", .equal, userID.rawValue).run()
        }
    }

    static func digest(_ token: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(token.utf8)))
    }
}
