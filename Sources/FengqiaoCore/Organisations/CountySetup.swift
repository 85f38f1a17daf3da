/// 首次设置: what a new county gives once, on an empty database, to start: the county itself (its 行政区划代码 and
/// name), its governance center, and the first administrator. Everything else (townships, villages, grids, the
/// other organisations, users and mediators) the administrator then adds on the admin pages or imports from a
/// spreadsheet. The web form (`/setup`) and `fengqiao setup` both go through this one set of rules.
public struct CountySetup: Sendable, Equatable {
    /// The county's 6-digit 行政区划代码.
    public var countyCode: String
    public var countyName: String
    /// The county's governance center (综治中心 / 矛调中心).
    public var centerName: String
    public var adminUsername: String
    public var adminName: String
    public var adminPhone: String?

    /// The organisation key of the center inside the structure (`CountyStructure.OrganisationSpec.key`).
    public static let centerKey = "center"

    public init(
        countyCode: String, countyName: String, centerName: String, adminUsername: String, adminName: String,
        adminPhone: String? = nil
    ) {
        self.countyCode = countyCode.trimmingWhitespace
        self.countyName = countyName.trimmingWhitespace
        self.centerName = centerName.trimmingWhitespace
        self.adminUsername = adminUsername.trimmingWhitespace
        self.adminName = adminName.trimmingWhitespace
        self.adminPhone = adminPhone.map(\.trimmingWhitespace).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Every problem at once, each naming its field, in the order of the form.
    public func problems() -> [SetupProblem] {
        var found: [SetupProblem] = []
        if countyCode.count != 6 || !countyCode.allSatisfy({ $0.isASCII && $0.isNumber }) {
            found.append(.countyCode(countyCode))
        }
        if countyName.isEmpty || countyName.count > 100 { found.append(.countyName) }
        if centerName.isEmpty || centerName.count > 100 { found.append(.centerName) }
        do { try UserRules.validateUsername(adminUsername) } catch { found.append(.username(error)) }
        if adminName.isEmpty || adminName.count > 50 { found.append(.adminName) }
        if let adminPhone, !CaseRules.isPhoneNumber(adminPhone) { found.append(.phone(adminPhone)) }
        return found
    }

    /// The county as a structure: one region, one organisation, one user holding the administrator's and the
    /// center's roles for the whole county.
    public var structure: CountyStructure {
        CountyStructure(
            regions: [
                .init(
                    code: countyCode, name: countyName, level: .county, parentCode: nil, households: 0, boundary: nil)
            ],
            organisations: [
                .init(
                    key: Self.centerKey, name: centerName, kind: .center, regionCode: countyCode, specialties: [],
                    phone: nil)
            ],
            users: [
                .init(
                    username: adminUsername, displayName: adminName, phone: adminPhone,
                    grants: [.init(role: .admin, organisationKey: Self.centerKey, jurisdictionCode: countyCode)])
            ],
            mediators: [])
    }
}

/// One problem of a `CountySetup`, naming its field.
public enum SetupProblem: UserFacingError, Equatable {
    case countyCode(String)
    case countyName
    case centerName
    case username(UserError)
    case adminName
    case phone(String)
    case password(UserError)
    case passwordMismatch
    /// The database already has users: the county was set up.
    case alreadySetUp
    /// The setup code does not match the one the server printed.
    case wrongCode

    /// The form field the problem is about (nil: the whole form).
    public var field: String? {
        switch self {
        case .countyCode: "countyCode"
        case .countyName: "countyName"
        case .centerName: "centerName"
        case .username: "username"
        case .adminName: "displayName"
        case .phone: "phone"
        case .password, .passwordMismatch: "password"
        case .alreadySetUp: nil
        case .wrongCode: "setupCode"
        }
    }

    public var code: String {
        switch self {
        case .alreadySetUp: "setup.done_already"
        case .wrongCode: "setup.wrong_code"
        case .username(let error), .password(let error): error.code
        default: "request.invalid_field"
        }
    }

    public var message: Localized {
        switch self {
        case .countyCode(let code):
            Localized(
                zh: "县（市、区）行政区划代码“\(code)”无效：应为6位数字，例如 330122。",
                en: "County code \"\(code)\" is invalid: 6 digits, for example 330122.")
        case .countyName:
            Localized(zh: "请填写县（市、区）名称（不超过100个字）。", en: "Give the county's name (at most 100 characters).")
        case .centerName:
            Localized(zh: "请填写综治中心名称（不超过100个字）。", en: "Give the governance center's name (at most 100 characters).")
        case .username(let error): error.message
        case .adminName:
            Localized(zh: "请填写管理员姓名（不超过50个字）。", en: "Give the administrator's name (at most 50 characters).")
        case .phone(let phone):
            Localized(
                zh: "电话号码“\(phone)”无效：7至20位数字，可含连字符。", en: "Phone \"\(phone)\" is invalid: 7–20 digits and hyphens.")
        case .password(let error): error.message
        case .passwordMismatch:
            Localized(zh: "两次输入的密码不一致。", en: "The two passwords differ.")
        case .alreadySetUp:
            Localized(
                zh: "本系统已完成首次设置，请直接登录；新增用户请由管理员在“系统管理”中办理。",
                en: "This server is already set up: sign in; administrators add users under Administration.")
        case .wrongCode:
            Localized(
                zh: "设置码不正确。设置码在服务启动时写入服务日志（`journalctl -u fengqiao`）。",
                en: "Wrong setup code. The server writes it to its log at start (`journalctl -u fengqiao`).")
        }
    }
}
