import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import NIOPosix

/// The administrator's pages under `/admin`: regions and grids, organisations, users, the category catalogue, and
/// the access log (the time limits and the working calendar are `AdminRulesController`'s). Each administrator sees and changes
/// only their jurisdiction (the subtrees of their admin grants); the catalogue is the county's, so only
/// administrators at county level or above change it. Every change is a CSRF-checked POST that redirects back with a
/// note (POST-redirect-GET), or shows the page again with the refusal (422) and what was typed.
struct AdminController {
    let regions: RegionRepository
    let organisations: OrganisationRepository
    let users: UserRepository
    let categories: CategoryRepository
    let timeLimits: TimeLimitRepository
    /// The working calendar in force, read at each use (`LiveCalendar`: an uploaded year applies at once).
    let calendars: LiveCalendar
    var calendar: WorkingCalendar { calendars.current }
    let accessLog: AccessLogRepository
    /// The cases of access-log entries (`AdminScope.concerning`).
    let cases: CaseRepository
    let passwords: PasswordHasher

    /// The signed-in administrator and the regions they administer.
    struct Administrator: Sendable {
        let identity: Identity
        let scope: AdminScope
        /// The request's time.
        let now: Date
    }

    /// A refusal of the admin pages themselves (the domain's own errors pass through as they are).
    struct Refusal: UserFacingError {
        let code: String
        let message: Localized

        static func missing(_ field: Localized) -> Refusal {
            Refusal(code: "request.missing_field", message: AdminStrings.missing(field))
        }
    }

