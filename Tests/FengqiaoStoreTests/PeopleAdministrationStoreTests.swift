import FengqiaoCore
import FengqiaoTestSupport
import Foundation
import Testing

@testable import FengqiaoStore

/// Users and mediators changed by an administrator (issue 16): grants replaced in one transaction, the last admin
/// grant kept, mediators edited, photographed, retired and linked to exactly one account.
@Suite("People administration in the store")
struct PeopleAdministrationStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    struct World {
        let tree: SmallTree
        let center: Organisation
        let committee: Organisation
        let users: UserRepository
        let mediators: MediatorRepository
    }

    func world(_ database: Database) async throws -> World {
        let tree = try await SmallTree.make(in: database)
        let organisations = OrganisationRepository(database: database)
        return World(
            tree: tree,
            center: try await organisations.create(
                NewOrganisation(name: "青溪镇综治中心", kind: .center, regionID: tree.township.id)),
            committee: try await organisations.create(
                NewOrganisation(name: "青溪镇人民调解委员会", kind: .mediationCommittee, regionID: tree.township.id)),
            users: UserRepository(database: database), mediators: MediatorRepository(database: database))
    }

    @Test(
        "an edit replaces name, phone and grants; no grant, a bad phone or one's own last admin grant is refused",
        arguments: TestEngine.available)
    func editUser(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let w = try await world(database)
            let staff = RoleGrant(role: .centerStaff, organisationID: w.center.id, jurisdictionID: w.tree.township.id)
            let admin = RoleGrant(role: .admin, organisationID: w.center.id, jurisdictionID: w.tree.township.id)
            let user = try await w.users.create(
                NewUser(username: "qingxi.staff", displayName: "王芳", grants: [staff]), passwordHash: "h", now: now)
            let boss = try await w.users.create(
                NewUser(username: "qingxi.admin", displayName: "李强", grants: [admin]), passwordHash: "h", now: now)

            let leader = RoleGrant(role: .leader, organisationID: w.center.id, jurisdictionID: w.tree.village.id)
            let changed = try await w.users.update(
                username: user.username,
                to: UserChange(displayName: "王芳芳", phone: "0575-1234567", grants: [staff, leader]), by: boss.id,
                now: now)
            #expect(changed.displayName == "王芳芳" && changed.phone == "0575-1234567")
            #expect(Set(changed.grants) == [staff, leader])
            #expect(try await w.users.find(username: user.username) == changed)

            await #expect(throws: UserError.noRole) {
                try await w.users.update(
                    username: user.username, to: UserChange(displayName: "王芳", phone: nil, grants: []), by: boss.id,
                    now: now)
            }
            await #expect(throws: UserError.invalidPhone) {
                try await w.users.update(
                    username: user.username, to: UserChange(displayName: "王芳", phone: "call me", grants: [staff]),
                    by: boss.id, now: now)
            }
            // Nobody takes away their own last admin grant; another administrator may.
            await #expect(throws: UserError.lastAdminGrant) {
                try await w.users.update(
                    username: boss.username, to: UserChange(displayName: "李强", phone: nil, grants: [staff]),
                    by: boss.id, now: now)
            }
            try await w.users.update(
                username: boss.username, to: UserChange(displayName: "李强", phone: nil, grants: [staff]),
                by: user.id, now: now)
            #expect(try await w.users.find(username: boss.username)?.holds(.admin) == false)
            // A grant naming a region that does not exist changes nothing.
            await #expect(throws: StoreError.self) {
                try await w.users.update(
                    username: user.username,
                    to: UserChange(
                        displayName: "王芳", phone: nil,
                        grants: [RoleGrant(role: .leader, organisationID: w.center.id, jurisdictionID: Region.ID(4242))]
                    ),
                    by: boss.id, now: now)
            }
            #expect(Set(try await w.users.find(username: user.username)?.grants ?? []) == [staff, leader])
        }
    }

    @Test(
        "mediators are edited, photographed and retired: the retired leave the directory, stay findable by id",
        arguments: TestEngine.available)
    func mediatorLifecycle(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let w = try await world(database)
            let wang = try await w.mediators.create(
                NewMediator(name: "王建国", organisationID: w.committee.id, specialties: [.neighbour], levels: [.township])
            )
            await #expect(throws: MediatorError.noSpecialty) {
                try await w.mediators.create(
                    NewMediator(name: "空", organisationID: w.committee.id, specialties: [], levels: [.township]))
            }
            var details = wang.details
            details.goldMedal = true
            details.languages = ["普通话", "清溪方言"]
            details.available = false
            let changed = try await w.mediators.update(id: wang.id, to: details)
            #expect(changed.goldMedal && changed.languages == ["普通话", "清溪方言"] && !changed.available)

            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4]
            let files = FileRepository(database: database)
            let photo = try await files.store(png, at: now)
            try await w.mediators.setPhoto(id: wang.id, sha256: photo.sha256)
            #expect(try await w.mediators.find(id: wang.id)?.photo == photo.sha256)
            let pdf = try await files.store(Array("%PDF-1.4 hello".utf8), at: now)
            await #expect(throws: MediatorError.photoNotImage) {
                try await w.mediators.setPhoto(id: wang.id, sha256: pdf.sha256)
            }

            try await w.mediators.setRetired(id: wang.id, at: now)
            #expect(try await w.mediators.list().isEmpty)
            #expect(try await w.mediators.count() == 0)
            #expect(try await w.mediators.list(includeRetired: true).map(\.id) == [wang.id])
            #expect(try await w.mediators.find(id: wang.id)?.retiredAt == now)
            await #expect(throws: MediatorError.retired) {
                try await w.mediators.update(id: wang.id, to: details)
            }
            try await w.mediators.setRetired(id: wang.id, at: nil)
            #expect(try await w.mediators.list().map(\.id) == [wang.id])
        }
    }

    @Test(
        "a card links only an account with the mediator role at its organisation, one card per account; a removed role unlinks it",
        arguments: TestEngine.available)
    func mediatorLink(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let w = try await world(database)
            let role = RoleGrant(role: .mediator, organisationID: w.committee.id, jurisdictionID: w.tree.township.id)
            let staff = RoleGrant(role: .centerStaff, organisationID: w.center.id, jurisdictionID: w.tree.township.id)
            let mediatorAccount = try await w.users.create(
                NewUser(username: "qingxi.mediator", displayName: "王建国", grants: [role]), passwordHash: "h", now: now)
            let clerk = try await w.users.create(
                NewUser(username: "qingxi.clerk", displayName: "李四", grants: [staff]), passwordHash: "h", now: now)
            await #expect(throws: MediatorError.accountNotMediator("qingxi.clerk")) {
                try await w.mediators.create(
                    NewMediator(
                        name: "李四", organisationID: w.committee.id, specialties: [.neighbour], levels: [.township],
                        userID: clerk.id))
            }
            let card = try await w.mediators.create(
                NewMediator(
                    name: "王建国", organisationID: w.committee.id, specialties: [.neighbour], levels: [.township],
                    userID: mediatorAccount.id))
            #expect(try await w.mediators.find(userID: mediatorAccount.id)?.id == card.id)
            await #expect(throws: MediatorError.accountTaken("qingxi.mediator")) {
                try await w.mediators.create(
                    NewMediator(
                        name: "王建国", organisationID: w.committee.id, specialties: [.land], levels: [.township],
                        userID: mediatorAccount.id))
            }
            // The account loses its mediator role: the card stays in the directory, unlinked.
            try await w.users.update(
                username: mediatorAccount.username, to: UserChange(displayName: "王建国", phone: nil, grants: [staff]),
                by: clerk.id, now: now)
            #expect(try await w.mediators.find(id: card.id)?.userID == nil)
            #expect(try await w.mediators.list().map(\.id) == [card.id])
        }
    }
}
