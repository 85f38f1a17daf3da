import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// The administrator's pages for people: one user (`/admin/users/{username}`: details, role grants, disable with a
/// confirmation, enable) and the mediators (`/admin/mediators`: add with a photo, edit, retire, open an account), and
/// the public photo of a directory card (`/mediators/{id}/photo`). Every change goes through `PeopleAdministration`
/// (jurisdiction, validation, access log); a form is a CSRF-checked POST that redirects back with a note, or shows
/// the page again with the refusal (422) and what was typed.
struct AdminPeopleController {
    let people: PeopleAdministration

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        // The photo of a card in the directory: public, like the card; a retired mediator's photo is gone with them.
        router.get(RouterPath(Paths.mediatorPhotoPattern)) { _, context in
            guard let id = context.parameters.get("id", as: Int64.self),
                let mediator = try await people.mediators.find(id: Mediator.ID(id)), mediator.isActive,
                let sha256 = mediator.photo, let stored = try await people.files.find(sha256: sha256),
                stored.contentType.hasPrefix("image/"), let data = try await people.files.data(sha256: sha256)
            else { throw HTTPError(.notFound) }
            return Response(
                status: .ok,
                headers: [.contentType: stored.contentType, .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        let router = router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.admin))
        router.get(RouterPath(Paths.adminUserPattern)) { request, context in
            let admin = try await people.administrator(context)
            let user = try await people.user(try context.parameters.require("username"), admin)
            return HTMLPage(html: try await userPage(user, admin, frame(admin, context, request)).render())
        }
        router.post(RouterPath(Paths.adminUserPattern)) { request, context in
            let admin = try await people.administrator(context)
            let user = try await people.user(try context.parameters.require("username"), admin)
            let form = try await WebForm.read(request)
            try form.requireCSRF(context)
            do {
                let note = try await changeUser(user, form, admin)
                return Response.redirect(to: "\(Paths.adminUser(user.username))?done=\(note.rawValue)", type: .normal)
            } catch let error as any UserFacingError {
                var frame = frame(admin, context, request)
                frame.note = nil
                frame.error = error.message
                var page = try await userPage(try await people.user(user.username, admin), admin, frame)
                page.form = form.excerpted()
                return HTMLPage.response(status: ErrorStatus.status(of: error), html: page.render())
            }
        }
        router.get(RouterPath(Paths.adminUserDisablePattern)) { request, context in
            let admin = try await people.administrator(context)
            let user = try await people.user(try context.parameters.require("username"), admin)
            return HTMLPage(html: AdminUserDisablePage(frame: frame(admin, context, request), user: user).render())
        }
        router.post(RouterPath(Paths.adminUserDisablePattern)) { request, context in
            let admin = try await people.administrator(context)
            let user = try await people.user(try context.parameters.require("username"), admin)
            let form = try await WebForm.read(request)
            try form.requireCSRF(context)
            do {
                try await people.setDisabled(user.username, true, admin)
                return Response.redirect(
                    to: "\(Paths.adminUser(user.username))?done=\(PeopleStrings.Note.disabled.rawValue)",
                    type: .normal)
            } catch let error as any UserFacingError {
                var frame = frame(admin, context, request)
                frame.note = nil
                frame.error = error.message
                return HTMLPage.response(
                    status: ErrorStatus.status(of: error),
                    html: AdminUserDisablePage(frame: frame, user: user).render())
            }
        }
        router.get(RouterPath(Paths.adminMediators)) { request, context in
            let admin = try await people.administrator(context)
            var page = try await mediatorsPage(admin, frame(admin, context, request))
            // "为其建立调解员名片" from a user's page: the form filled in for that account.
            if let username = request.uri.queryParameters.get("account"),
                let user = try? await people.user(username, admin)
            {
                var fields: [(name: String, value: String)] = [
                    ("name", user.displayName), ("account", user.username), ("available", "on"), ("languages", "普通话"),
                ]
                if let grant = user.grants.first(where: { $0.role == .mediator }) {
                    fields.append(("organisation", "\(grant.organisationID.rawValue)"))
                }
                page.form = WebForm(fields: fields)
            }
            return HTMLPage(html: page.render())
        }
        router.post(RouterPath(Paths.adminMediators)) { request, context in
            let admin = try await people.administrator(context)
            let submitted = try await MultipartForm.read(request)
            try submitted.form.requireCSRF(context)
            do {
                let made = try await people.addMediator(
                    try await details(submitted.form, admin), photo: photo(submitted), admin)
                return Response.redirect(
                    to: "\(Paths.adminMediator(made.id))?done=\(PeopleStrings.Note.mediatorAdded.rawValue)",
                    type: .normal)
            } catch let error as any UserFacingError {
                var frame = frame(admin, context, request)
                frame.note = nil
                frame.error = error.message
                var page = try await mediatorsPage(admin, frame)
                page.form = submitted.form.excerpted()
                return HTMLPage.response(status: ErrorStatus.status(of: error), html: page.render())
            }
        }
        router.get(RouterPath(Paths.adminMediatorPattern)) { request, context in
            let admin = try await people.administrator(context)
            let mediator = try await people.mediator(try mediatorID(context), admin)
            return HTMLPage(html: try await mediatorPage(mediator, admin, frame(admin, context, request)).render())
        }
        router.post(RouterPath(Paths.adminMediatorPattern)) { request, context in
            let admin = try await people.administrator(context)
            let mediator = try await people.mediator(try mediatorID(context), admin)
            let submitted = try await MultipartForm.read(request)
            let form = submitted.form
            try form.requireCSRF(context)
            let id = mediator.id.rawValue
            do {
                let note: PeopleStrings.Note
                switch form["action"] {
                case "retire":
                    _ = try await people.setRetired(id, true, admin)
                    note = .mediatorRetired
                case "reinstate":
                    _ = try await people.setRetired(id, false, admin)
                    note = .mediatorReinstated
                case "removePhoto":
                    _ = try await people.setPhoto(id, nil, admin)
                    note = .photoRemoved
                case "createAccount":
                    // The one-time password is shown on this answer only (no redirect that could show it again).
                    let (user, password) = try await people.createAccount(
                        for: id, username: form["username"] ?? "", admin)
                    var frame = frame(admin, context, request)
                    frame.note = nil
                    return HTMLPage.response(
                        status: .ok,
                        html: frame.render(title: PeopleStrings.accountOpened, path: Paths.adminMediator(id)) {
                            AdminResetStrings.shown(user: user, password: password, language: context.language)
                        })
                default:
                    _ = try await people.editMediator(id, to: try await details(form, admin), admin)
                    if let bytes = photo(submitted) { _ = try await people.setPhoto(id, bytes, admin) }
                    note = .mediatorSaved
                }
                return Response.redirect(to: "\(Paths.adminMediator(id))?done=\(note.rawValue)", type: .normal)
            } catch let error as any UserFacingError {
                var frame = frame(admin, context, request)
                frame.note = nil
                frame.error = error.message
                var page = try await mediatorPage(try await people.mediator(id, admin), admin, frame)
                page.form = form.excerpted()
                return HTMLPage.response(status: ErrorStatus.status(of: error), html: page.render())
            }
        }
    }

