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

    /// Starts a session and returns the id to put in the cookie, with the session itself.
    public func create(for userID: User.ID, at now: Date, lifetime: TimeInterval) async throws -> (String, Session) {
        let id = RandomToken.make()
        let session = Session(userID: userID, csrfToken: RandomToken.make(), expiresAt: now + lifetime)
        try await database.transaction { sql in
            try await sql.delete(from: "sessions").where("expires_at", .lessThan, now.unixMilliseconds).run()
            try await sql.insert(into: "sessions").columns(
                "id_hash", "user_id", "csrf_token", "created_at", "expires_at"
            )
            .values(
                SQLBind(TokenRepository.digest(id)), SQLBind(userID.rawValue), SQLBind(session.csrfToken),
                SQLBind(now.unixMilliseconds), SQLBind(session.expiresAt.unixMilliseconds)
            ).run()
        }
        return (id, session)
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
