import FengqiaoCore
import Foundation
import Plot

/// `/cases`: every case the signed-in member of staff may see, filtered by the query parameters of
/// `GET /api/v1/cases`, sorted, in numbered pages with the true total, exported as exactly this list (CSV), and, for
/// the roles that may, acted on in bulk.
struct CaseListPage {
    let language: DisplayLanguage
    let nav: StaffNav
    let csrfToken: String
    /// The filters as the query string gave them (what the form shows again, refused or not).
    let query: [(name: String, value: String)]
    var rows: [QueueRow] = []
    var places: [Region.ID: String] = [:]
    var total = 0
    var offset = 0
    var limit = 20
    var choices = Choices()
    /// A refused filter (400): the field named; the list is empty.
    var error: Localized? = nil
    /// The confirmation of an action that came back here (`?done=`).
    var notice: Localized? = nil
    /// A refused bulk form, shown again as it was sent (ticks and fields).
    var bulkForm = WebForm(fields: [])

    /// What the filter bar and the bulk form offer.
    struct Choices {
        var categories: [(code: String, name: String)] = []
        var regions: [(code: String, label: String)] = []
        var organisations: [(id: Organisation.ID, name: String)] = []
        /// Organisations a bulk 派单 may go to; empty: no bulk dispatch.
        var dispatchTargets: [(id: Organisation.ID, name: String)] = []
        /// The bulk actions the reader's roles offer.
        var bulkActions: [CaseAction] = []
    }

    private func t(_ text: Localized) -> String { text.text(language) }

    private func value(_ name: String) -> String? {
        query.first { $0.name == name && !$0.value.isEmpty }?.value
    }

    private func values(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }

