import FengqiaoCore
import Foundation
import SQLKit

/// The risk model in force: the one place the scoring asks for it.
public enum RiskModels {
    /// The model version in force at `date`: the weights and thresholds county administrators keep as versions
    /// (`RiskRuleRepository`, `/admin/risk`), the standard model before any.
    public static func inForce(at date: Date, in sql: any SQLDatabase) async throws -> RiskModel {
        try await RiskRuleRepository.riskModel(at: date, in: sql)
    }
}

/// Scores the subjects of a case inside the transaction of the case write (so a warning exists as soon as the case
/// is acknowledged) and raises, re-raises or keeps their warnings: the dispute itself, each person known by an ID
/// number or phone and each household that appear in two or more cases within a year. Indexed look-ups only.
struct RiskAssessor {
    let sql: any SQLDatabase
    let key: PersonKey
    let calendar: WorkingCalendar

    static let year: TimeInterval = 365 * 86_400

    /// Whether a change touches what the indicators read of a case (`RiskCaseView`) or its people.
    static func readsChange(from before: Case, to after: Case) -> Bool {
        before.title != after.title || before.description != after.description
            || before.categoryCode != after.categoryCode || before.channel != after.channel
            || before.parties != after.parties || before.regionPath != after.regionPath
            || before.reopenCount != after.reopenCount || before.escalationCount != after.escalationCount
            || before.returnCount != after.returnCount || before.urgency != after.urgency
            || (before.whistle == nil) != (after.whistle == nil) || before.satisfaction != after.satisfaction
            || before.state.isUnresolved != after.state.isUnresolved
    }
    static let casesPerSubject = 20

    /// After a case write: the keys of the case are written (`case_people`), a new case marks the earlier warnings
    /// about the same people as followed by an incident, and every subject is scored.
    func caseWritten(_ current: Case, before: Case?, flareUpCount: Int, at requested: Date) async throws {
        // The case's own times are kept to the millisecond (rounded): scored at a `now` a fraction earlier, its
        // observations would lie in the future and count nothing.
        let now = max(requested, current.createdAt, current.updatedAt)
        try await CasePeople.record(current, before: before, key: key, in: sql)
        let keys = CasePeople.keys(of: current, key: key)
        if before == nil, !keys.all.isEmpty {
            try await sql.update("risk_warnings").set("followed_by_incident", to: true)
                .where("followed_by_incident", .equal, false)
                .where("raised_at", .lessThan, current.createdAt.unixMilliseconds)
                .where(
                    SQLIdentifier("id"), .in,
                    SQLGroupExpression(
                        sql.select().column("warning_id").from("risk_warning_keys").where("key", .in, keys.all).query)
                ).run()
        }
        let model = try await RiskModels.inForce(at: now, in: sql)
        var types: [String: DisputeType?] = [:]
        let view = try await self.view(of: current, flareUpCount: flareUpCount, keys: keys.all, at: now, types: &types)
        let disputeSignals = RiskDetector.signals(of: view, at: now)
        try await apply(
            subject: .dispute, subjectKey: "case:\(current.id.rawValue)", keys: keys.all, of: current,
            signals: disputeSignals, model: model, at: now)
        let subjects: [(kind: RiskSubjectKind, key: String, known: [String])] =
            keys.persons.map { (.person, $0.subject, $0.keys) } + keys.households.map { (.household, $0, [$0]) }
        for (kind, subjectKey, known) in subjects {
            let others = try await CasePeople.cases(
                sharing: known, from: now.addingTimeInterval(-Self.year), to: now, excluding: current.id,
                limit: Self.casesPerSubject - 1, in: sql)
            guard !others.isEmpty else { continue }  // one case only: the dispute's warning says it all
            var signals = disputeSignals
            for id in others {
                guard let other = try await CaseRepository.load(id, in: sql) else { continue }
                let otherView = try await self.view(of: other, flareUpCount: 0, keys: [], at: now, types: &types)
                signals += RiskDetector.signals(of: otherView, at: now)
            }
            signals.append(
                RiskSignal(
                    indicator: "repeat-dispute", at: current.createdAt, caseID: current.id,
                    evidence: "一年内\(others.count + 1)件"))
            try await apply(
                subject: kind, subjectKey: subjectKey, keys: known, of: current, signals: signals, model: model,
                at: now)
        }
    }

