import FengqiaoCore

/// The localisation table: every piece of text the pages show, in zh-Hans and English.
enum Strings {
    static let appName = Localized(zh: "枫桥", en: "Fengqiao")
    static let appTagline = Localized(zh: "基层社会治理一站式平台", en: "One-stop grassroots governance")
    static let switchToOther = Localized(zh: "English", en: "中文")
    static let homeLead = Localized(
        zh: "群众的每一件诉求、每一起矛盾纠纷，无论从哪个渠道来，都只登记一次，交给最基层、最合适的单位办理，"
            + "按时限跟踪到群众确认解决，再变成帮助领导预防下一起的数据。",
        en: "Every citizen request or dispute, whichever way it arrives, is registered once, routed to whoever can "
            + "solve it at the lowest competent level, tracked against time limits until the citizen confirms it is "
            + "solved, and turned into data that helps leaders prevent the next one.")
    static let homeMotto = Localized(
        zh: "只进一扇门，最多跑一地；小事不出村、大事不出镇、矛盾不上交。",
        en: "One door, at most one trip; small matters stay in the village, big ones in the township.")
    static let signInLink = Localized(zh: "工作人员登录", en: "Staff sign-in")
    static let reportLink = Localized(zh: "群众反映问题", en: "Report a problem")
    static let coverageHeading = Localized(zh: "本平台当前覆盖", en: "Currently covered")
    static let regionsLabel = Localized(zh: "个区域", en: "regions")
    static let gridsLabel = Localized(zh: "个网格", en: "grids")
    static let organisationsLabel = Localized(zh: "个单位", en: "organisations")
    static let mediatorsLabel = Localized(zh: "名调解员", en: "mediators")
    static let emptyDatabase = Localized(
        zh: "数据库中还没有区域。管理员可运行 fengqiao seed-demo 载入演示数据。",
        en: "No regions yet. An administrator can run fengqiao seed-demo to load the demo county.")

    static let signInTitle = Localized(zh: "工作人员登录", en: "Staff sign-in")
    static let username = Localized(zh: "用户名", en: "Username")
    static let password = Localized(zh: "密码", en: "Password")
    static let signInButton = Localized(zh: "登录", en: "Sign in")
    static let signInFailed = Localized(
        zh: "用户名或密码不正确，或账号已停用。", en: "Wrong username or password, or the account is disabled.")
    static let signInWorkspacesPending = Localized(
        zh: "各角色的工作台（待办、案件、统计）正在建设中。", en: "The role workspaces (queues, cases, dashboards) are being built.")
    static let workspaceTitle = Localized(zh: "工作台", en: "Workspace")
    static let workspaceGreeting = Localized(zh: "您好", en: "Hello")
    static let jurisdictionLabel = Localized(zh: "辖区", en: "jurisdiction")
    static let signOutButton = Localized(zh: "退出登录", en: "Sign out")
    static let rolesHeading = Localized(zh: "角色", en: "Roles")

    static let reportTitle = Localized(zh: "群众反映问题", en: "Report a problem")
    static let reportNotYet = Localized(
        zh: "网上反映（扫码、随手拍）即将开放。现在您可以拨打 12345 热线，或到所在村（社区）综治工作站、"
            + "乡镇（街道）综治中心窗口反映，工作人员会当场登记。",
        en: "Online reporting (QR code, photo) opens soon. For now, call the 12345 hotline or visit the governance "
            + "window of your village, community, township or street, where staff register it on the spot.")
    static let backHome = Localized(zh: "返回首页", en: "Back to the home page")

