import FengqiaoCore
import Foundation
import Testing

@Suite("Case lifecycle")
struct CaseLifecycleTests {
    typealias F = Fixture

    // MARK: The main line

    @Test("a grid worker's report walks the whole loop to the archive, one attributed event per step")
    func happyPath() throws {
        var file = try CaseFile()
        #expect(file.state == .registered && file.current.version == 1)
        #expect(file.current.holderOrganisationID == F.townCenter && file.current.centerOrganisationID == F.townCenter)
        #expect(file.events[0].actor.role == .gridWorker && file.events[0].actor.organisationID == F.villageCommittee)
        #expect(file.current.number == "FQ-20261123-000001")

        try file.run(F.assessment, by: F.townDesk)
        #expect(file.state == .assessed)
        #expect(file.current.difficulty == .ordinary && file.current.competentLevel == .township)

        try file.run(.dispatch(lead: F.justiceOffice, assisting: [], whistle: nil), by: F.townDesk)
        #expect(file.state == .dispatched)
        #expect(file.current.holderOrganisationID == F.justiceOffice)
        #expect(file.current.dispatcherOrganisationID == F.townCenter)
        #expect(file.current.dispatchCount == 1 && file.current.dispatchedAt == file.now)

        try file.run(.accept, by: F.justice)
        #expect(file.state == .accepted && file.current.acceptedAt == file.now)

        try file.run(.addProgress(note: "已电话联系双方，约定周五现场调解。"), by: F.justice)
        #expect(file.state == .inProgress)
        try file.run(.addProgress(note: "网格员入户走访，双方情绪平稳。"), by: F.gridWorker)
        #expect(file.state == .inProgress)

        try file.run(.requestExtension(workingDays: 3, reason: "需等待规划部门测量"), by: F.justice)
        #expect(file.current.pendingExtension?.workingDays == 3)
        try file.run(.decideExtension(approved: true, note: nil), by: F.townDesk)
        #expect(file.current.pendingExtension == nil && file.current.grantedExtensionWorkingDays == 3)

        try file.run(.resolve(outcome: .agreementReached, summary: "双方签订调解协议，拆除加盖部分。"), by: F.justice)
        #expect(file.state == .resolved && file.current.outcome == .agreementReached)
        #expect(file.current.holderOrganisationID == F.townCenter)
        #expect(file.current.resolutionSummary == "双方签订调解协议，拆除加盖部分。")

        try file.run(.followUp(satisfaction: .satisfied, note: "群众表示满意"), by: F.gridWorker)
        #expect(file.state == .followedUp && file.current.satisfaction == .satisfied)

        try file.run(.close, by: F.townDesk)
        #expect(file.state == .closed && file.current.holderOrganisationID == nil && file.current.closedAt == file.now)
        #expect(file.current.version == 11 && file.events.map(\.sequence) == Array(1...11))
        #expect(file.events.last?.actor.username == "town.desk" && file.events.last?.at == file.now)
        #expect(
            file.events.map(\.change.action) == [
                .register, .assess, .dispatch, .accept, .progress, .progress, .requestExtension, .decideExtension,
                .resolve, .followUp, .close,
            ])
    }

    @Test("a basically satisfied follow-up by the citizen also lets the center close the case")
    func basicallySatisfied() throws {
        var file = try CaseFile()
        try file.run(F.assessment, by: F.townDesk)
        try file.run(.dispatch(lead: F.townCenter, assisting: [], whistle: nil), by: F.townDesk)
        try file.run(.accept, by: F.townDesk)
        try file.run(.resolve(outcome: .solved, summary: "窗口当场调解成功"), by: F.townDesk)
        #expect(file.current.resolvedAt == file.now)
        try file.run(.followUp(satisfaction: .basicallySatisfied, note: nil), by: F.citizen)
        #expect(file.events.last?.actor.kind == .citizen && file.events.last?.actor.role == nil)
        try file.run(.close, by: F.townDesk)
        #expect(file.state == .closed)
    }

    @Test("every edge of the state table is taken by some command, and no command takes any other edge")
    func everyTransition() throws {
        let dispatch = CaseCommand.dispatch(lead: F.justiceOffice, assisting: [F.policeStation], whistle: nil)
        let toAssessed: [(CaseCommand, Actor)] = [(F.assessment, F.townDesk)]
        let toDispatched = toAssessed + [(dispatch, F.townDesk)]
        let toAccepted = toDispatched + [(.accept, F.justice)]
        let toReturned = toDispatched + [(.giveBack(reason: "非本单位职责"), F.justice)]
        let toInProgress = toAccepted + [(.addProgress(note: "调解中"), F.justice)]
        let toResolved = toInProgress + [(.resolve(outcome: .solved, summary: "已化解"), F.justice)]
        let toFollowedUp = toResolved + [(.followUp(satisfaction: .satisfied, note: nil), F.citizen)]
        let toClosed = toFollowedUp + [(.close, F.townDesk)]
        let prefixes: [CaseState: [(CaseCommand, Actor)]] = [
            .registered: [], .assessed: toAssessed, .dispatched: toDispatched, .accepted: toAccepted,
            .returned: toReturned, .inProgress: toInProgress, .resolved: toResolved, .followedUp: toFollowedUp,
            .closed: toClosed,
        ]
        let sideways: [(CaseCommand, Actor)] = [
            (.escalate(toCenter: F.countyCenter, reason: "镇级无法化解"), F.townDesk),
            (.withdraw(reason: "已和解"), F.citizen), (.markDuplicate(of: 99), F.townDesk),
            (.reopen(reason: "反弹"), F.townDesk), (.answerConsultation(answer: "已答复"), F.townDesk),
            (.close, F.townDesk), (.followUp(satisfaction: .dissatisfied, note: nil), F.gridWorker),
        ]
        let forward: [(CaseCommand, Actor)] = [
            (F.assessment, F.townDesk), (dispatch, F.townDesk), (.accept, F.justice),
            (.giveBack(reason: "非本单位职责"), F.justice), (.addProgress(note: "调解中"), F.justice),
            (.resolve(outcome: .solved, summary: "已化解"), F.justice),
            (.followUp(satisfaction: .satisfied, note: nil), F.citizen),
        ]
        var taken: Set<String> = []
        for (state, prefix) in prefixes {
            for kind in [CaseKind.request, .consultation] {
                for anonymous in [false, true] {
                    for (command, actor) in sideways + forward {
                        var file = try CaseFile(F.intake(kind: kind, anonymous: anonymous))
                        for (step, by) in prefix { try file.run(step, by: by) }
                        #expect(file.state == state)
                        guard let events = try? CaseLifecycle.decide(command, on: file.current, by: actor, at: file.now)
                        else { continue }
                        var current = file.current
                        for event in events {
                            let next = CaseLifecycle.apply(event, to: current)
                            #expect(current.state.mayMove(to: next.state))
                            if next.state != current.state { taken.insert("\(current.state) → \(next.state)") }
                            current = next
                        }
                    }
                }
            }
        }
        // A ladder move (移交上一级调解) sends an accepted or in-progress case back to its center's desk: the village
        // level's time runs out while accepted, or its three sessions fail while in progress.
        let ladder = CaseCommand.applyTimeLimits(
            AppliedTimeLimits(policy: .standard, ladder: .threeLevel, ladderStartStep: 1))
        for prefix in [toAccepted, toInProgress] {
            var file = try CaseFile()
            try file.run(ladder, by: F.importer)
            for (step, by) in prefix { try file.run(step, by: by) }
            if file.state == .accepted {
                let due = Deadline(kind: .mediationLevel, level: .red, clockStartedAt: file.now, dueAt: file.now)
                try file.run(.raiseAlerts([due], supervisionDeadline: file.now + 86_400), by: F.importer)
            } else {
                for _ in 1...3 {
                    try file.run(.recordSession(result: .failed, heldAt: nil, note: "未达成一致"), by: F.justice)
                }
            }
            let before = file.state
            try file.run(.climbLadder(toCenter: F.townCenter), by: F.townDesk)
            #expect(file.state == .returned && file.current.timing.ladder?.stepIndex == 2)
            taken.insert("\(before) → \(file.state)")
        }
        // 点单 then 接单: the chosen mediator's organisation takes the case straight from registration.
        var chosen = try CaseFile()
        try chosen.run(.requestMediator(mediator: 7, organisation: F.mediationCommittee), by: F.citizen)
        let tookIt = try chosen.run(.takeMediation(mediator: 7), by: F.mediator)
        #expect(tookIt.map(\.change.name) == ["mediatorAssigned", "dispatched", "accepted"])
        taken.insert("registered → dispatched")
        #expect(chosen.state == .accepted && chosen.current.lead?.organisationID == F.mediationCommittee)
        var consultation = try CaseFile(F.intake(kind: .consultation))
        try consultation.run(.answerConsultation(answer: "已答复"), by: F.townDesk)
        try consultation.run(.reopen(reason: "实为诉求"), by: F.townDesk)
        taken.insert("closed → \(consultation.state)")
        let table = Set(
            CaseState.allCases.flatMap { from in
                from.successors.filter { $0 != from }.map { "\(from) → \($0)" }
            })
        #expect(
            taken == table, "missing: \(table.subtracting(taken).sorted()), extra: \(taken.subtracting(table).sorted())"
        )
    }

    // MARK: Registration

    @Test("every staff role but leader registers in its jurisdiction; the citizen only by QR code; imports too")
    func registration() throws {
        for actor in [F.gridWorker, F.townDesk, F.justice, F.mediator, F.admin, F.countyDesk] {
            let file = try CaseFile(by: actor)
            #expect(file.current.state == .registered && file.events[0].actor.username == actor.username)
        }
        let imported = try CaseFile(F.intake(channel: .hotline12345), by: F.importer)
        #expect(imported.events[0].actor.kind == .system && imported.current.channel == .hotline12345)
        let reported = try CaseFile(F.intake(channel: .citizenReport), by: F.citizen, receivingCenter: nil)
        #expect(reported.current.holderOrganisationID == nil && reported.events[0].actor.kind == .citizen)

        #expect(throws: CaseError.forbiddenRole(.register)) { try CaseFile(by: F.townLeader) }
        #expect(throws: CaseError.outsideJurisdiction) { try CaseFile(by: F.otherGridWorker) }
        #expect(throws: CaseError.outsideJurisdiction) { try CaseFile(by: F.otherTownDesk) }
        #expect(throws: CaseError.channelNotAllowed(.window)) {
            try CaseFile(F.intake(channel: .window), by: F.citizen)
        }
        #expect(throws: CaseError.invalidIntake(.title)) { try CaseFile(F.intake(title: "  ")) }
        #expect(throws: CaseError.invalidIntake(.regionPath)) { try CaseFile(path: "") }
    }

    @Test("a center's staff registering without a receiving center hold the case themselves; others leave it open")
    func receivingCenterDefault() throws {
        let byDesk = try CaseFile(by: F.townDesk, receivingCenter: nil)
        #expect(
            byDesk.current.centerOrganisationID == F.townCenter && byDesk.current.holderOrganisationID == F.townCenter)
        var byCitizen = try CaseFile(F.intake(channel: .citizenReport), by: F.citizen, receivingCenter: nil)
        #expect(byCitizen.current.centerOrganisationID == nil)
        try byCitizen.run(F.assessment, by: F.countyDesk)
        #expect(byCitizen.current.centerOrganisationID == F.countyCenter)
        #expect(byCitizen.current.holderOrganisationID == F.countyCenter)
        byCitizen.refuse(F.assessment, by: F.townDesk, .notResponsibleCenter)
    }

    @Test("the registration keeps channel, source reference and trimmed text, and copies the intake into the case")
    func registrationKeepsIntake() throws {
        var intake = F.intake(channel: .police110, title: "  夜间噪音扰民  ")
        intake.sourceReference = "110-2026-11-000877"
        let file = try CaseFile(intake, by: F.police)
        #expect(file.current.channel == .police110 && file.current.sourceReference == "110-2026-11-000877")
        #expect(file.current.title == "夜间噪音扰民")
        #expect(file.current.parties == intake.parties && file.current.attachments == intake.attachments)
        #expect(file.current.regionPath == F.gridPath && file.current.regionID == 101)
        #expect(file.current.createdAt == F.clock && file.current.updatedAt == F.clock)
        guard case .registered(let stored, _, let trackingCode, _, _) = file.events[0].change else {
            Issue.record("the first event is not a registration")
            return
        }
        #expect(stored == intake && trackingCode == "ABCDEFGH23")
    }

    // MARK: Consultations

    @Test("a consultation is answered at intake and closed at once; a request cannot be")
    func consultation() throws {
        var file = try CaseFile(F.intake(kind: .consultation, channel: .window), by: F.townDesk)
        let events = try file.run(.answerConsultation(answer: "  宅基地审批请到镇自然资源所办理。 "), by: F.townDesk)
        #expect(events.map(\.change) == [.answered, .closed])
        #expect(events.map(\.sequence) == [2, 3])
        #expect(file.state == .closed && file.current.outcome == .solved)
        #expect(file.current.answer == "宅基地审批请到镇自然资源所办理。")

        let request = try CaseFile()
        request.refuse(.answerConsultation(answer: "答复"), by: F.townDesk, .notAConsultation)
        var consultation = try CaseFile(F.intake(kind: .consultation))
        consultation.refuse(.answerConsultation(answer: " "), by: F.townDesk, .answerRequired)
        consultation.refuse(.answerConsultation(answer: "答复"), by: F.justice, .forbiddenRole(.answer))
        try consultation.run(F.assessment, by: F.townDesk)
        try consultation.run(.answerConsultation(answer: "已答复"), by: F.townDesk)
        #expect(consultation.state == .closed)
        consultation.refuse(.answerConsultation(answer: "再答复"), by: F.townDesk, .notAllowedInState(.answer, .closed))
    }

    @Test("a reopened consultation starts again as registered with its center, since no one was dispatched")
    func reopenConsultation() throws {
        var file = try CaseFile(F.intake(kind: .consultation))
        try file.run(.answerConsultation(answer: "请到镇自然资源所咨询"), by: F.townDesk)
        try file.run(.reopen(reason: "群众再次来电，实为诉求"), by: F.townDesk)
        #expect(file.state == .registered && file.current.holderOrganisationID == F.townCenter)
        #expect(file.current.reopenCount == 1 && file.current.outcome == nil && file.current.closedAt == nil)
        try file.run(F.assessment, by: F.townDesk)
        try file.run(.dispatch(lead: F.housingBureau, assisting: [], whistle: nil), by: F.townDesk)
        #expect(file.state == .dispatched)
    }

    // MARK: Returns and re-dispatch

    @Test("a return needs a reason, goes back to the dispatcher, who re-assesses and re-dispatches")
    func returnAndRedispatch() throws {
        var file = try CaseFile()
        try file.run(F.assessment, by: F.townDesk)
        try file.run(.dispatch(lead: F.policeStation, assisting: [], whistle: .quick), by: F.townDesk)
        file.refuse(.giveBack(reason: "  "), by: F.police, .reasonRequired)
        try file.run(.giveBack(reason: "不属于治安案件，建议司法所调解"), by: F.police)
        #expect(file.state == .returned && file.current.returnCount == 1)
        #expect(file.current.holderOrganisationID == F.townCenter && file.current.participants.isEmpty)
        #expect(file.current.whistle == nil && file.events.last?.note == "不属于治安案件，建议司法所调解")
        file.refuse(.accept, by: F.police, .notAParticipant)

        try file.run(F.assessment, by: F.townDesk)
        #expect(file.state == .assessed)
        try file.run(.dispatch(lead: F.justiceOffice, assisting: [], whistle: nil), by: F.townDesk)
        #expect(file.state == .dispatched && file.current.dispatchCount == 2)
        try file.run(.giveBack(reason: "需住建部门认定违建"), by: F.justice)
        try file.run(.dispatch(lead: F.housingBureau, assisting: [F.justiceOffice], whistle: nil), by: F.townDesk)
        #expect(file.current.returnCount == 2 && file.current.dispatchCount == 3)
        try file.run(.accept, by: F.housing)
        #expect(file.state == .accepted)
        file.refuse(.giveBack(reason: "不想办"), by: F.housing, .alreadyAccepted)
    }

    // MARK: Joint handling

    @Test("joint handling: each participant accepts on its own; the case is accepted once the lead accepts")
    func jointHandling() throws {
        var file = try CaseFile()
        try file.run(F.assessment, by: F.townDesk)
        file.refuse(
            .dispatch(lead: F.justiceOffice, assisting: [F.justiceOffice], whistle: nil), by: F.townDesk,
            .invalidDispatch)
        file.refuse(
            .dispatch(lead: F.justiceOffice, assisting: [F.policeStation, F.policeStation], whistle: nil),
            by: F.townDesk, .invalidDispatch)
        try file.run(
            .dispatch(lead: F.justiceOffice, assisting: [F.policeStation, F.mediationCommittee], whistle: .hardCase),
            by: F.townDesk)
        #expect(file.current.whistle == .hardCase)
        #expect(
            file.current.participants.map(\.organisationID) == [F.justiceOffice, F.policeStation, F.mediationCommittee])
        #expect(file.current.lead?.organisationID == F.justiceOffice)

        try file.run(.accept, by: F.police)
        #expect(file.state == .dispatched)
        #expect(file.current.participant(F.policeStation)?.accepted == true)
        file.refuse(.accept, by: F.police, .alreadyAccepted)
        file.refuse(.addProgress(note: "已到场"), by: F.police, .notAllowedInState(.progress, .dispatched))

        try file.run(.accept, by: F.justice)
        #expect(file.state == .accepted)
        file.refuse(.addProgress(note: "我来调解"), by: F.mediator, .notYetAccepted)
        try file.run(.accept, by: F.mediator)
        #expect(file.state == .accepted)
        #expect(file.current.participants.allSatisfy { $0.accepted })

        try file.run(.addProgress(note: "派出所民警到场维持秩序"), by: F.police)
        #expect(file.state == .inProgress)
        file.refuse(.resolve(outcome: .solved, summary: "已化解"), by: F.police, .notTheLead)
        file.refuse(.requestExtension(workingDays: 2, reason: "协调"), by: F.mediator, .notTheLead)
        file.refuse(.resolve(outcome: .solved, summary: "已化解"), by: F.housing, .notAParticipant)
        try file.run(.resolve(outcome: .agreementReached, summary: "三方联合调解达成协议"), by: F.justice)
        #expect(file.state == .resolved)
    }

    @Test("an assisting organisation that declines leaves the joint handling; the case stays with the lead")
    func assistingDeclines() throws {
        var file = try CaseFile()
        try file.run(F.assessment, by: F.townDesk)
        try file.run(
            .dispatch(lead: F.justiceOffice, assisting: [F.policeStation], whistle: .emergency), by: F.townDesk)
        try file.run(.giveBack(reason: "非本单位职责"), by: F.police)
        #expect(file.state == .dispatched && file.current.returnCount == 0)
        #expect(file.current.participants.map(\.organisationID) == [F.justiceOffice])
        #expect(file.current.holderOrganisationID == F.justiceOffice)
        file.refuse(.accept, by: F.police, .notAParticipant)
        try file.run(.accept, by: F.justice)
        #expect(file.state == .accepted)
    }

    // MARK: Extensions

    @Test("one extension request at a time, 1 to 30 working days, decided by the dispatching center only")
    func extensions() throws {
        var file = try CaseFile()
        try file.run(F.assessment, by: F.townDesk)
        try file.run(.dispatch(lead: F.justiceOffice, assisting: [F.policeStation], whistle: nil), by: F.townDesk)
        file.refuse(
            .requestExtension(workingDays: 3, reason: "等待鉴定"), by: F.justice,
            .notAllowedInState(.requestExtension, .dispatched))
        try file.run(.accept, by: F.justice)
        file.refuse(.decideExtension(approved: true, note: nil), by: F.townDesk, .noPendingExtension)
        file.refuse(.requestExtension(workingDays: 0, reason: "等待鉴定"), by: F.justice, .invalidExtension)
        file.refuse(.requestExtension(workingDays: 31, reason: "等待鉴定"), by: F.justice, .invalidExtension)
        file.refuse(.requestExtension(workingDays: 3, reason: ""), by: F.justice, .reasonRequired)
        try file.run(.requestExtension(workingDays: 5, reason: "等待伤情鉴定结果"), by: F.justice)
        #expect(file.state == .accepted)
        file.refuse(.requestExtension(workingDays: 2, reason: "再延"), by: F.justice, .extensionPending)
        file.refuse(.decideExtension(approved: true, note: nil), by: F.countyDesk, .notTheDispatcher)
        file.refuse(.decideExtension(approved: true, note: nil), by: F.justice, .forbiddenRole(.decideExtension))
        file.refuse(.decideExtension(approved: false, note: " "), by: F.townDesk, .reasonRequired)
        try file.run(.decideExtension(approved: false, note: "鉴定结果明日可出，不予延期"), by: F.townDesk)
        #expect(file.current.extensions.map(\.status) == [.rejected])
        #expect(file.current.extensions[0].decisionNote == "鉴定结果明日可出，不予延期")
        try file.run(.requestExtension(workingDays: 2, reason: "鉴定机构延迟出具报告"), by: F.justice)
        try file.run(.decideExtension(approved: true, note: "同意"), by: F.admin)
        #expect(file.current.extensions.map(\.status) == [.rejected, .approved])
        #expect(file.current.grantedExtensionWorkingDays == 2)
        try file.run(.requestExtension(workingDays: 4, reason: "当事人住院"), by: F.justice)
        try file.run(.giveBack(reason: "x"), by: F.police)
        try file.run(.resolve(outcome: .partlySolved, summary: "部分赔偿到位"), by: F.justice)
        #expect(file.current.extensions.map(\.status) == [.rejected, .approved, .lapsed])
    }

    // MARK: Follow-up, reopening

    @Test("a dissatisfied follow-up reopens the case in progress with the same lead, and counts the reopening")
    func dissatisfiedReopens() throws {
        var file = try resolvedCase()
        let events = try file.run(.followUp(satisfaction: .dissatisfied, note: "赔偿款未到位"), by: F.citizen)
        #expect(
            events.map(\.change) == [
                .followedUp(satisfaction: .dissatisfied),
                .reopened(state: .inProgress, holderOrganisationID: F.justiceOffice),
            ])
        #expect(file.state == .inProgress && file.current.reopenCount == 1)
        #expect(file.current.holderOrganisationID == F.justiceOffice && file.current.outcome == nil)
        file.refuse(.close, by: F.townDesk, .notAllowedInState(.close, .inProgress))
        try file.run(.addProgress(note: "再次组织调解，督促履行"), by: F.justice)
        try file.run(.resolve(outcome: .solved, summary: "赔偿款已全部支付"), by: F.justice)
        try file.run(.followUp(satisfaction: .satisfied, note: nil), by: F.townDesk)
        try file.run(.close, by: F.townDesk)
        #expect(file.state == .closed && file.current.reopenCount == 1 && file.current.satisfaction == .satisfied)
    }

    @Test("a solved dispute that flares up is reopened from resolved, followed up or closed, with a reason")
    func flareUp() throws {
        for stop in [CaseState.resolved, .followedUp, .closed] {
            var file = try resolvedCase()
            if stop != .resolved { try file.run(.followUp(satisfaction: .satisfied, note: nil), by: F.gridWorker) }
            if stop == .closed { try file.run(.close, by: F.townDesk) }
            #expect(file.state == stop)
            file.refuse(.reopen(reason: ""), by: F.townDesk, .reasonRequired)
            file.refuse(.reopen(reason: "反弹"), by: F.justice, .forbiddenRole(.reopen))
            file.refuse(.reopen(reason: "反弹"), by: F.otherTownDesk, .outsideJurisdiction)
            try file.run(.reopen(reason: "双方再次发生争执"), by: F.countyDesk)
            #expect(file.state == .inProgress && file.current.holderOrganisationID == F.justiceOffice)
            #expect(file.current.reopenCount == 1 && file.current.closedAt == nil)
            try file.run(.addProgress(note: "重新介入"), by: F.justice)
        }
    }

    @Test("a named report is followed up before closing; an anonymous one may be closed straight after resolution")
    func closingNeedsFollowUp() throws {
        let named = try resolvedCase()
        named.refuse(.close, by: F.townDesk, .followUpRequired)
        var anonymous = try resolvedCase(F.intake(anonymous: true, parties: []))
        try anonymous.run(.close, by: F.townDesk)
        #expect(anonymous.state == .closed)
        anonymous.refuse(
            .followUp(satisfaction: .satisfied, note: nil), by: F.gridWorker, .notAllowedInState(.followUp, .closed))
    }

    // MARK: Escalation

    @Test("escalation moves the case to the parent level's center as registered; the township can no longer act")
    func escalate() throws {
        var file = try CaseFile()
        try file.run(F.assessment, by: F.townDesk)
        try file.run(.dispatch(lead: F.justiceOffice, assisting: [], whistle: nil), by: F.townDesk)
        try file.run(.accept, by: F.justice)
        file.refuse(.escalate(toCenter: F.countyCenter, reason: ""), by: F.townDesk, .reasonRequired)
        file.refuse(.escalate(toCenter: F.townCenter, reason: "x"), by: F.townDesk, .alreadyAtCenter)
        file.refuse(.escalate(toCenter: F.countyCenter, reason: "x"), by: F.justice, .forbiddenRole(.escalate))
        try file.run(.escalate(toCenter: F.countyCenter, reason: "涉及多个乡镇，镇级无法协调"), by: F.townDesk)
        #expect(file.events.last?.change == .escalated(fromCenter: F.townCenter, toCenter: F.countyCenter))
        #expect(file.state == .registered && file.current.escalationCount == 1)
        #expect(
            file.current.holderOrganisationID == F.countyCenter && file.current.centerOrganisationID == F.countyCenter)
        #expect(file.current.participants.isEmpty && file.current.dispatcherOrganisationID == nil)
        file.refuse(F.assessment, by: F.townDesk, .notResponsibleCenter)
        file.refuse(.addProgress(note: "继续办理"), by: F.justice, .notAParticipant)

        try file.run(
            .assess(categoryCode: "land", urgency: .distressing, difficulty: .complex, competentLevel: .county),
            by: F.countyDesk)
        #expect(file.current.categoryCode == "land" && file.current.urgency == .distressing)
        try file.run(
            .dispatch(lead: F.housingBureau, assisting: [F.justiceOffice], whistle: .hardCase), by: F.countyDesk)
        #expect(file.current.dispatcherOrganisationID == F.countyCenter)
        try file.run(.accept, by: F.housing)
        try file.run(.giveBack(reason: "另案处理"), by: F.justice)
        try file.run(.resolve(outcome: .guidedToLitigation, summary: "引导当事人向法院起诉"), by: F.housing)
        #expect(file.current.holderOrganisationID == F.countyCenter)
    }

    // MARK: Supervision and nudges

    @Test("supervision and nudges are events that leave the state alone; supervision is addressed to the holder")
    func superviseAndNudge() throws {
        var file = try CaseFile()
        try file.run(F.assessment, by: F.townDesk)
        try file.run(.dispatch(lead: F.justiceOffice, assisting: [], whistle: nil), by: F.townDesk)
        let deadline = file.now + 3 * 86_400
        try file.run(.supervise(note: "请于三日内反馈调解进展", deadline: deadline), by: F.countyDesk)
        #expect(file.state == .dispatched)
        #expect(
            file.current.supervisions == [
                Case.Supervision(note: "请于三日内反馈调解进展", deadline: deadline, organisationID: F.justiceOffice, at: file.now)
            ])
        try file.run(.supervise(note: "逾期未接单，自动督办", deadline: file.now + 86_400), by: F.importer)
        try file.run(.supervise(note: "领导督办", deadline: file.now + 86_400), by: F.townLeader)
        try file.run(.nudge(note: "请尽快接单"), by: F.townLeader)
        #expect(file.events.last?.change == .nudged(organisationID: F.justiceOffice))
        try file.run(.nudge(note: nil), by: F.townLeader)
        #expect(file.state == .dispatched && file.current.supervisions.count == 3)

        file.refuse(.supervise(note: "督办", deadline: file.now), by: F.countyDesk, .deadlineNotInFuture)
        file.refuse(.supervise(note: "", deadline: file.now + 60), by: F.countyDesk, .noteRequired)
        file.refuse(.supervise(note: "督办", deadline: file.now + 600), by: F.justice, .forbiddenRole(.supervise))
        file.refuse(.supervise(note: "督办", deadline: file.now + 600), by: F.otherTownLeader, .outsideJurisdiction)
        file.refuse(.nudge(note: "快"), by: F.townDesk, .forbiddenRole(.nudge))
        file.refuse(.nudge(note: "快"), by: F.otherTownLeader, .outsideJurisdiction)
        file.refuse(.nudge(note: "快"), by: F.citizen, .forbiddenRole(.nudge))
    }

    // MARK: Withdrawal

    @Test("the citizen, or staff on their behalf, withdraws an open case with a reason; a withdrawn case is final")
    func withdraw() throws {
        for actor in [F.citizen, F.townDesk, F.gridWorker, F.admin] {
            var file = try CaseFile()
            try file.run(F.assessment, by: F.townDesk)
            try file.run(.dispatch(lead: F.justiceOffice, assisting: [], whistle: nil), by: F.townDesk)
            file.refuse(.withdraw(reason: " "), by: actor, .reasonRequired)
            try file.run(.withdraw(reason: "双方已自行和解"), by: actor)
            #expect(file.state == .withdrawn && file.current.holderOrganisationID == nil)
            file.refuse(.accept, by: F.justice, .notAllowedInState(.accept, .withdrawn))
            file.refuse(.reopen(reason: "x"), by: F.townDesk, .notAllowedInState(.reopen, .withdrawn))
        }
        var file = try CaseFile()
        file.refuse(.withdraw(reason: "不想办了"), by: F.justice, .forbiddenRole(.withdraw))
        file.refuse(.withdraw(reason: "不想办了"), by: F.otherGridWorker, .outsideJurisdiction)
        file.refuse(.withdraw(reason: "不想办了"), by: F.townLeader, .forbiddenRole(.withdraw))
        try file.run(.withdraw(reason: "已解决"), by: F.citizen)
        // Once resolved, the case has an outcome to rate: neither after 办结 nor after 回访 can it be withdrawn.
        var closed = try resolvedCase()
        closed.refuse(.withdraw(reason: "x"), by: F.citizen, .notAllowedInState(.withdraw, .resolved))
        try closed.run(.followUp(satisfaction: .satisfied, note: nil), by: F.citizen)
        closed.refuse(.withdraw(reason: "x"), by: F.citizen, .notAllowedInState(.withdraw, .followedUp))
        #expect(!CasePermissions.availableActions(on: closed.current, by: F.townDesk).contains(.withdraw))
        try closed.run(.close, by: F.townDesk)
        closed.refuse(.withdraw(reason: "x"), by: F.citizen, .notAllowedInState(.withdraw, .closed))
    }

    // MARK: Parties

    @Test("staff add, correct and remove parties at any step; each change is one entry; identity details checked")
    func editParties() throws {
        var file = try CaseFile()
        let respondent = Party(role: .respondent, name: " 李四 ", phone: "13900001111", idNumber: "11010119900101123x")
        // The grid worker reads the case but does not keep its parties; a leader neither.
        file.refuse(.editParties(.add(respondent)), by: F.gridWorker, .forbiddenRole(.editParties))
        file.refuse(.editParties(.add(respondent)), by: F.townLeader, .forbiddenRole(.editParties))
        let added = try file.run(.editParties(.add(respondent)), by: F.townDesk)
        #expect(added.map(\.change.name) == ["partyAdded"])
        #expect(file.current.parties.count == 3 && file.current.parties[2].name == "李四")
        #expect(file.current.parties[2].idNumber == "11010119900101123X")
        file.refuse(.editParties(.add(Party(role: .thirdParty, name: "  "))), by: F.townDesk, .partyNameRequired)
        file.refuse(
            .editParties(.add(Party(role: .thirdParty, name: "王五", phone: "123"))), by: F.townDesk,
            .invalidIntake(.phone(party: 4)))
        file.refuse(.editParties(.correct(index: 7, party: respondent)), by: F.townDesk, .noSuchParty(index: 7))
        // The reporter recorded as the applicant of the dispute stays the citizen to contact.
        var applicant = F.reporter
        applicant.role = .applicant
        try file.run(.editParties(.correct(index: 0, party: applicant)), by: F.townDesk)
        #expect(file.current.reporter?.name == "张三丰" && file.current.parties[0].role == .applicant)
        file.refuse(.editParties(.remove(index: 0, reason: "录错")), by: F.townDesk, .lastContactParty)
        file.refuse(.editParties(.remove(index: 1, reason: " ")), by: F.townDesk, .reasonRequired)
        try file.run(.editParties(.remove(index: 1, reason: "与本案无关")), by: F.townDesk)
        #expect(file.current.parties.map(\.name) == ["张三丰", "李四"])
        // The organisation handling it corrects too, and after 办结 as well.
        try file.run(F.assessment, by: F.townDesk)
        try file.run(.dispatch(lead: F.justiceOffice, assisting: [], whistle: nil), by: F.townDesk)
        try file.run(.accept, by: F.justice)
        try file.run(.resolve(outcome: .agreementReached, summary: "双方和解"), by: F.justice)
        try file.run(.editParties(.add(Party(role: .thirdParty, name: "王五"))), by: F.justice)
        #expect(file.current.parties.last?.role == .thirdParty)
        #expect(CaseLifecycle.replay(file.events) == file.current)
    }

    // MARK: Merging

    @Test("merging: the duplicate is merged into the master, whose file records it and whose parties gain its reporter")
    func merge() throws {
        var master = try CaseFile(id: 1)
        try master.run(F.assessment, by: F.townDesk)
        try master.run(.dispatch(lead: F.justiceOffice, assisting: [], whistle: nil), by: F.townDesk)
        let otherReporter = Party(role: .reporter, name: "王五", phone: "13700002222")
        var duplicate = try CaseFile(F.intake(channel: .hotline12345, parties: [otherReporter]), id: 2, by: F.importer)
        duplicate.refuse(.addProgress(note: "x"), by: F.gridWorker, .notAllowedInState(.progress, .registered))

        let (duplicateEvents, masterEvents) = try CaseLifecycle.merge(
            duplicate: duplicate.current, into: master.current, by: F.townDesk, at: master.now + 60)
        duplicate.append(duplicateEvents)
        master.append(masterEvents)
        #expect(duplicate.state == .merged && duplicate.current.masterCaseID == 1)
        #expect(duplicate.events.last?.sequence == 2 && master.events.last?.sequence == 4)
        #expect(master.state == .dispatched && master.current.duplicateIDs == [2])
        #expect(master.current.parties == [F.reporter, F.neighbour, otherReporter])
        duplicate.refuse(.withdraw(reason: "x"), by: F.citizen, .notAllowedInState(.withdraw, .merged))

        let anonymous = try CaseFile(F.intake(anonymous: true, parties: []), id: 3)
        let (_, moreMaster) = try CaseLifecycle.merge(
            duplicate: anonymous.current, into: master.current, by: F.townDesk, at: master.now + 120)
        master.append(moreMaster)
        #expect(master.current.duplicateIDs == [2, 3] && master.current.parties.count == 3)
    }

    @Test("a merge is refused into itself, into a closed master, outside the jurisdiction or by the wrong role")
    func mergeRefusals() throws {
        let master = try CaseFile(id: 1)
        let duplicate = try CaseFile(id: 2)
        #expect(throws: CaseError.cannotMergeIntoItself) {
            try CaseLifecycle.merge(duplicate: duplicate.current, into: duplicate.current, by: F.townDesk, at: F.clock)
        }
        #expect(throws: CaseError.forbiddenRole(.merge)) {
            try CaseLifecycle.merge(duplicate: duplicate.current, into: master.current, by: F.justice, at: F.clock)
        }
        let elsewhere = try CaseFile(
            id: 3, by: F.otherTownDesk, path: F.otherTownGridPath, receivingCenter: F.otherTownCenter)
        #expect(throws: CaseError.outsideJurisdiction) {
            try CaseLifecycle.merge(duplicate: duplicate.current, into: elsewhere.current, by: F.townDesk, at: F.clock)
        }
        var closed = try CaseFile(F.intake(kind: .consultation), id: 4)
        try closed.run(.answerConsultation(answer: "已答复"), by: F.townDesk)
        #expect(throws: CaseError.masterNotOpen(.closed)) {
            try CaseLifecycle.merge(duplicate: duplicate.current, into: closed.current, by: F.townDesk, at: F.clock)
        }
        #expect(throws: CaseError.notAllowedInState(.merge, .closed)) {
            try CaseLifecycle.merge(duplicate: closed.current, into: master.current, by: F.townDesk, at: F.clock)
        }
    }

    @Test("the merge command on its own marks the duplicate side only")
    func markDuplicate() throws {
        var duplicate = try CaseFile(id: 2)
        duplicate.refuse(.markDuplicate(of: 2), by: F.townDesk, .cannotMergeIntoItself)
        let events = try duplicate.run(.markDuplicate(of: 1), by: F.townDesk)
        #expect(events.map(\.change) == [.merged(into: 1)] && CaseCommand.markDuplicate(of: 1).name == "merge")
        #expect(duplicate.state == .merged && duplicate.current.masterCaseID == 1)
    }

    // MARK: Refusals

    @Test("a refused command returns no events and explains itself in Chinese and English")
    func refusalsAreBilingual() throws {
        let file = try resolvedCase()
        let before = file.current
        let refusals: [(CaseCommand, Actor, CaseError)] = [
            (
                .dispatch(lead: F.policeStation, assisting: [], whistle: nil), F.townDesk,
                .notAllowedInState(.dispatch, .resolved)
            ),
            (.dispatch(lead: F.policeStation, assisting: [], whistle: nil), F.justice, .forbiddenRole(.dispatch)),
            (.followUp(satisfaction: .satisfied, note: nil), F.otherGridWorker, .outsideJurisdiction),
            (.followUp(satisfaction: .satisfied, note: nil), F.otherTownDesk, .outsideJurisdiction),
            (.followUp(satisfaction: .satisfied, note: nil), F.justice, .forbiddenRole(.followUp)),
            (.reopen(reason: ""), F.townDesk, .reasonRequired),
            (.accept, F.police, .notAParticipant),
            (.close, F.townDesk, .followUpRequired),
            (.close, F.countyDesk, .notResponsibleCenter),
            (.supervise(note: "x", deadline: F.clock), F.importer, .deadlineNotInFuture),
        ]
        for (command, actor, expected) in refusals {
            file.refuse(command, by: actor, expected)
        }
        #expect(file.current == before && CaseLifecycle.replay(file.events) == before)

        let example = CaseError.notAllowedInState(.dispatch, .resolved)
        #expect(example.message.zh == "案件当前状态为“已办结”，不能派单。")
        #expect(example.message.en == "The case is resolved; it cannot be dispatched.")
        #expect(example.code == "case.not_allowed_in_state")
    }

    @Test("every error has a stable code and a message in both languages")
    func allErrorsBilingual() {
        let errors: [CaseError] = [
            .notAllowedInState(.accept, .closed), .forbiddenRole(.nudge), .outsideJurisdiction, .notResponsibleCenter,
            .notTheDispatcher, .notAParticipant, .notTheLead, .alreadyAccepted, .notYetAccepted, .reasonRequired,
            .noteRequired, .summaryRequired, .answerRequired, .textTooLong, .notAConsultation, .invalidCategory,
            .invalidDispatch, .invalidExtension, .extensionPending, .noPendingExtension, .deadlineNotInFuture,
            .alreadyAtCenter, .channelNotAllowed(.petition), .followUpRequired, .cannotMergeIntoItself,
            .masterNotOpen(.withdrawn), .inconsistentHistory, .invalidIntake(.phone(party: 2)),
        ]
        for error in errors { expectBilingual(error) }
        #expect(Set(errors.map(\.code)).count == errors.count)
        #expect(CaseError.invalidIntake(.phone(party: 2)).field == "parties[1].phone")
        for action in CaseAction.allCases {
            for state in CaseState.allCases { expectBilingual(.notAllowedInState(action, state)) }
        }
    }

    @Test("text arguments are trimmed and limited to 4,000 characters")
    func textLimits() throws {
        var file = try resolvedCase()
        file.refuse(.reopen(reason: String(repeating: "长", count: 4001)), by: F.townDesk, .textTooLong)
        try file.run(.reopen(reason: "  " + String(repeating: "长", count: 4000) + "\n"), by: F.townDesk)
        #expect(file.events.last?.note?.count == 4000)
        let fresh = try CaseFile()
        fresh.refuse(
            .assess(categoryCode: "two words", urgency: .hoped, difficulty: .simple, competentLevel: .village),
            by: F.townDesk, .invalidCategory)
    }

    // MARK: Replay

    @Test("replay rebuilds the case from its file and rejects files that are empty, reordered or foreign")
    func replay() throws {
        var file = try resolvedCase()
        try file.run(.followUp(satisfaction: .dissatisfied, note: nil), by: F.citizen)
        #expect(CaseLifecycle.replay(file.events) == file.current)
        #expect(CaseLifecycle.replay([]) == nil)
        #expect(CaseLifecycle.replay(Array(file.events.dropFirst())) == nil)
        var swapped = file.events
        swapped.swapAt(2, 3)
        #expect(CaseLifecycle.replay(swapped) == nil)
        var foreign = file.events
        foreign[4].caseID = 99
        #expect(CaseLifecycle.replay(foreign) == nil)
        var doubled = file.events
        doubled.append(
            CaseEvent(
                caseID: 1, sequence: doubled.count + 1, at: F.clock, actor: F.importer.stamp(),
                change: file.events[0].change,
                note: nil))
        #expect(CaseLifecycle.replay(doubled) == nil)
    }

    @Test("events and cases survive a JSON round trip unchanged")
    func codable() throws {
        var file = try resolvedCase()
        try file.run(.supervise(note: "督办", deadline: file.now + 86_400), by: F.townLeader)
        try file.run(.followUp(satisfaction: .dissatisfied, note: "不满意"), by: F.citizen)
        let encoder = JSONEncoder()
        let decoder = JSONDecoder()
        let events = try decoder.decode([CaseEvent].self, from: encoder.encode(file.events))
        #expect(events == file.events)
        #expect(CaseLifecycle.replay(events) == file.current)
        #expect(try decoder.decode(Case.self, from: encoder.encode(file.current)) == file.current)
        let commands: [CaseCommand] = [
            .assess(categoryCode: nil, urgency: .urgent, difficulty: .major, competentLevel: .county),
            .dispatch(lead: 1, assisting: [2, 3], whistle: .quick), .accept, .markDuplicate(of: 7),
            .supervise(note: "x", deadline: F.clock),
        ]
        #expect(try decoder.decode([CaseCommand].self, from: encoder.encode(commands)) == commands)
    }

    @Test("each command has the stable action name used in URLs")
    func actionNames() {
        let commands: [(CaseCommand, String)] = [
            (F.assessment, "assess"), (.dispatch(lead: 1, assisting: [], whistle: nil), "dispatch"),
            (.accept, "accept"),
            (.giveBack(reason: ""), "return"), (.addProgress(note: ""), "progress"),
            (.requestExtension(workingDays: 1, reason: ""), "request-extension"),
            (.decideExtension(approved: true, note: nil), "decide-extension"),
            (.resolve(outcome: .solved, summary: ""), "resolve"),
            (.followUp(satisfaction: .satisfied, note: nil), "follow-up"),
            (.close, "close"), (.escalate(toCenter: 1, reason: ""), "escalate"),
            (.supervise(note: "", deadline: F.clock), "supervise"), (.nudge(note: nil), "nudge"),
            (.reopen(reason: ""), "reopen"),
            (.withdraw(reason: ""), "withdraw"), (.markDuplicate(of: 1), "merge"),
            (.answerConsultation(answer: ""), "answer"),
        ]
        for (command, name) in commands {
            #expect(command.name == name)
            #expect(CaseAction(rawValue: name) == command.action)
        }
    }

    // MARK: Helpers

    /// A request dispatched to the justice office, accepted, worked on and resolved.
    private func resolvedCase(_ intake: Intake = Fixture.intake()) throws -> CaseFile {
        var file = try CaseFile(intake)
        try file.run(F.assessment, by: F.townDesk)
        try file.run(.dispatch(lead: F.justiceOffice, assisting: [], whistle: nil), by: F.townDesk)
        try file.run(.accept, by: F.justice)
        try file.run(.addProgress(note: "组织双方调解"), by: F.justice)
        try file.run(.resolve(outcome: .agreementReached, summary: "达成调解协议"), by: F.justice)
        return file
    }
}
