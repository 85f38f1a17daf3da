import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// The center desk: `/desk` (triage queue), `/desk/intake` (walk-ins and phone calls), `/desk/duplicates` (the
/// suggestions the intake form asks for while typing).
struct DeskController {
    let cases: CaseRepository
    let regions: RegionRepository
    let categories: CategoryRepository
    /// The working calendar in force, read at each use (`LiveCalendar`: an uploaded year applies at once).
    let calendars: LiveCalendar
    var calendar: WorkingCalendar { calendars.current }
    let caseActions: CaseActionsFactory
    var hotspots: HotspotService? = nil
    /// The key persons the member of staff answers for (包保责任人): their visits due on the desk.
    var keyPersons: KeyPersonPanels? = nil

    struct DuplicateResource: ResponseEncodable {
        struct Item: Codable {
            let id: Case.ID
            let number: String
            let title: String
            let state: LocalizedText
            let similarity: Double
            let url: String
        }
        let items: [Item]
    }

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let router = router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.desk))
        router.get(RouterPath(Paths.desk)) { request, context in
            let identity = try context.requireIdentity()
            var page = try await triage(identity, context)
            page.notice = request.uri.queryParameters.get("done").flatMap(ListStrings.confirmation)
            page.hotspots = try await hotspots?.list(for: identity, at: context.now) ?? []
            page.keyPersonVisits = try await keyPersons?.responsibleSection(identity, context)
            return HTMLPage(html: page.render())
        }
        router.get(RouterPath(Paths.deskIntake)) { request, context in
            let identity = try context.requireIdentity()
            return HTMLPage(html: try await intakePage(identity, context).render())
        }
        router.post(RouterPath(Paths.deskIntake)) { request, context in
            let identity = try context.requireIdentity()
            let form = try await WebForm.read(request)
            try form.requireCSRF(context)
            do {
                let created = try await register(form, identity, at: context.now)
                return Response.redirect(to: Paths.caseFile(created.case.id), type: .normal)
            } catch let error as any UserFacingError {
                var page = try await intakePage(identity, context)
                page.error = error.message
                page.form = form
                return HTMLPage.response(status: ErrorStatus.status(of: error), html: page.render())
            }
        }
        router.get(RouterPath(Paths.deskDuplicates)) { request, context in
            let identity = try context.requireIdentity()
            let query = request.uri.queryParameters
            guard let code = query.get("regionCode"), let region = try await regions.find(code: code) else {
                return DuplicateResource(items: [])
            }
            let found = try await DuplicateSearch(regions: regions, cases: cases).candidates(
                text: query.get("text") ?? "", regionID: region.id, before: context.now, visibleTo: identity.visibility)
            return DuplicateResource(
                items: found.map {
                    .init(
                        id: $0.id, number: $0.number, title: $0.title, state: LocalizedText($0.state.name),
                        similarity: $0.similarity, url: Paths.caseFile($0.id))
                })
        }
    }

    private func register(_ form: WebForm, _ identity: Identity, at now: Date) async throws -> CaseRepository.Created {
        let s = WorkspaceStrings.self
        guard let code = form["regionCode"], let region = try await regions.find(code: code) else {
            throw WebFormError.missing(s.place)
        }
        guard let key = form["idempotencyKey"] else { throw WebFormError.missing(s.fieldTitle) }
        var parties: [Party] = []
        if form["reporterName"] != nil || form["reporterPhone"] != nil || form["reporterID"] != nil {
            parties.append(
                Party(
                    role: .reporter, name: form["reporterName"], phone: form["reporterPhone"],
                    idNumber: form["reporterID"]))
        }
        if form["otherName"] != nil || form["otherPhone"] != nil {
            parties.append(Party(role: .other, name: form["otherName"], phone: form["otherPhone"]))
        }
        var intake = Intake(
            channel: form["channel"].flatMap(Channel.init(rawValue:)) ?? .window,
            title: form["title"] ?? "", description: form["description"] ?? "",
            categoryCode: form["categoryCode"],
            urgency: form["urgency"].flatMap(Urgency.init(rawValue:)) ?? .troublesome,
            kind: form["kind"].flatMap(CaseKind.init(rawValue:)) ?? .request, regionID: region.id,
            address: form["address"], parties: parties, anonymous: form["anonymous"] != nil)
        // The caller asked for text messages about the case (短信通知), at the phone taken down.
        intake.smsNotifications = form["sms"] != nil && form["reporterPhone"] != nil ? true : nil
        return try await caseActions.at(now).register(
            intake, idempotencyKey: "web:\(identity.user.id):\(key)", by: identity.actor)
    }

    private func triage(_ identity: Identity, _ context: AppRequestContext) async throws -> TriagePage {
        let now = context.now
        func rows(_ states: [CaseState], overdue: Bool = false) async throws -> (rows: [QueueRow], total: Int) {
            var filter = CaseRepository.Filter()
            filter.states = states
            filter.order = .deadline
            if overdue { filter.overdueAt = now }
            let found = try await cases.list(filter, visibleTo: identity.visibility, limit: Self.queueLimit, after: nil)
                .map { QueueRow($0, calendar: calendar, now: now) }
            let total =
                found.count < Self.queueLimit
                ? found.count : try await cases.count(filter, visibleTo: identity.visibility)
            return (found, total)
        }
        let toTriage = try await rows([.registered, .assessed, .returned])
        let toClose = try await rows([.resolved, .followedUp])
        let overdue = try await rows(CaseState.allCases.filter(\.isUnresolved), overdue: true)
        var page = TriagePage(
            language: context.language,
            nav: StaffNav(identity: identity, context: context, current: Paths.desk),
            toTriage: QueueRow.triageOrder(toTriage.rows), toClose: toClose.rows, overdue: overdue.rows)
        page.totals = (toTriage.total, toClose.total, overdue.total)
        page.places = try await PlaceLabels(regions: regions).labels(
            of: (toTriage.rows + toClose.rows + overdue.rows).map(\.current.regionID))
        return page
    }

    /// The most cases a desk queue shows; the rest are on the case list it links to.
    static let queueLimit = 100

    private func intakePage(_ identity: Identity, _ context: AppRequestContext) async throws -> IntakePage {
        IntakePage(
            language: context.language,
            nav: StaffNav(identity: identity, context: context, current: Paths.deskIntake),
            csrfToken: context.csrfToken ?? "", idempotencyKey: RandomToken.make(),
            categories: try await categories.list(),
            places: try await PlaceChoices(regions: regions).places(for: identity))
    }
}

