import FengqiaoCore
import Foundation
import Plot

/// What every administrator page shares: the staff navigation, the CSRF token of its forms, the note of the change
/// just made and the refusal of the one just tried.
struct AdminFrame {
    let language: DisplayLanguage
    let nav: StaffNav
    let csrfToken: String
    var note: Localized? = nil
    var error: Localized? = nil

    func t(_ text: Localized) -> String { text.text(language) }

    func render(title: Localized, path: String, @ComponentBuilder _ content: () -> any Component) -> String {
        let body = content()
        return Layout(title: t(title), language: language, path: path).render {
            nav.component(language)
            if path != Paths.admin {
                Paragraph { Link(t(AdminStrings.backToAdmin), url: Paths.admin) }.class("note")
            }
            H1(t(title))
            if let note {
                Paragraph(t(note)).class("success").attribute(named: "role", value: "status")
                    .attribute(named: "id", value: "admin-note")
            }
            if let error {
                Paragraph(t(error)).class("error").attribute(named: "role", value: "alert")
                    .attribute(named: "id", value: "admin-error")
            }
            body
        }
    }

    /// A hidden field naming what a form asks for (`add`, `disable`, `retire`…).
    static func action(_ name: String) -> any Component {
        Input(type: .hidden, name: "action", value: name)
    }
}

/// One region of the administrator's tree, with its depth below the jurisdiction's root.
struct AdminRegionRow: Sendable {
    let region: Region
    let depth: Int
    /// "桃源镇 · 桃源村 · 第3网格": from the township down.
    let label: String

    /// The region indented by its depth, for the tree and the pickers.
    func indented(_ language: DisplayLanguage) -> String {
        String(repeating: "　", count: depth) + "\(region.name)（\(region.level.name.text(language))）"
    }

    /// The name alone, indented (the tree has a column for the level).
    var indentedName: String { String(repeating: "　", count: depth) + region.name }

    /// The regions in use (a retired one is offered nowhere).
    static func options(_ rows: [AdminRegionRow], _ language: DisplayLanguage) -> [(value: String, text: String)] {
        rows.filter { !$0.region.isRetired }.map { ($0.region.code, $0.indented(language)) }
    }
}

/// `/admin`: the administrator's pages.
struct AdminIndexPage {
    let frame: AdminFrame
    /// The jurisdictions of the admin grants ("桃源镇（乡镇（街道））").
    let jurisdiction: [String]
    /// The working calendar's coverage when it needs attention (`Doctor.calendar`): nil when all is well.
    var calendarWarning: DoctorCheck? = nil

    static let links: [(path: String, title: Localized, blurb: Localized)] = [
        (Paths.adminRegions, AdminStrings.regionsTitle, AdminStrings.regionsBlurb),
        (Paths.adminQRCodes, AdminStrings.qrCodesTitle, AdminStrings.qrCodesBlurb),
        (Paths.adminOrganisations, AdminStrings.organisationsTitle, AdminStrings.organisationsBlurb),
        (Paths.adminUsers, AdminStrings.usersTitle, AdminStrings.usersBlurb),
        (Paths.adminMediators, PeopleStrings.mediatorsTitle, PeopleStrings.mediatorsBlurb),
        (Paths.adminCategories, AdminStrings.categoriesTitle, AdminStrings.categoriesBlurb),
        (Paths.adminTimeLimits, AdminStrings.timeLimitsTitle, AdminStrings.timeLimitsBlurb),
        (Paths.adminCalendar, AdminStrings.calendarTitle, AdminStrings.calendarBlurb),
        (Paths.adminRisk, KeyPersonStrings.adminTitle, KeyPersonStrings.adminBlurb),
        (Paths.adminAccessLog, AdminStrings.accessLogTitle, AdminStrings.accessLogBlurb),
        (Paths.adminSettings, AdminSettingsStrings.title, AdminSettingsStrings.blurb),
        (Paths.adminImport, AdminImportStrings.title, AdminImportStrings.blurb),
    ]

    func render() -> String {
        let s = AdminStrings.self
        return frame.render(title: s.indexTitle, path: Paths.admin) {
            Paragraph(frame.t(s.indexLead)).class("lead")
            if let calendarWarning {
                Paragraph {
                    Text(frame.t(Localized(zh: "工作日历：", en: "Working calendar: ")) + frame.t(calendarWarning.detail))
                    Text(" ")
                    Link(frame.t(s.calendarTitle), url: Paths.adminCalendar)
                }.class(calendarWarning.status == .problem ? "error" : "notice")
                    .attribute(named: "id", value: "calendar-warning").attribute(named: "role", value: "alert")
            }
            Widgets.facts([(frame.t(s.yourJurisdiction), jurisdiction.joined(separator: "、"))])
            Element(name: "ul") {
                for link in Self.links {
                    ListItem {
                        H2 { Link(frame.t(link.title), url: link.path) }
                        Paragraph(frame.t(link.blurb))
                    }.class("card")
                }
            }.class("cards").attribute(named: "id", value: "admin-pages")
        }
    }
}

