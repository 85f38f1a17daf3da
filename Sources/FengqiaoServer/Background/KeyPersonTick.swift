import FengqiaoStore
import Foundation
import Logging

/// The key persons' part of the scheduler's round: each open key-person visit past its due raises its overdue alert
/// once (`KeyPersonRepository.alertOverdue`: a conditional update only one instance wins), written into the
/// person's file, where the grid worker's workspace and the leader's panel show it.
public struct KeyPersonTick: Sendable {
    let repository: KeyPersonRepository

    public init(services: AppServices) {
        repository = KeyPersonRepository(database: services.database, calendars: services.calendars)
    }

    /// Raises what is due at `now`; returns how many alerts this instance raised. A database not yet migrated to
    /// the register has nothing to do.
    @discardableResult
    public func run(at now: Date, logger: Logger) async throws -> Int {
        guard !Task.isCancelled else { return 0 }
        // Shielded from the round's cancellation at shutdown: a database call cancelled while the pool hands it a
        // connection leaves that connection unclosed (AsyncKit); the round is awaited, so it ends before the
        // database closes.
        let repository = repository
        let raised = try await Task { try await repository.alertOverdue(at: now) }.value
        if raised > 0 { logger.info("key-person visits overdue", metadata: ["alerts": "\(raised)"]) }
        return raised
    }
}
