/// Whoever issues a command on a case: a signed-in member of staff with their role grants, a citizen who has
/// proved they own a case (tracking code plus the last digits of their phone, checked by the caller), or the system
/// itself (imports, background workers).
///
/// Note: inside `FengqiaoCore` and in modules importing it, `Actor` names this type, not the concurrency protocol;
/// write `_Concurrency.Actor` for the latter.
public struct Actor: Sendable, Codable, Equatable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case staff
        case citizen
        case system
    }

    /// One role held for one organisation over one region subtree, with the subtree given as its path of codes
    /// (`/339900/339921/339921101/`). A case lies in the jurisdiction iff its region path starts with this path.
    public struct Grant: Sendable, Codable, Equatable, Hashable {
        public var role: Role
        public var organisationID: Organisation.ID
        public var jurisdictionPath: String

        public init(role: Role, organisationID: Organisation.ID, jurisdictionPath: String) {
            self.role = role
            self.organisationID = organisationID
            self.jurisdictionPath = jurisdictionPath
        }

        /// The region at `regionPath` lies in this grant's jurisdiction. Paths are compared segment by segment
        /// (a missing final "/" is supplied), so `/33/3301` does not cover `/33/33011/`; an empty path covers nothing
        /// and `/` covers everything.
        public func covers(regionPath: String) -> Bool {
            guard jurisdictionPath.hasPrefix("/") else { return false }
            return Self.normalised(regionPath).hasPrefix(Self.normalised(jurisdictionPath))
        }

        static func normalised(_ path: String) -> String { path.hasSuffix("/") ? path : path + "/" }
    }

    /// Who did something, as recorded on an event: the actor and the one grant they acted under.
    public struct Stamp: Sendable, Codable, Equatable, Hashable {
        public var kind: Kind
        public var userID: User.ID?
        public var username: String?
        public var displayName: String
        public var role: Role?
        public var organisationID: Organisation.ID?

        public init(
            kind: Kind, userID: User.ID?, username: String?, displayName: String, role: Role?,
            organisationID: Organisation.ID?
        ) {
            self.kind = kind
            self.userID = userID
            self.username = username
            self.displayName = displayName
            self.role = role
            self.organisationID = organisationID
        }

        /// The name to show: a person's name as it is; the platform's own names are kept as "中文 / English" and
        /// shown in the reader's language.
        public var name: Localized {
            let parts = displayName.components(separatedBy: " / ")
            guard kind == .system, parts.count == 2 else { return Localized(zh: displayName, en: displayName) }
            return Localized(zh: parts[0], en: parts[1])
        }
    }

    public var kind: Kind
    public var userID: User.ID?
    public var username: String?
    public var displayName: String
    /// Staff only; citizens and the system hold none.
    public var grants: [Grant]

    public init(kind: Kind, userID: User.ID?, username: String?, displayName: String, grants: [Grant]) {
        self.kind = kind
        self.userID = userID
        self.username = username
        self.displayName = displayName
        self.grants = grants
    }

    /// A signed-in member of staff.
    public static func staff(userID: User.ID, username: String, displayName: String, grants: [Grant]) -> Actor {
        Actor(kind: .staff, userID: userID, username: username, displayName: displayName, grants: grants)
    }

    /// A citizen acting on their own case (the caller has verified the tracking code) or reporting one.
    public static func citizen(displayName: String) -> Actor {
        Actor(kind: .citizen, userID: nil, username: nil, displayName: displayName, grants: [])
    }

    /// The platform itself: imports from other systems, background workers.
    public static func system(name: String) -> Actor {
        Actor(kind: .system, userID: nil, username: nil, displayName: name, grants: [])
    }

    /// The stamp for an event done under `grant` (nil for citizens and the system).
    public func stamp(_ grant: Grant? = nil) -> Stamp {
        Stamp(
            kind: kind, userID: userID, username: username, displayName: displayName, role: grant?.role,
            organisationID: grant?.organisationID)
    }

    /// Holds `role` in a jurisdiction covering `regionPath`.
    public func holds(_ role: Role, covering regionPath: String) -> Bool {
        kind == .staff && grants.contains { $0.role == role && $0.covers(regionPath: regionPath) }
    }
}
