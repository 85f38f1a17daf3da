import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/dashboard`: the leader's one screen for their jurisdiction (the first jurisdiction of a dashboard role), over a
/// period of registration (`from`, `to`: this month by default) that every figure, ranking, chart and the map
/// share. Every figure links to the case list (`Paths.cases`) with the filters behind it.
struct DashboardController {
    let regions: RegionRepository
    let organisations: OrganisationRepository
    let cases: CaseRepository
    let categories: CategoryRepository
    let settings: SettingsRepository
    /// The working calendar in force, read at each use (`LiveCalendar`: an uploaded year applies at once).
    let calendars: LiveCalendar
    var calendar: WorkingCalendar { calendars.current }
    /// The leader's panel of key persons by class and overdue visits.
    var keyPersons: KeyPersonPanels? = nil
    /// The risk panel's figures (`RiskPanel`).
    let risk: RiskStore
    var hotspots: HotspotService? = nil

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let router = router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.dashboard))
        router.get(RouterPath(Paths.dashboard)) { request, context in
            let identity = try context.requireIdentity()
            let query = request.uri.queryParameters
            do {
                let (from, to) = try Self.range(from: query.get("from"), to: query.get("to"))
                var shown = try await page(identity, context, from: from, to: to)
                if let keyPersons { shown.panels.append(try await keyPersons.dashboardPanel(identity, context)) }
                shown.hotspots = try await hotspots?.list(for: identity, at: context.now) ?? []
                return HTMLPage.response(status: .ok, html: shown.render())
            } catch let refusal as DashboardStrings.RangeRefusal {
                // The screen as by default, with the refusal above it and what was typed kept in the form.
                var page = try await page(identity, context, from: nil, to: nil)
                page.rangeError = refusal.message
                page.typedFrom = query.get("from")
                page.typedTo = query.get("to")
                return HTMLPage.response(status: .badRequest, html: page.render())
            }
        }
    }

    /// The period asked for: each bound a date (`2026-12-03`, `2026年12月3日`) or absent; a refusal names the field.
    static func range(from: String?, to: String?) throws(DashboardStrings.RangeRefusal) -> (Date?, Date?) {
        func parse(
            _ text: String?, _ field: DashboardStrings.RangeRefusal.Field
        ) throws(DashboardStrings.RangeRefusal)
            -> Date?
        {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let moment = ChinaTime.parse(text) else { throw .init(field: field, reason: .unreadable) }
            return moment.lowerBound
        }
        let start = try parse(from, .from)
        let end = try parse(to, .to)
        if let start, let end, ChinaTime.calendar.startOfDay(for: end) < ChinaTime.calendar.startOfDay(for: start) {
            throw .init(field: .to, reason: .beforeStart)
        }
        return (start, end)
    }

    func page(
        _ identity: Identity, _ context: AppRequestContext, from: Date?, to: Date?
    ) async throws
        -> DashboardPage
    {
        guard
            let grant = identity.user.grants.first(where: { WorkspaceRoles.dashboard.contains($0.role) }),
            let root = try await self.regions.find(id: grant.jurisdictionID),
            let rootPath = try await self.regions.path(of: root.id)
        else { throw HTTPError(.notFound) }
        let now = context.now
        let scope = CaseRepository.Visibility(jurisdictionPaths: [rootPath], organisationIDs: [])
        let regions = try await self.regions.subtree(of: root.id)
        var paths: [Region.ID: String] = [root.id: rootPath]
        for region in regions where region.id != root.id {
            if let parent = region.parentID, let parentPath = paths[parent] {
                paths[region.id] = parentPath + region.code + "/"
            }
        }
        let children = regions.filter { $0.parentID == root.id }
        let organisations = try await self.organisations.list(inSubtreeOf: root.id).filter { $0.kind != .center }
        let window = DashboardFigures.Window(now: now, from: from, to: to)
        let minimum = try await settings.rankingMinimum()
        // Summed in the database (a few hundred groups, not every case's facts: docs/PERFORMANCE.md, "Dashboard").
        let counts = try await cases.dashboardCounts(
            visibleTo: scope, window: window, organisations: organisations.map(\.id))
        let figures = DashboardFigures.compute(
            counts, window: window,
            regions: children.compactMap { child in paths[child.id].map { (child.name, child.code, $0) } },
            organisations: organisations.map { ($0.name, $0.id) }, minimum: minimum)
        let whistles = try await cases.whistleCounts(MetricsFilter(period: window.period), visibleTo: scope)

        // The map: every grid with a boundary, and the villages (or communities) above them.
        let parents = Set(regions.compactMap(\.parentID))
        let byID = Dictionary(uniqueKeysWithValues: regions.map { ($0.id, $0) })
        let leafGrids = regions.filter { $0.level == .grid && !parents.contains($0.id) && $0.boundary != nil }
        let grids = leafGrids.compactMap { grid -> DashboardPage.GridCell? in
            guard let path = paths[grid.id], let boundary = grid.boundary else { return nil }
            let count = counts.inSubtree(path)
            return DashboardPage.GridCell(
                code: grid.code, name: grid.name, cases: count.cases, open: count.open, ring: boundary.ring,
                villageCode: grid.parentID.flatMap { byID[$0] }.map(\.code))
        }
        let villages = regions.filter { $0.level == .village }.compactMap { village -> DashboardPage.Place? in
            guard let path = paths[village.id] else { return nil }
            let count = counts.inSubtree(path)
            return DashboardPage.Place(
                code: village.code, name: village.name, cases: count.cases, open: count.open,
                township: village.parentID.flatMap { byID[$0] }?.name)
        }

        var overdueFilter = CaseRepository.Filter()
        overdueFilter.overdueAt = now
        overdueFilter.states = CaseState.allCases.filter(\.isOpen)
        overdueFilter.createdFrom = window.period.lowerBound
        overdueFilter.createdBefore = window.period.upperBound
        overdueFilter.order = .deadline
        let overdue = try await cases.list(overdueFilter, visibleTo: scope, limit: 50, after: nil)
        // The list is capped; the figure never is.
        let overdueTotal = try await cases.count(overdueFilter, visibleTo: scope)
        let categories = try await self.categories.list(includeRetired: true)
        var page = DashboardPage(
            language: context.language,
            nav: StaffNav(identity: identity, context: context, current: Paths.dashboard),
            csrfToken: context.csrfToken ?? "", jurisdiction: root.name, figures: figures,
            whistles: WhistleGrade.allCases.map { ($0, whistles[$0] ?? 0) },
            categoryName: Dictionary(
                categories.map { ($0.code, $0.name.text(context.language)) }, uniquingKeysWith: { a, _ in a }),
            overdue: overdue.map { QueueRow($0, calendar: calendar, now: now) }, overdueTotal: overdueTotal,
            grids: grids, villages: villages,
            chartsAvailable: StaticController.vendorFile(Paths.chartScript) != nil,
            mapAvailable: StaticController.vendorFile(Paths.leafletScript) != nil)
        page.riskPanel = try await RiskPanel.load(risk, rootPath: rootPath, regions: self.regions, now: now)
        return page
    }
}
