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
    static let workspaceTitle = Localized(zh: "工作台", en: "Workspace")
    static let workspaceGreeting = Localized(zh: "您好", en: "Hello")
    static let jurisdictionLabel = Localized(zh: "辖区", en: "jurisdiction")
    static let signOutButton = Localized(zh: "退出登录", en: "Sign out")
    static let rolesHeading = Localized(zh: "角色", en: "Roles")

    static let reportTitle = Localized(zh: "群众反映问题", en: "Report a problem")
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

    // MARK: Mediation agreement (调解协议书): the document prints in Chinese; the English is an on-screen gloss.

    static let agreementTitle = Localized(zh: "人民调解协议书", en: "People's mediation agreement")
    static let agreementNumber = Localized(zh: "编号", en: "Number")
    static func agreementVersion(_ version: Int) -> Localized {
        Localized(zh: "协议第\(version)版", en: "agreement version \(version)")
    }
    static let agreementParties = Localized(zh: "当事人", en: "Parties")
    static let agreementPartyRole = Localized(zh: "身份", en: "Role")
    static let agreementName = Localized(zh: "姓名", en: "Name")
    static let agreementIDNumber = Localized(zh: "身份证号码", en: "ID number")
    static let agreementAddress = Localized(zh: "住址", en: "Address")
    static let agreementPhone = Localized(zh: "联系电话", en: "Phone")
    static let agreementFacts = Localized(zh: "纠纷事实及争议事项", en: "Facts and matters in dispute")
    static let agreementTerms = Localized(zh: "经调解，自愿达成如下协议", en: "Terms agreed voluntarily through mediation")
    static let agreementFulfilment = Localized(zh: "履行方式、时限", en: "How and by when the terms are fulfilled")
    static let agreementMethod = Localized(zh: "履行方式", en: "How")
    static let agreementDue = Localized(zh: "履行期限", en: "By when")
    static let agreementNotAgreed = Localized(zh: "未约定", en: "not agreed")
    static let agreementSignatures = Localized(zh: "签名", en: "Signatures")
    static let agreementPartySignature = Localized(zh: "（签名或按指印）", en: "(signature or fingerprint)")
    static let agreementMediator = Localized(zh: "人民调解员", en: "Mediator")
    static let agreementMediatorSignature = Localized(zh: "（签名）", en: "(signature)")
    static let agreementSeal = Localized(zh: "（盖章）", en: "(seal)")
    static let agreementCommittee = Localized(zh: "人民调解委员会", en: "People's mediation committee")
    static let agreementDate = Localized(zh: "签订日期", en: "Signed on")
    static func agreementCopies(_ copies: Int) -> Localized {
        Localized(
            zh: "本协议一式\(chineseNumber(copies))份，当事人各执一份，人民调解委员会留存一份。",
            en: "This agreement is made in \(copies) copies: one for each party and one for the committee.")
    }
    static let agreementEffect = Localized(
        zh: "本协议自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。",
        en: "It takes effect when every party has signed, the mediator has signed and the committee has sealed it.")
    static let agreementBinding = Localized(
        zh: "经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。",
        en: "An agreement reached through a people's mediation committee is legally binding; the parties shall "
            + "fulfil it as agreed.")
    static let agreementPrintHint = Localized(
        zh: "用浏览器的“打印”功能（Ctrl+P）打印，纸张选A4；本栏不会打印。",
        en: "Print with the browser's Print command (Ctrl+P) on A4 paper; this bar is not printed.")
    static let agreementChineseOnly = Localized(
        zh: "", en: "The agreement prints in Chinese, as it is signed; the grey English lines are a reading aid.")
    static let agreementPDF = Localized(zh: "下载PDF", en: "Download PDF")
    static let agreementVersions = Localized(zh: "版本", en: "Versions")
    static let agreementSigned = Localized(zh: "已签字", en: "signed")
    static let agreementUnsigned = Localized(zh: "未签字", en: "not signed")
    static let agreementMasked = Localized(
        zh: "按您的权限，当事人个人信息已遮蔽。", en: "The parties' personal data is masked for your role.")
    static let agreementPDFUnavailable = Localized(
        zh: "本服务器未安装 Chromium，无法生成PDF。请打开协议书网页，用浏览器的“打印”功能打印或另存为PDF。",
        en: "Chromium is not installed on this server, so no PDF can be made. Open the agreement page and print it, "
            + "or save it as PDF, from the browser.")
    static let agreementPDFFailed = Localized(
        zh: "PDF暂时无法生成。请打开协议书网页，用浏览器的“打印”功能打印或另存为PDF。",
        en: "The PDF could not be made just now. Open the agreement page and print it, or save it as PDF, from the "
            + "browser.")
    static let agreementOpenPage = Localized(zh: "打开协议书网页", en: "Open the agreement page")
    static let backToWorkspace = Localized(zh: "返回工作台", en: "Back to the workspace")

    /// 1…99 in Chinese numerals, as documents write counts ("一式三份"); larger numbers stay in digits.
    static func chineseNumber(_ value: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        switch value {
        case 0...9: return digits[value]
        case 10...19: return "十" + (value == 10 ? "" : digits[value - 10])
        case 20...99: return digits[value / 10] + "十" + (value % 10 == 0 ? "" : digits[value % 10])
        default: return String(value)
        }
    }
}
