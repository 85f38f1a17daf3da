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
        let raised = try await repository.alertOverdue(at: now)
        if raised > 0 { logger.info("key-person visits overdue", metadata: ["alerts": "\(raised)"]) }
        return raised
    }
}
