import FengqiaoCore
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Consistent copies of a SQLite database, and putting one back (`fengqiao backup` / `fengqiao restore`).
///
/// A backup is `VACUUM INTO` on one connection: it reads one snapshot (WAL readers never wait for the writer, and the
/// writer never waits for them), so it runs while the server serves. The copy is written beside the destination,
/// flushed to disk, checked (`PRAGMA integrity_check`, the `schema_version` table), and only then renamed into place.
///
/// A restore checks the file the same way, refuses a schema newer than this build knows, refuses while anyone has the
/// target open (it must get SQLite's exclusive lock), then writes a clean copy beside the target, removes the target's
/// stale `-wal` and `-shm` files and renames the copy over it: the target is the old database or the new one, never
/// half of each. PostgreSQL has standard tools for both (`pg_dump`, `pg_restore`); these stop with a message naming them.
///
/// A run that is killed (SIGKILL, power cut) never reaches its clean-up, so its partial file
/// (`<name>.partial-<8 hex>`) and SQLite's side files of it stay beside the destination. Each backup and restore first
/// removes those older than a grace period (`removeLeftovers(beside:olderThan:now:)`), so they do not pile up.
public enum DatabaseBackup {
    /// The schema version this build writes and reads: a backup newer than this is refused.
    public static var buildSchemaVersion: Int { Migration.all.last?.version ?? 0 }

    /// What was found in a database file.
    public struct Summary: Sendable, Equatable {
        public let path: String
        public let schemaVersion: Int
        public let cases: Int
        public let bytes: Int64
        /// What killed earlier runs had left beside the destination (backup) or target (restore), removed first.
        public var removedLeftovers: Leftovers = Leftovers()
    }

    /// Files a killed backup or restore left behind, and their total size.
    public struct Leftovers: Sendable, Equatable {
        public var files: Int
        public var bytes: Int64

        public init(files: Int = 0, bytes: Int64 = 0) {
            self.files = files
            self.bytes = bytes
        }
    }

    /// How old a leftover partial file must be before a later run removes it: a run in progress (in another process)
    /// keeps its partial file younger than this, and it must not be pulled from under it.
    public static let leftoverGracePeriod: TimeInterval = 10 * 60

    /// Writes a consistent copy of `database` to `destination`, which must not exist unless `replacing` is set.
    /// First removes what killed runs left beside `destination` (partial files older than `leftoverGrace`).
    @discardableResult
    public static func backup(
        _ database: Database, to destination: String, replacing: Bool = false,
        leftoverGrace: TimeInterval = DatabaseBackup.leftoverGracePeriod,
        logger: Logger = Logger(label: "fengqiao.backup")
    ) async throws
        -> Summary
    {
        guard database.engine == .sqlite else { throw BackupError.postgres(tool: "pg_dump") }
        if FileManager.default.fileExists(atPath: destination) && !replacing {
            throw BackupError.destinationExists(destination)
        }
        let removed = removeLeftovers(beside: destination, olderThan: leftoverGrace)
        logRemoved(removed, beside: destination, logger: logger)
        let partial = partialPath(beside: destination)
        do {
            try await database.withConnection { sql in
                try await sql.raw("VACUUM INTO \(bind: partial)").run()
            }
            try flush(partial)
            let summary = try await inspect(partial)
            try rename(partial, over: destination)
            return Summary(
                path: destination, schemaVersion: summary.schemaVersion, cases: summary.cases, bytes: summary.bytes,
                removedLeftovers: removed)
        } catch {
            removePartial(partial)
            throw error
        }
    }

