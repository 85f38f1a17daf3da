import FengqiaoCore
import Foundation
import Testing

/// One case driven through the real state machine, registered at a chosen time; every step is applied and the
/// replayed file must equal the case built step by step (as `CaseFile` does, with a registration time of its own).
private struct Story {
    var current: Case
    var events: [CaseEvent]
    var now: Date

    init(
        _ id: Case.ID, _ intake: Intake = Fixture.intake(), by actor: Actor = Fixture.gridWorker,
        path: String = Fixture.gridPath, center: Organisation.ID? = Fixture.townCenter,
        at registeredAt: Date = Fixture.clock
    ) throws {
        now = registeredAt
        let (created, event) = try CaseLifecycle.register(
            intake, id: id, number: CaseNumbering.number(date: registeredAt, sequence: Int(id.rawValue)),
            trackingCode: "ABCDEFGH23", regionPath: path, receivingCenter: center, by: actor, at: now)
        current = created
        events = [event]
    }

    mutating func run(_ command: CaseCommand, by actor: Actor) throws {
        now += 60
        append(try CaseLifecycle.decide(command, on: current, by: actor, at: now))
    }

    mutating func append(_ new: [CaseEvent]) {
        for event in new { current = CaseLifecycle.apply(event, to: current) }
        events += new
        #expect(CaseLifecycle.replay(events) == current)
    }

    var facts: CaseFacts {
        get throws { try #require(CaseFacts(events: events)) }
    }
}

/// Twelve case files through the paths the rates care about. Eleven are registered in `period` (one of them merged
/// into another as a duplicate), one the day before.
private struct Scenario {
    typealias F = Fixture

    static let period = F.clock..<(F.clock + 86_400)
    static let dayBefore = (F.clock - 86_400)..<F.clock

    /// 1: the whole loop; an assisting police station leaves the joint handling before the lead accepts.
    var happy: Story
    /// 2: returned by the justice office, dispatched again to the police station, which handles it.
    var returned: Story
    /// 3: dissatisfied follow-up, redone, followed up satisfied, closed.
    var redone: Story
    /// 4: dissatisfied follow-up; being redone now.
    var redoing: Story
    /// 5: resolved, followed up, closed, then reopened by the center because the matter flared up again.
    var flaredUp: Story
    /// 6: a walk-in consultation answered at intake.
    var consultation: Story
    /// 7: dispatched, then withdrawn by the citizen before anyone accepted it.
    var withdrawn: Story
    /// 8: a duplicate of case 4, merged into it.
    var duplicate: Story
    /// 9: dispatched to the housing bureau, not accepted yet.
    var awaiting: Story
    /// 10: a 12345 land case in the other township, not admissible.
    var otherTown: Story
    /// 11: registered the day before the period; returned by the justice office.
    var earlier: Story
    /// 12: dispatched, escalated to the county before the lead accepted, accepted there by the housing bureau.
    var escalated: Story

