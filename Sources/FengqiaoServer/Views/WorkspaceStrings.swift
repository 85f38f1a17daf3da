import FengqiaoCore

/// The role workspaces' text, zh-Hans and English (the rest of the localisation table is `Strings`).
enum WorkspaceStrings {
    static let forbidden = Localized(
        zh: "您的角色无权打开此页面", en: "This page is not for your role")
    static let navLabel = Localized(zh: "工作台导航", en: "Workspace navigation")
    static let navWorkspace = Localized(zh: "工作台", en: "Workspace")
    static let navGrid = Localized(zh: "网格", en: "My grid")
    static let navDesk = Localized(zh: "研判台", en: "Triage")
    static let navIntake = Localized(zh: "窗口登记", en: "Intake")
    static let navInbox = Localized(zh: "待办", en: "Inbox")
    static let navMediation = Localized(zh: "我的调解", en: "My mediations")
    static let navDashboard = Localized(zh: "一屏看全域", en: "Dashboard")
    static let navAdmin = Localized(zh: "系统管理", en: "Administration")
    static let yourWorkspaces = Localized(zh: "我的工作台", en: "Your workspaces")
    static let signOutShort = Localized(zh: "退出", en: "Sign out")

    // MARK: Case page
    static let caseDetails = Localized(zh: "案件信息", en: "Details")
    static let fieldDescription = Localized(zh: "问题描述", en: "Description")
    static let fieldTitle = Localized(zh: "标题", en: "Title")
    static let channel = Localized(zh: "来源渠道", en: "Channel")
    static let category = Localized(zh: "类别", en: "Category")
    static let place = Localized(zh: "地点", en: "Place")
    static let address = Localized(zh: "详细地址", en: "Address")
    static let urgency = Localized(zh: "紧急程度（五事五办）", en: "Urgency")
    static let difficulty = Localized(zh: "难易程度", en: "Difficulty")
    static let competentLevel = Localized(zh: "办理层级", en: "Competent level")
    static let holder = Localized(zh: "当前办理单位", en: "Held by")
    static let center = Localized(zh: "责任中心", en: "Responsible center")
    static let participants = Localized(zh: "承办单位", en: "Handling organisations")
    static let leadMark = Localized(zh: "（牵头）", en: " (lead)")
    static let acceptedMark = Localized(zh: "（已接单）", en: " (accepted)")
    static let outcome = Localized(zh: "办理结果", en: "Outcome")
    static let summary = Localized(zh: "办理情况说明", en: "Summary")
    static let satisfaction = Localized(zh: "满意度", en: "Satisfaction")
    static let created = Localized(zh: "受理时间", en: "Registered")
    static let attachments = Localized(zh: "附件", en: "Attachments")
    static let printAgreement = Localized(zh: "查看、打印调解协议书", en: "View and print the agreement")
    static let caseFile = Localized(zh: "一案一档（办理记录）", en: "Case file")
    static let clocks = Localized(zh: "办理时限", en: "Time limits")
    static let awaitingCitizen = Localized(zh: "等待群众补充材料（时限暂停）", en: "Waiting for the citizen (clocks paused)")
    static let parties = Localized(zh: "当事人", en: "Parties")
    static let maskedNote = Localized(
        zh: "个人信息已脱敏；您的角色无需查看完整信息。", en: "Personal data is masked: your role does not need it.")
    static let possibleDuplicates = Localized(
        zh: "可能重复的案件（近30天、同村社区）", en: "Possible duplicates (same village, last 30 days)")
    static let mergeInto = Localized(zh: "将本件并入此件…", en: "Merge this case into that one…")
    static let actionsHeading = Localized(zh: "可办理的操作", en: "What you can do")
    static let noActions = Localized(
        zh: "当前状态下，您没有可办理的操作。", en: "There is nothing for you to do on this case in its current state.")
    static let confirmHint = Localized(zh: "确认后提交。", en: "Submit to confirm.")
    static let keepAsIs = Localized(zh: "（保持不变）", en: "(keep as it is)")
    static let choose = Localized(zh: "请选择", en: "Choose")
    static let none = Localized(zh: "无", en: "None")
    static let yes = Localized(zh: "是", en: "Yes")
    static let no = Localized(zh: "否", en: "No")

