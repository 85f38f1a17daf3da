import FengqiaoCore
import FengqiaoDemo
import Foundation
import Testing

// The demo county with identifiers numbered in listing order, as an empty database assigns them.
private let demoCounty = DemoCounty.generate()
private let countyDirectory: DemoDirectory = {
    do {
        return try DemoDirectory(
            county: demoCounty, regionIDs: numbered(demoCounty.regions.map(\.code)),
            organisationIDs: numbered(demoCounty.organisations.map(\.key)),
            userIDs: numbered(demoCounty.users.map(\.username)))
    } catch {
        preconditionFailure("\(error)")
    }
}()
private let now = Date(timeIntervalSince1970: 1_795_400_000)
private let year: TimeInterval = 365 * 86_400
private let scripts = DemoCases.generate(directory: countyDirectory, count: 600, endingAt: now)

private func numbered<Tag>(_ keys: [String]) -> [String: Identifier<Tag>] {
    var table: [String: Identifier<Tag>] = [:]
    for (index, key) in keys.enumerated() { table[key] = Identifier(Int64(index + 1)) }
    return table
}

// MARK: Replaying scripts through the real state machine

/// Which script and step the state machine refused, and why.
private struct ReplayFailure: Error, CustomStringConvertible {
    var script: Int
    var step: Int?
    var action: String
    var error: any Error

    var description: String { "script \(script), step \(step.map(String.init) ?? "register") (\(action)): \(error)" }
}

/// The cases the scripts make, kept by script index (the case identifier is the index + 1).
private struct Replay {
    var cases: [Case?]

    init(count: Int) { cases = Array(repeating: nil, count: count) }

    mutating func register(_ index: Int, _ script: CaseScript) throws {
        do {
            let (created, _) = try CaseLifecycle.register(
                script.intake, id: Case.ID(Int64(index + 1)),
                number: CaseNumbering.number(date: script.registeredAt, sequence: index + 1),
                trackingCode: script.trackingCode, regionPath: script.regionPath,
                receivingCenter: script.receivingCenter, by: script.registeredBy, at: script.registeredAt)
            cases[index] = created
        } catch {
            throw ReplayFailure(script: index, step: nil, action: "register", error: error)
        }
    }

    mutating func run(_ index: Int, step number: Int, of script: CaseScript) throws {
        let step = script.steps[number]
        do {
            guard let current = cases[index] else { throw CaseError.inconsistentHistory }
            if let master = step.mergeInto {
                guard master < index, let masterCase = cases[master] else { throw CaseError.inconsistentHistory }
                let events = try CaseLifecycle.merge(duplicate: current, into: masterCase, by: step.actor, at: step.at)
                cases[index] = events.duplicate.reduce(current) { CaseLifecycle.apply($1, to: $0) }
                cases[master] = events.master.reduce(masterCase) { CaseLifecycle.apply($1, to: $0) }
            } else {
                let events = try CaseLifecycle.decide(step.command, on: current, by: step.actor, at: step.at)
                cases[index] = events.reduce(current) { CaseLifecycle.apply($1, to: $0) }
            }
        } catch let failure as ReplayFailure {
            throw failure
        } catch {
            throw ReplayFailure(script: index, step: number, action: step.command.name, error: error)
        }
    }
}

/// One script after the other, every step of each: how the seeding writes them.
private func replay(_ scripts: [CaseScript]) throws -> [Case] {
    var replay = Replay(count: scripts.count)
    for (index, script) in scripts.enumerated() {
        try replay.register(index, script)
        for number in script.steps.indices {
            try replay.run(index, step: number, of: script)
        }
    }
    return replay.cases.compactMap { $0 }
}

