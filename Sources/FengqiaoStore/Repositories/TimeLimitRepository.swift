import FengqiaoCore
import Foundation
import SQLKit

/// The time-limit policies and escalation ladders administrators edit, kept as versions with the instant each takes
/// effect (`time_limit_versions`). A case takes its limits from the book in force when its clocks started (its
/// registration) and copies them into its own file, so an edit changes cases registered from its effective date on,
/// never the history of others, and a re-assessment of an older case still chooses among the rules of its day.
public struct TimeLimitRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Who made a change, as the version records it.
    public struct Author: Sendable, Equatable {
        public var userID: Int64?
        public var name: String

        public init(userID: Int64?, name: String) {
            self.userID = userID
            self.name = name
        }
    }

    /// The book in force at `instant`.
    public func book(at instant: Date) async throws -> TimeLimitBook {
        try await history().book(at: instant)
    }

    /// Every version, withdrawn ones included.
    public func history() async throws -> TimeLimitHistory {
        try await database.withConnection { sql in try await Self.history(in: sql) }
    }

    public func policies(at instant: Date) async throws -> [TimeLimitPolicy] { try await book(at: instant).policies }

    public func ladders(at instant: Date) async throws -> [EscalationLadder] { try await book(at: instant).ladders }

    /// Adds a version of a policy taking effect at `effectiveFrom` (now when nil; not before now).
    @discardableResult
    public func save(
        _ policy: TimeLimitPolicy, effectiveFrom: Date? = nil, by author: Author? = nil, at now: Date
    ) async throws -> TimeLimitVersion {
        try policy.validate()
        return try await add(
            .policy, code: policy.code, body: policy, effectiveFrom: effectiveFrom, by: author, at: now)
    }

    /// Adds a version of a ladder taking effect at `effectiveFrom` (now when nil; not before now).
    @discardableResult
    public func save(
        _ ladder: EscalationLadder, effectiveFrom: Date? = nil, by author: Author? = nil, at now: Date
    ) async throws -> TimeLimitVersion {
        try ladder.validate()
        return try await add(
            .ladder, code: ladder.code, body: ladder, effectiveFrom: effectiveFrom, by: author, at: now)
    }

    /// Retires a policy from now on; `standard` stays (it is what applies when nothing else matches).
    public func deletePolicy(code: String, by author: Author? = nil, at now: Date) async throws {
        guard code != TimeLimitPolicy.standard.code else { throw TimeLimitError.invalidCode }
        try await retire(.policy, code: code, by: author, at: now)
    }

    /// Retires a ladder from now on.
    public func deleteLadder(code: String, by author: Author? = nil, at now: Date) async throws {
        try await retire(.ladder, code: code, by: author, at: now)
    }

    /// Withdraws a version that has not taken effect yet; returns it as it was.
    @discardableResult
    public func withdraw(version id: Int64, by author: Author? = nil, at now: Date) async throws -> TimeLimitVersion {
        try await database.transaction { sql in
            guard let version = try await Self.history(in: sql).versions.first(where: { $0.id == id }) else {
                throw TimeLimitError.notFound
            }
            guard version.withdrawnAt == nil, version.effectiveFrom > now else { throw TimeLimitError.notScheduled }
            try await sql.update("time_limit_versions")
                .set("withdrawn_at", to: SQLBind(now.unixMilliseconds))
                .set("withdrawn_by", to: SQLBind(author?.name))
                .where("id", .equal, id).where("withdrawn_at", .is, SQLLiteral.null)
                .run()
            return version
        }
    }

    private func retire(_ kind: TimeLimitVersion.Kind, code: String, by author: Author?, at now: Date) async throws {
        try await database.transaction { sql in
            let inForce = try await Self.history(in: sql).inForce(at: now)
            guard inForce.contains(where: { $0.kind == kind && $0.code == code && !$0.isRetirement }) else {
                throw TimeLimitError.notFound
            }
            _ = try await Self.insert(kind, code: code, body: nil, effectiveFrom: now, by: author, at: now, in: sql)
        }
    }

    private func add(
        _ kind: TimeLimitVersion.Kind, code: String, body: some Encodable & Sendable, effectiveFrom: Date?,
        by author: Author?, at now: Date
    ) async throws -> TimeLimitVersion {
        let effective = effectiveFrom ?? now
        // A minute's grace: a form filled in at 09:00:00 and sent at 09:00:20 asked for "now".
        guard effective >= now.addingTimeInterval(-60) else { throw TimeLimitError.effectiveInPast }
        let text = try CaseCodec.encode(body)
        return try await database.transaction { sql in
            let id = try await Self.insert(
                kind, code: code, body: text, effectiveFrom: max(effective, now), by: author, at: now, in: sql)
            guard let version = try await Self.history(in: sql).versions.first(where: { $0.id == id }) else {
                throw TimeLimitError.notFound
            }
            return version
        }
    }

    private static func insert(
        _ kind: TimeLimitVersion.Kind, code: String, body: String?, effectiveFrom: Date, by author: Author?,
        at now: Date, in sql: any SQLDatabase
    ) async throws -> Int64 {
        try await sql.insert(into: "time_limit_versions")
            .columns("kind", "code", "body", "effective_from", "created_at", "created_by_user_id", "created_by")
            .values(
                SQLBind(kind.rawValue), SQLBind(code), SQLBind(body), SQLBind(effectiveFrom.unixMilliseconds),
                SQLBind(now.unixMilliseconds), SQLBind(author?.userID), SQLBind(author?.name)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// Reads every version inside the caller's transaction (case writes choose from them).
    static func history(in sql: any SQLDatabase) async throws -> TimeLimitHistory {
        let rows = try await sql.select()
            .columns(
                "id", "kind", "code", "body", "effective_from", "created_at", "created_by", "withdrawn_at",
                "withdrawn_by"
            )
            .from("time_limit_versions").orderBy("id").all()
        var versions: [TimeLimitVersion] = []
        for row in rows {
            guard let kind = TimeLimitVersion.Kind(rawValue: try row.decode(column: "kind", as: String.self)) else {
                continue
            }
            let body = try row.decode(column: "body", as: String?.self).map { Data($0.utf8) }
            var version = TimeLimitVersion(
                id: try row.decode(column: "id", as: Int64.self), kind: kind,
                code: try row.decode(column: "code", as: String.self),
                effectiveFrom: Date(unixMilliseconds: try row.decode(column: "effective_from", as: Int64.self)),
                createdAt: Date(unixMilliseconds: try row.decode(column: "created_at", as: Int64.self)),
                createdBy: try row.decode(column: "created_by", as: String?.self),
                withdrawnAt: try row.decode(column: "withdrawn_at", as: Int64?.self).map(Date.init(unixMilliseconds:)),
                withdrawnBy: try row.decode(column: "withdrawn_by", as: String?.self))
            if let body {
                switch kind {
                case .policy: version.policy = try CaseCodec.decoder.decode(TimeLimitPolicy.self, from: body)
                case .ladder: version.ladder = try CaseCodec.decoder.decode(EscalationLadder.self, from: body)
                }
            }
            versions.append(version)
        }
        return TimeLimitHistory(versions: versions)
    }

    /// The book in force at `instant`, inside the caller's transaction.
    static func book(at instant: Date, in sql: any SQLDatabase) async throws -> TimeLimitBook {
        try await history(in: sql).book(at: instant)
    }
}
