import FengqiaoCore
import FengqiaoTestSupport
import Foundation
import SQLKit
import Testing

@testable import FengqiaoStore

/// A township with a center, a department and staff to act on cases.
struct CaseWorld {
    let tree: SmallTree
    let center: Organisation
    let otherCenter: Organisation
    let department: Organisation
    let desk: Actor
    let handler: Actor
    let outsider: Actor

    static func make(in database: Database) async throws -> CaseWorld {
        let tree = try await SmallTree.make(in: database)
        let organisations = OrganisationRepository(database: database)
        let center = try await organisations.create(
            NewOrganisation(name: "青溪镇综治中心", kind: .center, regionID: tree.township.id))
        let otherCenter = try await organisations.create(
            NewOrganisation(name: "白沙镇综治中心", kind: .center, regionID: tree.otherTownship.id))
        let department = try await organisations.create(
            NewOrganisation(name: "青溪镇司法所", kind: .department, regionID: tree.township.id))
        let regions = RegionRepository(database: database)
        let townshipPath = try #require(try await regions.path(of: tree.township.id))
        let otherPath = try #require(try await regions.path(of: tree.otherTownship.id))
        return CaseWorld(
            tree: tree, center: center, otherCenter: otherCenter, department: department,
            desk: .staff(
                userID: 1, username: "desk", displayName: "王芳",
                grants: [.init(role: .centerStaff, organisationID: center.id, jurisdictionPath: townshipPath)]),
            handler: .staff(
                userID: 2, username: "handler", displayName: "李强",
                grants: [.init(role: .departmentHandler, organisationID: department.id, jurisdictionPath: townshipPath)]
            ),
            outsider: .staff(
                userID: 3, username: "outsider", displayName: "赵敏",
                grants: [.init(role: .centerStaff, organisationID: otherCenter.id, jurisdictionPath: otherPath)]))
    }

    func intake(title: String = "邻居装修噪音扰民", source: String? = nil) -> Intake {
        Intake(
            channel: .window, sourceReference: source, title: title, description: "楼上邻居每天晚上十点后仍在装修。",
            categoryCode: nil, urgency: .troublesome, kind: .request, regionID: tree.grid.id, address: "上林村3组12号",
            latitude: nil, longitude: nil,
            parties: [Party(role: .reporter, name: "张三丰", phone: "13812341234", idNumber: nil, address: nil)],
            attachments: [], anonymous: false)
    }
}

