/// A member of staff who signs in. Citizens do not have accounts: they follow their case by tracking code.
public struct User: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<User>

    public var id: ID
    public var username: String
    public var displayName: String
    public var phone: String?
    public var passwordHash: String
    public var disabled: Bool
    public var grants: [RoleGrant]
    /// The password is a one-time password an administrator set: the user must choose their own before anything else.
    public var mustChangePassword: Bool

    public init(
        id: ID, username: String, displayName: String, phone: String?, passwordHash: String, disabled: Bool,
        grants: [RoleGrant], mustChangePassword: Bool = false
    ) {
        self.mustChangePassword = mustChangePassword
        self.id = id
        self.username = username
        self.displayName = displayName
        self.phone = phone
        self.passwordHash = passwordHash
        self.disabled = disabled
        self.grants = grants
    }

    public func holds(_ role: Role) -> Bool { grants.contains { $0.role == role } }
}

public struct NewUser: Sendable, Hashable {
    public var username: String
    public var displayName: String
    public var phone: String?
    public var grants: [RoleGrant]

    public init(username: String, displayName: String, phone: String? = nil, grants: [RoleGrant]) {
        self.username = username
        self.displayName = displayName
        self.phone = phone
        self.grants = grants
    }

    public func validate() throws(UserError) {
        try UserRules.validateUsername(username)
        guard !displayName.trimmingWhitespace.isEmpty, displayName.count <= 50 else { throw .invalidDisplayName }
        try UserRules.validatePhone(phone)
        guard !grants.isEmpty else { throw .noRole }
    }
}

public enum UserRules {
    public static let minimumPasswordLength = 10
    /// bcrypt reads only the first 72 bytes of a password: a longer one would be accepted with any tail, so it is
    /// refused instead (24 Chinese characters are 72 bytes in UTF-8).
    public static let maximumPasswordBytes = 72

    public static func validateUsername(_ username: String) throws(UserError) {
        guard (2...40).contains(username.count),
            username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }),
            username.first?.isLetter == true
        else { throw .invalidUsername(username) }
    }

    /// Passwords: at least 10 characters, at most 72 bytes (bcrypt's limit), not all the same kind (letters only or
    /// digits only are refused), and not one of the passwords every guesser tries first (`CommonPasswords`), the
    /// published demo password among them.
    public static func validatePassword(_ password: String) throws(UserError) {
        guard password.utf8.count <= maximumPasswordBytes else { throw .passwordTooLong }
        guard password.count >= minimumPasswordLength else { throw .weakPassword }
        let hasLetter = password.contains { $0.isLetter }
        let hasOther = password.contains { !$0.isLetter }
        guard hasLetter && hasOther else { throw .weakPassword }
        guard !CommonPasswords.contains(password) else { throw .commonPassword }
    }
}

public enum UserError: UserFacingError, Equatable {
    case invalidUsername(String)
    case invalidDisplayName
    case noRole
    case weakPassword
    case passwordTooLong
    case commonPassword
    case duplicateUsername(String)
    case notFound(String)
    case invalidPhone
    /// An administrator removing their own last admin grant.
    case lastAdminGrant

    public var code: String {
        switch self {
        case .invalidUsername: "user.invalid_username"
        case .invalidDisplayName: "user.invalid_display_name"
        case .noRole: "user.no_role"
        case .weakPassword: "user.weak_password"
        case .passwordTooLong: "user.password_too_long"
        case .commonPassword: "user.common_password"
        case .duplicateUsername: "user.duplicate_username"
        case .notFound: "user.not_found"
        case .invalidPhone: "user.invalid_phone"
        case .lastAdminGrant: "user.last_admin_grant"
        }
    }

    public var message: Localized {
        switch self {
        case .invalidUsername(let name):
            Localized(
                zh: "用户名“\(name)”无效：2至40位，以字母开头，只能含字母、数字和 . _ -。",
                en:
                    "Username \"\(name)\" is invalid: 2–40 characters, starting with a letter; letters, digits, . _ - only."
            )
        case .invalidDisplayName:
            Localized(zh: "姓名不能为空，且不超过50个字。", en: "A display name of at most 50 characters is required.")
        case .noRole:
            Localized(zh: "用户至少需要一个角色。", en: "A user needs at least one role.")
        case .weakPassword:
            Localized(
                zh: "密码至少10位，且须同时包含字母和数字或符号。",
                en: "A password needs at least 10 characters, with letters and digits or symbols.")
        case .passwordTooLong:
            Localized(
                zh: "密码最长72字节（约24个汉字或72个英文字母、数字）。",
                en: "A password may be at most 72 bytes long (about 24 Chinese characters or 72 letters and digits).")
        case .commonPassword:
            Localized(
                zh: "这个密码过于常见（或是公开的演示密码），很容易被猜中，请换一个。",
                en:
                    "This password is too common (or is the published demo password) and easily guessed; choose another."
            )
        case .duplicateUsername(let name):
            Localized(zh: "用户名“\(name)”已被使用。", en: "Username \"\(name)\" is already taken.")
        case .notFound(let name):
            Localized(zh: "找不到用户“\(name)”。", en: "No user named \"\(name)\".")
        case .invalidPhone:
            Localized(
                zh: "电话号码无效：5至20位数字，可含 + - 括号和空格。",
                en: "The phone number is invalid: 5–20 digits, with + - brackets and spaces allowed.")
        case .lastAdminGrant:
            Localized(
                zh: "不能取消自己最后一个系统管理员角色，否则无人能再交还。请由其他管理员操作。",
                en:
                    "You cannot remove your own last administrator role: nobody could give it back. Ask another administrator."
            )
        }
    }
}
