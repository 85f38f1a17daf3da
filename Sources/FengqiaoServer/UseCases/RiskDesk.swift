import FengqiaoCore
import FengqiaoStore
import Foundation

/// What the risk pages and the risk API do, once for both: the lists each reader may see (`RiskAccess`), a warning
/// or visit read (written to the access log: a warning is about a person, a household or their dispute), recording
/// a visit, the earlier disputes between the same people on a case page.
struct RiskDesk: Sendable {
    let risk: RiskStore
    let cases: CaseRepository
    let regions: RegionRepository
    let accessLog: AccessLogRepository

    /// The longest note a visit keeps.
    static let noteLimit = 2000

    enum Refusal: UserFacingError, Equatable {
        case noteTooLong
        case noOutcome
        case unknownOutcome(String)

        var code: String {
            switch self {
            case .noteTooLong: "risk.note_too_long"
            case .noOutcome: "risk.outcome_required"
            case .unknownOutcome: "risk.unknown_outcome"
            }
        }

        var message: Localized {
            switch self {
            case .noteTooLong:
                Localized(
                    zh: "走访情况不能超过\(RiskDesk.noteLimit)个字。",
                    en: "The note (note) must be at most \(RiskDesk.noteLimit) characters.")
            case .noOutcome:
                Localized(zh: "请选择走访结果。", en: "Choose the outcome (outcome) of the visit.")
            case .unknownOutcome(let value):
                Localized(
                    zh: "走访结果“\(value.prefix(40))”无效。", en: "The outcome (outcome) \"\(value.prefix(40))\" is unknown.")
            }
        }

        var kind: ErrorKind { self == .noOutcome ? .malformed : .invalid }
    }

    /// The region path of a region code (`region=` of the lists); nil when absent.
    func regionPath(code: String?) async throws -> String?? {
        guard let code, !code.isEmpty else { return .some(nil) }
        guard let region = try await regions.find(code: code) else { return nil }
        return .some(try await regions.path(of: region.id))
    }

    func warning(_ id: Int64, identity: Identity, now: Date, requestID: String) async throws -> RiskWarningRecord {
        guard let record = try await risk.warning(id, visibleTo: identity.actor) else {
            throw RiskStoreError.warningNotFound
        }
        try await log("risk.warning.view", caseID: record.caseID, detail: "预警 \(id)", identity, now, requestID)
        return record
    }

    func visit(
        _ id: Int64, identity: Identity, now: Date, requestID: String
    ) async throws -> (RiskVisitRecord, RiskWarningRecord) {
        guard let found = try await risk.visit(id, visibleTo: identity.actor) else {
            throw RiskStoreError.visitNotFound
        }
        try await log("risk.visit.view", caseID: found.1.caseID, detail: "走访 \(id)", identity, now, requestID)
        return found
    }

    func record(
        _ id: Int64, outcome: String?, note: String?, indicators: [String], identity: Identity, now: Date,
        requestID: String
    ) async throws -> RiskWarningRecord {
        guard let outcome, !outcome.isEmpty else { throw Refusal.noOutcome }
        guard let parsed = VisitOutcome(rawValue: outcome) else { throw Refusal.unknownOutcome(outcome) }
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let note, note.count > Self.noteLimit { throw Refusal.noteTooLong }
        let saved = try await risk.recordVisit(
            id, by: identity.actor, outcome: parsed, note: note?.isEmpty == true ? nil : note,
            recorded: Array(Set(indicators)).sorted(), at: now)
        try await log("risk.visit.record", caseID: saved.caseID, detail: "走访 \(id)", identity, now, requestID)
        return saved
    }

    /// The earlier disputes between the same people (or household) of a case the reader may see, those of them the
    /// reader may see by the one rule (`CaseVisibility`); the look-up is written to the access log.
    func earlierDisputes(
        of current: Case, identity: Identity, now: Date, requestID: String
    ) async throws -> [Case] {
        let found = try await risk.earlierDisputes(of: current.id).filter {
            CaseVisibility.canView($0, by: identity.actor)
        }
        try await log(
            "risk.earlier_disputes", caseID: current.id, detail: "同一当事人此前纠纷 \(found.count) 件", identity, now,
            requestID)
        return found
    }

    private func log(
        _ action: String, caseID: Case.ID?, detail: String, _ identity: Identity, _ now: Date, _ requestID: String
    ) async throws {
        try await accessLog.record(
            AccessLogRepository.Entry(
                at: now, userID: identity.user.id, username: identity.user.username, action: action, caseID: caseID,
                detail: detail, requestID: requestID))
    }
}

extension AppServices {
    /// What the risk pages and API run (`RiskDesk`).
    var riskDesk: RiskDesk { RiskDesk(risk: risk, cases: cases, regions: regions, accessLog: accessLog) }
}