    init() throws {
        let dispatchJustice = CaseCommand.dispatch(lead: F.justiceOffice, assisting: [], whistle: nil)
        let dispatchPolice = CaseCommand.dispatch(lead: F.policeStation, assisting: [], whistle: nil)

        happy = try Story(1)
        try happy.run(F.assessment, by: F.townDesk)
        try happy.run(.dispatch(lead: F.justiceOffice, assisting: [F.policeStation], whistle: .quick), by: F.townDesk)
        try happy.run(.giveBack(reason: "非本单位职责"), by: F.police)
        try happy.run(.accept, by: F.justice)
        try happy.run(.addProgress(note: "已约定现场调解"), by: F.justice)
        try happy.run(.resolve(outcome: .agreementReached, summary: "双方签订调解协议"), by: F.justice)
        try happy.run(.followUp(satisfaction: .satisfied, note: nil), by: F.citizen)
        try happy.run(.close, by: F.townDesk)

        returned = try Story(2)
        try returned.run(F.assessment, by: F.townDesk)
        try returned.run(dispatchJustice, by: F.townDesk)
        try returned.run(.giveBack(reason: "属治安纠纷，应由派出所办理"), by: F.justice)
        try returned.run(dispatchPolice, by: F.townDesk)
        try returned.run(.accept, by: F.police)
        try returned.run(.resolve(outcome: .solved, summary: "已调处"), by: F.police)
        try returned.run(.followUp(satisfaction: .basicallySatisfied, note: nil), by: F.gridWorker)

        redone = try Story(3)
        try redone.run(F.assessment, by: F.townDesk)
        try redone.run(.dispatch(lead: F.mediationCommittee, assisting: [], whistle: nil), by: F.townDesk)
        try redone.run(.accept, by: F.mediator)
        try redone.run(.resolve(outcome: .partlySolved, summary: "部分解决"), by: F.mediator)
        try redone.run(.followUp(satisfaction: .dissatisfied, note: "赔偿未到位"), by: F.citizen)
        try redone.run(.resolve(outcome: .solved, summary: "赔偿已到位"), by: F.mediator)
        try redone.run(.followUp(satisfaction: .satisfied, note: nil), by: F.citizen)
        try redone.run(.close, by: F.townDesk)

        redoing = try Story(4)
        try redoing.run(F.assessment, by: F.townDesk)
        try redoing.run(dispatchJustice, by: F.townDesk)
        try redoing.run(.accept, by: F.justice)
        try redoing.run(.resolve(outcome: .guidedToLitigation, summary: "引导诉讼"), by: F.justice)
        try redoing.run(.followUp(satisfaction: .dissatisfied, note: "不愿诉讼"), by: F.gridWorker)

        flaredUp = try Story(5)
        try flaredUp.run(F.assessment, by: F.townDesk)
        try flaredUp.run(dispatchPolice, by: F.townDesk)
        try flaredUp.run(.accept, by: F.police)
        try flaredUp.run(.resolve(outcome: .solved, summary: "已化解"), by: F.police)
        try flaredUp.run(.followUp(satisfaction: .satisfied, note: nil), by: F.citizen)
        try flaredUp.run(.close, by: F.townDesk)
        try flaredUp.run(.reopen(reason: "双方再起争执"), by: F.townDesk)

        consultation = try Story(6, F.intake(kind: .consultation, channel: .window), by: F.townDesk)
        try consultation.run(.answerConsultation(answer: "已当场解答"), by: F.townDesk)

        withdrawn = try Story(7)
        try withdrawn.run(F.assessment, by: F.townDesk)
        try withdrawn.run(dispatchJustice, by: F.townDesk)
        try withdrawn.run(.withdraw(reason: "双方已自行和解"), by: F.citizen)

        duplicate = try Story(8, F.intake(channel: .hotline12345), by: F.importer)
        let merge = try CaseLifecycle.merge(
            duplicate: duplicate.current, into: redoing.current, by: F.townDesk, at: F.clock + 3_600)
        duplicate.append(merge.duplicate)
        redoing.append(merge.master)

        awaiting = try Story(9)
        try awaiting.run(F.assessment, by: F.townDesk)
        try awaiting.run(.dispatch(lead: F.housingBureau, assisting: [], whistle: nil), by: F.townDesk)

        otherTown = try Story(
            10, F.intake(channel: .hotline12345), by: F.importer, path: F.otherTownGridPath, center: F.otherTownCenter)
        try otherTown.run(
            .assess(categoryCode: "land", urgency: .worrying, difficulty: .simple, competentLevel: .township),
            by: F.otherTownDesk)
        try otherTown.run(.dispatch(lead: F.otherTownCenter, assisting: [], whistle: nil), by: F.otherTownDesk)
        try otherTown.run(.accept, by: F.otherTownDesk)
        try otherTown.run(.resolve(outcome: .notAdmissible, summary: "不属受理范围"), by: F.otherTownDesk)

        earlier = try Story(11, at: Self.dayBefore.lowerBound)
        try earlier.run(F.assessment, by: F.townDesk)
        try earlier.run(dispatchJustice, by: F.townDesk)
        try earlier.run(.giveBack(reason: "非本单位职责"), by: F.justice)

        escalated = try Story(12)
        try escalated.run(F.assessment, by: F.townDesk)
        try escalated.run(dispatchJustice, by: F.townDesk)
        try escalated.run(.escalate(toCenter: F.countyCenter, reason: "涉及县级部门"), by: F.townDesk)
        try escalated.run(
            .assess(categoryCode: "neighbour", urgency: .troublesome, difficulty: .complex, competentLevel: .county),
            by: F.countyDesk)
        try escalated.run(.dispatch(lead: F.housingBureau, assisting: [], whistle: nil), by: F.countyDesk)
        try escalated.run(.accept, by: F.housing)
    }

