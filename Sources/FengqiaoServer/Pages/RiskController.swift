import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// The risk pages (docs/RISK.md): `/risk/warnings`, `/risk/warnings/{id}`, `/visits`, `/visits/{id}` (GET, and POST
/// to record a visit from a phone without JavaScript). The roles that may open them: grid workers, department
/// handlers (the police station's and justice office's), center staff and leaders; what each sees is
/// `RiskAccess`'s rule.
struct RiskController {
    let desk: RiskDesk

    static let roles: Set<Role> = [.gridWorker, .departmentHandler, .centerStaff, .leader]

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let group = router.group().add(middleware: RoleRequirement.page(Self.roles))
        group.get(RouterPath(Paths.riskWarnings)) { request, context in
            let identity = try context.requireIdentity()
            let query = request.uri.queryParameters
            let grade = query.get("grade").flatMap(RiskGrade.init(rawValue:))
            let open = query.get("open").flatMap { $0 == "true" ? true : $0 == "false" ? false : nil }
            let region = query.get("region")?.trimmingCharacters(in: .whitespaces)
            let path = try await desk.regionPath(code: region)
            let warnings =
                path == nil
                ? []
                : try await desk.risk.warnings(
                    .init(grade: grade, regionPath: path ?? nil, open: open), visibleTo: identity.actor)
            return HTMLPage(
                html: RiskWarningsPage(
                    language: context.language, nav: nav(identity, context, Paths.riskWarnings), warnings: warnings,
                    grade: grade, region: region, open: open,
                    places: try await places(of: warnings.map(\.regionPath))
                ).render())
        }
        group.get(RouterPath(Paths.riskWarnings + "/:id")) { _, context in
            let identity = try context.requireIdentity()
            let record = try await desk.warning(
                try id(context), identity: identity, now: context.now, requestID: context.requestID)
            return HTMLPage(
                html: RiskWarningPage(
                    language: context.language, nav: nav(identity, context, Paths.riskWarnings), record: record,
                    current: try await desk.cases.find(id: record.caseID),
                    history: try await desk.risk.history(of: record.id), now: context.now,
                    place: try await places(of: [record.regionPath])[record.regionPath], reader: identity.actor
                ).render())
        }
        group.get(RouterPath(Paths.visits)) { _, context in
            let identity = try context.requireIdentity()
            return HTMLPage(
                html: RiskVisitsPage(
                    language: context.language, nav: nav(identity, context, Paths.visits),
                    visits: try await desk.risk.visits(for: identity.actor), now: context.now, reader: identity.actor
                ).render())
        }
        group.get(RouterPath(Paths.visits + "/:id")) { request, context in
            let identity = try context.requireIdentity()
            var page = try await visitPage(try id(context), identity, context)
            if request.uri.queryParameters.get("done") != nil { page.notice = RiskStrings.saved }
            return HTMLPage(html: page.render())
        }
        group.post(RouterPath(Paths.visits + "/:id")) { request, context in
            let identity = try context.requireIdentity()
            let form = try await WebForm.read(request)
            try form.requireCSRF(context)
            let visitID = try id(context)
            do {
                _ = try await desk.record(
                    visitID, outcome: form["outcome"], note: form["note"], indicators: form.all("indicators"),
                    identity: identity, now: context.now, requestID: context.requestID)
                return Response.redirect(to: Paths.visit(visitID) + "?done=1", type: .normal)
            } catch let refusal as any UserFacingError {
                let status = ErrorStatus.status(of: refusal)
                guard status != .notFound else { throw refusal }
                var page = try await visitPage(visitID, identity, context)
                page.refusal = refusal.message
                return HTMLPage.response(status: status, html: page.render())
            }
        }
    }

    private func visitPage(
        _ id: Int64, _ identity: Identity, _ context: AppRequestContext
    ) async throws -> RiskVisitPage {
        let (visit, record) = try await desk.visit(
            id, identity: identity, now: context.now, requestID: context.requestID)
        return RiskVisitPage(
            language: context.language, nav: nav(identity, context, Paths.visits), csrfToken: context.csrfToken ?? "",
            visit: visit, record: record,
            mayRecord: RiskAccess.canRecord(
                visitor: visit.visitor, organisationID: visit.organisationID, regionPath: visit.regionPath,
                by: identity.actor), now: context.now)
    }

    private func nav(_ identity: Identity, _ context: AppRequestContext, _ path: String) -> StaffNav {
        StaffNav(identity: identity, context: context, current: path)
    }

    private func id(_ context: AppRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
            throw RiskStoreError.warningNotFound
        }
        return id
    }

    /// The names of the places at `paths` (the region at the end of each path).
    func places(of paths: [String]) async throws -> [String: String] {
        try await Self.places(of: paths, regions: desk.regions)
    }

    static func places(of paths: [String], regions: RegionRepository) async throws -> [String: String] {
        var names: [String: String] = [:]
        for path in Set(paths).sorted().prefix(100) {
            guard let code = path.split(separator: "/").last,
                let region = try await regions.find(code: String(code))
            else { continue }
            names[path] = region.name
        }
        return names
    }
}
