import FengqiaoCore
import FengqiaoTestSupport
import Foundation
import SQLKit
import Testing

@testable import FengqiaoStore

@Suite("Outbox")
struct OutboxTests {
    let t0 = Date(timeIntervalSince1970: 1_763_254_800)

    private func register(
        _ world: CaseWorld, _ cases: CaseRepository, key: String, at time: Date? = nil
    ) async throws -> Case {
        try await cases.create(
            world.intake(title: "楼道堆物\(key)"), idempotencyKey: key, receivingCenter: world.center.id,
            by: world.desk, at: time ?? t0,
            trackingCode: Self.trackingCode(key)
        ).case
    }

    /// A distinct valid tracking code for each key number.
    static func trackingCode(_ key: String) -> String {
        let alphabet = CaseNumbering.trackingAlphabet
        let n = Int(key) ?? 0
        return "OUTBOX22" + String(alphabet[n / alphabet.count]) + String(alphabet[n % alphabet.count])
    }

    struct Rollback: Error {}

    @Test(
        "a notified change writes one row per webhook in its own transaction; others and failed changes write none",
        arguments: TestEngine.available)
    func rowsInTheCaseTransaction(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let cases = CaseRepository(database: database)
            let outbox = OutboxRepository(database: database)
            // Before any webhook is subscribed, nothing is written.
            let early = try await register(world, cases, key: "1")
            #expect(try await outbox.entries().isEmpty)

            try await outbox.subscribe(["crm", "sms"], at: t0)
            #expect(try await outbox.webhooks() == ["crm", "sms"])
            let registered = try await register(world, cases, key: "2")
            let rows = try await outbox.entries(of: registered.id)
            #expect(rows.map(\.kind) == ["case.registered", "case.registered"])
            #expect(Set(rows.map(\.webhook)) == ["crm", "sms"])
            #expect(rows.allSatisfy { $0.sequence == 1 && $0.deliveredAt == nil && $0.attempts == 0 })
            #expect(rows.allSatisfy { $0.nextAttemptAt == t0 && $0.createdAt == t0 })
            let notice = try JSONDecoder().decode(OutboxNotice.self, from: Data(rows[0].payload.utf8))
            #expect(notice.caseID == registered.id.rawValue && notice.caseNumber == registered.number)
            #expect(notice.state == "registered" && notice.trackingCode == registered.trackingCode)
            #expect(!rows[0].payload.contains("1234") && !rows[0].payload.contains("张三丰"), "no personal data")

            // An assessment is internal: no rows.
            let assessed = try await cases.act(
                .assess(
                    categoryCode: "livelihood.neighbour", urgency: .troublesome, difficulty: .ordinary,
                    competentLevel: .village), on: registered.id, expectedVersion: nil, by: world.desk, at: t0 + 60)
            #expect(try await outbox.entries(of: registered.id).count == 2)

            // A withdrawal that rolls back with its transaction leaves no row; the same withdrawal committed does.
            await #expect(throws: Rollback.self) {
                try await cases.write { writer in
                    _ = try await writer.act(
                        .withdraw(reason: "群众撤回"), on: registered.id, expectedVersion: nil, by: world.desk,
                        at: t0 + 120)
                    throw Rollback()
                }
            }
            #expect(try await outbox.entries(of: registered.id).count == 2)
            // A refused change (stale version) writes none either.
            await #expect(throws: CaseStoreError.self) {
                _ = try await cases.act(
                    .withdraw(reason: "群众撤回"), on: registered.id, expectedVersion: registered.version,
                    by: world.desk, at: t0 + 120)
            }
            #expect(try await outbox.entries(of: registered.id).count == 2)
            let withdrawn = try await cases.act(
                .withdraw(reason: "群众撤回"), on: registered.id, expectedVersion: assessed.version, by: world.desk,
                at: t0 + 180)
            let after = try await outbox.entries(of: registered.id)
            #expect(after.count == 4 && after.suffix(2).allSatisfy { $0.kind == "case.withdrawn" })
            let last = try JSONDecoder().decode(OutboxNotice.self, from: Data(after[3].payload.utf8))
            #expect(last.state == "withdrawn" && last.version == withdrawn.version)
            #expect(try await outbox.entries(of: early.id).isEmpty)
            #expect(try await outbox.backlog() == .init(undelivered: 4, oldestCreatedAt: t0))

            // Unsubscribing stops new rows and leaves the old ones out of the backlog.
            try await outbox.subscribe(["crm"], at: t0)
            #expect(try await outbox.backlog().undelivered == 2)
            _ = try await register(world, cases, key: "3")
            #expect(try await outbox.entries().filter { $0.webhook == "sms" }.count == 2)
        }
    }

    @Test(
        "two claimers never take the same row, a claimed row waits out its lease, and a delivered one is done",
        arguments: TestEngine.available)
    func claimingIsExclusive(engine: TestEngine) async throws {
        try await engine.withDatabase { database, open in
            let world = try await CaseWorld.make(in: database)
            let cases = CaseRepository(database: database)
            try await OutboxRepository(database: database).subscribe(["crm", "sms"], at: t0)
            for key in 1...12 { _ = try await register(world, cases, key: "\(key)") }
            let first = try open()
            let second = try open()
            let now = t0 + 10
            async let a = OutboxRepository(database: first).claim(
                dueAt: now, webhooks: ["crm", "sms"], limit: 5, lease: .seconds(60))
            async let b = OutboxRepository(database: second).claim(
                dueAt: now, webhooks: ["crm", "sms"], limit: 5, lease: .seconds(60))
            let (claimedA, claimedB) = try await (a, b)
            #expect(claimedA.count == 5 && claimedB.count == 5)
            #expect(Set(claimedA.map(\.id)).isDisjoint(with: claimedB.map(\.id)))
            // Many claimers at once over the rest: each row goes to exactly one.
            let rest = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for database in [first, second, first, second] {
                    group.addTask {
                        try await OutboxRepository(database: database).claim(
                            dueAt: now, webhooks: ["crm", "sms"], limit: 4, lease: .seconds(60)
                        ).map(\.id)
                    }
                }
                var all: [Int64] = []
                for try await ids in group { all += ids }
                return all
            }
            let all = claimedA.map(\.id) + claimedB.map(\.id) + rest
            #expect(all.count == 24 && Set(all).count == 24)
            let outbox = OutboxRepository(database: database)
            #expect(try await outbox.claim(dueAt: now + 59, webhooks: ["crm", "sms"], limit: 100).isEmpty)
            // A claimer that died: its rows are due again once the lease ran out (redelivered, never lost).
            try await outbox.markDelivered(claimedA[0].id, at: now + 1)
            let again = try await outbox.claim(dueAt: now + 61, webhooks: ["crm", "sms"], limit: 100)
            #expect(again.count == 23 && !again.contains { $0.id == claimedA[0].id })
            #expect(try await outbox.claim(dueAt: now + 61, webhooks: ["sms"], limit: 100).isEmpty)
            await first.close()
            await second.close()
        }
    }
}

