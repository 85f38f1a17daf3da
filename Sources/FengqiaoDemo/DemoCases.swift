import FengqiaoCore
import Foundation

/// Where the demo cases happen and who acts on them, with the identifiers the database gave the demo county.
///
/// The case generator cannot know database identifiers, so the seeding code builds this directory once the county is
/// written: by hand, or from the `DemoCounty` and the identifiers `StructureWriter` assigned
/// (`init(county:regionIDs:organisationIDs:userIDs:)`).
public struct DemoDirectory: Sendable, Equatable {
    /// A grid where cases are located.
    public struct Grid: Sendable, Equatable {
        public var regionID: Region.ID
        public var code: String
        public var name: String
        /// The grid's path of codes, `/339900/339921/339921101/339921101001/339921101001-01/`.
        public var path: String
        /// The village or community the grid belongs to (社区 names make it an urban grid).
        public var villageName: String
        /// The grid worker of this grid. When nil, the township's grid worker acts where their jurisdiction covers
        /// the grid, and the center desk registers grid-worker reports elsewhere.
        public var worker: Actor?
        /// When given, cases get coordinates inside it.
        public var boundary: GeoPolygon?

        public init(
            regionID: Region.ID, code: String, name: String, path: String, villageName: String, worker: Actor? = nil,
            boundary: GeoPolygon? = nil
        ) {
            self.regionID = regionID
            self.code = code
            self.name = name
            self.path = path
            self.villageName = villageName
            self.worker = worker
            self.boundary = boundary
        }
    }

    /// A township or street: its center, the organisations it dispatches to and the people acting there.
    public struct Township: Sendable, Equatable {
        public var code: String
        public var name: String
        /// `/339900/339921/339921101/`
        public var path: String
        public var center: Organisation.ID
        /// The township's own organisations cases are dispatched to: 派出所, 司法所, 信访办, 人民法庭, studios…
        public var departments: [Organisation.ID]
        /// The township's 人民调解委员会.
        public var mediationCommittee: Organisation.ID?
        public var grids: [Grid]
        /// Center staff of `center` with a jurisdiction over the township.
        public var desk: Actor
        /// One handler per organisation in `departments` (and the mediation committee); organisations without one
        /// are never dispatched to.
        public var handlers: [Organisation.ID: Actor]
        public var gridWorker: Actor
        public var leader: Actor

        public init(
            code: String, name: String, path: String, center: Organisation.ID, departments: [Organisation.ID],
            mediationCommittee: Organisation.ID?, grids: [Grid], desk: Actor, handlers: [Organisation.ID: Actor],
            gridWorker: Actor, leader: Actor
        ) {
            self.code = code
            self.name = name
            self.path = path
            self.center = center
            self.departments = departments
            self.mediationCommittee = mediationCommittee
            self.grids = grids
            self.desk = desk
            self.handlers = handlers
            self.gridWorker = gridWorker
            self.leader = leader
        }
    }

    /// The county: its center (where cases are escalated to), its departments and the people acting there.
    public struct County: Sendable, Equatable {
        public var center: Organisation.ID
        /// `/339900/339921/`
        public var path: String
        public var desk: Actor
        public var leader: Actor
        /// County departments, the court, county mediation committees and studios.
        public var departments: [Organisation.ID]
        public var handlers: [Organisation.ID: Actor]

        public init(
            center: Organisation.ID, path: String, desk: Actor, leader: Actor, departments: [Organisation.ID],
            handlers: [Organisation.ID: Actor]
        ) {
            self.center = center
            self.path = path
            self.desk = desk
            self.leader = leader
            self.departments = departments
            self.handlers = handlers
        }
    }

    /// What the generator knows about an organisation beyond its identifier: its `DemoCounty` key (which routes a
    /// wage dispute to the labour bureau and a traffic accident to the traffic mediation committee), its name (for
    /// the notes) and its specialties.
    public struct OrganisationInfo: Sendable, Equatable {
        public var key: String
        public var name: String
        public var specialties: [DisputeType]

        public init(key: String, name: String, specialties: [DisputeType] = []) {
            self.key = key
            self.name = name
            self.specialties = specialties
        }
    }

