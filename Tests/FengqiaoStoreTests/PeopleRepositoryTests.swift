import FengqiaoCore
import FengqiaoTestSupport
import Foundation
import Testing

@testable import FengqiaoStore

@Suite("Organisations, users and mediators")
struct PeopleRepositoryTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test("organisations are listed by the region subtree they sit in", arguments: TestEngine.available)
    func organisationsBySubtree(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let tree = try await SmallTree.make(in: database)
            let organisations = OrganisationRepository(database: database)
            let center = try await organisations.create(
                NewOrganisation(name: "清溪县社会治理中心", kind: .center, regionID: tree.county.id))
            let station = try await organisations.create(
                NewOrganisation(name: "青溪派出所", kind: .policeStation, regionID: tree.township.id, phone: "0575-1234567"))
            let committee = try await organisations.create(
                NewOrganisation(
                    name: "上林村人民调解委员会", kind: .mediationCommittee, regionID: tree.village.id,
                    specialties: [.neighbour, .homestead]))
            #expect(try await organisations.find(id: committee.id) == committee)
            #expect(try await organisations.find(name: "青溪派出所") == station)
            #expect(
                try await organisations.list(inSubtreeOf: tree.township.id).map(\.id) == [station.id, committee.id])
            #expect(try await organisations.list(inSubtreeOf: tree.county.id, kind: .center).map(\.id) == [center.id])
            #expect(try await organisations.count(kinds: [.mediationCommittee, .mediationStudio]) == 1)
            // Names of several in one query; an unknown id is absent.
            #expect(
                try await organisations.names(of: [center.id, committee.id, Organisation.ID(4242)])
                    == [center.id: "清溪县社会治理中心", committee.id: "上林村人民调解委员会"])
            #expect(try await organisations.names(of: [Organisation.ID]()).isEmpty)
            await #expect(throws: OrganisationError.regionNotFound) {
                try await organisations.create(
                    NewOrganisation(name: "无处", kind: .department, regionID: Region.ID(4242)))
            }
        }
    }

    @Test(
        "the centers above a region, nearest first, read from its stored path agree with the walk up the tree",
        arguments: TestEngine.available)
    func centersAbove(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let tree = try await SmallTree.make(in: database)
            let organisations = OrganisationRepository(database: database)
            let county = try await organisations.create(
                NewOrganisation(name: "清溪县社会治理中心", kind: .center, regionID: tree.county.id))
            let township = try await organisations.create(
                NewOrganisation(name: "青溪镇综治中心", kind: .center, regionID: tree.township.id))
            _ = try await organisations.create(
                NewOrganisation(name: "青溪镇第二中心", kind: .center, regionID: tree.township.id))
            _ = try await organisations.create(
                NewOrganisation(name: "白沙镇综治中心", kind: .center, regionID: tree.otherTownship.id))
            let path = try #require(try await RegionRepository(database: database).path(of: tree.subGrid.id))
            let centers = try await database.withConnection { sql in
                try await OrganisationRepository.centersAbove(regionPath: path, in: sql)
            }
            #expect(centers.map(\.id) == [township.id, county.id])
            #expect(centers.map(\.level) == [.township, .county])
            for level in [RegionLevel.township, .county] {
                let walked = try await database.withConnection { sql in
                    try await OrganisationRepository.nearestCenter(for: tree.subGrid.id, atOrAbove: level, in: sql)
                }
                #expect(centers.first { $0.level <= level }?.id == walked?.id)
            }
        }
    }

    @Test(
        "a user keeps all role grants; password and disabled flag change; duplicates are refused",
        arguments: TestEngine.available)
    func users(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let tree = try await SmallTree.make(in: database)
            let center = try await OrganisationRepository(database: database).create(
                NewOrganisation(name: "青溪镇综治中心", kind: .center, regionID: tree.township.id))
            let users = UserRepository(database: database)
            let grants = [
                RoleGrant(role: .centerStaff, organisationID: center.id, jurisdictionID: tree.township.id),
                RoleGrant(role: .leader, organisationID: center.id, jurisdictionID: tree.township.id),
            ]
            let created = try await users.create(
                NewUser(username: "qingxi.center", displayName: "王芳", phone: "13800001111", grants: grants),
                passwordHash: "hash-1", now: now)
            let found = try #require(try await users.find(username: "qingxi.center"))
            #expect(found == created)
            #expect(Set(found.grants) == Set(grants))
            #expect(try await users.find(id: created.id)?.username == "qingxi.center")

            try await users.setPasswordHash(username: "qingxi.center", to: "hash-2", now: now)
            try await users.setDisabled(username: "qingxi.center", true, now: now)
            let changed = try #require(try await users.find(username: "qingxi.center"))
            #expect(changed.passwordHash == "hash-2" && changed.disabled)

            await #expect(throws: UserError.duplicateUsername("qingxi.center")) {
                try await users.create(
                    NewUser(username: "qingxi.center", displayName: "李四", grants: grants), passwordHash: "x", now: now)
            }
            await #expect(throws: UserError.notFound("nobody")) {
                try await users.setDisabled(username: "nobody", true, now: now)
            }
            await #expect(throws: UserError.noRole) {
                try await users.create(
                    NewUser(username: "noroles", displayName: "赵六", grants: []), passwordHash: "x", now: now)
            }
            #expect(try await users.count() == 1)
            #expect(try await users.list().map(\.username) == ["qingxi.center"])
        }
    }

    @Test(
        "mediators keep their specialties, levels and languages; the directory filters by specialty and region subtree",
        arguments: TestEngine.available)
    func mediators(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let tree = try await SmallTree.make(in: database)
            let committee = try await OrganisationRepository(database: database).create(
                NewOrganisation(name: "青溪镇人民调解委员会", kind: .mediationCommittee, regionID: tree.township.id))
            let mediators = MediatorRepository(database: database)
            let wang = try await mediators.create(
                NewMediator(
                    name: "王建国", organisationID: committee.id, specialties: [.neighbour, .homestead],
                    levels: [.township, .village], languages: ["普通话", "清溪方言"], goldMedal: true,
                    profile: "退休法官，擅长邻里纠纷。"))
            let li = try await mediators.create(
                NewMediator(
                    name: "李秀英", organisationID: committee.id, specialties: [.marriageFamily], levels: [.township]))
            #expect(try await mediators.list() == [wang, li])
            #expect(try await mediators.list(specialty: .marriageFamily) == [li])
            #expect(try await mediators.count() == 2)

            let village = try await OrganisationRepository(database: database).create(
                NewOrganisation(name: "上林村人民调解委员会", kind: .mediationCommittee, regionID: tree.village.id))
            let zhao = try await mediators.create(
                NewMediator(
                    name: "赵大山", organisationID: village.id, specialties: [.neighbour], levels: [.village],
                    available: false))
            #expect(try await mediators.list(inSubtreeOf: tree.township.id) == [wang, li, zhao])
            #expect(try await mediators.list(inSubtreeOf: tree.village.id) == [zhao])
            #expect(try await mediators.list(specialty: .neighbour, inSubtreeOf: tree.township.id) == [wang, zhao])
            #expect(try await mediators.list(inSubtreeOf: tree.otherTownship.id).isEmpty)
            #expect(try await mediators.list(inSubtreeOf: Region.ID(4242)).isEmpty)
            #expect(
                try await RegionRepository(database: database).list(level: .township).map(\.name) == ["青溪镇", "白沙镇"])
        }
    }
}
