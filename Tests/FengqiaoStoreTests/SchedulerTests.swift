import FengqiaoCore
import FengqiaoStore
import FengqiaoTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Deadline scheduler")
struct SchedulerTests {
    /// A Monday morning, 2026-11-16 09:00 in China; the demo calendar counts whole working days.
    let t0 = Date(timeIntervalSince1970: 1_763_254_800)
    let hour: TimeInterval = 3600

    private func register(
        _ world: CaseWorld, _ cases: CaseRepository, key: String, category: String? = nil
    )
        async throws -> Case
    {
        var intake = world.intake(title: "噪音扰民\(key)")
        intake.categoryCode = category
        return try await cases.create(
            intake, idempotencyKey: key, receivingCenter: world.center.id, by: world.desk, at: t0,
            trackingCode: "SCHED\(String(repeating: "2", count: 5 - min(5, key.count)))\(key.suffix(5))"
        ).case
    }

    private func assess(_ world: CaseWorld, _ cases: CaseRepository, _ id: Case.ID) async throws {
        _ = try await cases.act(
            .assess(
                categoryCode: "livelihood.neighbour", urgency: .troublesome, difficulty: .ordinary,
                competentLevel: .village), on: id, expectedVersion: nil, by: world.desk, at: t0 + 0.5 * hour)
    }

    private func alerts(_ cases: CaseRepository, _ id: Case.ID) async throws -> [ClockAlert] {
        try await cases.events(of: id).compactMap {
            if case .clockAlerted(let alert) = $0.change { alert } else { nil }
        }
    }

