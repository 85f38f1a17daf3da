import FengqiaoCore
import Foundation
import SQLKit

/// The few numbers operations watch, each one cheap query (an index or a small GROUP BY), read at scrape time by
/// `/metrics`.
public struct OperationsRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Open cases (`CaseState.isOpen`) per state; every open state is present, with 0 when it has none.
    public func openCasesByState() async throws -> [CaseState: Int] {
        try await database.withConnection { sql in
            let open = CaseState.allCases.filter(\.isOpen)
            var counts = Dictionary(uniqueKeysWithValues: open.map { ($0, 0) })
            for row in try await sql.select().column("state")
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("cases")
                .where("state", .in, open.map(\.rawValue)).groupBy("state").all()
            {
                if let state = CaseState(rawValue: try row.decode(column: "state", as: String.self)) {
                    counts[state] = try row.decode(column: "n", as: Int.self)
                }
            }
            return counts
        }
    }

    /// Cases with a running clock that had run out at `now` (the overdue list).
    public func overdueCases(at now: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("cases")
                .where("next_due_at", .lessThanOrEqual, now.unixMilliseconds)
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    /// How far the deadline scheduler is behind: `now` minus the oldest deadline due and not yet fired (0 when none
    /// is), in seconds.
    public func schedulerLag(at now: Date) async throws -> TimeInterval {
        try await database.withConnection { sql in
            let oldest = try await sql.select()
                .column(SQLFunction("MIN", args: SQLIdentifier("due_at")), as: "due").from("deadlines")
                .where("due_at", .lessThanOrEqual, now.unixMilliseconds)
                .first(decodingColumn: "due", as: Int64?.self).flatMap { $0 }
            guard let oldest else { return 0 }
            return max(0, now.timeIntervalSince(Date(unixMilliseconds: oldest)))
        }
    }
}