    // MARK: Users

    private func changeUser(
        _ user: User, _ form: WebForm, _ admin: PeopleAdministration.Administrator
    ) async throws
        -> PeopleStrings.Note
    {
        let s = AdminStrings.self
        var change = UserChange(user)
        switch form["action"] {
        case "enable":
            try await people.setDisabled(user.username, false, admin)
            return .enabled
        case "addGrant":
            guard let role = form["role"].flatMap(Role.init(rawValue:)) else {
                throw AdminController.Refusal.missing(s.role)
            }
            guard let organisation = form["organisation"].flatMap(Int64.init) else {
                throw AdminController.Refusal.missing(s.organisation)
            }
            guard let jurisdiction = form["jurisdiction"] else {
                throw AdminController.Refusal.missing(s.jurisdiction)
            }
            let grant = try await people.grant(
                role: role, organisation: organisation, jurisdiction: jurisdiction, admin)
            if !change.grants.contains(grant) { change.grants.append(grant) }
            try await people.edit(user.username, to: change, admin)
            return .grantAdded
        case "removeGrant":
            guard let grant = form["grant"].flatMap(AdminUserPage.grant(key:)) else {
                throw AdminController.Refusal.missing(PeopleStrings.grants)
            }
            change.grants.removeAll { $0 == grant }
            try await people.edit(user.username, to: change, admin)
            return .grantRemoved
        default:
            change.displayName = form["displayName"] ?? ""
            change.phone = form["phone"]
            try await people.edit(user.username, to: change, admin)
            return .saved
        }
    }

