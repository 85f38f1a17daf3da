import FengqiaoCore
import Foundation
import SQLKit

/// Counters for the abuse limits (public reports per address and phone, failed tracking look-ups, sign-in
/// attempts per username and per address), kept in the database: every instance and every restart sees the same
/// counts. Each counter counts attempts in a window that starts with its first attempt; an attempt is recorded
/// and counted in one statement (an upsert that returns the new count), so parallel attempts are each counted
/// once and no more than the limit can ever pass the check.
public struct AbuseCounterRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Records one attempt for `key` at `now` and returns how many the current window holds with it (1 for the first
    /// attempt of a new window).
    public func hit(_ key: String, window: TimeInterval, at now: Date) async throws -> Int {
        let start = now.unixMilliseconds
        let expired = start - Int64(window * 1000)
        return try await database.transaction { sql in
            let count = try await sql.raw(
                """
                INSERT INTO abuse_counters (counter_key, window_start, hits) VALUES (\(bind: key), \(bind: start), 1)
                ON CONFLICT (counter_key) DO UPDATE SET
                    hits = CASE WHEN abuse_counters.window_start <= \(bind: expired) THEN 1
                        ELSE abuse_counters.hits + 1 END,
                    window_start = CASE WHEN abuse_counters.window_start <= \(bind: expired) THEN \(bind: start)
                        ELSE abuse_counters.window_start END
                RETURNING hits
                """
            ).first(decodingColumn: "hits", as: Int.self)
            // Now and then, forget the counters whose window ended a day ago: the table stays small.
            if Int.random(in: 0..<500) == 0 {
                try await sql.delete(from: "abuse_counters")
                    .where("window_start", .lessThan, start - 86_400_000 - Int64(window * 1000)).run()
            }
            return count ?? 1
        }
    }

    /// How many attempts the current window of `key` holds at `now` (nothing is recorded).
    public func count(_ key: String, window: TimeInterval, at now: Date) async throws -> Int {
        let expired = now.unixMilliseconds - Int64(window * 1000)
        return try await database.withConnection { sql in
            try await sql.select().column("hits").from("abuse_counters").where("counter_key", .equal, key)
                .where("window_start", .greaterThan, expired).first(decodingColumn: "hits", as: Int.self) ?? 0
        }
    }

    /// Takes one attempt back (it turned out to be no abuse: a tracking code that was found, a correct password
    /// for an address's counter).
    public func undo(_ key: String) async throws {
        try await database.transaction { sql in
            try await sql.update("abuse_counters").set(SQLIdentifier("hits"), to: SQLRaw("hits - 1"))
                .where("counter_key", .equal, key).where("hits", .greaterThan, 0).run()
        }
    }

    /// Forgets `key`'s attempts (a successful sign-in clears the username's failures).
    public func reset(_ key: String) async throws {
        try await database.transaction { sql in
            try await sql.delete(from: "abuse_counters").where("counter_key", .equal, key).run()
        }
    }
}
