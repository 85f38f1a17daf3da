import FengqiaoCore

/// The administrator pages' text, zh-Hans first, English second.
enum AdminStrings {
    // MARK: Index

    static let indexTitle = Localized(zh: "系统管理", en: "Administration")
    static let indexLead = Localized(
        zh: "管理本辖区的区域与网格、单位、用户和分类，查看时限规则、工作日历和个人信息访问记录。",
        en: "Manage the regions and grids, organisations, users and categories of your jurisdiction; "
            + "read the time limits, the working calendar and the personal-data access log.")
    static let yourJurisdiction = Localized(zh: "管辖范围", en: "Your jurisdiction")

    static let regionsTitle = Localized(zh: "区域与网格", en: "Regions and grids")
    static let regionsBlurb = Localized(
        zh: "乡镇（街道）、村（社区）和网格的层级、户数与边界；新增区域。",
        en: "Townships, villages and grids with their households and boundaries; add a region.")
    static let organisationsTitle = Localized(zh: "单位", en: "Organisations")
    static let organisationsBlurb = Localized(
        zh: "综治中心、职能部门、派出所、法庭和调解组织；新增单位。",
        en: "Centers, departments, police stations, courts and mediation bodies; add one.")
    static let usersTitle = Localized(zh: "用户", en: "Users")
    static let usersBlurb = Localized(
        zh: "工作人员账号及其角色；新增用户、停用或启用账号。",
        en: "Staff accounts and their roles; add a user, disable or enable an account.")
    static let categoriesTitle = Localized(zh: "事项分类", en: "Categories")
    static let categoriesBlurb = Localized(
        zh: "五事分类目录（全县统一）；新增、停用或恢复分类。",
        en: "The county's category catalogue (five domains); add, retire or reactivate entries.")
    static let timeLimitsTitle = Localized(zh: "时限规则", en: "Time limits")
    static let timeLimitsBlurb = Localized(
        zh: "各类事项的办理时限和调解层级，按生效日期保存新版本。",
        en: "Time-limit policies and escalation ladders, changed by versions with the date they take effect.")
    static let calendarTitle = Localized(zh: "工作日历", en: "Working calendar")
    static let calendarBlurb = Localized(
        zh: "法定节假日和调休上班日的年历；上传次年日历（CSV 或 iCalendar）。",
        en: "The year view of public holidays and make-up working days; upload next year's calendar (CSV or iCalendar)."
    )
    static let accessLogTitle = Localized(zh: "访问记录", en: "Access log")
    static let accessLogBlurb = Localized(
        zh: "谁在何时查看了群众的个人信息。", en: "Who saw citizens' personal data, and when.")
    static let qrCodesTitle = Localized(zh: "网格二维码", en: "Grid QR codes")
    static let qrCodesBlurb = Localized(
        zh: "打印张贴在网格内的“扫码反映”二维码。", en: "Print the report QR codes posted in each grid.")
    static let backToAdmin = Localized(zh: "返回系统管理", en: "Back to administration")

    // MARK: Common

    static let choose = Localized(zh: "请选择", en: "Choose")
    static let optional = Localized(zh: "（选填）", en: " (optional)")
    static let yes = Localized(zh: "有", en: "Yes")
    static let no = Localized(zh: "无", en: "No")
    static let none = Localized(zh: "无", en: "None")
    static let any = Localized(zh: "不限", en: "Any")
    static let readOnly = Localized(zh: "只读", en: "Read-only")
    static let code = Localized(zh: "代码", en: "Code")
    static let name = Localized(zh: "名称", en: "Name")
    static let level = Localized(zh: "层级", en: "Level")
    static let region = Localized(zh: "所属区域", en: "Region")
    static let phone = Localized(zh: "联系电话", en: "Phone")
    static let state = Localized(zh: "状态", en: "State")
    static let actions = Localized(zh: "操作", en: "Actions")
    static let emptyList = Localized(zh: "暂无记录。", en: "Nothing here yet.")

    // MARK: Regions

    static let regionTree = Localized(zh: "区域树", en: "Region tree")
    static let households = Localized(zh: "户数", en: "Households")
    static let boundary = Localized(zh: "边界", en: "Boundary")
    static let parentRegion = Localized(zh: "上级区域", en: "Parent region")
    static let regionCode = Localized(zh: "区划代码或网格编码", en: "Division or grid code")
    static let regionName = Localized(zh: "区域名称", en: "Region name")
    static let addRegion = Localized(zh: "新增区域", en: "Add a region")
    static let addRegionButton = Localized(zh: "添加区域", en: "Add region")
    static let regionNote = Localized(
        zh: "村（社区）隶属乡镇（街道），网格隶属村（社区）或上一级网格。边界（GeoJSON）目前通过数据导入维护。",
        en: "Villages sit under townships, grids under villages or under a higher grid. Boundaries (GeoJSON) are "
            + "loaded by import for now.")