    var stories: [Story] {
        [
            happy, returned, redone, redoing, flaredUp, consultation, withdrawn, duplicate, awaiting, otherTown,
            earlier, escalated,
        ]
    }

    var facts: [CaseFacts] {
        get throws { try stories.map { try $0.facts } }
    }

    /// Deadlines for 按期办结率: case 1 an hour after its resolution, case 2 a minute before it (late), case 3 exactly
    /// at its latest resolution, the consultation an hour after; the not-admissible case 10 has none; the unresolved
    /// ones have deadlines that must not matter.
    func deadlines() throws -> [Case.ID: Date] {
        [
            1: try #require(happy.current.resolvedAt) + 3_600,
            2: try #require(returned.current.resolvedAt) - 60,
            3: try #require(redone.current.resolvedAt),
            4: F.clock + 3_600, 5: F.clock + 3_600,
            6: try #require(consultation.current.resolvedAt) + 3_600,
            9: F.clock + 3_600, 12: F.clock + 3_600,
        ]
    }
}

/// `(numerator, denominator)` of each rate by id, `denominator` nil for the count.
private func counts(_ rates: [Rate]) -> [String: Pair] {
    Dictionary(uniqueKeysWithValues: rates.map { ($0.id, Pair($0.numerator, $0.denominator)) })
}

private struct Pair: Equatable, CustomStringConvertible {
    var numerator: Int
    var denominator: Int?
    init(_ numerator: Int, _ denominator: Int?) {
        self.numerator = numerator
        self.denominator = denominator
    }
    var description: String { "\(numerator)/\(denominator.map(String.init) ?? "–")" }
}

private func rate(_ measure: CoreRates.Measure, in rates: [Rate]) throws -> Rate {
    try #require(rates.first { $0.id == measure.id })
}

@Suite("Core rates")
struct CoreRatesTests {
    typealias F = Fixture

    // MARK: The whole scenario

    @Test("over the period's cases every rate has its exact numerator and denominator")
    func scenarioRates() throws {
        let scenario = try Scenario()
        let deadlines = try scenario.deadlines()
        let rates = CoreRates.compute(
            try scenario.facts, filter: .init(period: Scenario.period), deadlineFor: { deadlines[$0.id] })
        #expect(rates.map(\.id) == CoreRates.definitions.map(\.id))
        #expect(
            counts(rates) == [
                // 1–7, 9, 10, 12: the merged duplicate 8 and the earlier 11 are not counted.
                "intake": Pair(10, nil),
                // Resolved now: 1, 2, 3, 6 settled, 10 not admissible.
                "resolution": Pair(4, 5),
                // Population 1–6, 9, 10, 12 (7 withdrawn, 8 merged); resolved now: 1, 2, 3, 6, 10.
                "closing": Pair(5, 9),
                // Resolved with a deadline: 1, 2, 3, 6 (10 has none); 2 is late, 3 is resolved on its deadline.
                "on-time": Pair(3, 4),
                // Dispatched: 1, 2, 3, 4, 5, 9, 10, 12; accepted at once: 1, 3, 4, 5, 10.
                "acceptance": Pair(5, 8),
                // Returned by a lead: 2 only (in 1 only an assisting organisation left).
                "return": Pair(1, 8),
                // Followed up: 1, 2, 3, 4, 5; the latest verdict of 4 is dissatisfied.
                "satisfaction": Pair(4, 5),
                // Redone after a dissatisfied follow-up: 3, 4.
                "redo": Pair(2, 5),
                // Resolved at least once: 1, 2, 3, 4, 5, 6, 10; reopened by the reopen command: 5.
                "flare-up": Pair(1, 7),
            ])
    }

    @Test("a ratio's value is numerator ÷ denominator; the intake count's value is the count")
    func values() throws {
        let scenario = try Scenario()
        let rates = CoreRates.compute(try scenario.facts, filter: .init(period: Scenario.period))
        #expect(try rate(CoreRates.intake, in: rates).value == 10)
        #expect(try rate(CoreRates.resolution, in: rates).value == 0.8)
        #expect(try rate(CoreRates.closing, in: rates).value == 5.0 / 9.0)
        #expect(try rate(CoreRates.acceptance, in: rates).value == 0.625)
        #expect(try rate(CoreRates.flareUp, in: rates).value == 1.0 / 7.0)
    }