/// `/admin/regions`: the region tree of the jurisdiction and a form to add a region under one of its regions.
struct AdminRegionsPage {
    let frame: AdminFrame
    let rows: [AdminRegionRow]
    /// The levels a new region may have (below the administrator's own).
    let levels: [RegionLevel]
    var form = WebForm(fields: [])

    func render() -> String {
        let s = AdminStrings.self
        let t = frame.t
        let language = frame.language
        let cells: [[any Component]] = rows.map { row in
            [
                Text(row.region.code), AdminStructureLinks.region(row, language),
                Text(t(row.region.level.name)),
                Text("\(row.region.households)"), Text(t(row.region.boundary == nil ? s.no : s.yes)),
            ]
        }
        return frame.render(title: s.regionsTitle, path: Paths.adminRegions) {
            H2(t(s.regionTree))
            Div {
                Widgets.table([t(s.code), t(s.name), t(s.level), t(s.households), t(s.boundary)], cells)
            }.attribute(named: "id", value: "region-tree")
            H2(t(s.addRegion))
            Paragraph(t(s.regionNote)).class("note")
            Form(url: Paths.adminRegions, method: .post) {
                Widgets.csrf(frame.csrfToken)
                Widgets.select(
                    "parent", label: t(s.parentRegion), options: AdminRegionRow.options(rows, language),
                    selected: form["parent"], blank: t(s.choose), required: true)
                Widgets.select(
                    "level", label: t(s.level), options: levels.map { ($0.rawValue, t($0.name)) },
                    selected: form["level"], blank: t(s.choose), required: true)
                Widgets.textField("code", label: t(s.regionCode), required: true, value: form["code"])
                Widgets.textField("name", label: t(s.regionName), required: true, value: form["name"])
                Widgets.textField("households", label: t(s.households), type: .number, value: form["households"] ?? "0")
                SubmitButton(t(s.addRegionButton))
            }.class("stacked").attribute(named: "id", value: "region-form")
        }
    }
}

/// `/admin/organisations`: the organisations of the jurisdiction and a form to add one.
struct AdminOrganisationsPage {
    struct Row {
        let organisation: Organisation
        let region: String
    }

    let frame: AdminFrame
    let organisations: [Row]
    let regions: [AdminRegionRow]
    var form = WebForm(fields: [])

    func render() -> String {
        let s = AdminStrings.self
        let t = frame.t
        let cells: [[any Component]] = organisations.map { row in
            [
                AdminStructureLinks.organisation(row.organisation, frame.language),
                Text(t(row.organisation.kind.name)), Text(row.region),
                Text(row.organisation.specialties.map { t($0.name) }.joined(separator: "、")),
                Text(row.organisation.phone ?? ""),
            ]
        }
        let chosen = Set(form.all("specialties"))
        return frame.render(title: s.organisationsTitle, path: Paths.adminOrganisations) {
            Div {
                if cells.isEmpty {
                    Paragraph(t(s.emptyList)).class("note")
                } else {
                    Widgets.table([t(s.name), t(s.kind), t(s.region), t(s.specialties), t(s.phone)], cells)
                }
            }.attribute(named: "id", value: "organisation-list")
            H2(t(s.addOrganisation))
            Form(url: Paths.adminOrganisations, method: .post) {
                Widgets.csrf(frame.csrfToken)
                Widgets.textField("name", label: t(s.organisationName), required: true, value: form["name"])
                Widgets.choice(
                    "kind", label: t(s.kind), OrganisationKind.self, language: frame.language,
                    selected: form["kind"].flatMap(OrganisationKind.init(rawValue:)), blank: t(s.choose)
                ) { $0.name }
                Widgets.select(
                    "region", label: t(s.region), options: AdminRegionRow.options(regions, frame.language),
                    selected: form["region"], blank: t(s.choose), required: true)
                Widgets.textField("phone", label: t(s.phone) + t(s.optional), type: .tel, value: form["phone"])
                Element(name: "fieldset") {
                    Element(name: "legend") { Text(t(s.specialties) + t(s.optional)) }
                    for type in DisputeType.allCases {
                        Label(t(type.name)) {
                            Input(type: .checkbox, name: "specialties", value: type.rawValue)
                                .flag("checked", chosen.contains(type.rawValue))
                        }.class("choice")
                    }
                }
                SubmitButton(t(s.addOrganisationButton))
            }.class("stacked").attribute(named: "id", value: "organisation-form")
        }
    }
}

/// `/admin/users`: the users of the jurisdiction with their roles, disable / enable, and a form to add a user with
/// one role.
struct AdminUsersPage {
    struct Row {
        struct Grant {
            let role: Role
            let organisation: String
            let jurisdiction: String
        }

        let username: String
        let displayName: String
        let disabled: Bool
        let grants: [Grant]
        /// The administrator themself: no disable button.
        let isSelf: Bool
    }

    let frame: AdminFrame
    let users: [Row]
    /// Organisations of the jurisdiction: id and "name（region）".
    let organisations: [(value: String, text: String)]
    let regions: [AdminRegionRow]
    var form = WebForm(fields: [])
    /// The list's filters, total and page (`AdminListState`).
    var list: AdminListState? = nil
    /// The organisations the filter offers: id and name.
    var organisationChoices: [(value: String, text: String)] = []