    /// The working calendar's coverage when it needs attention: the admin home says so (as do `/readyz` and
    /// `fengqiao doctor`).
    private func calendarWarning(_ now: Date) async throws -> DoctorCheck? {
        let check = Doctor.calendar(calendar, latestDeadline: try await cases.latestOpenDeadline(), now: now)
        return check.status == .ok ? nil : check
    }

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let router = router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.admin))
        router.get(RouterPath(Paths.admin)) { request, context in
            let admin = try await administrator(request, context)
            return HTMLPage(
                html: AdminIndexPage(
                    frame: frame(admin, context, request),
                    jurisdiction: admin.scope.roots.map { "\($0.name)（\($0.level.name.text(context.language))）" },
                    calendarWarning: try await calendarWarning(context.now)
                ).render())
        }
        router.get(RouterPath(Paths.adminRegions)) { request, context in
            let admin = try await administrator(request, context)
            return HTMLPage(html: regionsPage(admin, frame(admin, context, request)).render())
        }
        router.post(RouterPath(Paths.adminRegions)) { request, context in
            try await submit(request, context, back: Paths.adminRegions, change: addRegion) { admin, frame, form in
                var page = regionsPage(admin, frame)
                page.form = form
                return page.render()
            }
        }
        router.get(RouterPath(Paths.adminOrganisations)) { request, context in
            let admin = try await administrator(request, context)
            return HTMLPage(html: try await organisationsPage(admin, frame(admin, context, request)).render())
        }
        router.post(RouterPath(Paths.adminOrganisations)) { request, context in
            try await submit(request, context, back: Paths.adminOrganisations, change: addOrganisation) {
                admin, frame, form in
                var page = try await organisationsPage(admin, frame)
                page.form = form
                return page.render()
            }
        }
        router.get(RouterPath(Paths.adminUsers)) { request, context in
            let admin = try await administrator(request, context)
            let query = CaseListController.items(request.uri.queryParameters)
            let page = try await usersPage(admin, frame(admin, context, request), query: query)
            return HTMLPage(status: page.list?.error == nil ? .ok : .badRequest, html: page.render())
        }
        router.get(RouterPath(Paths.adminUsersCSV)) { request, context in
            let admin = try await administrator(request, context)
            let query = CaseListController.items(request.uri.queryParameters)
            let (found, state) = try await filteredUsers(admin, query)
            if let error = state.error { throw HTTPError(.badRequest, message: error.zh) }
            let rows = try await userRows(found, admin)
            let text = AdminCSV.table(
                [AdminStrings.username.zh, AdminStrings.displayName.zh, AdminStrings.roles.zh, AdminStrings.state.zh],
                rows.map { row in
                    [
                        row.username, row.displayName,
                        row.grants.map { "\($0.role.name.zh) · \($0.organisation) · \($0.jurisdiction)" }
                            .joined(separator: "；"),
                        row.disabled ? AdminStrings.disabled.zh : AdminStrings.active.zh,
                    ]
                })
            try await logExport(admin, context, action: "users.export", request: request, count: rows.count)
            return AdminCSV.response(text, fileName: "users.csv")
        }
        router.post(RouterPath(Paths.adminUserReset)) { request, context in
            // A one-time password is shown on this answer only (no redirect that could show it again).
            let admin = try await administrator(request, context)
            let form = try await WebForm.read(request)
            try form.requireCSRF(context)
            var frame = frame(admin, context, request)
            do {
                let (user, password) = try await resetPassword(form, admin, context)
                return HTMLPage.response(
                    status: .ok,
                    html: frame.render(title: AdminResetStrings.title, path: Paths.adminUsers) {
                        AdminResetStrings.shown(user: user, password: password, language: context.language)
                    })
            } catch let error as any UserFacingError {
                frame.error = error.message
                return HTMLPage.response(
                    status: ErrorStatus.status(of: error), html: try await usersPage(admin, frame).render())
            }
        }
        router.post(RouterPath(Paths.adminUsers)) { request, context in
            // A new mediator account goes on to its directory card: account and card are one person.
            let onward: @Sendable (WebForm) -> String? = { form in
                guard form["action"] == "add", form["role"] == Role.mediator.rawValue, let username = form["username"]
                else { return nil }
                return PeopleStrings.cardForNewAccount(username)
            }
            return try await submit(request, context, back: Paths.adminUsers, onward: onward, change: changeUser) {
                admin, frame, form in
                var page = try await usersPage(admin, frame)
                // The add form keeps what was typed; a refused disable or enable leaves it empty.
                if form["action"] == "add" { page.form = form }
                return page.render()
            }
        }
        router.get(RouterPath(Paths.adminCategories)) { request, context in
            let admin = try await administrator(request, context)
            return HTMLPage(html: try await categoriesPage(admin, frame(admin, context, request)).render())
        }
        router.post(RouterPath(Paths.adminCategories)) { request, context in
            try await submit(request, context, back: Paths.adminCategories, change: changeCategory) {
                admin, frame, form in
                var page = try await categoriesPage(admin, frame)
                if form["action"] == "add" { page.form = form }
                return page.render()
            }
        }
        router.get(RouterPath(Paths.adminAccessLog)) { request, context in
            let admin = try await administrator(request, context)
            let (rows, state) = try await accessLog(admin, CaseListController.items(request.uri.queryParameters))
            var page = AdminAccessLogPage(frame: frame(admin, context, request), entries: state.page(rows))
            page.list = state
            return HTMLPage(status: state.error == nil ? .ok : .badRequest, html: page.render())
        }
        router.get(RouterPath(Paths.adminAccessLogCSV)) { request, context in
            let admin = try await administrator(request, context)
            let (rows, state) = try await accessLog(admin, CaseListController.items(request.uri.queryParameters))
            if let error = state.error { throw HTTPError(.badRequest, message: error.zh) }
            let s = AdminStrings.self
            let text = AdminCSV.table(
                [s.time.zh, s.user.zh, s.action.zh, s.caseColumn.zh, s.detail.zh, s.requestID.zh],
                rows.map { row in
                    [
                        ChinaTime.minute(row.entry.at), row.entry.username, row.entry.action,
                        row.caseNumber ?? row.entry.caseID.map { "#\($0)" } ?? "", row.entry.detail,
                        row.entry.requestID ?? "",
                    ]
                })
            try await logExport(admin, context, action: "access-log.export", request: request, count: rows.count)
            return AdminCSV.response(text, fileName: "access-log.csv")
        }
    }

    // MARK: Access and the POST-redirect-GET cycle

    private func administrator(_ request: Request, _ context: AppRequestContext) async throws -> Administrator {
        let identity = try context.requireIdentity()
        return Administrator(
            identity: identity, scope: try await AdminScope.load(for: identity, regions), now: context.now)
    }

    /// The frame of a page: navigation, CSRF token, and the note of the change just made (`?done=`), if any.
    private func frame(_ admin: Administrator, _ context: AppRequestContext, _ request: Request) -> AdminFrame {
        AdminFrame(
            language: context.language,
            nav: StaffNav(identity: admin.identity, context: context, current: Paths.admin),
            csrfToken: context.csrfToken ?? "",
            note: request.uri.queryParameters.get("done").flatMap(AdminStrings.Note.init(rawValue:))?.text)
    }

    /// Reads and CSRF-checks the form, makes the change and redirects back with its note (or `onward`, where the
    /// change leads on); a refusal shows the page again (422) with the message and the form as typed.
    private func submit(
        _ request: Request, _ context: AppRequestContext, back path: String,
        onward: (@Sendable (WebForm) -> String?)? = nil,
        change: (WebForm, Administrator) async throws -> AdminStrings.Note,
        page: (Administrator, AdminFrame, WebForm) async throws -> String
    ) async throws -> Response {
        let admin = try await administrator(request, context)
        let form = try await WebForm.read(request)
        try form.requireCSRF(context)
        do {
            let note = try await change(form, admin)
            if let next = onward?(form) { return Response.redirect(to: next, type: .normal) }
            return Response.redirect(to: "\(path)?done=\(note.rawValue)", type: .normal)
        } catch let error as any UserFacingError {
            var frame = frame(admin, context, request)
            frame.note = nil
            frame.error = error.message
            return HTMLPage.response(status: ErrorStatus.status(of: error), html: try await page(admin, frame, form))
        }
    }

    // MARK: Regions

    private func regionsPage(_ admin: Administrator, _ frame: AdminFrame) -> AdminRegionsPage {
        let top = admin.scope.roots.map(\.level).min() ?? .county
        return AdminRegionsPage(
            frame: frame, rows: admin.scope.rows, levels: RegionLevel.allCases.filter { $0 > top })
    }

    private func addRegion(_ form: WebForm, _ admin: Administrator) async throws -> AdminStrings.Note {
        let s = AdminStrings.self
        guard let level = form["level"].flatMap(RegionLevel.init(rawValue:)) else { throw Refusal.missing(s.level) }
        guard let parentCode = form["parent"] else { throw Refusal.missing(s.parentRegion) }
        guard let parent = try await regions.find(code: parentCode), admin.scope.contains(parent.id) else {
            throw Refusal(code: "admin.outside_jurisdiction", message: s.outsideJurisdiction)
        }
        let households = try Self.count(form["households"], s.households)
        let region = try await regions.create(
            NewRegion(
                code: form["code"] ?? "", name: form["name"] ?? "", level: level, parentID: parent.id,
                households: households))
        try await logChange(admin, "region.create", "region \(region.code); parent: \(parent.code)")
        return .regionAdded
    }

    /// A change of the structure, to the access log (as `StructureAdministration` writes its own).
    private func logChange(_ admin: Administrator, _ action: String, _ detail: String) async throws {
        try await accessLog.record(
            AccessLogRepository.Entry(
                at: admin.now, userID: admin.identity.user.id, username: admin.identity.user.username,
                action: action, caseID: nil, detail: detail, requestID: nil))
    }

    /// A whole number of at least 0; blank is 0.
    static func count(_ text: String?, _ field: Localized) throws -> Int {
        guard let text else { return 0 }
        guard let value = Int(text), value >= 0 else {
            throw Refusal(code: "request.invalid_field", message: AdminStrings.mustBeNumber(field))
        }
        return value
    }

    // MARK: Organisations

    private func organisationsInScope(
        _ admin: Administrator, includeRetired: Bool = false
    ) async throws -> [Organisation] {
        var result: [Organisation] = []
        for root in admin.scope.roots {
            result += try await organisations.list(inSubtreeOf: root.id, includeRetired: includeRetired)
        }
        return result
    }

    private func organisationsPage(_ admin: Administrator, _ frame: AdminFrame) async throws -> AdminOrganisationsPage {
        let names = admin.scope.labels
        return AdminOrganisationsPage(
            frame: frame,
            organisations: try await organisationsInScope(admin, includeRetired: true).map {
                .init(organisation: $0, region: names[$0.regionID] ?? "")
            },
            regions: admin.scope.rows)
    }

    private func addOrganisation(_ form: WebForm, _ admin: Administrator) async throws -> AdminStrings.Note {
        let s = AdminStrings.self
        guard let kind = form["kind"].flatMap(OrganisationKind.init(rawValue:)) else { throw Refusal.missing(s.kind) }
        guard let regionCode = form["region"] else { throw Refusal.missing(s.region) }
        guard let region = try await regions.find(code: regionCode), admin.scope.contains(region.id) else {
            throw Refusal(code: "admin.outside_jurisdiction", message: s.outsideJurisdiction)
        }
        let organisation = try await organisations.create(
            NewOrganisation(
                name: form["name"] ?? "", kind: kind, regionID: region.id,
                specialties: form.all("specialties").compactMap(DisputeType.init(rawValue:)), phone: form["phone"]))
        try await logChange(admin, "organisation.create", "organisation \(organisation.id); region: \(region.code)")
        return .organisationAdded
    }

    // MARK: Users

    private func usersPage(
        _ admin: Administrator, _ frame: AdminFrame, query: [(name: String, value: String)] = []
    ) async throws -> AdminUsersPage {
        let organisations = try await organisationsInScope(admin)
        let labels = admin.scope.labels
        let (found, state) = try await filteredUsers(admin, query)
        var page = AdminUsersPage(
            frame: frame, users: try await userRows(state.page(found), admin),
            organisations: organisations.map { (String($0.id.rawValue), "\($0.name)（\(labels[$0.regionID] ?? "")）") },
            regions: admin.scope.rows)
        page.list = state
        page.organisationChoices = organisations.map { ("\($0.id)", $0.name) }
        return page
    }

    /// The users of the jurisdiction that match the list's filters (`q`, `role`, `organisation`, `status`), sorted
    /// (`sort`: username or name), all of them: the page shows one page of them, the export every one.
    private func filteredUsers(
        _ admin: Administrator, _ query: [(name: String, value: String)]
    ) async throws -> ([User], AdminListState) {
        var state = AdminListState(query: query, path: Paths.adminUsers, csvPath: Paths.adminUsersCSV)
        var found = try await users.list().filter { admin.scope.covers($0) }
        if let words = state.value("q")?.lowercased() {
            found = found.filter {
                $0.username.lowercased().contains(words) || $0.displayName.lowercased().contains(words)
            }
        }
        if let text = state.value("role") {
            if let role = Role(rawValue: text) {
                found = found.filter { $0.holds(role) }
            } else {
                state.error = AdminListStrings.invalid("role")
            }
        }
        if let text = state.value("organisation") {
            if let number = Int64(text) {
                found = found.filter { $0.grants.contains { $0.organisationID == Organisation.ID(number) } }
            } else {
                state.error = AdminListStrings.invalid("organisation")
            }
        }
        switch state.value("status") {
        case nil: break
        case "active": found = found.filter { !$0.disabled }
        case "disabled": found = found.filter(\.disabled)
        default: state.error = AdminListStrings.invalid("status")
        }
        if state.value("sort") == "name" {
            found.sort { ($0.displayName, $0.username) < ($1.displayName, $1.username) }
        } else {
            found.sort { $0.username < $1.username }
        }
        state.readPage()
        if state.error != nil { found = [] }
        state.total = found.count
        return (found, state)
    }

    /// The users as the list shows them: each grant named (role · organisation · jurisdiction).
    private func userRows(_ found: [User], _ admin: Administrator) async throws -> [AdminUsersPage.Row] {
        var organisationNames: [Organisation.ID: String] = [:]
        let labels = admin.scope.labels
        var rows: [AdminUsersPage.Row] = []
        for user in found {
            var grants: [AdminUsersPage.Row.Grant] = []
            for grant in user.grants {
                if organisationNames[grant.organisationID] == nil {
                    organisationNames[grant.organisationID] =
                        try await self.organisations.find(id: grant.organisationID)?.name ?? ""
                }
                grants.append(
                    .init(
                        role: grant.role, organisation: organisationNames[grant.organisationID] ?? "",
                        jurisdiction: labels[grant.jurisdictionID] ?? ""))
            }
            rows.append(
                .init(
                    username: user.username, displayName: user.displayName, disabled: user.disabled, grants: grants,
                    isSelf: user.id == admin.identity.user.id))
        }
        return rows
    }

    /// An administrator's export, written to the access log like the case exports.
    private func logExport(
        _ admin: Administrator, _ context: AppRequestContext, action: String, request: Request, count: Int
    ) async throws {
        try await accessLog.record(
            AccessLogRepository.Entry(
                at: admin.now, userID: admin.identity.user.id, username: admin.identity.user.username, action: action,
                caseID: nil, detail: "filter: \(request.uri.query ?? "(none)"); count: \(count)",
                requestID: context.requestID))
    }

    private func changeUser(_ form: WebForm, _ admin: Administrator) async throws -> AdminStrings.Note {
        switch form["action"] {
        case "disable": try await setDisabled(form, admin, true)
        case "enable": try await setDisabled(form, admin, false)
        default: try await addUser(form, admin)
        }
    }

    private func addUser(_ form: WebForm, _ admin: Administrator) async throws -> AdminStrings.Note {
        let s = AdminStrings.self
        guard let role = form["role"].flatMap(Role.init(rawValue:)) else { throw Refusal.missing(s.role) }
        guard let organisationNumber = form["organisation"].flatMap(Int64.init) else {
            throw Refusal.missing(s.organisation)
        }
        let organisationID = Organisation.ID(organisationNumber)
        guard let jurisdictionCode = form["jurisdiction"] else { throw Refusal.missing(s.jurisdiction) }
        guard let organisation = try await organisations.find(id: organisationID),
            admin.scope.contains(organisation.regionID)
        else { throw Refusal(code: "admin.organisation_outside", message: s.organisationOutside) }
        guard let jurisdiction = try await regions.find(code: jurisdictionCode),
            admin.scope.contains(jurisdiction.id)
        else { throw Refusal(code: "admin.outside_jurisdiction", message: s.outsideJurisdiction) }
        let new = NewUser(
            username: form["username"] ?? "", displayName: form["displayName"] ?? "", phone: form["phone"],
            grants: [RoleGrant(role: role, organisationID: organisation.id, jurisdictionID: jurisdiction.id)])
        try new.validate()
        // The password as typed (not trimmed), as the sign-in form reads it.
        let password = form.fields.first { $0.name == "password" }?.value ?? ""
        try UserRules.validatePassword(password)
        if try await users.find(username: new.username) != nil {
            throw UserError.duplicateUsername(new.username)
        }
        // bcrypt is deliberately slow: off the event loop, as at sign-in.
        let hash = try await passwords.hash(password)
        try await users.create(new, passwordHash: hash, now: admin.now)
        return .userAdded
    }

    /// 重置密码: a one-time password, to be replaced at the next sign-in; the user's sessions and tokens end
    /// (`setPasswordHash`) and the reset goes to the access log.
    private func resetPassword(
        _ form: WebForm, _ admin: Administrator, _ context: AppRequestContext
    ) async throws -> (User, String) {
        let s = AdminStrings.self
        guard let username = form["username"] else { throw Refusal.missing(s.username) }
        guard let user = try await users.find(username: username), admin.scope.covers(user) else {
            throw Refusal(code: "admin.user_outside", message: s.userOutside)
        }
        let password = OneTimePassword.make()
        try await users.setPasswordHash(
            username: user.username, to: try await passwords.hash(password), now: admin.now,
            mustChange: true)
        try await accessLog.record(
            AccessLogRepository.Entry(
                at: admin.now, userID: admin.identity.user.id, username: admin.identity.user.username,
                action: "user.reset", caseID: nil, detail: "password reset for \(user.username)",
                requestID: context.requestID))
        return (user, password)
    }

    private func setDisabled(
        _ form: WebForm, _ admin: Administrator, _ disabled: Bool
    ) async throws
        -> AdminStrings.Note
    {
        let s = AdminStrings.self
        guard let username = form["username"] else { throw Refusal.missing(s.username) }
        guard let user = try await users.find(username: username), admin.scope.covers(user) else {
            throw Refusal(code: "admin.user_outside", message: s.userOutside)
        }
        if disabled && user.id == admin.identity.user.id {
            throw Refusal(code: "admin.not_yourself", message: s.notYourself)
        }
        try await users.setDisabled(username: user.username, disabled, now: admin.now)
        return disabled ? .userDisabled : .userEnabled
    }

    // MARK: Categories

    private func categoriesPage(_ admin: Administrator, _ frame: AdminFrame) async throws -> AdminCategoriesPage {
        AdminCategoriesPage(
            frame: frame, categories: try await categories.list(includeRetired: true),
            editable: admin.scope.isCountyOrAbove)
    }

    private func changeCategory(_ form: WebForm, _ admin: Administrator) async throws -> AdminStrings.Note {
        // The page offers no form to others: a POST from them is not a mistake to correct but a refusal.
        guard admin.scope.isCountyOrAbove else { throw WebAccess.Forbidden() }
        let s = AdminStrings.self
        let catalogue = try await categories.list(includeRetired: true)
        switch form["action"] {
        case "retire", "reactivate":
            let active = form["action"] == "reactivate"
            guard var category = catalogue.first(where: { $0.code == form["code"] }) else {
                throw Refusal(code: "category.unknown", message: s.categoryNotFound)
            }
            category.active = active
            try await categories.save(category)
            return active ? .categoryReactivated : .categoryRetired
        default:
            guard let domain = form["domain"].flatMap(GovernanceDomain.init(rawValue:)) else {
                throw Refusal.missing(s.domain)
            }
            let category = Category(
                code: form["code"] ?? "", domain: domain,
                name: Localized(zh: form["nameZh"] ?? "", en: form["nameEn"] ?? ""),
                disputeType: form["disputeType"].flatMap(DisputeType.init(rawValue:)))
            try category.validate()
            // `save` updates an entry with the same code: adding must not overwrite one.
            if catalogue.contains(where: { $0.code == category.code }) {
                throw Refusal(code: "category.exists", message: s.categoryExists)
            }
            try await categories.save(category)
            return .categoryAdded
        }
    }

    // MARK: Access log

    /// How many of the newest entries the access log page searches.
    static let accessLogSearched = 5000

    /// The entries among the newest `accessLogSearched` that concern the jurisdiction (`AdminScope.concerning`) and
    /// match the list's filters (`user`, `action`, `q` in the detail, `from`, `to`), newest first.
    private func accessLog(
        _ admin: Administrator, _ query: [(name: String, value: String)]
    ) async throws -> ([AdminAccessLogPage.Row], AdminListState) {
        var state = AdminListState(query: query, path: Paths.adminAccessLog, csvPath: Paths.adminAccessLogCSV)
        let newest = try await accessLog.recent(limit: Self.accessLogSearched)
        if newest.count == Self.accessLogSearched { state.searchedOnly = Self.accessLogSearched }
        var rows: [AdminAccessLogPage.Row] = try await admin.scope.concerning(newest, users: users, cases: cases).map {
            .init(entry: $0.entry, caseNumber: $0.case?.number)
        }
        if let user = state.value("user")?.lowercased() {
            rows = rows.filter { $0.entry.username.lowercased().contains(user) }
        }
        if let action = state.value("action") { rows = rows.filter { $0.entry.action == action } }
        if let words = state.value("q") { rows = rows.filter { $0.entry.detail.contains(words) } }
        if let text = state.value("from") {
            if let from = ChinaTime.parse(text)?.lowerBound {
                rows = rows.filter { $0.entry.at >= from }
            } else {
                state.error = AdminListStrings.invalid("from")
            }
        }
        if let text = state.value("to") {
            if let to = ChinaTime.parse(text)?.periodEnd {
                rows = rows.filter { $0.entry.at < to }
            } else {
                state.error = AdminListStrings.invalid("to")
            }
        }
        state.readPage()
        if state.error != nil { rows = [] }
        state.total = rows.count
        return (rows, state)
    }
}