    @Test("over no cases the intake count is 0 and no ratio has a value")
    func empty() {
        let rates = CoreRates.compute([])
        #expect(rates.count == CoreRates.all.count)
        for rate in rates {
            switch rate.definition.kind {
            case .count:
                #expect(rate.numerator == 0 && rate.denominator == nil && rate.value == 0)
            case .ratio:
                #expect(rate.numerator == 0 && rate.denominator == 0 && rate.value == nil, "\(rate.id)")
            }
        }
    }

    // MARK: Edge cases, one case at a time

    @Test("a withdrawn case counts in the intake but in no ratio, though it had been dispatched")
    func withdrawnCase() throws {
        let facts = try Scenario().withdrawn.facts
        #expect(facts.isWithdrawn && facts.wasDispatched && !facts.countsInRates)
        let rates = CoreRates.compute([facts], deadlineFor: { _ in F.clock })
        #expect(counts(rates)["intake"] == Pair(1, nil))
        for rate in rates where rate.definition.kind == .ratio {
            #expect(rate.denominator == 0, "\(rate.id)")
        }
    }

    @Test("a merged duplicate counts nowhere; its master counts once, as before the merge")
    func mergedDuplicate() throws {
        let scenario = try Scenario()
        let duplicate = try scenario.duplicate.facts
        #expect(duplicate.isMerged && !duplicate.countsInRates)
        let rates = CoreRates.compute([duplicate], deadlineFor: { _ in F.clock })
        #expect(counts(rates)["intake"] == Pair(0, nil))
        for rate in rates where rate.definition.kind == .ratio {
            #expect(rate.denominator == 0, "\(rate.id)")
        }

        let master = scenario.redoing
        #expect(master.events.last?.change.action == .merge)
        let beforeMerge = try #require(CaseFacts(events: Array(master.events.dropLast())))
        #expect(try master.facts == beforeMerge)
    }

    @Test("a case returned and dispatched again was not accepted on first dispatch, and counts as returned")
    func returnedThenRedispatched() throws {
        let facts = try Scenario().returned.facts
        #expect(facts.dispatchCount == 2 && facts.returnCount == 1 && !facts.acceptedOnFirstDispatch)
        let rates = counts(CoreRates.compute([facts]))
        #expect(rates["acceptance"] == Pair(0, 1))
        #expect(rates["return"] == Pair(1, 1))
    }

    @Test("an assisting organisation leaving the joint handling is not a return; the lead's acceptance counts")
    func assistingLeaveIsNotAReturn() throws {
        let facts = try Scenario().happy.facts
        #expect(facts.returnCount == 0 && facts.acceptedOnFirstDispatch)
        #expect(facts.organisationIDs.contains(F.policeStation))
        let rates = counts(CoreRates.compute([facts]))
        #expect(rates["acceptance"] == Pair(1, 1))
        #expect(rates["return"] == Pair(0, 1))
    }

    @Test("a case escalated before its lead accepted is neither accepted on first dispatch nor returned")
    func escalatedBeforeAcceptance() throws {
        let facts = try Scenario().escalated.facts
        #expect(facts.dispatchCount == 2 && facts.state == .accepted)
        let rates = counts(CoreRates.compute([facts]))
        #expect(rates["acceptance"] == Pair(0, 1))
        #expect(rates["return"] == Pair(0, 1))
    }

    @Test("a dispatch still awaiting acceptance counts in 接单率's denominator only")
    func awaitingAcceptance() throws {
        let facts = try Scenario().awaiting.facts
        #expect(facts.state == .dispatched)
        #expect(counts(CoreRates.compute([facts]))["acceptance"] == Pair(0, 1))
    }

    @Test("a dissatisfied follow-up counts in 重办率 and against 满意率, not in 反弹率")
    func dissatisfiedFollowUpIsARedo() throws {
        let facts = try Scenario().redoing.facts
        #expect(facts.redoCount == 1 && facts.flareUpCount == 0 && facts.state == .inProgress)
        #expect(facts.latestSatisfaction == .dissatisfied && facts.outcome == nil)
        let rates = counts(CoreRates.compute([facts]))
        #expect(rates["redo"] == Pair(1, 1))
        #expect(rates["flare-up"] == Pair(0, 1))
        #expect(rates["satisfaction"] == Pair(0, 1))
        #expect(rates["closing"] == Pair(0, 1))
        #expect(rates["resolution"] == Pair(0, 0))
    }