    public var county: County
    public var townships: [Township]
    /// Optional: without it, cases are dispatched to any organisation with a handler.
    public var organisations: [Organisation.ID: OrganisationInfo]

    public init(county: County, townships: [Township], organisations: [Organisation.ID: OrganisationInfo] = [:]) {
        self.county = county
        self.townships = townships
        self.organisations = organisations
    }
}

/// Why a directory could not be built from the demo county: something it needs has no identifier or no user.
public enum DemoDirectoryError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(String)

    public var description: String {
        switch self {
        case .missing(let what): "demo directory: no \(what)"
        }
    }
}

/// A category of the demo catalogue: one of the five domains (五事) and a dispute or service type.
public struct DemoCategory: Sendable, Equatable {
    /// `<domain>.<type>`, e.g. `peace.neighbour`; the type is a `DisputeType` raw value where there is one.
    public var code: String
    public var domain: Localized
    public var name: Localized

    public init(code: String, domain: Localized, name: Localized) {
        self.code = code
        self.domain = domain
        self.name = name
    }
}

/// About a year of realistic cases for the demo county, generated by driving the real state machine
/// (`CaseLifecycle`): every step of every script has been decided and applied in memory, so replaying the scripts in
/// order through the store never meets a refusal.
///
/// What comes out, for the default 5,000: cases over the 12 months before `now`, recent months slightly busier and
/// mostly in office hours; every channel (12345 and the window most, then grid workers and QR reports, fewer 110,
/// court referrals, petitions, video intake and department referrals); Chinese titles and descriptions from
/// templates per dispute type, with the county's place names; about 10% consultations answered at intake; most
/// requests closed after a satisfied follow-up, recent ones still open at every stage, some returned and
/// re-dispatched, escalated to the county, handled jointly under a whistle, given an extension, supervised and
/// nudged, followed up dissatisfied and reopened, flared up after closing, withdrawn, or merged into an earlier
/// report of the same matter (the bus-line complaints cluster as hotspots).
///
/// Deterministic: the same directory, count, `now` and seed give the same scripts.
public enum DemoCases {
    /// The categories the demo cases use.
    public static var categories: [DemoCategory] { DemoCaseCatalogue.categories }

    /// `count` scripts in registration order. Scripts that merge refer to earlier ones by index.
    ///
    /// `registeredWithin` narrows the registrations to a slice of the 12 months (uniformly within it, and without
    /// hotspots when it is shorter than 60 days); every case still runs on to `now`, so old cases are closed and
    /// recent ones open. `fengqiao generate` makes a million cases slice by slice this way, in time order, each slice
    /// with its own `referenceBase` (added to the case numbers in the 12345, 110, court… references).
    public static func generate(
        directory: DemoDirectory, count: Int = 5000, endingAt now: Date, seed: UInt64 = 20261123,
        registeredWithin: ClosedRange<Date>? = nil, referenceBase: Int = 0
    ) -> [CaseScript] {
        var generator = DemoCaseGenerator(
            directory: directory, now: now, seed: seed, registeredWithin: registeredWithin,
            referenceBase: referenceBase)
        return generator.generate(count: max(0, count))
    }
}

// MARK: - The directory of the demo county

extension DemoDirectory {
    /// The directory of a written demo county: `regionIDs` by region code, `organisationIDs` by organisation key,
    /// `userIDs` by username, as `StructureWriter` assigned them.
    ///
    /// Desks, leaders and the first grid worker of each township, and the handlers of the organisations the demo
    /// users work for, are those users. Every other organisation gets a handler, and every other grid a grid worker,
    /// that is not a user (no user id): events name them, nobody signs in as them.
    public init(
        county demo: DemoCounty, regionIDs: [String: Region.ID], organisationIDs: [String: Organisation.ID],
        userIDs: [String: User.ID]
    ) throws(DemoDirectoryError) {
        let builder = DemoDirectoryBuilder(
            demo: demo, regionIDs: regionIDs, organisationIDs: organisationIDs, userIDs: userIDs)
        self = try builder.build()
    }
}