/// The administrator's exports as spreadsheets: UTF-8 with a byte-order mark, CRLF rows, every cell made safe for
/// spreadsheet programs (`CSVTable.safeRow`), like the case export.
enum AdminCSV {
    static func table(_ headers: [String], _ rows: [[String]]) -> String {
        "\u{FEFF}" + CSVTable.row(headers) + rows.map(CSVTable.safeRow).joined()
    }

    static func response(_ text: String, fileName: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(fileName)\"",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: Data(text.utf8))))
    }
}

/// The regions an administrator administers: the subtrees of their admin grants' jurisdictions, each region once,
/// parents before children.
struct AdminScope: Sendable {
    /// The jurisdictions of the admin grants, outermost first (one inside another is left out).
    let roots: [Region]
    /// Every region of the subtrees with its depth below its root (0 for a root).
    let rows: [AdminRegionRow]
    private let ids: Set<Region.ID>

    static func load(for identity: Identity, _ regions: RegionRepository) async throws -> AdminScope {
        var found: [(region: Region, path: String)] = []
        for id in Set(identity.user.grants.filter { $0.role == .admin }.map(\.jurisdictionID)) {
            if let region = try await regions.find(id: id), let path = try await regions.path(of: id) {
                found.append((region, path))
            }
        }
        found.sort { ($0.path.count, $0.path) < ($1.path.count, $1.path) }
        var roots: [Region] = []
        var rows: [AdminRegionRow] = []
        var ids = Set<Region.ID>()
        var depth: [Region.ID: Int] = [:]
        var label: [Region.ID: String] = [:]
        for (root, _) in found where !ids.contains(root.id) {
            roots.append(root)
            for region in try await regions.subtree(of: root.id, includeRetired: true)
            where ids.insert(region.id).inserted {
                let parent = region.parentID.flatMap { depth[$0] }
                depth[region.id] = parent.map { $0 + 1 } ?? 0
                // "桃源镇 · 桃源村 · 第3网格": from the township down, so that grid names are told apart.
                let parentLabel = region.parentID.flatMap { label[$0] }
                label[region.id] =
                    region.level > .township ? (parentLabel.map { "\($0) · " } ?? "") + region.name : region.name
                rows.append(AdminRegionRow(region: region, depth: depth[region.id] ?? 0, label: label[region.id] ?? ""))
            }
        }
        return AdminScope(roots: roots, rows: rows, ids: ids)
    }

