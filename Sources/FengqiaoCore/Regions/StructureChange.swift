/// What still depends on a region: an administrator may retire it (撤销) only when nothing does, and the refusal says
/// what ("该网格仍有 3 件未办结案件、2 名用户").
public struct RegionDependents: Sendable, Hashable, Codable {
    /// Open cases registered in the region or below it.
    public var openCases: Int
    /// Active users with a role whose jurisdiction is the region or below it.
    public var users: Int
    /// Organisations not retired whose region is the region or below it.
    public var organisations: Int
    /// Child regions not retired.
    public var activeChildren: Int

    public init(openCases: Int = 0, users: Int = 0, organisations: Int = 0, activeChildren: Int = 0) {
        self.openCases = openCases
        self.users = users
        self.organisations = organisations
        self.activeChildren = activeChildren
    }

    public var isEmpty: Bool { openCases == 0 && users == 0 && organisations == 0 && activeChildren == 0 }

    /// "3 件未办结案件、2 名用户" / "3 open cases, 2 users": what is there, nothing about what is not.
    public var listed: Localized {
        let parts: [(Int, String, String)] = [
            (openCases, "件未办结案件", "open case(s)"), (users, "名用户", "user(s)"),
            (organisations, "个单位", "organisation(s)"), (activeChildren, "个下级区域", "region(s) below it"),
        ]
        let present = parts.filter { $0.0 > 0 }
        return Localized(
            zh: present.map { "\($0.0) \($0.1)" }.joined(separator: "、"),
            en: present.map { "\($0.0) \($0.2)" }.joined(separator: ", "))
    }
}

/// What still depends on an organisation: it may be retired only when nothing does.
public struct OrganisationDependents: Sendable, Hashable, Codable {
    /// Open cases the organisation holds or takes part in.
    public var openCases: Int
    /// Active users with a role in the organisation.
    public var users: Int
    /// Mediators of the organisation (they would vanish from the directory with it).
    public var mediators: Int

    public init(openCases: Int = 0, users: Int = 0, mediators: Int = 0) {
        self.openCases = openCases
        self.users = users
        self.mediators = mediators
    }

    public var isEmpty: Bool { openCases == 0 && users == 0 && mediators == 0 }

    public var listed: Localized {
        let parts: [(Int, String, String)] = [
            (openCases, "件未办结案件", "open case(s)"), (users, "名用户", "user(s)"),
            (mediators, "名调解员", "mediator(s)"),
        ]
        let present = parts.filter { $0.0 > 0 }
        return Localized(
            zh: present.map { "\($0.0) \($0.1)" }.joined(separator: "、"),
            en: present.map { "\($0.0) \($0.2)" }.joined(separator: ", "))
    }
}

/// A change of the county's structure refused, with the reason in the administrator's words.
public enum StructureError: UserFacingError, Equatable {
    /// Something still depends on the region (`level` names it: "该网格").
    case regionInUse(level: RegionLevel, RegionDependents)
    case organisationInUse(OrganisationDependents)
    /// A move while open cases lie in the subtree: their stored region paths would no longer match.
    case moveWithOpenCases(Int)
    /// Kind or region of an organisation changed while open cases are with it.
    case organisationChangeWithOpenCases(Int)
    /// A region cannot move under itself or one of its own descendants.
    case moveIntoItself
    /// A region at the top of the tree (a jurisdiction's root) has no parent to move from.
    case moveRoot
    case parentRetired
    case regionRetired
    case organisationRetired
    case alreadyRetired
    case notRetired

    public var code: String {
        switch self {
        case .regionInUse: "region.in_use"
        case .organisationInUse: "organisation.in_use"
        case .moveWithOpenCases: "region.move_open_cases"
        case .organisationChangeWithOpenCases: "organisation.change_open_cases"
        case .moveIntoItself: "region.move_into_itself"
        case .moveRoot: "region.move_root"
        case .parentRetired: "region.parent_retired"
        case .regionRetired: "region.retired"
        case .organisationRetired: "organisation.retired"
        case .alreadyRetired: "structure.already_retired"
        case .notRetired: "structure.not_retired"
        }
    }

    public var message: Localized {
        switch self {
        case .regionInUse(let level, let dependents):
            Localized(
                zh: "该\(Self.shortName(level))仍有 \(dependents.listed.zh)，不能撤销。请先办结案件、调整用户和单位、撤销下级区域。",
                en: "The \(level.name.en.lowercased()) still has \(dependents.listed.en) and cannot be retired.")
        case .organisationInUse(let dependents):
            Localized(
                zh: "该单位仍有 \(dependents.listed.zh)，不能撤销。请先办结或转出案件，调整用户和调解员。",
                en: "The organisation still has \(dependents.listed.en) and cannot be retired.")
        case .moveWithOpenCases(let count):
            Localized(
                zh: "该区域及其下级仍有 \(count) 件未办结案件，不能调整上级区域。请在案件办结后再调整。",
                en: "\(count) open case(s) lie in this region or below it: it cannot move until they are closed.")
        case .organisationChangeWithOpenCases(let count):
            Localized(
                zh: "该单位仍有 \(count) 件未办结案件，不能更改单位类型或所属区域（名称、电话、专长可以修改）。",
                en:
                    "The organisation has \(count) open case(s): its kind and region cannot change (name, phone and specialties can)."
            )
        case .moveIntoItself:
            Localized(
                zh: "上级区域不能是该区域本身或其下级。", en: "A region cannot move under itself or one of its own regions.")
        case .moveRoot:
            Localized(zh: "最上级区域不能调整上级。", en: "The top region cannot move.")
        case .parentRetired:
            Localized(zh: "所选上级区域已撤销。", en: "The chosen parent region has been retired.")
        case .regionRetired:
            Localized(zh: "该区域已撤销，不再受理新的事项。", en: "This region has been retired and takes no new reports.")
        case .organisationRetired:
            Localized(zh: "该单位已撤销。", en: "This organisation has been retired.")
        case .alreadyRetired:
            Localized(zh: "已经撤销。", en: "Already retired.")
        case .notRetired:
            Localized(zh: "尚未撤销，无需恢复。", en: "Not retired: nothing to restore.")
        }
    }

    /// "网格", "村（社区）" → "村", as one says "该网格", "该村".
    static func shortName(_ level: RegionLevel) -> String {
        switch level {
        case .province: "省"
        case .city: "市"
        case .county: "县"
        case .township: "乡镇"
        case .village: "村（社区）"
        case .grid: "网格"
        }
    }
}
