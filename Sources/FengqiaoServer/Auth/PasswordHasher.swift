import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// bcrypt, on threads of its own: at most one hash per core at a time, never on the thread pool that the database
/// connections use, so a flood of sign-ins cannot stall other requests (probed: 200 parallel sign-ins stalled an
/// unrelated API read for 10 s and answered 5xx). Work beyond what the threads can take soon is refused at once
/// with `Saturated` (the caller answers 429 with `Retry-After`) instead of queueing without end.
final class PasswordHasher: Sendable {
    /// The process's hasher: one thread per core.
    static let shared = PasswordHasher(threads: System.coreCount, queuePerThread: 4)

    struct Saturated: Error {
        /// Seconds after which trying again makes sense.
        let retryAfter: Int
    }

    private let pool: NIOThreadPool
    private let capacity: Int
    private let pending = Mutex(0)

    init(threads: Int, queuePerThread: Int) {
        let threads = max(1, threads)
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        capacity = threads * (1 + max(0, queuePerThread))
    }

    /// Whether `password` matches `hash`; a password longer than bcrypt reads (72 bytes) never matches.
    func verify(_ password: String, hash: String) async throws -> Bool {
        try await run { Passwords.verify(password, hash: hash) }
    }

    func hash(_ password: String, cost: UInt8 = Passwords.defaultCost) async throws -> String {
        try await run { Passwords.hash(password, cost: cost) }
    }

    private func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        let admitted = pending.withLock { count in
            guard count < capacity else { return false }
            count += 1
            return true
        }
        guard admitted else { throw Saturated(retryAfter: 5) }
        defer { pending.withLock { $0 -= 1 } }
        return try await pool.runIfActive(work)
    }
}
