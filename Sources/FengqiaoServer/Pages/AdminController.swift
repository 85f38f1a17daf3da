import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import NIOPosix

/// The administrator's pages under `/admin`: regions and grids, organisations, users, the category catalogue, and
/// read-only views of the time limits, the working calendar and the access log. Each administrator sees and changes
/// only their jurisdiction (the subtrees of their admin grants); the catalogue is the county's, so only
/// administrators at county level or above change it. Every change is a CSRF-checked POST that redirects back with a
/// note (POST-redirect-GET), or shows the page again with the refusal (422) and what was typed.
struct AdminController {
    let regions: RegionRepository
    let organisations: OrganisationRepository
    let users: UserRepository
    let categories: CategoryRepository
    let timeLimits: TimeLimitRepository
    let calendar: WorkingCalendar
    let accessLog: AccessLogRepository
    /// The cases of access-log entries (`AdminScope.concerning`).
    let cases: CaseRepository

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

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let router = router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.admin))
        router.get(RouterPath(Paths.admin)) { request, context in
            let admin = try await administrator(request, context)
            return HTMLPage(
                html: AdminIndexPage(
                    frame: frame(admin, context, request),
                    jurisdiction: admin.scope.roots.map { "\($0.name)（\($0.level.name.text(context.language))）" }
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
            return HTMLPage(html: try await usersPage(admin, frame(admin, context, request)).render())
        }
        router.post(RouterPath(Paths.adminUsers)) { request, context in
            try await submit(request, context, back: Paths.adminUsers, change: changeUser) { admin, frame, form in
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
        router.get(RouterPath(Paths.adminTimeLimits)) { request, context in
            let admin = try await administrator(request, context)
            let book = try await timeLimits.book()
            return HTMLPage(
                html: AdminTimeLimitsPage(
                    frame: frame(admin, context, request), policies: book.policies, ladders: book.ladders,
                    categories: try await categories.list()
                ).render())
        }
        router.get(RouterPath(Paths.adminCalendar)) { request, context in
            let admin = try await administrator(request, context)
            let year = calendar.civilDate(containing: context.now).year
            return HTMLPage(
                html: AdminCalendarPage(
                    frame: frame(admin, context, request),
                    years: [year, year + 1].map { year in
                        .init(
                            year: year,
                            covered: calendar.years?.contains(year) ?? false,
                            entries: calendar.entries.filter { $0.date.year == year })
                    },
                    workingHours: calendar.workingHours.intervals.isEmpty ? nil : calendar.workingHours.code
                ).render())
        }
        router.get(RouterPath(Paths.adminAccessLog)) { request, context in
            let admin = try await administrator(request, context)
            return HTMLPage(
                html: AdminAccessLogPage(
                    frame: frame(admin, context, request), entries: try await accessLog(admin)
                ).render())
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

    /// Reads and CSRF-checks the form, makes the change and redirects back with its note; a refusal shows the page
    /// again (422) with the message and the form as typed.
    private func submit(
        _ request: Request, _ context: AppRequestContext, back path: String,
        change: (WebForm, Administrator) async throws -> AdminStrings.Note,
        page: (Administrator, AdminFrame, WebForm) async throws -> String
    ) async throws -> Response {
        let admin = try await administrator(request, context)
        let form = try await WebForm.read(request)
        try form.requireCSRF(context)
        do {
            let note = try await change(form, admin)
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
        try await regions.create(
            NewRegion(
                code: form["code"] ?? "", name: form["name"] ?? "", level: level, parentID: parent.id,
                households: households))
        return .regionAdded
    }

    /// A whole number of at least 0; blank is 0.
    private static func count(_ text: String?, _ field: Localized) throws -> Int {
        guard let text else { return 0 }
        guard let value = Int(text), value >= 0 else {
            throw Refusal(code: "request.invalid_field", message: AdminStrings.mustBeNumber(field))
        }
        return value
    }

    // MARK: Organisations

    private func organisationsInScope(_ admin: Administrator) async throws -> [Organisation] {
        var result: [Organisation] = []
        for root in admin.scope.roots {
            result += try await organisations.list(inSubtreeOf: root.id)
        }
        return result
    }

    private func organisationsPage(_ admin: Administrator, _ frame: AdminFrame) async throws -> AdminOrganisationsPage {
        let names = admin.scope.labels
        return AdminOrganisationsPage(
            frame: frame,
            organisations: try await organisationsInScope(admin).map {
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
        try await organisations.create(
            NewOrganisation(
                name: form["name"] ?? "", kind: kind, regionID: region.id,
                specialties: form.all("specialties").compactMap(DisputeType.init(rawValue:)), phone: form["phone"]))
        return .organisationAdded
    }

    // MARK: Users

    private func usersPage(_ admin: Administrator, _ frame: AdminFrame) async throws -> AdminUsersPage {
        let organisations = try await organisationsInScope(admin)
        var organisationNames = Dictionary(organisations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let labels = admin.scope.labels
        var rows: [AdminUsersPage.Row] = []
        for user in try await users.list() where admin.scope.covers(user) {
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
        return AdminUsersPage(
            frame: frame, users: rows,
            organisations: organisations.map { (String($0.id.rawValue), "\($0.name)（\(labels[$0.regionID] ?? "")）") },
            regions: admin.scope.rows)
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
        let hash = try await PasswordHasher.shared.hash(password)
        try await users.create(new, passwordHash: hash, now: admin.now)
        return .userAdded
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

    /// The latest 200 entries that concern the jurisdiction (`AdminScope.concerning`).
    private func accessLog(_ admin: Administrator) async throws -> [AdminAccessLogPage.Row] {
        try await admin.scope.concerning(try await accessLog.recent(limit: 200), users: users, cases: cases).map {
            .init(entry: $0.entry, caseNumber: $0.case?.number)
        }
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
            for region in try await regions.subtree(of: root.id) where ids.insert(region.id).inserted {
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
