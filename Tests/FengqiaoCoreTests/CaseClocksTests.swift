import FengqiaoCore
import Foundation
import Testing

/// The clocks of a case on the working calendar, with fixed instants in China Standard Time around the 2026 Spring
/// Festival: 2026-02-14 (Saturday) and 2026-02-28 (Saturday) are make-up working days (调休上班), 02-15 to 02-23 are
/// holidays.
@Suite("Case clocks")
struct CaseClocksTests {
    typealias F = Fixture
    let calendar = WorkingCalendar.mainland

    static func cst(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .chinaStandard
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    /// A dispute registered at the window on Friday 2026-02-13 09:00, standard limits, dispatched to the justice
    /// office at 10:00 and accepted at 10:30.
    func dispatchedBeforeTheFestival(ladder: EscalationLadder? = nil) throws -> CaseFile {
        var file = try CaseFile(F.intake(channel: .window), by: F.townDesk, at: Self.cst(2026, 2, 13, 9))
        try file.run(
            .applyTimeLimits(
                AppliedTimeLimits(policy: .standard, ladder: ladder, ladderStartStep: ladder == nil ? nil : 1)),
            by: F.importer, at: Self.cst(2026, 2, 13, 9))
        try file.run(F.assessment, by: F.townDesk, at: Self.cst(2026, 2, 13, 9, 30))
        try file.run(
            .dispatch(lead: F.justiceOffice, assisting: [], whistle: nil), by: F.townDesk, at: Self.cst(2026, 2, 13, 10)
        )
        try file.run(.accept, by: F.justice, at: Self.cst(2026, 2, 13, 10, 30))
        return file
    }

    func clock(_ kind: ClockKind, of file: CaseFile, at now: Date) -> ClockStatus? {
        CaseClocks.status(of: file.current, calendar: calendar, at: now).first { $0.kind == kind }
    }

    @Test(
        "five working days from the Friday before the Spring Festival count the make-up Saturday and skip the holiday")
    func finishAcrossTheFestival() throws {
        let file = try dispatchedBeforeTheFestival()
        // Friday 10:00–24:00 (14 h), Saturday 02-14 (24 h), Tuesday 02-24 to Thursday 02-26 (72 h), Friday 10 h.
        let finish = try #require(clock(.finish, of: file, at: Self.cst(2026, 2, 24, 10)))
        #expect(finish.dueAt == Self.cst(2026, 2, 27, 10))
        #expect(finish.level == .green && finish.text.zh == "剩余3个工作日" && finish.text.en == "3 working days left")
        // 75 % of 120 working hours is 90: Friday 14, Saturday 24, Tuesday 24, Wednesday 24, Thursday 4.
        #expect(finish.warningAt == Self.cst(2026, 2, 26, 4))
        #expect(clock(.finish, of: file, at: Self.cst(2026, 2, 26, 5))?.level == .yellow)
        let late = try #require(clock(.finish, of: file, at: Self.cst(2026, 2, 27, 15)))
        #expect(late.level == .red && late.text.zh == "已超期5小时" && late.text.en == "5 hours overdue")
        // During the holiday no working time passes: Saturday night and the next Tuesday morning read the same.
        let saturday = try #require(clock(.finish, of: file, at: Self.cst(2026, 2, 15, 0)))
        let tuesday = try #require(clock(.finish, of: file, at: Self.cst(2026, 2, 24, 0)))
        #expect(saturday.remaining == tuesday.remaining && saturday.text.zh == "剩余3个工作日10小时")
        // The clocks that stopped are not shown: respond (staff registered it), start (dispatched), accept.
        #expect(
            CaseClocks.status(of: file.current, calendar: calendar, at: Self.cst(2026, 2, 24, 10)).map(\.kind) == [
                .finish
            ])
    }

