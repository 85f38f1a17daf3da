import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/dashboard`: the leader's one screen for their jurisdiction (the first jurisdiction of a dashboard role).
struct DashboardController {
    let regions: RegionRepository
    let organisations: OrganisationRepository
    let cases: CaseRepository
    let categories: CategoryRepository
    let calendar: WorkingCalendar

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let router = router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.dashboard))
        router.get(RouterPath(Paths.dashboard)) { request, context in
            let identity = try context.requireIdentity()
            return HTMLPage(html: try await page(identity, context).render())
        }
    }

    func page(_ identity: Identity, _ context: AppRequestContext) async throws -> DashboardPage {
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
        // Summed in the database (a few hundred groups, not every case's facts: docs/PERFORMANCE.md, "Dashboard").
        let window = DashboardFigures.Window(now: now)
        let counts = try await cases.dashboardCounts(
            visibleTo: scope, window: window, organisations: organisations.map(\.id))
        let figures = DashboardFigures.compute(
            counts, window: window,
            regions: children.compactMap { child in paths[child.id].map { (child.name, $0) } },
            organisations: organisations.map { ($0.name, $0.id) })
        let parents = Set(regions.compactMap(\.parentID))
        let leafGrids = regions.filter { $0.level == .grid && !parents.contains($0.id) && $0.boundary != nil }
        let grids = leafGrids.compactMap { grid -> DashboardPage.GridCell? in
            guard let path = paths[grid.id], let boundary = grid.boundary else { return nil }
            return DashboardPage.GridCell(
                code: grid.code, name: grid.name,
                open: counts.openByRegionPath.filter { $0.key.hasPrefix(path) }.reduce(0) { $0 + $1.value },
                ring: boundary.ring)
        }
        var overdueFilter = CaseRepository.Filter()
        overdueFilter.overdueAt = now
        overdueFilter.states = CaseState.allCases.filter(\.isOpen)
        overdueFilter.order = .deadline
        let overdue = try await cases.list(overdueFilter, visibleTo: scope, limit: 50, after: nil)
        // The list is capped; the figure never is.
        let overdueTotal = try await cases.count(overdueFilter, visibleTo: scope)
        let categories = try await self.categories.list(includeRetired: true)
        return DashboardPage(
            language: context.language,
            nav: StaffNav(identity: identity, context: context, current: Paths.dashboard),
            csrfToken: context.csrfToken ?? "", jurisdiction: root.name, figures: figures,
            categoryName: Dictionary(
                categories.map { ($0.code, $0.name.text(context.language)) }, uniquingKeysWith: { a, _ in a }),
            overdue: overdue.map { QueueRow($0, calendar: calendar, now: now) }, overdueTotal: overdueTotal,
            grids: grids,
            chartsAvailable: StaticController.vendorFile(Paths.chartScript) != nil,
            mapAvailable: StaticController.vendorFile(Paths.leafletScript) != nil)
    }
}