    func render() -> String {
        let s = AdminStrings.self
        let t = frame.t
        let cells: [[any Component]] = users.map { row in
            [
                Link(row.username, url: Paths.adminUser(row.username)).attribute(named: "translate", value: "no"),
                Text(row.displayName),
                Div {
                    for grant in row.grants {
                        Div { Text("\(t(grant.role.name)) · \(grant.organisation) · \(grant.jurisdiction)") }
                    }
                },
                Text(t(row.disabled ? s.disabled : s.active)),
                row.isSelf ? Text("—") : ComponentGroup(members: [toggle(row), reset(row)]),
            ]
        }
        return frame.render(title: s.usersTitle, path: Paths.adminUsers) {
            Paragraph(t(s.usersNote)).class("note")
            if let list { filters(list) }
            Div {
                Widgets.table([t(s.username), t(s.displayName), t(s.roles), t(s.state), t(s.actions)], cells)
            }.attribute(named: "id", value: "user-list")
            if let list { list.paging(frame.language, shown: users.count) }
            H2(t(s.addUser))
            Form(url: Paths.adminUsers, method: .post) {
                Widgets.csrf(frame.csrfToken)
                AdminFrame.action("add")
                Widgets.textField("username", label: t(s.username), required: true, value: form["username"])
                Widgets.textField("displayName", label: t(s.displayName), required: true, value: form["displayName"])
                Widgets.textField("phone", label: t(s.phone) + t(s.optional), type: .tel, value: form["phone"])
                Widgets.choice(
                    "role", label: t(s.role), Role.self, language: frame.language,
                    selected: form["role"].flatMap(Role.init(rawValue:)), blank: t(s.choose)
                ) { $0.name }
                Widgets.select(
                    "organisation", label: t(s.organisation), options: organisations, selected: form["organisation"],
                    blank: t(s.choose), required: true)
                Widgets.select(
                    "jurisdiction", label: t(s.jurisdiction), options: AdminRegionRow.options(regions, frame.language),
                    selected: form["jurisdiction"], blank: t(s.choose), required: true)
                // A password is never written back into the page, not even after a refusal.
                Widgets.textField("password", label: t(s.initialPassword), type: .password, required: true)
                Paragraph(t(s.passwordHint)).class("note")
                SubmitButton(t(s.addUserButton))
            }.class("stacked").attribute(named: "id", value: "user-form")
        }
    }

    /// Search, role, organisation, account state and order; the total and the export under it.
    private func filters(_ list: AdminListState) -> any Component {
        let language = frame.language
        let l = AdminListStrings.self
        return Div {
            if let error = list.error {
                Paragraph(error.text(language)).class("error").attribute(named: "role", value: "alert")
                    .attribute(named: "id", value: "list-error")
            }
            list.filterForm(language, id: "user-filters") {
                Widgets.textField("q", label: l.search.text(language), type: .search, value: list.value("q"))
                Widgets.select(
                    "role", label: AdminStrings.role.text(language),
                    options: Role.allCases.map { ($0.rawValue, $0.name.text(language)) }, selected: list.value("role"),
                    blank: ListStrings.any.text(language))
                Widgets.select(
                    "organisation", label: AdminStrings.organisation.text(language), options: organisationChoices,
                    selected: list.value("organisation"), blank: ListStrings.any.text(language))
                Widgets.select(
                    "status", label: l.status.text(language),
                    options: [
                        ("active", AdminStrings.active.text(language)),
                        ("disabled", AdminStrings.disabled.text(language)),
                    ], selected: list.value("status"), blank: ListStrings.any.text(language))
                Widgets.select(
                    "sort", label: l.sort.text(language),
                    options: [("username", l.byUsername.text(language)), ("name", l.byName.text(language))],
                    selected: list.value("sort") ?? "username")
            }
            list.summary(language)
        }
    }

    /// Disabling asks first ("确认停用 XX？", `AdminUserDisablePage`); enabling is one button.
    private func toggle(_ row: Row) -> any Component {
        let s = AdminStrings.self
        if !row.disabled {
            return Link(frame.t(s.disableButton), url: Paths.adminUserDisable(row.username)).class("button")
        }
        return Form(url: Paths.adminUsers, method: .post) {
            Widgets.csrf(frame.csrfToken)
            AdminFrame.action(row.disabled ? "enable" : "disable")
            Input(type: .hidden, name: "username", value: Widgets.escapeAttribute(row.username))
            SubmitButton(frame.t(row.disabled ? s.enableButton : s.disableButton))
        }.class("inline")
    }

    private func reset(_ row: Row) -> any Component {
        Form(url: Paths.adminUserReset, method: .post) {
            Widgets.csrf(frame.csrfToken)
            Input(type: .hidden, name: "username", value: Widgets.escapeAttribute(row.username))
            SubmitButton(frame.t(AdminResetStrings.button))
        }.class("inline")
    }
}
