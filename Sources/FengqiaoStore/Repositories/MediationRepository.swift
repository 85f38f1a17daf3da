import FengqiaoCore
import Foundation
import SQLKit

/// Mediation beyond the case file: point weights, the mediator ranking, and the fulfilment follow-up tasks.
public struct MediationRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public func weights() async throws -> PointWeights {
        try await database.withConnection { sql in try await Self.weights(in: sql) }
    }

    public func save(_ weights: PointWeights) async throws {
        try weights.validate()
        try await database.transaction { sql in
            for (difficulty, weight) in weights.weights {
                try await sql.update("mediator_point_weights").set("weight", to: weight)
                    .where("difficulty", .equal, difficulty.rawValue).run()
            }
        }
    }

    /// The ranking over the cases a reader may see that a mediator took part in, optionally registered in
    /// [from, to).
    public func ranking(
        visibleTo visibility: CaseRepository.Visibility, from: Date? = nil, to: Date? = nil
    ) async throws -> [MediatorStanding] {
        try await database.withConnection { sql in
            var query = CaseRepository.restrict(sql.select().column("snapshot").from("cases"), to: visibility, in: sql)
                .where(
                    SQLIdentifier("id"), .in,
                    SQLGroupExpression(sql.select().column("case_id").from("case_mediators").query))
            if let from { query = query.where("created_at", .greaterThanOrEqual, from.unixMilliseconds) }
            if let to { query = query.where("created_at", .lessThan, to.unixMilliseconds) }
            let cases = try await query.all().map(CaseRepository.decodeSnapshot)
            return MediatorRanking.compute(cases, weights: try await Self.weights(in: sql))
        }
    }

    /// A fulfilment follow-up task: a dated term of a signed agreement not yet checked as fulfilled.
    public struct FulfilmentTask: Sendable, Equatable {
        public var caseID: Case.ID
        public var caseNumber: String
        public var term: Int
        public var text: String
        public var dueAt: Date
    }

    /// The open fulfilment tasks of the cases a reader may see, earliest first, optionally due before a time.
    public func fulfilmentTasks(
        visibleTo visibility: CaseRepository.Visibility, dueBefore: Date? = nil, limit: Int = 200
    ) async throws -> [FulfilmentTask] {
        try await database.withConnection { sql in
            var query = sql.select().column("case_id").column("term").column("due_at").from("fulfilment_tasks")
                .where(
                    SQLIdentifier("case_id"), .in,
                    SQLGroupExpression(
                        CaseRepository.restrict(sql.select().column("id").from("cases"), to: visibility, in: sql).query)
                )
            if let dueBefore { query = query.where("due_at", .lessThan, dueBefore.unixMilliseconds) }
            let rows = try await query.orderBy("due_at").orderBy("case_id").limit(max(1, min(limit, 1_000))).all()
            var tasks: [FulfilmentTask] = []
            for row in rows {
                let id = Case.ID(try row.decode(column: "case_id", as: Int64.self))
                let term = try row.decode(column: "term", as: Int.self)
                guard let found = try await CaseRepository.load(id, in: sql),
                    let signed = found.mediation.signedAgreement, signed.draft.terms.indices.contains(term)
                else { continue }
                tasks.append(
                    FulfilmentTask(
                        caseID: id, caseNumber: found.number, term: term, text: signed.draft.terms[term].text,
                        dueAt: Date(unixMilliseconds: try row.decode(column: "due_at", as: Int64.self))))
            }
            return tasks
        }
    }

    static func weights(in sql: any SQLDatabase) async throws -> PointWeights {
        var weights: [Difficulty: Int] = [:]
        for row in try await sql.select().columns("difficulty", "weight").from("mediator_point_weights").all() {
            if let difficulty = Difficulty(rawValue: try row.decode(column: "difficulty", as: String.self)) {
                weights[difficulty] = try row.decode(column: "weight", as: Int.self)
            }
        }
        return PointWeights(weights: weights)
    }

    /// Keeps `case_mediators` and `fulfilment_tasks` in step with the case as a change brings it from `before` to
    /// `current` (called from every case commit): a mediator who takes part is added (and stays), the open dated
    /// terms are rewritten when they changed; nothing is written when neither did.
    static func record(_ current: Case, before: Case, in sql: any SQLDatabase) async throws {
        let mediators = CaseRows.mediators(of: current).subtracting(CaseRows.mediators(of: before)).sorted()
        if !mediators.isEmpty {
            var insert = sql.insert(into: "case_mediators").columns("case_id", "mediator_id")
            for id in mediators { insert = insert.values(SQLBind(current.id.rawValue), SQLBind(id.rawValue)) }
            try await insert.ignoringConflicts(with: ["case_id", "mediator_id"]).run()
        }
        guard CaseRows.fulfilmentTerms(of: current) != CaseRows.fulfilmentTerms(of: before) else { return }
        try await sql.delete(from: "fulfilment_tasks").where("case_id", .equal, current.id.rawValue).run()
        try await CaseBulkLoader.insertRows(
            into: "fulfilment_tasks", columns: CaseRows.fulfilmentColumns, rows: CaseRows.fulfilmentRows(of: current),
            in: sql)
    }
}
