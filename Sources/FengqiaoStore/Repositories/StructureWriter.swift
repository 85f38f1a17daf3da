import FengqiaoCore
import Foundation
import SQLKit

/// Writes a county's structure (`CountyStructure`: the demo county, or a county's own) through the repositories' own
/// insert paths (same validation), resolving codes, keys and usernames to the identifiers the database assigns.
public struct StructureWriter: Sendable {
    let sql: any SQLDatabase
    let now: Date

    /// Writes `structure` into `database` in one transaction: all of it or nothing. `hashes` maps each username to
    /// its password hash.
    public static func write(
        _ structure: CountyStructure, hashes: [String: String], now: Date, into database: Database
    ) async throws -> Counts {
        try await database.transaction { sql in
            try await StructureWriter(sql: sql, now: now).write(structure, hashes: hashes)
        }
    }

    public struct Counts: Sendable, Equatable {
        public var regions = 0
        public var organisations = 0
        public var users = 0
        public var mediators = 0
        /// The identifiers the database assigned, by region code, organisation key and username.
        public var regionIDs: [String: Region.ID] = [:]
        public var organisationIDs: [String: Organisation.ID] = [:]
        public var userIDs: [String: User.ID] = [:]
    }

    /// `known`: identifiers of rows already in the database that the structure refers to (an import that adds to
    /// a county): the counts are of the rows written only.
    func write(_ county: CountyStructure, hashes: [String: String], known: Counts = Counts()) async throws -> Counts {
        var counts = Counts()
        var regionIDs = known.regionIDs
        for spec in county.regions {
            let parentID = try spec.parentCode.map { code in try lookup(regionIDs, code, "region") }
            let region = try await RegionRepository.create(
                NewRegion(
                    code: spec.code, name: spec.name, level: spec.level, parentID: parentID,
                    households: spec.households, boundary: spec.boundary),
                in: sql)
            regionIDs[spec.code] = region.id
            counts.regions += 1
        }
        var organisationIDs = known.organisationIDs
        for spec in county.organisations {
            let organisation = try await OrganisationRepository.create(
                NewOrganisation(
                    name: spec.name, kind: spec.kind, regionID: try lookup(regionIDs, spec.regionCode, "region"),
                    specialties: spec.specialties, phone: spec.phone),
                in: sql)
            organisationIDs[spec.key] = organisation.id
            counts.organisations += 1
        }
        var userIDs = known.userIDs
        for spec in county.users {
            let grants = try spec.grants.map { grant in
                RoleGrant(
                    role: grant.role,
                    organisationID: try lookup(organisationIDs, grant.organisationKey, "organisation"),
                    jurisdictionID: try lookup(regionIDs, grant.jurisdictionCode, "region"))
            }
            let user = try await UserRepository.create(
                NewUser(username: spec.username, displayName: spec.displayName, phone: spec.phone, grants: grants),
                passwordHash: try lookup(hashes, spec.username, "password hash"), now: now, in: sql)
            userIDs[spec.username] = user.id
            counts.users += 1
        }
        counts.regionIDs = regionIDs
        counts.organisationIDs = organisationIDs
        counts.userIDs = userIDs
        for spec in county.mediators {
            try await MediatorRepository.create(
                NewMediator(
                    name: spec.name, organisationID: try lookup(organisationIDs, spec.organisationKey, "organisation"),
                    specialties: spec.specialties, levels: spec.levels, languages: spec.languages,
                    goldMedal: spec.goldMedal, available: spec.available, profile: spec.profile,
                    userID: try spec.username.map { try lookup(userIDs, $0, "user") }),
                in: sql)
            counts.mediators += 1
        }
        return counts
    }

    private func lookup<V>(_ table: [String: V], _ key: String, _ what: String) throws -> V {
        guard let value = table[key] else { throw StoreError.notFound("\(what) \(key)") }
        return value
    }
}
