import FengqiaoCore
import FengqiaoTestSupport
import Testing

@testable import FengqiaoStore

@Suite("RegionRepository")
struct RegionRepositoryTests {
    @Test("a region reads back exactly as created, boundary included", arguments: TestEngine.available)
    func roundTrip(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let tree = try await SmallTree.make(in: database)
            let regions = RegionRepository(database: database)
            #expect(try await regions.find(id: tree.grid.id) == tree.grid)
            #expect(try await regions.find(code: "331021101001-01") == tree.grid)
            #expect(try await regions.find(code: "nope") == nil)
            #expect(tree.grid.boundary?.ring.count == 5)
        }
    }

    @Test("a subtree holds the root and all its descendants and nothing else", arguments: TestEngine.available)
    func subtree(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let tree = try await SmallTree.make(in: database)
            let regions = RegionRepository(database: database)
            let township = try await regions.subtree(of: tree.township.id).map(\.code)
            #expect(township == ["331021101", "331021101001", "331021101001-01", "331021101001-01-1"])
            #expect(try await regions.subtree(of: tree.county.id).count == 6)
            #expect(try await regions.subtree(of: tree.otherTownship.id).map(\.id) == [tree.otherTownship.id])
            #expect(try await regions.isWithin(tree.subGrid.id, subtreeOf: tree.township.id))
            #expect(try await !regions.isWithin(tree.subGrid.id, subtreeOf: tree.otherTownship.id))
            #expect(try await regions.children(of: tree.county.id).map(\.code) == ["331021101", "331021102"])
            #expect(try await regions.count(level: .grid) == 2)
        }
    }

    @Test(
        "a code that is a prefix of another code does not pull the other into its subtree",
        arguments: TestEngine.available)
    func prefixCodesStayApart(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let regions = RegionRepository(database: database)
            let county = try await regions.create(NewRegion(code: "33", name: "甲县", level: .county, parentID: nil))
            let other = try await regions.create(NewRegion(code: "330", name: "乙县", level: .county, parentID: nil))
            _ = try await regions.create(NewRegion(code: "3301", name: "乙镇", level: .township, parentID: other.id))
            #expect(try await regions.subtree(of: county.id).map(\.code) == ["33"])
        }
    }

    @Test(
        "a duplicate code, a wrong level or a missing parent is refused and nothing is written",
        arguments: TestEngine.available)
    func refusals(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let tree = try await SmallTree.make(in: database)
            let regions = RegionRepository(database: database)
            await #expect(throws: RegionError.duplicateCode("331021101")) {
                try await regions.create(
                    NewRegion(code: "331021101", name: "重复", level: .township, parentID: tree.county.id))
            }
            await #expect(throws: RegionError.levelMismatch(child: .village, parent: .county)) {
                try await regions.create(NewRegion(code: "X1", name: "越级村", level: .village, parentID: tree.county.id))
            }
            await #expect(throws: RegionError.parentNotFound) {
                try await regions.create(NewRegion(code: "X2", name: "孤村", level: .village, parentID: Region.ID(9999)))
            }
            #expect(try await regions.count() == 6)
        }
    }
}
