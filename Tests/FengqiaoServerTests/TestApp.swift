import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import FengqiaoTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import FengqiaoServer

/// Builds the real application on a fresh database and runs `body` against it in-process.
enum TestApp {
    /// The engines an HTTP test may run on: the test-support target's, the one database set-up of every test
    /// target (SQLite always; PostgreSQL when FENGQIAO_TEST_POSTGRES_URL names a server, on a schema of its own).
    typealias Engine = TestEngine

    /// `pdf: false` leaves Chromium out: agreement PDFs answer 503 at once instead of being rendered.
    /// `environment`: settings as `FENGQIAO_…` variables would give them.
    static func run(
        migrated: Bool = true, seeded: Bool = false, on engine: Engine = .sqlite, pdf: Bool = true,
        environment: [String: String] = [:], clock: AppClock = .system,
        _ body: @Sendable (any TestClientProtocol, AppServices) async throws -> Void
    ) async throws {
        try await engine.withDatabase(migrated: migrated) { database in
            try await run(database, seeded: seeded, pdf: pdf, environment: environment, clock: clock, body)
        }
    }

    private static func run(
        _ database: Database, seeded: Bool, pdf: Bool, environment: [String: String], clock: AppClock,
        _ body: @Sendable (any TestClientProtocol, AppServices) async throws -> Void
    ) async throws {
        let configuration = try AppConfiguration.load(environment: environment)
        let services = AppServices(configuration: configuration, database: database, clock: clock)
        if seeded { _ = try await DemoSeeder(services: services, passwordCost: 4).seed(now: Date()) }
        let chromium: @Sendable () -> ChromiumPDF? = { pdf ? ChromiumPDF.locate() : nil }
        let app = buildApplication(services: services, logger: Logger(label: "test"), chromium: chromium)
        try await app.test(.router) { client in try await body(client, services) }
    }
}