/// The villages and grids a member of staff covers, for place pickers: "桃源镇 · 桃源村 · 第3网格".
struct PlaceChoices: Sendable {
    let regions: RegionRepository

    func places(for identity: Identity) async throws -> [(code: String, label: String)] {
        try await places(under: identity.user.grants.map(\.jurisdictionID))
    }

    /// Every village and grid under `roots` (each once), labelled from the township down.
    func places(under roots: [Region.ID]) async throws -> [(code: String, label: String)] {
        var seen = Set<Region.ID>()
        var result: [(String, String)] = []
        for root in roots {
            let regions = try await self.regions.subtree(of: root)
            let byID = Dictionary(uniqueKeysWithValues: regions.map { ($0.id, $0) })
            for region in regions where region.level >= .village && seen.insert(region.id).inserted {
                var names = [region.name]
                var parent = region.parentID.flatMap { byID[$0] }
                while let found = parent, found.level >= .township {
                    names.insert(found.name, at: 0)
                    parent = found.parentID.flatMap { byID[$0] }
                }
                result.append((region.code, names.joined(separator: " · ")))
            }
        }
        return result
    }

    /// One place's label, from the township down ("桃源镇 · 桃源村 · 第3网格").
    func label(of region: Region) async throws -> String {
        var names: [String] = []
        var next: Region? = region
        while let current = next, current.level >= .township {
            names.insert(current.name, at: 0)
            next = try await current.parentID.asyncMap { try await regions.find(id: $0) } ?? nil
        }
        return names.joined(separator: " · ")
    }
}