    @Test("a reopen after resolution counts in 反弹率, not in 重办率, and the case is no longer resolved")
    func reopenCommandIsAFlareUp() throws {
        let facts = try Scenario().flaredUp.facts
        #expect(facts.flareUpCount == 1 && facts.redoCount == 0 && facts.state == .inProgress)
        let rates = counts(CoreRates.compute([facts]))
        #expect(rates["flare-up"] == Pair(1, 1))
        #expect(rates["redo"] == Pair(0, 1))
        #expect(rates["satisfaction"] == Pair(1, 1))
        #expect(rates["closing"] == Pair(0, 1))
    }

    @Test("a redone case followed up again is judged by its latest follow-up and latest outcome")
    func latestFollowUpCounts() throws {
        let facts = try Scenario().redone.facts
        #expect(facts.latestSatisfaction == .satisfied && facts.outcome == .solved && facts.resolutionCount == 2)
        let rates = counts(CoreRates.compute([facts]))
        #expect(rates["satisfaction"] == Pair(1, 1))
        #expect(rates["redo"] == Pair(1, 1))
        #expect(rates["resolution"] == Pair(1, 1))
    }

    @Test("按期办结率: on the deadline is on time, after it is late, and a case without a deadline is left out")
    func onTime() throws {
        let scenario = try Scenario()
        let happy = try scenario.happy.facts
        let resolvedAt = try #require(happy.resolvedAt)
        let measure = CoreRates.onTime
        #expect(measure.rate(over: [happy], deadlineFor: { _ in resolvedAt }).numerator == 1)
        #expect(measure.rate(over: [happy], deadlineFor: { _ in resolvedAt - 1 }).numerator == 0)
        #expect(measure.rate(over: [happy], deadlineFor: { _ in resolvedAt - 1 }).denominator == 1)
        #expect(measure.rate(over: [happy], deadlineFor: { _ in nil }).denominator == 0)
        // Unresolved cases are not measured, whatever their deadline.
        let unresolved = try [scenario.redoing.facts, scenario.awaiting.facts]
        #expect(measure.rate(over: unresolved, deadlineFor: { _ in F.clock }).denominator == 0)
    }

    @Test("without deadlines 按期办结率 has nothing to measure")
    func onTimeWithoutDeadlines() throws {
        let rates = CoreRates.compute(try Scenario().facts)
        let onTime = try rate(CoreRates.onTime, in: rates)
        #expect(onTime.denominator == 0 && onTime.value == nil)
    }

    @Test("a consultation answered at intake is resolved and solved, and the kind filter leaves it out")
    func consultation() throws {
        let scenario = try Scenario()
        let facts = try scenario.consultation.facts
        #expect(facts.isResolved && facts.outcome == .solved && !facts.wasDispatched && facts.resolutionCount == 1)
        let requests = counts(
            CoreRates.compute(try scenario.facts, filter: .init(kind: .request, period: Scenario.period)))
        #expect(requests["intake"] == Pair(9, nil))
        #expect(requests["resolution"] == Pair(3, 4))
        #expect(requests["closing"] == Pair(4, 8))
    }

    // MARK: Filters

    @Test("the region filter takes a whole subtree, segment by segment, with or without the trailing slash")
    func regionFilter() throws {
        let facts = try Scenario().facts
        func intake(_ path: String) -> Pair? {
            counts(CoreRates.compute(facts, filter: .init(regionPath: path, period: Scenario.period)))["intake"]
        }
        #expect(intake(F.countyPath) == Pair(10, nil))
        #expect(intake(F.townPath) == Pair(9, nil))
        #expect(intake(F.otherTownPath) == Pair(1, nil))
        #expect(intake(String(F.otherTownPath.dropLast())) == Pair(1, nil))
        // "/339900/339921/33992110" is a prefix of both townships' paths as text, but not a whole segment.
        #expect(intake(String(F.townPath.dropLast(2))) == Pair(0, nil))

        let otherTown = counts(
            CoreRates.compute(facts, filter: .init(regionPath: F.otherTownPath, period: Scenario.period)))
        #expect(otherTown["resolution"] == Pair(0, 1))
        #expect(otherTown["closing"] == Pair(1, 1))
        #expect(otherTown["acceptance"] == Pair(1, 1))
    }