    /// This list's own link with `changes` applied (nil removes a parameter).
    func link(_ path: String = Paths.cases, _ changes: [String: String?] = [:], dropping: Set<String> = []) -> String {
        var items = query.filter {
            !changes.keys.contains($0.name) && !dropping.contains($0.name) && $0.name != "done" && $0.name != "lang"
        }
        .filter { !$0.value.isEmpty }
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) {
            if let value { items.append((name, value)) }
        }
        var components = URLComponents()
        components.path = path
        components.queryItems = items.isEmpty ? nil : items.map { URLQueryItem(name: $0.name, value: $0.value) }
        return components.string ?? path
    }

    var pages: Int { max(1, (total + limit - 1) / limit) }
    var page: Int { offset / max(1, limit) + 1 }

    func render() -> String {
        let s = ListStrings.self
        let w = WorkspaceStrings.self
        return Layout(title: t(s.casesTitle), language: language, path: link()).render {
            nav.component(language)
            H1(t(s.casesTitle))
            if let notice {
                Paragraph(t(notice)).class("notice").attribute(named: "role", value: "status")
                    .attribute(named: "id", value: "list-notice")
            }
            if let error {
                Paragraph(t(error)).class("error").attribute(named: "role", value: "alert")
                    .attribute(named: "id", value: "list-error")
            }
            filterForm()
            Div {
                Span(t(s.total(total, page: page, of: pages))).class("total").attribute(
                    named: "id", value: "list-total")
                if error == nil {
                    Link(
                        t(s.export), url: Widgets.escapeAttribute(link(Paths.casesCSV, dropping: ["limit", "offset"]))
                    )
                    .class("button").attribute(named: "id", value: "list-export")
                }
            }.class("list-summary")
            Paragraph(t(s.exportNote)).class("note")
            CaseTable(
                language: language, rows: rows, empty: w.queueEmpty, id: "case-list", places: places,
                selectForm: choices.bulkActions.isEmpty ? nil : "bulk",
                selected: Set(bulkForm.all("case").compactMap(Int64.init).map { Case.ID($0) })
            ).component()
            paging()
            if !choices.bulkActions.isEmpty && !rows.isEmpty { bulkActions() }
        }
    }

    private func paging() -> any Component {
        let s = ListStrings.self
        return Navigation {
            if offset > 0 {
                Link(
                    t(s.previous),
                    url: Widgets.escapeAttribute(link(Paths.cases, ["offset": "\(max(0, offset - limit))"]))
                )
                .attribute(named: "rel", value: "prev")
            }
            Span("\(page) / \(pages)")
            if offset + rows.count < total {
                Link(t(s.next), url: Widgets.escapeAttribute(link(Paths.cases, ["offset": "\(offset + limit)"])))
                    .attribute(named: "rel", value: "next")
            }
        }.class("paging").attribute(named: "aria-label", value: t(s.paging))
    }

    /// A date field: the browser's picker while what it holds is a plain date; whatever else was typed
    /// ("2026年12月3日 14:30") stays as text, so a refused form keeps it.
    private func dateField(_ name: String, _ label: Localized) -> any Component {
        let typed = value(name)
        let plain = typed.map { $0.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil } ?? true
        return Widgets.textField(name, label: t(label), type: plain ? .date : .text, value: typed)
    }

    private func filterForm() -> any Component {
        let s = ListStrings.self
        let w = WorkspaceStrings.self
        let states = Set(values("state"))
        return Form(url: Paths.cases, method: .get) {
            Label(t(s.search)) {
                Input(type: .search, name: "q", value: value("q").map(Widgets.escapeAttribute))
                    .attribute(named: "id", value: "field-q")
            }.class("wide")
            Element(name: "fieldset") {
                Element(name: "legend") { Text(t(s.state)) }
                for state in CaseState.allCases {
                    Element(name: "label") {
                        Input(type: .checkbox, name: "state", value: state.rawValue)
                            .flag("checked", states.contains(state.rawValue))
                        Text(t(state.name))
                    }.class("choice")
                }
            }
            Widgets.select(
                "category", label: t(w.category), options: choices.categories.map { ($0.code, $0.name) },
                selected: value("category"), blank: t(s.any))
            Widgets.choice(
                "urgency", label: t(w.urgency), Urgency.self, language: language,
                selected: value("urgency").flatMap(Urgency.init(rawValue:)), blank: t(s.any), required: false
            ) { $0.name }
            Widgets.choice(
                "channel", label: t(w.channel), Channel.self, language: language,
                selected: value("channel").flatMap(Channel.init(rawValue:)), blank: t(s.any), required: false
            ) { $0.name }
            Widgets.select(
                "region", label: t(s.region), options: choices.regions.map { ($0.code, $0.label) },
                selected: value("region"), blank: t(s.any))
            Widgets.select(
                "organisation", label: t(s.organisation),
                options: choices.organisations.map { ("\($0.id)", $0.name) }, selected: value("organisation"),
                blank: t(s.any))
            dateField("from", s.from)
            dateField("to", s.to)
            Widgets.select(
                "sort", label: t(s.sort),
                options: [("newest", t(s.sortNewest)), ("deadline", t(s.sortDeadline))],
                selected: value("sort") ?? "newest")
            Element(name: "label") {
                Input(type: .checkbox, name: "overdue", value: "true")
                    .flag("checked", value("overdue").flatMap(AppConfiguration.parseBool) == true)
                Text(t(s.overdue))
            }.class("choice")
            Paragraph(t(s.dateHint)).class("note wide")
            // Filters this form has no field for (a dashboard's `whistle`, a page size) travel on unchanged.
            for (name, value) in query
            where ![
                "q", "state", "category", "urgency", "channel", "region", "organisation", "from", "to", "sort",
                "overdue", "offset", "done", "lang",
            ].contains(name) {
                Input(type: .hidden, name: Widgets.escapeAttribute(name), value: Widgets.escapeAttribute(value))
            }
            Div {
                SubmitButton(t(s.apply))
                Link(t(s.reset), url: Paths.cases)
            }.class("buttons")
        }.class("filters").attribute(named: "id", value: "case-filters")
            .attribute(named: "aria-label", value: t(s.filterHeading))
    }

    private func bulkActions() -> any Component {
        let s = ListStrings.self
        let w = WorkspaceStrings.self
        let actions = Set(choices.bulkActions)
        return Form(url: Paths.casesBulk, method: .post) {
            Widgets.csrf(csrfToken)
            Input(type: .hidden, name: "back", value: Widgets.escapeAttribute(link()))
            H2(t(s.bulkHeading))
            Paragraph(t(s.bulkNote)).class("note")
            if actions.contains(.assess) {
                Element(name: "fieldset") {
                    Element(name: "legend") { Text(t(s.bulkAssess)) }
                    Widgets.select(
                        "categoryCode", label: t(w.category), options: choices.categories.map { ($0.code, $0.name) },
                        selected: bulkForm["categoryCode"], blank: t(w.choose))
                    Widgets.choice(
                        "urgency", label: t(w.urgency), Urgency.self, language: language,
                        selected: bulkForm["urgency"].flatMap(Urgency.init(rawValue:)), blank: t(w.choose),
                        required: false
                    ) { $0.name }
                    Widgets.choice(
                        "difficulty", label: t(w.difficulty), Difficulty.self, language: language,
                        selected: bulkForm["difficulty"].flatMap(Difficulty.init(rawValue:)), blank: t(w.choose),
                        required: false
                    ) { $0.name }
                    Widgets.choice(
                        "competentLevel", label: t(w.competentLevel), RegionLevel.self, language: language,
                        selected: bulkForm["competentLevel"].flatMap(RegionLevel.init(rawValue:)), blank: t(w.choose),
                        required: false
                    ) { $0.name }
                    Button(t(s.bulkAssess)).attribute(named: "name", value: "bulkAction")
                        .attribute(named: "value", value: CaseAction.assess.rawValue)
                }
            }
            if actions.contains(.dispatch) && !choices.dispatchTargets.isEmpty {
                Element(name: "fieldset") {
                    Element(name: "legend") { Text(t(s.bulkDispatch)) }
                    Widgets.select(
                        "lead", label: t(s.dispatchTo), options: choices.dispatchTargets.map { ("\($0.id)", $0.name) },
                        selected: bulkForm["lead"], blank: t(w.choose))
                    Button(t(s.bulkDispatch)).attribute(named: "name", value: "bulkAction")
                        .attribute(named: "value", value: CaseAction.dispatch.rawValue)
                }
            }
            if actions.contains(.accept) {
                Element(name: "fieldset") {
                    Element(name: "legend") { Text(t(s.bulkAccept)) }
                    Button(t(s.bulkAccept)).attribute(named: "name", value: "bulkAction")
                        .attribute(named: "value", value: CaseAction.accept.rawValue)
                }
            }
            if actions.contains(.return) {
                Element(name: "fieldset") {
                    Element(name: "legend") { Text(t(s.bulkGiveBack)) }
                    Widgets.textField("reason", label: t(s.giveBackReason), value: bulkForm["reason"])
                    Button(t(s.bulkGiveBack)).attribute(named: "name", value: "bulkAction")
                        .attribute(named: "value", value: CaseAction.return.rawValue)
                }
            }
        }.class("bulk").attribute(named: "id", value: "bulk")
    }
}

