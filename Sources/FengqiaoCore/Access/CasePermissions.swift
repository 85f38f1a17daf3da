/// Who may do what to a case, in which states. `CaseLifecycle` asks this table before every command; the server
/// asks it (`availableActions`) to decide which buttons to show.
///
/// Scopes (who, and over which cases):
/// - **responsible center**: center staff of the center responsible for the case (`Case.centerOrganisationID`:
///   the receiving center, or the one it was escalated to; any center covering the case while there is none), and
///   administrators; both with a jurisdiction covering the case.
/// - **covering center**: center staff or administrators whose jurisdiction covers the case (a county center
///   supervises the township's cases).
/// - **dispatching center**: center staff of the center that dispatched the case, and administrators covering it.
/// - **participant** / **lead**: department handlers, mediators and center staff acting for an organisation the
///   case was dispatched to (any participant, or the lead only). No jurisdiction check: the dispatch is the scope.
/// - **grid worker in grid**: grid workers whose grid (jurisdiction) covers the case.
/// - **leader**: leaders whose jurisdiction covers the case.
/// - **citizen**: the citizen who owns the case (the caller has checked the tracking code and phone digits).
/// - **system**: imports and background workers.
///
/// | action | scopes | states it starts from | moves to |
/// | --- | --- | --- | --- |
/// | register | staff but leaders, covering the region; citizen (QR/photo channel only); system | — | registered |
/// | answer (consultation only) | responsible center | registered, assessed | resolved, then closed |
/// | assess | responsible center | registered, assessed, returned | assessed |
/// | dispatch | responsible center | assessed, returned | dispatched |
/// | accept (once per organisation) | participant | dispatched, accepted, in progress | accepted (lead) |
/// | return (before accepting; reason) | participant | dispatched, accepted, in progress | returned (lead) |
/// | progress (after accepting) | participant; grid worker in grid | accepted, in progress | in progress |
/// | request extension (reason) | lead | accepted, in progress | — |
/// | decide extension | dispatching center | accepted, in progress | — |
/// | resolve (outcome, summary) | lead | accepted, in progress | resolved |
/// | follow up | covering center; grid worker in grid; citizen | resolved | followed up (不满意: in progress) |
/// | close | responsible center | followed up; resolved if anonymous | closed |
/// | escalate (reason) | responsible center | any before resolution | registered at the new center |
/// | supervise (note, deadline) | covering center; leader; system | any open | — |
/// | nudge | leader | any open | — |
/// | reopen (reason) | covering center | resolved, followed up, closed | in progress (registered if never dispatched) |
/// | withdraw (reason) | citizen; covering center; grid worker in grid | before resolution | withdrawn |
/// | merge (duplicate side; master must be covered and open) | responsible center | any before resolution | merged |
/// | request information (待补充材料; not while waiting) | responsible center; lead | registered, assessed, returned, accepted, in progress | — (clocks pause) |
/// | supply information (while waiting) | citizen; responsible center; lead; grid worker in grid | any before resolution | — (clocks resume) |
/// | record session (after accepting) | participant | accepted, in progress | in progress |
/// | climb ladder (level exhausted, not the last) | responsible center; lead; system | any before resolution | registered at the next level's center |
/// | apply time limits | system | any open | — |
/// | raise alerts (yellow, red with 督办, ladder level exhausted) | system | any open | — |
/// | request mediator (点单) | citizen; responsible center | registered, assessed, returned | — |
/// | take mediation (接单; a mediator was asked for) | requested mediator | registered, assessed, returned | accepted by their organisation |
/// | decline mediation (reason) | requested mediator | registered, assessed, returned | — |
/// | assign mediator | lead | accepted, in progress | — |
/// | record consent (a refusal needs the next step) | participant; citizen | accepted, in progress | returned (other handling) or resolved (litigation) |
/// | draft agreement | lead | accepted, in progress | — |
/// | sign agreement (a draft not yet signed) | lead | accepted, in progress | — |
/// | request confirmation (signed agreement) | lead; responsible center | accepted, in progress, resolved, followed up, closed | — |
/// | record ruling (a request pending) | court; lead; responsible center | same | — |
/// | check term (signed agreement, a dated term) | covering center; participant; grid worker in grid | same | a missed term reopens a resolved case (反弹) |
/// | rate mediation (1–5) | citizen; covering center; grid worker in grid | resolved, followed up, closed | — |
/// | return to court (court referrals) | responsible center | resolved, followed up, closed | — |
/// | edit parties (add, correct, remove with a reason) | responsible center; participant | any but withdrawn and merged | — |
///
/// "Open" is every state but closed, withdrawn and merged; "before resolution" is registered, assessed,
/// dispatched, accepted, returned and in progress. An assisting organisation's accept or return leaves the state
/// alone (it joins or leaves the joint handling); the lead's moves the case. Every refusal is a `CaseError`; checks
/// run in this order: role, scope (jurisdiction, responsible center, participation), state, preconditions
/// (`check`), then the arguments (`CaseLifecycle.decide`).
public enum CasePermissions {
    /// Who, over which cases. See `CasePermissions` for the table.
    public enum Scope: String, CaseIterable, Codable, Sendable {
        case responsibleCenter
        case coveringCenter
        case dispatchingCenter
        case participant
        case lead
        case gridWorkerInGrid
        case leader
        case citizen
        case system
        /// Staff of the organisation whose mediator the citizen asked for (点单).
        case requestedMediator
        /// Staff of the court a judicial confirmation was requested from.
        case court

