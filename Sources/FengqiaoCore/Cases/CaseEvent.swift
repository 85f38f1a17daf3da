import Foundation

/// One step in a case's file (一案一档): append-only, attributed, timestamped. The case is the fold of its events.
public struct CaseEvent: Sendable, Codable, Equatable {
    public var caseID: Case.ID
    /// 1 for the registration; equals the case's version once this event is applied.
    public var sequence: Int
    public var at: Date
    public var actor: Actor.Stamp
    public var change: CaseChange
    /// The words that go with the step: the reason, the progress note, the summary, the answer, the supervision
    /// note. `CaseChange` holds the structured part.
    public var note: String?

    /// `at` is kept to the millisecond, the precision the case file stores, so that a case folded in memory and the
    /// same case read back are equal (and so are the deadlines computed from them).
    public init(caseID: Case.ID, sequence: Int, at: Date, actor: Actor.Stamp, change: CaseChange, note: String?) {
        self.caseID = caseID
        self.sequence = sequence
        self.at = Date(timeIntervalSince1970: (at.timeIntervalSince1970 * 1000).rounded() / 1000)
        self.actor = actor
        self.change = change
        self.note = note
    }
}

/// What an event changed. Each case carries what the fold needs, so replaying events never consults anything else.
public enum CaseChange: Sendable, Codable, Equatable {
    /// 受理. The first event of every case and only the first.
    case registered(
        intake: Intake, number: String, trackingCode: String, regionPath: String,
        centerOrganisationID: Organisation.ID?)
    /// A consultation answered at intake (the answer is the note); the case is resolved, a `closed` event follows.
    case answered
    case assessed(categoryCode: String?, urgency: Urgency, difficulty: Difficulty, competentLevel: RegionLevel)
    case dispatched(
        dispatcherOrganisationID: Organisation.ID, lead: Organisation.ID, assisting: [Organisation.ID],
        whistle: WhistleGrade?)
    /// One participant accepted; the case counts as accepted once the lead has.
    case accepted(organisationID: Organisation.ID)
    /// 退单 by one participant: the lead returns the whole case to the dispatcher; an assisting one leaves.
    case returned(organisationID: Organisation.ID)
    /// A progress note (the event's note). `tellCitizen` true: meant for the citizen, shown on the tracking page;
    /// nil (every note before the choice existed, and internal ones): never shown to the citizen.
    /// `attachments`: the files added with the note (nil: none); they join the case's attachments.
    case progressed(tellCitizen: Bool? = nil, attachments: [Attachment]? = nil)
    case extensionRequested(workingDays: Int)
    case extensionDecided(approved: Bool)
    /// `attachments`: the result's files (nil: none); they join the case's attachments and show to the citizen.
    case resolved(outcome: Outcome, attachments: [Attachment]? = nil)
    case followedUp(satisfaction: Satisfaction)
    case closed
    /// 上报: the case starts again as registered at the parent level's center.
    case escalated(fromCenter: Organisation.ID?, toCenter: Organisation.ID)
    case supervised(deadline: Date, organisationID: Organisation.ID?)
    case nudged(organisationID: Organisation.ID?)
    /// 重办 or 反弹: back to the lead in progress, or to the center as registered when no one was dispatched.
    case reopened(state: CaseState, holderOrganisationID: Organisation.ID?)
    case withdrawn
    /// This case is a duplicate of `into`.
    case merged(into: Case.ID)
    /// On the master: a duplicate was merged in, and its reporter (if named) follows this case.
    case duplicateAttached(duplicateID: Case.ID, reporter: Party?)
    /// The time limits (policy, and ladder with its starting level) that apply from now on.
    case timeLimitsApplied(AppliedTimeLimits)
    /// 待补充材料: the note says what the citizen is asked for.
    case informationRequested
    /// The citizen's information is the note.
    case informationSupplied
    case sessionHeld(MediationSession)
    /// A clock turned yellow or red.
    case clockAlerted(ClockAlert)
    /// A ladder level is done with (its sessions or its time); the case is due to move up.
    case ladderExhausted(step: Int, reason: LadderProgress.Exhaustion)
    /// A dispatch placed the case at this ladder level (the lead organisation's level).
    case ladderStepReached(step: Int)
    /// 移交上一级调解: the case moves to the ladder's next level. When `toCenter` is the responsible center it goes
    /// back to that center's desk (as after a return) to be dispatched at the new level; otherwise it starts again
    /// at that center, as after an escalation.
    case ladderClimbed(step: Int, toCenter: Organisation.ID)
    case mediatorRequested(mediatorID: Mediator.ID, organisationID: Organisation.ID)
    case mediatorAssigned(mediatorID: Mediator.ID, organisationID: Organisation.ID)
    /// The reason is the note.
    case mediatorDeclined(mediatorID: Mediator.ID)
    case consentRecorded(party: String, consents: Bool)
    /// A party refused mediation: with `.otherHandling` the case goes back to its center's desk; with
    /// `.litigation` a resolution (guided to litigation) follows.
    case mediationRefused(party: String, nextStep: MediationNextStep)
    case agreementDrafted(MediationAgreement)
    case agreementSigned(version: Int, at: Date)
    case confirmationRequested(court: Organisation.ID, agreementVersion: Int)
    case confirmationRuled(confirmed: Bool)
    case termChecked(term: Int, fulfilled: Bool)
    case mediationRated(MediationRating)
    case returnedToCourt(court: Organisation.ID)
    /// 当事人 added, corrected (at its 0-based place) or removed (the reason is the note).
    case partyAdded(Party)
    case partyCorrected(index: Int, party: Party)
    case partyRemoved(index: Int)

    /// The action that produced the change.
    public var action: CaseAction {
        switch self {
        case .registered: .register
        case .answered: .answer
        case .assessed: .assess
        case .dispatched: .dispatch
        case .accepted: .accept
        case .returned: .return
        case .progressed: .progress
        case .extensionRequested: .requestExtension
        case .extensionDecided: .decideExtension
        case .resolved: .resolve
        case .followedUp: .followUp
        case .closed: .close
        case .escalated: .escalate
        case .supervised: .supervise
        case .nudged: .nudge
        case .reopened: .reopen
        case .withdrawn: .withdraw
        case .merged, .duplicateAttached: .merge
        case .timeLimitsApplied: .applyTimeLimits
        case .informationRequested: .requestInformation
        case .informationSupplied: .supplyInformation
        case .sessionHeld: .recordSession
        case .clockAlerted, .ladderExhausted: .raiseAlerts
        case .ladderStepReached: .applyTimeLimits
        case .ladderClimbed: .climbLadder
        case .mediatorRequested: .requestMediator
        case .mediatorAssigned: .assignMediator
        case .mediatorDeclined: .declineMediation
        case .consentRecorded, .mediationRefused: .recordConsent
        case .agreementDrafted: .draftAgreement
        case .agreementSigned: .signAgreement
        case .confirmationRequested: .requestConfirmation
        case .confirmationRuled: .recordRuling
        case .termChecked: .checkTerm
        case .mediationRated: .rateMediation
        case .returnedToCourt: .returnToCourt
        case .partyAdded, .partyCorrected, .partyRemoved: .editParties
        }
    }
}
