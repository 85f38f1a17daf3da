import FengqiaoCore
import Plot

/// A workspace page made of queues: the department's inbox, the grid worker's grid, the mediator's mediations.
struct QueuePage {
    struct Section {
        let heading: Localized
        let rows: [QueueRow]
        let id: String
        var note: Localized? = nil
        /// How many cases the section stands for in all (the true count), when the rows shown may be fewer.
        var total: Int? = nil
        /// The same cases on the staff case list (filters, paging, export, bulk actions).
        var fullList: String? = nil
    }

    let language: DisplayLanguage
    let nav: StaffNav
    let title: Localized
    let path: String
    /// Buttons above the queues (e.g. 随手拍).
    var actions: [(text: Localized, path: String)] = []
    let sections: [Section]
    /// The rows' places, by region.
    var places: [Region.ID: String] = [:]
    /// The confirmation of an action that came back here (`?done=`).
    var notice: Localized? = nil
    /// Sections of other kinds after the case queues (the key-person visits due on `/grid`).
    var extras: [any Component] = []
    /// The grid worker's risk visits due (`/grid` only).
    var riskVisits: RiskVisitsSection? = nil

    func render() -> String {
        let t = { (text: Localized) in text.text(language) }
        return Layout(title: t(title), language: language, path: path).render {
            nav.component(language)
            H1(t(title))
            if let notice {
                Paragraph(t(notice)).class("notice").attribute(named: "role", value: "status")
                    .attribute(named: "id", value: "list-notice")
            }
            if !actions.isEmpty {
                Div {
                    for action in actions { Link(t(action.text), url: action.path).class("button primary") }
                }.class("actions")
            }
            for section in sections { Self.component(section, language: language, places: places) }
            if let riskVisits { riskVisits.component(language) }
            for extra in extras { extra }
        }
    }

    /// One queue: its heading with the true count, its note, the capped notice and the link to the full list, and
    /// its table (cards on a phone). The desk's page shows its queues with it too.
    @ComponentBuilder static func component(
        _ section: Section, language: DisplayLanguage, places: [Region.ID: String]
    ) -> any Component {
        H2("\(section.heading.text(language))（\(section.total ?? section.rows.count)）")
        if let note = section.note { Paragraph(note.text(language)).class("note") }
        QueueSectionLinks(
            language: language, shown: section.rows.count, total: section.total, fullList: section.fullList
        ).component()
        CaseTable(
            language: language, rows: section.rows, empty: WorkspaceStrings.queueEmpty, id: section.id,
            places: places
        ).component()
    }
}

/// Under a queue's heading: "仅显示前 N 件，共 M 件" when the queue shows fewer than it holds, and the link to the same
/// cases on the staff case list (all of them, filters, paging, export).
struct QueueSectionLinks {
    let language: DisplayLanguage
    let shown: Int
    let total: Int?
    let fullList: String?

    func component() -> any Component {
        let capped = total.map { $0 > shown } ?? false
        return Div {
            if let total, capped {
                Span(ListStrings.capped(shown: shown, of: total).text(language))
            }
            if let fullList {
                Link(ListStrings.fullList.text(language), url: Widgets.escapeAttribute(fullList))
                    .class("full-list")
            }
        }.class(capped ? "capped queue-links" : "note queue-links")
    }
}