@Suite("CaseRepository")
struct CaseRepositoryTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    private func register(_ world: CaseWorld, _ cases: CaseRepository, key: String = "k1") async throws -> Case {
        try await cases.create(
            world.intake(), idempotencyKey: key, receivingCenter: world.center.id, by: world.desk, at: now,
            trackingCode: "ABCDEFGH2\(key.count)"
        ).case
    }

    @Test(
        "a retried create with the same idempotency key returns the same case and makes no second one",
        arguments: TestEngine.available)
    func idempotentCreate(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let cases = CaseRepository(database: database)
            let first = try await cases.create(
                world.intake(), idempotencyKey: "retry-me", receivingCenter: world.center.id, by: world.desk, at: now,
                trackingCode: "ABCDEFGH23")
            let again = try await cases.create(
                world.intake(), idempotencyKey: "retry-me", receivingCenter: world.center.id, by: world.desk, at: now,
                trackingCode: "ABCDEFGH24")
            #expect(first.isNew && !again.isNew)
            #expect(again.case == first.case)
            #expect(first.case.number.hasPrefix("FQ-") && first.case.state == .registered)
            #expect(try await cases.count() == 1)
            // The registration, and the time limits that apply.
            #expect(
                try await cases.events(of: first.case.id).map(\.change.name) == ["registered", "timeLimitsApplied"])
            #expect(try await cases.find(trackingCode: "ABCDEFGH23", phoneLast4: "1234") == first.case)
            #expect(try await cases.find(trackingCode: "ABCDEFGH23", phoneLast4: "9999") == nil)
        }
    }

    @Test("a source system's reference is imported once per channel", arguments: TestEngine.available)
    func sourceReferenceOnce(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let cases = CaseRepository(database: database)
            let a = try await cases.create(
                world.intake(source: "12345-0001"), idempotencyKey: "a", receivingCenter: world.center.id,
                by: world.desk, at: now, trackingCode: "ABCDEFGH25")
            let b = try await cases.create(
                world.intake(source: "12345-0001"), idempotencyKey: "b", receivingCenter: world.center.id,
                by: world.desk, at: now, trackingCode: "ABCDEFGH26")
            #expect(a.isNew && !b.isNew && a.case.id == b.case.id)
        }
    }

    @Test("case numbers count up per day", arguments: TestEngine.available)
    func numbering(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let cases = CaseRepository(database: database)
            let first = try await register(world, cases, key: "1")
            let second = try await register(world, cases, key: "22")
            #expect(first.number.hasSuffix("-000001") && second.number.hasSuffix("-000002"))
            #expect(second.id.rawValue == first.id.rawValue + 1)
        }
    }

    @Test("two dispatches of the same version: one wins, the other gets a conflict", arguments: TestEngine.available)
    func concurrentDispatch(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let cases = CaseRepository(database: database)
            let registered = try await register(world, cases)
            let assessed = try await cases.act(
                .assess(categoryCode: nil, urgency: .troublesome, difficulty: .simple, competentLevel: .township),
                on: registered.id, expectedVersion: registered.version, by: world.desk, at: now)
            let dispatch = CaseCommand.dispatch(lead: world.department.id, assisting: [], whistle: nil)
            let outcomes = await withTaskGroup(of: Result<Case, any Error>.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        do {
                            return .success(
                                try await cases.act(
                                    dispatch, on: assessed.id, expectedVersion: assessed.version, by: world.desk,
                                    at: now))
                        } catch { return .failure(error) }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let wins = outcomes.compactMap { try? $0.get() }
            let conflicts = outcomes.filter {
                if case .failure(let error) = $0, case .conflict = error as? CaseStoreError { return true }
                return false
            }
            #expect(wins.count == 1 && conflicts.count == 1)
            #expect(try await cases.events(of: assessed.id).count == assessed.version + 1)
        }
    }

    @Test("a refused command changes nothing", arguments: TestEngine.available)
    func refusalChangesNothing(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let cases = CaseRepository(database: database)
            let registered = try await register(world, cases)
            await #expect(throws: CaseError.self) {
                try await cases.act(.accept, on: registered.id, expectedVersion: nil, by: world.handler, at: now)
            }
            await #expect(throws: CaseError.self) {
                try await cases.act(
                    .assess(categoryCode: nil, urgency: .urgent, difficulty: .simple, competentLevel: .township),
                    on: registered.id, expectedVersion: nil, by: world.outsider, at: now)
            }
            let after = try await cases.find(id: registered.id)
            #expect(after == registered)
            #expect(try await cases.events(of: registered.id).count == registered.version)
        }
    }

    @Test(
        "verify finds an edited event, a removed event and an edited snapshot; a clean file passes",
        arguments: TestEngine.available)
    func verifierFindsTampering(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let cases = CaseRepository(database: database)
            var ids: [Case.ID] = []
            for key in ["a", "bb", "ccc", "dddd"] {
                let registered = try await register(world, cases, key: key)
                let assessed = try await cases.act(
                    .assess(categoryCode: nil, urgency: .troublesome, difficulty: .simple, competentLevel: .township),
                    on: registered.id, expectedVersion: nil, by: world.desk, at: now)
                ids.append(assessed.id)
            }
            let tampered = ids
            let verifier = CaseChainVerifier(database: database)
            let clean = try await verifier.verifyAll(batchSize: 3)
            #expect(clean.casesChecked == 4 && clean.eventsChecked == 12 && clean.problems.isEmpty)

            try await database.transaction { sql in
                try await sql.raw(
                    "UPDATE case_events SET payload = REPLACE(payload, '装修', '施工') WHERE case_id = \(bind: tampered[0].rawValue) AND sequence = 1"
                ).run()
                try await sql.raw(
                    "DELETE FROM case_events WHERE case_id = \(bind: tampered[1].rawValue) AND sequence = 2"
                )
                .run()
                try await sql.raw(
                    "UPDATE cases SET snapshot = REPLACE(snapshot, '装修', '施工') WHERE id = \(bind: tampered[2].rawValue)"
                ).run()
            }
            let report = try await verifier.verifyAll(batchSize: 3)
            #expect(report.problems.map(\.caseID) == [ids[0], ids[1], ids[2]])
        }
    }

    @Test(
        "a list holds the cases of the reader's jurisdiction and organisations, newest first, page by page",
        arguments: TestEngine.available)
    func listing(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let cases = CaseRepository(database: database)
            for index in 0..<5 { _ = try await register(world, cases, key: String(repeating: "x", count: index + 1)) }
            let regions = RegionRepository(database: database)
            let township = try #require(try await regions.path(of: world.tree.township.id))
            let other = try #require(try await regions.path(of: world.tree.otherTownship.id))
            let mine = CaseRepository.Visibility(jurisdictionPaths: [township], organisationIDs: [])
            let firstPage = try await cases.list(.init(), visibleTo: mine, limit: 3, after: nil)
            let secondPage = try await cases.list(.init(), visibleTo: mine, limit: 3, after: firstPage.last?.id)
            #expect(firstPage.map(\.id.rawValue) == [5, 4, 3] && secondPage.map(\.id.rawValue) == [2, 1])
            // Without `after`, numbered pages by offset (the staff case list's pages), the same order.
            let byOffset = try await cases.list(.init(), visibleTo: mine, limit: 3, after: nil, offset: 3)
            #expect(byOffset.map(\.id.rawValue) == [2, 1])
            let theirs = CaseRepository.Visibility(jurisdictionPaths: [other], organisationIDs: [world.department.id])
            #expect(try await cases.list(.init(), visibleTo: theirs, limit: 10, after: nil).isEmpty)
            var registeredOnly = CaseRepository.Filter()
            registeredOnly.states = [.closed]
            #expect(try await cases.list(registeredOnly, visibleTo: mine, limit: 10, after: nil).isEmpty)
            // The count beside a capped list is the true count (the dashboard showed its page's length), with the
            // same filter and visibility as the list.
            #expect(try await cases.count(.init(), visibleTo: mine) == 5)
            #expect(try await cases.count(.init(), visibleTo: theirs) == 0)
            #expect(try await cases.count(registeredOnly, visibleTo: mine) == 0)
            var overdue = CaseRepository.Filter()
            overdue.overdueAt = Date(timeIntervalSince1970: 4_000_000_000)
            overdue.order = .deadline
            let listed = try await cases.list(overdue, visibleTo: mine, limit: 200, after: nil).count
            #expect(try await cases.count(overdue, visibleTo: mine) == listed)
        }
    }
}