    @Test("the 24-hour start clock counts natural hours through the holiday; the respond clock runs until staff act")
    func naturalClocks() throws {
        var file = try CaseFile(F.intake(channel: .citizenReport), by: F.citizen, at: Self.cst(2026, 2, 14, 20))
        try file.run(
            .applyTimeLimits(AppliedTimeLimits(policy: .standard, ladder: nil, ladderStartStep: nil)), by: F.importer,
            at: Self.cst(2026, 2, 14, 20))
        let respond = try #require(clock(.respond, of: file, at: Self.cst(2026, 2, 14, 20, 10)))
        #expect(respond.dueAt == Self.cst(2026, 2, 14, 20, 30) && respond.text.zh == "剩余20分钟")
        let start = try #require(clock(.start, of: file, at: Self.cst(2026, 2, 15, 8)))
        #expect(start.dueAt == Self.cst(2026, 2, 15, 20) && start.text.zh == "剩余12小时")
        // A citizen's own later action does not count as a response; staff assessing it does.
        try file.run(F.assessment, by: F.townDesk, at: Self.cst(2026, 2, 14, 21))
        #expect(clock(.respond, of: file, at: Self.cst(2026, 2, 14, 21, 5)) == nil)
        let due = CaseClocks.dueAlerts(of: file.current, calendar: calendar, at: Self.cst(2026, 2, 14, 21, 5))
        #expect(due.isEmpty, "the respond clock stopped late but nothing fired before: \(due)")
    }

    @Test("a clock pauses while the case waits on the citizen and resumes with the time it had left")
    func pausedWhileWaitingOnTheCitizen() throws {
        var file = try dispatchedBeforeTheFestival()
        try file.run(.requestInformation(note: "请补充现场照片"), by: F.justice, at: Self.cst(2026, 2, 24, 10))
        let paused = try #require(clock(.finish, of: file, at: Self.cst(2026, 2, 27, 18)))
        #expect(paused.paused && paused.dueAt == nil && paused.level == .green)
        #expect(paused.text.zh.hasPrefix("已暂停") && paused.text.zh.contains("剩余3个工作日"))
        #expect(CaseClocks.deadlines(of: file.current, calendar: calendar).isEmpty)
        #expect(CaseClocks.nextDue(of: file.current, calendar: calendar) == nil)
        #expect(throws: CaseError.alreadyAwaitingCitizen) {
            try CaseLifecycle.decide(.requestInformation(note: "再补充"), on: file.current, by: F.justice, at: file.now)
        }

