import FengqiaoCore
import FengqiaoTestSupport
import Foundation
import SQLKit
import Testing

@testable import FengqiaoStore

/// A write transaction held open until released: the database writer busy (on SQLite, the one writer).
private struct HeldWriter {
    let task: Task<Void, any Error>
    let release: AsyncStream<Void>.Continuation

    /// Returns once the transaction has begun.
    static func hold(_ database: Database) async -> HeldWriter {
        let (begun, didBegin) = AsyncStream<Void>.makeStream()
        let (released, release) = AsyncStream<Void>.makeStream()
        let task = Task {
            try await database.transaction { _ in
                didBegin.yield()
                for await _ in released { break }
            }
        }
        for await _ in begun { break }
        return HeldWriter(task: task, release: release)
    }

    func end() async throws {
        release.yield()
        release.finish()
        try await task.value
    }
}

/// The time limits turn a record that waits for the held writer (a hang) into a failure; they are generous because
/// a whole parallel run of the suites takes minutes on a small machine.
@Suite("Access log")
struct AccessLogTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func entry(_ index: Int) -> AccessLogRepository.Entry {
        .init(
            at: now + Double(index), userID: nil, username: "reader\(index)", action: "case.view", caseID: nil,
            detail: "personal data shown", requestID: "req-\(index)")
    }

    func rows(_ database: Database) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("access_log")
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    @Test(
        "recording an entry does not wait for the database writer; the log answers with it once written",
        .timeLimit(.minutes(10)), arguments: TestEngine.available)
    func recordDoesNotWaitForTheWriter(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let log = AccessLogRepository(database: database)
            let held = await HeldWriter.hold(database)
            // With the writer held, this returns at once (it used to wait for the writer: the test would time out).
            try await log.record(entry(1))
            try await log.record(entry(2))
            if engine == .sqlite {
                #expect(try await rows(database) == 0)
                #expect(await log.writer.pending == 2)
            }
            try await held.end()
            // The log's readers see every entry recorded before they asked: `recent` waits for them to be written.
            let recent = try await log.recent()
            #expect(recent.map(\.username) == ["reader2", "reader1"])
            #expect(await log.writer.pending == 0)
            #expect(try await rows(database) == 2)
        }
    }

    @Test(
        "a full queue makes the next reader wait until the writer has written a batch", .timeLimit(.minutes(10)),
        arguments: TestEngine.available)
    func backpressure(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let log = AccessLogRepository(database: database, capacity: 2)
            let held = await HeldWriter.hold(database)
            try await log.record(entry(1))
            try await log.record(entry(2))
            let third = Task { try await log.record(entry(3)) }
            // The third waits for room (on PostgreSQL the first two may already be written, and it does not wait).
            if engine == .sqlite { await log.writer.untilWaitingForRoom(1) }
            try await held.end()
            try await third.value
            try await log.flush()
            #expect(try await rows(database) == 3)
            #expect(try await log.recent().map(\.username) == ["reader3", "reader2", "reader1"])
        }
    }

    @Test(
        "flush writes everything recorded, in order, in as few transactions as the queue allows",
        .timeLimit(.minutes(10)), arguments: TestEngine.available)
    func flushWritesEverything(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let log = AccessLogRepository(database: database)
            try await log.flush()
            let held = await HeldWriter.hold(database)
            for index in 1...300 { try await log.record(entry(index)) }
            try await held.end()
            try await log.flush()
            #expect(await log.writer.pending == 0)
            #expect(try await rows(database) == 300)
            let recent = try await log.recent(limit: 300)
            #expect(recent.map(\.requestID) == (1...300).reversed().map { "req-\($0)" })
            if engine == .sqlite { #expect(await log.writer.transactions <= 2) }
        }
    }
}
