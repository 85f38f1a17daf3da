import SQLKit

/// One numbered schema change. Never edit a migration after it has landed: add the next number.
/// Statements are portable DDL with the placeholders of `StoreDialect.ddl` (`{pk}`, `{bytes}`).
struct Migration: Sendable {
    let version: Int
    let name: String
    let statements: [String]
    /// Statements only one engine runs, after the portable ones (full-text search differs most).
    var engineStatements: [DatabaseEngine: [String]] = [:]
    /// Work on the existing rows that SQL alone cannot do (e.g. decoding stored JSON in Swift), in the migration's
    /// transaction, after the statements.
    var backfill: (@Sendable (any SQLDatabase, StoreDialect) async throws -> Void)? = nil
    /// Statements run after the backfill, e.g. indexes that are quicker to build once the rows are filled in.
    var statementsAfterBackfill: [String] = []

    func statements(for engine: DatabaseEngine) -> [String] {
        statements + (engineStatements[engine] ?? [])
    }
}

extension Migration {
    /// Every migration, in order. The last one's number is the schema version this build expects.
    static let all: [Migration] = [
        m0001RegionsOrganisationsPeople,
        m0002Access,
        m0003Cases,
        m0004CaseSearch,
        m0005Categories,
        m0006Files,
        m0007TimeLimits,
        m0008Mediation,
        m0009Open311Keys,
        m0010Outbox,
        m0011QueueIndex,
        m0012CaseMetrics,
        m0013Security,
        m0014CitizenSMS,
        m0016DashboardSettings,
        m0017RequestedMediatorReaders,
        m0018AccountSelfService,
        m0019StructureRetirement,
        m0020MediatorAdministration,
        m0021TimeLimitVersionsAndCalendar,
        m0022RiskWarnings,
        m0023KeyPersonsAndRiskModel,
        m0024Hotspots,
    ]
}
