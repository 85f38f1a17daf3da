import FengqiaoCore
import FengqiaoTestSupport
import Foundation
import Testing

@testable import FengqiaoStore

@Suite("Time-limit versions and the uploaded calendar")
struct TimeLimitVersionTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let author = TimeLimitRepository.Author(userID: nil, name: "县管理员")

    private func sevenDays() -> TimeLimitPolicy {
        var policy = TimeLimitPolicy.standard
        policy.name = "七个工作日办结"
        policy.limits[.finish] = .workingDays(7)
        return policy
    }

    @Test(
        "the shipped rules are the first versions; a scheduled version applies from its date, can be withdrawn before, not after",
        arguments: TestEngine.available)
    func versions(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let repository = TimeLimitRepository(database: database)
            #expect(try await repository.book(at: now) == TimeLimitBook.defaults)
            let tomorrow = now.addingTimeInterval(86_400)
            let version = try await repository.save(sevenDays(), effectiveFrom: tomorrow, by: author, at: now)
            #expect(version.createdBy == "县管理员" && version.effectiveFrom == tomorrow)
            #expect(try await repository.book(at: now).policies.first { $0.code == "standard" } == .standard)
            #expect(try await repository.book(at: tomorrow).policies.first { $0.code == "standard" } == sevenDays())
            let history = try await repository.history()
            #expect(history.status(of: version, at: now) == .scheduled)
            // Not in the past.
            await #expect(throws: TimeLimitError.effectiveInPast) {
                try await repository.save(sevenDays(), effectiveFrom: now.addingTimeInterval(-3600), at: now)
            }
            // Withdrawn before it takes effect: it never applies.
            try await repository.withdraw(version: version.id, by: author, at: now)
            #expect(try await repository.book(at: tomorrow).policies.first { $0.code == "standard" } == .standard)
            await #expect(throws: TimeLimitError.notScheduled) {
                try await repository.withdraw(version: version.id, at: now)
            }
            // A version in force cannot be withdrawn.
            let inForce = try await repository.save(sevenDays(), at: now)
            await #expect(throws: TimeLimitError.notScheduled) {
                try await repository.withdraw(version: inForce.id, at: now.addingTimeInterval(1))
            }
            // A retirement is a version: the ladder is gone from then on, still there before.
            try await repository.deleteLadder(code: "three-level", by: author, at: tomorrow)
            #expect(try await repository.book(at: tomorrow).ladders.map(\.code) == ["three-two-one"])
            #expect(try await repository.book(at: now).ladders.count == 2)
            await #expect(throws: TimeLimitError.notFound) {
                try await repository.deleteLadder(code: "three-level", at: tomorrow)
            }
        }
    }

    @Test(
        "a case keeps the version that applied when it was registered, even when re-assessed after a new version; a new case takes the new one",
        arguments: TestEngine.available)
    func caseKeepsItsVersion(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let cases = CaseRepository(database: database)
            let repository = TimeLimitRepository(database: database)
            let old = try await cases.create(
                world.intake(), idempotencyKey: "old", receivingCenter: world.center.id, by: world.desk, at: now,
                trackingCode: "ABCDEFGH31"
            ).case
            #expect(old.timing.limits?.policy.limits[.finish] == .workingDays(5))
            let later = now.addingTimeInterval(3600)
            try await repository.save(sevenDays(), effectiveFrom: later, by: author, at: now)
            // Re-assessed after the new version took effect: still the version of its registration.
            let assessed = try await cases.act(
                .assess(categoryCode: nil, urgency: .troublesome, difficulty: .simple, competentLevel: .township),
                on: old.id, expectedVersion: old.version, by: world.desk, at: later.addingTimeInterval(60))
            #expect(assessed.timing.limits?.policy.limits[.finish] == .workingDays(5))
            // Re-assessed as urgent: the urgent policy of its day (the urgent one did not change).
            let urgent = try await cases.act(
                .assess(categoryCode: nil, urgency: .urgent, difficulty: .simple, competentLevel: .township),
                on: old.id, expectedVersion: assessed.version, by: world.desk, at: later.addingTimeInterval(120))
            #expect(urgent.timing.limits?.policy.code == "urgent")
            let new = try await cases.create(
                world.intake(), idempotencyKey: "new", receivingCenter: world.center.id, by: world.desk,
                at: later.addingTimeInterval(60), trackingCode: "ABCDEFGH32"
            ).case
            #expect(new.timing.limits?.policy.limits[.finish] == .workingDays(7))
        }
    }

    @Test(
        "uploaded calendar years are kept per year, replace a re-uploaded year, and lay over the configured calendar",
        arguments: TestEngine.available)
    func calendarYears(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let repository = CalendarRepository(database: database)
            #expect(try await repository.years().isEmpty)
            // MADE-UP FIXTURE: a fictitious 2031, not an official schedule.
            let parsed = try CalendarUpload.parse("2031-01-01,holiday,元旦\n2031-01-04,workday,元旦调休上班\n")
            try await repository.save(parsed.years, source: "a.csv", byUserID: nil, byName: "县管理员", at: now)
            let again = try CalendarUpload.parse("2031-01-02,holiday,元旦\n")
            try await repository.save(again.years, source: "b.csv", byUserID: nil, byName: "县管理员", at: now)
            let years = try await repository.years()
            #expect(years.map(\.year) == [2031])
            #expect(years.first?.source == "b.csv" && years.first?.holidays == 1 && years.first?.workdays == 0)
            let live = LiveCalendar(.mainland)
            #expect(live.current.years == 2025...2026)
            try await live.reload(from: repository)
            #expect(live.current.years == 2025...2031)
            #expect(!live.current.isWorkingDay(WorkingCalendar.CivilDate(year: 2031, month: 1, day: 2)!))
            #expect(try await repository.delete(year: 2031))
            #expect(try await repository.delete(year: 2031) == false)
            try await live.reload(from: repository)
            #expect(live.current.years == 2025...2026)
        }
    }
}
