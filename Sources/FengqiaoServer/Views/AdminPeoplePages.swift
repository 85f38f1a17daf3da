import FengqiaoCore
import Foundation
import Plot

extension Paths {
    /// One user's page: details, role grants, account state, mediator card.
    static func adminUser(_ username: String) -> String {
        "\(adminUsers)/\(username.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? username)"
    }
    static let adminUserPattern = "\(adminUsers)/:username"
    /// "确认停用 XX？": the confirmation before disabling.
    static func adminUserDisable(_ username: String) -> String { "\(adminUser(username))/disable" }
    static let adminUserDisablePattern = "\(adminUsers)/:username/disable"
    static let adminMediators = "/admin/mediators"
    static func adminMediator(_ id: some CustomStringConvertible) -> String { "\(adminMediators)/\(id)" }
    static let adminMediatorPattern = "\(adminMediators)/:id"
    /// A mediator's photo on the public directory card.
    static func mediatorPhoto(_ id: some CustomStringConvertible) -> String { "\(mediators)/\(id)/photo" }
    static let mediatorPhotoPattern = "\(mediators)/:id/photo"
    /// The API of the administration.
    static let usersAPI = "/api/v1/users"
}

/// `/admin/users/{username}`: one user's details, their role grants (add, remove), the account's state (disable
/// through the confirmation page, enable), and their mediator card.
struct AdminUserPage {
    struct Grant {
        let grant: RoleGrant
        /// "中心工作人员 · 桃源镇综治中心 · 桃源镇".
        let text: String
    }

    let frame: AdminFrame
    let user: User
    let grants: [Grant]
    /// Organisations of the jurisdiction: id and "name（region）".
    let organisations: [(value: String, text: String)]
    let regions: [AdminRegionRow]
    /// The user's mediator card, if any.
    var card: Mediator? = nil
    /// The administrator themself (no disable).
    var isSelf = false
    var form = WebForm(fields: [])

    func render() -> String {
        let s = AdminStrings.self
        let p = PeopleStrings.self
        let t = frame.t
        let path = Paths.adminUser(user.username)
        return frame.render(title: p.userTitle(user.displayName), path: path) {
            Paragraph { Link(t(s.usersTitle), url: Paths.adminUsers) }.class("note")
            Element(name: "dl") {
                Element(name: "dt") { Text(t(s.username)) }
                Element(name: "dd") { Text(user.username) }.attribute(named: "translate", value: "no")
                Element(name: "dt") { Text(t(s.state)) }
                Element(name: "dd") { Text(t(user.disabled ? s.disabled : s.active)) }
            }.class("facts")
            H2(t(p.details))
            Form(url: path, method: .post) {
                Widgets.csrf(frame.csrfToken)
                AdminFrame.action("details")
                Widgets.textField(
                    "displayName", label: t(s.displayName), required: true,
                    value: form["displayName"] ?? user.displayName)
                Widgets.textField(
                    "phone", label: t(s.phone) + t(s.optional), type: .tel, value: form["phone"] ?? user.phone)
                SubmitButton(t(p.saveDetails))
            }.class("stacked").attribute(named: "id", value: "user-details")
            H2(t(p.grants))
            Paragraph(t(p.grantsNote)).class("note")
            Element(name: "ul") {
                for grant in grants {
                    ListItem {
                        Text(grant.text + " ")
                        Form(url: path, method: .post) {
                            Widgets.csrf(frame.csrfToken)
                            AdminFrame.action("removeGrant")
                            Input(type: .hidden, name: "grant", value: Self.key(grant.grant))
                            SubmitButton(t(p.removeGrant))
                        }.class("inline")
                    }
                }
            }.attribute(named: "id", value: "user-grants")
            Form(url: path, method: .post) {
                Widgets.csrf(frame.csrfToken)
                AdminFrame.action("addGrant")
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
                SubmitButton(t(p.addGrantButton))
            }.class("stacked").attribute(named: "id", value: "grant-form")
            H2(t(p.account))
            if user.disabled {
                Form(url: path, method: .post) {
                    Widgets.csrf(frame.csrfToken)
                    AdminFrame.action("enable")
                    SubmitButton(t(s.enableButton))
                }.class("inline")
            } else if !isSelf {
                Paragraph { Link(t(p.disableLink), url: Paths.adminUserDisable(user.username)) }
            }
            Form(url: Paths.adminUserReset, method: .post) {
                Widgets.csrf(frame.csrfToken)
                Input(type: .hidden, name: "username", value: Widgets.escapeAttribute(user.username))
                SubmitButton(t(AdminResetStrings.button))
            }.class("inline")
            if let card {
                H2(t(p.mediatorCard))
                Paragraph { Link("\(card.name) · \(t(p.openCard))", url: Paths.adminMediator(card.id)) }
                    .attribute(named: "id", value: "user-card")
            } else if user.holds(.mediator) {
                H2(t(p.mediatorCard))
                Paragraph(t(p.noCardYet)).class("notice")
                Paragraph {
                    Link(
                        t(p.makeCard),
                        url:
                            "\(Paths.adminMediators)?account=\(user.username.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")"
                    )
                }.attribute(named: "id", value: "user-card")
            }
        }
    }

    /// A grant as a form names it: "role:organisation:jurisdiction" (ids).
    static func key(_ grant: RoleGrant) -> String {
        "\(grant.role.rawValue):\(grant.organisationID.rawValue):\(grant.jurisdictionID.rawValue)"
    }

    static func grant(key: String) -> RoleGrant? {
        let parts = key.split(separator: ":")
        guard parts.count == 3, let role = Role(rawValue: String(parts[0])), let organisation = Int64(parts[1]),
            let region = Int64(parts[2])
        else { return nil }
        return RoleGrant(role: role, organisationID: Organisation.ID(organisation), jurisdictionID: Region.ID(region))
    }
}

