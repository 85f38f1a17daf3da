import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging

@testable import FengqiaoServer

/// Builds the real application on a fresh SQLite file and runs `body` against it in-process.
enum TestApp {
    static func run(
        migrated: Bool = true, seeded: Bool = false,
        _ body: @Sendable (any TestClientProtocol, AppServices) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fengqiao-http-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let location = DatabaseLocation.sqlite(path: folder.appendingPathComponent("t.sqlite").path)
        let configuration = try AppConfiguration.load(environment: [:])
        let database = try Database.open(location)
        let services = AppServices(configuration: configuration, database: database)
        do {
            if migrated { try await services.migrator.migrate() }
            if seeded { _ = try await DemoSeeder(services: services, passwordCost: 4).seed(now: Date()) }
            let app = buildApplication(services: services, logger: Logger(label: "test"))
            try await app.test(.router) { client in try await body(client, services) }
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}