        try file.run(.supplyInformation(note: "照片已上传"), by: F.citizen, at: Self.cst(2026, 2, 26, 10))
        // 48 working hours waited; the Friday-27 10:00 deadline moves by 48 working hours: Friday 14, the make-up
        // Saturday 02-28 24, Monday 03-02 10.
        let resumed = try #require(clock(.finish, of: file, at: Self.cst(2026, 2, 26, 10)))
        #expect(!resumed.paused && resumed.dueAt == Self.cst(2026, 3, 2, 10))
        #expect(resumed.text.zh == "剩余3个工作日")
        #expect(file.current.timing.citizenWaits.count == 1 && !file.current.timing.isAwaitingCitizen)
        #expect(throws: CaseError.notAwaitingCitizen) {
            try CaseLifecycle.decide(.supplyInformation(note: "又补充"), on: file.current, by: F.citizen, at: file.now)
        }
    }

    @Test("an approved extension adds its working days to the finish clock")
    func approvedExtension() throws {
        var file = try dispatchedBeforeTheFestival()
        try file.run(.requestExtension(workingDays: 2, reason: "需等待测量结果"), by: F.justice, at: Self.cst(2026, 2, 24, 9))
        try file.run(.decideExtension(approved: true, note: nil), by: F.townDesk, at: Self.cst(2026, 2, 24, 11))
        // Friday 02-27 10:00 plus 2 working days: Friday 14 h, Saturday 02-28 24 h, Monday 10 h.
        #expect(clock(.finish, of: file, at: Self.cst(2026, 2, 24, 12))?.dueAt == Self.cst(2026, 3, 2, 10))
        #expect(CaseClocks.finishDeadline(of: file.current, calendar: calendar) == Self.cst(2026, 3, 2, 10))
    }

    @Test("each alert fires once per clock run and level; a red one brings 督办 to the organisation holding the case")
    func alertsFireOnce() throws {
        var file = try dispatchedBeforeTheFestival()
        let yellowAt = Self.cst(2026, 2, 26, 4)
        #expect(
            CaseClocks.deadlines(of: file.current, calendar: calendar) == [
                Deadline(kind: .finish, level: .yellow, clockStartedAt: Self.cst(2026, 2, 13, 10), dueAt: yellowAt),
                Deadline(
                    kind: .finish, level: .red, clockStartedAt: Self.cst(2026, 2, 13, 10),
                    dueAt: Self.cst(2026, 2, 27, 10)),
            ])
        #expect(CaseClocks.dueAlerts(of: file.current, calendar: calendar, at: yellowAt - 1).isEmpty)
        let yellow = CaseClocks.dueAlerts(of: file.current, calendar: calendar, at: yellowAt)
        #expect(yellow.map(\.level) == [.yellow])
        try file.run(.raiseAlerts(yellow, supervisionDeadline: Self.cst(2026, 2, 27, 10)), by: F.importer, at: yellowAt)
        #expect(file.events.last?.change.name == "clockAlerted")
        #expect(CaseClocks.dueAlerts(of: file.current, calendar: calendar, at: yellowAt + 3600).isEmpty)

        let lateAt = Self.cst(2026, 2, 27, 15)
        let red = CaseClocks.dueAlerts(of: file.current, calendar: calendar, at: lateAt)
        #expect(red.map(\.level) == [.red])
        let events = try file.run(
            .raiseAlerts(red, supervisionDeadline: Self.cst(2026, 3, 2, 15)), by: F.importer, at: lateAt)
        #expect(events.map(\.change.name) == ["clockAlerted", "supervised"])
        #expect(file.current.supervisions.last?.organisationID == F.justiceOffice)
        #expect(file.current.timing.alerts.last?.organisationID == F.justiceOffice)
        #expect(CaseClocks.dueAlerts(of: file.current, calendar: calendar, at: lateAt + 86_400).isEmpty)
        #expect(CaseClocks.deadlines(of: file.current, calendar: calendar).isEmpty)
        // Still overdue for the lists until it is resolved.
        #expect(CaseClocks.nextDue(of: file.current, calendar: calendar) == Self.cst(2026, 2, 27, 10))
        try file.run(.resolve(outcome: .solved, summary: "已调处"), by: F.justice, at: Self.cst(2026, 3, 2, 9))
        // Resolved: the follow-up clock (10 working days) starts; the finish deadline stays for 按期办结率.
        #expect(
            CaseClocks.status(of: file.current, calendar: calendar, at: Self.cst(2026, 3, 2, 9)).map(\.kind) == [
                .followUp
            ])
        #expect(CaseClocks.finishDeadline(of: file.current, calendar: calendar) == Self.cst(2026, 2, 27, 10))
    }

    @Test("三级调解: the third unsuccessful village session exhausts the level; the case moves up to the township desk")
    func ladderAfterThreeSessions() throws {
        var file = try dispatchedBeforeTheFestival(ladder: .threeLevel)
        #expect(file.current.timing.ladder?.step.level == .village)
        // The village level has 15 natural days: its clock runs from when the ladder started.
        #expect(clock(.mediationLevel, of: file, at: Self.cst(2026, 2, 20, 9))?.dueAt == Self.cst(2026, 2, 28, 9))
        for day in [16, 17] {
            try file.run(
                .recordSession(result: .failed, heldAt: nil, note: "双方分歧较大"), by: F.justice,
                at: Self.cst(2026, 2, day, 15))
        }
        try file.run(
            .recordSession(result: .adjourned, heldAt: nil, note: "休会"), by: F.justice, at: Self.cst(2026, 2, 18, 15))
        #expect(file.current.timing.ladder?.exhausted == nil && file.current.timing.ladder?.failedSessions == 2)
        #expect(throws: CaseError.ladderNotExhausted) {
            try CaseLifecycle.decide(
                .climbLadder(toCenter: F.townCenter), on: file.current, by: F.townDesk, at: file.now)
        }
        let third = try file.run(
            .recordSession(result: .failed, heldAt: nil, note: "仍未达成一致"), by: F.justice, at: Self.cst(2026, 2, 19, 15))
        #expect(third.map(\.change.name) == ["sessionHeld", "ladderExhausted"])
        #expect(file.current.timing.ladder?.exhausted == .sessions)
        // Exhausted: its clock stops; the move up is due.
        #expect(clock(.mediationLevel, of: file, at: Self.cst(2026, 2, 19, 16)) == nil)
        try file.run(.climbLadder(toCenter: F.townCenter), by: F.importer, at: Self.cst(2026, 2, 19, 15))
        #expect(file.state == .returned && file.current.holderOrganisationID == F.townCenter)
        #expect(file.current.participants.isEmpty && file.current.timing.ladder?.step.level == .township)
        #expect(file.current.timing.ladder?.failedSessions == 0 && file.current.timing.ladder?.climbs == 1)
        // The file holds the facts, not a sentence; the text is told from them in each language.
        #expect(file.events.last?.note == nil)
        let entries = CaseFileText.entries(of: file.events)
        let exhausted = try #require(CaseFileText.platformLine(entries[entries.count - 2]))
        #expect(exhausted.zh.contains("调解3次未成功") && exhausted.en.contains("3 sessions without agreement"))
        let climbed = try #require(CaseFileText.platformLine(entries[entries.count - 1]))
        #expect(climbed.zh.contains("移交上一级") && climbed.en.hasPrefix("Moved up the mediation ladder"))
        #expect(!climbed.en.contains("移交") && CaseFileText.personalNote(entries[entries.count - 1]) == nil)
        #expect(clock(.mediationLevel, of: file, at: Self.cst(2026, 2, 20, 9))?.dueAt == Self.cst(2026, 3, 21, 15))
    }

    @Test("the workflow climbs an exhausted automatic ladder by itself, to the center the facts name")
    func workflowClimbs() throws {
        var file = try dispatchedBeforeTheFestival(ladder: .threeLevel)
        for day in [16, 17] {
            try file.run(
                .recordSession(result: .failed, heldAt: nil, note: "双方分歧较大"), by: F.justice,
                at: Self.cst(2026, 2, day, 15))
        }
        let third = CaseCommand.recordSession(result: .failed, heldAt: nil, note: "仍未达成一致")
        let decided = try CaseWorkflow.decide(third, on: file.current, by: F.justice, at: Self.cst(2026, 2, 19, 15))
        let needs = CaseWorkflow.needs(after: third, on: decided.current)
        #expect(needs.centersAbove && !needs.timeLimits)
        let facts = CaseWorkflow.Facts(
            timeLimits: TimeLimitBook(policies: [], ladders: []), levels: [F.townCenter: .township],
            centersAbove: [(F.townCenter, .township), (F.countyCenter, .county)])
        let outcome = try CaseWorkflow.followingUp(decided, after: third, at: Self.cst(2026, 2, 19, 15), facts: facts)
        #expect(outcome.events.map(\.change.name) == ["sessionHeld", "ladderExhausted", "ladderClimbed"])
        #expect(outcome.current.holderOrganisationID == F.townCenter)
        #expect(outcome.events.last?.actor == CaseWorkflow.timekeeper.stamp(nil))
        // Without a center at the next level above the case, nothing climbs.
        let nowhere = CaseWorkflow.Facts(timeLimits: TimeLimitBook(policies: [], ladders: []))
        #expect(try CaseWorkflow.followingUp(decided, after: third, at: file.now, facts: nowhere).events.count == 2)
    }

    @Test("三二一: after its three sessions the village level waits for the button; the last level never moves")
    func ladderByButton() throws {
        var file = try dispatchedBeforeTheFestival(ladder: .threeTwoOne)
        #expect(file.current.timing.ladder?.step.level == .township, "三二一 has no village-group step: 1 is township")
        var placed = try dispatchedBeforeTheFestival(ladder: .threeTwoOne)
        try placed.run(.placeOnLadder(step: 0), by: F.importer, at: Self.cst(2026, 2, 13, 11))
        #expect(placed.current.timing.ladder?.step.level == .village)
        for day in [16, 17, 18] {
            try placed.run(
                .recordSession(result: .failed, heldAt: nil, note: "未成"), by: F.justice, at: Self.cst(2026, 2, day, 15))
        }
        #expect(placed.current.timing.ladder?.exhausted == .sessions)
        #expect(CasePermissions.availableActions(on: placed.current, by: F.townDesk).contains(.climbLadder))
        try placed.run(.climbLadder(toCenter: F.townCenter), by: F.townDesk, at: Self.cst(2026, 2, 18, 16))
        #expect(placed.current.timing.ladder?.step.level == .township)
        // The top level (county decides) is never exhausted.
        try file.run(.placeOnLadder(step: 2), by: F.importer, at: Self.cst(2026, 2, 13, 11))
        for day in [16, 17, 18, 19] {
            try file.run(
                .recordSession(result: .failed, heldAt: nil, note: "未成"), by: F.justice, at: Self.cst(2026, 2, day, 15))
        }
        #expect(file.current.timing.ladder?.exhausted == nil && file.current.timing.ladder?.isLastStep == true)
    }

    @Test("policies are chosen by urgency, category and channel, the most specific first")
    func policySelection() {
        let neighbour = TimeLimitPolicy(
            code: "neighbour", name: "邻里纠纷", categoryPrefix: "livelihood",
            limits: TimeLimitPolicy.standard.limits.merging([.finish: .workingDays(10)]) { $1 })
        let book = TimeLimitBook(policies: TimeLimitPolicy.defaults + [neighbour], ladders: EscalationLadder.defaults)
        #expect(
            book.policy(categoryCode: "livelihood.neighbour", urgency: .troublesome, channel: .window).code
                == "neighbour")
        #expect(book.policy(categoryCode: "livelihood.neighbour", urgency: .urgent, channel: .window).code == "urgent")
        #expect(book.policy(categoryCode: "livelihoodx", urgency: .hoped, channel: .window).code == "standard")
        #expect(book.ladder(categoryCode: "livelihood.neighbour")?.code == "three-level")
        #expect(book.ladder(categoryCode: "livelihood.contract")?.code == "three-two-one")
        #expect(book.ladder(categoryCode: "environment.pollution") == nil)
        #expect(
            EscalationLadder.threeLevel.step(for: .village) == 1 && EscalationLadder.threeLevel.step(for: .county) == 3)
        for policy in TimeLimitPolicy.defaults { #expect(throws: Never.self) { try policy.validate() } }
        for ladder in EscalationLadder.defaults { #expect(throws: Never.self) { try ladder.validate() } }
        var broken = TimeLimitPolicy.standard
        broken.limits[.finish] = nil
        #expect(throws: TimeLimitError.missingLimit(.finish)) { try broken.validate() }
        var upside = EscalationLadder.threeLevel
        upside.steps.reverse()
        #expect(throws: TimeLimitError.invalidLadder) { try upside.validate() }
    }
}

extension CaseFile {
    /// Runs a command at a given instant.
    @discardableResult
    mutating func run(
        _ command: CaseCommand, by actor: Actor, at instant: Date, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [CaseEvent] {
        now = instant - 60
        return try run(command, by: actor, sourceLocation: sourceLocation)
    }
}
