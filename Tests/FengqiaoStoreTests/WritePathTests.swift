import FengqiaoCore
import FengqiaoTestSupport
import Foundation
import SQLKit
import Testing

@testable import FengqiaoStore

/// The rows a case occupies beside its snapshot, read back and compared with what its snapshot and its file say: a
/// change writes only what it changed, so after every change these must still be what writing everything again from
/// the case would give.
enum StoredCase {
    static func expectConsistent(
        _ id: Case.ID, in database: Database, calendar: WorkingCalendar = .mainland,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        try await database.withConnection { sql in
            let row = try #require(
                try await sql.select()
                    .columns(
                        "snapshot", "head_hash", "facts", "metric_flags", "resolved_at", "version", "state",
                        "next_due_at", "holder_organisation_id", "category_code"
                    )
                    .from("cases").where("id", .equal, id.rawValue).first(), sourceLocation: sourceLocation)
            let current = try CaseRepository.decodeSnapshot(row)
            let file = try await CaseRepository.events(of: id, in: sql)
            #expect(CaseLifecycle.replay(file) == current, sourceLocation: sourceLocation)
            #expect(try row.decode(column: "version", as: Int.self) == current.version, sourceLocation: sourceLocation)
            #expect(
                try row.decode(column: "state", as: String.self) == current.state.rawValue,
                sourceLocation: sourceLocation)
            #expect(
                try row.decode(column: "next_due_at", as: Int64?.self)
                    == CaseClocks.nextDue(of: current, calendar: calendar)?.unixMilliseconds,
                sourceLocation: sourceLocation)
            #expect(
                try row.decode(column: "holder_organisation_id", as: Int64?.self)
                    == current.holderOrganisationID?.rawValue, sourceLocation: sourceLocation)
            #expect(
                try row.decode(column: "category_code", as: String?.self) == current.categoryCode,
                sourceLocation: sourceLocation)

            // The chain's head is the last event's hash.
            let last = try await sql.select().column("hash").from("case_events").where("case_id", .equal, id.rawValue)
                .orderBy("sequence", .descending).limit(1).first(decodingColumn: "hash", as: String.self)
            #expect(try row.decode(column: "head_hash", as: String.self) == last, sourceLocation: sourceLocation)

            // The facts and what is summed from them.
            var facts = try #require(CaseFacts(events: file), sourceLocation: sourceLocation)
            facts.deadline = CaseClocks.finishDeadline(of: current, calendar: calendar)
            let stored = try CaseCodec.decoder.decode(
                CaseFacts.self, from: Data(try row.decode(column: "facts", as: String.self).utf8))
            #expect(stored == facts, sourceLocation: sourceLocation)
            #expect(
                try row.decode(column: "metric_flags", as: Int64.self) == Int64(CoreRates.conditions(of: facts)),
                sourceLocation: sourceLocation)
            #expect(
                try row.decode(column: "resolved_at", as: Int64?.self)
                    == (facts.isResolved ? facts.resolvedAt?.unixMilliseconds : nil), sourceLocation: sourceLocation)
            let metricRows = try await sql.select()
                .columns("organisation_id", "created_at", "region_path", "metric_flags")
                .from("case_metric_organisations").where("case_id", .equal, id.rawValue).orderBy("organisation_id")
                .all()
                .map {
                    "\(try $0.decode(column: "organisation_id", as: Int64.self)) "
                        + "\(try $0.decode(column: "created_at", as: Int64.self)) "
                        + "\(try $0.decode(column: "region_path", as: String.self)) "
                        + "\(try $0.decode(column: "metric_flags", as: Int64.self))"
                }
            let conditions = CoreRates.conditions(of: facts)
            #expect(
                metricRows
                    == facts.organisationIDs.sorted().map {
                        "\($0.rawValue) \(facts.registeredAt.unixMilliseconds) \(facts.regionPath) \(conditions)"
                    }, sourceLocation: sourceLocation)

            // Who reads it.
            let readers = try await sql.select().column("organisation_id").from("case_organisations")
                .where("case_id", .equal, id.rawValue).all()
                .map { Organisation.ID(try $0.decode(column: "organisation_id", as: Int64.self)) }
            #expect(Set(readers) == CaseVisibility.readerOrganisations(of: current), sourceLocation: sourceLocation)
            #expect(readers.count == Set(readers).count, sourceLocation: sourceLocation)

            // The alerts still to raise.
            let deadlines = try await sql.select().columns("clock", "level", "clock_started_at", "due_at")
                .from("deadlines").where("case_id", .equal, id.rawValue).all()
                .map {
                    "\(try $0.decode(column: "clock", as: String.self)) \(try $0.decode(column: "level", as: String.self)) "
                        + "\(try $0.decode(column: "clock_started_at", as: Int64.self)) "
                        + "\(try $0.decode(column: "due_at", as: Int64.self))"
                }
            let expected = CaseClocks.deadlines(of: current, calendar: calendar).map {
                "\($0.kind.rawValue) \($0.level.rawValue) \($0.clockStartedAt.unixMilliseconds) "
                    + "\($0.dueAt.unixMilliseconds)"
            }
            #expect(deadlines.sorted() == expected.sorted(), sourceLocation: sourceLocation)

            // Mediation beside the file: every mediator who took part stays; the open dated terms.
            let mediators = try await sql.select().column("mediator_id").from("case_mediators")
                .where("case_id", .equal, id.rawValue).all()
                .map { Mediator.ID(try $0.decode(column: "mediator_id", as: Int64.self)) }
            #expect(Set(mediators).isSuperset(of: CaseRows.mediators(of: current)), sourceLocation: sourceLocation)
            let tasks = try await sql.select().columns("term", "due_at").from("fulfilment_tasks")
                .where("case_id", .equal, id.rawValue).orderBy("term").all()
                .map {
                    "\(try $0.decode(column: "term", as: Int.self)) \(try $0.decode(column: "due_at", as: Int64.self))"
                }
            let open =
                current.state == .withdrawn || current.state == .merged
                ? []
                : current.mediation.openTerms.compactMap { index, term in
                    term.dueDate.map { "\(index) \($0.unixMilliseconds)" }
                }
            #expect(tasks == open, sourceLocation: sourceLocation)
        }
    }
}

