import FengqiaoCore
import FengqiaoStore
import Foundation
import Plot

/// The administrator's lists (users, access log): their filters as the query string gave them, one page of the
/// filtered rows, the true total, and the links of the other pages and of the CSV export.
struct AdminListState: Sendable {
    /// The query string's parameters, in order.
    let query: [(name: String, value: String)]
    let path: String
    let csvPath: String
    var total = 0
    var offset = 0
    var limit = 50
    /// Only the newest entries were searched (the access log): the total counts those.
    var searchedOnly: Int? = nil
    /// A refused filter: the field named.
    var error: Localized? = nil

    func value(_ name: String) -> String? {
        query.first { $0.name == name && !$0.value.isEmpty }?.value
    }

    func link(_ path: String? = nil, _ changes: [String: String?] = [:], dropping: Set<String> = []) -> String {
        var items = query.filter {
            !changes.keys.contains($0.name) && !dropping.contains($0.name) && !["done", "lang"].contains($0.name)
                && !$0.value.isEmpty
        }
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) {
            if let value { items.append((name, value)) }
        }
        var components = URLComponents()
        components.path = path ?? self.path
        components.queryItems = items.isEmpty ? nil : items.map { URLQueryItem(name: $0.name, value: $0.value) }
        return components.string ?? (path ?? self.path)
    }

    /// The rows of this page out of all the filtered ones.
    func page<T>(_ all: [T]) -> [T] {
        Array(all.dropFirst(offset).prefix(limit))
    }

    /// Reads the page: `offset` (a whole number) and `limit` (1 to 200 rows); a refusal names the field.
    mutating func readPage() {
        if let text = value("offset") {
            if let number = Int(text), number >= 0 {
                offset = number
            } else {
                error = AdminListStrings.invalid("offset")
            }
        }
        if let text = value("limit") {
            if let number = Int(text), (1...200).contains(number) {
                limit = number
            } else {
                error = AdminListStrings.invalid("limit")
            }
        }
    }

    /// The total, the export link and (when capped) what was searched.
    func summary(_ language: DisplayLanguage) -> any Component {
        let pages = max(1, (total + limit - 1) / limit)
        return Div {
            Span(ListStrings.total(total, page: offset / limit + 1, of: pages).text(language)).class("total")
                .attribute(named: "id", value: "list-total")
            if let searchedOnly {
                Span(AdminListStrings.searchedOnly(searchedOnly).text(language)).class("capped")
            }
            if error == nil {
                Link(
                    AdminListStrings.export.text(language),
                    url: Widgets.escapeAttribute(link(csvPath, dropping: ["offset"]))
                ).class("button").attribute(named: "id", value: "list-export")
            }
        }.class("list-summary")
    }

    func paging(_ language: DisplayLanguage, shown: Int) -> any Component {
        let pages = max(1, (total + limit - 1) / limit)
        return Navigation {
            if offset > 0 {
                Link(
                    ListStrings.previous.text(language),
                    url: Widgets.escapeAttribute(link(nil, ["offset": "\(max(0, offset - limit))"]))
                ).attribute(named: "rel", value: "prev")
            }
            Span("\(offset / limit + 1) / \(pages)")
            if offset + shown < total {
                Link(
                    ListStrings.next.text(language),
                    url: Widgets.escapeAttribute(link(nil, ["offset": "\(offset + limit)"]))
                ).attribute(named: "rel", value: "next")
            }
        }.class("paging").attribute(named: "aria-label", value: ListStrings.paging.text(language))
    }

    /// The filter bar: `fields` inside a GET form to this list.
    func filterForm(
        _ language: DisplayLanguage, id: String, @ComponentBuilder fields: () -> any Component
    )
        -> any Component
    {
        let content = fields()
        return Form(url: path, method: .get) {
            content
            Div {
                SubmitButton(ListStrings.apply.text(language))
                Link(ListStrings.reset.text(language), url: path)
            }.class("buttons")
        }.class("filters").attribute(named: "id", value: id)
            .attribute(named: "aria-label", value: ListStrings.filterHeading.text(language))
    }

    /// A date field kept as typed (the browser's picker while it holds a plain date).
    func dateField(_ name: String, _ label: Localized, _ language: DisplayLanguage) -> any Component {
        let typed = value(name)
        let plain = typed.map { $0.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil } ?? true
        return Widgets.textField(name, label: label.text(language), type: plain ? .date : .text, value: typed)
    }
}

/// The administrator's lists' text.
enum AdminListStrings {
    static let export = Localized(zh: "导出本列表（CSV）", en: "Export this list (CSV)")
    static let search = Localized(zh: "关键词（用户名、姓名）", en: "Words (username, name)")
    static let status = Localized(zh: "账号状态", en: "Account")
    static let sort = Localized(zh: "排序", en: "Order")
    static let byUsername = Localized(zh: "按用户名", en: "By username")
    static let byName = Localized(zh: "按姓名", en: "By name")
    static let user = Localized(zh: "用户名", en: "Username")
    static let action = Localized(zh: "操作类型", en: "Action")
    static let detail = Localized(zh: "说明中的文字", en: "Words in the detail")
    static let from = Localized(zh: "日期（起）", en: "From")
    static let to = Localized(zh: "日期（止）", en: "Until")

    static func searchedOnly(_ count: Int) -> Localized {
        Localized(
            zh: "仅检索最近 \(count) 条记录；更早的记录请用 fengqiao 命令行或备份查阅。",
            en: "Only the latest \(count) entries were searched.")
    }

    static let fieldNames: [String: Localized] = [
        "role": AdminStrings.role, "organisation": AdminStrings.organisation, "status": status, "from": from,
        "to": to, "offset": ListStrings.paging, "limit": ListStrings.paging, "sort": sort,
    ]

    static func invalid(_ field: String) -> Localized {
        ListStrings.invalidFilter(fieldNames[field] ?? Localized(zh: field, en: field))
    }
}