        /// The staff roles a grant may hold to act in this scope.
        public var roles: Set<Role> {
            switch self {
            case .responsibleCenter, .coveringCenter, .dispatchingCenter: [.centerStaff, .admin]
            case .participant, .lead: [.departmentHandler, .mediator, .centerStaff]
            case .gridWorkerInGrid: [.gridWorker]
            case .leader: [.leader]
            case .citizen, .system: []
            case .requestedMediator: [.mediator, .centerStaff, .departmentHandler]
            case .court: [.departmentHandler, .mediator, .centerStaff]
            }
        }
    }

    /// What authorised an action: the scope, and the grant acted under (nil for citizens and the system).
    public struct Authority: Sendable, Equatable {
        public var scope: Scope
        public var grant: Actor.Grant?
    }

    public static func scopes(for action: CaseAction) -> [Scope] {
        switch action {
        case .register: []
        case .answer, .assess, .dispatch, .close, .escalate, .merge: [.responsibleCenter]
        case .accept, .return: [.participant]
        case .progress: [.participant, .gridWorkerInGrid]
        case .requestExtension, .resolve: [.lead]
        case .decideExtension: [.dispatchingCenter]
        case .followUp: [.coveringCenter, .gridWorkerInGrid, .citizen]
        case .supervise: [.coveringCenter, .leader, .system]
        case .nudge: [.leader]
        case .reopen: [.coveringCenter]
        case .withdraw: [.citizen, .coveringCenter, .gridWorkerInGrid]
        case .requestInformation: [.responsibleCenter, .lead]
        case .supplyInformation: [.citizen, .responsibleCenter, .lead, .gridWorkerInGrid]
        case .recordSession: [.participant]
        case .climbLadder: [.responsibleCenter, .lead, .system]
        case .applyTimeLimits, .raiseAlerts: [.system]
        case .requestMediator: [.citizen, .responsibleCenter]
        case .takeMediation, .declineMediation: [.requestedMediator]
        case .assignMediator, .draftAgreement, .signAgreement: [.lead]
        case .recordConsent: [.participant, .citizen]
        case .requestConfirmation: [.lead, .responsibleCenter]
        case .recordRuling: [.court, .lead, .responsibleCenter]
        case .checkTerm: [.coveringCenter, .participant, .gridWorkerInGrid]
        case .rateMediation: [.citizen, .coveringCenter, .gridWorkerInGrid]
        case .returnToCourt: [.responsibleCenter]
        case .editParties: [.responsibleCenter, .participant]
        }
    }

