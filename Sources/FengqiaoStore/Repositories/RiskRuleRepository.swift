import FengqiaoCore
import Foundation
import SQLKit

/// One version of the county's risk model or care plan (`risk_rule_versions`), with the instant it takes effect.
/// Administrators never change either in place: each edit adds a version; a scheduled one may be withdrawn.
public struct RiskRuleVersion: Sendable, Equatable, Identifiable {
    public enum Kind: String, Sendable, CaseIterable {
        case model
        case carePlan = "care-plan"
    }

    public var id: Int64
    public var kind: Kind
    /// The model (kind `model`), its `version` the version's number among the models.
    public var model: RiskModel?
    /// The care plan (kind `care-plan`).
    public var carePlan: CarePlan?
    public var effectiveFrom: Date
    public var createdAt: Date
    /// Who made the change; nil for the shipped standard.
    public var createdBy: String?
    public var withdrawnAt: Date?
    public var withdrawnBy: String?

    /// Where the version stands at `now` among `versions` of its kind (as time-limit versions).
    public func status(at now: Date, among versions: [RiskRuleVersion]) -> TimeLimitVersion.Status {
        if withdrawnAt != nil { return .withdrawn }
        if effectiveFrom > now { return .scheduled }
        let current = RiskRuleHistory.inForce(kind, at: now, among: versions)
        return current?.id == id ? .current : .past
    }
}

/// Every version of both kinds, oldest first.
public struct RiskRuleHistory: Sendable, Equatable {
    public var versions: [RiskRuleVersion]

    public static func inForce(
        _ kind: RiskRuleVersion.Kind, at instant: Date, among versions: [RiskRuleVersion]
    ) -> RiskRuleVersion? {
        versions.filter { $0.kind == kind && $0.withdrawnAt == nil && $0.effectiveFrom <= instant }
            .max { ($0.effectiveFrom, $0.id) < ($1.effectiveFrom, $1.id) }
    }

    public func model(at instant: Date) -> RiskModel {
        Self.inForce(.model, at: instant, among: versions)?.model ?? .standard
    }

    public func carePlan(at instant: Date) -> CarePlan {
        Self.inForce(.carePlan, at: instant, among: versions)?.carePlan ?? .standard
    }

    public func of(_ kind: RiskRuleVersion.Kind) -> [RiskRuleVersion] { versions.filter { $0.kind == kind } }
}

/// Why a risk-rule change was refused.
public enum RiskRuleError: Error, Equatable, UserFacingError {
    /// The model or care plan is not valid: the first problem names the field.
    case invalid([Localized])
    case effectiveInPast
    case notFound
    case notScheduled

    public var code: String {
        switch self {
        case .invalid: "risk_model.invalid"
        case .effectiveInPast: "risk_model.effective_in_past"
        case .notFound: "risk_model.not_found"
        case .notScheduled: "risk_model.not_scheduled"
        }
    }

    public var message: Localized {
        switch self {
        case .invalid(let problems):
            Localized(
                zh: problems.map(\.zh).joined(separator: " "), en: problems.map(\.en).joined(separator: " "))
        case .effectiveInPast:
            Localized(zh: "生效日期（effectiveFrom）不能早于今天。", en: "effectiveFrom cannot be in the past.")
        case .notFound: Localized(zh: "没有这个版本。", en: "No such version.")
        case .notScheduled:
            Localized(zh: "只能撤回尚未生效的版本。", en: "Only a version not yet in force can be withdrawn.")
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .invalid, .effectiveInPast: .invalid
        case .notFound: .notFound
        case .notScheduled: .conflict
        }
    }
}