    static let citizen = Localized(zh: "群众", en: "Citizen")
    static let trackTitle = Localized(zh: "查询办理进度", en: "Track your request")
    static let trackLink = Localized(zh: "查询办理进度", en: "Track a request")
    static let trackCode = Localized(zh: "查询码（受理时告知您的10位码）", en: "Tracking code (the 10 characters you were given)")
    static let trackPhone = Localized(zh: "登记手机号后4位", en: "Last 4 digits of your phone")
    static let trackButton = Localized(zh: "查询", en: "Look up")
    static let trackNotFound = Localized(
        zh: "没有找到：请核对查询码和手机号后4位。", en: "Nothing found: check the tracking code and the phone digits.")
    static let caseNumber = Localized(zh: "编号", en: "Number")
    static let trackNext = Localized(zh: "下一步", en: "Next")
    static let trackTimeline = Localized(zh: "办理经过", en: "What has happened")
    static let trackRate = Localized(zh: "评价办理结果", en: "Rate the result")
    static let trackComment = Localized(zh: "意见（可不填）", en: "Comment (optional)")
    static let trackRateButton = Localized(zh: "提交评价", en: "Submit rating")
    static let trackWithdraw = Localized(zh: "撤回诉求", en: "Withdraw the request")
    static let trackWithdrawReason = Localized(zh: "撤回原因", en: "Why you withdraw it")
    static let trackWithdrawButton = Localized(zh: "撤回", en: "Withdraw")
    static let trackSupply = Localized(zh: "补充材料", en: "Add the information asked for")
    static let trackSupplyField = Localized(zh: "补充内容", en: "Your information")
    static let trackSupplyButton = Localized(zh: "提交补充材料", en: "Send the information")
    static let metricsTitle = Localized(zh: "核心指标定义", en: "How the core rates are defined")
    static let metricsName = Localized(zh: "指标", en: "Rate")
    static let metricsNumerator = Localized(zh: "分子", en: "Numerator")
    static let metricsDenominator = Localized(zh: "分母", en: "Denominator")
    static let metricsCountOnly = Localized(zh: "（计数，无分母）", en: "(a count, no denominator)")
    static let metricsLink = Localized(zh: "指标定义", en: "Rate definitions")
    static let notFound = Localized(zh: "页面不存在", en: "Page not found")
    static let serverError = Localized(zh: "系统出错了", en: "Something went wrong")
    static let requestFailed = Localized(zh: "请求未能完成", en: "The request could not be completed")
    static let requestIDLabel = Localized(zh: "请求编号", en: "Request id")
    static let errorHelp = Localized(
        zh: "如需帮助，请把请求编号告诉系统管理员。", en: "If you need help, give the request id to your administrator.")

    // MARK: Mediator directory (点单式调解)

    static let mediatorsLink = Localized(zh: "找调解员（点单）", en: "Find a mediator")
    static let mediatorsTitle = Localized(zh: "调解员名录", en: "Mediator directory")
    static let mediatorsLead = Localized(
        zh: "按纠纷类型和所在乡镇（街道）查找调解员。已登记的纠纷，可以用查询码“点单”请TA调解，调解员接单后会与您联系。",
        en: "Find a mediator by kind of dispute and township. For a dispute already registered, ask for one with your "
            + "tracking code (点单); the mediator contacts you once they take it on.")
    static let mediatorsSpecialty = Localized(zh: "纠纷类型", en: "Kind of dispute")
    static let mediatorsRegion = Localized(zh: "乡镇（街道）", en: "Township or street")
    static let mediatorsAll = Localized(zh: "全部", en: "All")
    static let mediatorsFilter = Localized(zh: "筛选", en: "Filter")
    static let mediatorsNone = Localized(zh: "没有符合条件的调解员。", en: "No mediator matches.")
    static func mediatorsCount(_ count: Int) -> Localized {
        Localized(zh: "共 \(count) 名调解员", en: "\(count) mediator\(count == 1 ? "" : "s")")
    }
    static let mediatorOrganisation = Localized(zh: "所属组织", en: "Organisation")
    static let mediatorSpecialties = Localized(zh: "擅长", en: "Specialties")
    static let mediatorLevels = Localized(zh: "调解层级", en: "Levels served")
    static let mediatorLanguages = Localized(zh: "语言", en: "Languages")
    static let mediatorGold = Localized(zh: "金牌调解员", en: "Gold-medal mediator")
    static let mediatorAvailable = Localized(zh: "可接单", en: "Taking cases")
    static let mediatorUnavailable = Localized(zh: "暂不接单", en: "Not taking cases now")
    static let mediatorChoose = Localized(zh: "点单：请TA调解", en: "Ask this mediator to mediate")
    static let mediatorChooseHelp = Localized(
        zh: "填写受理时告知您的查询码和登记手机号后4位。", en: "Enter your tracking code and the last 4 digits of your phone.")
    static let mediatorChooseButton = Localized(zh: "确认点单", en: "Ask for this mediator")
    static let mediatorChooseFailed = Localized(zh: "未能点单", en: "The mediator could not be asked for")
    static let mediatorBack = Localized(zh: "返回调解员名录", en: "Back to the directory")
}