private struct DemoDirectoryBuilder {
    let demo: DemoCounty
    let regionIDs: [String: Region.ID]
    let organisationIDs: [String: Organisation.ID]
    let userIDs: [String: User.ID]
    let paths: [String: String]
    let regionsByCode: [String: DemoCounty.RegionSpec]

    init(
        demo: DemoCounty, regionIDs: [String: Region.ID], organisationIDs: [String: Organisation.ID],
        userIDs: [String: User.ID]
    ) {
        self.demo = demo
        self.regionIDs = regionIDs
        self.organisationIDs = organisationIDs
        self.userIDs = userIDs
        var paths: [String: String] = [:]
        var byCode: [String: DemoCounty.RegionSpec] = [:]
        for region in demo.regions {
            let parent = region.parentCode.flatMap { paths[$0] } ?? "/"
            paths[region.code] = parent + region.code + "/"
            byCode[region.code] = region
        }
        self.paths = paths
        self.regionsByCode = byCode
    }

    func build() throws(DemoDirectoryError) -> DemoDirectory {
        guard let countyRegion = demo.regions.first(where: { $0.level == .county }) else {
            throw .missing("county region")
        }
        let countyPath = try path(countyRegion.code)
        var names = DemoNamePool()
        var information: [Organisation.ID: DemoDirectory.OrganisationInfo] = [:]
        for spec in demo.organisations {
            information[try organisationID(spec.key)] = DemoDirectory.OrganisationInfo(
                key: spec.key, name: spec.name, specialties: spec.specialties)
        }

        let countyCenter = try center(at: countyRegion.code)
        var countyDepartments: [Organisation.ID] = []
        var countyHandlers: [Organisation.ID: Actor] = [:]
        for spec in demo.organisations where spec.regionCode == countyRegion.code && spec.kind != .center {
            let id = try organisationID(spec.key)
            countyDepartments.append(id)
            countyHandlers[id] = try handler(for: spec, id: id, jurisdiction: countyPath, names: &names)
        }
        let county = DemoDirectory.County(
            center: countyCenter.id, path: countyPath,
            desk: try staff(.centerStaff, organisation: countyCenter.key, within: countyPath),
            leader: try staff(.leader, organisation: countyCenter.key, within: countyPath),
            departments: countyDepartments, handlers: countyHandlers)

        var townships: [DemoDirectory.Township] = []
        for region in demo.regions where region.level == .township && region.parentCode == countyRegion.code {
            townships.append(try township(region, names: &names))
        }
        return DemoDirectory(county: county, townships: townships, organisations: information)
    }

    func township(
        _ region: DemoCounty.RegionSpec, names: inout DemoNamePool
    ) throws(DemoDirectoryError) -> DemoDirectory.Township {
        let townshipPath = try path(region.code)
        let center = try center(at: region.code)
        var departments: [Organisation.ID] = []
        var committee: Organisation.ID?
        var handlers: [Organisation.ID: Actor] = [:]
        for spec in demo.organisations {
            guard let organisationPath = paths[spec.regionCode], organisationPath.hasPrefix(townshipPath) else {
                continue
            }
            let atTownship = spec.regionCode == region.code
            switch spec.kind {
            case .department, .policeStation, .court, .mediationStudio:
                guard atTownship || spec.kind == .mediationStudio else { continue }
            case .mediationCommittee:
                guard atTownship else { continue }
            case .center:
                continue
            }
            let id = try organisationID(spec.key)
            if spec.kind == .mediationCommittee {
                committee = id
            } else {
                departments.append(id)
            }
            handlers[id] = try handler(for: spec, id: id, jurisdiction: townshipPath, names: &names)
        }
        let desk = try staff(.centerStaff, organisation: center.key, within: townshipPath)
        let leader = try staff(.leader, organisation: center.key, within: townshipPath)
        let gridWorker = try staff(.gridWorker, organisation: nil, within: townshipPath)

        var grids: [DemoDirectory.Grid] = []
        for spec in demo.regions where spec.level == .grid {
            let gridPath = try path(spec.code)
            guard gridPath.hasPrefix(townshipPath) else { continue }
            guard let regionID = regionIDs[spec.code] else { throw .missing("region \(spec.code)") }
            let village = self.village(of: spec)
            let worker: Actor
            if gridWorker.grants.contains(where: { $0.role == .gridWorker && $0.covers(regionPath: gridPath) }) {
                worker = gridWorker
            } else {
                var station = center.id
                if let village { station = try self.center(at: village.code).id }
                worker = Actor(
                    kind: .staff, userID: nil, username: nil, displayName: names.next(),
                    grants: [
                        Actor.Grant(
                            role: .gridWorker, organisationID: station, jurisdictionPath: gridPath)
                    ])
            }
            grids.append(
                DemoDirectory.Grid(
                    regionID: regionID, code: spec.code, name: spec.name, path: gridPath,
                    villageName: village?.name ?? region.name, worker: worker, boundary: spec.boundary))
        }
        return DemoDirectory.Township(
            code: region.code, name: region.name, path: townshipPath, center: center.id, departments: departments,
            mediationCommittee: committee, grids: grids, desk: desk, handlers: handlers, gridWorker: gridWorker,
            leader: leader)
    }

