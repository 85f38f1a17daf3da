import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

extension Paths {
    /// `/admin/regions/{code}`: one region's page (edit, move, boundary, retire).
    static func adminRegion(_ code: String) -> String { "/admin/regions/\(code)" }
    /// `/admin/organisations/{id}`: one organisation's page (edit, retire).
    static func adminOrganisation(_ id: Organisation.ID) -> String { "/admin/organisations/\(id.rawValue)" }
    static let adminRegionPattern = "/admin/regions/:code"
    static let adminOrganisationPattern = "/admin/organisations/:id"
}

/// The administrator's pages of one region (`/admin/regions/{code}`) and one organisation
/// (`/admin/organisations/{id}`): every change a CSRF-checked POST that redirects back with a note, or shows the page
/// again with the refusal (422) naming the field. The rules are `StructureAdministration`'s, shared with the API.
struct AdminStructureController {
    let regions: RegionRepository
    let organisations: OrganisationRepository
    let structure: StructureAdministration

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let router = router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.admin))
        router.get(RouterPath(Paths.adminRegionPattern)) { request, context in
            let admin = try await administrator(context)
            let code = try context.parameters.require("code")
            return HTMLPage(html: try await regionPage(code, admin, try frame(context, request)).render())
        }
        router.post(RouterPath(Paths.adminRegionPattern)) { request, context in
            let admin = try await administrator(context)
            let code = try context.parameters.require("code")
            let submitted = try await MultipartForm.read(request)
            try submitted.form.requireCSRF(context)
            do {
                let note = try await changeRegion(code, submitted, admin)
                return Response.redirect(to: "\(Paths.adminRegion(code))?done=\(note.rawValue)", type: .normal)
            } catch let error as any UserFacingError where !(error is APIError) {
                var frame = try frame(context, request)
                frame.note = nil
                frame.error = error.message
                var page = try await regionPage(code, admin, frame)
                page.form = submitted.form.excerpted()
                return HTMLPage.response(status: ErrorStatus.status(of: error), html: page.render())
            }
        }
        router.get(RouterPath(Paths.adminOrganisationPattern)) { request, context in
            let admin = try await administrator(context)
            let id = try organisationID(context)
            return HTMLPage(html: try await organisationPage(id, admin, try frame(context, request)).render())
        }
        router.post(RouterPath(Paths.adminOrganisationPattern)) { request, context in
            let admin = try await administrator(context)
            let id = try organisationID(context)
            let form = try await WebForm.read(request)
            try form.requireCSRF(context)
            do {
                let note = try await changeOrganisation(id, form, admin)
                return Response.redirect(to: "\(Paths.adminOrganisation(id))?done=\(note.rawValue)", type: .normal)
            } catch let error as any UserFacingError where !(error is APIError) {
                var frame = try frame(context, request)
                frame.note = nil
                frame.error = error.message
                var page = try await organisationPage(id, admin, frame)
                page.form = form.excerpted()
                return HTMLPage.response(status: ErrorStatus.status(of: error), html: page.render())
            }
        }
    }

    // MARK: Access

    private func administrator(_ context: AppRequestContext) async throws -> StructureAdministration.Administrator {
        let identity = try context.requireIdentity()
        return .init(
            identity: identity, scope: try await AdminScope.load(for: identity, regions), now: context.now,
            requestID: context.requestID)
    }

    private func frame(_ context: AppRequestContext, _ request: Request) throws -> AdminFrame {
        AdminFrame(
            language: context.language,
            nav: StaffNav(identity: try context.requireIdentity(), context: context, current: Paths.admin),
            csrfToken: context.csrfToken ?? "",
            note: request.uri.queryParameters.get("done").flatMap(StructureStrings.Note.init(rawValue:))?.text)
    }

    private func organisationID(_ context: AppRequestContext) throws -> Organisation.ID {
        guard let number = Int64(try context.parameters.require("id")) else { throw HTTPError(.notFound) }
        return Organisation.ID(number)
    }

    // MARK: Regions

    private func regionPage(
        _ code: String, _ admin: StructureAdministration.Administrator, _ frame: AdminFrame
    ) async throws -> AdminRegionPage {
        let region = try await pageLookup { try await structure.region(code, admin) }
        let path = try await regions.path(of: region.id) ?? ""
        let rows = admin.scope.rows
        let parents = rows.filter { row in
            !row.region.isRetired && region.level.mayHaveParent(row.region.level) && row.region.id != region.id
        }
        // Not inside its own subtree: the paths of the candidates are compared with the region's.
        var allowed: [AdminRegionRow] = []
        for row in parents {
            if let candidate = try await regions.path(of: row.region.id), !candidate.hasPrefix(path) {
                allowed.append(row)
            }
        }
        let parentCode = rows.first { $0.region.id == region.parentID }?.region.code
        return AdminRegionPage(
            frame: frame, region: region, label: admin.scope.labels[region.id] ?? region.name, parents: allowed,
            parentCode: parentCode, dependents: try await regions.dependents(of: region.id))
    }

    private func changeRegion(
        _ code: String, _ submitted: MultipartForm, _ admin: StructureAdministration.Administrator
    ) async throws -> StructureStrings.Note {
        let form = submitted.form
        let a = AdminStrings.self
        switch form["action"] {
        case "move":
            guard let parent = form["parent"] else { throw AdminController.Refusal.missing(StructureStrings.newParent) }
            _ = try await structure.editRegion(code, .init(parentCode: parent), admin)
            return .moved
        case "boundary":
            let text: String
            if let file = submitted.files.first(where: { $0.field == "boundary" }) {
                text = String(decoding: file.bytes, as: UTF8.self)
            } else if let pasted = form["boundaryText"] {
                text = pasted
            } else {
                throw AdminController.Refusal(code: "request.missing_field", message: StructureStrings.boundaryMissing)
            }
            let polygon = try GeoJSONBoundary.parse(text)
            _ = try await structure.editRegion(code, .init(boundary: .set(polygon)), admin)
            return .boundarySet
        case "remove-boundary":
            _ = try await structure.editRegion(code, .init(boundary: .remove), admin)
            return .boundaryRemoved
        case "retire":
            _ = try await structure.retireRegion(code, admin)
            return .retired
        case "restore":
            _ = try await structure.restoreRegion(code, admin)
            return .restored
        default:
            guard let name = form["name"] else { throw AdminController.Refusal.missing(a.regionName) }
            let households = try AdminController.count(form["households"], a.households)
            _ = try await structure.editRegion(code, .init(name: name, households: households), admin)
            return .saved
        }
    }

    // MARK: Organisations

    private func organisationPage(
        _ id: Organisation.ID, _ admin: StructureAdministration.Administrator, _ frame: AdminFrame
    ) async throws -> AdminOrganisationPage {
        let organisation = try await pageLookup { try await structure.organisation(id, admin) }
        let rows = admin.scope.rows
        return AdminOrganisationPage(
            frame: frame, organisation: organisation, regions: rows,
            regionCode: rows.first { $0.region.id == organisation.regionID }?.region.code,
            regionLabel: admin.scope.labels[organisation.regionID] ?? "",
            dependents: try await organisations.dependents(of: organisation.id))
    }

    private func changeOrganisation(
        _ id: Organisation.ID, _ form: WebForm, _ admin: StructureAdministration.Administrator
    ) async throws -> StructureStrings.Note {
        let a = AdminStrings.self
        switch form["action"] {
        case "retire":
            _ = try await structure.retireOrganisation(id, admin)
            return .retired
        case "restore":
            _ = try await structure.restoreOrganisation(id, admin)
            return .restored
        default:
            guard let name = form["name"] else { throw AdminController.Refusal.missing(a.organisationName) }
            guard let kind = form["kind"].flatMap(OrganisationKind.init(rawValue:)) else {
                throw AdminController.Refusal.missing(a.kind)
            }
            guard let region = form["region"] else { throw AdminController.Refusal.missing(a.region) }
            _ = try await structure.editOrganisation(
                id,
                .init(
                    name: name, kind: kind, regionCode: region,
                    specialties: form.all("specialties").compactMap(DisputeType.init(rawValue:)),
                    phone: form["phone"] ?? ""),
                admin)
            return .saved
        }
    }

    /// A page's own lookup: one outside the jurisdiction or unknown is the page not found.
    private func pageLookup<T>(_ find: () async throws -> T) async throws -> T {
        do {
            return try await find()
        } catch let error as APIError where error.status == .notFound {
            throw HTTPError(.notFound)
        }
    }
}

extension AdminStructureController {
    init(services: AppServices) {
        self.init(
            regions: services.regions, organisations: services.organisations,
            structure: StructureAdministration(services: services))
    }
}