    private func userPage(
        _ user: User, _ admin: PeopleAdministration.Administrator, _ frame: AdminFrame
    ) async throws -> AdminUserPage {
        let labels = admin.scope.labels
        let organisations = try await people.organisationsInScope(admin)
        var names = Dictionary(organisations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        for grant in user.grants where names[grant.organisationID] == nil {
            names[grant.organisationID] = try await people.organisations.find(id: grant.organisationID)?.name ?? ""
        }
        var page = AdminUserPage(
            frame: frame, user: user,
            grants: user.grants.map { grant in
                .init(
                    grant: grant,
                    text: "\(frame.t(grant.role.name)) · \(names[grant.organisationID] ?? "") · "
                        + (labels[grant.jurisdictionID] ?? ""))
            },
            organisations: organisations.map {
                (String($0.id.rawValue), "\($0.name)（\(labels[$0.regionID] ?? "")）")
            },
            regions: admin.scope.rows)
        page.card = try await people.mediators.find(userID: user.id)
        page.isSelf = user.id == admin.identity.user.id
        return page
    }

    // MARK: Mediators

    private func mediatorID(_ context: AppRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        return id
    }

    /// The card's fields from the form; the account by username (one of the jurisdiction's users, or none).
    private func details(_ form: WebForm, _ admin: PeopleAdministration.Administrator) async throws -> NewMediator {
        guard let organisation = form["organisation"].flatMap(Int64.init) else {
            throw AdminController.Refusal.missing(PeopleStrings.organisationRequired)
        }
        return NewMediator(
            name: form["name"] ?? "", organisationID: Organisation.ID(organisation),
            specialties: form.all("specialties").compactMap(DisputeType.init(rawValue:)),
            levels: form.all("levels").compactMap(RegionLevel.init(rawValue:)),
            languages: Self.languages(form["languages"] ?? ""), goldMedal: form["goldMedal"] != nil,
            available: form["available"] != nil, profile: form["profile"] ?? "",
            userID: try await people.account(form["account"], admin))
    }

    /// "普通话、温州话" / "普通话, 温州话": each language once, in order.
    static func languages(_ text: String) -> [String] {
        var seen = Set<String>()
        return text.split(whereSeparator: { "、,，;；".contains($0) }).map { String($0).trimmingWhitespace }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    private func photo(_ submitted: MultipartForm) -> [UInt8]? {
        submitted.files.first { $0.field == "photo" && !$0.bytes.isEmpty }?.bytes
    }

    /// The organisations a card may name: those of the jurisdiction.
    private func mediationOrganisations(
        _ admin: PeopleAdministration.Administrator
    ) async throws -> [(
        value: String, text: String
    )] {
        let labels = admin.scope.labels
        return try await people.organisationsInScope(admin)
            .map { (String($0.id.rawValue), "\($0.name)（\(labels[$0.regionID] ?? "")）") }
    }

    private func mediatorsPage(
        _ admin: PeopleAdministration.Administrator, _ frame: AdminFrame
    ) async throws -> AdminMediatorsPage {
        let mediators = try await people.mediatorsInScope(admin)
        let names = try await people.organisations.names(of: Set(mediators.map(\.organisationID)))
        var accounts: [User.ID: String] = [:]
        for id in Set(mediators.compactMap(\.userID)) { accounts[id] = try await people.users.find(id: id)?.username }
        return AdminMediatorsPage(
            frame: frame,
            rows: mediators.map {
                .init(
                    mediator: $0, organisation: names[$0.organisationID] ?? "",
                    account: $0.userID.flatMap { accounts[$0] })
            },
            organisations: try await mediationOrganisations(admin))
    }

    private func mediatorPage(
        _ mediator: Mediator, _ admin: PeopleAdministration.Administrator, _ frame: AdminFrame
    ) async throws -> AdminMediatorPage {
        var account: String?
        if let id = mediator.userID { account = try await people.users.find(id: id)?.username }
        return AdminMediatorPage(
            frame: frame, mediator: mediator, organisations: try await mediationOrganisations(admin),
            account: account)
    }

    // MARK: Frame

    private func frame(
        _ admin: PeopleAdministration.Administrator, _ context: AppRequestContext, _ request: Request
    ) -> AdminFrame {
        AdminFrame(
            language: context.language,
            nav: StaffNav(identity: admin.identity, context: context, current: Paths.admin),
            csrfToken: context.csrfToken ?? "",
            note: request.uri.queryParameters.get("done").flatMap(PeopleStrings.Note.init(rawValue:))?.text)
    }
}
