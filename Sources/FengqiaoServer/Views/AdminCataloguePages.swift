import FengqiaoCore
import FengqiaoStore
import Foundation
import Plot

/// `/admin/categories`: the county's catalogue; county-level administrators add, retire and reactivate entries,
/// others read it.
struct AdminCategoriesPage {
    let frame: AdminFrame
    let categories: [Category]
    let editable: Bool
    var form = WebForm(fields: [])

    func render() -> String {
        let s = AdminStrings.self
        let t = frame.t
        let cells: [[any Component]] = categories.map { category in
            var row: [any Component] = [
                // The code is what forms and the API send; the English name is kept in English on purpose.
                Element(name: "code") { Text(category.code) }.attribute(named: "translate", value: "no"),
                Text(t(category.domain.name)), Text(category.name.zh),
                Span(category.name.en).attribute(named: "lang", value: "en"),
                Text(category.disputeType.map { t($0.name) } ?? ""),
                Text(t(category.active ? s.inUse : s.retired)),
            ]
            if editable { row.append(toggle(category)) }
            return row
        }
        var headers = [t(s.code), t(s.domain), t(s.nameZh), t(s.nameEn), t(s.disputeType), t(s.state)]
        if editable { headers.append(t(s.actions)) }
        return frame.render(title: s.categoriesTitle, path: Paths.adminCategories) {
            if !editable {
                Paragraph(t(s.categoriesReadOnly)).class("note").attribute(named: "id", value: "categories-read-only")
            }
            Paragraph(t(s.categoriesNote)).class("note")
            Div { Widgets.table(headers, cells) }.attribute(named: "id", value: "category-list")
            if editable {
                H2(t(s.addCategory))
                Form(url: Paths.adminCategories, method: .post) {
                    Widgets.csrf(frame.csrfToken)
                    AdminFrame.action("add")
                    Widgets.choice(
                        "domain", label: t(s.domain), GovernanceDomain.self, language: frame.language,
                        selected: form["domain"].flatMap(GovernanceDomain.init(rawValue:)), blank: t(s.choose)
                    ) { $0.name }
                    Widgets.textField("code", label: t(s.categoryCodeHint), required: true, value: form["code"])
                    Widgets.textField("nameZh", label: t(s.nameZh), required: true, value: form["nameZh"])
                    Widgets.textField("nameEn", label: t(s.nameEn), value: form["nameEn"])
                    Widgets.choice(
                        "disputeType", label: t(s.disputeType) + t(s.optional), DisputeType.self,
                        language: frame.language, selected: form["disputeType"].flatMap(DisputeType.init(rawValue:)),
                        blank: t(s.none), required: false
                    ) { $0.name }
                    SubmitButton(t(s.addCategoryButton))
                }.class("stacked").attribute(named: "id", value: "category-form")
            }
        }
    }

    private func toggle(_ category: Category) -> any Component {
        let s = AdminStrings.self
        return Form(url: Paths.adminCategories, method: .post) {
            Widgets.csrf(frame.csrfToken)
            AdminFrame.action(category.active ? "retire" : "reactivate")
            Input(type: .hidden, name: "code", value: Widgets.escapeAttribute(category.code))
            SubmitButton(frame.t(category.active ? s.retireButton : s.reactivateButton))
        }.class("inline")
    }
}

/// `/admin/access-log`: who saw personal data in clear, newest first.
struct AdminAccessLogPage {
    struct Row {
        let entry: AccessLogRepository.Entry
        let caseNumber: String?
    }

    let frame: AdminFrame
    let entries: [Row]
    /// The list's filters, total and page (`AdminListState`).
    var list: AdminListState? = nil

    func render() -> String {
        let s = AdminStrings.self
        let t = frame.t
        let language = frame.language
        let l = AdminListStrings.self
        let cells: [[any Component]] = entries.map { row in
            let caseCell: any Component =
                row.entry.caseID.map { id in Link(row.caseNumber ?? "#\(id)", url: Paths.caseFile(id)) } ?? Text("—")
            return [
                Widgets.time(row.entry.at), Span(row.entry.username).attribute(named: "translate", value: "no"),
                Text(AccessLogText.action(row.entry.action).text(language)), caseCell,
                AccessLogText.detail(row.entry.detail, language: language),
                Span(row.entry.requestID ?? "").class("request-id").attribute(named: "translate", value: "no"),
            ]
        }
        return frame.render(title: s.accessLogTitle, path: Paths.adminAccessLog) {
            Paragraph { Widgets.richText(t(s.accessLogNote)) }.class("note")
            if let list {
                if let error = list.error {
                    Paragraph(error.text(language)).class("error").attribute(named: "role", value: "alert")
                        .attribute(named: "id", value: "list-error")
                }
                list.filterForm(language, id: "access-log-filters") {
                    Widgets.textField("user", label: l.user.text(language), value: list.value("user"))
                    Widgets.textField("action", label: l.action.text(language), value: list.value("action"))
                    Widgets.textField("q", label: l.detail.text(language), type: .search, value: list.value("q"))
                    list.dateField("from", l.from, language)
                    list.dateField("to", l.to, language)
                }
                list.summary(language)
            }
            Div {
                if cells.isEmpty {
                    Paragraph(t(s.emptyList)).class("note")
                } else {
                    Widgets.table(
                        [t(s.time), t(s.user), t(s.action), t(s.caseColumn), t(s.detail), t(s.requestID)], cells)
                }
            }.attribute(named: "id", value: "access-log")
            if let list { list.paging(language, shown: entries.count) }
        }
    }
}
