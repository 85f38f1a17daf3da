import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/api/v1/risk/indicators` (the catalogue with the model in force; a new model version by county administrators)
/// and `/api/v1/key-persons` (the register of key persons, through `KeyPersonRegister`: the one access rule, masking,
/// the access log of every view).
struct KeyPersonAPIController {
    let register: KeyPersonRegister
    let rules: RiskRuleRepository
    let calendars: LiveCalendar
    let regions: RegionRepository
    let accessLog: AccessLogRepository

    // MARK: Resources

    struct IndicatorResource: Codable {
        let code: String
        let name: LocalizedText
        let explanation: LocalizedText
        let windowDays: Int
        let source: String
        let sourceName: LocalizedText
        let group: String
        let groupName: LocalizedText
        let defaultWeight: Int
        let weight: Int
    }

    struct CatalogueResource: ResponseEncodable {
        let modelVersion: Int
        let effectiveFrom: Date
        let thresholds: RiskThresholds
        let indicators: [IndicatorResource]
    }

    struct ModelRequest: Decodable {
        let effectiveFrom: String?
        let weights: [String: Int]
        let thresholds: RiskThresholds
    }

    struct ModelVersionResource: ResponseEncodable {
        let id: Int64
        let version: Int
        let effectiveFrom: Date
        let createdAt: Date
        let createdBy: String?
        let status: String
    }

    struct PersonResource: ResponseEncodable, Codable {
        let id: Int64
        let name: String
        let idNumber: String?
        let phone: String?
        let address: String
        let regionCode: String
        let regionName: String
        let `class`: KeyPersonClass
        let className: LocalizedText
        let classedAt: Date
        let responsible: [String]
        let nextVisitDue: Date?
        let overdue: Bool
        let personalDataShown: Bool
        let createdAt: Date
        let updatedAt: Date
    }

    struct Counts: Codable {
        let green: Int
        let yellow: Int
        let red: Int
    }

    struct PersonList: ResponseEncodable {
        let items: [PersonResource]
        let total: Int
        let counts: Counts
    }

    struct EventResource: Codable {
        let id: Int64
        let at: Date
        let kind: String
        let description: LocalizedText
        let fromClass: KeyPersonClass?
        let toClass: KeyPersonClass?
        let reason: String?
        let outcome: VisitOutcome?
        let actor: String
    }

    struct FileResource: ResponseEncodable {
        let person: PersonResource
        let events: [EventResource]
    }

    struct VisitResource: ResponseEncodable, Codable {
        let id: Int64
        let dueAt: Date
        let doneAt: Date?
        let visitor: String?
        let outcome: VisitOutcome?
        let note: String?
        let overdue: Bool
    }

    struct VisitList: ResponseEncodable {
        let items: [VisitResource]
    }

    struct PersonRequest: Decodable {
        let name: String?
        let idNumber: String?
        let phone: String?
        let address: String?
        let gridCode: String?
        let `class`: String?
        let reason: String?
        let responsible: [String]?
    }

    struct PersonPatch: Decodable {
        let `class`: String?
        let reason: String?
        let responsible: [String]?
    }

    struct VisitRequest: Decodable {
        let outcome: String?
        let note: String?
    }

    // MARK: Routes

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("risk/indicators") { _, context in
            _ = try context.requireIdentity()
            let model = try await rules.riskModel(at: context.now)
            return CatalogueResource(
                modelVersion: model.version, effectiveFrom: model.effectiveFrom, thresholds: model.thresholds,
                indicators: RiskCatalogue.standard.map { indicator in
                    IndicatorResource(
                        code: indicator.code, name: LocalizedText(indicator.name),
                        explanation: LocalizedText(indicator.explanation), windowDays: indicator.windowDays,
                        source: indicator.source.rawValue, sourceName: LocalizedText(indicator.source.name),
                        group: indicator.group.rawValue, groupName: LocalizedText(indicator.group.name),
                        defaultWeight: indicator.weight, weight: model.weight(of: indicator))
                })
        }
        group.put("risk/indicators") { request, context in
            try await AdminScope.requireCountyAdministrator(context, regions)
            let body = try await request.decodeBody(as: ModelRequest.self, context: context)
            let effective = try Self.effectiveFrom(body.effectiveFrom, calendars.current)
            let model = RiskModel(
                version: 0, effectiveFrom: effective ?? context.now, weights: body.weights, thresholds: body.thresholds)
            let version = try await rules.save(
                model, effectiveFrom: effective, by: RulesAPI.author(context), at: context.now)
            try await RulesAPI.log(accessLog, context, "risk-model.save", AdminRiskController.detail(version))
            let history = try await rules.history()
            return ModelVersionResource(
                id: version.id, version: version.model?.version ?? 0, effectiveFrom: version.effectiveFrom,
                createdAt: version.createdAt, createdBy: version.createdBy,
                status: version.status(at: context.now, among: history.versions).rawValue)
        }
        group.get("key-persons") { request, context in
            let actor = try context.requireIdentity().actor
            let query = request.uri.queryParameters
            var personClass: KeyPersonClass?
            if let text = query.get("class"), !text.isEmpty {
                guard let value = KeyPersonClass(rawValue: text) else {
                    throw APIError.badRequest(
                        "key_person.invalid_class",
                        Localized(zh: "人员类别（class）应为 green、yellow 或 red。", en: "class must be green, yellow or red."))
                }
                personClass = value
            }
            let found = try await register.list(
                by: actor, personClass: personClass, region: query.get("region").map { String($0) }, at: context.now,
                requestID: context.requestID)
            var items: [PersonResource] = []
            var names: [Region.ID: Region] = [:]
            for person in found.people {
                items.append(try await resource(person, shown: false, at: context.now, regions: &names))
            }
            return PersonList(
                items: items, total: items.count,
                counts: Counts(
                    green: found.counts[.green] ?? 0, yellow: found.counts[.yellow] ?? 0, red: found.counts[.red] ?? 0))
        }
        group.post("key-persons") { request, context in
            let actor = try context.requireIdentity().actor
            let body = try await request.decodeBody(as: PersonRequest.self, context: context)
            let made = try await register.register(
                KeyPersonRegister.Input(
                    name: body.name, idNumber: body.idNumber, phone: body.phone, address: body.address,
                    gridCode: body.gridCode, personClass: body.class, reason: body.reason,
                    responsible: body.responsible),
                by: actor, at: context.now, requestID: context.requestID)
            let seen = try await register.view(
                made.id, by: actor, action: "key-person.view", at: context.now, requestID: context.requestID)
            var names: [Region.ID: Region] = [:]
            return EditedResponse(
                status: .created,
                response: try await resource(
                    seen.person, shown: seen.personalDataShown, at: context.now, regions: &names))
        }
        group.get("key-persons/:id") { _, context in
            let actor = try context.requireIdentity().actor
            let id = try Self.id(context)
            let seen = try await register.view(
                id, by: actor, action: "key-person.view", at: context.now, requestID: context.requestID)
            var names: [Region.ID: Region] = [:]
            let events = try await register.repository.events(of: id)
            return FileResource(
                person: try await resource(
                    seen.person, shown: seen.personalDataShown, at: context.now, regions: &names),
                events: events.map { event in
                    EventResource(
                        id: event.id, at: event.at, kind: event.kind.rawValue,
                        description: LocalizedText(KeyPersonStrings.describe(event)), fromClass: event.fromClass,
                        toClass: event.toClass, reason: event.reason, outcome: event.outcome, actor: event.actorName)
                })
        }
        group.patch("key-persons/:id") { request, context in
            let actor = try context.requireIdentity().actor
            let id = try Self.id(context)
            let body = try await request.decodeBody(as: PersonPatch.self, context: context)
            _ = try await register.change(
                id, personClass: body.class, reason: body.reason, responsible: body.responsible, by: actor,
                at: context.now, requestID: context.requestID)
            let seen = try await register.view(
                id, by: actor, action: "key-person.view", at: context.now, requestID: context.requestID)
            var names: [Region.ID: Region] = [:]
            return try await resource(seen.person, shown: seen.personalDataShown, at: context.now, regions: &names)
        }
        group.get("key-persons/:id/visits") { _, context in
            let actor = try context.requireIdentity().actor
            let id = try Self.id(context)
            _ = try await register.view(
                id, by: actor, action: "key-person.visits", at: context.now, requestID: context.requestID)
            let visits = try await register.repository.visits(of: id)
            return VisitList(items: visits.map { Self.visit($0, at: context.now) })
        }
        group.post("key-persons/:id/visits") { request, context in
            let actor = try context.requireIdentity().actor
            let id = try Self.id(context)
            let body = try await request.decodeBody(as: VisitRequest.self, context: context)
            let visit = try await register.recordVisit(
                id, outcome: body.outcome, note: body.note, by: actor, at: context.now, requestID: context.requestID)
            return EditedResponse(status: .created, response: Self.visit(visit, at: context.now))
        }
    }

    static func id(_ context: AppRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id").flatMap(Int64.init) else {
            throw KeyPersonProblem(
                code: "key_person.not_found", field: "id", message: KeyPersonRegister.notFound, kind: .notFound)
        }
        return id
    }

    static func visit(_ visit: KeyPersonVisit, at now: Date) -> VisitResource {
        VisitResource(
            id: visit.id, dueAt: visit.dueAt, doneAt: visit.doneAt, visitor: visit.visitorName, outcome: visit.outcome,
            note: visit.note, overdue: visit.isOverdue(at: now))
    }

    /// A date ("2026-12-08", from its midnight) or an ISO 8601 instant; nil for now.
    static func effectiveFrom(_ text: String?, _ calendar: WorkingCalendar) throws -> Date? {
        guard let text = text?.trimmingWhitespace, !text.isEmpty else { return nil }
        if let date = WorkingCalendar.CivilDate(string: text) { return calendar.start(of: date) }
        if let instant = try? Date(text, strategy: .iso8601) { return instant }
        throw APIError.badRequest(
            "risk_model.invalid_effective_from",
            Localized(
                zh: "生效时间（effectiveFrom）应写成 2027-01-04 或 2027-01-04T00:00:00+08:00。",
                en: "effectiveFrom must look like 2027-01-04 or 2027-01-04T00:00:00+08:00."))
    }

    func resource(
        _ person: KeyPersonRecord, shown: Bool, at now: Date, regions names: inout [Region.ID: Region]
    ) async throws -> PersonResource {
        if names[person.regionID] == nil { names[person.regionID] = try await regions.find(id: person.regionID) }
        let region = names[person.regionID]
        return PersonResource(
            id: person.id, name: person.name, idNumber: person.idNumber, phone: person.phone, address: person.address,
            regionCode: region?.code ?? "", regionName: region?.name ?? "", class: person.personClass,
            className: LocalizedText(person.personClass.name), classedAt: person.classedAt,
            responsible: person.responsible, nextVisitDue: person.nextDueAt,
            overdue: person.nextDueAt.map { now > $0 } ?? false, personalDataShown: shown, createdAt: person.createdAt,
            updatedAt: person.updatedAt)
    }
}