    @Test("the organisation filter takes every case the organisation took part in, even one it returned or left")
    func organisationFilter() throws {
        let facts = try Scenario().facts
        func rates(_ organisation: Organisation.ID) -> [String: Pair] {
            counts(CoreRates.compute(facts, filter: .init(organisationID: organisation, period: Scenario.period)))
        }
        // The justice office: 1 (lead), 2 (returned it), 4 (lead), 7 (withdrawn), 12 (escalated away from it); 11 is
        // before the period.
        let justice = rates(F.justiceOffice)
        #expect(justice["intake"] == Pair(5, nil))
        #expect(justice["acceptance"] == Pair(2, 4))
        #expect(justice["return"] == Pair(1, 4))
        // The police station: 1 (assisting, left), 2 (second lead), 5 (lead).
        let police = rates(F.policeStation)
        #expect(police["intake"] == Pair(3, nil))
        #expect(police["flare-up"] == Pair(1, 3))
        // The housing bureau: 9 (awaiting), 12 (after the escalation).
        #expect(rates(F.housingBureau)["acceptance"] == Pair(0, 2))
        // The county center only holds the escalated case.
        #expect(rates(F.countyCenter)["intake"] == Pair(1, nil))
        // The town center received every case of its township.
        #expect(rates(F.townCenter)["intake"] == Pair(9, nil))
    }

    @Test("the period filter is [from, to) on the registration time")
    func periodFilter() throws {
        let facts = try Scenario().facts
        let before = counts(CoreRates.compute(facts, filter: .init(period: Scenario.dayBefore)))
        #expect(before["intake"] == Pair(1, nil))
        #expect(before["return"] == Pair(1, 1))
        let both = MetricsFilter.period(from: Scenario.dayBefore.lowerBound, to: Scenario.period.upperBound)
        #expect(counts(CoreRates.compute(facts, filter: both))["intake"] == Pair(11, nil))
        let endingAtClock = MetricsFilter.period(from: F.clock - 1, to: F.clock)
        #expect(counts(CoreRates.compute(facts, filter: endingAtClock))["intake"] == Pair(0, nil))
        let startingAtClock = MetricsFilter.period(from: F.clock, to: F.clock + 1)
        #expect(counts(CoreRates.compute(facts, filter: startingAtClock))["intake"] == Pair(10, nil))
    }

    @Test("the category and channel filters take exact matches, with the category as assessed")
    func categoryAndChannelFilters() throws {
        let facts = try Scenario().facts
        let land = counts(CoreRates.compute(facts, filter: .init(categoryCode: "land")))
        #expect(land["intake"] == Pair(1, nil))
        #expect(land["resolution"] == Pair(0, 1))
        #expect(counts(CoreRates.compute(facts, filter: .init(categoryCode: "lan")))["intake"] == Pair(0, nil))
        // Case 10 and the merged duplicate 8 came by the hotline; the duplicate is not counted.
        #expect(counts(CoreRates.compute(facts, filter: .init(channel: .hotline12345)))["intake"] == Pair(1, nil))
        let window = counts(CoreRates.compute(facts, filter: .init(channel: .window)))
        #expect(window["intake"] == Pair(1, nil))
        #expect(window["resolution"] == Pair(1, 1))
    }

    // MARK: The facts

    @Test("CaseFacts folds a case file: registration, path, organisations, dispatches, outcome and follow-up")
    func factsOfTheWholeLoop() throws {
        let story = try Scenario().happy
        let facts = try story.facts
        #expect(facts.id == 1 && facts.kind == .request && facts.channel == .gridWorker)
        #expect(facts.registeredAt == F.clock && facts.regionPath == F.gridPath && facts.categoryCode == "neighbour")
        #expect(facts.state == .closed)
        #expect(facts.organisationIDs == [F.townCenter, F.justiceOffice, F.policeStation])
        #expect(facts.dispatchCount == 1 && facts.acceptedOnFirstDispatch && facts.returnCount == 0)
        #expect(facts.resolutionCount == 1 && facts.resolvedAt == story.current.resolvedAt)
        #expect(facts.outcome == .agreementReached && facts.latestSatisfaction == .satisfied)
        #expect(facts.redoCount == 0 && facts.flareUpCount == 0)
    }

