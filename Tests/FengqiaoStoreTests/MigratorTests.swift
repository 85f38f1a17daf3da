import FengqiaoCore
import FengqiaoTestSupport
import Testing

@testable import FengqiaoStore

@Suite("Migrator")
struct MigratorTests {
    @Test(
        "a fresh database is behind, migrates to the expected version, and a second run applies nothing",
        arguments: TestEngine.available)
    func migratesFreshDatabase(engine: TestEngine) async throws {
        try await engine.withDatabase(migrated: false) { database in
            let migrator = Migrator(database: database)
            #expect(try await migrator.status() == .behind(current: 0, expected: migrator.expectedVersion))
            let applied = try await migrator.migrate()
            #expect(applied == Migration.all.map(\.version))
            #expect(try await migrator.status() == .current(version: migrator.expectedVersion))
            #expect(try await migrator.migrate().isEmpty)
        }
    }

    @Test("a database migrated by a newer build is reported ahead and refused", arguments: TestEngine.available)
    func detectsDatabaseAhead(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let newer = Migration.all + [Migration(version: 999, name: "from the future", statements: [])]
            try await Migrator(database: database, migrations: newer).migrate()
            let migrator = Migrator(database: database)
            #expect(try await migrator.status() == .ahead(current: 999, expected: migrator.expectedVersion))
            await #expect(throws: MigrationError.databaseAhead(current: 999, expected: migrator.expectedVersion)) {
                try await migrator.migrate()
            }
        }
    }

    @Test(
        "a migration numbered below the newest applied one, landed later, makes the database behind until migrated",
        arguments: TestEngine.available)
    func lateLowerMigrationIsApplied(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let top = try #require(Migration.all.last?.version)
            let later = Migration(version: top + 2, name: "later", statements: ["CREATE TABLE later_one (id BIGINT)"])
            try await Migrator(database: database, migrations: Migration.all + [later]).migrate()
            let between = Migration(
                version: top + 1, name: "between", statements: ["CREATE TABLE between_one (id BIGINT)"])
            let migrator = Migrator(database: database, migrations: Migration.all + [between, later])
            #expect(try await migrator.status() == .behind(current: top + 2, expected: top + 2))
            #expect(try await migrator.migrate() == [top + 1])
            #expect(try await migrator.status() == .current(version: top + 2))
        }
    }

    @Test("a failing migration leaves neither its changes nor its version behind", arguments: TestEngine.available)
    func failedMigrationRollsBack(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let next = Migration.all.last!.version + 1
            let broken =
                Migration.all + [
                    Migration(
                        version: next, name: "broken",
                        statements: ["CREATE TABLE half_done (id BIGINT)", "THIS IS NOT SQL"])
                ]
            await #expect(throws: (any Error).self) {
                try await Migrator(database: database, migrations: broken).migrate()
            }
            let version = try await Migrator(database: database).currentVersion()
            #expect(version == Migration.all.last?.version)
            // The table of the failed migration was rolled back with it, so a fixed migration can create it.
            let fixed =
                Migration.all + [
                    Migration(version: next, name: "fixed", statements: ["CREATE TABLE half_done (id BIGINT)"])
                ]
            let applied = try await Migrator(database: database, migrations: fixed).migrate()
            #expect(applied == [next])
        }
    }

    @Test("several migrators at once apply each migration exactly once", arguments: TestEngine.available)
    func concurrentMigratorsAgree(engine: TestEngine) async throws {
        // On PostgreSQL each migrator has its own pool, as several processes would: waiting for the migration lock
        // then never waits for a connection of a shared pool. SQLite serialises the writers of one process (one file,
        // one `Database`); several processes migrating one SQLite file at once is not a supported set-up.
        try await engine.withDatabase(migrated: false) { shared, open in
            let results = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        if engine == .sqlite { return try await Migrator(database: shared).migrate() }
                        let database = try open()
                        do {
                            let applied = try await Migrator(database: database).migrate()
                            await database.close()
                            return applied
                        } catch {
                            await database.close()
                            throw error
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0 += $1 }
            }
            #expect(results.sorted() == Migration.all.map(\.version))
        }
    }
}