/// The result of a bulk action: how many were done, and each one that was not with its reason.
struct BulkResultPage {
    let language: DisplayLanguage
    let nav: StaffNav
    let action: CaseAction
    let done: [Case]
    let failed: [(number: String, reason: Localized)]
    /// The list the form was sent from.
    let back: String

    private func t(_ text: Localized) -> String { text.text(language) }

    func render() -> String {
        let s = ListStrings.self
        return Layout(title: t(s.bulkResultTitle), language: language, path: Paths.cases).render {
            nav.component(language)
            H1("\(t(s.bulkResultTitle))：\(t(action.name))")
            Paragraph(t(s.bulkSummary(done: done.count, failed: failed.count)))
                .class(failed.isEmpty ? "notice" : "capped").attribute(named: "role", value: "status")
                .attribute(named: "id", value: "bulk-summary")
            if !failed.isEmpty {
                List(failed) { item in ListItem("\(item.number) \(t(item.reason))") }
                    .attribute(named: "id", value: "bulk-failed")
            }
            if !done.isEmpty {
                H2(t(s.processedHeading))
                List(done) { found in
                    ListItem { Link("\(found.number) \(found.title)", url: Paths.caseFile(found.id)) }
                }.attribute(named: "id", value: "bulk-done")
            }
            Div {
                Link(t(s.backToList), url: Widgets.escapeAttribute(back)).class("button primary")
                    .attribute(named: "id", value: "back-to-list")
            }.class("actions")
        }
    }
}
