import Foundation

/// What the platform does by itself around a person's command, decided in one place for every write path (one case
/// at a time, the bulk loader, the deadline scheduler): the time limits that apply at registration and after a
/// re-assessment, the ladder level a dispatch puts a case at, the automatic climb of an exhausted ladder level, and
/// the 督办 deadline of a red alert. Pure: the case, the command, the actor, the time and the facts of the world
/// it needs (`Facts`, which the store loads inside the transaction) in; events out, folded once.
public enum CaseWorkflow {
    /// Who the platform's own events are recorded as.
    public static let timekeeper = Actor.system(name: "时限管理 / Time limits")

    /// What a decision needs beyond the case, as plain values.
    public struct Facts: Sendable {
        /// The time-limit policies and ladders in force.
        public var timeLimits: TimeLimitBook
        /// The region level of the organisations the decision may ask about (the case's center, its lead).
        public var levels: [Organisation.ID: RegionLevel]
        /// The centers over the case's region, nearest first, each with its region's level: where a ladder climbs.
        /// Empty when the case has no ladder (nothing climbs).
        public var centersAbove: [(id: Organisation.ID, level: RegionLevel)]
        /// The directory's entries a command names (点单, 接单, naming the handling mediator), by id.
        public var mediators: [Mediator.ID: Mediator]
        /// The acting user's own mediator record, for 接单 without a named mediator.
        public var actingMediator: Mediator?

        public init(
            timeLimits: TimeLimitBook = TimeLimitBook(policies: [], ladders: []),
            levels: [Organisation.ID: RegionLevel] = [:],
            centersAbove: [(id: Organisation.ID, level: RegionLevel)] = [], mediators: [Mediator.ID: Mediator] = [:],
            actingMediator: Mediator? = nil
        ) {
            self.timeLimits = timeLimits
            self.levels = levels
            self.centersAbove = centersAbove
            self.mediators = mediators
            self.actingMediator = actingMediator
        }
    }

    /// The outcome of a change: every event in order, and the case they fold to.
    public struct Outcome: Sendable {
        public var events: [CaseEvent]
        public var current: Case
    }

    /// Registers an intake and applies the time limits in force: the registration event first, then the limits.
    /// `registered` is the case as its first event alone made it.
    public static func register(
        _ intake: Intake, id: Case.ID, number: String, trackingCode: String, regionPath: String,
        receivingCenter: Organisation.ID?, by actor: Actor, at now: Date, facts: Facts
    ) throws(CaseError) -> (registered: Case, outcome: Outcome) {
        let (registered, event) = try CaseLifecycle.register(
            intake, id: id, number: number, trackingCode: trackingCode, regionPath: regionPath,
            receivingCenter: receivingCenter, by: actor, at: now)
        let limits = facts.timeLimits.limits(
            for: registered, centerLevel: registered.centerOrganisationID.flatMap { facts.levels[$0] })
        var outcome = Outcome(events: [event], current: registered)
        try apply(.applyTimeLimits(limits), by: timekeeper, at: now, to: &outcome)
        return (registered, outcome)
    }

    /// Merge: a duplicate into its master (`CaseLifecycle.merge`), each folded once. A merge has no follow-ups: the
    /// duplicate is final and the master only gains a party.
    public static func merge(
        duplicate: Case, into master: Case, by actor: Actor, at now: Date
    ) throws(CaseError) -> (duplicate: Outcome, master: Outcome) {
        let events = try CaseLifecycle.merge(duplicate: duplicate, into: master, by: actor, at: now)
        func folded(_ new: [CaseEvent], onto current: Case) -> Outcome {
            Outcome(events: new, current: new.reduce(current) { CaseLifecycle.apply($1, to: $0) })
        }
        return (folded(events.duplicate, onto: duplicate), folded(events.master, onto: master))
    }

    /// Which facts the follow-ups of a change need, so that the store loads only those: the time limits and the
    /// levels of the case's center and lead after an assessment, a dispatch or 接单, and the centers above the case
    /// when an automatic ladder's level is exhausted (it climbs).
    public struct Needs: Sendable, Equatable {
        public var timeLimits = false
        public var organisations: Set<Organisation.ID> = []
        public var centersAbove = false
        public var mediators: Set<Mediator.ID> = []
        /// Whose mediator record to load (the acting user's, for 接单 without a named mediator).
        public var mediatorOfUser: User.ID?

