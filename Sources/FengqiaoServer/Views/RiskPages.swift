import FengqiaoCore
import FengqiaoStore
import Foundation
import Plot

extension Paths {
    public static let riskWarnings = "/risk/warnings"
    public static func riskWarning(_ id: some CustomStringConvertible) -> String { "/risk/warnings/\(id)" }
    public static let visits = "/visits"
    public static func visit(_ id: some CustomStringConvertible) -> String { "/visits/\(id)" }
}

/// The risk pages' styles: the grade badges (蓝黄橙红, the word always beside the colour) and overdue marks.
enum RiskStylesheet {
    static let css = """
        .grade{display:inline-block;padding:.1rem .5rem;border-radius:4px;font-weight:700;color:#fff}
        .grade.blue{background:#1f6feb}.grade.yellow{background:#b58100}.grade.orange{background:#d9480f}
        .grade.red{background:#c92a2a}.visit-overdue{color:#c92a2a;font-weight:700}
        form.visit fieldset{border:1px solid #d9e2ec;border-radius:8px;margin:0 0 1rem;padding:.5rem .75rem}
        form.visit label.choice{display:flex;gap:.5rem;align-items:center;padding:.35rem 0;font-size:1rem}
        form.visit input[type=checkbox],form.visit input[type=radio]{width:1.3rem;height:1.3rem}
        .risk-panel h2{margin:.5rem 0 .25rem}.risk-panel .figures{display:flex;flex-wrap:wrap;gap:.25rem .75rem;
        align-items:center}
        """
}

/// Small pieces the risk pages share.
enum RiskWidgets {
    static func badge(_ grade: RiskGrade, _ language: DisplayLanguage) -> any Component {
        Span(grade.name.text(language)).class("grade \(grade.rawValue)")
    }

    static func due(_ visit: RiskVisitRecord, now: Date, _ language: DisplayLanguage) -> any Component {
        Span {
            Widgets.time(visit.due)
            if visit.warningOpen && visit.isOverdue(at: now) {
                Span("（\(RiskStrings.overdue.text(language))）").class("visit-overdue")
            }
        }
    }

    static func visitState(_ visit: RiskVisitRecord, _ language: DisplayLanguage) -> String {
        if let outcome = visit.outcome { return outcome.name.text(language) }
        return visit.warningOpen ? RiskStrings.pending.text(language) : RiskStrings.closed.text(language)
    }

    /// The visits table: a list page's, the grid workspace's, a warning's.
    /// `reader`: whose page it is; the link says 记录走访 only on the visits they record (`RiskAccess.canRecord`).
    static func visitsTable(
        _ visits: [RiskVisitRecord], now: Date, _ language: DisplayLanguage, places: [String: String] = [:],
        reader: Actor? = nil
    ) -> any Component {
        let t = { (text: Localized) in text.text(language) }
        return Widgets.table(
            [t(RiskStrings.grade), t(RiskStrings.visitor), t(RiskStrings.due), t(RiskStrings.done), ""],
            visits.map { visit in
                [
                    badge(visit.grade, language),
                    Text(visit.visitor.name.text(language) + (places[visit.regionPath].map { " · \($0)" } ?? "")),
                    due(visit, now: now, language), Text(visitState(visit, language)),
                    Link(
                        visit.doneAt == nil && visit.warningOpen
                            && (reader.map {
                                RiskAccess.canRecord(
                                    visitor: visit.visitor, organisationID: visit.organisationID,
                                    regionPath: visit.regionPath, by: $0)
                            } ?? true)
                            ? t(RiskStrings.record) : t(RiskStrings.view),
                        url: Paths.visit(visit.id)),
                ]
            })
    }
}

/// The grid workspace's 风险走访 section (replacing its placeholder): the grid worker's visits due.
struct RiskVisitsSection {
    let visits: [RiskVisitRecord]
    let now: Date

    func component(_ language: DisplayLanguage) -> any Component {
        Div {
            H2("\(RiskStrings.visitsTitle.text(language))（\(visits.count)）")
            Paragraph(RiskStrings.gridVisitsNote.text(language)).class("note")
            if visits.isEmpty {
                Paragraph(RiskStrings.noVisits.text(language)).class("empty")
            } else {
                RiskWidgets.visitsTable(visits, now: now, language)
            }
            Paragraph { Link(RiskStrings.allVisits.text(language), url: Paths.visits) }
        }.attribute(named: "id", value: "risk-visits")
    }
}

