import FengqiaoCore
import FengqiaoTestSupport
import Foundation
import Testing

@testable import FengqiaoStore

@Suite("Abuse counters")
struct AbuseCounterTests {
    let t0 = Date(timeIntervalSince1970: 1_763_254_800)

    @Test(
        "a counter counts attempts in a window that starts with the first, then starts again",
        arguments: TestEngine.available)
    func window(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let counters = AbuseCounterRepository(database: database)
            #expect(try await counters.hit("a", window: 60, at: t0) == 1)
            #expect(try await counters.hit("a", window: 60, at: t0.addingTimeInterval(30)) == 2)
            #expect(try await counters.count("a", window: 60, at: t0.addingTimeInterval(31)) == 2)
            #expect(try await counters.count("b", window: 60, at: t0) == 0)
            try await counters.undo("a")
            #expect(try await counters.count("a", window: 60, at: t0.addingTimeInterval(31)) == 1)
            // The window began at t0: at t0 + 60 it is over and the next attempt is the first of a new one.
            #expect(try await counters.count("a", window: 60, at: t0.addingTimeInterval(60)) == 0)
            #expect(try await counters.hit("a", window: 60, at: t0.addingTimeInterval(60)) == 1)
            try await counters.reset("a")
            #expect(try await counters.count("a", window: 60, at: t0.addingTimeInterval(61)) == 0)
        }
    }

    @Test(
        "parallel attempts are each counted once: 40 at once get 40 different counts (no check-then-record race)",
        arguments: TestEngine.available)
    func parallel(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let counters = AbuseCounterRepository(database: database)
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<40 { group.addTask { try await counters.hit("signin.user:x", window: 900, at: t0) } }
                var all: [Int] = []
                for try await count in group { all.append(count) }
                return all
            }
            #expect(counts.sorted() == Array(1...40))
        }
    }

    @Test(
        "counts live in the database: a second repository on it (another instance, or after a restart) sees them",
        arguments: TestEngine.available)
    func sharedAcrossInstances(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            for _ in 0..<3 { _ = try await AbuseCounterRepository(database: database).hit("k", window: 600, at: t0) }
            #expect(try await AbuseCounterRepository(database: database).count("k", window: 600, at: t0) == 3)
        }
    }
}