    @Test("CaseFacts refuses an empty file, one not starting with the registration, and one with a gap")
    func factsOfABrokenFile() throws {
        let events = try Scenario().happy.events
        #expect(CaseFacts(events: []) == nil)
        #expect(CaseFacts(events: Array(events.dropFirst())) == nil)
        #expect(CaseFacts(events: [events[0], events[2]]) == nil)
        #expect(CaseFacts(events: [events[0], events[0]]) == nil)
        #expect(CaseFacts(events: Array(events.prefix(3))) != nil)
    }

    @Test("folding a file at once equals folding any first part and then the rest onto its facts")
    func foldInTwoParts() throws {
        for story in try Scenario().stories {
            let whole = try #require(CaseFacts(events: story.events))
            for split in 1...story.events.count {
                let head = Array(story.events[..<split])
                let start = try #require(CaseFacts(events: head))
                let before = try #require(CaseLifecycle.replay(head))
                #expect(
                    start.folding(story.events[split...], after: before) == whole,
                    "case \(story.current.id.rawValue) split after event \(split)")
            }
        }
        // The redo rule looks back one event: a dissatisfied follow-up at the end of the first part makes the
        // reopening at the start of the second a 重办, as in one fold.
        let redone = try Scenario().redone
        let split = try #require(redone.events.firstIndex { $0.change == .followedUp(satisfaction: .dissatisfied) }) + 1
        let start = try #require(CaseFacts(events: Array(redone.events[..<split])))
        #expect(start.followedUpDissatisfied)
        let folded = start.folding(
            redone.events[split...], after: try #require(CaseLifecycle.replay(Array(redone.events[..<split]))))
        #expect(folded?.redoCount == 1 && folded?.flareUpCount == 0 && folded?.followedUpDissatisfied == false)
    }

    @Test("folding refuses events of another case, a gap in the sequence and a second registration")
    func foldRefusesBrokenParts() throws {
        let happy = try Scenario().happy
        let head = Array(happy.events.prefix(3))
        let start = try #require(CaseFacts(events: head))
        let before = try #require(CaseLifecycle.replay(head))
        #expect(start.folding(happy.events.dropFirst(4), after: before) == nil)
        #expect(start.folding([happy.events[0]], after: before) == nil)
        var foreign = happy.events[3]
        foreign.caseID = 99
        #expect(start.folding([foreign], after: before) == nil)
        #expect(start.folding([], after: before) == start)
    }

    // MARK: The definitions

    @Test("there are nine definitions with unique ids, both languages, and a denominator for every ratio")
    func definitions() {
        let definitions = CoreRates.definitions
        #expect(
            definitions.map(\.id) == [
                "intake", "resolution", "closing", "on-time", "acceptance", "return", "satisfaction", "redo",
                "flare-up",
            ])
        #expect(
            definitions.map(\.name.zh) == ["受理量", "化解率", "办结率", "按期办结率", "接单率", "退单率", "满意率", "重办率", "反弹率"])
        for definition in definitions {
            #expect((definition.kind == .count) == (definition.denominator == nil), "\(definition.id)")
            let texts = [definition.name, definition.numerator] + (definition.denominator.map { [$0] } ?? [])
            for text in texts {
                #expect(text.zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(definition.id)")
                #expect(!text.en.isEmpty, "\(definition.id)")
                #expect(
                    !text.en.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(definition.id)")
            }
        }
        #expect(CoreRates.definitions.filter { $0.kind == .count }.map(\.id) == ["intake"])
    }

    @Test("each definition's words are written, in both languages, in the doc comment above it")
    func docCommentsMatchTheDefinitions() throws {
        let source = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/FengqiaoCore/Metrics/CoreRates.swift")
        let text = try String(contentsOf: source, encoding: .utf8)
        // The doc comment blocks, each squeezed: no comment markers, no whitespace.
        var blocks: [String] = []
        var block = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("///") {
                block += trimmed.dropFirst(3)
            } else if !block.isEmpty {
                blocks.append(squeezed(block))
                block = ""
            }
        }
        for definition in CoreRates.definitions {
            let texts = [definition.name, definition.numerator] + (definition.denominator.map { [$0] } ?? [])
            let words = texts.flatMap { [$0.zh, $0.en] }.map(squeezed)
            let documented = blocks.contains { block in words.allSatisfy { block.contains($0) } }
            #expect(documented, "\(definition.id): the doc comment does not say what the data says")
        }
    }

    private func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
            .lowercased()
    }
}