    func contains(_ id: Region.ID) -> Bool { ids.contains(id) }

    /// A user lies in the jurisdiction when every one of their roles does.
    func covers(_ user: User) -> Bool {
        !user.grants.isEmpty && user.grants.allSatisfy { contains($0.jurisdictionID) }
    }

    /// The county's catalogue is changed by administrators of the county or above only.
    var isCountyOrAbove: Bool { roots.contains { $0.level <= .county } }

    /// The access-log entries that concern the jurisdiction, with their cases: the reader is one of its users, or the
    /// case lies in it. Entries with neither (a reader since removed, no case) only for county-level administrators.
    func concerning(
        _ entries: [AccessLogRepository.Entry], users: UserRepository, cases: CaseRepository
    ) async throws
        -> [(entry: AccessLogRepository.Entry, case: Case?)]
    {
        let everyone = try await users.list()
        let known = Set(everyone.map(\.id))
        let readers = Set(everyone.filter { covers($0) }.map(\.id))
        var read: [Case.ID: Case?] = [:]
        var result: [(entry: AccessLogRepository.Entry, case: Case?)] = []
        for entry in entries {
            var found: Case?
            if let id = entry.caseID {
                if read[id] == nil { read[id] = .some(try await cases.find(id: id)) }
                found = read[id] ?? nil
            }
            let byReader = entry.userID.map(readers.contains) ?? false
            let byCase = found.map { contains($0.regionID) } ?? false
            let unattributed = found == nil && !(entry.userID.map(known.contains) ?? false)
            guard byReader || byCase || (unattributed && isCountyOrAbove) else { continue }
            result.append((entry, found))
        }
        return result
    }

    /// County-wide rules (the category catalogue, time limits, escalation ladders, mediation point weights) are
    /// changed only by administrators of the county or above: a township's administrator would change them for
    /// every other township too.
    static func requireCountyAdministrator(
        _ context: AppRequestContext, _ regions: RegionRepository
    ) async throws {
        let identity = try context.requireIdentity()
        guard identity.user.holds(.admin), try await load(for: identity, regions).isCountyOrAbove else {
            throw APIError.forbidden
        }
    }

    /// Each region's label, from the township down.
    var labels: [Region.ID: String] {
        Dictionary(rows.map { ($0.region.id, $0.label) }, uniquingKeysWith: { a, _ in a })
    }
}
