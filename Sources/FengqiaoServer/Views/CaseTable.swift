import FengqiaoCore
import Foundation
import Plot

/// One row of a queue: the case and what its clocks say now.
struct QueueRow: Sendable {
    let current: Case
    /// The most pressing running clock (red before yellow before green, then the nearest).
    let clock: ClockStatus?

    init(_ current: Case, calendar: WorkingCalendar, now: Date) {
        self.current = current
        clock =
            CaseClocks.status(of: current, calendar: calendar, at: now)
            .sorted { ($0.level, -$0.remaining) > ($1.level, -$1.remaining) }.first
    }

    /// Queues put the most urgent kind of matter first (五事五办 order), then the nearest deadline.
    static func triageOrder(_ rows: [QueueRow]) -> [QueueRow] {
        let rank = Dictionary(uniqueKeysWithValues: Urgency.allCases.enumerated().map { ($1, $0) })
        return rows.enumerated().sorted { left, right in
            let a = rank[left.element.current.urgency] ?? 0
            let b = rank[right.element.current.urgency] ?? 0
            return a != b ? a < b : left.offset < right.offset
        }.map(\.element)
    }
}

/// A list of cases as every queue shows it: a table on wide screens; on a phone each row is a card (number and
/// title, place, clock), by CSS alone (`ListStylesheet`).
struct CaseTable {
    let language: DisplayLanguage
    let rows: [QueueRow]
    /// Shown when there are no rows.
    let empty: Localized
    var id: String = "queue"
    /// Each row's place ("桃源镇 · 桃源村 · 第3网格"), by region; a row whose region is missing shows none.
    var places: [Region.ID: String] = [:]
    /// The id of the bulk-action form the rows' checkboxes belong to (`form=`); nil: no checkboxes.
    var selectForm: String? = nil
    /// Rows ticked already (a refused bulk form shown again).
    var selected: Set<Case.ID> = []

    private func t(_ text: Localized) -> String { text.text(language) }

    func component() -> any Component {
        let s = WorkspaceStrings.self
        if rows.isEmpty {
            return Paragraph(t(empty)).class("note").attribute(named: "id", value: id)
        }
        var headers: [String] = []
        if selectForm != nil { headers.append(t(ListStrings.select)) }
        headers += [t(s.columnCase), t(ListStrings.columnPlace), t(s.columnState), t(s.urgency), t(s.clocks)]
        return Div {
            Div {
                Element(name: "table") {
                    Element(name: "thead") {
                        Element(name: "tr") {
                            for header in headers {
                                Element(name: "th") { Text(header) }.attribute(named: "scope", value: "col")
                            }
                        }
                    }
                    Element(name: "tbody") {
                        for row in rows { self.row(row) }
                    }
                }
            }.class("table-wrap")
        }.class("queue").attribute(named: "id", value: id)
    }

    private func row(_ row: QueueRow) -> any Component {
        let s = WorkspaceStrings.self
        let current = row.current
        let clock: any Component =
            row.clock.map { Widgets.level($0.level, "\(t($0.kind.name))：\(t($0.text))") } ?? Text("—")
        func cell(_ kind: String, _ label: Localized, _ content: any Component) -> any Component {
            Element(name: "td") { content }.class(kind).attribute(named: "data-label", value: t(label))
        }
        return Element(name: "tr") {
            if let selectForm {
                Element(name: "td") {
                    Element(name: "label") {
                        Input(type: .checkbox, name: "case", value: "\(current.id)")
                            .attribute(named: "form", value: selectForm)
                            .flag("checked", selected.contains(current.id))
                        Span("\(t(ListStrings.select)) \(current.number)").class("visually-hidden")
                    }
                }.class("pick")
            }
            cell(
                "case", s.columnCase,
                Link("\(current.number) \(current.title)", url: Paths.caseFile(current.id))
                    .attribute(named: "data-case-number", value: Widgets.escapeAttribute(current.number)))
            cell("place", ListStrings.columnPlace, Text(places[current.regionID] ?? "—"))
            cell("state", s.columnState, Text(t(current.state.name)))
            // The 吹哨 grade the case was dispatched with stands beside its urgency (快捷哨, 应急哨, 攻坚哨).
            cell(
                "urgency", s.urgency,
                Text(t(current.urgency.name) + (current.whistle.map { " · " + t($0.name) } ?? "")))
            cell("clock", s.clocks, clock)
        }
    }
}
