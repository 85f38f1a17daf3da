import FengqiaoCore
import FengqiaoTestSupport
import Foundation
import Testing

@testable import FengqiaoStore

/// An administrator's changes of the structure (issue 16): rename, households, boundary, move, retire and restore of
/// regions; edit, retire and restore of organisations; what each refuses while something depends on it.
@Suite("Structure changes")
struct StructureChangeTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    private func register(_ world: CaseWorld, key: String) async throws -> Case {
        try await CaseRepository(database: world.database).create(
            world.world.intake(), idempotencyKey: key, receivingCenter: world.world.center.id, by: world.world.desk,
            at: now, trackingCode: "STRUCTUR\(key)"
        ).case
    }

    struct CaseWorld {
        let world: FengqiaoStoreTests.CaseWorld
        let database: Database
    }

    @Test(
        "a region is renamed, its households and boundary set and the boundary removed", arguments: TestEngine.available
    )
    func update(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let tree = try await SmallTree.make(in: database)
            let regions = RegionRepository(database: database)
            let square = try GeoPolygon.rectangle(west: 120.0, south: 29.0, east: 120.1, north: 29.1)
            let renamed = try await regions.update(
                tree.grid.id, name: "  东门网格 ", households: 320, boundary: .set(square))
            #expect(renamed.name == "东门网格" && renamed.households == 320 && renamed.boundary == square)
            #expect(try await regions.find(id: tree.grid.id) == renamed)
            let removed = try await regions.update(tree.grid.id, boundary: .remove)
            #expect(removed.boundary == nil && removed.name == "东门网格")
            await #expect(throws: RegionError.invalidName) { try await regions.update(tree.grid.id, name: " ") }
            await #expect(throws: RegionError.negativeHouseholds) {
                try await regions.update(tree.grid.id, households: -1)
            }
        }
    }

    @Test(
        "a move rewrites the stored path of the whole subtree, and refuses a wrong level or a parent inside itself",
        arguments: TestEngine.available)
    func move(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let tree = try await SmallTree.make(in: database)
            let regions = RegionRepository(database: database)
            await #expect(throws: StructureError.moveIntoItself) {
                try await regions.move(tree.grid.id, under: tree.subGrid.id)
            }
            await #expect(throws: RegionError.levelMismatch(child: .village, parent: .county)) {
                try await regions.move(tree.village.id, under: tree.county.id)
            }
            await #expect(throws: StructureError.moveRoot) {
                try await regions.move(tree.county.id, under: tree.grid.id)
            }
            let moved = try await regions.move(tree.village.id, under: tree.otherTownship.id)
            #expect(moved.parentID == tree.otherTownship.id)
            #expect(
                try await regions.path(of: tree.subGrid.id)
                    == "/331021/331021102/331021101001/331021101001-01/331021101001-01-1/")
            #expect(
                try await regions.subtree(of: tree.otherTownship.id).map(\.code) == [
                    "331021102", "331021101001", "331021101001-01", "331021101001-01-1",
                ])
            #expect(try await regions.subtree(of: tree.township.id).map(\.code) == ["331021101"])
            #expect(try await regions.isWithin(tree.subGrid.id, subtreeOf: tree.otherTownship.id))
        }
    }

    @Test(
        "a move and a retirement are refused while open cases lie in the region, and say how many",
        arguments: TestEngine.available)
    func openCasesHold(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = CaseWorld(world: try await FengqiaoStoreTests.CaseWorld.make(in: database), database: database)
            let tree = world.world.tree
            _ = try await register(world, key: "01")
            let regions = RegionRepository(database: database)
            await #expect(throws: StructureError.moveWithOpenCases(1)) {
                try await regions.move(tree.village.id, under: tree.otherTownship.id)
            }
            #expect(try await regions.path(of: tree.village.id) == "/331021/331021101/331021101001/")
            let dependents = try await regions.dependents(of: tree.grid.id)
            #expect(dependents == RegionDependents(openCases: 1, activeChildren: 1))
            await #expect(throws: StructureError.regionInUse(level: .grid, dependents)) {
                try await regions.retire(tree.grid.id, at: now)
            }
            #expect(
                StructureError.regionInUse(level: .grid, dependents).message.zh.hasPrefix(
                    "该网格仍有 1 件未办结案件、1 个下级区域，不能撤销"))
            // The township: its center and department, and the case below it.
            #expect(
                try await regions.dependents(of: tree.township.id)
                    == RegionDependents(openCases: 1, organisations: 2, activeChildren: 1))
        }
    }

    @Test(
        "a retired region leaves the lists and intake but is still found by id; restoring brings it back",
        arguments: TestEngine.available)
    func retire(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = CaseWorld(world: try await FengqiaoStoreTests.CaseWorld.make(in: database), database: database)
            let tree = world.world.tree
            let regions = RegionRepository(database: database)
            let users = UserRepository(database: database)
            let user = try await users.create(
                NewUser(
                    username: "grid.worker", displayName: "网格员",
                    grants: [
                        RoleGrant(
                            role: .gridWorker, organisationID: world.world.center.id, jurisdictionID: tree.subGrid.id)
                    ]), passwordHash: "x", now: now)
            await #expect(throws: StructureError.regionInUse(level: .grid, RegionDependents(users: 1))) {
                try await regions.retire(tree.subGrid.id, at: now)
            }
            try await users.setDisabled(username: user.username, true, now: now)
            let retired = try await regions.retire(tree.subGrid.id, at: now)
            #expect(retired.retiredAt == now)
            await #expect(throws: StructureError.alreadyRetired) { try await regions.retire(tree.subGrid.id, at: now) }
            #expect(try await regions.find(id: tree.subGrid.id)?.retiredAt == now)
            #expect(!(try await regions.subtree(of: tree.township.id).map(\.id).contains(tree.subGrid.id)))
            #expect(
                try await regions.subtree(of: tree.township.id, includeRetired: true).map(\.id).contains(
                    tree.subGrid.id))
            #expect(try await regions.children(of: tree.grid.id).isEmpty)
            #expect(try await regions.count(level: .grid) == 1)
            // Nothing new is registered in it, nor added under it.
            var intake = world.world.intake()
            intake.regionID = tree.subGrid.id
            await #expect(throws: StructureError.regionRetired) {
                try await CaseRepository(database: database).create(
                    intake, idempotencyKey: "retired", receivingCenter: world.world.center.id, by: world.world.desk,
                    at: now, trackingCode: "RETIRED01")
            }
            await #expect(throws: StructureError.parentRetired) {
                try await regions.create(NewRegion(code: "X-1", name: "新组", level: .grid, parentID: tree.subGrid.id))
            }
            // The grid above it is now free of children in use.
            #expect(try await regions.dependents(of: tree.grid.id).activeChildren == 0)
            let restored = try await regions.restore(tree.subGrid.id)
            #expect(restored.retiredAt == nil)
            #expect(try await regions.children(of: tree.grid.id).map(\.id) == [tree.subGrid.id])
            await #expect(throws: StructureError.notRetired) { try await regions.restore(tree.subGrid.id) }
        }
    }

    @Test(
        "an organisation is edited; kind and region are held while open cases are with it; retirement is refused while it has open cases, users or mediators",
        arguments: TestEngine.available)
    func organisations(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = CaseWorld(world: try await FengqiaoStoreTests.CaseWorld.make(in: database), database: database)
            let tree = world.world.tree
            let organisations = OrganisationRepository(database: database)
            let center = world.world.center
            _ = try await register(world, key: "02")
            // Name, phone and specialties change; the kind and region are held by the open case.
            let renamed = try await organisations.update(
                center.id,
                to: NewOrganisation(
                    name: "青溪镇社会治理中心", kind: .center, regionID: tree.township.id, specialties: [.marriageFamily],
                    phone: "0571-1234 5678"))
            #expect(
                renamed.name == "青溪镇社会治理中心" && renamed.phone == "0571-1234 5678"
                    && renamed.specialties == [.marriageFamily])
            #expect(try await organisations.find(id: center.id) == renamed)
            await #expect(throws: StructureError.organisationChangeWithOpenCases(1)) {
                try await organisations.update(
                    center.id, to: NewOrganisation(name: "青溪镇社会治理中心", kind: .department, regionID: tree.township.id))
            }
            await #expect(throws: OrganisationError.invalidPhone("call me")) {
                try await organisations.update(
                    center.id,
                    to: NewOrganisation(name: "青溪镇社会治理中心", kind: .center, regionID: tree.township.id, phone: "call me"))
            }
            await #expect(throws: StructureError.organisationInUse(OrganisationDependents(openCases: 1))) {
                try await organisations.retire(center.id, at: now)
            }
            // The department: free, so it may move and retire; then it leaves lists and the centers' search.
            let department = world.world.department
            let moved = try await organisations.update(
                department.id, to: NewOrganisation(name: "白沙镇司法所", kind: .department, regionID: tree.otherTownship.id))
            #expect(moved.regionID == tree.otherTownship.id)
            _ = try await MediatorRepository(database: database).create(
                NewMediator(name: "老王", organisationID: department.id, specialties: [.neighbour], levels: [.township]))
            await #expect(throws: StructureError.organisationInUse(OrganisationDependents(mediators: 1))) {
                try await organisations.retire(department.id, at: now)
            }
            let spare = try await organisations.create(
                NewOrganisation(name: "白沙镇综治中心（旧）", kind: .center, regionID: tree.otherTownship.id))
            let otherCenter = world.world.otherCenter
            let retired = try await organisations.retire(otherCenter.id, at: now)
            #expect(retired.retiredAt == now)
            #expect(try await organisations.find(id: otherCenter.id)?.retiredAt == now)
            #expect(!(try await organisations.list(inSubtreeOf: tree.county.id).map(\.id).contains(otherCenter.id)))
            #expect(
                try await organisations.list(inSubtreeOf: tree.county.id, includeRetired: true).map(\.id)
                    .contains(otherCenter.id))
            // The township's center is now the spare one, not the retired.
            #expect(try await organisations.nearestCenter(for: tree.otherTownship.id)?.id == spare.id)
            _ = try await organisations.restore(otherCenter.id)
            #expect(try await organisations.nearestCenter(for: tree.otherTownship.id)?.id == otherCenter.id)
        }
    }
}