        public init(
            timeLimits: Bool = false, organisations: Set<Organisation.ID> = [], centersAbove: Bool = false,
            mediators: Set<Mediator.ID> = [], mediatorOfUser: User.ID? = nil
        ) {
            self.timeLimits = timeLimits
            self.organisations = organisations
            self.centersAbove = centersAbove
            self.mediators = mediators
            self.mediatorOfUser = mediatorOfUser
        }

        /// What a ladder move needs: the case's center and the centers above it.
        public static func climb(of current: Case) -> Needs {
            Needs(organisations: Set([current.centerOrganisationID].compactMap { $0 }), centersAbove: true)
        }
    }

    /// What a person's command leaves to the platform to look up before it is decided: the center above for 上报
    /// without a named center, the next level's center for 移交上一级, the mediators a command names.
    public static func needs(before command: CaseCommand, on current: Case, by actor: Actor) -> Needs {
        var needs = lookUps(before: command, on: current, by: actor)
        needs.organisations.formUnion(organisationsNamed(in: command))
        return needs
    }

    /// The organisations a command names, each of which must exist: a dispatch's lead and assisting ones, a named
    /// center, a court.
    public static func organisationsNamed(in command: CaseCommand) -> Set<Organisation.ID> {
        switch command {
        case .dispatch(let lead, let assisting, _): Set([lead] + assisting)
        case .escalate(.some(let center), _), .climbLadder(.some(let center)): [center]
        case .requestMediator(_, .some(let organisation)): [organisation]
        case .requestConfirmation(let court), .returnToCourt(let court): [court]
        default: []
        }
    }

    private static func lookUps(before command: CaseCommand, on current: Case, by actor: Actor) -> Needs {
        switch command {
        case .escalate(nil, _):
            let own = current.centerOrganisationID ?? current.holderOrganisationID
            return Needs(organisations: Set([own].compactMap { $0 }), centersAbove: true)
        case .climbLadder(nil):
            return .climb(of: current)
        case .requestMediator(let mediator, nil), .assignMediator(let mediator), .takeMediation(.some(let mediator)):
            return Needs(mediators: [mediator])
        case .takeMediation(nil):
            return Needs(mediatorOfUser: actor.userID)
        default:
            return Needs()
        }
    }

    /// The command with what the platform looks up filled in (see `needs(before:)`), or the domain's refusal: an
    /// organisation named that does not exist, no center above, a ladder level not yet exhausted, an unknown or
    /// unavailable mediator. The lifecycle then checks
    /// who may act in which state (the directory and the centers are public, so the order reveals nothing).
    public static func resolve(
        _ command: CaseCommand, on current: Case, by actor: Actor, facts: Facts
    ) throws(CaseError) -> CaseCommand {
        // The levels of the named organisations are loaded with the facts: an unknown one has none.
        guard organisationsNamed(in: command).allSatisfy({ facts.levels[$0] != nil }) else {
            throw .unknownOrganisation
        }
        switch command {
        case .escalate(nil, let reason):
            guard let own = current.centerOrganisationID ?? current.holderOrganisationID,
                let level = facts.levels[own],
                let above = facts.centersAbove.first(where: { $0.level < level && $0.id != own })
            else { throw .noCenterAbove }
            return .escalate(toCenter: above.id, reason: reason)
        case .climbLadder(nil):
            guard let target = climbTarget(of: current, facts: facts) else { throw .ladderNotExhausted }
            return .climbLadder(toCenter: target)
        case .requestMediator(let id, nil):
            guard let mediator = facts.mediators[id] else { throw .unknownMediator }
            // A retired mediator has left the directory: not available for a 点单 either.
            guard mediator.takesRequests else { throw .mediatorUnavailable }
            return .requestMediator(mediator: id, organisation: mediator.organisationID)
        case .assignMediator(let id):
            guard let mediator = facts.mediators[id] else { throw .unknownMediator }
            guard mediator.isActive else { throw .mediatorUnavailable }
            return command
        case .takeMediation(.some(let id)):
            guard facts.mediators[id] != nil else { throw .unknownMediator }
            return command
        case .takeMediation(nil):
            guard let mediator = facts.actingMediator else { throw .unknownMediator }
            return .takeMediation(mediator: mediator.id)
        default:
            return command
        }
    }

