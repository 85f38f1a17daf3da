import Foundation

/// One run of a clock on a case: started by an event, stopped by another. A clock that starts again (a new
/// dispatch, a reopening) is a new run; the old run stays in the list for the record.
public struct CaseClock: Sendable, Codable, Equatable, Hashable {
    public var kind: ClockKind
    public var startedAt: Date
    public var stoppedAt: Date?
    /// Working days added by approved extensions (the finish clock only).
    public var extensionWorkingDays: Int

    public init(kind: ClockKind, startedAt: Date, stoppedAt: Date? = nil, extensionWorkingDays: Int = 0) {
        self.kind = kind
        self.startedAt = startedAt
        self.stoppedAt = stoppedAt
        self.extensionWorkingDays = extensionWorkingDays
    }

    public var isRunning: Bool { stoppedAt == nil }
}

/// How urgent a clock is: green while within the warning share, yellow (预警) after it, red (超期) once due.
public enum AlertLevel: String, CaseIterable, Codable, Sendable, Comparable {
    case green
    case yellow
    case red

    public var name: Localized {
        switch self {
        case .green: Localized(zh: "正常", en: "On track")
        case .yellow: Localized(zh: "预警", en: "Warning")
        case .red: Localized(zh: "超期", en: "Overdue")
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A yellow or red alert the scheduler raised on one clock run; it fires once per run and level.
public struct ClockAlert: Sendable, Codable, Equatable, Hashable {
    public var kind: ClockKind
    public var level: AlertLevel
    /// Identifies the clock run (`CaseClock.startedAt`, or the ladder step's start).
    public var clockStartedAt: Date
    public var dueAt: Date
    /// The organisation holding the case when the alert fired: overdue counts are charged to it.
    public var organisationID: Organisation.ID?

    public init(
        kind: ClockKind, level: AlertLevel, clockStartedAt: Date, dueAt: Date, organisationID: Organisation.ID?
    ) {
        self.kind = kind
        self.level = level
        self.clockStartedAt = clockStartedAt
        self.dueAt = dueAt
        self.organisationID = organisationID
    }
}

/// A mediation session (调解会): its result (an unsuccessful one counts on the ladder), level, and details.
public struct MediationSession: Sendable, Codable, Equatable, Hashable {
    public enum Result: String, CaseIterable, Codable, Sendable {
        /// 调解成功: the parties agreed.
        case agreed
        /// 调解未成功: the session ended without agreement; it counts on the ladder.
        case failed
        /// 休会: adjourned to another session; it does not count.
        case adjourned

        public var name: Localized {
            switch self {
            case .agreed: Localized(zh: "调解成功", en: "Agreed")
            case .failed: Localized(zh: "调解未成功", en: "No agreement")
            case .adjourned: Localized(zh: "休会", en: "Adjourned")
            }
        }
    }

    public var heldAt: Date
    public var result: Result
    /// The ladder level the session was held at, when a ladder applies.
    public var level: RegionLevel?
    public var organisationID: Organisation.ID?
    /// Place or online, mode (面对面 / 背对背), attendees, files.
    public var details: SessionDetails?
    public var mediatorID: Mediator.ID?

    public init(
        heldAt: Date, result: Result, level: RegionLevel? = nil, organisationID: Organisation.ID? = nil,
        details: SessionDetails? = nil, mediatorID: Mediator.ID? = nil
    ) {
        self.heldAt = heldAt
        self.result = result
        self.level = level
        self.organisationID = organisationID
        self.details = details
        self.mediatorID = mediatorID
    }
}

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

/// A closed span of time. Stored as its two ends (not `DateInterval`, whose stored duration would not survive the
/// millisecond rounding of the case file's dates, so a replayed case would differ from its snapshot).
public struct TimeSpan: Sendable, Codable, Equatable, Hashable {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    public var interval: DateInterval { DateInterval(start: start, end: max(start, end)) }
}
