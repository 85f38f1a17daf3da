import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// The queue workspaces: `/inbox` (department handlers: 接单 / 退单, then their cases with the clocks), `/grid`
/// (grid workers: their grid's open cases and the follow-up visits due) and `/mediation` (mediators: 点单 waiting
/// for them, and the mediations their organisation holds).
struct QueueController {
    let cases: CaseRepository
    let mediators: MediatorRepository
    let regions: RegionRepository
    /// The working calendar in force, read at each use (`LiveCalendar`: an uploaded year applies at once).
    let calendars: LiveCalendar
    var calendar: WorkingCalendar { calendars.current }
    /// The grid worker's section of key-person visits due.
    var keyPersons: KeyPersonPanels? = nil
    /// The grid worker's risk visits due (`/grid`).
    let risk: RiskStore

    /// The most cases a queue loads per organisation; the rest are on the case list it links to.
    static let queueLimit = 200

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.inbox)).get(RouterPath(Paths.inbox)) {
            request, context in
            let identity = try context.requireIdentity()
            var page = try await inbox(identity, context)
            page.notice = request.uri.queryParameters.get("done").flatMap(ListStrings.confirmation)
            return HTMLPage(html: page.render())
        }
        router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.grid)).get(RouterPath(Paths.grid)) {
            request, context in
            let identity = try context.requireIdentity()
            var page = try await grid(identity, context)
            page.notice = request.uri.queryParameters.get("done").flatMap(ListStrings.confirmation)
            return HTMLPage(html: page.render())
        }
        router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.mediation)).get(RouterPath(Paths.mediation))
        { request, context in
            let identity = try context.requireIdentity()
            var page = try await mediation(identity, context)
            page.notice = request.uri.queryParameters.get("done").flatMap(ListStrings.confirmation)
            return HTMLPage(html: page.render())
        }
    }

    private func nav(_ identity: Identity, _ context: AppRequestContext, _ path: String) -> StaffNav {
        StaffNav(identity: identity, context: context, current: path)
    }

    /// Cases held by or shared with the organisations of `roles`' grants, in the given states, nearest deadline first,
    /// with how many there are in all and the link to the same cases on the staff case list.
    private func organisationCases(
        _ identity: Identity, roles: Set<Role>, states: [CaseState]
    ) async throws -> (cases: [(Organisation.ID, Case)], total: Int, fullList: String) {
        var result: [(Organisation.ID, Case)] = []
        var seen = Set<Case.ID>()
        var total = 0
        let organisations = Set(identity.actor.grants.filter { roles.contains($0.role) }.map(\.organisationID))
        for organisation in organisations.sorted() {
            var filter = CaseRepository.Filter()
            filter.organisationID = organisation
            filter.states = states
            filter.order = .deadline
            let found = try await cases.list(
                filter, visibleTo: identity.visibility, limit: Self.queueLimit, after: nil)
            total +=
                found.count < Self.queueLimit
                ? found.count : try await cases.count(filter, visibleTo: identity.visibility)
            for found in found where seen.insert(found.id).inserted {
                result.append((organisation, found))
            }
        }
        var items = states.map { ("state", $0.rawValue) }
        if organisations.count == 1, let only = organisations.first { items.insert(("organisation", "\(only)"), at: 0) }
        items.append(("sort", "deadline"))
        return (result, max(total, result.count), Paths.cases(items: items))
    }

    private func places(_ sections: [QueuePage.Section]) async throws -> [Region.ID: String] {
        try await PlaceLabels(regions: regions).labels(of: sections.flatMap(\.rows).map(\.current.regionID))
    }

    private func rows(_ cases: [Case], _ now: Date) -> [QueueRow] {
        cases.map { QueueRow($0, calendar: calendar, now: now) }
    }

    func inbox(_ identity: Identity, _ context: AppRequestContext) async throws -> QueuePage {
        let held = try await organisationCases(
            identity, roles: WorkspaceRoles.inbox, states: [.dispatched, .accepted, .inProgress])
        let cases = held.cases
        func participant(_ pair: (Organisation.ID, Case)) -> Case.Participant? {
            pair.1.participants.first { $0.organisationID == pair.0 }
        }
        let waiting = cases.filter { participant($0).map { !$0.accepted } ?? false }.map(\.1)
        let mine = cases.filter { participant($0)?.accepted ?? false }.map(\.1)
        // Loaded in full, the two queues split the organisations' cases exactly; a capped load says so on both.
        let capped = held.total > cases.count
        let s = WorkspaceStrings.self
        let sections: [QueuePage.Section] = [
            .init(
                heading: s.inboxWaiting, rows: QueueRow.triageOrder(rows(waiting, context.now)), id: "inbox-queue",
                total: capped ? held.total : nil, fullList: held.fullList),
            .init(
                heading: s.inboxMine, rows: rows(mine, context.now), id: "my-cases",
                total: capped ? held.total : nil, fullList: held.fullList),
        ]
        var page = QueuePage(
            language: context.language, nav: nav(identity, context, Paths.inbox), title: s.inboxTitle,
            path: Paths.inbox, sections: sections)
        page.places = try await places(sections)
        // A police station's or justice office's handler is sent on risk visits (`VisitorRole.of`): theirs are due
        // here, beside the cases, as the grid worker's are on /grid.
        if !identity.riskOrganisations.isEmpty {
            page.riskVisits = RiskVisitsSection(visits: try await risk.visits(for: identity.actor), now: context.now)
            if let keyPersons, let section = try await keyPersons.responsibleSection(identity, context) {
                page.extras.append(section)
            }
        }
        return page
    }

    func grid(_ identity: Identity, _ context: AppRequestContext) async throws -> QueuePage {
        var open = CaseRepository.Filter()
        open.states = CaseState.allCases.filter(\.isUnresolved)
        open.order = .deadline
        var resolved = CaseRepository.Filter()
        resolved.states = [.resolved]
        resolved.order = .deadline
        let visibility = CaseRepository.Visibility(
            jurisdictionPaths: identity.actor.grants.filter { $0.role == .gridWorker }.map(\.jurisdictionPath),
            organisationIDs: [])
        func section(
            _ filter: CaseRepository.Filter, heading: Localized, id: String, note: Localized? = nil
        ) async throws -> QueuePage.Section {
            let found = try await cases.list(filter, visibleTo: visibility, limit: 100, after: nil)
            return .init(
                heading: heading, rows: rows(found, context.now), id: id, note: note,
                total: found.count < 100 ? found.count : try await cases.count(filter, visibleTo: visibility),
                fullList: Paths.cases(items: filter.states.map { ("state", $0.rawValue) } + [("sort", "deadline")]))
        }
        let s = WorkspaceStrings.self
        let sections: [QueuePage.Section] = [
            try await section(resolved, heading: s.gridFollowUps, id: "follow-ups", note: s.gridFollowUpsNote),
            try await section(open, heading: s.gridOpen, id: "grid-cases"),
        ]
        var page = QueuePage(
            language: context.language, nav: nav(identity, context, Paths.grid), title: s.gridTitle, path: Paths.grid,
            actions: [(s.gridReportButton, Paths.gridReport)], sections: sections)
        page.places = try await places(sections)
        if let keyPersons { page.extras.append(try await keyPersons.gridSection(identity, context)) }
        page.riskVisits = RiskVisitsSection(visits: try await risk.visits(for: identity.actor), now: context.now)
        return page
    }

    func mediation(_ identity: Identity, _ context: AppRequestContext) async throws -> QueuePage {
        let me = try await mediators.find(userID: identity.user.id)
        var requested = CaseRepository.Filter()
        requested.states = [.registered, .assessed, .returned]
        requested.order = .deadline
        let asked = try await cases.list(requested, visibleTo: identity.visibility, limit: 200, after: nil)
            .filter { me != nil && $0.mediation.requestedMediator == me?.id }
        let held = try await organisationCases(
            identity, roles: WorkspaceRoles.mediation, states: [.dispatched, .accepted, .inProgress, .resolved])
        let s = WorkspaceStrings.self
        let sections: [QueuePage.Section] = [
            .init(heading: s.mediationRequested, rows: rows(asked, context.now), id: "requested-mediations"),
            .init(
                heading: s.mediationHeld, rows: rows(held.cases.map(\.1), context.now), id: "my-mediations",
                note: s.mediationHeldNote, total: held.total, fullList: held.fullList),
        ]
        var page = QueuePage(
            language: context.language, nav: nav(identity, context, Paths.mediation), title: s.mediationTitle,
            path: Paths.mediation, sections: sections)
        page.places = try await places(sections)
        return page
    }
}
