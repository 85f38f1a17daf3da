@preconcurrency import AsyncKit
import FengqiaoCore
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// The one owner of database connections. Reads share a pool; writes go through `transaction`,
/// which on SQLite is serialised in-process on purpose (one writer at a time, BEGIN IMMEDIATE,
/// with a busy timeout for other processes such as `fengqiao worker`).
public final class Database: Sendable {
    private enum Pool {
        case sqlite(EventLoopGroupConnectionPool<FengqiaoSQLiteSource>)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>)
    }

    public let location: DatabaseLocation
    let dialect: StoreDialect
    private let pool: Pool
    private let writeGate = AsyncGate()
    private let logger: Logger
    private let closed = Mutex(false)

    /// Whether `close` has been called: nothing can be read or written any more.
    public var isClosed: Bool { closed.withLock { $0 } }

    public var engine: DatabaseEngine { location.engine }

    /// Opens a pool for `location`. For SQLite the file's folder is created when missing.
    /// `searchPath` (PostgreSQL only) selects a schema: the contract tests give each test its own.
    public static func open(
        _ location: DatabaseLocation, maxConnections: Int = 4, searchPath: [String]? = nil,
        logger: Logger = Logger(label: "fengqiao.db")
    ) throws -> Database {
        let group = MultiThreadedEventLoopGroup.singleton
        let perLoop = max(1, maxConnections / max(1, System.coreCount))
        switch location {
        case .sqlite(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let source = FengqiaoSQLiteSource(path: path)
            let pool = EventLoopGroupConnectionPool(
                source: source, maxConnectionsPerEventLoop: perLoop, pruneInterval: nil, logger: logger,
                on: group)
            return Database(location: location, pool: .sqlite(pool), logger: logger)
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = searchPath
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration),
                maxConnectionsPerEventLoop: perLoop, pruneInterval: nil, logger: logger, on: group)
            return Database(location: location, pool: .postgres(pool), logger: logger)
        }
    }

    private init(location: DatabaseLocation, pool: Pool, logger: Logger) {
        self.location = location
        self.dialect = StoreDialect(engine: location.engine)
        self.pool = pool
        self.logger = logger
    }

    /// Runs `body` on one pooled connection, for reads and for statements that need no transaction.
    public func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch pool {
        case .sqlite(let pool):
            let connection = try await pool.requestConnection(logger: logger).get()
            defer { pool.releaseConnection(connection, logger: logger) }
            return try await body(connection.sql())
        case .postgres(let pool):
            let connection = try await pool.requestConnection(logger: logger).get()
            defer { pool.releaseConnection(connection, logger: logger) }
            return try await body(connection.sql())
        }
    }

    /// Runs `body` in one write transaction: all of it is committed, or none of it.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard engine == .sqlite else { return try await runTransaction(body) }
        await writeGate.acquire()
        do {
            let result = try await runTransaction(body)
            await writeGate.release()
            return result
        } catch {
            await writeGate.release()
            throw error
        }
    }

    private func runTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withConnection { sql in
            try await sql.raw(SQLQueryString(dialect.beginWrite)).run()
            do {
                let result = try await body(sql)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Whether `error` says that another process held SQLite's writer longer than the busy timeout: the write
    /// did not start and nothing of it happened (PostgreSQL writers wait on row locks instead).
    public static func isBusy(_ error: any Error) -> Bool {
        switch (error as? SQLiteError)?.reason {
        case .busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked: true
        default: false
        }
    }

    /// Whether the database answers a trivial query.
    public func ping() async -> Bool {
        do {
            return try await withConnection { sql in
                try await sql.raw("SELECT 1 AS ok").first()?.decode(column: "ok", as: Int.self) == 1
            }
        } catch {
            return false
        }
    }

    /// Creates (or drops, with everything in it) a PostgreSQL schema: used to give each test a database of its own,
    /// and by operators who keep several installations in one PostgreSQL database.
    public func createSchema(named name: String) async throws {
        try await schemaStatement("CREATE SCHEMA", name)
    }

    public func dropSchema(named name: String) async throws {
        try await schemaStatement("DROP SCHEMA IF EXISTS", name, suffix: " CASCADE")
    }

    private func schemaStatement(_ verb: String, _ name: String, suffix: String = "") async throws {
        guard engine == .postgres, !name.isEmpty, name.count <= 63,
            name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
        else { throw StoreError.notFound("schema \(name)") }
        try await withConnection { sql in
            try await sql.raw(SQLQueryString("\(unsafeRaw: verb) \(ident: name)\(unsafeRaw: suffix)")).run()
        }
    }

    /// Closes every connection. Call once, at shutdown.
    public func close() async {
        closed.withLock { $0 = true }
        do {
            switch pool {
            case .sqlite(let pool): try await pool.shutdownAsync()
            case .postgres(let pool): try await pool.shutdownAsync()
            }
        } catch {
            logger.warning("closing the database pool failed: \(error)")
        }
    }
}

/// Opens SQLite connections with the pragmas the product relies on: WAL (readers never block the writer),
/// foreign keys enforced, a busy timeout so that another process's write waits instead of failing,
/// and synchronous=FULL so that an acknowledged commit survives a power cut as well as a crash.
struct FengqiaoSQLiteSource: ConnectionPoolSource, Sendable {
    let path: String

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        SQLiteConnection.open(storage: .file(path: path), threadPool: .singleton, logger: logger, on: eventLoop)
            .flatMap { connection in
                let pragmas = [
                    "PRAGMA busy_timeout = 5000", "PRAGMA journal_mode = WAL", "PRAGMA foreign_keys = ON",
                    "PRAGMA synchronous = FULL",
                ]
                return pragmas.reduce(eventLoop.makeSucceededVoidFuture()) { previous, pragma in
                    previous.flatMap { connection.query(pragma).map { _ in } }
                }.map { connection }
            }
    }
}

/// A first-come, first-served async lock: the SQLite single writer.
actor AsyncGate {
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !held {
            held = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            held = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