    private static let unresolved: Set<CaseState> = Set(CaseState.allCases.filter(\.isUnresolved))
    private static let open: Set<CaseState> = Set(CaseState.allCases.filter(\.isOpen))

    /// The states an action may start from.
    public static func states(for action: CaseAction) -> Set<CaseState> {
        switch action {
        case .register: []
        case .answer: [.registered, .assessed]
        case .assess: [.registered, .assessed, .returned]
        case .dispatch: [.assessed, .returned]
        case .accept, .return: [.dispatched, .accepted, .inProgress]
        case .progress, .requestExtension, .decideExtension, .resolve: [.accepted, .inProgress]
        case .followUp: [.resolved]
        case .close: [.resolved, .followedUp]
        case .escalate, .merge: unresolved
        case .supervise, .nudge: open
        case .withdraw: unresolved
        case .reopen: [.resolved, .followedUp, .closed]
        case .requestInformation: [.registered, .assessed, .returned, .accepted, .inProgress]
        case .supplyInformation, .climbLadder: unresolved
        case .recordSession: [.accepted, .inProgress]
        case .applyTimeLimits, .raiseAlerts: open
        case .requestMediator, .takeMediation, .declineMediation: [.registered, .assessed, .returned]
        case .assignMediator, .recordConsent, .draftAgreement, .signAgreement: [.accepted, .inProgress]
        case .requestConfirmation, .recordRuling, .checkTerm:
            [.accepted, .inProgress, .resolved, .followedUp, .closed]
        case .rateMediation, .returnToCourt: [.resolved, .followedUp, .closed]
        case .editParties: open.union([.closed])
        }
    }

    /// Checks the actor's role and scope, then the case's state, then what the action needs of the case whatever
    /// its arguments (a consultation to answer, a pending extension to decide…). Arguments are checked by
    /// `CaseLifecycle.decide`.
    public static func check(_ action: CaseAction, on current: Case, by actor: Actor) throws(CaseError) -> Authority {
        switch evaluate(action, on: current, by: actor) {
        case .success(let authority): return authority
        case .failure(let error): throw error
        }
    }

    /// The actions `actor` may take on `current` now (arguments permitting), in `CaseAction` order.
    public static func availableActions(on current: Case, by actor: Actor) -> [CaseAction] {
        CaseAction.allCases.filter { action in
            guard action != .register, case .success = evaluate(action, on: current, by: actor) else { return false }
            return true
        }
    }

    /// `check` without throwing, so that listing the available actions costs no error handling.
    static func evaluate(_ action: CaseAction, on current: Case, by actor: Actor) -> Result<Authority, CaseError> {
        let authority: Authority
        switch authorise(action, on: current, by: actor) {
        case .success(let found): authority = found
        case .failure(let error): return .failure(error)
        }
        guard states(for: action).contains(current.state) else {
            return .failure(.notAllowedInState(action, current.state))
        }
        let organisation = authority.grant?.organisationID
        switch action {
        case .answer:
            if current.kind != .consultation { return .failure(.notAConsultation) }
        case .accept, .return:
            if let organisation, current.participant(organisation)?.accepted == true {
                return .failure(.alreadyAccepted)
            }
        case .requestInformation:
            if current.timing.isAwaitingCitizen { return .failure(.alreadyAwaitingCitizen) }
        case .supplyInformation:
            if !current.timing.isAwaitingCitizen { return .failure(.notAwaitingCitizen) }
        case .climbLadder:
            guard let ladder = current.timing.ladder, ladder.exhausted != nil, !ladder.isLastStep else {
                return .failure(.ladderNotExhausted)
            }
        case .takeMediation, .declineMediation:
            if current.mediation.requestedMediator == nil { return .failure(.noMediatorRequested) }
        case .signAgreement:
            guard let agreement = current.mediation.agreement else { return .failure(.noAgreement) }
            if agreement.signedAt != nil { return .failure(.agreementAlreadySigned) }
        case .requestConfirmation, .checkTerm:
            if current.mediation.signedAgreement == nil { return .failure(.agreementNotSigned) }
        case .recordRuling:
            if current.mediation.confirmation == nil || current.mediation.confirmation?.confirmed != nil {
                return .failure(.noConfirmationPending)
            }
        case .returnToCourt:
            if current.channel != .courtReferral { return .failure(.notACourtReferral) }
        case .progress, .recordSession, .recordConsent:
            if authority.scope == .participant, let organisation, current.participant(organisation)?.accepted != true {
                return .failure(.notYetAccepted)
            }
        case .requestExtension:
            if current.pendingExtension != nil { return .failure(.extensionPending) }
        case .decideExtension:
            if current.pendingExtension == nil { return .failure(.noPendingExtension) }
        case .close:
            if current.state == .resolved && !current.anonymous { return .failure(.followUpRequired) }
        default:
            break
        }
        return .success(authority)
    }

