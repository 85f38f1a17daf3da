import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// bcrypt, on threads of its own: never on the thread pool that the database connections use, so a flood of
/// sign-ins cannot stall other requests (probed: 200 parallel sign-ins stalled an unrelated API read for 10 s and
/// answered 5xx). Each application owns one (`AppServices.passwords`) and admits at most `capacity` checks at a
/// time, one running per core and a few waiting; work beyond that is refused at once with `Saturated` (the caller
/// answers 429 with `Retry-After`) instead of queueing without end.
///
/// The admission count belongs to the application, not the process: a test process runs many applications at once,
/// and one application's burst of sign-ins must not refuse another's (a process-wide count did, at random). The
/// threads themselves are the process's (`PasswordHasher.threads`, one per core, started once), so applications
/// built and dropped by the hundred in tests start and stop none.
public final class PasswordHasher: Sendable {
    struct Saturated: Error {
        /// Seconds after which trying again makes sense.
        let retryAfter: Int
    }

    /// The bcrypt threads every hasher in the process runs on: one per core.
    private static let threads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(1, System.coreCount))
        pool.start()
        return pool
    }()

    /// How many checks this hasher admits at once (running and waiting).
    let capacity: Int
    private let pending = Mutex(0)

    /// A hasher admitting one running check per core and `queuePerCore` waiting behind each.
    public convenience init(queuePerCore: Int = 4) {
        self.init(capacity: max(1, System.coreCount) * (1 + max(0, queuePerCore)))
    }

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Whether `password` matches `hash`; a password longer than bcrypt reads (72 bytes) never matches.
    func verify(_ password: String, hash: String) async throws -> Bool {
        try await run { Passwords.verify(password, hash: hash) }
    }

    func hash(_ password: String, cost: UInt8 = Passwords.defaultCost) async throws -> String {
        try await run { Passwords.hash(password, cost: cost) }
    }

    /// Takes one place, or refuses with `Saturated` when all `capacity` are taken. The caller gives it back with
    /// `release()`.
    func admit() throws {
        let admitted = pending.withLock { count in
            guard count < capacity else { return false }
            count += 1
            return true
        }
        guard admitted else { throw Saturated(retryAfter: 5) }
    }

    func release() {
        pending.withLock { $0 -= 1 }
    }

    private func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        try admit()
        defer { release() }
        return try await Self.threads.runIfActive(work)
    }
}
