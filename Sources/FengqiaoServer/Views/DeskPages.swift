import FengqiaoCore
import Foundation
import Plot

/// `/desk`: the center's triage queue (研判): what waits for assessment or dispatch, most urgent first, then what
/// waits for verification and closing (验单/销号), and the pending extension requests.
struct TriagePage {
    let language: DisplayLanguage
    let nav: StaffNav
    let toTriage: [QueueRow]
    let toClose: [QueueRow]
    let overdue: [QueueRow]
    /// Each queue's true count (its rows are the first page).
    var totals: (toTriage: Int, toClose: Int, overdue: Int) = (0, 0, 0)
    var places: [Region.ID: String] = [:]
    /// The confirmation of an action that came back here (`?done=`).
    var notice: Localized? = nil
    /// The hotspots forming in the desk's jurisdiction (热点发现, docs/HOTSPOTS.md).
    var hotspots: [HotspotView] = []
    /// The visits due of the key persons the member of staff answers for (`KeyPersonPanels.responsibleSection`).
    var keyPersonVisits: (any Component)? = nil

    /// The same queues on the staff case list, where they are filtered, paged, exported and acted on in bulk.
    static let toTriageList = Paths.cases(items: [
        ("state", "registered"), ("state", "assessed"), ("state", "returned"), ("sort", "deadline"),
    ])
    static let toCloseList = Paths.cases(items: [("state", "resolved"), ("state", "followedUp"), ("sort", "deadline")])
    static let overdueList = Paths.cases(
        items: CaseState.allCases.filter(\.isUnresolved).map { ("state", $0.rawValue) } + [
            ("overdue", "true"), ("sort", "deadline"),
        ])

    private func t(_ text: Localized) -> String { text.text(language) }

    func render() -> String {
        let s = WorkspaceStrings.self
        return Layout(title: t(s.navDesk), language: language, path: Paths.desk).render {
            nav.component(language)
            H1(t(s.triageTitle))
            if let notice {
                Paragraph(t(notice)).class("notice").attribute(named: "role", value: "status")
                    .attribute(named: "id", value: "list-notice")
            }
            Div {
                Link(t(s.navIntake), url: Paths.deskIntake).class("button primary")
            }.class("actions")
            HotspotComponents.panel(hotspots, heading: HotspotStrings.deskPanel, id: "desk-hotspots", language)
            if let keyPersonVisits { keyPersonVisits }
            for section in [
                QueuePage.Section(
                    heading: s.triageWaiting, rows: toTriage, id: "triage-queue", total: totals.toTriage,
                    fullList: Self.toTriageList),
                QueuePage.Section(
                    heading: s.overdueHeading, rows: overdue, id: "overdue-queue", total: totals.overdue,
                    fullList: Self.overdueList),
                QueuePage.Section(
                    heading: s.triageToClose, rows: toClose, id: "close-queue", total: totals.toClose,
                    fullList: Self.toCloseList),
            ] {
                QueuePage.component(section, language: language, places: places)
            }
        }
    }
}

/// `/desk/intake`: registering a walk-in or a phone call (首问负责制). Possible duplicates appear while typing
/// (JavaScript asks `/desk/duplicates`); without JavaScript the new case's page lists them.
struct IntakePage {
    let language: DisplayLanguage
    let nav: StaffNav
    let csrfToken: String
    let idempotencyKey: String
    let categories: [Category]
    /// Grids and villages the desk covers, with the township and village in the label.
    let places: [(code: String, label: String)]
    var error: Localized? = nil
    /// What was typed, kept on a refusal so nothing is lost.
    var form: WebForm = WebForm(fields: [])

    private func t(_ text: Localized) -> String { text.text(language) }

    static let channels: [Channel] = [
        .window, .hotline12345, .videoIntake, .police110, .courtReferral, .petition, .departmentReferral,
    ]

    func render() -> String {
        let s = WorkspaceStrings.self
        return Layout(title: t(s.navIntake), language: language, path: Paths.deskIntake, scripts: [Paths.appScript])
            .render {
                nav.component(language)
                H1(t(s.intakeTitle))
                if let error {
                    Paragraph(t(error)).class("error").attribute(named: "role", value: "alert")
                        .attribute(named: "id", value: "intake-error")
                }
                Form(url: Paths.deskIntake, method: .post) {
                    Widgets.csrf(csrfToken)
                    Input(type: .hidden, name: "idempotencyKey", value: Widgets.escapeAttribute(idempotencyKey))
                    Widgets.select(
                        "channel", label: t(s.channel), options: Self.channels.map { ($0.rawValue, t($0.name)) },
                        selected: form["channel"] ?? Channel.window.rawValue, required: true)
                    Widgets.select(
                        "regionCode", label: t(s.place), options: places.map { ($0.code, $0.label) },
                        selected: form["regionCode"], blank: t(s.choose), required: true)
                    Widgets.textField("title", label: t(s.fieldTitle), required: true, value: form["title"])
                    Widgets.textArea("description", label: t(s.fieldDescription), value: form["description"] ?? "")
                    Div {}.class("duplicates-live").attribute(named: "id", value: "duplicate-suggestions")
                        .attribute(named: "data-endpoint", value: Paths.deskDuplicates)
                        .attribute(named: "aria-live", value: "polite")
                    Widgets.select(
                        "categoryCode", label: t(s.category),
                        options: categories.map { ($0.code, $0.label(language)) },
                        selected: form["categoryCode"], blank: t(s.notYet))
                    Widgets.choice(
                        "urgency", label: t(s.urgency), Urgency.self, language: language,
                        selected: form["urgency"].flatMap(Urgency.init(rawValue:)) ?? .troublesome
                    ) { $0.name }
                    Widgets.choice(
                        "kind", label: t(s.kind), CaseKind.self, language: language,
                        selected: form["kind"].flatMap(CaseKind.init(rawValue:)) ?? .request
                    ) { $0.name }
                    Widgets.textField("address", label: t(s.address), value: form["address"])
                    Element(name: "fieldset") {
                        Element(name: "legend") { Text(t(s.reporter)) }
                        Widgets.textField("reporterName", label: t(s.personName), value: form["reporterName"])
                        Widgets.textField("reporterPhone", label: t(s.phone), type: .tel, value: form["reporterPhone"])
                        Widgets.textField("reporterID", label: t(s.idNumber), value: form["reporterID"])
                        Label(t(CitizenStrings.smsChoiceDesk)) {
                            Input(type: .checkbox, name: "sms", value: "true")
                                .attribute(named: "id", value: "field-sms")
                                .attribute(named: "checked", value: nil, ignoreValueIfEmpty: form["sms"] == nil)
                        }.class("choice")
                        Label(t(s.anonymous)) {
                            Input(type: .checkbox, name: "anonymous", value: "true")
                                .attribute(named: "checked", value: nil, ignoreValueIfEmpty: form["anonymous"] == nil)
                        }.class("choice")
                    }
                    Element(name: "fieldset") {
                        Element(name: "legend") { Text(t(s.otherParty)) }
                        Widgets.textField("otherName", label: t(s.personName), value: form["otherName"])
                        Widgets.textField("otherPhone", label: t(s.phone), type: .tel, value: form["otherPhone"])
                    }
                    SubmitButton(t(s.registerButton))
                }.class("stacked").attribute(named: "id", value: "intake-form")
            }
    }
}
