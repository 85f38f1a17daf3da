/// A county's structure as plain values, before anything has an identifier: regions (every parent before its
/// children), organisations, users with their grants, and mediators, referring to each other by region code,
/// organisation key and username. The demo county is one; a county's own structure, imported from a spreadsheet,
/// is another. `StructureWriter` (FengqiaoStore) writes one in a single transaction.
public struct CountyStructure: Sendable, Equatable {
    public struct RegionSpec: Sendable, Equatable {
        /// 行政区划代码 (6 digits for city and county, 9 for townships, 12 for villages) or, for grids,
        /// the village code followed by "-" and two digits.
        public var code: String
        public var name: String
        public var level: RegionLevel
        public var parentCode: String?
        public var households: Int
        public var boundary: GeoPolygon?

        public init(
            code: String, name: String, level: RegionLevel, parentCode: String?, households: Int,
            boundary: GeoPolygon?
        ) {
            self.code = code
            self.name = name
            self.level = level
            self.parentCode = parentCode
            self.households = households
            self.boundary = boundary
        }
    }

    public struct OrganisationSpec: Sendable, Equatable {
        /// Unique, ASCII: how users, grants and mediators refer to the organisation before it has an identifier.
        public var key: String
        public var name: String
        public var kind: OrganisationKind
        public var regionCode: String
        public var specialties: [DisputeType]
        public var phone: String?

        public init(
            key: String, name: String, kind: OrganisationKind, regionCode: String, specialties: [DisputeType],
            phone: String?
        ) {
            self.key = key
            self.name = name
            self.kind = kind
            self.regionCode = regionCode
            self.specialties = specialties
            self.phone = phone
        }
    }

    public struct GrantSpec: Sendable, Hashable {
        public var role: Role
        public var organisationKey: String
        public var jurisdictionCode: String

        public init(role: Role, organisationKey: String, jurisdictionCode: String) {
            self.role = role
            self.organisationKey = organisationKey
            self.jurisdictionCode = jurisdictionCode
        }
    }

    public struct UserSpec: Sendable, Equatable {
        public var username: String
        public var displayName: String
        public var phone: String?
        public var grants: [GrantSpec]

        public init(username: String, displayName: String, phone: String?, grants: [GrantSpec]) {
            self.username = username
            self.displayName = displayName
            self.phone = phone
            self.grants = grants
        }
    }

    public struct MediatorSpec: Sendable, Equatable {
        public var name: String
        public var organisationKey: String
        public var specialties: [DisputeType]
        public var levels: [RegionLevel]
        public var languages: [String]
        public var goldMedal: Bool
        public var available: Bool
        public var profile: String
        /// The `UserSpec.username` the mediator signs in with, when they have an account.
        public var username: String?

        public init(
            name: String, organisationKey: String, specialties: [DisputeType], levels: [RegionLevel],
            languages: [String], goldMedal: Bool, available: Bool, profile: String, username: String?
        ) {
            self.name = name
            self.organisationKey = organisationKey
            self.specialties = specialties
            self.levels = levels
            self.languages = languages
            self.goldMedal = goldMedal
            self.available = available
            self.profile = profile
            self.username = username
        }
    }

    public var regions: [RegionSpec]
    public var organisations: [OrganisationSpec]
    public var users: [UserSpec]
    public var mediators: [MediatorSpec]

    public init(
        regions: [RegionSpec], organisations: [OrganisationSpec], users: [UserSpec], mediators: [MediatorSpec]
    ) {
        self.regions = regions
        self.organisations = organisations
        self.users = users
        self.mediators = mediators
    }
}
