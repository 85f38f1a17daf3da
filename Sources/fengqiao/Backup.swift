import ArgumentParser
import FengqiaoCore
import FengqiaoStore
import Foundation

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent copy of the SQLite database to FILE, also while the server is serving.",
        discussion: "PostgreSQL: use pg_dump (see docs/OPERATIONS.md).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The backup file to write (it must not exist).") var file: String
    @Flag(help: "Overwrite FILE if it exists.") var replace = false

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let logger = global.makeLogger(configuration)
        try await Console.reportingUserErrors {
            guard case .sqlite(let path) = configuration.database else {
                throw BackupError.postgres(tool: "pg_dump")
            }
            // Opening a missing file would create an empty database and back that up.
            guard FileManager.default.fileExists(atPath: path) else { throw BackupError.missing(path) }
            try await global.withDatabase(configuration, logger: logger) { database in
                let summary = try await DatabaseBackup.backup(database, to: file, replacing: replace)
                Console.say(
                    Localized(
                        zh: "已备份到 \(summary.path)：结构版本 \(summary.schemaVersion)，\(summary.cases) 个案件，"
                            + "\(Self.megabytes(summary.bytes))，完整性检查通过。",
                        en: "Backed up to \(summary.path): schema version \(summary.schemaVersion), "
                            + "\(summary.cases) cases, \(Self.megabytes(summary.bytes)), integrity check passed."))
            }
        }
    }

    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replace the SQLite database with a backup FILE (the server must be stopped).",
        discussion: """
            FILE must be a sound Fengqiao database whose schema is not newer than this build. The database is \
            replaced in one rename: it is the old one or the new one, never a mixture. PostgreSQL: use pg_restore \
            (see docs/OPERATIONS.md).
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The backup file to restore.") var file: String

    func run() async throws {
        let configuration = try global.loadConfiguration()
        try await Console.reportingUserErrors {
            let summary = try await DatabaseBackup.restore(file, to: configuration.database)
            Console.say(
                Localized(
                    zh: "已从 \(file) 恢复到 \(summary.path)：结构版本 \(summary.schemaVersion)，\(summary.cases) 个案件。",
                    en: "Restored \(file) into \(summary.path): schema version \(summary.schemaVersion), "
                        + "\(summary.cases) cases."))
            if summary.schemaVersion < DatabaseBackup.buildSchemaVersion {
                Console.say(
                    Localized(
                        zh: "备份的结构版本较旧：启动服务前请运行 fengqiao migrate。",
                        en: "The backup's schema is older than this build: run fengqiao migrate before serving."))
            }
            Console.say(
                Localized(
                    zh: "建议运行 fengqiao verify 核验案件档案。", en: "Run fengqiao verify to check the case files."))
        }
    }
}
