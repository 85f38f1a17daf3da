import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/api/v1/risk/warnings` and `/api/v1/visits` (docs/RISK.md): the warnings and visits the caller may see
/// (`RiskAccess`: the grid's worker, the township's police station and justice office, the center and the leader in
/// their jurisdiction; nobody else), and recording a visit. Every read of a warning or visit is in the access log.
struct RiskAPIController {
    let desk: RiskDesk

    struct FiredResource: Codable, Sendable {
        let indicator: String
        let name: LocalizedText
        let explanation: LocalizedText
        let points: Int
        let evidence: String
        let at: Date
    }

    struct VisitResource: Codable, Sendable {
        let id: Int64
        let warningId: Int64
        let visitor: String
        let visitorName: LocalizedText
        let organisationId: Int64?
        let grade: String
        let warningOpen: Bool
        let due: Date
        let overdue: Bool
        let doneAt: Date?
        let outcome: String?
        let outcomeName: LocalizedText?
        let note: String?
        let indicators: [String]

        init(_ visit: RiskVisitRecord, now: Date) {
            id = visit.id
            warningId = visit.warningID
            visitor = visit.visitor.rawValue
            visitorName = LocalizedText(visit.visitor.name)
            organisationId = visit.organisationID?.rawValue
            grade = visit.grade.rawValue
            warningOpen = visit.warningOpen
            due = visit.due
            overdue = visit.warningOpen && visit.isOverdue(at: now)
            doneAt = visit.doneAt
            outcome = visit.outcome?.rawValue
            outcomeName = visit.outcome.map { LocalizedText($0.name) }
            note = visit.note
            indicators = visit.recorded
        }
    }

    struct WarningResource: Codable, Sendable {
        let id: Int64
        let subject: String
        let grade: String
        let gradeName: LocalizedText
        let score: Int
        let modelVersion: Int
        let caseId: Int64
        let open: Bool
        let raisedAt: Date
        let closedAt: Date?
        let followedByIncident: Bool
        let visitedOnTime: Bool
        let fired: [FiredResource]
        let visits: [VisitResource]

        init(_ record: RiskWarningRecord, now: Date) {
            let warning = record.warning
            id = record.id
            subject = record.subjectKind.rawValue
            grade = warning.grade.rawValue
            gradeName = LocalizedText(warning.grade.name)
            score = warning.assessment.score
            modelVersion = warning.assessment.modelVersion
            caseId = record.caseID.rawValue
            open = warning.isOpen
            raisedAt = warning.raisedAt
            closedAt = warning.closedAt
            followedByIncident = warning.followedByIncident
            visitedOnTime = warning.visitedOnTime
            fired = warning.assessment.fired.map {
                FiredResource(
                    indicator: $0.indicator, name: LocalizedText($0.name), explanation: LocalizedText($0.explanation),
                    points: $0.points, evidence: $0.evidence, at: $0.at)
            }
            visits = record.visits.map { VisitResource($0, now: now) }
        }
    }

    struct WarningList: ResponseEncodable {
        let items: [WarningResource]
    }

    struct VisitList: ResponseEncodable {
        let items: [VisitResource]
    }

    struct WarningAnswer: ResponseEncodable {
        let warning: WarningResource
    }

    struct VisitAnswer: ResponseEncodable {
        let visit: VisitResource
        let warning: WarningResource
    }

    /// The body of `POST /api/v1/visits/{id}`.
    struct VisitBody: Decodable {
        let outcome: String?
        let note: String?
        let indicators: [String]?
    }

    static let forbidden = APIError(
        status: .forbidden, code: "risk.forbidden",
        message: Localized(zh: "您无权查看风险预警。", en: "You may not see risk warnings."))

    func requireRiskRole(_ identity: Identity) throws {
        guard RiskAccess.mayUse(identity.actor) else { throw Self.forbidden }
    }

    func id(_ context: AppRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
            throw StrictQuery.invalid(
                "id", context.parameters.get("id") ?? "", expected: Localized(zh: "正整数", en: "a positive integer"))
        }
        return id
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("risk/warnings") { request, context in
            let identity = try context.requireIdentity()
            try requireRiskRole(identity)
            let strict = StrictQuery(request.uri.queryParameters)
            guard let path = try await desk.regionPath(code: request.uri.queryParameters.get("region")) else {
                var error = APIError.notFound
                error.parameter = "region"
                throw error
            }
            let filter = RiskStore.Filter(
                grade: try strict.value("grade", as: RiskGrade.self), regionPath: path,
                open: try strict.boolean("open"), limit: Int(try strict.integer("limit", in: 1...500) ?? 100))
            return WarningList(
                items: try await desk.risk.warnings(filter, visibleTo: identity.actor).map {
                    WarningResource($0, now: context.now)
                })
        }
        group.get("risk/warnings/:id") { _, context in
            let identity = try context.requireIdentity()
            try requireRiskRole(identity)
            let record = try await desk.warning(
                try id(context), identity: identity, now: context.now, requestID: context.requestID)
            return WarningAnswer(warning: WarningResource(record, now: context.now))
        }
        group.get("visits") { request, context in
            let identity = try context.requireIdentity()
            try requireRiskRole(identity)
            let strict = StrictQuery(request.uri.queryParameters)
            let pending = try strict.boolean("pending") ?? true
            let overdueOnly = try strict.boolean("overdue") ?? false
            let visits = try await desk.risk.visits(for: identity.actor, pending: pending).filter {
                !overdueOnly || $0.isOverdue(at: context.now)
            }
            return VisitList(items: visits.map { VisitResource($0, now: context.now) })
        }
        group.get("visits/:id") { _, context in
            let identity = try context.requireIdentity()
            try requireRiskRole(identity)
            let (visit, warning) = try await desk.visit(
                try id(context), identity: identity, now: context.now, requestID: context.requestID)
            return VisitAnswer(
                visit: VisitResource(visit, now: context.now), warning: WarningResource(warning, now: context.now))
        }
        group.post("visits/:id") { request, context in
            let identity = try context.requireIdentity()
            try requireRiskRole(identity)
            let visitID = try id(context)
            let body = try await request.decode(as: VisitBody.self, context: context)
            let saved = try await desk.record(
                visitID, outcome: body.outcome, note: body.note, indicators: body.indicators ?? [],
                identity: identity, now: context.now, requestID: context.requestID)
            guard let visit = saved.visits.first(where: { $0.id == visitID }) else {
                throw RiskStoreError.visitNotFound
            }
            return VisitAnswer(
                visit: VisitResource(visit, now: context.now), warning: WarningResource(saved, now: context.now))
        }
    }
}
