import FengqiaoCore
import Foundation
import SQLKit

/// The database side of a structure import (docs/ONBOARDING.md): what is already there, in the terms the
/// spreadsheet uses (`ExistingStructure`), and the one transaction that adds a plan's new rows.
public enum StructureImportStore {
    /// Regions by code, organisations by "region code/name", users by username, mediators by organisation and name.
    public static func existing(in database: Database) async throws -> ExistingStructure {
        try await database.withConnection { sql in try await load(sql).existing }
    }

    struct Loaded: Sendable {
        var existing = ExistingStructure()
        var known = StructureWriter.Counts()
    }

    static func load(_ sql: any SQLDatabase) async throws -> Loaded {
        var loaded = Loaded()
        let regions = try await sql.select().columns(RegionRepository.columns).from("regions").all()
            .map { try RegionRepository.decode($0).region }
        let codes = Dictionary(uniqueKeysWithValues: regions.map { ($0.id, $0.code) })
        for region in regions {
            loaded.existing.regions[region.code] = CountyStructure.RegionSpec(
                code: region.code, name: region.name, level: region.level,
                parentCode: region.parentID.flatMap { codes[$0] }, households: region.households, boundary: nil)
            loaded.known.regionIDs[region.code] = region.id
        }
        let organisations = try await sql.select()
            .columns(OrganisationRepository.columns).from("organisations").all()
            .map(OrganisationRepository.decode)
        var organisationKeys: [Organisation.ID: String] = [:]
        for organisation in organisations {
            guard let code = codes[organisation.regionID] else { continue }
            let key = StructureImport.organisationKey(name: organisation.name, regionCode: code)
            organisationKeys[organisation.id] = key
            loaded.existing.organisations[key] = CountyStructure.OrganisationSpec(
                key: key, name: organisation.name, kind: organisation.kind, regionCode: code,
                specialties: organisation.specialties, phone: organisation.phone)
            loaded.known.organisationIDs[key] = organisation.id
        }
        var usernames: [User.ID: String] = [:]
        let users = try await sql.select().columns("id", "username", "display_name", "phone").from("users").all()
        var grants: [Int64: Set<ExistingStructure.Grant>] = [:]
        for row in try await sql.select().columns("user_id", "role", "organisation_id", "jurisdiction_id")
            .from("user_roles").all()
        {
            guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)),
                let key = organisationKeys[Organisation.ID(try row.decode(column: "organisation_id", as: Int64.self))],
                let code = codes[Region.ID(try row.decode(column: "jurisdiction_id", as: Int64.self))]
            else { continue }
            grants[try row.decode(column: "user_id", as: Int64.self), default: []].insert(
                ExistingStructure.Grant(role: role, organisationKey: key, jurisdictionCode: code))
        }
        for row in users {
            let id = try row.decode(column: "id", as: Int64.self)
            let username = try row.decode(column: "username", as: String.self)
            usernames[User.ID(id)] = username
            loaded.known.userIDs[username] = User.ID(id)
            loaded.existing.users[username] = ExistingStructure.User(
                username: username, displayName: try row.decode(column: "display_name", as: String.self),
                phone: try row.decode(column: "phone", as: String?.self), grants: grants[id] ?? [])
        }
        let mediators = try await sql.select().columns(MediatorRepository.columns).from("mediators").all()
            .map(MediatorRepository.decode)
        for mediator in mediators {
            guard let key = organisationKeys[mediator.organisationID] else { continue }
            loaded.existing.mediators[StructureImport.mediatorKey(name: mediator.name, organisationKey: key)] =
                CountyStructure.MediatorSpec(
                    name: mediator.name, organisationKey: key, specialties: mediator.specialties,
                    levels: mediator.levels, languages: mediator.languages, goldMedal: mediator.goldMedal,
                    available: mediator.available, profile: mediator.profile,
                    username: mediator.userID.flatMap { usernames[$0] })
        }
        return loaded
    }

    /// Adds `additions` (a plan's new rows, referring to new and existing rows by code, key and username) in one
    /// transaction: all of it or nothing. New users get the given password hashes and must choose their own
    /// password at their first sign-in.
    public static func apply(
        _ additions: CountyStructure, hashes: [String: String], now: Date, into database: Database
    ) async throws -> StructureWriter.Counts {
        try await database.transaction { sql in
            let loaded = try await load(sql)
            let counts = try await StructureWriter(sql: sql, now: now)
                .write(additions, hashes: hashes, known: loaded.known)
            let usernames = additions.users.map(\.username)
            if !usernames.isEmpty {
                try await sql.update("users").set("must_change_password", to: true)
                    .where("username", .in, usernames).run()
            }
            return counts
        }
    }
}
