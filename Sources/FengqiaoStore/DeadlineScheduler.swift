import FengqiaoCore
import Foundation
import Logging
import SQLKit
import Synchronization

/// Fires case deadlines (yellow and red alerts, supervision orders, ladder moves) once each.
///
/// - A tick claims the cases with a due row in `deadlines`, up to `batchSize` per transaction, raises what is
///   due on each through `CaseWriter.raiseDueAlerts`, and rewrites its rows: the alert and its removal commit
///   together, so a crash either fires it or leaves it to the next tick.
/// - Its cost follows the rows due (`deadlines_due_at`), not the open cases.
/// - Several instances on one PostgreSQL share the work: the claim locks the case row `FOR UPDATE SKIP LOCKED`,
///   and every case write takes the same row lock first, so one alert is raised by exactly one instance. On SQLite
///   the writer is serialised (`BEGIN IMMEDIATE`), which gives the same guarantee across processes.
/// - Deadlines that fell due while nothing ran fire on the first tick after a start.
public struct DeadlineScheduler: Sendable {
    let database: Database
    let cases: CaseRepository

    public init(database: Database, cases: CaseRepository) {
        self.database = database
        self.cases = cases
    }

    /// What one tick did.
    public struct Tick: Sendable, Equatable {
        /// Cases on which alerts were raised.
        public var cases: Int
        /// Alerts raised.
        public var alerts: Int
        /// Cases that failed (they are retried on the next tick).
        public var failures: Int

        public init(cases: Int, alerts: Int, failures: Int) {
            self.cases = cases
            self.alerts = alerts
            self.failures = failures
        }

        /// Counts one claimed case. A case another instance handled a moment ago can be claimed again from a
        /// stale list; it then has nothing due (its rows are rewritten) and is not counted.
        mutating func count(_ raised: Int) {
            if raised > 0 { cases += 1 }
            alerts += raised
        }
    }

    /// How many cases one transaction handles. One commit per case made a tick of 100 due deadlines cost
    /// 100 durable commits (about 290 ms here); a batch shares one commit, and a failing case costs only a retry
    /// of its batch one case at a time.
    public static let batchSize = 50

    /// A batch also ends once it has held the write transaction this long, so that other writers (the API,
    /// another process waiting on SQLite's busy timeout) never wait much longer than for one case.
    public static let batchTime: Duration = .milliseconds(100)

    /// Handles everything due at `now`, at most `limit` cases.
    ///
    /// Cases are handled in batches of at most `batchSize` cases and `batchTime`, each batch one transaction. When
    /// a batch fails (one bad case rolls the whole batch back), the same cases are handled again one per
    /// transaction, which sets the bad case aside for the next tick and commits the others: one bad case never
    /// stops the rest.
    public func tick(at now: Date, limit: Int = 10_000, logger: Logger? = nil) async throws -> Tick {
        var result = Tick(cases: 0, alerts: 0, failures: 0)
        var failed: [Int64] = []
        var claims = 0
        while claims + result.failures < limit {
            let room = min(Self.batchSize, limit - claims - result.failures)
            let batch: [(id: Int64, alerts: Int)]
            do {
                batch = try await database.transaction { [failed] sql in
                    var done: [(id: Int64, alerts: Int)] = []
                    let clock = ContinuousClock()
                    let started = clock.now
                    while done.count < room, done.isEmpty || clock.now - started < Self.batchTime {
                        guard let outcome = try await handleNext(at: now, excluding: failed + done.map(\.id), in: sql)
                        else { break }
                        done.append(outcome)
                    }
                    return done
                }
            } catch  where Database.isBusy(error) {
                break  // another process holds SQLite's writer past the busy timeout: it is ticking; try later
            } catch {
                // A database that fails altogether fails here too, and the tick with it.
                let failures = result.failures
                let handled = try await oneByOne(at: now, limit: room, failed: &failed, result: &result, logger: logger)
                claims += handled - (result.failures - failures)
                if handled < room { break }  // nothing more is due
                continue
            }
            for outcome in batch { result.count(outcome.alerts) }
            claims += batch.count
            if batch.isEmpty { break }  // nothing more is due
        }
        return result
    }

