/// An administrator's change to a user: the display name, the phone and the whole set of role grants (each role ·
/// organisation · jurisdiction). The web page, the API and the spreadsheet onboarding check it here, once.
public struct UserChange: Sendable, Hashable {
    public var displayName: String
    public var phone: String?
    public var grants: [RoleGrant]

    public init(displayName: String, phone: String?, grants: [RoleGrant]) {
        self.displayName = displayName
        self.phone = phone
        self.grants = grants
    }

    /// The change as it stands for `user`.
    public init(_ user: User) {
        self.init(displayName: user.displayName, phone: user.phone, grants: user.grants)
    }

    /// A display name of 1–50 characters, a phone of digits (with `+`, `-` and spaces) or none, at least one grant;
    /// `editor`: the administrator making the change, who may not take away their own last admin grant (nobody
    /// would be left to give it back).
    public func validate(for user: User, by editor: User.ID) throws(UserError) {
        guard !displayName.trimmingWhitespace.isEmpty, displayName.count <= 50 else { throw .invalidDisplayName }
        try UserRules.validatePhone(phone)
        if user.id == editor, user.holds(.admin), !grants.contains(where: { $0.role == .admin }) {
            throw .lastAdminGrant
        }
        guard !grants.isEmpty else { throw .noRole }
    }
}

extension UserRules {
    /// A phone number as staff type it: 5–20 digits, with `+`, `-`, spaces or brackets between; empty is none.
    public static func validatePhone(_ phone: String?) throws(UserError) {
        guard let phone, !phone.isEmpty else { return }
        let digits = phone.filter(\.isNumber)
        guard phone.count <= 20, (5...20).contains(digits.count),
            phone.allSatisfy({ ($0.isASCII && $0.isNumber) || "+-() ".contains($0) })
        else { throw .invalidPhone }
    }
}
