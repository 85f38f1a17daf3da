import Foundation

/// What the core rates (`CoreRates`) need to know about one case: a small value folded from the case's file
/// (`init?(events:)`), so that the rates never depend on anything but the events. The fold can stop anywhere and go
/// on later from the facts and the case as they stood (`folding(_:after:)`): the store keeps both on the case row
/// and folds only each change's new events onto them. The store may also build it directly (memberwise `init`) from
/// columns it keeps in step with the events.
public struct CaseFacts: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: Case.ID
    /// 咨询 or 诉求.
    public var kind: CaseKind
    /// When the case was registered (受理): the time the period filter looks at.
    public var registeredAt: Date
    public var channel: Channel
    /// The current category (the intake's, or the latest assessment's).
    public var categoryCode: String?
    /// `/339900/339921/…/`: the region filter takes a subtree by prefix.
    public var regionPath: String
    public var state: CaseState
    /// Every organisation that was, at any point, the responsible center, the dispatcher, the holder, or a
    /// participant (lead or assisting, even one that later returned the case or left the joint handling).
    public var organisationIDs: Set<Organisation.ID>
    /// How many times the case was dispatched (派单).
    public var dispatchCount: Int
    /// 接单 on the first dispatch: the lead of the case's first dispatch accepted it while that dispatch stood, i.e.
    /// before any return (退单), escalation, withdrawal or merge.
    public var acceptedOnFirstDispatch: Bool
    /// Whole-case returns by a lead (退单); an assisting organisation leaving the joint handling is not one.
    public var returnCount: Int
    /// How many times the case was resolved (办结), a consultation answered at intake included.
    public var resolutionCount: Int
    /// The latest resolution; meaningful while `isResolved`.
    public var resolvedAt: Date?
    /// The current outcome: nil until resolved, and again from a reopening until the next resolution.
    public var outcome: Outcome?
    /// The verdict of the latest follow-up (回访), kept when a case is reopened.
    public var latestSatisfaction: Satisfaction?
    /// 重办: reopenings caused by a dissatisfied (不满意) follow-up.
    public var redoCount: Int
    /// 反弹: reopenings by the reopen command (重新办理) after resolution, not caused by a follow-up.
    public var flareUpCount: Int
    /// The finish clock's deadline (extensions included) for 按期办结率; the store fills it in from the case's
    /// time limits and the working calendar (the events alone do not know the calendar).
    public var deadline: Date?
    /// The latest event is a dissatisfied follow-up: a reopening next is the 重办 it caused. What the fold remembers
    /// of the event before the next one; no rate reads it.
    public var followedUpDissatisfied: Bool {
        get { lastEventDissatisfiedFollowUp ?? false }
        set { lastEventDissatisfiedFollowUp = newValue ? true : nil }
    }
    /// Stored only when true, so that the facts of every other case encode exactly as they did before it was kept
    /// (and facts stored before read as false: no command ends on a dissatisfied follow-up, which reopens at once).
    private var lastEventDissatisfiedFollowUp: Bool?

    public init(
        id: Case.ID, kind: CaseKind, registeredAt: Date, channel: Channel, categoryCode: String?, regionPath: String,
        state: CaseState, organisationIDs: Set<Organisation.ID> = [], dispatchCount: Int = 0,
        acceptedOnFirstDispatch: Bool = false, returnCount: Int = 0, resolutionCount: Int = 0,
        resolvedAt: Date? = nil, outcome: Outcome? = nil, latestSatisfaction: Satisfaction? = nil,
        redoCount: Int = 0, flareUpCount: Int = 0, deadline: Date? = nil
    ) {
        self.id = id
        self.kind = kind
        self.registeredAt = registeredAt
        self.channel = channel
        self.categoryCode = categoryCode
        self.regionPath = regionPath
        self.state = state
        self.organisationIDs = organisationIDs
        self.dispatchCount = dispatchCount
        self.acceptedOnFirstDispatch = acceptedOnFirstDispatch
        self.returnCount = returnCount
        self.resolutionCount = resolutionCount
        self.resolvedAt = resolvedAt
        self.outcome = outcome
        self.latestSatisfaction = latestSatisfaction
        self.redoCount = redoCount
        self.flareUpCount = flareUpCount
        self.deadline = deadline
    }

    /// Folds a case's full file, read as strictly as `CaseLifecycle.replay` reads it: nil when the list is empty,
    /// does not start with the registration, or mixes cases or skips sequence numbers.
    public init?(events: [CaseEvent]) {
        guard let first = events.first, let registered = CaseLifecycle.start(first) else { return nil }
        let start = CaseFacts(
            id: registered.id, kind: registered.kind, registeredAt: registered.createdAt, channel: registered.channel,
            categoryCode: registered.categoryCode, regionPath: registered.regionPath, state: registered.state,
            organisationIDs: Self.organisations(of: registered), dispatchCount: registered.dispatchCount,
            returnCount: registered.returnCount, resolvedAt: registered.resolvedAt, outcome: registered.outcome)
        guard let folded = start.folding(events.dropFirst(), after: registered) else { return nil }
        self = folded
    }

    /// These facts with `events` folded on, `current` being the case as the events folded so far left it (the
    /// stored snapshot): the same facts as folding the whole file at once, however the file is split. Nil when the
    /// events do not follow on: another case, a gap in the sequence, a second registration. The deadline is left
    /// as it was (the store sets it from the case).
    ///
    /// A reopening (`.reopened`) right after a dissatisfied follow-up is the one that follow-up caused (重办); any
    /// other reopening came from the reopen command (反弹).
    public func folding(_ events: some Sequence<CaseEvent>, after current: Case) -> CaseFacts? {
        guard current.id == id else { return nil }
        var facts = self
        var current = current
        for event in events {
            guard event.caseID == current.id, event.sequence == current.version + 1 else { return nil }
            switch event.change {
            case .registered:
                return nil
            case .accepted(let organisation):
                if current.state == .dispatched, current.dispatchCount == 1,
                    current.lead?.organisationID == organisation
                {
                    facts.acceptedOnFirstDispatch = true
                }
            case .resolved, .answered:
                facts.resolutionCount += 1
            case .followedUp(let satisfaction):
                facts.latestSatisfaction = satisfaction
            case .reopened:
                if facts.followedUpDissatisfied {
                    facts.redoCount += 1
                } else {
                    facts.flareUpCount += 1
                }
            default:
                break
            }
            current = CaseLifecycle.apply(event, to: current)
            facts.organisationIDs.formUnion(Self.organisations(of: current))
            facts.followedUpDissatisfied = event.change == .followedUp(satisfaction: .dissatisfied)
        }
        facts.kind = current.kind
        facts.channel = current.channel
        facts.categoryCode = current.categoryCode
        facts.regionPath = current.regionPath
        facts.state = current.state
        facts.dispatchCount = current.dispatchCount
        facts.returnCount = current.returnCount
        facts.resolvedAt = current.resolvedAt
        facts.outcome = current.outcome
        return facts
    }

    /// 已撤回.
    public var isWithdrawn: Bool { state == .withdrawn }
    /// 已合并: a duplicate merged into a master case, which carries the matter from then on.
    public var isMerged: Bool { state == .merged }
    /// Counted by the ratios: neither withdrawn nor merged.
    public var countsInRates: Bool { !isWithdrawn && !isMerged }
    /// Resolved now: resolved, followed up or closed (`CaseState.isResolved`).
    public var isResolved: Bool { state.isResolved }
    /// Resolved at least once, even if reopened since.
    public var wasResolved: Bool { resolutionCount > 0 }
    /// Dispatched at least once.
    public var wasDispatched: Bool { dispatchCount > 0 }
    /// Returned by a lead at least once.
    public var wasReturned: Bool { returnCount > 0 }
    /// Followed up at least once.
    public var wasFollowedUp: Bool { latestSatisfaction != nil }

    private static func organisations(of current: Case) -> Set<Organisation.ID> {
        Set(
            [current.centerOrganisationID, current.dispatcherOrganisationID, current.holderOrganisationID]
                .compactMap { $0 } + current.participants.map(\.organisationID))
    }
}