    static let fieldAnswer = Localized(zh: "答复内容", en: "Answer")
    static let fieldLead = Localized(zh: "牵头单位", en: "Lead organisation")
    static let fieldAssisting = Localized(zh: "协办单位（可多选）", en: "Assisting organisations (several allowed)")
    static let fieldWhistle = Localized(zh: "吹哨报到", en: "Whistle (joint summons)")
    static let fieldReason = Localized(zh: "原因", en: "Reason")
    static let fieldNote = Localized(zh: "说明", en: "Note")
    static let fieldNoteOptional = Localized(zh: "说明（可不填）", en: "Note (optional)")
    static let fieldWorkingDays = Localized(zh: "延长工作日数", en: "Working days more")
    static let fieldApproved = Localized(zh: "是否批准", en: "Approve")
    static let fieldDeadline = Localized(zh: "督办期限", en: "Deadline")
    static let fieldMaster = Localized(zh: "主案件编号（本件将并入该件）", en: "Master case number (this case merges into it)")
    static let fieldResult = Localized(zh: "调解结果", en: "Result")
    static let fieldHeldAt = Localized(
        zh: "调解时间（可不填，默认为现在；也可输入“2026年12月1日 14:30”）",
        en: "Held at (optional, now by default; \"2026-12-01 14:30\" also works)")
    static let fieldPlace = Localized(zh: "调解地点", en: "Place")
    static let fieldMode = Localized(zh: "调解方式", en: "Mode")
    static let fieldMediator = Localized(zh: "调解员", en: "Mediator")
    static let fieldParty = Localized(zh: "当事人姓名", en: "Party")
    static let fieldPartyOptional = Localized(zh: "评价人（可不填）", en: "Rated by (optional)")
    static let fieldConsents = Localized(zh: "是否同意调解", en: "Agrees to mediate")
    static let fieldNextStep = Localized(zh: "不同意时的下一步", en: "Next step on refusal")
    static let fieldSignedAt = Localized(zh: "签订日期（可不填，默认今天）", en: "Signed on (optional: today)")
    static let fieldCourt = Localized(zh: "法院（法庭）", en: "Court")
    static let fieldConfirmed = Localized(zh: "是否确认", en: "Confirmed")
    static let fieldTerm = Localized(zh: "协议条款", en: "Term")
    static let fieldTermText = Localized(zh: "条款内容", en: "What is agreed")
    static let fieldTermMethod = Localized(zh: "履行方式", en: "How")
    static let fieldTermDue = Localized(zh: "履行期限", en: "By when")
    static let fieldFulfilled = Localized(zh: "是否已履行", en: "Fulfilled")
    static let fieldScore = Localized(zh: "评分（1–5）", en: "Score (1–5)")
    static let fieldFacts = Localized(zh: "纠纷事实及争议事项", en: "Facts and matters in dispute")

    // MARK: Queues and the desk
    static let columnCase = Localized(zh: "案件", en: "Case")
    static let columnState = Localized(zh: "状态", en: "State")
    static let queueEmpty = Localized(zh: "暂无。", en: "None.")
    static let triageTitle = Localized(zh: "研判台：待研判、待派单", en: "Triage: to assess and dispatch")
    static let triageWaiting = Localized(zh: "待研判、待派单（含退单）", en: "To assess or dispatch (returns included)")
    static let overdueHeading = Localized(zh: "已超期", en: "Overdue")
    static let triageToClose = Localized(zh: "待回访验单、销号", en: "To verify and close")
    static let intakeTitle = Localized(zh: "窗口登记（来访、来电）", en: "Register a walk-in or a call")
    static let notYet = Localized(zh: "（暂不分类，研判时再定）", en: "(decide at triage)")
    static let kind = Localized(zh: "类型", en: "Kind")
    static let reporter = Localized(zh: "反映人", en: "Reporter")
    static let otherParty = Localized(zh: "对方当事人（纠纷时填写）", en: "Other party (for disputes)")
    static let personName = Localized(zh: "姓名", en: "Name")
    static let phone = Localized(zh: "手机号", en: "Phone")
    static let idNumber = Localized(zh: "身份证号", en: "ID number")
    static let anonymous = Localized(zh: "匿名反映（不公开反映人）", en: "Anonymous (the reporter is not disclosed)")
    static let registerButton = Localized(zh: "登记受理", en: "Register")

