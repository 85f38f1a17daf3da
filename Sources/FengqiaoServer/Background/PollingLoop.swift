import Foundation
import Logging

/// The loop the deadline scheduler and the outbox deliverer run in: one round, then sleep until the next thing
/// falls due (plus 50 ms) or `interval` has passed, whichever is sooner. A failed round is logged as
/// "`name` failed" and retried after `interval`; cancellation ends the loop.
public enum PollingLoop {
    public static func run(
        _ name: String, interval: Duration, logger: Logger, now: @Sendable () -> Date,
        round: () async throws -> Void, nextDue: () async throws -> Date?
    ) async {
        while !Task.isCancelled {
            do {
                try await round()
                var pause = interval
                if let next = try await nextDue() {
                    let wait = max(0.05, next.timeIntervalSince(now()) + 0.05)
                    pause = min(pause, .milliseconds(Int64(wait * 1000)))
                }
                try await Task.sleep(for: pause)
            } catch is CancellationError {
                break
            } catch {
                logger.error("\(name) failed: \(String(describing: error))")
                try? await Task.sleep(for: interval)
            }
        }
    }
}