    // MARK: Organisations

    static let kind = Localized(zh: "类型", en: "Kind")
    static let specialties = Localized(zh: "擅长纠纷类型（调解组织）", en: "Dispute types taken (mediation bodies)")
    static let organisationName = Localized(zh: "单位名称", en: "Organisation name")
    static let addOrganisation = Localized(zh: "新增单位", en: "Add an organisation")
    static let addOrganisationButton = Localized(zh: "添加单位", en: "Add organisation")

    // MARK: Users

    static let username = Localized(zh: "用户名", en: "Username")
    static let displayName = Localized(zh: "姓名", en: "Name")
    static let roles = Localized(zh: "角色（角色 · 单位 · 管辖范围）", en: "Roles (role · organisation · jurisdiction)")
    static let role = Localized(zh: "角色", en: "Role")
    static let organisation = Localized(zh: "所属单位", en: "Organisation")
    static let jurisdiction = Localized(zh: "管辖范围", en: "Jurisdiction")
    static let initialPassword = Localized(zh: "初始密码", en: "Initial password")
    static let passwordHint = Localized(
        zh: "至少8位，须同时包含字母和数字或符号。",
        en: "At least 8 characters, with letters and digits or symbols.")
    static let addUser = Localized(zh: "新增用户", en: "Add a user")
    static let addUserButton = Localized(zh: "添加用户", en: "Add user")
    static let active = Localized(zh: "正常", en: "Active")
    static let disabled = Localized(zh: "已停用", en: "Disabled")
    static let disableButton = Localized(zh: "停用", en: "Disable")
    static let enableButton = Localized(zh: "启用", en: "Enable")
    static let usersNote = Localized(
        zh: "这里列出角色全部在您管辖范围内的用户。",
        en: "Listed are the users whose every role lies within your jurisdiction.")

    // MARK: Categories

    static let domain = Localized(zh: "领域（五事）", en: "Domain")
    static let nameZh = Localized(zh: "中文名称", en: "Chinese name")
    static let nameEn = Localized(zh: "英文名称", en: "English name")
    static let disputeType = Localized(zh: "纠纷类型", en: "Dispute type")
    static let inUse = Localized(zh: "启用", en: "Active")
    static let retired = Localized(zh: "已停用", en: "Retired")
    static let retireButton = Localized(zh: "停用", en: "Retire")
    static let reactivateButton = Localized(zh: "恢复", en: "Reactivate")
    static let addCategory = Localized(zh: "新增分类", en: "Add a category")
    static let addCategoryButton = Localized(zh: "添加分类", en: "Add category")
    static let categoryCodeHint = Localized(
        zh: "分类代码（领域.主题，如 livelihood.neighbour）", en: "Category code (domain.topic, e.g. livelihood.neighbour)")
    static let categoriesReadOnly = Localized(
        zh: "分类目录由县级统一维护：只有管辖范围为县（区）或以上的管理员可以修改，您可以查看。",
        en: "The catalogue is kept by the county: only administrators whose jurisdiction is the county or above may "
            + "change it; you may read it.")
    static let categoriesNote = Localized(
        zh: "停用的分类仍保留在已使用它的案件上，但登记新案件时不再提供。",
        en: "A retired category stays on the cases that used it but is no longer offered for new cases.")

    // MARK: Time limits

    static let categoryPrefix = Localized(zh: "适用分类", en: "Categories")
    static let urgency = Localized(zh: "紧急程度", en: "Urgency")
    static let channel = Localized(zh: "来源渠道", en: "Channel")
    static let warningAt = Localized(zh: "黄色预警", en: "Yellow at")
    static let automatic = Localized(zh: "升级方式", en: "Moves up")
    static let automaticYes = Localized(zh: "自动升级", en: "By itself")
    static let automaticNo = Localized(zh: "中心一键移交", en: "By the center (one button)")
    static let steps = Localized(zh: "各级", en: "Steps")

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    /// "最多3次，7天内" / "at most 3 sessions, within 7 days".
    static func step(_ step: EscalationLadder.Step) -> Localized {
        var zh: [String] = []
        var en: [String] = []
        if let n = step.minSessions {
            zh.append("至少\(n)次")
            en.append("at least \(n) sessions")
        }
        if let n = step.maxSessions {
            zh.append("最多\(n)次")
            en.append("at most \(n) sessions")
        }
        if let within = step.within {
            zh.append("\(within.name.zh)内")
            en.append("within \(within.name.en)")
        }
        if zh.isEmpty {
            zh.append("裁决")
            en.append("decides")
        }
        return Localized(
            zh: "\(step.level.name.zh)：" + zh.joined(separator: "，"),
            en: "\(step.level.name.en): " + en.joined(separator: ", "))
    }