/// Every registration and step of every script in time order, as they would have happened.
private func replayInTimeOrder(_ scripts: [CaseScript]) throws -> [Case] {
    var moments: [(at: Date, script: Int, step: Int)] = []
    for (index, script) in scripts.enumerated() {
        moments.append((script.registeredAt, index, -1))
        for (number, step) in script.steps.enumerated() { moments.append((step.at, index, number)) }
    }
    moments.sort { ($0.at, $0.script, $0.step) < ($1.at, $1.script, $1.step) }
    var replay = Replay(count: scripts.count)
    for moment in moments {
        if moment.step < 0 {
            try replay.register(moment.script, scripts[moment.script])
        } else {
            try replay.run(moment.script, step: moment.step, of: scripts[moment.script])
        }
    }
    return replay.cases.compactMap { $0 }
}

private func commands(_ scripts: [CaseScript]) -> [CaseCommand] { scripts.flatMap { $0.steps.map(\.command) } }

// MARK: The state machine accepts every step

@Test func everyStepOfEveryScriptIsAcceptedByTheRealStateMachine() throws {
    let cases = try replay(scripts)
    #expect(cases.count == 600)
    // One event for the registration, at least one per step, one more on the master per duplicate merged into it.
    var merges = Array(repeating: 0, count: scripts.count)
    for script in scripts {
        for case let master? in script.steps.map(\.mergeInto) { merges[master] += 1 }
    }
    for (index, script) in scripts.enumerated() {
        #expect(cases[index].version >= 1 + script.steps.count + merges[index])
        #expect(cases[index].duplicateIDs.count == merges[index])
    }
}

@Test func replayingInTimeOrderGivesTheSameCases() throws {
    #expect(try replayInTimeOrder(scripts) == replay(scripts))
}

@Test func theFullDemoOfFiveThousandCasesIsQuickAndLegal() throws {
    let clock = ContinuousClock()
    var full: [CaseScript] = []
    let elapsed = try clock.measure {
        full = DemoCases.generate(directory: countyDirectory, count: 5000, endingAt: now)
        _ = try replay(full)
    }
    #expect(full.count == 5000)
    #expect(elapsed < .seconds(30))
}

@Test func aHandBuiltDirectoryWithoutOrganisationDetailsWorksToo() throws {
    let small = DemoCases.generate(directory: HandBuilt.directory, count: 300, endingAt: now, seed: 7)
    let cases = try replay(small)
    #expect(cases.count == 300)
    #expect(Set(small.map(\.intake.channel)) == Set(Channel.allCases))
    #expect(cases.contains { $0.state == .closed } && cases.contains { $0.state == .merged })
    let paths = Set(HandBuilt.directory.townships.flatMap { $0.grids.map(\.path) })
    #expect(small.allSatisfy { paths.contains($0.regionPath) })
}

// MARK: Determinism and identity

@Test func theSameSeedGivesTheSameScriptsAndAnotherSeedOthers() {
    let first = DemoCases.generate(directory: countyDirectory, count: 150, endingAt: now)
    #expect(first == DemoCases.generate(directory: countyDirectory, count: 150, endingAt: now))
    #expect(first == DemoCases.generate(directory: countyDirectory, count: 150, endingAt: now, seed: 20261123))
    #expect(first != DemoCases.generate(directory: countyDirectory, count: 150, endingAt: now, seed: 1))
    #expect(DemoCases.generate(directory: countyDirectory, count: 0, endingAt: now).isEmpty)
}

@Test func idempotencyKeysTrackingCodesAndSourceReferencesAreUnique() {
    #expect(Set(scripts.map(\.idempotencyKey)).count == scripts.count)
    #expect(Set(scripts.map(\.trackingCode)).count == scripts.count)
    #expect(scripts.allSatisfy { CaseNumbering.normalisedTrackingCode($0.trackingCode) == $0.trackingCode })
    #expect(scripts.allSatisfy { $0.idempotencyKey.hasPrefix("demo-20261123-") && $0.idempotencyKey.count <= 200 })
    // The store finds an earlier case by (channel, source reference): they must not repeat within a channel.
    let references = scripts.compactMap { script in
        script.intake.sourceReference.map { "\(script.intake.channel)|\($0)" }
    }
    #expect(Set(references).count == references.count)
    #expect(scripts.filter { $0.intake.channel == .hotline12345 }.allSatisfy { $0.intake.sourceReference != nil })
}