/// `/risk/warnings`: the warnings the reader may see, with filters.
struct RiskWarningsPage {
    let language: DisplayLanguage
    let nav: StaffNav
    let warnings: [RiskWarningRecord]
    let grade: RiskGrade?
    let region: String?
    let open: Bool?
    let places: [String: String]

    func render() -> String {
        let t = { (text: Localized) in text.text(language) }
        return Layout(title: t(RiskStrings.warningsTitle), language: language, path: Paths.riskWarnings).render {
            nav.component(language)
            H1(t(RiskStrings.warningsTitle))
            Form(url: Paths.riskWarnings, method: .get) {
                Widgets.select(
                    "grade", label: t(RiskStrings.filterGrade),
                    options: RiskGrade.allCases.reversed().map { ($0.rawValue, $0.name.text(language)) },
                    selected: grade?.rawValue, blank: t(RiskStrings.anyGrade))
                Widgets.textField("region", label: t(RiskStrings.filterRegion), value: region)
                Widgets.select(
                    "open", label: t(RiskStrings.filterOpen),
                    options: [("true", t(RiskStrings.openOnly)), ("false", t(RiskStrings.closedOnly))],
                    selected: open.map { $0 ? "true" : "false" }, blank: t(RiskStrings.anyState))
                Button(t(RiskStrings.apply)).attribute(named: "type", value: "submit")
            }.class("filters")
            Paragraph { Link(t(RiskStrings.allVisits), url: Paths.visits) }
            if warnings.isEmpty {
                Paragraph(t(RiskStrings.none)).class("empty")
            } else {
                Widgets.table(
                    [
                        t(RiskStrings.grade), t(RiskStrings.subject), t(RiskStrings.score), t(RiskStrings.raisedAt),
                        t(RiskStrings.state), "",
                    ],
                    warnings.map { record in
                        [
                            RiskWidgets.badge(record.warning.grade, language),
                            Text(
                                RiskStrings.subject(record.subjectKind).text(language)
                                    + (places[record.regionPath].map { " · \($0)" } ?? "")),
                            Text("\(record.warning.assessment.score)"), Widgets.time(record.warning.raisedAt),
                            Text(t(record.warning.isOpen ? RiskStrings.open : RiskStrings.closed)),
                            Link(t(RiskStrings.view), url: Paths.riskWarning(record.id)),
                        ]
                    })
            }
        }
    }
}

/// `/risk/warnings/{id}`: the grade, the score, each indicator that fired with why and the evidence, the visits with
/// their deadlines, the history.
struct RiskWarningPage {
    let language: DisplayLanguage
    let nav: StaffNav
    let record: RiskWarningRecord
    let current: Case?
    let history: [RiskHistoryEntry]
    let now: Date
    let place: String?
    let reader: Actor

    func render() -> String {
        let t = { (text: Localized) in text.text(language) }
        let warning = record.warning
        return Layout(title: t(RiskStrings.warningTitle), language: language, path: Paths.riskWarning(record.id))
            .render {
                nav.component(language)
                H1 {
                    Text(t(RiskStrings.warningTitle) + " ")
                    RiskWidgets.badge(warning.grade, language)
                }
                facts(t)
                if let current {
                    Paragraph {
                        Text(t(RiskStrings.theCase) + "：")
                        Link("\(current.number) \(current.title)", url: Paths.caseFile(current.id.rawValue))
                    }
                }
                H2(t(RiskStrings.fired))
                Widgets.table(
                    [
                        t(RiskStrings.indicator), t(RiskStrings.points), t(RiskStrings.evidence),
                        t(RiskStrings.explanation),
                    ],
                    warning.assessment.fired.map { fired in
                        [
                            Text(fired.name.text(language)), Text("\(fired.points)"), Text(fired.evidence),
                            Text(fired.explanation.text(language)),
                        ]
                    })
                H2(t(RiskStrings.visits))
                RiskWidgets.visitsTable(record.visits, now: now, language, reader: reader)
                H2(t(RiskStrings.history))
                historyList()
            }
    }

