import FengqiaoCore

/// The staff lists' text (case list, filters, paging, bulk actions, confirmations), zh-Hans and English.
enum ListStrings {
    static let casesTitle = Localized(zh: "案件列表", en: "Cases")
    static let navCases = Localized(zh: "案件列表", en: "Cases")
    static let filterHeading = Localized(zh: "筛选", en: "Filter")
    static let search = Localized(zh: "关键词（标题、描述、当事人）", en: "Words (title, description, parties)")
    static let state = Localized(zh: "状态", en: "State")
    static let anyState = Localized(zh: "全部状态", en: "Any state")
    static let any = Localized(zh: "全部", en: "Any")
    static let region = Localized(zh: "区域", en: "Region")
    static let organisation = Localized(zh: "单位", en: "Organisation")
    static let overdue = Localized(zh: "仅看超期", en: "Overdue only")
    static let from = Localized(zh: "登记日期（起）", en: "Registered from")
    static let to = Localized(zh: "登记日期（止）", en: "Registered until")
    static let dateHint = Localized(
        zh: "可用日期选择器，也可输入“2026年12月3日 14:30”或“2026-12-03 14:30”。",
        en: "Use the date picker, or type \"2026-12-03 14:30\".")
    static let sort = Localized(zh: "排序", en: "Order")
    static let sortNewest = Localized(zh: "最新登记在前", en: "Newest first")
    static let sortDeadline = Localized(zh: "时限最近在前", en: "Nearest deadline first")
    static let apply = Localized(zh: "筛选", en: "Apply")
    static let reset = Localized(zh: "清除筛选", en: "Clear filters")
    static let export = Localized(zh: "导出本列表（CSV）", en: "Export this list (CSV)")
    static let exportNote = Localized(
        zh: "导出的正是当前筛选出的全部案件；每次导出都记入访问日志。",
        en: "The export holds exactly the filtered cases; every export is written to the access log.")
    static let previous = Localized(zh: "上一页", en: "Previous")
    static let next = Localized(zh: "下一页", en: "Next")
    static let paging = Localized(zh: "分页", en: "Pages")
    static let columnPlace = Localized(zh: "地点", en: "Place")
    static let select = Localized(zh: "选择", en: "Select")
    static let fullList = Localized(zh: "查看全部、筛选、导出", en: "See all, filter, export")

    /// "共 N 件，第 X / Y 页"
    static func total(_ count: Int, page: Int, of pages: Int) -> Localized {
        Localized(zh: "共 \(count) 件，第 \(page) / \(pages) 页", en: "\(count) cases, page \(page) of \(pages)")
    }

    /// "共 N 件"
    static func count(_ count: Int) -> Localized {
        Localized(zh: "共 \(count) 件", en: "\(count) cases")
    }

    /// A capped list: "仅显示前 N 件，共 M 件".
    static func capped(shown: Int, of total: Int) -> Localized {
        Localized(zh: "仅显示前 \(shown) 件，共 \(total) 件", en: "Showing the first \(shown) of \(total)")
    }

    /// A refused filter: the field named.
    static func invalidFilter(_ field: Localized) -> Localized {
        Localized(
            zh: "“\(field.zh)”填写的内容无法识别，请修改后再筛选。", en: "\"\(field.en)\" could not be read; please correct it.")
    }

    /// The filter fields' names, by query parameter.
    static let parameterNames: [String: Localized] = [
        "q": search, "state": state, "channel": WorkspaceStrings.channel, "category": WorkspaceStrings.category,
        "urgency": WorkspaceStrings.urgency, "region": region, "organisation": organisation, "overdue": overdue,
        "from": from, "to": to, "sort": sort, "limit": Localized(zh: "每页件数", en: "Page size"),
        "offset": paging, "after": paging, "dueWithinHours": Localized(zh: "到期时间", en: "Due within"),
    ]

    // MARK: Bulk actions

    static let bulkHeading = Localized(zh: "批量办理所选案件", en: "Act on the selected cases")
    static let bulkNote = Localized(
        zh: "先在列表中勾选案件。每件案件单独办理、单独留痕；不能办理的会列出原因。",
        en:
            "Tick cases in the list first. Each case is handled and recorded on its own; any that cannot be are listed with the reason."
    )
    static let bulkAssess = Localized(zh: "批量研判", en: "Assess all")
    static let bulkDispatch = Localized(zh: "批量派单", en: "Dispatch all")
    static let bulkAccept = Localized(zh: "批量接单", en: "Accept all")
    static let bulkGiveBack = Localized(zh: "批量退单", en: "Return all")
    static let dispatchTo = Localized(zh: "派往单位", en: "Dispatch to")
    static let giveBackReason = Localized(zh: "退单理由", en: "Reason for returning")
    static let nothingSelected = Localized(zh: "请先勾选要办理的案件。", en: "Please tick the cases first.")
    static let tooMany = Localized(zh: "一次最多批量办理 200 件。", en: "At most 200 cases at a time.")
    static let bulkResultTitle = Localized(zh: "批量办理结果", en: "Bulk result")
    static let notFound = Localized(zh: "找不到该案件或无权查看", en: "No such case, or not yours to see")
    static let backToList = Localized(zh: "返回列表", en: "Back to the list")
    static let processedHeading = Localized(zh: "已办理", en: "Done")
    static let failedHeading = Localized(zh: "未办理", en: "Not done")

    /// "已处理 N 件，M 件未处理"
    static func bulkSummary(done: Int, failed: Int) -> Localized {
        failed == 0
            ? Localized(zh: "已处理 \(done) 件。", en: "\(done) done.")
            : Localized(zh: "已处理 \(done) 件，\(failed) 件未处理：", en: "\(done) done, \(failed) not done:")
    }

    // MARK: Confirmations (`?done=`)

    /// The notice a page shows after an action redirected to it, by the action's code; unknown codes show nothing.
    static func confirmation(_ code: String) -> Localized? {
        if let action = CaseAction(rawValue: code) {
            return Localized(zh: "已完成：\(action.name.zh)。", en: "Done: \(action.name.en).")
        }
        return nil
    }
}
