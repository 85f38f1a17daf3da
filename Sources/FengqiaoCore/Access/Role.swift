/// The roles staff sign in with. A user holds one or more, each bound to an organisation
/// and a jurisdiction (a region subtree).
public enum Role: String, Sendable, CaseIterable, Codable {
    case gridWorker
    case centerStaff
    case departmentHandler
    case mediator
    case leader
    case admin

    public var name: Localized {
        switch self {
        case .gridWorker: Localized(zh: "网格员", en: "Grid worker")
        case .centerStaff: Localized(zh: "中心工作人员", en: "Center staff")
        case .departmentHandler: Localized(zh: "部门承办人", en: "Department handler")
        case .mediator: Localized(zh: "调解员", en: "Mediator")
        case .leader: Localized(zh: "领导", en: "Leader")
        case .admin: Localized(zh: "系统管理员", en: "Administrator")
        }
    }
}

/// One role held by a user: the role, the organisation it acts for, and the region subtree it covers.
public struct RoleGrant: Sendable, Hashable, Codable {
    public var role: Role
    public var organisationID: Organisation.ID
    public var jurisdictionID: Region.ID

    public init(role: Role, organisationID: Organisation.ID, jurisdictionID: Region.ID) {
        self.role = role
        self.organisationID = organisationID
        self.jurisdictionID = jurisdictionID
    }
}
