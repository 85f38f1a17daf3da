import FengqiaoCore
import FengqiaoTestSupport
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

    // MARK: Leftovers of killed runs

    /// Writes a file of `bytes` bytes at `path`, last modified `age` seconds before the wall clock (not `now`, the
    /// cases' fixed date: the grace period is measured against the real clock).
    private func plant(_ path: String, bytes: Int, age: TimeInterval) throws {
        try Data(repeating: 0x5A, count: bytes).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: path)
    }

    /// What a SIGKILLed run leaves: its partial file and SQLite's side files of it, an hour old.
    private static let killedRunFiles = [
        ".partial-0123abcd": 4096, ".partial-0123abcd-journal": 512, ".partial-89abcdef-wal": 1000,
        ".partial-89abcdef-shm": 32768,
    ]
    private static let killedRunBytes = Int64(killedRunFiles.values.reduce(0, +))

    @Test(
        "a backup first removes what killed backups left beside its destination, and nothing else",
        arguments: TestEngine.available)
    func backupRemovesLeftovers(engine: TestEngine) async throws {
        guard engine == .sqlite else { return }
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let ids = try await makeCases(world, in: database)
            guard case .sqlite(let livePath) = database.location else { return }
            let folder = URL(fileURLWithPath: livePath).deletingLastPathComponent()
            func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
            let destination = path("dest")
            let hour: TimeInterval = 60 * 60

            let leftovers = Self.killedRunFiles.keys.map { "dest" + $0 }
            for (suffix, bytes) in Self.killedRunFiles { try plant(path("dest" + suffix), bytes: bytes, age: hour) }
            // As old, but not this destination's partial files: another database's, or not the pattern exactly.
            let decoys = [
                "other.sqlite.partial-0123abcd", "dest.partial-XYZ", "dest.partial-0123abcd.txt",
                "dest.partial-4567CDEF", "dest.partial-0123abc", "dest.partial-0123abcd-journal.old",
                "xdest.partial-0123abcd", "dest.partial-0123abcd.partial-89abcdef",
            ]
            for name in decoys { try plant(path(name), bytes: 10, age: hour) }
            // The partial file of a backup still running in another process: younger than the grace period.
            let running = "dest.partial-fedcba98"
            try plant(path(running), bytes: 100, age: 5)

            let summary = try await DatabaseBackup.backup(database, to: destination)
            #expect(summary.removedLeftovers == DatabaseBackup.Leftovers(files: 4, bytes: Self.killedRunBytes))
            #expect(summary.cases == ids.count)
            #expect(summary.schemaVersion == DatabaseBackup.buildSchemaVersion)

            let remaining = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
            for name in leftovers { #expect(!remaining.contains(name), "\(name) is a killed run's leftover") }
            for name in decoys { #expect(remaining.contains(name), "\(name) is not a leftover of dest") }
            #expect(remaining.contains(running), "younger than the grace period")
            #expect(remaining.filter { DatabaseBackup.isLeftover($0, of: "dest") } == [running])

            // The backup is whole and sound.
            let inspected = try await DatabaseBackup.inspect(destination)
            #expect(inspected.cases == ids.count)
            #expect(inspected.schemaVersion == DatabaseBackup.buildSchemaVersion)

            // Once the grace period is over (here: none), the other run's partial file goes too.
            let late = DatabaseBackup.removeLeftovers(beside: destination, olderThan: 0)
            #expect(late == DatabaseBackup.Leftovers(files: 1, bytes: 100))
            #expect(!FileManager.default.fileExists(atPath: path(running)))
            #expect(FileManager.default.fileExists(atPath: destination))
        }
    }

    @Test(
        "a restore first removes what killed restores left beside its target, and nothing else",
        arguments: TestEngine.available)
    func restoreRemovesLeftovers(engine: TestEngine) async throws {
        guard engine == .sqlite else { return }
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let ids = try await makeCases(world, in: database)
            guard case .sqlite(let livePath) = database.location else { return }
            let folder = URL(fileURLWithPath: livePath).deletingLastPathComponent()
            func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
            let backupPath = path("backup.sqlite")
            try await DatabaseBackup.backup(database, to: backupPath)
            let targetPath = path("target.sqlite")
            try await DatabaseBackup.restore(backupPath, to: .sqlite(path: targetPath))
            let hour: TimeInterval = 60 * 60

            let leftovers = Self.killedRunFiles.keys.map { "target.sqlite" + $0 }
            for (suffix, bytes) in Self.killedRunFiles {
                try plant(path("target.sqlite" + suffix), bytes: bytes, age: hour)
            }
            let decoys = [
                "backup.sqlite.partial-0123abcd", "other.sqlite.partial-0123abcd", "target.sqlite.partial-XYZ",
                "target.sqlite.partial-0123abcd.txt", "target.sqlite.partial-4567CDEF",
            ]
            for name in decoys { try plant(path(name), bytes: 10, age: hour) }
            let running = "target.sqlite.partial-fedcba98"
            try plant(path(running), bytes: 100, age: 5)

            let summary = try await DatabaseBackup.restore(backupPath, to: .sqlite(path: targetPath))
            #expect(summary.removedLeftovers == DatabaseBackup.Leftovers(files: 4, bytes: Self.killedRunBytes))
            #expect(summary.cases == ids.count)

            let remaining = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
            for name in leftovers { #expect(!remaining.contains(name), "\(name) is a killed run's leftover") }
            for name in decoys + ["backup.sqlite"] { #expect(remaining.contains(name), "\(name) must stay") }
            #expect(remaining.contains(running), "younger than the grace period")
            #expect(remaining.filter { DatabaseBackup.isLeftover($0, of: "target.sqlite") } == [running])

            // The restored database is whole and sound.
            let restored = try Database.open(.sqlite(path: targetPath))
            let count = try await CaseRepository(database: restored).count()
            let report = try await CaseChainVerifier(database: restored).verifyAll()
            await restored.close()
            #expect(count == ids.count)
            #expect(report.casesChecked == ids.count && report.problems.isEmpty)

            // With no grace period, a restore removes every leftover, however young.
            try await DatabaseBackup.restore(backupPath, to: .sqlite(path: targetPath), leftoverGrace: 0)
            #expect(!FileManager.default.fileExists(atPath: path(running)))
        }
    }

    @Test("leftovers are <name>.partial-<8 lowercase hex>[-journal|-wal|-shm] regular files past the grace period")
    func leftoverPattern() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fengqiao-leftovers-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let hour: TimeInterval = 60 * 60

        for (suffix, bytes) in Self.killedRunFiles { try plant(path("dest" + suffix), bytes: bytes, age: hour) }
        let decoys = [
            "dest", "dest-journal", "dest-wal", "dest-shm", "other.sqlite.partial-0123abcd", "dest.partial-XYZ",
            "dest.partial-0123abcd.txt", "dest.partial-4567CDEF", "dest.partial-0123abc", "dest.partial-0123abcd0",
            "dest.partial-0123abcd-", "dest.partial-0123abcd-wal-shm", "dest.partial-", "dest.partial-0123abcd ",
            "Dest.partial-76543210",
        ]
        for name in decoys { try plant(path(name), bytes: 10, age: hour) }
        // Not regular files: a folder and a symbolic link with a leftover's name stay, and so does what it points to.
        let files = FileManager.default
        try files.createDirectory(atPath: path("dest.partial-deadbeef"), withIntermediateDirectories: false)
        try files.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-hour)], ofItemAtPath: path("dest.partial-deadbeef"))
        try plant(path("linked"), bytes: 10, age: hour)
        try files.createSymbolicLink(atPath: path("dest.partial-cafebabe"), withDestinationPath: path("linked"))
        let young = "dest.partial-fedcba98-journal"
        try plant(path(young), bytes: 7, age: 60)

        let removed = DatabaseBackup.removeLeftovers(beside: path("dest"))
        #expect(removed == DatabaseBackup.Leftovers(files: 4, bytes: Self.killedRunBytes))
        let expected = Set(decoys + ["dest.partial-deadbeef", "linked", "dest.partial-cafebabe", young])
        #expect(Set(try files.contentsOfDirectory(atPath: folder.path)) == expected)

        // An hour later, with a grace period of half an hour, the young one is old enough.
        let later = DatabaseBackup.removeLeftovers(
            beside: path("dest"), olderThan: 30 * 60, now: Date().addingTimeInterval(hour))
        #expect(later == DatabaseBackup.Leftovers(files: 1, bytes: 7))
        #expect(Set(try files.contentsOfDirectory(atPath: folder.path)) == expected.subtracting([young]))
        #expect(
            DatabaseBackup.removeLeftovers(beside: path("missing-folder/dest"), olderThan: 0)
                == DatabaseBackup.Leftovers())

        // Names compared byte for byte (file systems may ignore case; the pattern does not).
        #expect(DatabaseBackup.isLeftover("dest.partial-0123abcd-wal", of: "dest"))
        #expect(!DatabaseBackup.isLeftover("dest.partial-0123ABCD", of: "dest"))
        #expect(!DatabaseBackup.isLeftover("Dest.partial-0123abcd", of: "dest"))
        #expect(!DatabaseBackup.isLeftover("dest.partial-0123abcd-WAL", of: "dest"))

        // What a run writes is what a later run removes.
        let partial = URL(fileURLWithPath: DatabaseBackup.partialPath(beside: path("dest"))).lastPathComponent
        #expect(DatabaseBackup.isLeftover(partial, of: "dest"))
        for suffix in ["-journal", "-wal", "-shm"] { #expect(DatabaseBackup.isLeftover(partial + suffix, of: "dest")) }
    }
}
