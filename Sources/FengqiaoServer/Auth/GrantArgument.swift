import FengqiaoCore

/// A role grant as typed on the command line: `ROLE:ORGANISATION:REGION`, where ORGANISATION is an id or an exact
/// name and REGION a region code, e.g. `centerStaff:清溪县社会治理中心（矛调中心）:331021`.
public struct GrantArgument: Sendable, Equatable {
    public var role: Role
    public var organisation: String
    public var regionCode: String

    public init(parsing text: String) throws(GrantArgumentError) {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, !parts[1].isEmpty, !parts[2].isEmpty else { throw .malformed(text) }
        guard let role = Role(rawValue: parts[0]) else { throw .unknownRole(parts[0]) }
        self.role = role
        self.organisation = parts[1]
        self.regionCode = parts[2]
    }
}

public enum GrantArgumentError: UserFacingError, Equatable {
    case malformed(String)
    case unknownRole(String)

    public var code: String {
        switch self {
        case .malformed: "grant.malformed"
        case .unknownRole: "grant.unknown_role"
        }
    }

    public var message: Localized {
        let roles = Role.allCases.map(\.rawValue).joined(separator: ", ")
        switch self {
        case .malformed(let text):
            return Localized(
                zh: "角色授权“\(text)”格式应为 角色:单位:区划代码。", en: "Grant \"\(text)\" must be ROLE:ORGANISATION:REGION.")
        case .unknownRole(let role):
            return Localized(zh: "未知角色“\(role)”，可用：\(roles)。", en: "Unknown role \"\(role)\"; use one of: \(roles).")
        }
    }
}
