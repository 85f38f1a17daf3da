import FengqiaoCore
import FengqiaoStore
import FengqiaoTestSupport
import Foundation
import Testing

@Suite("Mediation journey")
struct MediationJourneyTests {
    /// Monday 2026-11-16 09:00 in China.
    let t0 = Date(timeIntervalSince1970: 1_763_254_800)
    let day: TimeInterval = 86_400

    struct Cast {
        let world: CaseWorld
        let villageCommittee: Organisation
        let townCommittee: Organisation
        let court: Organisation
        let villageMediator: Mediator
        let townMediator: Mediator
        let villageActor: Actor
        let townActor: Actor
        let judge: Actor
        let citizen = Actor.citizen(displayName: "张三丰")
    }

    func cast(_ database: Database) async throws -> Cast {
        let world = try await CaseWorld.make(in: database)
        let organisations = OrganisationRepository(database: database)
        let regions = RegionRepository(database: database)
        let villageCommittee = try await organisations.create(
            NewOrganisation(
                name: "上林村人民调解委员会", kind: .mediationCommittee, regionID: world.tree.village.id,
                specialties: [.neighbour, .homestead]))
        let townCommittee = try await organisations.create(
            NewOrganisation(name: "青溪镇人民调解委员会", kind: .mediationCommittee, regionID: world.tree.township.id))
        let court = try await organisations.create(
            NewOrganisation(name: "清溪县人民法院青溪法庭", kind: .court, regionID: world.tree.county.id))
        let mediators = MediatorRepository(database: database)
        let villageMediator = try await mediators.create(
            NewMediator(
                name: "老王", organisationID: villageCommittee.id, specialties: [.homestead], levels: [.village],
                languages: ["普通话", "吴语"], goldMedal: true, available: true, profile: "老王说和室", userID: nil))
        let townMediator = try await mediators.create(
            NewMediator(
                name: "陈调解", organisationID: townCommittee.id, specialties: [.homestead, .land], levels: [.township],
                languages: ["普通话"], goldMedal: false, available: true, profile: "镇调委会专职调解员", userID: nil))
        let villagePath = try #require(try await regions.path(of: world.tree.village.id))
        let townPath = try #require(try await regions.path(of: world.tree.township.id))
        let countyPath = try #require(try await regions.path(of: world.tree.county.id))
        return Cast(
            world: world, villageCommittee: villageCommittee, townCommittee: townCommittee, court: court,
            villageMediator: villageMediator, townMediator: townMediator,
            villageActor: .staff(
                userID: 21, username: "laowang", displayName: "老王",
                grants: [.init(role: .mediator, organisationID: villageCommittee.id, jurisdictionPath: villagePath)]),
            townActor: .staff(
                userID: 22, username: "chen", displayName: "陈调解",
                grants: [.init(role: .mediator, organisationID: townCommittee.id, jurisdictionPath: townPath)]),
            judge: .staff(
                userID: 23, username: "judge", displayName: "法官",
                grants: [.init(role: .departmentHandler, organisationID: court.id, jurisdictionPath: countyPath)]))
    }

    func register(_ cast: Cast, _ cases: CaseRepository, key: String) async throws -> Case {
        var intake = cast.world.intake(title: "宅基地边界纠纷\(key)")
        intake.categoryCode = "agriculture.homestead"
        intake.parties.append(Party(role: .other, name: "李四", phone: "13900001111", idNumber: nil, address: "上林村3组14号"))
        return try await cases.create(
            intake, idempotencyKey: key, receivingCenter: cast.world.center.id, by: cast.world.desk, at: t0,
            trackingCode: "MEDIAT\(key.suffix(4))"
        ).case
    }