    // MARK: Inbox, grid, mediation
    static let inboxTitle = Localized(zh: "部门待办", en: "Department inbox")
    static let inboxWaiting = Localized(zh: "待接单（接单或退单）", en: "To accept or return")
    static let inboxMine = Localized(zh: "我单位在办", en: "Our cases in hand")
    static let gridTitle = Localized(zh: "我的网格", en: "My grid")
    static let gridReportButton = Localized(zh: "随手拍上报", en: "Report what you found")
    static let gridFollowUps = Localized(zh: "待回访", en: "Follow-up visits due")
    static let gridFollowUpsNote = Localized(
        zh: "已办结的案件，请上门或电话回访，在案件页记录群众评价。",
        en: "Resolved cases: visit or call, and record the citizen's verdict on the case page.")
    static let gridOpen = Localized(zh: "本网格在办案件", en: "Open cases in the grid")
    static let mediationTitle = Localized(zh: "我的调解", en: "My mediations")
    static let mediationRequested = Localized(zh: "群众点单，等我接单", en: "Citizens asked for me")
    static let mediationHeld = Localized(zh: "本组织调解中的案件", en: "Mediations our organisation holds")
    static let mediationHeldNote = Localized(
        zh: "在案件页记录调解会议、当事人意愿，起草和签订调解协议书，并打印协议书。",
        en: "On the case page: record sessions and consent, draft and sign the agreement, and print it.")

    // MARK: Dashboard
    static let dashboardTitle = Localized(zh: "一屏看全域", en: "The whole jurisdiction")
    static let countToday = Localized(zh: "今日受理", en: "Registered today")
    static let countMonth = Localized(zh: "本月受理", en: "This month")
    static let countOpen = Localized(zh: "在办", en: "Open")
    static let ratesHeading = Localized(zh: "核心指标（本月与上月）", en: "Core rates: this month and last")
    static let rateColumn = Localized(zh: "指标", en: "Rate")
    static let thisMonth = Localized(zh: "本月", en: "This month")
    static let lastMonth = Localized(zh: "上月", en: "Last month")
    static let trendHeading = Localized(zh: "近30天趋势", en: "Last 30 days")
    static let trendTable = Localized(zh: "趋势数据表", en: "Trend as a table")
    static let day = Localized(zh: "日期", en: "Day")
    static let registered = Localized(zh: "受理", en: "Registered")
    static let resolvedCount = Localized(zh: "办结", en: "Resolved")
    static let byCategoryHeading = Localized(zh: "本月案件类别", en: "This month by category")
    static let count = Localized(zh: "件数", en: "Cases")
    static let unclassified = Localized(zh: "未分类", en: "Not yet classified")
    static let unit = Localized(zh: "单位", en: "Unit")
    static let rankingRegions = Localized(zh: "红黑榜：下辖区域", en: "Red and black list: subordinate regions")
    static let rankingOrganisations = Localized(zh: "红黑榜：承办单位", en: "Red and black list: organisations")
    static let rankingNote = Localized(
        zh: "按上月以来受理案件的按期办结率、办结率排序；前三名为红榜，后三名为黑榜。",
        en:
            "Cases registered since the start of last month, by on-time closing, then closing; top three red, bottom three black."
    )
    static let redList = Localized(zh: "红榜 ", en: "Red ")
    static let blackList = Localized(zh: "黑榜 ", en: "Black ")
    static let mapHeading = Localized(zh: "网格在办案件分布", en: "Open cases by grid")
    static let mapEmpty = Localized(zh: "辖区内的网格没有边界数据。", en: "The grids here have no boundaries.")

    /// Form field names as users read them, for errors about a field.
    static let fieldNames: [String: Localized] = [
        "expectedVersion": Localized(zh: "版本", en: "version"), "lead": fieldLead, "master": fieldMaster,
        "mediator": fieldMediator, "court": fieldCourt, "term": fieldTerm, "score": fieldScore,
        "workingDays": fieldWorkingDays, "deadline": fieldDeadline, "heldAt": fieldHeldAt, "signedAt": fieldSignedAt,
        "urgency": urgency, "difficulty": difficulty, "competentLevel": competentLevel, "outcome": outcome,
        "satisfaction": satisfaction, "result": fieldResult, "mode": fieldMode, "nextStep": fieldNextStep,
        "whistle": fieldWhistle, "assisting": fieldAssisting,
    ]
}
