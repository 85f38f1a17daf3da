import Foundation

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
