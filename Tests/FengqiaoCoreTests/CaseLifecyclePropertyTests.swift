import FengqiaoCore
import Foundation
import Testing

/// Random command sequences by random actors. Half of the steps pick any actor and any command (mostly refused),
/// the other half an actor and an action the permission table allows now, so that sequences also reach the far end
/// of the loop (follow-up, closing, reopening) instead of stalling at registration.
@Suite("Case lifecycle properties")
struct CaseLifecyclePropertyTests {
    typealias F = Fixture

    struct Edge: Hashable, CustomStringConvertible {
        var from: CaseState
        var to: CaseState
        var description: String { "\(from) → \(to)" }
    }

    static let actors: [Actor] = [
        F.townDesk, F.countyDesk, F.otherTownDesk, F.justice, F.police, F.mediator, F.housing, F.gridWorker,
        F.otherGridWorker, F.townLeader, F.otherTownLeader, F.admin, F.citizen, F.importer,
        .staff(
            userID: 50, username: "two.hats", displayName: "两个角色",
            grants: [
                Actor.Grant(role: .centerStaff, organisationID: F.otherTownCenter, jurisdictionPath: F.otherTownPath),
                Actor.Grant(role: .departmentHandler, organisationID: F.justiceOffice, jurisdictionPath: F.townPath),
            ]),
    ]
    static let organisations: [Organisation.ID] = [
        F.townCenter, F.justiceOffice, F.policeStation, F.mediationCommittee, F.housingBureau,
    ]
    static let centers: [Organisation.ID] = [F.countyCenter, F.townCenter, F.otherTownCenter]

    /// A case and its file; `apply` checks each event and records the edges it takes.
    struct Track {
        var current: Case
        var events: [CaseEvent]

        mutating func apply(_ new: [CaseEvent], edges: inout Set<Edge>) {
            for event in new {
                #expect(event.caseID == current.id)
                #expect(event.sequence == current.version + 1)
                let next = CaseLifecycle.apply(event, to: current)
                #expect(current.state.mayMove(to: next.state), "\(current.state) → \(next.state) by \(event.change)")
                if next.state != current.state { edges.insert(Edge(from: current.state, to: next.state)) }
                current = next
            }
            events += new
            checkInvariants()
        }

