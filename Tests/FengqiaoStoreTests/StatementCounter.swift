import Logging
import NIOCore
import SQLKit
import Synchronization

/// An `SQLDatabase` that passes every statement on to another and keeps its text: how many round trips a change
/// makes, counted (test only).
final class StatementCounter: SQLDatabase {
    let base: any SQLDatabase
    private let seen = Mutex<[String]>([])

    init(_ base: any SQLDatabase) { self.base = base }

    /// The statements run so far, in order, as SQL text.
    var statements: [String] { seen.withLock { $0 } }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    private func note(_ query: any SQLExpression) {
        let text = base.serialize(query).sql
        seen.withLock { $0.append(text) }
    }

    func execute(
        sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> EventLoopFuture<Void> {
        note(query)
        return base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        note(query)
        try await base.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}
