import FengqiaoCore
import Plot

/// A workspace page made of queues: the department's inbox, the grid worker's grid, the mediator's mediations.
struct QueuePage {
    struct Section {
        let heading: Localized
        let rows: [QueueRow]
        let id: String
        var note: Localized? = nil
    }

    let language: DisplayLanguage
    let nav: StaffNav
    let title: Localized
    let path: String
    /// Buttons above the queues (e.g. 随手拍).
    var actions: [(text: Localized, path: String)] = []
    let sections: [Section]

    func render() -> String {
        let t = { (text: Localized) in text.text(language) }
        return Layout(title: t(title), language: language, path: path).render {
            nav.component(language)
            H1(t(title))
            if !actions.isEmpty {
                Div {
                    for action in actions { Link(t(action.text), url: action.path).class("button primary") }
                }.class("actions")
            }
            for section in sections {
                H2("\(t(section.heading))（\(section.rows.count)）")
                if let note = section.note { Paragraph(t(note)).class("note") }
                CaseTable(language: language, rows: section.rows, empty: WorkspaceStrings.queueEmpty, id: section.id)
                    .component()
            }
        }
    }
}
