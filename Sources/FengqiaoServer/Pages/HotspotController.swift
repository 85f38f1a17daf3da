import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/hotspots` and `/hotspots/{id}` (热点发现): the desk and the leader see the current hotspots of their
/// jurisdiction; the desk merges one into a 主办 case (with a confirmation page), dispatches it once to one department,
/// or marks a case or the whole cluster not related. Forms without JavaScript.
struct HotspotController {
    let hotspots: HotspotService
    let organisations: OrganisationRepository
    let regions: RegionRepository

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let reading = router.group().add(middleware: RoleRequirement.page(HotspotRoles.read))
        reading.get(RouterPath(Paths.hotspots)) { _, context in
            let identity = try context.requireIdentity()
            let views = try await hotspots.list(for: identity, at: context.now)
            return HTMLPage(
                html: HotspotListPage(
                    language: context.language,
                    nav: StaffNav(identity: identity, context: context, current: Paths.hotspots), views: views
                ).render())
        }
        reading.get(RouterPath(Paths.hotspot(":id"))) { request, context in
            let identity = try context.requireIdentity()
            let view = try await found(context, identity)
            var page = try await page(view, identity, context)
            if let done = request.uri.queryParameters.get("done") { page.notice = Self.notice(done, request) }
            return HTMLPage(html: page.render())
        }
        let acting = router.group().add(middleware: RoleRequirement.page(HotspotRoles.act))
        acting.get(RouterPath(Paths.hotspotAction(":id", "merge"))) { request, context in
            let identity = try context.requireIdentity()
            let view = try await found(context, identity)
            guard let lead = Self.caseID(request.uri.queryParameters.get("lead")),
                let chosen = view.cases.first(where: { $0.id == lead })
            else {
                var page = try await page(view, identity, context)
                page.error = HotspotError.leadCase.message
                return HTMLPage.response(status: .unprocessableContent, html: page.render())
            }
            return HTMLPage.response(
                status: .ok,
                html: HotspotMergeConfirmPage(
                    language: context.language,
                    nav: StaffNav(identity: identity, context: context, current: Paths.hotspots),
                    csrfToken: context.csrfToken ?? "", view: view, lead: chosen
                ).render())
        }
        for action in ["merge", "dispatch", "not-related"] {
            acting.post(RouterPath(Paths.hotspotAction(":id", action))) { request, context in
                let identity = try context.requireIdentity()
                let form = try await WebForm.read(request)
                try form.requireCSRF(context)
                let view = try await found(context, identity)
                do {
                    let outcome: HotspotOutcome
                    switch action {
                    case "merge":
                        guard let lead = Self.caseID(form["lead"]) else { throw HotspotError.leadCase }
                        guard form["confirm"] == "yes" else {
                            return Response.redirect(
                                to: Paths.hotspotAction(view.id, "merge") + "?lead=\(lead)", type: .normal)
                        }
                        outcome = try await hotspots.merge(view, into: lead, by: identity, at: context.now)
                    case "dispatch":
                        guard let organisation = form["organisationId"].flatMap(Int64.init) else {
                            throw HotspotError.organisation
                        }
                        outcome = try await hotspots.dispatch(
                            view, to: Organisation.ID(organisation), note: form["note"], by: identity, at: context.now)
                    default:
                        let named = try form.all("caseId").map { text in
                            guard let id = Self.caseID(text) else { throw HotspotError.caseIDs }
                            return id
                        }
                        outcome = try await hotspots.notRelated(
                            view, cases: named.isEmpty ? nil : named, by: identity, at: context.now)
                    }
                    // Not related may take the hotspot's first case out (its identifier moves to the next case: any
                    // case of a hotspot finds it) or every case the reader sees (then back to the list).
                    var target = Paths.hotspot(view.id)
                    if action == "not-related" {
                        let left = view.cases.map(\.id).filter { !outcome.changed.contains($0) }
                        target = left.first.map { Paths.hotspot($0) } ?? Paths.hotspots
                    }
                    return Response.redirect(
                        to: target
                            + "?done=\(action)&changed=\(outcome.changed.count)&skipped=\(outcome.skipped.count)",
                        type: .normal)
                } catch let error as any UserFacingError {
                    var page = try await page(view, identity, context)
                    page.error = error.message
                    return HTMLPage.response(status: ErrorStatus.status(of: error), html: page.render())
                }
            }
        }
    }

    private static func caseID(_ text: String?) -> Case.ID? {
        text.flatMap { Int64($0) }.flatMap { $0 > 0 ? Case.ID($0) : nil }
    }

    private static func notice(_ done: String, _ request: Request) -> [Localized] {
        let query = request.uri.queryParameters
        let changed = query.get("changed").flatMap(Int.init) ?? 0
        let skipped = query.get("skipped").flatMap(Int.init) ?? 0
        var lines: [Localized] = []
        switch done {
        case "merge": lines.append(HotspotStrings.merged(changed))
        case "dispatch": lines.append(HotspotStrings.dispatched(changed))
        case "not-related": lines.append(HotspotStrings.markedNotRelated)
        default: return []
        }
        if skipped > 0 { lines.append(HotspotStrings.skipped(skipped)) }
        return lines
    }

    private func found(_ context: AppRequestContext, _ identity: Identity) async throws -> HotspotView {
        guard let id = Self.caseID(context.parameters.get("id")),
            let view = try await hotspots.find(id, for: identity, at: context.now)
        else { throw HTTPError(.notFound) }
        return view
    }

    private func page(
        _ view: HotspotView, _ identity: Identity, _ context: AppRequestContext
    ) async throws
        -> HotspotPage
    {
        let mayAct = !identity.roles.isDisjoint(with: HotspotRoles.act)
        var page = HotspotPage(
            language: context.language, nav: StaffNav(identity: identity, context: context, current: Paths.hotspots),
            csrfToken: context.csrfToken ?? "", view: view,
            organisations: mayAct ? try await dispatchTargets(identity) : [], mayAct: mayAct)
        page.map = try await map(of: view.cases)
        return page
    }

    /// The grids of the villages the cases came from (a case registered in a grid counts there; one registered in a
    /// village shows its village's grids), and the cases' own locations.
    private func map(of cases: [Case]) async throws -> HotspotMap {
        var villages: [Region.ID] = []
        var perGrid: [Region.ID: Int] = [:]
        for current in cases {
            guard let region = try await regions.find(id: current.regionID) else { continue }
            let village = region.level == .grid ? region.parentID : region.id
            if let village, !villages.contains(village) { villages.append(village) }
            if region.level == .grid { perGrid[region.id, default: 0] += 1 }
        }
        var grids: [HotspotMap.Grid] = []
        for village in villages {
            for grid in try await regions.subtree(of: village) where grid.level == .grid {
                guard let boundary = grid.boundary else { continue }
                grids.append(
                    HotspotMap.Grid(
                        code: grid.code, name: grid.name, ring: boundary.ring, cases: perGrid[grid.id] ?? 0))
            }
        }
        let dots = cases.compactMap { current -> HotspotMap.Dot? in
            guard let latitude = current.latitude, let longitude = current.longitude else { return nil }
            return HotspotMap.Dot(
                number: current.number, point: GeoPolygon.Point(longitude: longitude, latitude: latitude))
        }
        return HotspotMap(grids: grids, dots: dots)
    }

    /// The organisations of the reader's jurisdictions, centers left out (as the case page's dispatch choices).
    private func dispatchTargets(_ identity: Identity) async throws -> [Organisation] {
        var seen = Set<Organisation.ID>()
        var result: [Organisation] = []
        for grant in identity.user.grants where HotspotRoles.act.contains(grant.role) {
            for organisation in try await organisations.list(inSubtreeOf: grant.jurisdictionID)
            where organisation.kind != .center && seen.insert(organisation.id).inserted {
                result.append(organisation)
            }
        }
        return result
    }
}