    @Test(
        "a boundary dispute: 点单, 接单, three failed village sessions, the township, agreement, court, fulfilment, ratings, points",
        arguments: TestEngine.available)
    func wholeJourney(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let cast = try await cast(database)
            let cases = CaseRepository(database: database)
            let registered = try await register(cast, cases, key: "j001")
            let id = registered.id
            var seen = registered.version
            /// Runs a command and returns the names of the events it appended.
            func act(_ command: CaseCommand, by actor: Actor, at offset: TimeInterval) async throws -> [String] {
                let after = try await cases.act(command, on: id, expectedVersion: nil, by: actor, at: t0 + offset)
                try await StoredCase.expectConsistent(id, in: database)
                let names = try await cases.events(of: id).dropFirst(seen).map(\.change.name)
                seen = after.version
                return Array(names)
            }

            // 点单 by the citizen, 接单 by the village mediator: dispatched to the village committee, on the ladder there.
            #expect(
                try await act(
                    .requestMediator(mediator: cast.villageMediator.id, organisation: cast.villageCommittee.id),
                    by: cast.citizen, at: 600) == ["mediatorRequested"])
            #expect(
                try await act(.takeMediation(mediator: cast.villageMediator.id), by: cast.villageActor, at: 3600) == [
                    "mediatorAssigned", "dispatched", "accepted", "ladderStepReached",
                ])
            #expect(
                try await act(
                    .recordConsent(party: "张三丰", consents: true, nextStep: nil, note: nil), by: cast.villageActor,
                    at: 4000) == ["consentRecorded"])
            #expect(
                try await act(
                    .recordConsent(party: "李四", consents: true, nextStep: nil, note: nil), by: cast.villageActor,
                    at: 4100) == ["consentRecorded"])

            // Three unsuccessful village sessions: the third moves the case up to the township desk by itself.
            let details = SessionDetails(
                place: "上林村调解室", mode: .faceToFace,
                attendees: [
                    Attendee(name: "张三丰", role: .party), Attendee(name: "李四", role: .party),
                    Attendee(name: "老王", role: .mediator), Attendee(name: "周律师", role: .lawyer),
                ])
            for session in 1...2 {
                #expect(
                    try await act(
                        .recordSession(result: .failed, heldAt: nil, note: "第\(session)次调解未成", details: details),
                        by: cast.villageActor, at: Double(session) * day) == ["sessionHeld"])
            }
            #expect(
                try await act(
                    .recordSession(result: .failed, heldAt: nil, note: "第3次调解未成", details: details),
                    by: cast.villageActor, at: 3 * day) == ["sessionHeld", "ladderExhausted", "ladderClimbed"])
            var current = try #require(try await cases.find(id: id))
            #expect(current.state == .returned && current.holderOrganisationID == cast.world.center.id)
            #expect(current.timing.ladder?.step.level == .township)
            #expect(current.timing.sessions.first?.details?.attendees.count == 4)

            // The township: dispatched to its committee, a named mediator, an agreement.
            #expect(
                try await act(
                    .dispatch(lead: cast.townCommittee.id, assisting: [], whistle: nil), by: cast.world.desk,
                    at: 3 * day + 3600) == ["dispatched"])
            #expect(try await act(.accept, by: cast.townActor, at: 3 * day + 7200) == ["accepted"])
            #expect(
                try await act(.assignMediator(mediator: cast.townMediator.id), by: cast.townActor, at: 3 * day + 7300)
                    == ["mediatorAssigned"])
            #expect(
                try await act(
                    .recordSession(result: .agreed, heldAt: nil, note: "双方同意以界桩为准"), by: cast.townActor, at: 5 * day)
                    == ["sessionHeld"])
            current = try #require(try await cases.find(id: id))
            var draft = AgreementDraft.from(current)
            #expect(draft.parties.map(\.name) == ["张三丰", "李四"] && draft.parties[0].phone == "13812341234")
            draft.terms = [
                AgreementTerm(text: "以2019年测绘界桩为界，李四于十日内拆除越界围墙。", method: "自行拆除", dueDate: t0 + 15 * day),
                AgreementTerm(text: "张三丰放弃其他赔偿请求。"),
            ]
            #expect(
                try await act(.draftAgreement(draft), by: cast.townActor, at: 5 * day + 600) == ["agreementDrafted"])
            #expect(
                try await act(.signAgreement(signedAt: nil), by: cast.townActor, at: 5 * day + 1200) == [
                    "agreementSigned"
                ])
            #expect(
                try await act(
                    .resolve(outcome: .agreementReached, summary: "达成调解协议"), by: cast.townActor, at: 5 * day + 1800)
                    == ["resolved"])

            // Judicial confirmation: requested, ruled by the court.
            #expect(
                try await act(.requestConfirmation(court: cast.court.id), by: cast.townActor, at: 6 * day)
                    == ["confirmationRequested"])
            #expect(
                try await act(.recordRuling(confirmed: true, note: "（2026）浙1021民特12号"), by: cast.judge, at: 8 * day)
                    == ["confirmationRuled"])

            // The dated term is a fulfilment task until it is checked.
            let everywhere = CaseRepository.Visibility(
                jurisdictionPaths: [
                    try #require(try await RegionRepository(database: database).path(of: cast.world.tree.county.id))
                ],
                organisationIDs: [])
            let mediation = MediationRepository(database: database)
            let tasks = try await mediation.fulfilmentTasks(visibleTo: everywhere)
            #expect(tasks.map(\.term) == [0] && tasks.first?.dueAt == t0 + 15 * day)
            #expect(
                try await act(.checkTerm(term: 0, fulfilled: true, note: "围墙已拆除"), by: cast.world.desk, at: 16 * day)
                    == ["termChecked"])
            #expect(try await mediation.fulfilmentTasks(visibleTo: everywhere).isEmpty)

            // 评单 by both parties.
            #expect(
                try await act(
                    .rateMediation(party: nil, score: 5, comment: "调解员很耐心"), by: cast.citizen, at: 16 * day + 60) == [
                        "mediationRated"
                    ])
            #expect(
                try await act(
                    .rateMediation(party: "李四", score: 4, comment: nil), by: cast.world.desk, at: 16 * day + 120) == [
                        "mediationRated"
                    ])

            current = try #require(try await cases.find(id: id))
            #expect(current.mediation.confirmation?.confirmed == true)
            #expect(current.mediation.ratings.map(\.party) == ["张三丰", "李四"])

            // Points: the township mediator resolved it (一般: 2 points); the village mediator took part, no success.
            let ranking = try await mediation.ranking(visibleTo: everywhere)
            let town = try #require(ranking.first { $0.mediatorID == cast.townMediator.id })
            let village = try #require(ranking.first { $0.mediatorID == cast.villageMediator.id })
            #expect(town.points == 2 && town.successes == 1 && town.successRate == 1 && town.averageRating == 4.5)
            #expect(village.points == 0 && village.cases == 1 && village.successRate == 0)
            #expect(ranking.first?.mediatorID == cast.townMediator.id)
            try await mediation.save(PointWeights(weights: [.simple: 1, .ordinary: 5, .complex: 10, .major: 20]))
            #expect(try await mediation.ranking(visibleTo: everywhere).first?.points == 5)
            #expect(try await CaseChainVerifier(database: database).verifyAll().problems.isEmpty)
        }
    }

    @Test(
        "a refusal to mediate ends with its next step; a missed term reopens the case as a flare-up",
        arguments: TestEngine.available)
    func refusalAndMissedTerm(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let cast = try await cast(database)
            let cases = CaseRepository(database: database)
            let refused = try await register(cast, cases, key: "r001")
            _ = try await cases.act(
                .requestMediator(mediator: cast.villageMediator.id, organisation: cast.villageCommittee.id),
                on: refused.id, expectedVersion: nil, by: cast.citizen, at: t0 + 60)
            _ = try await cases.act(
                .takeMediation(mediator: cast.villageMediator.id), on: refused.id, expectedVersion: nil,
                by: cast.villageActor, at: t0 + 120)
            await #expect(throws: CaseError.nextStepRequired) {
                try await cases.act(
                    .recordConsent(party: "李四", consents: false, nextStep: nil, note: nil), on: refused.id,
                    expectedVersion: nil, by: cast.villageActor, at: t0 + 180)
            }
            let guided = try await cases.act(
                .recordConsent(party: "李四", consents: false, nextStep: .litigation, note: "李四表示只接受法院判决"),
                on: refused.id, expectedVersion: nil, by: cast.villageActor, at: t0 + 240)
            #expect(guided.state == .resolved && guided.outcome == .guidedToLitigation)
            #expect(guided.mediation.refusal?.nextStep == .litigation)
            #expect(
                Array(try await cases.events(of: refused.id).map(\.change.name).suffix(3)) == [
                    "consentRecorded", "mediationRefused", "resolved",
                ])

            let other = try await register(cast, cases, key: "o001")
            _ = try await cases.act(
                .requestMediator(mediator: cast.villageMediator.id, organisation: cast.villageCommittee.id),
                on: other.id, expectedVersion: nil, by: cast.citizen, at: t0 + 60)
            await #expect(throws: CaseError.noMediatorRequested) {
                try await cases.act(
                    .takeMediation(mediator: cast.townMediator.id), on: other.id, expectedVersion: nil,
                    by: cast.townActor, at: t0 + 90)
            }
            let declined = try await cases.act(
                .declineMediation(reason: "近期外出培训"), on: other.id, expectedVersion: nil, by: cast.villageActor,
                at: t0 + 120)
            #expect(declined.mediation.declines.count == 1 && declined.mediation.requestedMediator == nil)
            _ = try await cases.act(
                .assess(
                    categoryCode: "agriculture.homestead", urgency: .troublesome, difficulty: .complex,
                    competentLevel: .township),
                on: other.id, expectedVersion: nil, by: cast.world.desk, at: t0 + 200)
            _ = try await cases.act(
                .dispatch(lead: cast.townCommittee.id, assisting: [], whistle: nil), on: other.id, expectedVersion: nil,
                by: cast.world.desk, at: t0 + 300)
            _ = try await cases.act(.accept, on: other.id, expectedVersion: nil, by: cast.townActor, at: t0 + 400)
            let otherHandling = try await cases.act(
                .recordConsent(party: "李四", consents: false, nextStep: .otherHandling, note: "转自然资源所处理"),
                on: other.id, expectedVersion: nil, by: cast.townActor, at: t0 + 500)
            #expect(otherHandling.state == .returned && otherHandling.holderOrganisationID == cast.world.center.id)

            // A third case: agreed, signed, resolved; its dated term missed: reopened (反弹), counted.
            let missed = try await register(cast, cases, key: "m001")
            _ = try await cases.act(
                .requestMediator(mediator: cast.villageMediator.id, organisation: cast.villageCommittee.id),
                on: missed.id, expectedVersion: nil, by: cast.citizen, at: t0 + 60)
            _ = try await cases.act(
                .takeMediation(mediator: cast.villageMediator.id), on: missed.id, expectedVersion: nil,
                by: cast.villageActor, at: t0 + 120)
            var draft = AgreementDraft.from(missed)
            draft.terms = [AgreementTerm(text: "李四于月底前赔偿损失3000元。", method: "银行转账", dueDate: t0 + 10 * day)]
            _ = try await cases.act(
                .draftAgreement(draft), on: missed.id, expectedVersion: nil, by: cast.villageActor, at: t0 + day)
            _ = try await cases.act(
                .signAgreement(signedAt: nil), on: missed.id, expectedVersion: nil, by: cast.villageActor, at: t0 + day)
            _ = try await cases.act(
                .resolve(outcome: .agreementReached, summary: "达成协议"), on: missed.id, expectedVersion: nil,
                by: cast.villageActor,
                at: t0 + day)
            let reopened = try await cases.act(
                .checkTerm(term: 0, fulfilled: false, note: "到期未付款"), on: missed.id, expectedVersion: nil,
                by: cast.world.desk, at: t0 + 11 * day)
            #expect(reopened.state == .inProgress && reopened.reopenCount == 1)
            let path = try #require(
                try await RegionRepository(database: database).path(of: cast.world.tree.township.id))
            let facts = try await cases.facts(visibleTo: .init(jurisdictionPaths: [path], organisationIDs: []))
            #expect(facts.first { $0.id == missed.id }?.flareUpCount == 1)
            for id in [refused.id, other.id, missed.id] { try await StoredCase.expectConsistent(id, in: database) }
        }
    }

    @Test(
        "a 点单 waiting when the desk dispatches is answered: to the mediator's organisation it is taken up, elsewhere it is not; while it waits the mediator's organisation reads the case",
        arguments: TestEngine.available)
    func requestAnsweredByDispatch(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let cast = try await cast(database)
            let cases = CaseRepository(database: database)
            let committeeOnly = CaseRepository.Visibility(
                jurisdictionPaths: [], organisationIDs: [cast.townCommittee.id])
            var waiting = CaseRepository.Filter()
            waiting.states = [.registered, .assessed, .returned]
            for (key, lead) in [("k001", cast.townCommittee.id), ("k002", cast.world.department.id)] {
                let asked = try await register(cast, cases, key: key)
                _ = try await cases.act(
                    .requestMediator(mediator: cast.townMediator.id, organisation: cast.townCommittee.id),
                    on: asked.id, expectedVersion: nil, by: cast.citizen, at: t0 + 60)
                _ = try await cases.act(
                    .assess(
                        categoryCode: "agriculture.homestead", urgency: .troublesome, difficulty: .complex,
                        competentLevel: .township),
                    on: asked.id, expectedVersion: nil, by: cast.world.desk, at: t0 + 120)
                // Assessment keeps the request, and the committee finds it in its lists.
                let listed = try await cases.list(waiting, visibleTo: committeeOnly, limit: 50, after: nil)
                #expect(listed.contains { $0.id == asked.id && $0.mediation.requestedMediator == cast.townMediator.id })
                let dispatched = try await cases.act(
                    .dispatch(lead: lead, assisting: [], whistle: nil), on: asked.id, expectedVersion: nil,
                    by: cast.world.desk, at: t0 + 180)
                #expect(dispatched.mediation.requestedMediator == nil)
                let names = try await cases.events(of: asked.id).map(\.change.name).suffix(2)
                if lead == cast.townCommittee.id {
                    #expect(Array(names) == ["dispatched", "mediatorAssigned"])
                    #expect(dispatched.mediation.mediatorID == cast.townMediator.id)
                } else {
                    #expect(Array(names) == ["dispatched", "mediatorDeclined"])
                    #expect(dispatched.mediation.declines.map(\.mediatorID) == [cast.townMediator.id])
                    let after = try await cases.list(.init(), visibleTo: committeeOnly, limit: 50, after: nil)
                    #expect(!after.contains { $0.id == asked.id })
                }
                try await StoredCase.expectConsistent(asked.id, in: database)
            }
        }
    }
}
