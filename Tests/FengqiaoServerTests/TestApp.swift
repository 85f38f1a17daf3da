import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import FengqiaoServer

/// Builds the real application on a fresh database and runs `body` against it in-process.
enum TestApp {
    /// The engines an HTTP test may run on: SQLite always; PostgreSQL when FENGQIAO_TEST_POSTGRES_URL names a server
    /// (`make test` starts one), each run on its own schema, dropped afterwards.
    enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case sqlite
        case postgres

        /// Empty counts as not set.
        static let postgresURL = ProcessInfo.processInfo.environment["FENGQIAO_TEST_POSTGRES_URL"].flatMap {
            $0.isEmpty ? nil : $0
        }

        static var available: [Engine] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

        var testDescription: String { rawValue }
    }

    /// `pdf: false` leaves Chromium out: agreement PDFs answer 503 at once instead of being rendered.
    static func run(
        migrated: Bool = true, seeded: Bool = false, on engine: Engine = .sqlite, pdf: Bool = true,
        _ body: @Sendable (any TestClientProtocol, AppServices) async throws -> Void
    ) async throws {
        switch engine {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fengqiao-http-\(UUID())")
            defer { try? FileManager.default.removeItem(at: folder) }
            let location = DatabaseLocation.sqlite(path: folder.appendingPathComponent("t.sqlite").path)
            try await run(try Database.open(location), migrated: migrated, seeded: seeded, pdf: pdf, body)
        case .postgres:
            let url = try #require(Engine.postgresURL, "FENGQIAO_TEST_POSTGRES_URL is not set")
            let schema = "h_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let admin = try Database.open(.postgres(url: url), maxConnections: 1)
            do {
                try await admin.createSchema(named: schema)
                let database = try Database.open(.postgres(url: url), searchPath: [schema, "public"])
                try await run(database, migrated: migrated, seeded: seeded, pdf: pdf, body)
            } catch {
                try? await admin.dropSchema(named: schema)
                await admin.close()
                throw error
            }
            try await admin.dropSchema(named: schema)
            await admin.close()
        }
    }

    private static func run(
        _ database: Database, migrated: Bool, seeded: Bool, pdf: Bool,
        _ body: @Sendable (any TestClientProtocol, AppServices) async throws -> Void
    ) async throws {
        let configuration = try AppConfiguration.load(environment: [:])
        let services = AppServices(configuration: configuration, database: database)
        do {
            if migrated { try await services.migrator.migrate() }
            if seeded { _ = try await DemoSeeder(services: services, passwordCost: 4).seed(now: Date()) }
            let chromium: @Sendable () -> ChromiumPDF? = { pdf ? ChromiumPDF.locate() : nil }
            let app = buildApplication(services: services, logger: Logger(label: "test"), chromium: chromium)
            try await app.test(.router) { client in try await body(client, services) }
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}