/// `/admin/users/{username}/disable`: "确认停用 XX？", what happens, and the button; no JavaScript needed.
struct AdminUserDisablePage {
    let frame: AdminFrame
    let user: User

    func render() -> String {
        let p = PeopleStrings.self
        let t = frame.t
        return frame.render(title: p.disableTitle(user.displayName), path: Paths.adminUserDisable(user.username)) {
            Paragraph(t(p.disableExplained)).attribute(named: "id", value: "disable-explained")
            Form(url: Paths.adminUserDisable(user.username), method: .post) {
                Widgets.csrf(frame.csrfToken)
                SubmitButton(t(p.confirmDisable))
                Text(" ")
                Link(t(p.cancel), url: Paths.adminUser(user.username))
            }.attribute(named: "id", value: "disable-form")
        }
    }
}

/// `/admin/mediators`: the mediators of the jurisdiction (in service first, then the retired) and the form to add
/// one with a photo.
struct AdminMediatorsPage {
    struct Row {
        let mediator: Mediator
        let organisation: String
        let account: String?
    }

    let frame: AdminFrame
    let rows: [Row]
    /// The mediation organisations of the jurisdiction: id and "name（region）".
    let organisations: [(value: String, text: String)]
    var form = WebForm(fields: [])

    func render() -> String {
        let p = PeopleStrings.self
        let s = AdminStrings.self
        let t = frame.t
        let cells: [[any Component]] = rows.map { row in
            [
                Link(row.mediator.name, url: Paths.adminMediator(row.mediator.id)),
                Text(row.organisation),
                Text(row.mediator.specialties.map { t($0.name) }.joined(separator: "、")),
                Text(
                    t(row.mediator.isActive ? (row.mediator.available ? p.available : p.notAvailable) : p.retired)
                        + (row.mediator.goldMedal ? " · " + t(p.gold) : "")),
                Span(row.account ?? "—").attribute(named: "translate", value: "no"),
            ]
        }
        return frame.render(title: p.mediatorsTitle, path: Paths.adminMediators) {
            Paragraph(t(p.mediatorsNote)).class("note")
            Div {
                if cells.isEmpty {
                    Paragraph(t(s.emptyList)).class("note")
                } else {
                    Widgets.table([t(p.name), t(s.organisation), t(s.specialties), t(s.state), t(p.account)], cells)
                }
            }.attribute(named: "id", value: "mediator-list")
            H2(t(p.addMediator))
            MediatorForm(
                frame: frame, action: Paths.adminMediators, organisations: organisations, form: form, current: nil
            ).component(button: p.addMediatorButton, id: "mediator-form")
        }
    }
}

/// `/admin/mediators/{id}`: one card to edit, its photo, its account, retire or reinstate.
struct AdminMediatorPage {
    let frame: AdminFrame
    let mediator: Mediator
    let organisations: [(value: String, text: String)]
    /// The linked account's username.
    let account: String?
    var form = WebForm(fields: [])

