import Foundation

/// The administrative levels a case can be handled at, from the top down.
/// "村理琐事、乡化小事、县管大事、市解难事": each level has its own competence.
public enum RegionLevel: String, Sendable, CaseIterable, Codable, Comparable {
    case province
    case city
    case county
    case township
    case village
    case grid

    /// 0 for the province, growing downwards.
    public var depth: Int {
        switch self {
        case .province: 0
        case .city: 1
        case .county: 2
        case .township: 3
        case .village: 4
        case .grid: 5
        }
    }

    public var name: Localized {
        switch self {
        case .province: Localized(zh: "省", en: "Province")
        case .city: Localized(zh: "市", en: "City")
        case .county: Localized(zh: "县（区）", en: "County")
        case .township: Localized(zh: "乡镇（街道）", en: "Township / street")
        case .village: Localized(zh: "村（社区）", en: "Village / community")
        case .grid: Localized(zh: "网格", en: "Grid")
        }
    }

    /// A region of this level may sit under a parent of `parent` level: the next level up,
    /// except that grids may also nest inside grids (一级、二级、三级网格).
    public func mayHaveParent(_ parent: RegionLevel) -> Bool {
        if self == .grid && parent == .grid { return true }
        return parent.depth + 1 == depth
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.depth < rhs.depth }
}

/// A node of the region tree: province, city, county, township or street, village or community, grid.
public struct Region: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<Region>

    public var id: ID
    /// The administrative division code (行政区划代码) or, for grids, the grid code; unique.
    public var code: String
    public var name: String
    public var level: RegionLevel
    public var parentID: ID?
    /// Households (户数) living in the region; for grids the usual 300–500 in towns.
    public var households: Int
    public var boundary: GeoPolygon?
    /// When the region was retired (撤销): it leaves intake, QR sheets and pick-lists but stays on old cases.
    public var retiredAt: Date?

    public var isRetired: Bool { retiredAt != nil }

    public init(
        id: ID, code: String, name: String, level: RegionLevel, parentID: ID?, households: Int,
        boundary: GeoPolygon?, retiredAt: Date? = nil
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.level = level
        self.parentID = parentID
        self.households = households
        self.boundary = boundary
        self.retiredAt = retiredAt
    }
}

/// What is needed to create a region; the store assigns the identifier.
public struct NewRegion: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    public var level: RegionLevel
    public var parentID: Region.ID?
    public var households: Int
    public var boundary: GeoPolygon?

    public init(
        code: String, name: String, level: RegionLevel, parentID: Region.ID?, households: Int = 0,
        boundary: GeoPolygon? = nil
    ) {
        self.code = code
        self.name = name
        self.level = level
        self.parentID = parentID
        self.households = households
        self.boundary = boundary
    }

    /// Checks the region on its own and against its parent (nil for a root).
    public func validate(parent: Region?) throws(RegionError) {
        try Self.validateCode(code)
        try Self.validateName(name)
        guard households >= 0 else { throw .negativeHouseholds }
        switch (parentID, parent) {
        case (nil, _):
            break
        case (.some, nil):
            throw .parentNotFound
        case (.some, .some(let parent)):
            guard level.mayHaveParent(parent.level) else {
                throw .levelMismatch(child: level, parent: parent.level)
            }
        }
    }
}

extension NewRegion {
    /// A region code: letters, digits and hyphens, at most 32 (the web form, the API and the spreadsheet import).
    public static func validateCode(_ code: String) throws(RegionError) {
        let trimmedCode = code.trimmingWhitespace
        guard !trimmedCode.isEmpty, trimmedCode.count <= 32,
            trimmedCode.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else { throw .invalidCode(code) }
    }

    /// A region name: not blank, at most 100 characters.
    public static func validateName(_ name: String) throws(RegionError) {
        guard !name.trimmingWhitespace.isEmpty, name.count <= 100 else { throw .invalidName }
    }
}

public enum RegionError: UserFacingError, Equatable {
    case invalidCode(String)
    case invalidName
    case negativeHouseholds
    case parentNotFound
    case levelMismatch(child: RegionLevel, parent: RegionLevel)
    case duplicateCode(String)

    public var code: String {
        switch self {
        case .invalidCode: "region.invalid_code"
        case .invalidName: "region.invalid_name"
        case .negativeHouseholds: "region.negative_households"
        case .parentNotFound: "region.parent_not_found"
        case .levelMismatch: "region.level_mismatch"
        case .duplicateCode: "region.duplicate_code"
        }
    }

    public var message: Localized {
        switch self {
        case .invalidCode(let code):
            Localized(
                zh: "区划代码“\(code)”无效：只能使用字母、数字和连字符，最长32位。",
                en: "Region code \"\(code)\" is invalid: letters, digits and hyphens only, at most 32.")
        case .invalidName:
            Localized(zh: "区域名称不能为空，且不超过100个字。", en: "A region needs a name of at most 100 characters.")
        case .negativeHouseholds:
            Localized(zh: "户数不能为负数。", en: "The household count cannot be negative.")
        case .parentNotFound:
            Localized(zh: "找不到上级区域。", en: "The parent region does not exist.")
        case .levelMismatch(let child, let parent):
            Localized(
                zh: "\(child.name.zh)不能直接隶属于\(parent.name.zh)。",
                en: "A \(child.name.en.lowercased()) cannot sit directly under a \(parent.name.en.lowercased()).")
        case .duplicateCode(let code):
            Localized(zh: "区划代码“\(code)”已存在。", en: "Region code \"\(code)\" already exists.")
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and newlines (including the ideographic space).
    public var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
