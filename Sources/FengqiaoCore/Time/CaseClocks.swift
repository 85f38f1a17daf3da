import Foundation

/// A clock as a person reads it: its limit, when it is due, how much is left (in working time, in words), and its
/// colour.
public struct ClockStatus: Sendable, Codable, Equatable {
    public var kind: ClockKind
    public var limit: TimeLimit
    public var startedAt: Date
    /// When the clock runs out, extensions included; nil while it is paused (the case waits on the citizen).
    public var dueAt: Date?
    /// When the yellow warning applies; nil while paused.
    public var warningAt: Date?
    public var paused: Bool
    public var level: AlertLevel
    /// Seconds left in the limit's own time (working seconds for working limits); negative when overdue.
    public var remaining: TimeInterval
    /// "剩余2个工作日3小时", "已超期5小时", "已暂停（等待群众补充材料），剩余…".
    public var text: Localized

    public init(
        kind: ClockKind, limit: TimeLimit, startedAt: Date, dueAt: Date?, warningAt: Date?, paused: Bool,
        level: AlertLevel, remaining: TimeInterval, text: Localized
    ) {
        self.kind = kind
        self.limit = limit
        self.startedAt = startedAt
        self.dueAt = dueAt
        self.warningAt = warningAt
        self.paused = paused
        self.level = level
        self.remaining = remaining
        self.text = text
    }
}

/// A moment the scheduler must act on: a clock run turning yellow or red.
public struct Deadline: Sendable, Codable, Equatable, Hashable {
    public var kind: ClockKind
    public var level: AlertLevel
    public var clockStartedAt: Date
    public var dueAt: Date

    public init(kind: ClockKind, level: AlertLevel, clockStartedAt: Date, dueAt: Date) {
        self.kind = kind
        self.level = level
        self.clockStartedAt = clockStartedAt
        self.dueAt = dueAt
    }
}

/// Reads a case's clocks against a working calendar. Pure: the time is always a parameter.
public enum CaseClocks {
    /// A running clock with what it needs to be measured.
    struct Run {
        var kind: ClockKind
        var startedAt: Date
        var limit: TimeLimit
        var extensionWorkingDays: Int
    }

    /// The clocks running now: the policy's clocks that have a run going, and the ladder's clock while the case is
    /// unresolved at a level that has a time limit and is not yet exhausted.
    static func runs(of current: Case) -> [Run] {
        guard current.state.isOpen, let limits = current.timing.limits else { return [] }
        var runs: [Run] = []
        for kind in ClockKind.policyClocks {
            guard let run = current.timing.running(kind), let limit = limits.policy.limits[kind] else { continue }
            runs.append(
                Run(kind: kind, startedAt: run.startedAt, limit: limit, extensionWorkingDays: run.extensionWorkingDays))
        }
        if current.state.isUnresolved, let ladder = current.timing.ladder, !ladder.isLastStep,
            ladder.exhausted == nil, let within = ladder.step.within
        {
            runs.append(
                Run(kind: .mediationLevel, startedAt: ladder.stepStartedAt, limit: within, extensionWorkingDays: 0))
        }
        return runs
    }

    /// The pauses that apply to a run: the closed waits on the citizen after it started.
    static func pauses(of current: Case, after start: Date) -> [DateInterval] {
        current.timing.citizenWaits.compactMap { wait in
            guard wait.end > start else { return nil }
            return DateInterval(start: max(wait.start, start), end: wait.end)
        }
    }

    static func dueAt(_ run: Run, pauses: [DateInterval], calendar: WorkingCalendar) -> Date {
        let base = calendar.deadline(for: run.limit, from: run.startedAt, pauses: pauses)
        guard run.extensionWorkingDays > 0 else { return base }
        return calendar.deadline(for: .workingDays(run.extensionWorkingDays), from: base, pauses: pauses)
    }

    static func warningShare(of current: Case) -> Double {
        current.timing.limits?.policy.warningShare ?? 0.75
    }