    /// The nearest village or community above a grid (grids may nest).
    func village(of grid: DemoCounty.RegionSpec) -> DemoCounty.RegionSpec? {
        var current = grid.parentCode.flatMap { regionsByCode[$0] }
        while let region = current, region.level == .grid {
            current = region.parentCode.flatMap { regionsByCode[$0] }
        }
        return current?.level == .village ? current : nil
    }

    func path(_ code: String) throws(DemoDirectoryError) -> String {
        guard let path = paths[code] else { throw .missing("region \(code)") }
        return path
    }

    func organisationID(_ key: String) throws(DemoDirectoryError) -> Organisation.ID {
        guard let id = organisationIDs[key] else { throw .missing("organisation \(key)") }
        return id
    }

    func center(at regionCode: String) throws(DemoDirectoryError) -> (key: String, id: Organisation.ID) {
        guard let spec = demo.organisations.first(where: { $0.kind == .center && $0.regionCode == regionCode }) else {
            throw .missing("center at \(regionCode)")
        }
        return (spec.key, try organisationID(spec.key))
    }

    /// The first demo user holding `role` (for `organisation`, when given) with a jurisdiction inside `path`.
    func staff(_ role: Role, organisation: String?, within path: String) throws(DemoDirectoryError) -> Actor {
        for user in demo.users {
            let matches = user.grants.contains { grant in
                grant.role == role && (organisation == nil || grant.organisationKey == organisation)
                    && (paths[grant.jurisdictionCode]?.hasPrefix(path) ?? false)
            }
            if matches { return try actor(user) }
        }
        throw .missing("\(role.rawValue) user in \(path)")
    }

    func actor(_ user: DemoCounty.UserSpec) throws(DemoDirectoryError) -> Actor {
        guard let userID = userIDs[user.username] else { throw .missing("user \(user.username)") }
        var grants: [Actor.Grant] = []
        for grant in user.grants {
            grants.append(
                Actor.Grant(
                    role: grant.role, organisationID: try organisationID(grant.organisationKey),
                    jurisdictionPath: try path(grant.jurisdictionCode)))
        }
        return .staff(userID: userID, username: user.username, displayName: user.displayName, grants: grants)
    }

    /// The demo user handling cases for the organisation, or a handler who is not a user.
    func handler(
        for spec: DemoCounty.OrganisationSpec, id: Organisation.ID, jurisdiction: String, names: inout DemoNamePool
    ) throws(DemoDirectoryError) -> Actor {
        let handling: Set<Role> = [.departmentHandler, .mediator]
        if let user = demo.users.first(where: { user in
            user.grants.contains { handling.contains($0.role) && $0.organisationKey == spec.key }
        }) {
            return try actor(user)
        }
        let role: Role = spec.kind.isMediation ? .mediator : .departmentHandler
        return Actor(
            kind: .staff, userID: nil, username: nil, displayName: names.next(),
            grants: [Actor.Grant(role: role, organisationID: id, jurisdictionPath: jurisdiction)])
    }
}