    /// Who may register a case at `regionPath` through `channel`: any staff role but leader covering the region,
    /// a citizen through the citizen-report channel, or the system.
    public static func authoriseRegistration(
        channel: Channel, regionPath: String, by actor: Actor
    ) throws(CaseError) -> Actor.Grant? {
        switch actor.kind {
        case .system:
            return nil
        case .citizen:
            guard channel == .citizenReport else { throw .channelNotAllowed(channel) }
            return nil
        case .staff:
            let registering = actor.grants.filter { $0.role != .leader }
            guard !registering.isEmpty else { throw .forbiddenRole(.register) }
            guard let grant = registering.first(where: { $0.covers(regionPath: regionPath) }) else {
                throw .outsideJurisdiction
            }
            return grant
        }
    }

    private static func authorise(
        _ action: CaseAction, on current: Case, by actor: Actor
    ) -> Result<Authority, CaseError> {
        let scopes = scopes(for: action)
        switch actor.kind {
        case .citizen:
            return scopes.contains(.citizen)
                ? .success(Authority(scope: .citizen, grant: nil)) : .failure(.forbiddenRole(action))
        case .system:
            return scopes.contains(.system)
                ? .success(Authority(scope: .system, grant: nil)) : .failure(.forbiddenRole(action))
        case .staff:
            var firstFailure: CaseError?
            for grant in actor.grants {
                for scope in scopes where scope.roles.contains(grant.role) {
                    if let failure = problem(with: grant, in: scope, on: current) {
                        firstFailure = firstFailure ?? failure
                    } else {
                        return .success(Authority(scope: scope, grant: grant))
                    }
                }
            }
            return .failure(firstFailure ?? .forbiddenRole(action))
        }
    }

    /// Why `grant` does not put the case in `scope`, or nil when it does.
    private static func problem(with grant: Actor.Grant, in scope: Scope, on current: Case) -> CaseError? {
        let covers = grant.covers(regionPath: current.regionPath)
        switch scope {
        case .responsibleCenter:
            guard covers else { return .outsideJurisdiction }
            if grant.role == .centerStaff, let center = current.centerOrganisationID, center != grant.organisationID {
                return .notResponsibleCenter
            }
            return nil
        case .dispatchingCenter:
            guard covers else { return .outsideJurisdiction }
            if grant.role == .centerStaff, current.dispatcherOrganisationID != grant.organisationID {
                return .notTheDispatcher
            }
            return nil
        case .coveringCenter, .gridWorkerInGrid, .leader:
            return covers ? nil : .outsideJurisdiction
        case .participant:
            return current.participant(grant.organisationID) == nil ? .notAParticipant : nil
        case .lead:
            guard let participant = current.participant(grant.organisationID) else { return .notAParticipant }
            return participant.isLead ? nil : .notTheLead
        case .requestedMediator:
            return current.mediation.requestedOrganisation == grant.organisationID ? nil : .noMediatorRequested
        case .court:
            return current.mediation.confirmation?.court == grant.organisationID ? nil : .notAParticipant
        case .citizen, .system:
            return .forbiddenRole(.register)
        }
    }
}
