import FengqiaoCore
import Foundation
import SQLKit

/// Who saw unmasked personal data, or exported it, and when. Administrators read it.
public struct AccessLogRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Entry: Sendable, Equatable {
        public var at: Date
        public var userID: User.ID?
        public var username: String
        public var action: String
        public var caseID: Case.ID?
        public var detail: String
        public var requestID: String?

        public init(
            at: Date, userID: User.ID?, username: String, action: String, caseID: Case.ID?, detail: String = "",
            requestID: String? = nil
        ) {
            self.at = at
            self.userID = userID
            self.username = username
            self.action = action
            self.caseID = caseID
            self.detail = detail
            self.requestID = requestID
        }
    }

    public func record(_ entry: Entry) async throws {
        try await database.transaction { sql in
            try await sql.insert(into: "access_log")
                .columns("at", "user_id", "username", "action", "case_id", "detail", "request_id")
                .values(
                    SQLBind(entry.at.unixMilliseconds), SQLBind(entry.userID?.rawValue), SQLBind(entry.username),
                    SQLBind(entry.action), SQLBind(entry.caseID?.rawValue), SQLBind(entry.detail),
                    SQLBind(entry.requestID)
                ).run()
        }
    }

    /// The newest entries first.
    public func recent(limit: Int = 100) async throws -> [Entry] {
        try await database.withConnection { sql in
            try await sql.select().columns("at", "user_id", "username", "action", "case_id", "detail", "request_id")
                .from("access_log").orderBy("id", .descending).limit(limit).all().map { row in
                    Entry(
                        at: Date(unixMilliseconds: try row.decode(column: "at", as: Int64.self)),
                        userID: try row.decode(column: "user_id", as: Int64?.self).map { User.ID($0) },
                        username: try row.decode(column: "username", as: String.self),
                        action: try row.decode(column: "action", as: String.self),
                        caseID: try row.decode(column: "case_id", as: Int64?.self).map { Case.ID($0) },
                        detail: try row.decode(column: "detail", as: String.self),
                        requestID: try row.decode(column: "request_id", as: String?.self))
                }
        }
    }
}
