import Foundation

/// Everything about time on a case: the limits that apply, the clocks' runs, the waits on the citizen, the alerts
/// raised, and the ladder. Folded from events by `CaseLifecycle.apply`.
public struct CaseTiming: Sendable, Codable, Equatable, Hashable {
    public var limits: AppliedTimeLimits?
    public var clocks: [CaseClock]
    /// Closed waits on the citizen (待补充材料): every clock pauses through them.
    public var citizenWaits: [TimeSpan]
    /// Set while the case waits on the citizen.
    public var awaitingCitizenSince: Date?
    /// What the citizen was asked for.
    public var informationRequested: String?
    public var alerts: [ClockAlert]
    public var ladder: LadderProgress?
    public var sessions: [MediationSession]

    public init(
        limits: AppliedTimeLimits? = nil, clocks: [CaseClock] = [], citizenWaits: [TimeSpan] = [],
        awaitingCitizenSince: Date? = nil, informationRequested: String? = nil, alerts: [ClockAlert] = [],
        ladder: LadderProgress? = nil, sessions: [MediationSession] = []
    ) {
        self.limits = limits
        self.clocks = clocks
        self.citizenWaits = citizenWaits
        self.awaitingCitizenSince = awaitingCitizenSince
        self.informationRequested = informationRequested
        self.alerts = alerts
        self.ladder = ladder
        self.sessions = sessions
    }

    /// The running run of a clock, if any.
    public func running(_ kind: ClockKind) -> CaseClock? {
        clocks.last { $0.kind == kind && $0.isRunning }
    }

    public var isAwaitingCitizen: Bool { awaitingCitizenSince != nil }

    mutating func start(_ kind: ClockKind, at instant: Date) {
        stop(kind, at: instant)
        clocks.append(CaseClock(kind: kind, startedAt: instant))
    }

    /// Starts the clock unless a run of it is already going.
    mutating func startIfStopped(_ kind: ClockKind, at instant: Date) {
        if running(kind) == nil { clocks.append(CaseClock(kind: kind, startedAt: instant)) }
    }

    mutating func stop(_ kinds: ClockKind..., at instant: Date) {
        for index in clocks.indices where kinds.contains(clocks[index].kind) && clocks[index].isRunning {
            clocks[index].stoppedAt = instant
        }
    }

    mutating func stopAll(at instant: Date) {
        for index in clocks.indices where clocks[index].isRunning { clocks[index].stoppedAt = instant }
        endWait(at: instant)
    }

    mutating func endWait(at instant: Date) {
        if let since = awaitingCitizenSince {
            citizenWaits.append(TimeSpan(start: since, end: max(since, instant)))
        }
        awaitingCitizenSince = nil
        informationRequested = nil
    }

    mutating func extendFinish(byWorkingDays days: Int) {
        guard let index = clocks.lastIndex(where: { $0.kind == .finish && $0.isRunning }) else { return }
        clocks[index].extensionWorkingDays += days
    }
}