/// The risk model (weights and thresholds) and the care plan of key persons, versioned like the time limits: what
/// scoring and the key persons' visit clocks read at a given instant.
public struct RiskRuleRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public func history() async throws -> RiskRuleHistory {
        try await database.withConnection { sql in try await Self.history(in: sql) }
    }

    /// The model in force at `instant`.
    public func riskModel(at instant: Date) async throws -> RiskModel {
        try await history().model(at: instant)
    }

    /// The model in force at `instant`, inside the caller's transaction.
    public static func riskModel(at instant: Date, in sql: any SQLDatabase) async throws -> RiskModel {
        try await history(in: sql).model(at: instant)
    }

    /// The care plan in force at `instant`.
    public func carePlan(at instant: Date) async throws -> CarePlan {
        try await history().carePlan(at: instant)
    }

    /// The care plan in force at `instant`, inside the caller's transaction.
    public static func carePlan(at instant: Date, in sql: any SQLDatabase) async throws -> CarePlan {
        try await history(in: sql).carePlan(at: instant)
    }

    /// Adds a model version taking effect at `effectiveFrom` (now when nil; never in the past).
    @discardableResult
    public func save(
        _ model: RiskModel, effectiveFrom: Date?, by author: TimeLimitRepository.Author?, at now: Date
    ) async throws -> RiskRuleVersion {
        let problems = model.problems()
        guard problems.isEmpty else { throw RiskRuleError.invalid(problems) }
        let body = ModelBody(weights: model.weights, thresholds: model.thresholds)
        return try await add(.model, body: try Self.encode(body), effectiveFrom: effectiveFrom, by: author, at: now)
    }

    /// Adds a care-plan version taking effect at `effectiveFrom` (now when nil; never in the past).
    @discardableResult
    public func save(
        _ plan: CarePlan, calendar: WorkingCalendar, effectiveFrom: Date?, by author: TimeLimitRepository.Author?,
        at now: Date
    ) async throws -> RiskRuleVersion {
        let problems = plan.problems(calendar: calendar)
        guard problems.isEmpty else { throw RiskRuleError.invalid(problems) }
        var body: [String: String] = [:]
        for personClass in KeyPersonClass.allCases { body[personClass.rawValue] = plan.interval(for: personClass).code }
        return try await add(.carePlan, body: try Self.encode(body), effectiveFrom: effectiveFrom, by: author, at: now)
    }

    /// Withdraws a version that has not taken effect yet.
    @discardableResult
    public func withdraw(
        version id: Int64, by author: TimeLimitRepository.Author?, at now: Date
    ) async throws -> RiskRuleVersion {
        try await database.transaction { sql in
            guard let version = try await Self.history(in: sql).versions.first(where: { $0.id == id }) else {
                throw RiskRuleError.notFound
            }
            guard version.withdrawnAt == nil, version.effectiveFrom > now else { throw RiskRuleError.notScheduled }
            try await sql.update("risk_rule_versions")
                .set("withdrawn_at", to: SQLBind(now.unixMilliseconds))
                .set("withdrawn_by", to: SQLBind(author?.name))
                .where("id", .equal, id).where("withdrawn_at", .is, SQLLiteral.null)
                .run()
            return version
        }
    }

    private func add(
        _ kind: RiskRuleVersion.Kind, body: String, effectiveFrom: Date?, by author: TimeLimitRepository.Author?,
        at now: Date
    ) async throws -> RiskRuleVersion {
        let effective = effectiveFrom ?? now
        guard effective >= now.addingTimeInterval(-60) else { throw RiskRuleError.effectiveInPast }
        return try await database.transaction { sql in
            let id =
                try await sql.insert(into: "risk_rule_versions")
                .columns("kind", "body", "effective_from", "created_at", "created_by_user_id", "created_by")
                .values(
                    SQLBind(kind.rawValue), SQLBind(body), SQLBind(max(effective, now).unixMilliseconds),
                    SQLBind(now.unixMilliseconds), SQLBind(author?.userID), SQLBind(author?.name)
                )
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            guard let version = try await Self.history(in: sql).versions.first(where: { $0.id == id }) else {
                throw RiskRuleError.notFound
            }
            return version
        }
    }

    struct ModelBody: Codable {
        var weights: [String: Int]
        var thresholds: RiskThresholds
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func history(in sql: any SQLDatabase) async throws -> RiskRuleHistory {
        let rows = try await sql.select()
            .columns(
                "id", "kind", "body", "effective_from", "created_at", "created_by", "withdrawn_at", "withdrawn_by"
            )
            .from("risk_rule_versions").orderBy("id").all()
        var versions: [RiskRuleVersion] = []
        var modelNumber = 0
        for row in rows {
            guard let kind = RiskRuleVersion.Kind(rawValue: try row.decode(column: "kind", as: String.self)) else {
                continue
            }
            let body = Data(try row.decode(column: "body", as: String.self).utf8)
            let effectiveFrom = Date(unixMilliseconds: try row.decode(column: "effective_from", as: Int64.self))
            var version = RiskRuleVersion(
                id: try row.decode(column: "id", as: Int64.self), kind: kind, effectiveFrom: effectiveFrom,
                createdAt: Date(unixMilliseconds: try row.decode(column: "created_at", as: Int64.self)),
                createdBy: try row.decode(column: "created_by", as: String?.self),
                withdrawnAt: try row.decode(column: "withdrawn_at", as: Int64?.self).map(Date.init(unixMilliseconds:)),
                withdrawnBy: try row.decode(column: "withdrawn_by", as: String?.self))
            switch kind {
            case .model:
                modelNumber += 1
                let decoded = try JSONDecoder().decode(ModelBody.self, from: body)
                version.model = RiskModel(
                    version: modelNumber, effectiveFrom: effectiveFrom, weights: decoded.weights,
                    thresholds: decoded.thresholds)
            case .carePlan:
                let decoded = try JSONDecoder().decode([String: String].self, from: body)
                var intervals: [KeyPersonClass: TimeLimit] = [:]
                for (key, code) in decoded {
                    if let personClass = KeyPersonClass(rawValue: key), let limit = TimeLimit(code: code) {
                        intervals[personClass] = limit
                    }
                }
                version.carePlan = CarePlan(intervals: intervals)
            }
            versions.append(version)
        }
        return RiskRuleHistory(versions: versions)
    }
}
