import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

extension Paths {
    public static let keyPersons = "/key-persons"
    public static let keyPersonNew = "/key-persons/new"
    static func keyPerson(_ id: Int64) -> String { "/key-persons/\(id)" }
}

/// `/key-persons` (the list by class and region, counts by class), `/key-persons/new` (registration) and
/// `/key-persons/{id}` (the person's file: class, next visit due, responsible staff, events; a visit recorded and the
/// class changed from a phone, without JavaScript). Grid workers, center staff, leaders, police stations and justice
/// offices within their jurisdiction (`KeyPersonAccess` through `KeyPersonRegister`); every view is logged.
struct KeyPersonController {
    let register: KeyPersonRegister

    static let roles: Set<Role> = [.gridWorker, .centerStaff, .departmentHandler]

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let router = router.group().add(middleware: RoleRequirement.page(Self.roles))
        router.get(RouterPath(Paths.keyPersons)) { request, context in
            HTMLPage(html: try await listPage(request, context).render())
        }
        router.get(RouterPath(Paths.keyPersonNew)) { _, context in
            HTMLPage(html: try await newPage(context, form: nil, error: nil).render())
        }
        router.post(RouterPath(Paths.keyPersons)) { request, context in
            let identity = try context.requireIdentity()
            let form = try await WebForm.read(request)
            try form.requireCSRF(context)
            do {
                let made = try await register.register(
                    KeyPersonRegister.Input(
                        name: form["name"], idNumber: form["idNumber"], phone: form["phone"], address: form["address"],
                        gridCode: form["gridCode"], personClass: form["class"], reason: form["reason"],
                        responsible: form.all("responsible")),
                    by: identity.actor, at: context.now, requestID: context.requestID)
                return Response.redirect(to: Paths.keyPerson(made.id) + "?done=registered", type: .normal)
            } catch let error as KeyPersonProblem {
                let page = try await newPage(context, form: form, error: error.message)
                return HTMLPage.response(status: ErrorStatus.status(of: error), html: page.render())
            }
        }
        router.get("/key-persons/:id") { request, context in
            HTMLPage(html: try await filePage(request, context, error: nil).render())
        }
        router.post("/key-persons/:id/visits") { request, context in
            try await change(request, context, done: "visit") { id, form, actor in
                _ = try await register.recordVisit(
                    id, outcome: form["outcome"], note: form["note"], by: actor, at: context.now,
                    requestID: context.requestID)
            }
        }
        router.post("/key-persons/:id/class") { request, context in
            try await change(request, context, done: "class") { id, form, actor in
                _ = try await register.change(
                    id, personClass: form["class"], reason: form["reason"], responsible: nil, by: actor,
                    at: context.now, requestID: context.requestID)
            }
        }
        router.post("/key-persons/:id/responsible") { request, context in
            try await change(request, context, done: "staff") { id, form, actor in
                _ = try await register.change(
                    id, personClass: nil, reason: nil, responsible: form.all("responsible"), by: actor,
                    at: context.now, requestID: context.requestID)
            }
        }
    }

    private func change(
        _ request: Request, _ context: AppRequestContext, done: String,
        _ body: (Int64, WebForm, Actor) async throws -> Void
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await WebForm.read(request)
        try form.requireCSRF(context)
        let id = try KeyPersonAPIController.id(context)
        do {
            try await body(id, form, identity.actor)
            return Response.redirect(to: Paths.keyPerson(id) + "?done=\(done)", type: .normal)
        } catch let error as KeyPersonProblem where error.kind == .invalid {
            let page = try await filePage(request, context, error: error.message)
            return HTMLPage.response(status: ErrorStatus.status(of: error), html: page.render())
        }
    }

    private func grids(_ identity: Identity) async throws -> [Region] {
        var found: [Region] = []
        var seen = Set<Region.ID>()
        for grant in identity.user.grants where Self.roles.contains(grant.role) {
            for region in try await register.regions.subtree(of: grant.jurisdictionID)
            where region.level == .grid && seen.insert(region.id).inserted {
                found.append(region)
            }
        }
        return found
    }

    private func listPage(_ request: Request, _ context: AppRequestContext) async throws -> KeyPersonListPage {
        let identity = try context.requireIdentity()
        let query = request.uri.queryParameters
        let personClass = query.get("class").flatMap { KeyPersonClass(rawValue: String($0)) }
        let region = query.get("region").map { String($0) }.flatMap { $0.isEmpty ? nil : $0 }
        let found = try await register.list(
            by: identity.actor, personClass: personClass, region: region, at: context.now,
            requestID: context.requestID)
        let grids = try await grids(identity)
        return KeyPersonListPage(
            language: context.language, nav: StaffNav(identity: identity, context: context, current: Paths.keyPersons),
            people: found.people, counts: found.counts, grids: grids, personClass: personClass, region: region,
            now: context.now, staff: try await register.staffNames(found.people))
    }

    private func newPage(
        _ context: AppRequestContext, form: WebForm?, error: Localized?
    ) async throws -> KeyPersonNewPage {
        let identity = try context.requireIdentity()
        _ = try await register.jurisdictions(of: identity.actor)
        return KeyPersonNewPage(
            language: context.language, nav: StaffNav(identity: identity, context: context, current: Paths.keyPersons),
            csrfToken: context.csrfToken ?? "", grids: try await grids(identity), form: form, error: error,
            me: identity.user.username,
            candidates: try await register.candidates(within: try await register.jurisdictions(of: identity.actor)))
    }

    private func filePage(
        _ request: Request, _ context: AppRequestContext, error: Localized?
    ) async throws -> KeyPersonFilePage {
        let identity = try context.requireIdentity()
        let id = try KeyPersonAPIController.id(context)
        let seen = try await register.view(
            id, by: identity.actor, action: "key-person.page", at: context.now, requestID: context.requestID)
        let done: Localized? =
            switch request.uri.queryParameters.get("done") {
            case "registered": KeyPersonStrings.registered
            case "visit": KeyPersonStrings.visitSaved
            case "class": KeyPersonStrings.classChanged
            case "staff": KeyPersonStrings.staffSaved
            default: nil
            }
        return KeyPersonFilePage(
            language: context.language, nav: StaffNav(identity: identity, context: context, current: Paths.keyPersons),
            csrfToken: context.csrfToken ?? "", seen: seen,
            grid: try await register.regions.find(id: seen.person.regionID),
            events: try await register.repository.events(of: id), visits: try await register.repository.visits(of: id),
            now: context.now, notice: done, error: error, staff: try await register.staffNames([seen.person]),
            candidates: try await register.candidates(for: seen.person.regionPath))
    }
}
