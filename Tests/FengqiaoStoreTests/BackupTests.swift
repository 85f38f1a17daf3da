import FengqiaoCore
import Foundation
import SQLKit
import Testing

@testable import FengqiaoStore

@Suite("Backup and restore")
struct BackupTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// Three cases, one of them assessed and dispatched: several events each, organisations, search text.
    private func makeCases(_ world: CaseWorld, in database: Database) async throws -> [Case.ID] {
        let cases = CaseRepository(database: database)
        var ids: [Case.ID] = []
        for index in 0..<3 {
            let created = try await cases.create(
                world.intake(title: "备份测试案件\(index)"), idempotencyKey: "backup-\(index)",
                receivingCenter: world.center.id, by: world.desk, at: now, trackingCode: "BKUPCODE2\(index)")
            ids.append(created.case.id)
        }
        _ = try await cases.act(
            .assess(categoryCode: nil, urgency: .urgent, difficulty: .simple, competentLevel: .township),
            on: ids[1], expectedVersion: nil, by: world.desk, at: now)
        _ = try await cases.act(
            .dispatch(lead: world.department.id, assisting: [], whistle: nil), on: ids[1], expectedVersion: nil,
            by: world.desk, at: now)
        return ids
    }

    @Test(
        "a backup taken during a write holds every committed case and none of the unfinished one, and restores whole",
        arguments: TestEngine.available)
    func roundTrip(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let ids = try await makeCases(world, in: database)
            guard case .sqlite(let livePath) = database.location else {
                await #expect(throws: BackupError.postgres(tool: "pg_dump")) {
                    try await DatabaseBackup.backup(database, to: "unused.sqlite")
                }
                await #expect(throws: BackupError.postgres(tool: "pg_restore")) {
                    try await DatabaseBackup.restore("unused.sqlite", to: database.location)
                }
                return
            }
            let folder = URL(fileURLWithPath: livePath).deletingLastPathComponent()
            let backupPath = folder.appendingPathComponent("backup.sqlite").path
            let restoredPath = folder.appendingPathComponent("restored/fengqiao.sqlite").path

            // A write transaction that has inserted a case and not yet committed while the backup runs,
            // from a second handle on the same file, as `fengqiao backup` would from another process.
            let (inside, insideSignal) = AsyncStream<Void>.makeStream()
            let (release, releaseSignal) = AsyncStream<Void>.makeStream()
            let cases = CaseRepository(database: database)
            let writer = Task {
                try await cases.write { writer in
                    let created = try await writer.create(
                        world.intake(title: "备份进行中登记的案件"), idempotencyKey: "in-flight",
                        receivingCenter: world.center.id, by: world.desk, at: now, trackingCode: "BKUPCODE29")
                    insideSignal.yield()
                    for await _ in release { break }
                    return created.case.id
                }
            }
            for await _ in inside { break }
            let other = try Database.open(.sqlite(path: livePath))
            let summary: DatabaseBackup.Summary
            do {
                summary = try await DatabaseBackup.backup(other, to: backupPath)
                await other.close()
            } catch {
                await other.close()
                releaseSignal.yield()
                throw error
            }
            releaseSignal.yield()
            let inFlight = try await writer.value
            #expect(summary.cases == ids.count)
            #expect(summary.schemaVersion == DatabaseBackup.buildSchemaVersion)
            #expect(try await cases.find(id: inFlight) != nil)

            await #expect(throws: BackupError.destinationExists(backupPath)) {
                try await DatabaseBackup.backup(database, to: backupPath)
            }

            let restoredSummary = try await DatabaseBackup.restore(backupPath, to: .sqlite(path: restoredPath))
            #expect(restoredSummary.cases == ids.count)
            let restored = try Database.open(.sqlite(path: restoredPath))
            do {
                let restoredCases = CaseRepository(database: restored)
                #expect(try await Migrator(database: restored).status().isCurrent)
                #expect(try await restoredCases.count() == ids.count)
                #expect(try await restoredCases.find(id: inFlight) == nil)
                for id in ids {
                    let original = try #require(try await cases.find(id: id))
                    #expect(try await restoredCases.find(id: id) == original)
                    #expect(try await restoredCases.events(of: id) == (try await cases.events(of: id)))
                }
                #expect(
                    try await restoredCases.find(id: ids[1])?.version == 5,
                    "registered, time limits, assessed (urgent: the urgent policy applies), dispatched")
                let report = try await CaseChainVerifier(database: restored).verifyAll()
                #expect(report.casesChecked == ids.count && report.problems.isEmpty)

                // Restoring over a database someone has open is refused, and leaves it as it was.
                await #expect(throws: BackupError.inUse(restoredPath)) {
                    try await DatabaseBackup.restore(backupPath, to: .sqlite(path: restoredPath))
                }
                #expect(try await restoredCases.count() == ids.count)
            } catch {
                await restored.close()
                throw error
            }
            await restored.close()
        }
    }

    @Test("restoring over a closed database replaces it, WAL files and all", arguments: TestEngine.available)
    func restoreOverExisting(engine: TestEngine) async throws {
        guard engine == .sqlite else { return }
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let ids = try await makeCases(world, in: database)
            guard case .sqlite(let livePath) = database.location else { return }
            let folder = URL(fileURLWithPath: livePath).deletingLastPathComponent()
            let backupPath = folder.appendingPathComponent("before.sqlite").path
            try await DatabaseBackup.backup(database, to: backupPath)

            // A second database, changed after the backup and closed, is what gets replaced.
            let targetPath = folder.appendingPathComponent("target.sqlite").path
            try await DatabaseBackup.restore(backupPath, to: .sqlite(path: targetPath))
            let target = try Database.open(.sqlite(path: targetPath))
            _ = try await CaseRepository(database: target).create(
                world.intake(title: "备份之后的案件"), idempotencyKey: "after", receivingCenter: world.center.id,
                by: world.desk, at: now, trackingCode: "BKUPCODE28")
            #expect(try await CaseRepository(database: target).count() == ids.count + 1)
            await target.close()

            try await DatabaseBackup.restore(backupPath, to: .sqlite(path: targetPath))
            #expect(!FileManager.default.fileExists(atPath: targetPath + "-wal"))
            let reopened = try Database.open(.sqlite(path: targetPath))
            let count = try await CaseRepository(database: reopened).count()
            let report = try await CaseChainVerifier(database: reopened).verifyAll()
            await reopened.close()
            #expect(count == ids.count)
            #expect(report.problems.isEmpty)
        }
    }

    @Test("restore refuses files that are not a sound Fengqiao database of this build", arguments: TestEngine.available)
    func restoreRefusesBadFiles(engine: TestEngine) async throws {
        guard engine == .sqlite else { return }
        try await engine.withDatabase { database in
            guard case .sqlite(let livePath) = database.location else { return }
            let folder = URL(fileURLWithPath: livePath).deletingLastPathComponent()
            let target = DatabaseLocation.sqlite(path: folder.appendingPathComponent("target.sqlite").path)

            let missing = folder.appendingPathComponent("missing.sqlite").path
            await #expect(throws: BackupError.missing(missing)) {
                try await DatabaseBackup.restore(missing, to: target)
            }

            let text = folder.appendingPathComponent("notes.txt").path
            try Data("这不是数据库 / not a database".utf8).write(to: URL(fileURLWithPath: text))
            await #expect(throws: BackupError.notSQLite(text)) { try await DatabaseBackup.restore(text, to: target) }

            let foreign = folder.appendingPathComponent("foreign.sqlite").path
            try await DatabaseBackup.withSQLite(foreign, readOnly: false) { sql in
                try await sql.raw("CREATE TABLE notes (body TEXT)").run()
            }
            await #expect(throws: BackupError.notFengqiao(foreign)) {
                try await DatabaseBackup.restore(foreign, to: target)
            }

            let newer = folder.appendingPathComponent("newer.sqlite").path
            try await DatabaseBackup.backup(database, to: newer)
            let future = DatabaseBackup.buildSchemaVersion + 1
            try await DatabaseBackup.withSQLite(newer, readOnly: false) { sql in
                try await sql.raw(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (\(bind: future), 'future', 0)"
                ).run()
            }
            await #expect(throws: BackupError.newerSchema(file: future, build: DatabaseBackup.buildSchemaVersion)) {
                try await DatabaseBackup.restore(newer, to: target)
            }
            guard case .sqlite(let targetPath) = target else { return }
            #expect(!FileManager.default.fileExists(atPath: targetPath))
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
                $0.contains(".partial-")
            }
            #expect(leftovers.isEmpty)
        }
    }
}
