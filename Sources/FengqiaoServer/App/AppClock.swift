import Foundation

/// The time, read in one place. `serve` and the commands use the system clock; tests may fix it. A request reads
/// it once (`AppRequestContext.now`, set by `RequestClockMiddleware`), so everything one request decides, records
/// and shows happens at the same instant; background work (the scheduler, the outbox) reads it per round.
public struct AppClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) { self.read = read }

    /// The machine's clock: the only `Date()` of the server.
    public static let system = AppClock { Date() }

    /// A clock that always says `date`.
    public static func fixed(_ date: Date) -> AppClock { AppClock { date } }

    public func now() -> Date { read() }
}