    func facts(_ t: (Localized) -> String) -> any Component {
        let warning = record.warning
        let parties = current?.parties.compactMap { $0.masked.name }.filter { !$0.isEmpty } ?? []
        let rows: [(String, String?)] = [
            (t(RiskStrings.subject), RiskStrings.subject(record.subjectKind).text(language)),
            (t(RiskStrings.score), "\(warning.assessment.score)"),
            (t(RiskStrings.state), t(warning.isOpen ? RiskStrings.open : RiskStrings.closed)),
            (t(RiskStrings.raisedAt), ChinaTime.minute(warning.raisedAt)),
            (t(RiskStrings.place), place),
            (t(RiskStrings.followed), t(warning.followedByIncident ? RiskStrings.yes : RiskStrings.no)),
            (t(RiskStrings.visitedOnTime), t(warning.visitedOnTime ? RiskStrings.yes : RiskStrings.no)),
            (t(RiskStrings.parties), parties.joined(separator: "、")),
        ]
        return Widgets.facts(rows)
    }

    func historyList() -> any Component {
        List(
            history.map { entry -> String in
                var line = ChinaTime.minute(entry.at) + " " + RiskStrings.event(entry.kind).text(language)
                if let grade = entry.grade { line += " · " + grade.name.text(language) }
                if !entry.actor.isEmpty { line += " · " + entry.actor }
                if !entry.detail.isEmpty { line += " · " + entry.detail }
                return line
            }
        ) { line in ListItem(line) }
    }
}

/// `/visits`: the visits due for the reader (their organisation's, their grid's).
struct RiskVisitsPage {
    let language: DisplayLanguage
    let nav: StaffNav
    let visits: [RiskVisitRecord]
    let now: Date
    let reader: Actor

    func render() -> String {
        let t = { (text: Localized) in text.text(language) }
        return Layout(title: t(RiskStrings.visitsTitle), language: language, path: Paths.visits).render {
            nav.component(language)
            H1(t(RiskStrings.visitsTitle))
            Paragraph { Link(t(RiskStrings.allWarnings), url: Paths.riskWarnings) }
            if visits.isEmpty {
                Paragraph(t(RiskStrings.noVisits)).class("empty")
            } else {
                RiskWidgets.visitsTable(visits, now: now, language, reader: reader)
            }
        }
    }
}

/// `/visits/{id}`: one visit, and the form that records it from a phone (no JavaScript): the outcome, a note, what
/// the visit found (the catalogue's visit-recorded indicators as checkboxes).
struct RiskVisitPage {
    let language: DisplayLanguage
    let nav: StaffNav
    let csrfToken: String
    let visit: RiskVisitRecord
    let record: RiskWarningRecord
    let mayRecord: Bool
    let now: Date
    var notice: Localized? = nil
    var refusal: Localized? = nil

    func render() -> String {
        let t = { (text: Localized) in text.text(language) }
        return Layout(title: t(RiskStrings.visitTitle), language: language, path: Paths.visit(visit.id)).render {
            nav.component(language)
            H1 {
                Text(t(RiskStrings.visitTitle) + " ")
                RiskWidgets.badge(visit.grade, language)
            }
            if let notice {
                Paragraph(t(notice)).class("notice").attribute(named: "role", value: "status")
            }
            if let refusal {
                Paragraph(t(refusal)).class("error").attribute(named: "role", value: "alert")
            }
            Widgets.facts([
                (t(RiskStrings.visitor), visit.visitor.name.text(language)),
                (t(RiskStrings.due), ChinaTime.minute(visit.due)),
                (t(RiskStrings.done), RiskWidgets.visitState(visit, language)),
                (t(RiskStrings.note), visit.note),
                (
                    t(RiskStrings.recordedIndicators),
                    visit.recorded.compactMap { RiskCatalogue.indicator($0)?.name.text(language) }
                        .joined(separator: "、")
                ),
            ])
            if visit.warningOpen && visit.isOverdue(at: now) {
                Paragraph(t(RiskStrings.overdue)).class("visit-overdue")
            }
            Paragraph {
                Text(t(RiskStrings.fired) + "：")
                Text(
                    record.warning.assessment.fired.map { "\($0.name.text(language))（\($0.evidence)）" }
                        .joined(separator: "；"))
            }
            Paragraph { Link(t(RiskStrings.warningTitle), url: Paths.riskWarning(record.id)) }
            if visit.doneAt != nil {
                Paragraph(t(RiskStrings.alreadyDone)).class("note")
            } else if !record.warning.isOpen {
                Paragraph(t(RiskStrings.warningClosedNote)).class("note")
            } else if !mayRecord {
                Paragraph(t(RiskStrings.notYours)).class("note")
            } else {
                form(t)
            }
        }
    }