    func view(
        of current: Case, flareUpCount: Int, keys: [String], at now: Date, types: inout [String: DisputeType?]
    ) async throws -> RiskCaseView {
        var disputeType: DisputeType?
        if let code = current.categoryCode {
            if let known = types[code] {
                disputeType = known
            } else {
                let stored = try await sql.select().column("dispute_type").from("categories").where(
                    "code", .equal, code
                )
                .first(decodingColumn: "dispute_type", as: String?.self)
                disputeType = (stored ?? nil).flatMap(DisputeType.init(rawValue:))
                types[code] = disputeType
            }
        }
        let earlier = try await CasePeople.cases(
            sharing: keys, from: current.createdAt.addingTimeInterval(-Self.year), to: current.createdAt,
            excluding: current.id, limit: 10, in: sql)
        let deadline = CaseClocks.finishDeadline(of: current, calendar: calendar)
        return RiskCaseView(
            case: current, disputeType: disputeType, flareUpCount: flareUpCount,
            overdue: current.state.isUnresolved && (deadline.map { $0 < now } ?? false),
            earlierDisputesBetweenParties: earlier.count)
    }

    /// The indicators recorded on the visits of the subject's warnings.
    func recordedSignals(of subjectKey: String) async throws -> [RiskSignal] {
        let rows = try await sql.select().column(SQLColumn("recorded", table: "v")).column(
            SQLColumn("done_at", table: "v")
        )
        .from(SQLAlias(SQLIdentifier("risk_visits"), as: SQLIdentifier("v")))
        .join(
            SQLAlias(SQLIdentifier("risk_warnings"), as: SQLIdentifier("w")), method: SQLJoinMethod.inner,
            on: SQLColumn("id", table: "w"), .equal, SQLColumn("warning_id", table: "v")
        )
        .where(SQLColumn("subject_key", table: "w"), .equal, SQLBind(subjectKey))
        .where(SQLColumn("recorded", table: "v"), .notEqual, SQLBind("[]"))
        .all()
        var signals: [RiskSignal] = []
        for row in rows {
            guard let done = try row.decode(column: "done_at", as: Int64?.self) else { continue }
            let codes = try CaseCodec.decoder.decode(
                [String].self, from: Data(try row.decode(column: "recorded", as: String.self).utf8))
            signals += codes.map { RiskSignal(indicator: $0, at: Date(unixMilliseconds: done), evidence: "走访录入") }
        }
        return signals
    }

    /// Scores one subject and brings its warning up to date: raised when it reaches a grade and has no open
    /// warning (and scores higher than the last one closed, so that a closed warning is not raised again by the same
    /// facts), re-raised when it climbs, its reasons kept fresh otherwise.
    func apply(
        subject: RiskSubjectKind, subjectKey: String, keys: [String], of current: Case, signals: [RiskSignal],
        model: RiskModel, at now: Date
    ) async throws {
        let assessment = RiskScoring.assess(
            signals + (try await recordedSignals(of: subjectKey)), at: now, model: model)
        let last = try await RiskStore.latest(subjectKey: subjectKey, in: sql)
        if let last, last.warning.isOpen {
            let updated = RiskWarnings.reassess(last.warning, with: assessment, at: now, calendar: calendar)
            guard updated != last.warning else { return }
            try await RiskStore.save(
                updated, id: last.id, before: last.warning, caseID: current.id, regionPath: current.regionPath,
                event: updated.grade > last.warning.grade ? "regraded" : nil, actor: "", detail: "", at: now,
                in: sql)
            return
        }
        guard assessment.grade != nil else { return }
        if let last, assessment.score <= last.warning.assessment.score { return }
        guard let warning = RiskWarnings.raise(assessment, subject: subject, at: now, calendar: calendar) else {
            return
        }
        try await RiskStore.insert(
            warning, subjectKey: subjectKey, keys: keys, caseID: current.id, regionPath: current.regionPath, at: now,
            in: sql)
    }
}