@Suite("Outbox: the citizen's text messages")
struct CitizenMessageOutboxTests {
    let t0 = Date(timeIntervalSince1970: 1_763_254_800)

    @Test(
        "a message per sending step for the reporter who asked, in the case's transaction; their later choice wins",
        arguments: TestEngine.available)
    func messagesFollowTheChoice(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let cases = CaseRepository(database: database)
            let outbox = OutboxRepository(database: database)
            func register(_ key: String, sms: Bool) async throws -> Case {
                var intake = world.intake(title: "楼道堆物\(key)")
                intake.smsNotifications = sms ? true : nil
                return try await cases.create(
                    intake, idempotencyKey: key, receivingCenter: world.center.id, by: world.desk, at: t0,
                    trackingCode: OutboxTests.trackingCode(key)
                ).case
            }
            // Before a gateway is subscribed nothing is written, whatever the reporter asked.
            let early = try await register("1", sms: true)
            #expect(try await outbox.entries(of: early.id).isEmpty)

            try await outbox.subscribe(["crm", OutboxRepository.smsChannel], at: t0)
            let asked = try await register("2", sms: true)
            let quiet = try await register("3", sms: false)
            let rows = try await outbox.entries(of: asked.id).filter { $0.webhook == OutboxRepository.smsChannel }
            #expect(rows.map(\.kind) == ["case.registered"])
            let message = try JSONDecoder().decode(SMSMessage.self, from: Data(rows[0].payload.utf8))
            #expect(message.phone == "13812341234" && message.messageID == "\(asked.id.rawValue)-1")
            #expect(message.text.contains("已受理") && message.text.contains(asked.trackingCode))
            #expect(message.parameters == ["number": asked.number, "trackingCode": asked.trackingCode])
            // The webhook's notice still goes out, without personal data; the quiet reporter gets no message.
            #expect(try await outbox.entries(of: asked.id).map(\.webhook).sorted() == ["crm", "sms:citizen"])
            #expect(try await outbox.entries(of: quiet.id).map(\.webhook) == ["crm"])
            let askedWants = try await outbox.wantsMessages(asked)
            let quietWants = try await outbox.wantsMessages(quiet)
            #expect(askedWants && !quietWants)

            // The quiet reporter opts in, the other out: the next sending step (a dispatch) follows the choice.
            try await outbox.setWantsMessages(false, for: asked.id, at: t0 + 10)
            try await outbox.setWantsMessages(true, for: quiet.id, at: t0 + 10)
            for current in [asked, quiet] {
                _ = try await cases.act(
                    .assess(
                        categoryCode: nil, urgency: .troublesome, difficulty: .ordinary, competentLevel: .township),
                    on: current.id, expectedVersion: nil, by: world.desk, at: t0 + 20)
                _ = try await cases.act(
                    .dispatch(lead: world.department.id, assisting: [], whistle: nil), on: current.id,
                    expectedVersion: nil, by: world.desk, at: t0 + 30)
            }
            let sms = { (id: Case.ID) in
                try await outbox.entries(of: id).filter { $0.webhook == OutboxRepository.smsChannel }.map(\.kind)
            }
            #expect(try await sms(asked.id) == ["case.registered"])
            #expect(try await sms(quiet.id) == ["case.dispatched"])
        }
    }
}
