import ArgumentParser
import FengqiaoCore
import FengqiaoServer
import FengqiaoStore
import Foundation
import Logging

/// Options every subcommand takes, and the start-up steps they share.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "A configuration file of KEY=VALUE lines (default: $FENGQIAO_CONFIG).")
    var config: String?

    /// Reads the configuration, or stops with a message naming the bad value (exit code 78, EX_CONFIG).
    func loadConfiguration() throws -> AppConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let path = config ?? environment["FENGQIAO_CONFIG"]
        do throws(ConfigurationError) {
            var fileText: String?
            if let path {
                do {
                    fileText = try String(contentsOfFile: path, encoding: .utf8)
                } catch {
                    throw ConfigurationError(
                        key: "FENGQIAO_CONFIG", value: path,
                        reason: Localized(zh: "无法读取该文件。", en: "the file cannot be read."))
                }
            }
            return try AppConfiguration.load(environment: environment, file: fileText)
        } catch {
            Console.fail(error.message)
            throw ExitCode(78)
        }
    }

    /// Bootstraps logging once, at the configured level and format (`FENGQIAO_LOG_FORMAT`), to standard error.
    func makeLogger(_ configuration: AppConfiguration) -> Logger {
        RequestLogContext.bootstrap(configuration.logFormat)
        var logger = Logger(label: "fengqiao")
        logger.logLevel = configuration.logLevel
        return logger
    }

    /// Runs `body` with the services of the configured database, which must be at this build's schema version;
    /// user-facing errors become a message and exit code 1.
    func withServices(_ body: (AppServices) async throws -> Void) async throws {
        let configuration = try loadConfiguration()
        let logger = makeLogger(configuration)
        try await withDatabase(configuration, logger: logger) { database in
            try await Console.reportingUserErrors {
                let services = AppServices(configuration: configuration, database: database)
                guard try await services.migrator.status().isCurrent else {
                    Console.fail(Localized(zh: "请先运行 fengqiao migrate。", en: "Run fengqiao migrate first."))
                    throw ExitCode.failure
                }
                // The calendar years administrators uploaded apply to every command's clocks.
                try await services.loadCalendar()
                // The access-log entries the command recorded (an export's) are written before it exits.
                do {
                    try await body(services)
                } catch {
                    try? await services.accessLog.flush()
                    throw error
                }
                try await services.accessLog.flush()
            }
        }
    }

    /// Opens the configured database, runs `body` with it, and closes it whatever happens.
    func withDatabase<T>(
        _ configuration: AppConfiguration, logger: Logger, _ body: (Database) async throws -> T
    ) async throws -> T {
        let database = try await openDatabase(configuration, logger: logger)
        do {
            let result = try await body(database)
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }

    /// Opens the configured database and checks it answers, or stops with a clear message.
    private func openDatabase(_ configuration: AppConfiguration, logger: Logger) async throws -> Database {
        let database: Database
        do {
            database = try Database.open(
                configuration.database, maxConnections: configuration.databasePoolSize, logger: logger)
        } catch {
            Console.fail(
                Localized(
                    zh: "无法打开数据库 \(configuration.database)：\(error)",
                    en: "Cannot open the database \(configuration.database): \(error)"))
            throw ExitCode.failure
        }
        guard await database.ping() else {
            await database.close()
            Console.fail(
                Localized(
                    zh: "无法连接数据库 \(configuration.database)。请检查 FENGQIAO_DATABASE_URL。",
                    en: "Cannot reach the database \(configuration.database). Check FENGQIAO_DATABASE_URL."))
            throw ExitCode.failure
        }
        return database
    }
}

/// Messages for people at a terminal: Chinese first, English second.
enum Console {
    static func say(_ text: Localized) {
        print(text.zh)
        print(text.en)
    }

    static func fail(_ text: Localized) {
        FileHandle.standardError.write(Data("错误：\(text.zh)\nError: \(text.en)\n".utf8))
    }

    /// Runs `body` and turns a user-facing error into a message and exit code 1.
    static func reportingUserErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as any UserFacingError {
            fail(error.message)
            throw ExitCode.failure
        }
    }
}
