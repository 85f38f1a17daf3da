import FengqiaoCore
import FengqiaoDemo
import FengqiaoTestSupport
import Foundation
import Testing

@testable import FengqiaoStore

@Suite("Demo county in the database")
struct DemoWriterTests {
    @Test("the whole demo county goes in, with every reference resolved", arguments: TestEngine.available)
    func writesDemoCounty(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let county = DemoCounty.generate()
            let hashes = Dictionary(uniqueKeysWithValues: county.users.map { ($0.username, "hash") })
            let counts = try await StructureWriter.write(county.structure, hashes: hashes, now: Date(), into: database)
            #expect(counts.regions == county.regions.count)
            #expect(counts.organisations == county.organisations.count)
            #expect(counts.users == county.users.count)
            #expect(counts.mediators == county.mediators.count)
            let regions = RegionRepository(database: database)
            #expect(try await regions.count(level: .grid) == county.regions.filter { $0.level == .grid }.count)
            let countyRegion = try #require(try await regions.find(code: county.regions[1].code))
            #expect(try await regions.subtree(of: countyRegion.id).count == county.regions.count - 1)
            let grid = try #require(try await UserRepository(database: database).find(username: "taoyuan.grid"))
            #expect(grid.holds(.gridWorker))
            let jurisdiction = try #require(try await regions.find(id: grid.grants[0].jurisdictionID))
            #expect(jurisdiction.level == .grid)
        }
    }

    @Test("a demo county that refers to a missing organisation is refused whole", arguments: TestEngine.available)
    func refusesBrokenReferenceWhole(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            var county = DemoCounty.generate()
            county.mediators[0].organisationKey = "no.such.key"
            let hashes = Dictionary(uniqueKeysWithValues: county.users.map { ($0.username, "hash") })
            await #expect(throws: StoreError.notFound("organisation no.such.key")) {
                try await StructureWriter.write(county.structure, hashes: hashes, now: Date(), into: database)
            }
            let remaining = try await RegionRepository(database: database).count()
            #expect(remaining == 0)
        }
    }
}
