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