    /// Every running clock, read at `now`, in `ClockKind` order.
    public static func status(of current: Case, calendar: WorkingCalendar, at now: Date) -> [ClockStatus] {
        let awaiting = current.timing.awaitingCitizenSince
        return runs(of: current).map { run in
            let pauses = pauses(of: current, after: run.startedAt)
            let reading = awaiting.map { min($0, now) } ?? now
            let usage = calendar.usage(of: run.limit, from: run.startedAt, at: reading, pauses: pauses)
            let extra = TimeInterval(run.extensionWorkingDays) * calendar.workingDayLength
            let remaining = usage.total + extra - usage.used
            let words = WorkingTimeText.remaining(
                remaining, working: run.limit.isWorkingTime || extra > 0, dayLength: calendar.workingDayLength)
            if awaiting != nil {
                return ClockStatus(
                    kind: run.kind, limit: run.limit, startedAt: run.startedAt, dueAt: nil, warningAt: nil,
                    paused: true, level: remaining < 0 ? .red : .green, remaining: remaining,
                    text: Localized(
                        zh: "已暂停（等待群众补充材料），\(words.zh)",
                        en: "Paused (waiting for the citizen's information); \(words.en)"))
            }
            let due = dueAt(run, pauses: pauses, calendar: calendar)
            let warning = calendar.point(warningShare(of: current), of: run.limit, from: run.startedAt, pauses: pauses)
            let level: AlertLevel = now >= due ? .red : (now >= warning ? .yellow : .green)
            return ClockStatus(
                kind: run.kind, limit: run.limit, startedAt: run.startedAt, dueAt: due, warningAt: warning,
                paused: false, level: level, remaining: now >= due ? min(remaining, 0) : remaining, text: words)
        }
    }

    /// The alerts still to raise on the running clocks (none while the case waits on the citizen), each once
    /// per clock run and level.
    public static func deadlines(of current: Case, calendar: WorkingCalendar) -> [Deadline] {
        guard current.timing.awaitingCitizenSince == nil else { return [] }
        let fired = Set(
            current.timing.alerts.map { AlertKey(kind: $0.kind, level: $0.level, started: $0.clockStartedAt) })
        var result: [Deadline] = []
        for run in runs(of: current) {
            let pauses = pauses(of: current, after: run.startedAt)
            let due = dueAt(run, pauses: pauses, calendar: calendar)
            let warning = calendar.point(warningShare(of: current), of: run.limit, from: run.startedAt, pauses: pauses)
            let red = AlertKey(kind: run.kind, level: .red, started: run.startedAt)
            let yellow = AlertKey(kind: run.kind, level: .yellow, started: run.startedAt)
            if !fired.contains(red) {
                if !fired.contains(yellow) && warning < due {
                    result.append(
                        Deadline(kind: run.kind, level: .yellow, clockStartedAt: run.startedAt, dueAt: warning))
                }
                result.append(Deadline(kind: run.kind, level: .red, clockStartedAt: run.startedAt, dueAt: due))
            }
        }
        return result
    }

    /// The alerts due at `now`. When a clock is already red, its yellow alert is skipped: one alert says it.
    public static func dueAlerts(of current: Case, calendar: WorkingCalendar, at now: Date) -> [Deadline] {
        let due = deadlines(of: current, calendar: calendar).filter { $0.dueAt <= now }
        return due.filter { alert in
            alert.level == .red
                || !due.contains {
                    $0.kind == alert.kind && $0.clockStartedAt == alert.clockStartedAt && $0.level == .red
                }
        }
    }

    /// The earliest time a running clock runs out (alerted or not): what queues sort by and the overdue list
    /// reads. Nil when no clock runs or the case waits on the citizen.
    public static func nextDue(of current: Case, calendar: WorkingCalendar) -> Date? {
        guard current.timing.awaitingCitizenSince == nil else { return nil }
        return runs(of: current).map { dueAt($0, pauses: pauses(of: current, after: $0.startedAt), calendar: calendar) }
            .min()
    }

    /// The deadline of the latest finish run (extensions included), running or stopped: what 按期办结率 compares
    /// the resolution with.
    public static func finishDeadline(of current: Case, calendar: WorkingCalendar) -> Date? {
        guard let run = current.timing.clocks.last(where: { $0.kind == .finish }),
            let limit = current.timing.limits?.policy.limits[.finish]
        else { return nil }
        let measured = Run(
            kind: .finish, startedAt: run.startedAt, limit: limit, extensionWorkingDays: run.extensionWorkingDays)
        return dueAt(measured, pauses: pauses(of: current, after: run.startedAt), calendar: calendar)
    }

    struct AlertKey: Hashable {
        var kind: ClockKind
        var level: AlertLevel
        var started: Date
    }
}