    // MARK: Calendar

    static let date = Localized(zh: "日期", en: "Date")
    static let weekday = Localized(zh: "星期", en: "Weekday")
    static let dayKind = Localized(zh: "安排", en: "Arrangement")
    static let occasion = Localized(zh: "节日", en: "Occasion")
    static let weekdays: [Localized] = [
        Localized(zh: "周一", en: "Mon"), Localized(zh: "周二", en: "Tue"), Localized(zh: "周三", en: "Wed"),
        Localized(zh: "周四", en: "Thu"), Localized(zh: "周五", en: "Fri"), Localized(zh: "周六", en: "Sat"),
        Localized(zh: "周日", en: "Sun"),
    ]

    // MARK: Access log

    static let time = Localized(zh: "时间", en: "Time")
    static let user = Localized(zh: "用户", en: "User")
    static let action = Localized(zh: "操作", en: "Action")
    static let caseColumn = Localized(zh: "案件", en: "Case")
    static let detail = Localized(zh: "说明", en: "Detail")
    static let requestID = Localized(zh: "请求编号", en: "Request id")
    static let accessLogNote = Localized(
        zh: "您管辖范围内的记录（查看人或案件在辖区内），最新的在前。也可通过接口 `/api/v1/access-log` 读取。",
        en: "The entries in your jurisdiction (the reader or the case is in it), newest first. "
            + "The API has them too: `/api/v1/access-log`.")

    // MARK: Notes after a change (POST-redirect-GET)

    enum Note: String, CaseIterable {
        case regionAdded = "region-added"
        case organisationAdded = "organisation-added"
        case userAdded = "user-added"
        case userDisabled = "user-disabled"
        case userEnabled = "user-enabled"
        case categoryAdded = "category-added"
        case categoryRetired = "category-retired"
        case categoryReactivated = "category-reactivated"

        var text: Localized {
            switch self {
            case .regionAdded: Localized(zh: "已添加区域。", en: "Region added.")
            case .organisationAdded: Localized(zh: "已添加单位。", en: "Organisation added.")
            case .userAdded:
                Localized(zh: "已添加用户，可用初始密码登录。", en: "User added: they can sign in with the initial password.")
            case .userDisabled: Localized(zh: "已停用该账号。", en: "Account disabled.")
            case .userEnabled: Localized(zh: "已启用该账号。", en: "Account enabled.")
            case .categoryAdded: Localized(zh: "已添加分类。", en: "Category added.")
            case .categoryRetired: Localized(zh: "已停用该分类。", en: "Category retired.")
            case .categoryReactivated: Localized(zh: "已恢复该分类。", en: "Category reactivated.")
            }
        }
    }

    // MARK: Refusals

    static let outsideJurisdiction = Localized(
        zh: "所选区域不在您的管辖范围内。", en: "The region chosen is outside your jurisdiction.")
    static let organisationOutside = Localized(
        zh: "所选单位不在您的管辖范围内。", en: "The organisation chosen is outside your jurisdiction.")
    static let userOutside = Localized(
        zh: "该用户不在您的管辖范围内。", en: "This user is outside your jurisdiction.")
    static let notYourself = Localized(
        zh: "不能停用自己的账号。", en: "You cannot disable your own account.")
    static let categoryExists = Localized(
        zh: "该分类代码已存在：如需恢复已停用的分类，请使用列表中的“恢复”按钮。",
        en: "This category code exists already: to bring back a retired one, use its Reactivate button.")
    static let categoryNotFound = Localized(zh: "找不到该分类。", en: "No such category.")
    static let categoryCountyOnly = Localized(
        zh: "分类目录只能由县级或以上管理员修改。", en: "Only county-level administrators or above may change the catalogue.")
    static func mustBeNumber(_ field: Localized) -> Localized {
        Localized(zh: "“\(field.zh)”须为不小于0的整数。", en: "\"\(field.en)\" must be a whole number, 0 or more.")
    }
    static func missing(_ field: Localized) -> Localized {
        Localized(zh: "请填写“\(field.zh)”。", en: "Please fill in \"\(field.en)\".")
    }
}
