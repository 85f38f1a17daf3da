import FengqiaoCore

/// The risk pages' text (issue 17): warnings, visits, the leader's risk panel, earlier disputes on a case page.
enum RiskStrings {
    static let nav = Localized(zh: "风险预警", en: "Risk warnings")
    static let warningsTitle = Localized(zh: "风险预警", en: "Risk warnings")
    static let warningTitle = Localized(zh: "预警详情", en: "Warning")
    static let visitsTitle = Localized(zh: "走访任务", en: "Visits")
    static let visitTitle = Localized(zh: "记录走访", en: "Record a visit")
    static let none = Localized(zh: "暂无预警。", en: "No warnings.")
    static let noVisits = Localized(zh: "暂无待走访任务。", en: "No visits due.")
    static let filterGrade = Localized(zh: "预警等级", en: "Grade")
    static let filterRegion = Localized(zh: "区域代码", en: "Region code")
    static let filterOpen = Localized(zh: "状态", en: "Status")
    static let place = Localized(zh: "所在网格", en: "Place")
    static let anyGrade = Localized(zh: "全部等级", en: "Any grade")
    static let anyState = Localized(zh: "全部", en: "All")
    static let openOnly = Localized(zh: "未关闭", en: "Open")
    static let closedOnly = Localized(zh: "已关闭", en: "Closed")
    static let apply = Localized(zh: "筛选", en: "Filter")
    static let subject = Localized(zh: "对象", en: "Subject")
    static let grade = Localized(zh: "等级", en: "Grade")
    static let score = Localized(zh: "分值", en: "Score")
    static let raisedAt = Localized(zh: "预警时间", en: "Raised")
    static let state = Localized(zh: "状态", en: "Status")
    static let open = Localized(zh: "处置中", en: "Open")
    static let closed = Localized(zh: "已关闭", en: "Closed")
    static let theCase = Localized(zh: "关联案件", en: "Case")
    static let fired = Localized(zh: "触发的预警指标", en: "Indicators that fired")
    static let indicator = Localized(zh: "指标", en: "Indicator")
    static let points = Localized(zh: "分值", en: "Points")
    static let evidence = Localized(zh: "依据", en: "Evidence")
    static let explanation = Localized(zh: "说明", en: "Why it matters")
    static let visits = Localized(zh: "走访安排", en: "Visits")
    static let visitor = Localized(zh: "走访单位", en: "Visitor")
    static let due = Localized(zh: "走访期限", en: "Due")
    static let done = Localized(zh: "走访结果", en: "Outcome")
    static let history = Localized(zh: "预警经过", en: "History")
    static let overdue = Localized(zh: "已超期", en: "Overdue")
    static let pending = Localized(zh: "待走访", en: "Due")
    static let record = Localized(zh: "记录走访", en: "Record")
    static let view = Localized(zh: "查看", en: "Open")
    static let outcome = Localized(zh: "走访结果", en: "Outcome")
    static let note = Localized(zh: "走访情况", en: "What was done")
    static let recordedIndicators = Localized(
        zh: "走访中发现的情况（勾选后将重新评分）", en: "What the visit found (re-scores the warning)")
    static let submit = Localized(zh: "提交走访记录", en: "Save the visit")
    static let saved = Localized(zh: "走访记录已保存。", en: "The visit is saved.")
    static let alreadyDone = Localized(zh: "该走访已记录。", en: "This visit is recorded.")
    static let warningClosedNote = Localized(zh: "该预警已关闭，无需再走访。", en: "The warning is closed: no visit needed.")
    static let notYours = Localized(
        zh: "该走访由其他单位负责，您只能查看。", en: "Another organisation makes this visit: you may only read it.")
    static let followed = Localized(zh: "预警后又发生新案件或警情", en: "A new case or incident followed")
    static let visitedOnTime = Localized(zh: "按期走访", en: "Visited on time")
    static let yes = Localized(zh: "是", en: "Yes")
    static let no = Localized(zh: "否", en: "No")
    static let gridVisitsNote = Localized(
        zh: "风险预警派给您的走访任务，按期限排列，超期的标为红色。", en: "Visits the risk warnings sent you, soonest due first; overdue in red.")
    static let allWarnings = Localized(zh: "查看全部预警", en: "All warnings")
    static let allVisits = Localized(zh: "全部走访任务", en: "All visits")
    static let parties = Localized(zh: "当事人", en: "Parties")

    // The leader's panel.
    static let panelTitle = Localized(zh: "风险预警", en: "Risk warnings")
    static let panelOpen = Localized(zh: "处置中的预警", en: "Open warnings")
    static let panelByRegion = Localized(zh: "按区域", en: "By region")
    static let panelOverdue = Localized(zh: "超期未走访", en: "Overdue visits")
    static let panelPrecision = Localized(zh: "预警准确率（近一年）", en: "Precision (past year)")
    static let panelPrecisionNote = Localized(
        zh: "预警后又发生新案件或警情的预警所占比例。", en: "The share of warnings that a new case or incident followed.")
    static let panelNoData = Localized(zh: "暂无数据", en: "No data yet")

    // A case page.
    static let earlierTitle = Localized(zh: "此前涉及同一当事人的纠纷", en: "Earlier disputes between the same people")
    static let earlierNone = Localized(zh: "未发现此前涉及同一当事人或同一家庭的纠纷。", en: "No earlier disputes found.")

    static func subject(_ kind: RiskSubjectKind) -> Localized {
        switch kind {
        case .dispute: Localized(zh: "纠纷", en: "Dispute")
        case .person: Localized(zh: "人员", en: "Person")
        case .household: Localized(zh: "家庭", en: "Household")
        }
    }

    static func grade(_ grade: RiskGrade) -> Localized {
        switch grade {
        case .blue: Localized(zh: "蓝", en: "Blue")
        case .yellow: Localized(zh: "黄", en: "Yellow")
        case .orange: Localized(zh: "橙", en: "Orange")
        case .red: Localized(zh: "红", en: "Red")
        }
    }

    static func event(_ kind: String) -> Localized {
        switch kind {
        case "raised": Localized(zh: "发出预警", en: "Raised")
        case "regraded": Localized(zh: "预警升级", en: "Raised to a higher grade")
        case "lowered": Localized(zh: "预警降级", en: "Lowered")
        case "closed": Localized(zh: "预警关闭", en: "Closed")
        case "visited": Localized(zh: "完成走访", en: "Visited")
        case "visitOverdue": Localized(zh: "走访超期提醒", en: "Visit overdue")
        default: Localized(zh: "其他", en: "Other")
        }
    }
}
