import FengqiaoStore
import Foundation
import Testing

/// The one set-up of a test database, for every test target (storage contract tests, HTTP tests, the demo).
/// The engines the contract tests run on. SQLite always; PostgreSQL when FENGQIAO_TEST_POSTGRES_URL names a server
/// (`make test` starts one on 127.0.0.1 and sets it). Every test gets a fresh database: a new SQLite file, or a new
/// PostgreSQL schema dropped afterwards.
public enum TestEngine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    /// Empty counts as not set.
    public static let postgresURL = ProcessInfo.processInfo.environment["FENGQIAO_TEST_POSTGRES_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    public static var available: [TestEngine] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    public var testDescription: String { rawValue }

    /// Runs `body` on a fresh, migrated database of this engine.
    public func withDatabase(migrated: Bool = true, _ body: (Database) async throws -> Void) async throws {
        try await withDatabase(migrated: migrated) { database, _ in try await body(database) }
    }

    /// Like `withDatabase`; `open` opens another, independent pool on the same database: a restarted server, or a
    /// second instance. The caller closes what it opens.
    public func withDatabase(
        migrated: Bool = true,
        _ body: (Database, _ open: @escaping @Sendable () throws -> Database) async throws -> Void
    ) async throws {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fengqiao-tests-\(UUID())")
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("test.sqlite").path
            let database = try Database.open(.sqlite(path: path))
            try await run(database, migrated: migrated) {
                try await body($0, { try Database.open(.sqlite(path: path)) })
            }
        case .postgres:
            guard let url = Self.postgresURL else { throw NotConfigured() }
            let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let admin = try Database.open(.postgres(url: url), maxConnections: 1)
            try await admin.createSchema(named: schema)
            let open: @Sendable () throws -> Database = {
                try Database.open(.postgres(url: url), searchPath: [schema, "public"])
            }
            let database = try open()
            do {
                try await run(database, migrated: migrated) { try await body($0, open) }
            } catch {
                try? await admin.dropSchema(named: schema)
                await admin.close()
                throw error
            }
            try await admin.dropSchema(named: schema)
            await admin.close()
        }
    }

    /// PostgreSQL was asked for, but FENGQIAO_TEST_POSTGRES_URL is not set.
    public struct NotConfigured: Error, CustomStringConvertible {
        public var description: String { "FENGQIAO_TEST_POSTGRES_URL is not set" }
    }

    private func run(_ database: Database, migrated: Bool, _ body: (Database) async throws -> Void) async throws {
        do {
            if migrated { try await Migrator(database: database).migrate() }
            try await body(database)
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}
