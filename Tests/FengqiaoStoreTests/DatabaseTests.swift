import FengqiaoCore
import FengqiaoTestSupport
import Testing

@testable import FengqiaoStore

@Suite("Database")
struct DatabaseTests {
    @Test("a failing transaction leaves nothing behind", arguments: TestEngine.available)
    func rollback(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await database.transaction { sql in
                    _ = try await RegionRepository.create(
                        NewRegion(code: "1", name: "甲县", level: .county, parentID: nil), in: sql)
                    throw Boom()
                }
            }
            let remaining = try await RegionRepository(database: database).count()
            #expect(remaining == 0)
        }
    }

    @Test("many concurrent writers all commit, none fails with a busy database", arguments: TestEngine.available)
    func concurrentWriters(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let regions = RegionRepository(database: database)
            let county = try await regions.create(NewRegion(code: "1", name: "甲县", level: .county, parentID: nil))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        _ = try await regions.create(
                            NewRegion(code: "1-\(index)", name: "镇\(index)", level: .township, parentID: county.id))
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await regions.count(level: .township) == 40)
        }
    }

    @Test("the database answers a ping and reports its engine", arguments: TestEngine.available)
    func ping(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            #expect(await database.ping())
            #expect(database.engine.rawValue == engine.rawValue)
        }
    }
}
