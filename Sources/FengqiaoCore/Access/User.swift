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

    public init(
        id: ID, username: String, displayName: String, phone: String?, passwordHash: String, disabled: Bool,
        grants: [RoleGrant]
    ) {
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
        guard !grants.isEmpty else { throw .noRole }
    }
}

public enum UserRules {
    public static let minimumPasswordLength = 8

    public static func validateUsername(_ username: String) throws(UserError) {
        guard (2...40).contains(username.count),
            username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }),
            username.first?.isLetter == true
        else { throw .invalidUsername(username) }
    }

    /// Passwords: at least 8 characters, not all the same kind (letters only or digits only are refused).
    public static func validatePassword(_ password: String) throws(UserError) {
        guard password.count >= minimumPasswordLength, password.count <= 72 else { throw .weakPassword }
        let hasLetter = password.contains { $0.isLetter }
        let hasOther = password.contains { !$0.isLetter }
        guard hasLetter && hasOther else { throw .weakPassword }
    }
}

public enum UserError: UserFacingError, Equatable {
    case invalidUsername(String)
    case invalidDisplayName
    case noRole
    case weakPassword
    case duplicateUsername(String)
    case notFound(String)

    public var code: String {
        switch self {
        case .invalidUsername: "user.invalid_username"
        case .invalidDisplayName: "user.invalid_display_name"
        case .noRole: "user.no_role"
        case .weakPassword: "user.weak_password"
        case .duplicateUsername: "user.duplicate_username"
        case .notFound: "user.not_found"
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
                zh: "密码至少8位（最多72位），且须同时包含字母和数字或符号。",
                en: "A password needs 8 to 72 characters, with letters and digits or symbols.")
        case .duplicateUsername(let name):
            Localized(zh: "用户名“\(name)”已被使用。", en: "Username \"\(name)\" is already taken.")
        case .notFound(let name):
            Localized(zh: "找不到用户“\(name)”。", en: "No user named \"\(name)\".")
        }
    }
}