@Test func timesLieInTheTwelveMonthsBeforeNowAndNeverGoBack() {
    for script in scripts {
        #expect(script.registeredAt >= now - year && script.registeredAt <= now)
        var previous = script.registeredAt
        for step in script.steps {
            #expect(step.at >= previous && step.at <= now)
            previous = step.at
        }
        for step in script.steps {
            if case .supervise(_, let deadline) = step.command { #expect(deadline > step.at) }
        }
    }
    #expect(scripts.map(\.registeredAt) == scripts.map(\.registeredAt).sorted())
    // Recent months are busier than the first ones.
    let recent = scripts.filter { $0.registeredAt > now - year / 4 }.count
    let early = scripts.filter { $0.registeredAt < now - year * 3 / 4 }.count
    #expect(recent > early)
}

// MARK: Everything a screen shows appears

@Test func everyChannelStateOutcomeAndSatisfactionAppears() throws {
    let cases = try replay(scripts)
    #expect(Set(scripts.map(\.intake.channel)) == Set(Channel.allCases))
    #expect(Set(cases.map(\.state)) == Set(CaseState.allCases))
    #expect(Set(cases.compactMap { $0.state.isResolved ? $0.outcome : nil }) == Set(Outcome.allCases))
    #expect(Set(scripts.map(\.intake.urgency)) == Set(Urgency.allCases))
    #expect(Set(scripts.map(\.intake.kind)) == Set(CaseKind.allCases))
    #expect(Set(cases.compactMap(\.difficulty)) == Set(Difficulty.allCases))
    #expect(Set(cases.compactMap(\.competentLevel)).isSuperset(of: [.village, .township, .county]))
    var satisfactions: Set<Satisfaction> = []
    var whistles: Set<WhistleGrade> = []
    for command in commands(scripts) {
        if case .followUp(let satisfaction, _) = command { satisfactions.insert(satisfaction) }
        if case .dispatch(_, _, let whistle?) = command { whistles.insert(whistle) }
    }
    #expect(satisfactions == Set(Satisfaction.allCases))
    #expect(whistles == Set(WhistleGrade.allCases))
    let actions = Set(commands(scripts).map(\.action))
    // Time limits, alerts and ladder moves are the platform's own (the store adds them); the demo scripts hold what
    // people do.
    let platform: Set<CaseAction> = [.register, .applyTimeLimits, .raiseAlerts, .climbLadder]
    // 点单, consent, court confirmation, court referrals and party corrections are not in the demo scripts yet;
    // agreements, fulfilment checks and ratings are.
    let mediation: Set<CaseAction> = [
        .requestMediator, .takeMediation, .declineMediation, .assignMediator, .recordConsent, .requestConfirmation,
        .recordRuling, .returnToCourt, .editParties,
    ]
    #expect(actions == Set(CaseAction.allCases).subtracting(platform).subtracting(mediation))
}

@Test func theDetoursOfTheLoopAllHappen() throws {
    let cases = try replay(scripts)
    #expect(cases.contains { $0.returnCount > 0 && $0.state == .closed })
    #expect(cases.contains { $0.escalationCount > 0 && $0.centerOrganisationID == countyDirectory.county.center })
    #expect(cases.contains { $0.reopenCount > 0 && $0.state == .closed })
    #expect(cases.contains { $0.participants.filter { !$0.isLead && $0.accepted }.count > 0 })
    #expect(cases.contains { $0.extensions.contains { $0.status == .approved } })
    #expect(cases.contains { $0.extensions.contains { $0.status == .rejected } })
    #expect(cases.contains { !$0.supervisions.isEmpty })
    #expect(cases.contains { $0.anonymous && $0.state == .closed && $0.satisfaction == nil })
    // Consultations are about a tenth, answered at intake.
    let consultations = cases.filter { $0.kind == .consultation }
    #expect((30...90).contains(consultations.count))
    #expect(consultations.filter { $0.state == .closed }.allSatisfy { $0.answer != nil && $0.dispatchCount == 0 })
    // Most requests end closed; recent ones are still open.
    #expect(cases.filter { $0.state == .closed }.count > cases.count * 3 / 4)
    #expect(cases.filter { $0.state.isOpen }.allSatisfy { $0.createdAt > now - year / 2 || $0.state.isUnresolved })
}

@Test func channelsAreSpreadLikeTheCountysIntake() {
    func count(_ channel: Channel) -> Int { scripts.filter { $0.intake.channel == channel }.count }
    let hotline = count(.hotline12345)
    let window = count(.window)
    #expect(hotline > count(.gridWorker) && window > count(.police110))
    for minor in [Channel.police110, .courtReferral, .petition, .videoIntake, .departmentReferral] {
        #expect(count(minor) < count(.gridWorker) && count(minor) < count(.citizenReport))
    }
    // The window and the other office channels register in office hours, on working days.
    for script in scripts where [.window, .courtReferral, .petition].contains(script.intake.channel) {
        let local = Int(script.registeredAt.timeIntervalSince1970) + 8 * 3_600
        let minute = local % 86_400 / 60
        #expect((510...1050).contains(minute))
    }
}

@Test func duplicatesAreMergedIntoAnEarlierOpenCaseOfTheSameMatter() throws {
    let cases = try replay(scripts)
    let merged = scripts.indices.filter { cases[$0].state == .merged }
    #expect(!merged.isEmpty)
    for index in merged {
        guard let master = scripts[index].steps.last?.mergeInto else {
            Issue.record("script \(index) merged without a master")
            continue
        }
        #expect(master < index)
        #expect(cases[master].state.isOpen)
        #expect(cases[master].duplicateIDs.contains(Case.ID(Int64(index + 1))))
        #expect(Set([cases[master].categoryCode, cases[index].categoryCode].compactMap { $0 }).count <= 1)
        // The same matter in the same township (a hotspot's reports come from all over it).
        #expect(township(scripts[master].regionPath) == township(scripts[index].regionPath))
        #expect(scripts[index].steps.last?.at ?? now > cases[master].createdAt)
    }
}

private func township(_ path: String) -> String { path.split(separator: "/").prefix(3).joined(separator: "/") }

@Test func busLineReportsClusterIntoAHotspot() throws {
    let cases = try replay(scripts)
    #expect(cases.contains { $0.duplicateIDs.count >= 3 && $0.title.contains("公交") && $0.state.isOpen })
    // Several reports name the same line within a few weeks.
    var lines: [String: [Date]] = [:]
    for script in scripts where script.intake.title.contains("公交") && script.intake.kind == .request {
        guard let end = script.intake.description.firstIndex(of: "路") else { continue }
        let line = String(script.intake.description[..<end].reversed().prefix { $0.isASCII }.reversed())
        if !line.isEmpty { lines[line, default: []].append(script.registeredAt) }
    }
    let clustered = lines.values.contains { dates in
        let sorted = dates.sorted()
        return sorted.indices.dropLast(4).contains { sorted[$0 + 4].timeIntervalSince(sorted[$0]) < 30 * 86_400 }
    }
    #expect(clustered, "five reports of one line within 30 days")
}

// MARK: Realistic texts

@Test func textsAreChineseFilledInAndPeopleLookReal() {
    let han = { (text: String) in text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
    for script in scripts {
        let intake = script.intake
        #expect(han(intake.title) && han(intake.description))
        #expect(intake.title.count <= Intake.maximumTitleLength)
        for text in [intake.title, intake.description] + notes(script) {
            #expect(!text.contains("{") && !text.contains("}"), "\(text)")
        }
        if let code = intake.categoryCode {
            #expect(DemoCases.categories.contains { $0.code == code })
        }
        for party in intake.parties {
            if let phone = party.phone {
                #expect(phone.count == 11 && phone.hasPrefix("1") && phone.allSatisfy(\.isNumber))
            }
            if let idNumber = party.idNumber { #expect(idNumber.count == 18 && idNumber.hasPrefix("339921")) }
        }
        #expect(intake.anonymous || intake.reporter?.name != nil || intake.reporter?.phone != nil)
        if intake.anonymous { #expect(intake.reporter == nil) }
    }
    #expect(scripts.filter(\.intake.anonymous).count > 0)
    #expect(scripts.contains { $0.intake.latitude != nil })
    let categories = Set(scripts.compactMap(\.intake.categoryCode))
    #expect(categories.count >= 15)
    #expect(Set(DemoCases.categories.map(\.code)).count == DemoCases.categories.count)
    #expect(DemoCases.categories.allSatisfy { CaseRules.isCategoryCode($0.code) && han($0.name.zh) })
}

private func notes(_ script: CaseScript) -> [String] {
    script.steps.compactMap { step in
        switch step.command {
        case .answerConsultation(let text), .addProgress(let text, _, _), .giveBack(let text), .withdraw(let text),
            .reopen(let text), .escalate(_, let text), .supervise(let text, _), .resolve(_, let text, _),
            .requestExtension(_, let text):
            text
        case .followUp(_, let text), .nudge(let text), .decideExtension(_, let text):
            text
        default:
            nil
        }
    }
}

@Test func actorsAreTheDirectorysPeople() {
    let directory = countyDirectory
    var people = [directory.county.desk, directory.county.leader] + directory.county.handlers.values
    for township in directory.townships {
        people += [township.desk, township.leader, township.gridWorker] + township.handlers.values
        people += township.grids.compactMap(\.worker)
    }
    for script in scripts {
        for actor in [script.registeredBy] + script.steps.map(\.actor) where actor.kind == .staff {
            #expect(people.contains(actor), "\(actor.displayName)")
        }
    }
    #expect(scripts.contains { $0.registeredBy.kind == .citizen })
    #expect(scripts.contains { $0.registeredBy.kind == .system })
}

// MARK: The directory of the demo county

@Test func theDirectoryOfTheDemoCountyHasEveryoneTheCasesNeed() throws {
    let directory = countyDirectory
    #expect(directory.townships.count == 4)
    #expect(directory.county.path == "/339900/339921/")
    #expect(directory.county.desk.holds(.centerStaff, covering: directory.county.path))
    #expect(directory.county.leader.holds(.leader, covering: directory.county.path))
    #expect(directory.county.departments.allSatisfy { directory.county.handlers[$0] != nil })
    let grids = demoCounty.regions.filter { $0.level == .grid }.count
    #expect(directory.townships.map(\.grids.count).reduce(0, +) == grids)
    for township in directory.townships {
        #expect(township.path.hasPrefix(directory.county.path) && township.path.hasSuffix(township.code + "/"))
        #expect(township.desk.grants.contains { $0.role == .centerStaff && $0.organisationID == township.center })
        #expect(township.desk.holds(.centerStaff, covering: township.path))
        #expect(township.leader.holds(.leader, covering: township.path))
        #expect(township.desk.userID != nil && township.leader.userID != nil && township.gridWorker.userID != nil)
        #expect(township.mediationCommittee != nil)
        for organisation in township.departments + [township.mediationCommittee].compactMap({ $0 }) {
            let handler = try #require(township.handlers[organisation])
            #expect(handler.grants.contains { $0.organisationID == organisation })
            #expect(directory.organisations[organisation] != nil)
        }
        for grid in township.grids {
            #expect(grid.path.hasPrefix(township.path) && grid.path.hasSuffix(grid.code + "/"))
            #expect(grid.worker?.holds(.gridWorker, covering: grid.path) == true)
            #expect(grid.boundary != nil && !grid.villageName.isEmpty)
        }
    }
    // The demo users handle cases for their own organisations.
    let justice = try #require(directory.townships.first)
    #expect(justice.handlers.values.contains { $0.username?.hasSuffix(".dept") == true })
    #expect(justice.handlers.values.contains { $0.username?.hasSuffix(".mediator") == true })
}

@Test func aMissingIdentifierIsNamed() {
    var organisations = numbered(demoCounty.organisations.map(\.key)) as [String: Organisation.ID]
    organisations["county.center"] = nil
    #expect(throws: DemoDirectoryError.missing("organisation county.center")) {
        try DemoDirectory(
            county: demoCounty, regionIDs: numbered(demoCounty.regions.map(\.code)), organisationIDs: organisations,
            userIDs: numbered(demoCounty.users.map(\.username)))
    }
}

// MARK: A small directory built by hand

private enum HandBuilt {
    static let countyPath = "/339900/339921/"
    static let townPath = countyPath + "339921101/"
    static let otherTownPath = countyPath + "339921102/"

    static func staff(_ id: Int64, _ role: Role, _ organisation: Organisation.ID, _ path: String) -> Actor {
        .staff(
            userID: User.ID(id), username: "user\(id)", displayName: "工作人员\(id)",
            grants: [Actor.Grant(role: role, organisationID: organisation, jurisdictionPath: path)])
    }

    static func grid(
        _ id: Int64, _ village: String, _ code: String, _ path: String, _ name: String
    ) -> DemoDirectory.Grid {
        DemoDirectory.Grid(
            regionID: Region.ID(id), code: code, name: name, path: path + code.prefix(12) + "/" + code + "/",
            villageName: village)
    }

    static let directory = DemoDirectory(
        county: DemoDirectory.County(
            center: 1, path: countyPath, desk: staff(1, .centerStaff, 1, countyPath),
            leader: staff(2, .leader, 1, countyPath), departments: [30, 31],
            handlers: [
                30: staff(30, .departmentHandler, 30, countyPath), 31: staff(31, .departmentHandler, 31, countyPath),
            ]
        ),
        townships: [
            DemoDirectory.Township(
                code: "339921101", name: "溪城街道", path: townPath, center: 2, departments: [10, 11],
                mediationCommittee: 12,
                grids: [
                    grid(101, "文昌社区", "339921101001-01", townPath, "幸福小区网格"),
                    grid(102, "文昌社区", "339921101001-02", townPath, "阳光花园网格"),
                    grid(103, "府前社区", "339921101002-01", townPath, "金桂家园网格"),
                ],
                desk: staff(3, .centerStaff, 2, townPath),
                handlers: [
                    10: staff(10, .departmentHandler, 10, townPath), 11: staff(11, .departmentHandler, 11, townPath),
                    12: staff(12, .mediator, 12, townPath),
                ],
                gridWorker: staff(20, .gridWorker, 2, townPath + "339921101001/339921101001-01/"),
                leader: staff(4, .leader, 2, townPath)),
            DemoDirectory.Township(
                code: "339921102", name: "青山镇", path: otherTownPath, center: 3, departments: [13],
                mediationCommittee: nil,
                grids: [
                    grid(201, "石塘村", "339921102201-01", otherTownPath, "第一网格"),
                    grid(202, "石塘村", "339921102201-02", otherTownPath, "第二网格"),
                ],
                desk: staff(5, .centerStaff, 3, otherTownPath),
                handlers: [13: staff(13, .departmentHandler, 13, otherTownPath)],
                gridWorker: staff(21, .gridWorker, 3, otherTownPath), leader: staff(6, .leader, 3, otherTownPath)),
        ])
}
