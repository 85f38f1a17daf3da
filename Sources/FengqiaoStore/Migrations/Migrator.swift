import FengqiaoCore
import Foundation
import SQLKit

/// Where a database's schema stands against what this build expects.
public enum SchemaStatus: Sendable, Equatable {
    case current(version: Int)
    /// Older than this build: `fengqiao migrate` brings it up.
    case behind(current: Int, expected: Int)
    /// Newer than this build: an older binary must not write to it.
    case ahead(current: Int, expected: Int)

    public var isCurrent: Bool {
        if case .current = self { return true }
        return false
    }
}

/// Applies the numbered migrations, each in its own transaction together with its row in `schema_version`.
public struct Migrator: Sendable {
    let database: Database
    let migrations: [Migration]

    public init(database: Database) {
        self.init(database: database, migrations: Migration.all)
    }

    init(database: Database, migrations: [Migration]) {
        self.database = database
        self.migrations = migrations
    }

    public var expectedVersion: Int { migrations.last?.version ?? 0 }

    /// Behind also when a migration numbered below the newest one applied is missing: a migration that landed
    /// after a higher-numbered one had been applied (numbers are reserved for changes under way).
    public func status() async throws -> SchemaStatus {
        let applied = try await appliedVersions()
        let current = applied.max() ?? 0
        if current > expectedVersion { return .ahead(current: current, expected: expectedVersion) }
        if migrations.contains(where: { !applied.contains($0.version) }) {
            return .behind(current: current, expected: expectedVersion)
        }
        return .current(version: current)
    }

    /// The versions applied to the database; none for a database never migrated. Reads only, as `currentVersion`.
    func appliedVersions() async throws -> Set<Int> {
        try await database.withConnection { [dialect = database.dialect] sql in
            guard
                try await sql.raw(dialect.versionTableExists).first()?.decode(column: "present", as: Int.self) == 1
            else { return [] }
            return Set(
                try await sql.raw("SELECT version FROM schema_version").all().map {
                    try $0.decode(column: "version", as: Int.self)
                })
        }
    }

    /// The version the database is at; 0 for a database never migrated. Reads only: readiness probes call this,
    /// and they must not take the write lock.
    public func currentVersion() async throws -> Int {
        try await database.withConnection { [dialect = database.dialect] sql in
            guard
                try await sql.raw(dialect.versionTableExists).first()?.decode(column: "present", as: Int.self) == 1
            else { return 0 }
            return try await sql.raw("SELECT COALESCE(MAX(version), 0) AS v FROM schema_version").first()?
                .decode(column: "v", as: Int.self) ?? 0
        }
    }

    /// Brings the schema up to this build's version and returns the versions applied.
    /// Safe to run from several processes at once: each migration re-checks under the write lock.
    @discardableResult
    public func migrate(now: Date = Date()) async throws -> [Int] {
        try await ensureVersionTable()
        if case .ahead(let current, let expected) = try await status() {
            throw MigrationError.databaseAhead(current: current, expected: expected)
        }
        var applied: [Int] = []
        for migration in migrations {
            let didApply = try await database.transaction { [dialect = database.dialect] sql in
                if let lock = dialect.migrationLock { try await sql.raw(SQLQueryString(lock)).run() }
                let done = try await sql.select().column(SQLLiteral.numeric("1"), as: "one").from("schema_version")
                    .where("version", .equal, migration.version).first()
                if done != nil { return false }
                for statement in migration.statements(for: dialect.engine) {
                    try await sql.raw(SQLQueryString(dialect.ddl(statement))).run()
                }
                try await migration.backfill?(sql, dialect)
                for statement in migration.statementsAfterBackfill {
                    try await sql.raw(SQLQueryString(dialect.ddl(statement))).run()
                }
                try await sql.insert(into: "schema_version")
                    .columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(now.unixMilliseconds))
                    .run()
                return true
            }
            if didApply { applied.append(migration.version) }
        }
        return applied
    }

    /// Creates the version table under the migration lock: PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe
    /// against a concurrent twin without it.
    private func ensureVersionTable() async throws {
        try await database.transaction { [dialect = database.dialect] sql in
            if let lock = dialect.migrationLock { try await sql.raw(SQLQueryString(lock)).run() }
            try await sql.raw(
                """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version BIGINT PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL
                )
                """
            ).run()
        }
    }
}

public enum MigrationError: UserFacingError, Equatable {
    case databaseAhead(current: Int, expected: Int)

    public var code: String { "schema.ahead" }

    public var message: Localized {
        switch self {
        case .databaseAhead(let current, let expected):
            Localized(
                zh: "数据库结构版本（\(current)）比本程序（\(expected)）新：请升级程序，不要降级数据库。",
                en:
                    "The database schema (version \(current)) is newer than this build (\(expected)): upgrade the program."
            )
        }
    }
}

extension Date {
    /// Milliseconds since 1970: how every timestamp is stored, the same on both engines.
    /// Milliseconds since 1970, clamped to ±2^62 so that no date a caller can send (`dueWithinHours=4591964682341`)
    /// traps in the conversion: such a date lies far beyond any stored one and compares as it should.
    public var unixMilliseconds: Int64 {
        let milliseconds = (timeIntervalSince1970 * 1000).rounded()
        guard milliseconds.isFinite else { return milliseconds < 0 ? -(1 << 62) : 1 << 62 }
        return Int64(min(max(milliseconds, -0x1p62), 0x1p62))
    }

    public init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(unixMilliseconds) / 1000)
    }
}
