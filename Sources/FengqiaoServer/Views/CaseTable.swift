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

/// A list of cases as every queue shows it: a table on wide screens, stacked cards on a phone (CSS only).
struct CaseTable {
    let language: DisplayLanguage
    let rows: [QueueRow]
    /// Shown when there are no rows.
    let empty: Localized
    var id: String = "queue"

    private func t(_ text: Localized) -> String { text.text(language) }

    func component() -> any Component {
        let s = WorkspaceStrings.self
        if rows.isEmpty {
            return Paragraph(t(empty)).class("note").attribute(named: "id", value: id)
        }
        let cells: [[any Component]] = rows.map { row in
            let clock: any Component =
                row.clock.map { Widgets.level($0.level, "\(t($0.kind.name))：\(t($0.text))") } ?? Text("—")
            return [
                Link("\(row.current.number) \(row.current.title)", url: Paths.caseFile(row.current.id))
                    .attribute(named: "data-case-number", value: Widgets.escapeAttribute(row.current.number)),
                Text(t(row.current.state.name)), Text(t(row.current.urgency.name)), clock,
            ]
        }
        return Div {
            Widgets.table([t(s.columnCase), t(s.columnState), t(s.urgency), t(s.clocks)], cells)
        }.class("queue").attribute(named: "id", value: id)
    }
}