    @ComponentBuilder func form(_ t: @escaping (Localized) -> String) -> any Component {
        Form(url: Paths.visit(visit.id), method: .post) {
            Widgets.csrf(csrfToken)
            Element(name: "fieldset") {
                Element(name: "legend") { Text(t(RiskStrings.outcome)) }
                for outcome in VisitOutcome.allCases {
                    Label(outcome.name.text(language)) {
                        Input(type: .radio, name: "outcome", value: outcome.rawValue, isRequired: true)
                    }.class("choice")
                }
            }
            Widgets.textArea("note", label: t(RiskStrings.note), required: false)
            Element(name: "fieldset") {
                Element(name: "legend") { Text(t(RiskStrings.recordedIndicators)) }
                for indicator in RiskCatalogue.standard where indicator.source == .visit {
                    Label(indicator.name.text(language)) {
                        Input(type: .checkbox, name: "indicators", value: indicator.code)
                    }.class("choice")
                }
            }
            Button(t(RiskStrings.submit)).attribute(named: "type", value: "submit").class("primary")
        }.class("visit")
    }
}

/// The leader's risk panel on the dashboard: open warnings by grade and by region, overdue visits, precision.
struct RiskPanel {
    let panel: RiskStore.Panel
    /// Region paths' names.
    let places: [String: String]

    /// The figures of a jurisdiction, counted per region one level below it.
    static func load(
        _ risk: RiskStore, rootPath: String, regions: RegionRepository, now: Date
    ) async throws -> RiskPanel {
        let depth = rootPath.split(separator: "/").count + 1
        let panel = try await risk.panel(jurisdictionPaths: [rootPath], depth: depth, at: now)
        return RiskPanel(
            panel: panel,
            places: try await RiskController.places(of: Array(panel.openByRegion.keys), regions: regions))
    }

    /// One compact block (the leader's screen must stay about two screens high): the heading, then one row of
    /// figures: open warnings per grade, overdue visits, precision, open warnings per region, the link to the list.
    func component(_ language: DisplayLanguage) -> any Component {
        let t = { (text: Localized) in text.text(language) }
        let open = RiskGrade.allCases.reversed().map { ($0, panel.openByGrade[$0] ?? 0) }
        let regions = panel.openByRegion.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(8)
        let precision = panel.precision.map { String(format: "%.0f%%", $0 * 100) } ?? t(RiskStrings.panelNoData)
        return Element(name: "section") {
            H2(t(RiskStrings.panelTitle))
            Div {
                for (grade, count) in open {
                    Span {
                        RiskWidgets.badge(grade, language)
                        Text(" \(count)")
                    }
                }
                Span("\(t(RiskStrings.panelOverdue))：\(panel.overdueVisits)")
                Span("\(t(RiskStrings.panelPrecision))：\(precision)")
                    .attribute(named: "title", value: t(RiskStrings.panelPrecisionNote))
                for (path, count) in regions {
                    Span("\(places[path] ?? "—") \(count)")
                }
                Link(t(RiskStrings.allWarnings), url: Paths.riskWarnings)
            }.class("figures")
        }.class("risk-panel").attribute(named: "id", value: "risk-panel")
    }
}

/// On a case page: the earlier disputes between the same people or household (recognised by `PersonKey`, never by
/// name) that the reader may see, newest first.
struct EarlierDisputesSection {
    let cases: [Case]

    func component(_ language: DisplayLanguage) -> any Component {
        Element(name: "section") {
            H2(RiskStrings.earlierTitle.text(language))
            if cases.isEmpty {
                Paragraph(RiskStrings.earlierNone.text(language)).class("note")
            } else {
                List(cases) { found in
                    ListItem {
                        Link("\(found.number) \(found.title)", url: Paths.caseFile(found.id.rawValue))
                        Text("（\(ChinaTime.minute(found.createdAt)) · \(found.state.name.text(language))）")
                    }
                }
            }
        }.attribute(named: "id", value: "earlier-disputes")
    }
}