@Suite("Case search")
struct CaseSearchTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test(
        "Chinese words of any length, party names and filters combine; LIKE wildcards are taken literally",
        arguments: TestEngine.available)
    func search(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let cases = CaseRepository(database: database)
            let titles = ["公交12路高峰期间隔太长", "拖欠农民工工资三个月", "邻居装修噪音扰民", "100%退款承诺未兑现"]
            for (index, title) in titles.enumerated() {
                _ = try await cases.create(
                    world.intake(title: title), idempotencyKey: "s\(index)", receivingCenter: world.center.id,
                    by: world.desk, at: now, trackingCode: "SEARCH234\(index + 2)")
            }
            let path = try #require(try await RegionRepository(database: database).path(of: world.tree.township.id))
            let visibility = CaseRepository.Visibility(jurisdictionPaths: [path], organisationIDs: [])
            func find(_ text: String, states: [CaseState] = []) async throws -> [String] {
                var filter = CaseRepository.Filter()
                filter.text = text
                filter.states = states
                return try await cases.list(filter, visibleTo: visibility, limit: 50, after: nil).map(\.title).sorted()
            }
            #expect(try await find("公交12路") == ["公交12路高峰期间隔太长"])
            #expect(try await find("欠薪").isEmpty)
            #expect(try await find("工资") == ["拖欠农民工工资三个月"])
            #expect(try await find("噪音") == ["邻居装修噪音扰民"])
            #expect(try await find("张三丰").count == 4)
            #expect(try await find("100%") == ["100%退款承诺未兑现"])
            #expect(try await find("%").count == 1)
            #expect(try await find("_").isEmpty)
            #expect(try await find("工资", states: [.closed]).isEmpty)
            var neighbours = CaseRepository.Filter()
            neighbours.categoryCode = "livelihood.neighbour"
            #expect(try await cases.list(neighbours, visibleTo: visibility, limit: 50, after: nil).isEmpty)
            var categorised = world.intake(title: "楼道堆物占道")
            categorised.categoryCode = "livelihood.neighbour"
            _ = try await cases.create(
                categorised, idempotencyKey: "cat", receivingCenter: world.center.id, by: world.desk, at: now,
                trackingCode: "SEARCH2349")
            #expect(
                try await cases.list(neighbours, visibleTo: visibility, limit: 50, after: nil).map(\.title) == [
                    "楼道堆物占道"
                ])
        }
    }
}

@Suite("Case facts")
struct CaseFactsStorageTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test(
        "the facts kept on each case always equal folding its events",
        arguments: TestEngine.available)
    func factsFollowEvents(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let cases = CaseRepository(database: database)
            var ids: [Case.ID] = []
            for index in 0..<3 {
                let created = try await cases.create(
                    world.intake(), idempotencyKey: "f\(index)", receivingCenter: world.center.id, by: world.desk,
                    at: now, trackingCode: "FACTS2345\(index + 2)")
                ids.append(created.case.id)
            }
            _ = try await cases.act(
                .assess(categoryCode: nil, urgency: .urgent, difficulty: .simple, competentLevel: .township),
                on: ids[1], expectedVersion: nil, by: world.desk, at: now)
            _ = try await cases.act(
                .dispatch(lead: world.department.id, assisting: [], whistle: .quick), on: ids[1], expectedVersion: nil,
                by: world.desk, at: now)
            _ = try await cases.act(
                .withdraw(reason: "群众撤回"), on: ids[2], expectedVersion: nil, by: world.desk, at: now)
            let path = try #require(try await RegionRepository(database: database).path(of: world.tree.township.id))
            let visibility = CaseRepository.Visibility(jurisdictionPaths: [path], organisationIDs: [])
            var folded: [CaseFacts] = []
            for id in ids {
                var facts = try #require(CaseFacts(events: try await cases.events(of: id)))
                let found = try #require(try await cases.find(id: id))
                facts.deadline = CaseClocks.finishDeadline(of: found, calendar: cases.calendar)
                folded.append(facts)
            }
            let stored = try await cases.facts(visibleTo: visibility)
            #expect(Set(stored) == Set(folded))
            #expect(stored.first { $0.id == ids[1] }?.dispatchCount == 1)
            #expect(
                stored.first { $0.id == ids[1] }?.deadline != nil && stored.first { $0.id == ids[0] }?.deadline == nil)

        }
    }
}