        func checkInvariants() {
            let c = current
            #expect(c.version == events.count)
            #expect((c.holderOrganisationID == nil) == [.closed, .withdrawn, .merged].contains(c.state))
            #expect((c.masterCaseID != nil) == (c.state == .merged))
            #expect(c.participants.filter(\.isLead).count <= 1)
            #expect(c.participants.isEmpty || c.participants[0].isLead)
            if [.dispatched, .accepted, .inProgress].contains(c.state) { #expect(c.lead != nil) }
            if [.accepted, .inProgress].contains(c.state) { #expect(c.lead?.accepted == true) }
            if c.state == .dispatched { #expect(c.lead?.accepted == false) }
            if c.pendingExtension != nil { #expect([.accepted, .inProgress].contains(c.state)) }
            if c.state.isResolved { #expect(c.outcome != nil) }
        }
    }

    @Test(
        "500 random sequences of 40 commands: sequences follow versions, states follow the table, replay agrees, facts fold in parts"
    )
    func randomSequences() throws {
        var rng = DeterministicRandom(seed: 20_261_123)
        var edges: Set<Edge> = []
        var outcomes = (accepted: 0, refused: 0)
        var refusalCodes: Set<String> = []

        for round in 0..<500 {
            var now = F.clock
            var tracks: [Track] = []
            for offset in 1...2 {
                let kind: CaseKind = Bool.random(using: &rng) ? .request : .consultation
                let anonymous = Int.random(in: 0..<4, using: &rng) == 0
                let intake = F.intake(kind: kind, anonymous: anonymous, parties: anonymous ? [] : [F.reporter])
                let (created, event) = try CaseLifecycle.register(
                    intake, id: Case.ID(Int64(round * 2 + offset)), number: "FQ-20261122-00000\(offset)",
                    trackingCode: "ABCDEFGH2\(offset)", regionPath: F.gridPath, receivingCenter: F.townCenter,
                    by: F.gridWorker, at: now)
                tracks.append(Track(current: created, events: [event]))
            }

            for _ in 0..<40 {
                now += TimeInterval(Int.random(in: 1...600, using: &rng))
                let index = Int.random(in: 0..<2, using: &rng)
                let other = tracks[1 - index].current

                if Int.random(in: 0..<25, using: &rng) == 0 {
                    let actor = Self.actors.randomElement(using: &rng)!
                    do throws(CaseError) {
                        let (duplicate, master) = try CaseLifecycle.merge(
                            duplicate: tracks[index].current, into: other, by: actor, at: now)
                        tracks[index].apply(duplicate, edges: &edges)
                        tracks[1 - index].apply(master, edges: &edges)
                        outcomes.accepted += 1
                    } catch {
                        refusalCodes.insert(error.code)
                        outcomes.refused += 1
                    }
                    continue
                }

                let current = tracks[index].current
                let (actor, command, available) = pick(on: current, other: other.id, now: now, using: &rng)
                do throws(CaseError) {
                    let events = try CaseLifecycle.decide(command, on: current, by: actor, at: now)
                    #expect(available.contains(command.action), "\(command.name) succeeded but was not available")
                    #expect(events.allSatisfy { $0.at == now && $0.actor.displayName == actor.displayName })
                    tracks[index].apply(events, edges: &edges)
                    outcomes.accepted += 1
                } catch {
                    #expect(!error.message.zh.isEmpty && !error.message.en.isEmpty && error.code.hasPrefix("case."))
                    if !available.contains(command.action) {
                        #expect(
                            [
                                "case.forbidden_role", "case.outside_jurisdiction", "case.not_allowed_in_state",
                                "case.not_responsible_center", "case.not_the_dispatcher", "case.not_a_participant",
                                "case.not_the_lead", "case.already_accepted", "case.not_yet_accepted",
                                "case.not_a_consultation", "case.extension_pending", "case.no_pending_extension",
                                "case.follow_up_required", "case.already_awaiting_citizen",
                                "case.not_awaiting_citizen", "case.ladder_not_exhausted",
                                "case.no_mediator_requested", "case.no_agreement", "case.agreement_already_signed",
                                "case.agreement_not_signed", "case.no_confirmation_pending",
                                "case.not_a_court_referral",
                            ].contains(error.code), "\(error.code)")
                    }
                    refusalCodes.insert(error.code)
                    outcomes.refused += 1
                }
            }

            for track in tracks {
                #expect(CaseLifecycle.replay(track.events) == track.current)
                // The facts folded in two parts, split anywhere, equal the facts folded at once.
                let split = Int.random(in: 1...track.events.count, using: &rng)
                let head = Array(track.events[..<split])
                #expect(
                    CaseFacts(events: head)?.folding(track.events[split...], after: CaseLifecycle.replay(head)!)
                        == CaseFacts(events: track.events))
            }
        }

        let table = Set(
            CaseState.allCases.flatMap { from in
                from.successors.filter { $0 != from }.map { Edge(from: from, to: $0) }
            })
        #expect(edges.isSubset(of: table))
        // Random walks reach nearly every edge; `CaseLifecycleTests.everyTransition` takes each one on purpose.
        #expect(
            edges.count * 10 >= table.count * 9, "never taken: \(table.subtracting(edges).map(\.description).sorted())")
        #expect(outcomes.accepted > 2_000 && outcomes.refused > 2_000)
        #expect(refusalCodes.count >= 15)
    }

    /// Half the time any actor and any command; otherwise an action the permission table allows someone now (the
    /// ones that end or restart a case less often), by one of the actors allowed, with mostly valid arguments.
    private func pick(
        on current: Case, other: Case.ID, now: Date, using rng: inout DeterministicRandom
    ) -> (Actor, CaseCommand, available: [CaseAction]) {
        if Bool.random(using: &rng) {
            let availability = Self.actors.map { ($0, CasePermissions.availableActions(on: current, by: $0)) }
            var weighted: [CaseAction] = []
            for action in Set(availability.flatMap(\.1)).sorted(by: { $0.rawValue < $1.rawValue }) {
                let sideways: Set<CaseAction> = [.withdraw, .merge, .escalate, .supervise, .nudge]
                let timekeeping: Set<CaseAction> = [.requestInformation, .applyTimeLimits, .raiseAlerts]
                weighted += Array(
                    repeating: action, count: timekeeping.contains(action) ? 1 : sideways.contains(action) ? 2 : 8)
            }
            if let action = weighted.randomElement(using: &rng),
                let (actor, available) = availability.filter({ $0.1.contains(action) }).randomElement(using: &rng)
            {
                return (actor, command(for: action, other: other, now: now, using: &rng), available)
            }
        }
        let actor = Self.actors.randomElement(using: &rng)!
        let action = CaseAction.allCases.filter { $0 != .register }.randomElement(using: &rng)!
        let available = CasePermissions.availableActions(on: current, by: actor)
        return (actor, command(for: action, other: other, now: now, using: &rng), available)
    }

    private func command(
        for action: CaseAction, other: Case.ID, now: Date, using rng: inout DeterministicRandom
    ) -> CaseCommand {
        let valid = Int.random(in: 0..<8, using: &rng) != 0
        let text = valid ? "说明\(Int.random(in: 0..<100, using: &rng))" : " "
        switch action {
        case .register, .answer:
            return .answerConsultation(answer: text)
        case .assess:
            return .assess(
                categoryCode: valid ? ["neighbour", "land", nil].randomElement(using: &rng)! : "bad code",
                urgency: Urgency.allCases.randomElement(using: &rng)!,
                difficulty: Difficulty.allCases.randomElement(using: &rng)!,
                competentLevel: RegionLevel.allCases.randomElement(using: &rng)!)
        case .dispatch:
            let lead = Self.organisations.randomElement(using: &rng)!
            var assisting = Self.organisations.filter { $0 != lead }.shuffled(using: &rng)
            assisting = Array(assisting.prefix(Int.random(in: 0...2, using: &rng)))
            if !valid { assisting.append(lead) }
            return .dispatch(
                lead: lead, assisting: assisting, whistle: WhistleGrade.allCases.randomElement(using: &rng))
        case .accept:
            return .accept
        case .return:
            return .giveBack(reason: text)
        case .progress:
            return .addProgress(note: text)
        case .requestExtension:
            return .requestExtension(workingDays: valid ? Int.random(in: 1...30, using: &rng) : 0, reason: text)
        case .decideExtension:
            let approved = Bool.random(using: &rng)
            return .decideExtension(approved: approved, note: approved ? nil : text)
        case .resolve:
            return .resolve(outcome: Outcome.allCases.randomElement(using: &rng)!, summary: text)
        case .followUp:
            return .followUp(satisfaction: Satisfaction.allCases.randomElement(using: &rng)!, note: nil)
        case .close:
            return .close
        case .escalate:
            return .escalate(toCenter: Self.centers.randomElement(using: &rng)!, reason: text)
        case .supervise:
            let deadline = now + (valid ? 86_400 : -60)
            return .supervise(note: text, deadline: deadline)
        case .nudge:
            return .nudge(note: valid ? text : nil)
        case .reopen:
            return .reopen(reason: text)
        case .withdraw:
            return .withdraw(reason: text)
        case .merge:
            return .markDuplicate(of: valid ? other : Case.ID(0))
        case .requestInformation:
            return .requestInformation(note: text)
        case .supplyInformation:
            return .supplyInformation(note: text)
        case .recordSession:
            return .recordSession(
                result: MediationSession.Result.allCases.randomElement(using: &rng)!, heldAt: nil, note: text)
        case .climbLadder:
            return .climbLadder(toCenter: Self.centers.randomElement(using: &rng)!)
        case .applyTimeLimits:
            if Bool.random(using: &rng) { return .placeOnLadder(step: Int.random(in: 0...3, using: &rng)) }
            return .applyTimeLimits(
                AppliedTimeLimits(
                    policy: .standard, ladder: Bool.random(using: &rng) ? .threeLevel : .threeTwoOne,
                    ladderStartStep: Int.random(in: 0...2, using: &rng)))
        case .raiseAlerts:
            let kind = ClockKind.allCases.randomElement(using: &rng)!
            return .raiseAlerts(
                valid ? [Deadline(kind: kind, level: .red, clockStartedAt: now - 3600, dueAt: now)] : [],
                supervisionDeadline: now + 86_400)
        case .editParties:
            let index = Int.random(in: 0..<3, using: &rng)
            let party = Party(role: Party.Role.allCases.randomElement(using: &rng)!, name: valid ? "王五" : " ")
            return [
                .editParties(.add(party)), .editParties(.correct(index: index, party: party)),
                .editParties(.remove(index: index, reason: text)),
            ].randomElement(using: &rng)!
        case .requestMediator:
            return .requestMediator(mediator: 1, organisation: Self.organisations.randomElement(using: &rng)!)
        case .takeMediation:
            return .takeMediation(mediator: 1)
        case .declineMediation:
            return .declineMediation(reason: text)
        case .assignMediator:
            return .assignMediator(mediator: 2)
        case .recordConsent:
            let consents = Bool.random(using: &rng)
            return .recordConsent(
                party: valid ? "李四" : " ", consents: consents,
                nextStep: consents ? nil : MediationNextStep.allCases.randomElement(using: &rng), note: nil)
        case .draftAgreement:
            return .draftAgreement(
                AgreementDraft(
                    parties: [AgreementParty(name: "张三", role: .reporter), AgreementParty(name: "李四", role: .other)],
                    facts: "邻里加盖纠纷", terms: valid ? [AgreementTerm(text: "拆除加盖部分", dueDate: now + 86_400)] : []))
        case .signAgreement:
            return .signAgreement(signedAt: nil)
        case .requestConfirmation:
            return .requestConfirmation(court: Self.organisations.randomElement(using: &rng)!)
        case .recordRuling:
            return .recordRuling(confirmed: Bool.random(using: &rng), note: nil)
        case .checkTerm:
            return .checkTerm(term: valid ? 0 : 5, fulfilled: Bool.random(using: &rng), note: nil)
        case .rateMediation:
            return .rateMediation(party: nil, score: valid ? Int.random(in: 1...5, using: &rng) : 9, comment: nil)
        case .returnToCourt:
            return .returnToCourt(court: Self.organisations.randomElement(using: &rng)!)
        }
    }
}
