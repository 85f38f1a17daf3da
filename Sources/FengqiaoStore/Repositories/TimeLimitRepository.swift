import FengqiaoCore
import Foundation
import SQLKit

/// The time-limit policies and escalation ladders administrators edit. Cases copy what applied into their own
/// file, so editing here changes new cases and re-assessed ones, never the history of others.
public struct TimeLimitRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public func book() async throws -> TimeLimitBook {
        try await database.withConnection { sql in try await Self.book(in: sql) }
    }

    public func policies() async throws -> [TimeLimitPolicy] { try await book().policies }

    public func ladders() async throws -> [EscalationLadder] { try await book().ladders }

    /// Adds a policy or replaces the one with the same code.
    public func save(_ policy: TimeLimitPolicy, at now: Date) async throws {
        try policy.validate()
        try await upsert("time_limit_policies", code: policy.code, body: policy, at: now)
    }

    /// Adds a ladder or replaces the one with the same code.
    public func save(_ ladder: EscalationLadder, at now: Date) async throws {
        try ladder.validate()
        try await upsert("escalation_ladders", code: ladder.code, body: ladder, at: now)
    }

    /// Removes a policy; `standard` stays (it is what applies when nothing else matches).
    public func deletePolicy(code: String) async throws {
        guard code != TimeLimitPolicy.standard.code else { throw TimeLimitError.invalidCode }
        try await delete(from: "time_limit_policies", code: code)
    }

    public func deleteLadder(code: String) async throws {
        try await delete(from: "escalation_ladders", code: code)
    }

    private func delete(from table: String, code: String) async throws {
        try await database.transaction { sql in
            guard try await sql.delete(from: table).where("code", .equal, code).returning("code").first() != nil
            else { throw TimeLimitError.notFound }
        }
    }

    private func upsert(_ table: String, code: String, body: some Encodable & Sendable, at now: Date) async throws {
        let text = try CaseCodec.encode(body)
        try await database.transaction { sql in
            try await sql.insert(into: table).columns("code", "body", "updated_at")
                .values(SQLBind(code), SQLBind(text), SQLBind(now.unixMilliseconds))
                .onConflict(with: ["code"]) { $0.set(excludedValueOf: "body").set(excludedValueOf: "updated_at") }
                .run()
        }
    }

    /// Reads the policies and ladders inside the caller's transaction (case writes choose from them).
    /// One statement: the policies (kind 0) and the ladders (kind 1), each by code.
    static func book(in sql: any SQLDatabase) async throws -> TimeLimitBook {
        var policies: [TimeLimitPolicy] = []
        var ladders: [EscalationLadder] = []
        let rows = try await sql.raw(
            """
            SELECT 0 AS kind, code, body FROM time_limit_policies
            UNION ALL SELECT 1 AS kind, code, body FROM escalation_ladders
            ORDER BY kind, code
            """
        ).all()
        for row in rows {
            let body = Data(try row.decode(column: "body", as: String.self).utf8)
            if try row.decode(column: "kind", as: Int.self) == 0 {
                policies.append(try CaseCodec.decoder.decode(TimeLimitPolicy.self, from: body))
            } else {
                ladders.append(try CaseCodec.decoder.decode(EscalationLadder.self, from: body))
            }
        }
        return TimeLimitBook(policies: policies, ladders: ladders)
    }
}