    @Test(
        "a deadline fires once, at its time, also when the server was down when it fell due",
        arguments: TestEngine.available)
    func firesOnceAcrossARestart(engine: TestEngine) async throws {
        try await engine.withDatabase { database, open in
            let world = try await CaseWorld.make(in: database)
            let registered = try await register(world, CaseRepository(database: database), key: "once")
            // Registered by staff: the respond clock stopped; the 24-hour start clock runs (yellow at 18 h).
            let first = try open()
            let before = try await DeadlineScheduler(database: first, cases: CaseRepository(database: first))
                .tick(at: t0 + hour)
            #expect(before == .init(cases: 0, alerts: 0, failures: 0))
            #expect(
                try await DeadlineScheduler(database: first, cases: CaseRepository(database: first)).nextDue() == t0
                    + 18 * hour)
            await first.close()

            // Down from hour 1 to hour 30: both the yellow (18 h) and the red (24 h) alert fell due meanwhile.
            let second = try open()
            let cases = CaseRepository(database: second)
            let scheduler = DeadlineScheduler(database: second, cases: cases)
            let caughtUp = try await scheduler.tick(at: t0 + 30 * hour)
            #expect(caughtUp == .init(cases: 1, alerts: 1, failures: 0))
            #expect(try await scheduler.tick(at: t0 + 30 * hour).cases == 0)
            #expect(try await scheduler.tick(at: t0 + 300 * hour).cases == 0)
            let fired = try await alerts(cases, registered.id)
            #expect(fired.map(\.level) == [.red] && fired.map(\.kind) == [.start])
            let found = try #require(try await cases.find(id: registered.id))
            #expect(found.supervisions.count == 1 && found.supervisions[0].organisationID == world.center.id)
            #expect(try await CaseChainVerifier(database: second).verifyAll().problems.isEmpty)
            // Charged to the center that held it, and on the overdue list of those above.
            let path = try #require(try await RegionRepository(database: second).path(of: world.tree.county.id))
            let charges = try await ChargeRepository(database: second).summary(
                jurisdictionPaths: [path], from: nil, to: nil)
            #expect(charges.map(\.organisationID) == [world.center.id] && charges.first?.overdue == 1)
            var overdue = CaseRepository.Filter()
            overdue.overdueAt = t0 + 30 * hour
            let visibility = CaseRepository.Visibility(jurisdictionPaths: [path], organisationIDs: [])
            #expect(
                try await cases.list(overdue, visibleTo: visibility, limit: 10, after: nil).map(\.id) == [registered.id]
            )
            overdue.overdueAt = t0 + hour
            #expect(try await cases.list(overdue, visibleTo: visibility, limit: 10, after: nil).isEmpty)
            await second.close()
        }
    }

    @Test("two instances on one database raise each of many alerts exactly once", arguments: TestEngine.available)
    func twoInstancesFireEachOnce(engine: TestEngine) async throws {
        try await engine.withDatabase { database, open in
            let world = try await CaseWorld.make(in: database)
            let cases = CaseRepository(database: database)
            var ids: [Case.ID] = []
            for index in 0..<40 { ids.append(try await register(world, cases, key: "k\(index)").id) }
            let a = try open()
            let b = try open()
            let due = t0 + 30 * hour
            async let first = DeadlineScheduler(database: a, cases: CaseRepository(database: a)).tick(at: due)
            async let second = DeadlineScheduler(database: b, cases: CaseRepository(database: b)).tick(at: due)
            let (one, two) = try await (first, second)
            #expect(one.failures == 0 && two.failures == 0)
            #expect(one.cases + two.cases == 40 && one.alerts + two.alerts == 40)
            for id in ids {
                let fired = try await alerts(cases, id)
                #expect(fired.count == 1, "case \(id) has \(fired.count) alerts")
            }
            #expect(try await CaseChainVerifier(database: database).verifyAll().problems.isEmpty)
            await a.close()
            await b.close()
        }
    }

    @Test(
        "a case that cannot be handled is set aside and the others of its batch still fire",
        arguments: TestEngine.available)
    func badCaseDoesNotStopItsBatch(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let cases = CaseRepository(database: database)
            var ids: [Case.ID] = []
            // More than one batch, so that the failing batch is followed by another.
            for index in 0..<(DeadlineScheduler.batchSize + 10) {
                ids.append(try await register(world, cases, key: "b\(index)").id)
            }
            let bad = ids[3]
            try await database.withConnection { sql in
                try await sql.update("cases").set("snapshot", to: "{not json").where("id", .equal, bad.rawValue).run()
            }
            let scheduler = DeadlineScheduler(database: database, cases: cases)
            let tick = try await scheduler.tick(at: t0 + 30 * hour)
            #expect(tick.failures == 1 && tick.cases == ids.count - 1 && tick.alerts == ids.count - 1)
            for id in ids where id != bad {
                #expect(try await alerts(cases, id).count == 1, "case \(id)")
            }
            // The bad case stays due: the next tick tries it again, and fails it again without touching the others.
            let again = try await scheduler.tick(at: t0 + 30 * hour)
            #expect(again == .init(cases: 0, alerts: 0, failures: 1))
        }
    }

    @Test(
        "三级调解: a village dispute moves up to the township by itself after its third unsuccessful session, or when its time runs out",
        arguments: TestEngine.available)
    func ladderMovesUp(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let committee = try await OrganisationRepository(database: database).create(
                NewOrganisation(name: "上林村人民调解委员会", kind: .mediationCommittee, regionID: world.tree.village.id))
            let villagePath = try #require(
                try await RegionRepository(database: database).path(of: world.tree.village.id))
            let mediator = Actor.staff(
                userID: 9, username: "mediator", displayName: "老王",
                grants: [.init(role: .mediator, organisationID: committee.id, jurisdictionPath: villagePath)])
            let cases = CaseRepository(database: database)

            let byHand = try await register(world, cases, key: "ladder1", category: "livelihood.neighbour")
            #expect(byHand.timing.ladder?.ladder.code == "three-level" && byHand.timing.ladder?.step.level == .township)
            try await assess(world, cases, byHand.id)
            var current = try await cases.act(
                .dispatch(lead: committee.id, assisting: [], whistle: nil), on: byHand.id, expectedVersion: nil,
                by: world.desk, at: t0 + hour)
            #expect(
                current.timing.ladder?.step.level == .village, "a dispatch to the village committee places it there")
            current = try await cases.act(.accept, on: byHand.id, expectedVersion: nil, by: mediator, at: t0 + 2 * hour)
            for session in 1...3 {
                current = try await cases.act(
                    .recordSession(result: .failed, heldAt: nil, note: "第\(session)次调解未成功"), on: byHand.id,
                    expectedVersion: nil, by: mediator, at: t0 + Double(session) * 24 * hour)
            }
            let file = try await cases.events(of: byHand.id).map(\.change.name)
            #expect(Array(file.suffix(3)) == ["sessionHeld", "ladderExhausted", "ladderClimbed"])
            #expect(current.state == .returned && current.holderOrganisationID == world.center.id)
            #expect(current.timing.ladder?.step.level == .township && current.participants.isEmpty)

            // The village level's 15 days run out with no session: the scheduler moves it.
            let byTime = try await register(world, cases, key: "ladder2", category: "livelihood.neighbour")
            try await assess(world, cases, byTime.id)
            _ = try await cases.act(
                .dispatch(lead: committee.id, assisting: [], whistle: nil), on: byTime.id, expectedVersion: nil,
                by: world.desk, at: t0 + hour)
            _ = try await cases.act(.accept, on: byTime.id, expectedVersion: nil, by: mediator, at: t0 + 2 * hour)
            let tick = try await DeadlineScheduler(database: database, cases: cases).tick(at: t0 + 16 * 24 * hour)
            #expect(tick.failures == 0 && tick.cases >= 1)
            let moved = try #require(try await cases.find(id: byTime.id))
            #expect(moved.state == .returned && moved.timing.ladder?.step.level == .township)
            let names = try await cases.events(of: byTime.id).map(\.change.name)
            #expect(names.contains("ladderExhausted") && names.last == "ladderClimbed")
            #expect(try await CaseChainVerifier(database: database).verifyAll().problems.isEmpty)
        }
    }
}