@Suite("Write path")
struct WritePathTests {
    /// A Monday morning, 2026-11-16 09:00 in China.
    let t0 = Date(timeIntervalSince1970: 1_763_254_800)
    let hour: TimeInterval = 3600

    /// A case registered, assessed and dispatched to the world's department, with one webhook subscribed (so that
    /// the outbox is written too).
    private func dispatched(_ world: CaseWorld, _ database: Database, key: String) async throws -> Case.ID {
        let cases = CaseRepository(database: database)
        try await OutboxRepository(database: database).subscribe(["audit"], at: t0)
        let id = try await cases.create(
            world.intake(title: "噪音扰民\(key)"), idempotencyKey: key, receivingCenter: world.center.id, by: world.desk,
            at: t0, trackingCode: "WRITE2345\(key.count)"
        ).case.id
        _ = try await cases.act(
            .assess(categoryCode: nil, urgency: .urgent, difficulty: .simple, competentLevel: .township), on: id,
            expectedVersion: nil, by: world.desk, at: t0 + 60)
        _ = try await cases.act(
            .dispatch(lead: world.department.id, assisting: [], whistle: nil), on: id, expectedVersion: nil,
            by: world.desk, at: t0 + 120)
        return id
    }

    @Test("one 接单 runs at most 6 statements between BEGIN and COMMIT", arguments: TestEngine.available)
    func acceptStatements(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let id = try await dispatched(world, database, key: "count")
            let statements = try await database.transaction { [dialect = database.dialect] sql in
                let counter = StatementCounter(sql)
                let accepted = try await CaseWriter(sql: counter, dialect: dialect, calendar: .mainland)
                    .act(.accept, on: id, expectedVersion: nil, by: world.handler, at: t0 + 180)
                #expect(accepted.state == .accepted)
                return counter.statements
            }
            print("接单 on \(engine): \(statements.count) statements\n" + statements.joined(separator: "\n"))
            #expect(statements.count <= 6, "\(statements.joined(separator: "\n"))")
            let outbox = try await OutboxRepository(database: database).entries(of: id)
            #expect(outbox.last?.kind == "case.accepted" && outbox.last?.webhook == "audit")
            try await StoredCase.expectConsistent(id, in: database)
        }
    }

    @Test(
        "after every change the rows beside the case equal what its snapshot and file say",
        arguments: TestEngine.available)
    func rowsFollowTheCase(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let cases = CaseRepository(database: database)
            let police = try await OrganisationRepository(database: database).create(
                NewOrganisation(name: "青溪镇派出所", kind: .department, regionID: world.tree.township.id))
            let townshipPath = try #require(
                try await RegionRepository(database: database).path(of: world.tree.township.id))
            let officer = Actor.staff(
                userID: 4, username: "officer", displayName: "周警官",
                grants: [.init(role: .departmentHandler, organisationID: police.id, jurisdictionPath: townshipPath)])
            try await OutboxRepository(database: database).subscribe(["audit", "county"], at: t0)
            let id = try await cases.create(
                world.intake(), idempotencyKey: "rows", receivingCenter: world.center.id, by: world.desk, at: t0,
                trackingCode: "ROWS234567"
            ).case.id
            try await StoredCase.expectConsistent(id, in: database)
            var at = t0
            func act(_ command: CaseCommand, by actor: Actor) async throws {
                at += hour
                _ = try await cases.act(command, on: id, expectedVersion: nil, by: actor, at: at)
                try await StoredCase.expectConsistent(id, in: database)
            }
            try await act(
                .assess(categoryCode: nil, urgency: .urgent, difficulty: .simple, competentLevel: .township),
                by: world.desk)
            try await act(.dispatch(lead: world.department.id, assisting: [police.id], whistle: .quick), by: world.desk)
            try await act(.giveBack(reason: "非本单位职责"), by: officer)
            try await act(.accept, by: world.handler)
            try await act(.addProgress(note: "已约谈双方"), by: world.handler)
            try await act(.requestExtension(workingDays: 3, reason: "需现场测量"), by: world.handler)
            try await act(.decideExtension(approved: true, note: nil), by: world.desk)
            try await act(.resolve(outcome: .partlySolved, summary: "部分解决"), by: world.handler)
            try await act(.followUp(satisfaction: .dissatisfied, note: "仍有噪音"), by: world.desk)
            try await act(.resolve(outcome: .solved, summary: "已解决"), by: world.handler)
            try await act(.followUp(satisfaction: .satisfied, note: nil), by: world.desk)
            try await act(.close, by: world.desk)
            try await act(.reopen(reason: "又起争执"), by: world.desk)

            // The scheduler raises the alerts of the reopened case's clocks, a month later.
            let scheduler = DeadlineScheduler(database: database, cases: cases)
            let tick = try await scheduler.tick(at: at + 30 * 24 * hour)
            #expect(tick.alerts > 0 && tick.failures == 0)
            try await StoredCase.expectConsistent(id, in: database)

            // A duplicate merged into it: both cases change together.
            let duplicate = try await cases.create(
                world.intake(title: "楼上装修噪音"), idempotencyKey: "rows-dup", receivingCenter: world.center.id,
                by: world.desk, at: at, trackingCode: "ROWS234568"
            ).case.id
            _ = try await cases.merge(duplicate, into: id, expectedVersion: nil, by: world.desk, at: at + hour)
            try await StoredCase.expectConsistent(duplicate, in: database)
            try await StoredCase.expectConsistent(id, in: database)
            #expect(try await CaseChainVerifier(database: database).verifyAll().problems.isEmpty)
            let outbox = try await OutboxRepository(database: database).entries(of: id)
            #expect(outbox.count % 2 == 0 && Set(outbox.map(\.webhook)) == ["audit", "county"])
            #expect(outbox.map(\.sequence) == outbox.map(\.sequence).sorted())
        }
    }
}