    /// Claims the next due case not in `excluding` and raises what is due on it, in the caller's transaction; nil
    /// when nothing more is due.
    private func handleNext(
        at now: Date, excluding: [Int64], in sql: any SQLDatabase, claimed: (@Sendable (Int64) -> Void)? = nil
    ) async throws -> (id: Int64, alerts: Int)? {
        guard let id = try await Self.claim(dueAt: now, excluding: excluding, dialect: database.dialect, in: sql)
        else { return nil }
        claimed?(id)
        let alerts = try await CaseWriter(
            sql: sql, dialect: database.dialect, calendar: cases.calendar, personKey: cases.personKey
        )
        .raiseDueAlerts(on: Case.ID(id), at: now)
        return (id, alerts)
    }

    /// Handles up to `limit` due cases one transaction each; a case that fails is logged, added to `failed` and
    /// left for the next tick. Returns how many cases it claimed, failed ones included.
    private func oneByOne(
        at now: Date, limit: Int, failed: inout [Int64], result: inout Tick, logger: Logger?
    ) async throws -> Int {
        var handled = 0
        while handled < limit {
            let outcome: (id: Int64, alerts: Int)?
            // The case this transaction claimed, remembered outside it: when it fails, that is the case to set
            // aside (claiming "the next due case" again could name another one where deadlines tie).
            let attempted = Mutex<Int64?>(nil)
            do {
                outcome = try await database.transaction { [failed] sql in
                    try await handleNext(at: now, excluding: failed, in: sql) { id in attempted.withLock { $0 = id } }
                }
            } catch  where Database.isBusy(error) {
                return handled  // another process holds the writer: not this case's fault
            } catch {
                // Leave the failed case for the next tick, so that one bad case never stops the others. (A failure
                // before any case was claimed fails the tick.)
                guard let id = attempted.withLock({ $0 }) else { throw error }
                logger?.error("deadline of case \(id) failed: \(String(describing: error))")
                failed.append(id)
                result.failures += 1
                handled += 1
                continue
            }
            guard let outcome else { return handled }
            result.count(outcome.alerts)
            handled += 1
        }
        return handled
    }

    /// The earliest due time of any deadline, for sleeping until then.
    public func nextDue() async throws -> Date? {
        try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("MIN", args: SQLIdentifier("due_at")), as: "due")
                .from("deadlines").first(decodingColumn: "due", as: Int64?.self).flatMap { $0 }
                .map(Date.init(unixMilliseconds:))
        }
    }

    /// The due time of the `rank`-th earliest deadline row (1 = the earliest), or nil when there are fewer rows: a
    /// tick at that time has exactly the earliest `rank` rows due (the benchmark's "100 due").
    public func dueTime(ofRank rank: Int) async throws -> Date? {
        try await database.withConnection { sql in
            try await sql.select().column("due_at").from("deadlines").orderBy("due_at").limit(1)
                .offset(max(0, rank - 1)).first(decodingColumn: "due_at", as: Int64.self)
                .map(Date.init(unixMilliseconds:))
        }
    }

    /// How many deadline rows are due at `now` and not yet handled (the scheduler's backlog).
    public func backlog(at now: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("deadlines")
                .where("due_at", .lessThanOrEqual, now.unixMilliseconds)
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    /// One case with a due deadline, its row locked on PostgreSQL (skipping cases other instances hold).
    static func claim(
        dueAt now: Date, excluding failed: [Int64], dialect: StoreDialect,
        in sql: any SQLDatabase
    ) async throws -> Int64? {
        var due = sql.select().column("case_id").from("deadlines")
            .where("due_at", .lessThanOrEqual, now.unixMilliseconds)
        if !failed.isEmpty { due = due.where("case_id", .notIn, failed) }
        due = due.orderBy("due_at").orderBy("case_id").limit(64)
        switch dialect.engine {
        case .sqlite:
            return try await due.limit(1).first(decodingColumn: "case_id", as: Int64.self)
        case .postgres:
            return try await sql.select().column("id").from("cases")
                .where(SQLIdentifier("id"), .in, SQLGroupExpression(due.query)).limit(1)
                .lockingClause(SQLRaw("FOR UPDATE SKIP LOCKED"))
                .first(decodingColumn: "id", as: Int64.self)
        }
    }
}