    /// Checks that `path` is a sound Fengqiao SQLite database this build can read, without changing it.
    public static func inspect(_ path: String) async throws -> Summary {
        guard FileManager.default.fileExists(atPath: path) else { throw BackupError.missing(path) }
        guard isSQLiteFile(path) else { throw BackupError.notSQLite(path) }
        let summary = try await withSQLite(path, readOnly: true) { sql in
            let verdict = try await sql.raw("PRAGMA integrity_check").all().map { row in
                try row.decode(column: "integrity_check", as: String.self)
            }
            guard verdict == ["ok"] else {
                throw BackupError.damaged(path, detail: verdict.prefix(5).joined(separator: "; "))
            }
            let hasVersion = try await sql.raw(
                "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
            ).first(decodingColumn: "n", as: Int.self)
            guard hasVersion == 1 else { throw BackupError.notFengqiao(path) }
            let version =
                try await sql.raw("SELECT COALESCE(MAX(version), 0) AS v FROM schema_version").first(
                    decodingColumn: "v", as: Int.self) ?? 0
            guard version > 0 else { throw BackupError.notFengqiao(path) }
            let hasCases = try await sql.raw(
                "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'cases'"
            ).first(decodingColumn: "n", as: Int.self)
            let cases =
                hasCases == 1
                ? try await sql.raw("SELECT COUNT(*) AS n FROM cases").first(decodingColumn: "n", as: Int.self) ?? 0
                : 0
            return (version, cases)
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        return Summary(path: path, schemaVersion: summary.0, cases: summary.1, bytes: bytes)
    }

    /// Replaces the database at `target` with the backup at `source`. Refuses a file that is not a sound Fengqiao
    /// database, one whose schema is newer than this build, and a target that anyone has open. First removes what
    /// killed runs left beside the target (partial files older than `leftoverGrace`).
    @discardableResult
    public static func restore(
        _ source: String, to target: DatabaseLocation,
        leftoverGrace: TimeInterval = DatabaseBackup.leftoverGracePeriod,
        logger: Logger = Logger(label: "fengqiao.backup")
    ) async throws -> Summary {
        guard case .sqlite(let targetPath) = target else { throw BackupError.postgres(tool: "pg_restore") }
        let summary = try await inspect(source)
        guard summary.schemaVersion <= buildSchemaVersion else {
            throw BackupError.newerSchema(file: summary.schemaVersion, build: buildSchemaVersion)
        }
        let folder = URL(fileURLWithPath: targetPath).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let removed = removeLeftovers(beside: targetPath, olderThan: leftoverGrace)
        logRemoved(removed, beside: targetPath, logger: logger)
        let partial = partialPath(beside: targetPath)
        do {
            // A clean, self-contained copy (whatever journal the backup file had) beside the target, on the same
            // file system, so that the final rename is atomic.
            try await withSQLite(source, readOnly: true) { sql in
                try await sql.raw("VACUUM INTO \(bind: partial)").run()
            }
            try flush(partial)
            try await ensureUnused(targetPath)
            for suffix in ["-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: targetPath + suffix)
            }
            try rename(partial, over: targetPath)
        } catch {
            removePartial(partial)
            throw error
        }
        return Summary(
            path: targetPath, schemaVersion: summary.schemaVersion, cases: summary.cases, bytes: summary.bytes,
            removedLeftovers: removed)
    }

    // MARK: Leftovers of killed runs

    /// SQLite's side files of a database file, which a killed `VACUUM INTO` may leave beside its partial file.
    static let sideFileSuffixes = ["-journal", "-wal", "-shm"]

    /// Removes what killed backups or restores left beside `path`: regular files in its folder named
    /// `<name of path>.partial-<8 lowercase hex digits>`, optionally followed by `-journal`, `-wal` or `-shm`, whose
    /// modification time is at least `grace` seconds before `now`. Nothing else is touched: not `path` itself, not
    /// its own side files, not other databases' partial files. Files that cannot be read or removed are skipped.
    /// Returns how many files were removed and their total size.
    @discardableResult
    public static func removeLeftovers(
        beside path: String, olderThan grace: TimeInterval = DatabaseBackup.leftoverGracePeriod, now: Date = Date()
    ) -> Leftovers {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        let folder = url.deletingLastPathComponent().path
        let files = FileManager.default
        guard !name.isEmpty, let entries = try? files.contentsOfDirectory(atPath: folder) else { return Leftovers() }
        var removed = Leftovers()
        for entry in entries where isLeftover(entry, of: name) {
            let leftover = URL(fileURLWithPath: folder).appendingPathComponent(entry).path
            // attributesOfItem does not follow symbolic links: only the regular files a run writes are removed.
            guard let attributes = try? files.attributesOfItem(atPath: leftover),
                (attributes[.type] as? FileAttributeType) == FileAttributeType.typeRegular,
                let modified = attributes[.modificationDate] as? Date,
                now.timeIntervalSince(modified) >= grace
            else { continue }
            let bytes = (attributes[.size] as? NSNumber)?.int64Value ?? 0
            guard (try? files.removeItem(atPath: leftover)) != nil else { continue }
            removed.files += 1
            removed.bytes += bytes
        }
        return removed
    }

    /// Whether the file name `entry` is a partial file of `name` (see `partialPath(beside:)`) or one of SQLite's side
    /// files of it. Compared byte by byte, so no Unicode normalisation makes another file match.
    static func isLeftover(_ entry: String, of name: String) -> Bool {
        let prefix = Array((name + ".partial-").utf8)
        let bytes = Array(entry.utf8)
        guard bytes.count >= prefix.count + 8, bytes.starts(with: prefix) else { return false }
        let isLowercaseHex: (UInt8) -> Bool = { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): true
            default: false
            }
        }
        guard bytes[prefix.count..<prefix.count + 8].allSatisfy(isLowercaseHex) else { return false }
        let suffix = Array(bytes[(prefix.count + 8)...])
        return suffix.isEmpty || sideFileSuffixes.contains { Array($0.utf8) == suffix }
    }

    private static func logRemoved(_ removed: Leftovers, beside path: String, logger: Logger) {
        guard removed.files > 0 else { return }
        logger.notice(
            "Removed files left by killed backup or restore runs",
            metadata: ["beside": "\(path)", "files": "\(removed.files)", "bytes": "\(removed.bytes)"])
    }

    /// A failed run's partial file and SQLite's side files of it.
    static func removePartial(_ partial: String) {
        for suffix in [""] + sideFileSuffixes {
            try? FileManager.default.removeItem(atPath: partial + suffix)
        }
    }

    // MARK: Files

    /// Takes SQLite's exclusive lock on `path` without waiting, and lets it go: the lock is refused while any
    /// connection (a server, a `fengqiao` command, another tool) has the database open in WAL mode. Closing the last
    /// connection also folds the WAL back into the file.
    static func ensureUnused(_ path: String) async throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            try await withSQLite(path, readOnly: false) { sql in
                try await sql.raw("PRAGMA busy_timeout = 0").run()
                try await sql.raw("PRAGMA locking_mode = EXCLUSIVE").run()
                try await sql.raw("BEGIN EXCLUSIVE").run()
                try await sql.raw("COMMIT").run()
            }
        } catch  where Database.isBusy(error) {
            throw BackupError.inUse(path)
        }
    }

    /// Opens one plain connection (none of the pool's pragmas: nothing about the file is changed), runs `body`,
    /// and closes it.
    static func withSQLite<T: Sendable>(
        _ path: String, readOnly: Bool, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        let url = URL(fileURLWithPath: path).absoluteString + (readOnly ? "?mode=ro" : "")
        let connection = try await SQLiteConnection.open(
            storage: .file(path: url), threadPool: .singleton, logger: Logger(label: "fengqiao.backup"),
            on: MultiThreadedEventLoopGroup.singleton.any())
        do {
            let result = try await body(connection.sql())
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Whether the file starts with SQLite's 16-byte header.
    static func isSQLiteFile(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        return header == Data("SQLite format 3\0".utf8)
    }

    /// `<path>.partial-<8 lowercase hex digits>`: the pattern `removeLeftovers(beside:olderThan:now:)` looks for.
    static func partialPath(beside path: String) -> String {
        path + ".partial-" + UUID().uuidString.lowercased().prefix(8)
    }

    /// SQLite does not flush the file `VACUUM INTO` writes; this does, before it is renamed into place.
    static func flush(_ path: String) throws {
        guard let handle = FileHandle(forUpdatingAtPath: path) else { throw BackupError.missing(path) }
        defer { try? handle.close() }
        try handle.synchronize()
    }

    /// Atomically puts `partial` at `path` (replacing what was there) and flushes the folder so the rename survives
    /// a power cut.
    static func rename(_ partial: String, over path: String) throws {
        guard Foundation.rename(partial, path) == 0 else {
            throw BackupError.cannotWrite(path, detail: String(cString: strerror(errno)))
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let descriptor = open(folder, O_RDONLY)
        if descriptor >= 0 {
            _ = fsync(descriptor)
            _ = close(descriptor)
        }
    }
}

public enum BackupError: UserFacingError, Equatable {
    /// PostgreSQL: the standard tools do this better; `tool` is the one to use.
    case postgres(tool: String)
    case destinationExists(String)
    case missing(String)
    case notSQLite(String)
    case notFengqiao(String)
    case damaged(String, detail: String)
    case newerSchema(file: Int, build: Int)
    case inUse(String)
    case cannotWrite(String, detail: String)

    public var code: String {
        switch self {
        case .postgres: "backup.postgres"
        case .destinationExists: "backup.destination_exists"
        case .missing: "backup.missing"
        case .notSQLite: "backup.not_sqlite"
        case .notFengqiao: "backup.not_fengqiao"
        case .damaged: "backup.damaged"
        case .newerSchema: "backup.newer_schema"
        case .inUse: "backup.in_use"
        case .cannotWrite: "backup.cannot_write"
        }
    }

    public var message: Localized {
        switch self {
        case .postgres(let tool):
            tool == "pg_dump"
                ? Localized(
                    zh:
                        "PostgreSQL 数据库请用 pg_dump 备份，例如：pg_dump -Fc -f fengqiao.dump \"$FENGQIAO_DATABASE_URL\"（见 docs/OPERATIONS.md）。",
                    en: "Back up a PostgreSQL database with pg_dump, e.g. pg_dump -Fc -f fengqiao.dump "
                        + "\"$FENGQIAO_DATABASE_URL\" (see docs/OPERATIONS.md).")
                : Localized(
                    zh:
                        "PostgreSQL 数据库请用 pg_restore 恢复，例如：pg_restore --clean --if-exists -d \"$FENGQIAO_DATABASE_URL\" fengqiao.dump（见 docs/OPERATIONS.md）。",
                    en: "Restore a PostgreSQL database with pg_restore, e.g. pg_restore --clean --if-exists -d "
                        + "\"$FENGQIAO_DATABASE_URL\" fengqiao.dump (see docs/OPERATIONS.md).")
        case .destinationExists(let path):
            Localized(
                zh: "备份文件 \(path) 已存在；请换一个文件名，或加 --replace 覆盖。",
                en: "The backup file \(path) exists; choose another name, or add --replace to overwrite it.")
        case .missing(let path):
            Localized(zh: "找不到文件 \(path)。", en: "No such file: \(path).")
        case .notSQLite(let path):
            Localized(zh: "\(path) 不是 SQLite 数据库文件。", en: "\(path) is not a SQLite database file.")
        case .notFengqiao(let path):
            Localized(
                zh: "\(path) 不是枫桥数据库（没有 schema_version 表）。",
                en: "\(path) is not a Fengqiao database (it has no schema_version table).")
        case .damaged(let path, let detail):
            Localized(
                zh: "\(path) 已损坏（完整性检查未通过：\(detail)）。",
                en: "\(path) is damaged (the integrity check failed: \(detail)).")
        case .newerSchema(let file, let build):
            Localized(
                zh: "备份的数据库结构版本（\(file)）比本程序（\(build)）新：请用更新的程序恢复。",
                en:
                    "The backup's schema (version \(file)) is newer than this build (\(build)): restore it with a newer "
                    + "program.")
        case .inUse(let path):
            Localized(
                zh: "数据库 \(path) 正在使用中（服务或其他程序打开了它）。请先停止服务再恢复。",
                en: "The database \(path) is in use (the server or another program has it open). Stop the server "
                    + "before restoring.")
        case .cannotWrite(let path, let detail):
            Localized(zh: "无法写入 \(path)：\(detail)", en: "Cannot write \(path): \(detail)")
        }
    }
}