    public static func needs(after command: CaseCommand?, on updated: Case) -> Needs {
        var needs = Needs()
        if let command, TimeLimitBook.followedUpActions.contains(command.action) {
            needs.timeLimits = true
            needs.organisations.formUnion(
                [updated.centerOrganisationID, updated.lead?.organisationID].compactMap { $0 })
        }
        if let ladder = updated.timing.ladder, ladder.ladder.automatic, ladder.exhausted != nil, !ladder.isLastStep,
            updated.state.isUnresolved
        {
            needs.centersAbove = true
            if let center = updated.centerOrganisationID { needs.organisations.insert(center) }
        }
        return needs
    }

    /// A command decided by the lifecycle alone, folded on (the first half of `run`, for a caller that loads the
    /// facts of the follow-ups only once it knows which are needed).
    public static func decide(
        _ command: CaseCommand, on current: Case, by actor: Actor, at now: Date
    ) throws(CaseError) -> Outcome {
        var outcome = Outcome(events: [], current: current)
        try apply(command, by: actor, at: now, to: &outcome)
        return outcome
    }

    /// The follow-ups of a decided command (the second half of `run`).
    public static func followingUp(
        _ decided: Outcome, after command: CaseCommand?, at now: Date, facts: Facts
    ) throws(CaseError) -> Outcome {
        var outcome = decided
        try followUps(after: command, at: now, facts: facts, to: &outcome)
        return outcome
    }

    /// The alerts due on a case, raised with a 督办 deadline of one working day (the first half of `raiseAlerts`).
    public static func decideAlerts(
        _ due: [Deadline], on current: Case, at now: Date, calendar: WorkingCalendar
    ) throws(CaseError) -> Outcome {
        let supervisionDeadline = calendar.deadline(for: .workingDays(1), from: now)
        var outcome = Outcome(events: [], current: current)
        try apply(.raiseAlerts(due, supervisionDeadline: supervisionDeadline), by: timekeeper, at: now, to: &outcome)
        return outcome
    }

    /// A person's (or the system's) command and what the platform does after it.
    public static func run(
        _ command: CaseCommand, on current: Case, by actor: Actor, at now: Date, facts: Facts
    ) throws(CaseError) -> Outcome {
        try followingUp(try decide(command, on: current, by: actor, at: now), after: command, at: now, facts: facts)
    }

    /// The alerts due on a case, raised with a 督办 deadline of one working day, and what follows them (an
    /// exhausted ladder level climbs).
    public static func raiseAlerts(
        _ due: [Deadline], on current: Case, at now: Date, calendar: WorkingCalendar, facts: Facts
    ) throws(CaseError) -> Outcome {
        try followingUp(
            try decideAlerts(due, on: current, at: now, calendar: calendar), after: nil, at: now, facts: facts)
    }

    /// Where a ladder move sends the case: its own center when that sits at the next level or above, else the
    /// nearest center at the next level or above over the case's region; nil when there is none or no next level.
    public static func climbTarget(of current: Case, facts: Facts) -> Organisation.ID? {
        guard let next = current.timing.ladder?.nextStep else { return nil }
        if let center = current.centerOrganisationID, let level = facts.levels[center], level <= next.level {
            return center
        }
        return facts.centersAbove.first { $0.level <= next.level }?.id
    }

    /// What the platform does after `command` (nil: after raised alerts): new time limits when an assessment
    /// changes which apply, the ladder level of a dispatch's lead, and an automatic ladder's climb once a level is
    /// exhausted.
    static func followUps(
        after command: CaseCommand?, at now: Date, facts: Facts, to outcome: inout Outcome
    )
        throws(CaseError)
    {
        if let command,
            let next = facts.timeLimits.followUp(to: command, on: outcome.current, level: { facts.levels[$0] })
        {
            try apply(next, by: timekeeper, at: now, to: &outcome)
        }
        let current = outcome.current
        if let ladder = current.timing.ladder, ladder.ladder.automatic, ladder.exhausted != nil, !ladder.isLastStep,
            current.state.isUnresolved, let target = climbTarget(of: current, facts: facts)
        {
            try apply(.climbLadder(toCenter: target), by: timekeeper, at: now, to: &outcome)
        }
    }

    /// Decides one command on the outcome's case and folds its events on.
    static func apply(
        _ command: CaseCommand, by actor: Actor, at now: Date, to outcome: inout Outcome
    )
        throws(CaseError)
    {
        let events = try CaseLifecycle.decide(command, on: outcome.current, by: actor, at: now)
        outcome.current = events.reduce(outcome.current) { CaseLifecycle.apply($1, to: $0) }
        outcome.events += events
    }
}