    func render() -> String {
        let p = PeopleStrings.self
        let t = frame.t
        let path = Paths.adminMediator(mediator.id)
        return frame.render(title: p.mediatorTitle(mediator.name), path: path) {
            Paragraph { Link(t(p.mediatorsTitle), url: Paths.adminMediators) }.class("note")
            Element(name: "dl") {
                Element(name: "dt") { Text(t(AdminStrings.state)) }
                Element(name: "dd") { Text(t(mediator.isActive ? p.inService : p.retired)) }
                Element(name: "dt") { Text(t(p.account)) }
                if let account {
                    Element(name: "dd") { Text(account) }.attribute(named: "translate", value: "no")
                } else {
                    Element(name: "dd") { Text(t(p.none)) }
                }
            }.class("facts")
            if mediator.isActive {
                Paragraph { Link(t(p.openDirectory), url: Paths.mediator(mediator.id)) }
                if mediator.photo != nil {
                    Image(url: Paths.mediatorPhoto(mediator.id), description: Widgets.escapeAttribute(mediator.name))
                        .class("mediator-photo")
                    Form(url: path, method: .post) {
                        Widgets.csrf(frame.csrfToken)
                        AdminFrame.action("removePhoto")
                        SubmitButton(t(p.removePhoto))
                    }.class("inline")
                }
                MediatorForm(
                    frame: frame, action: path, organisations: organisations, form: form, current: mediator,
                    account: account
                ).component(button: p.saveMediator, id: "mediator-form")
                if account == nil {
                    H2(t(p.createAccount))
                    Paragraph(t(p.createAccountHint)).class("note")
                    Form(url: path, method: .post) {
                        Widgets.csrf(frame.csrfToken)
                        AdminFrame.action("createAccount")
                        Widgets.textField(
                            "username", label: t(AdminStrings.username), required: true, value: form["username"])
                        SubmitButton(t(p.createAccountButton))
                    }.class("stacked").attribute(named: "id", value: "account-form")
                }
                H2(t(p.retire))
                Paragraph(t(p.retireExplained)).class("note")
                Form(url: path, method: .post) {
                    Widgets.csrf(frame.csrfToken)
                    AdminFrame.action("retire")
                    SubmitButton(t(p.retire))
                }.attribute(named: "id", value: "retire-form")
            } else {
                Form(url: path, method: .post) {
                    Widgets.csrf(frame.csrfToken)
                    AdminFrame.action("reinstate")
                    SubmitButton(t(p.reinstate))
                }.attribute(named: "id", value: "reinstate-form")
            }
        }
    }
}

/// The mediator card's form (multipart: it may carry a photo), for adding and for editing.
struct MediatorForm {
    let frame: AdminFrame
    let action: String
    let organisations: [(value: String, text: String)]
    let form: WebForm
    let current: Mediator?
    /// The username of the account linked to `current`.
    var account: String? = nil

    func component(button: Localized, id: String) -> any Component {
        let p = PeopleStrings.self
        let s = AdminStrings.self
        let t = frame.t
        let typed = !form.fields.isEmpty
        let specialties = typed ? Set(form.all("specialties")) : Set(current?.specialties.map(\.rawValue) ?? [])
        let levels = typed ? Set(form.all("levels")) : Set(current?.levels.map(\.rawValue) ?? [])
        let gold = typed ? form["goldMedal"] != nil : current?.goldMedal ?? false
        let available = typed ? form["available"] != nil : current?.available ?? true
        return Form(url: action, method: .post, contentType: .multipartData) {
            Widgets.csrf(frame.csrfToken)
            AdminFrame.action(current == nil ? "add" : "edit")
            Widgets.textField("name", label: t(p.name), required: true, value: form["name"] ?? current?.name)
            Widgets.select(
                "organisation", label: t(p.organisationRequired), options: organisations,
                selected: form["organisation"] ?? current.map { "\($0.organisationID.rawValue)" }, blank: t(s.choose),
                required: true)
            Element(name: "fieldset") {
                Element(name: "legend") { Text(t(s.specialties)) }
                for type in DisputeType.allCases {
                    Label(t(type.name)) {
                        Input(type: .checkbox, name: "specialties", value: type.rawValue)
                            .flag("checked", specialties.contains(type.rawValue))
                    }.class("choice")
                }
            }
            Element(name: "fieldset") {
                Element(name: "legend") { Text(t(p.levels)) }
                for level in MediatorRules.levels {
                    Label(t(level.name)) {
                        Input(type: .checkbox, name: "levels", value: level.rawValue)
                            .flag("checked", levels.contains(level.rawValue))
                    }.class("choice")
                }
            }
            Widgets.textField(
                "languages", label: t(p.languages),
                value: form["languages"] ?? current?.languages.joined(separator: "、") ?? "普通话")
            Paragraph(t(p.languagesHint)).class("note")
            Label(t(p.gold)) {
                Input(type: .checkbox, name: "goldMedal", value: "on").flag("checked", gold)
            }.class("choice")
            Label(t(p.available)) {
                Input(type: .checkbox, name: "available", value: "on").flag("checked", available)
            }.class("choice")
            Widgets.textArea(
                "profile", label: t(p.profile) + t(s.optional), required: false,
                value: form["profile"] ?? current?.profile ?? "")
            Label(t(p.photo) + t(s.optional)) {
                Input(type: .file, name: "photo").attribute(named: "accept", value: "image/jpeg,image/png,image/webp")
            }
            Paragraph(t(p.photoHint)).class("note")
            Widgets.textField(
                "account", label: t(p.linkedAccount) + t(s.optional), value: typed ? form["account"] : account)
            Paragraph(t(p.linkedAccountHint)).class("note")
            SubmitButton(t(button))
        }.class("stacked").attribute(named: "id", value: id)
    }
}

/// The mediator pages' photo on a card.
enum PeopleStylesheet {
    static let css = """
        img.mediator-photo{display:block;width:6rem;height:6rem;object-fit:cover;border-radius:.5rem;\
        margin:.25rem 0 .5rem}
        """
}
