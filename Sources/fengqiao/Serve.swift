import ArgumentParser
import FengqiaoCore
import FengqiaoDemo
import FengqiaoServer
import FengqiaoStore
import Hummingbird

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the web application and API (default 127.0.0.1:8080).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Address to listen on (overrides FENGQIAO_HOSTNAME).") var hostname: String?
    @Option(help: "Port to listen on (overrides FENGQIAO_PORT).") var port: Int?
    @Flag(help: "Migrate the database first if it is behind (same as FENGQIAO_AUTO_MIGRATE=true).")
    var migrate = false

    func validate() throws {
        if let port, !(1...65535).contains(port) {
            throw ValidationError("--port must be between 1 and 65535 / 端口应在1到65535之间")
        }
    }

    func run() async throws {
        var configuration = try global.loadConfiguration()
        if let hostname { configuration.hostname = hostname }
        if let port { configuration.port = port }
        let logger = global.makeLogger(configuration)
        try await global.withDatabase(configuration, logger: logger) { database in
            try await Console.reportingUserErrors {
                try await ensureSchema(database, migrate: migrate || configuration.autoMigrate)
            }
            let services = AppServices(configuration: configuration, database: database)
            // The calendar years administrators uploaded, over the configured calendar.
            try await services.loadCalendar()
            if configuration.mode == .production {
                let findings = try await ProductionChecks(services: services).findings()
                guard findings.isEmpty else {
                    Console.fail(ProductionChecks.refusal(findings))
                    throw ExitCode(78)
                }
            }
            try await FirstRunSetup.announce(services, logger: logger)
            let app = buildApplication(services: services, logger: logger)
            logger.info(
                "serving",
                metadata: [
                    "url": "http://\(configuration.hostname):\(configuration.port)/",
                    "database": "\(configuration.database)", "mode": "\(configuration.mode.rawValue)",
                ])
            // SIGTERM and SIGINT end it gracefully: in-flight requests finish, the access-log entries still queued
            // are written, then the pool closes.
            do {
                try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
            } catch {
                try? await services.accessLog.flush()
                throw error
            }
            try await services.accessLog.flush()
        }
        logger.info("stopped")
    }

    /// Refuses to serve a database whose schema is not this build's, unless told to migrate one that is behind.
    private func ensureSchema(_ database: Database, migrate: Bool) async throws {
        let migrator = Migrator(database: database)
        switch try await migrator.status() {
        case .current:
            return
        case .behind(let current, let expected) where migrate:
            Console.say(
                Localized(
                    zh: "数据库结构版本 \(current)，正在升级到 \(expected)……",
                    en: "Schema version \(current), migrating to \(expected)…"))
            try await migrator.migrate()
        case .behind(let current, let expected):
            Console.fail(
                Localized(
                    zh: "数据库结构版本 \(current) 落后于本程序（\(expected)）。请先运行 fengqiao migrate，或使用 serve --migrate。",
                    en: "The schema (version \(current)) is behind this build (\(expected)). "
                        + "Run fengqiao migrate first, or serve --migrate."))
            throw ExitCode.failure
        case .ahead(let current, let expected):
            throw MigrationError.databaseAhead(current: current, expected: expected)
        }
    }
}
