import FengqiaoCore
import Foundation
import Logging
import SQLKit

/// Who saw unmasked personal data, or exported it, and when. Administrators read it.
///
/// Recording an entry does not wait for the database writer: the entry joins an in-process queue
/// (`AccessLogWriter`) that writes what has gathered in one transaction shortly after, so that a page showing
/// personal data never queues behind the scheduler's batches or other writers (SQLite has one writer). What that
/// costs and guarantees (docs/SECURITY.md, "Access log"): a crash can lose the entries accepted and not yet
/// written, at most `capacity`; a graceful stop writes them all (`flush`); when `capacity` entries wait, the next
/// clear view waits for the writer. Readers of the log (`recent`) see every entry recorded before they asked.
public struct AccessLogRepository: Sendable {
    let database: Database
    let writer: AccessLogWriter

    /// The most entries waiting to be written: a crash loses at most this many.
    public static let defaultCapacity = 1_000

    /// `capacity`: how many entries may wait to be written before recording waits for the writer; `delay`: how
    /// long the writer gathers entries before it writes them.
    public init(database: Database, capacity: Int = defaultCapacity, delay: Duration = .milliseconds(20)) {
        self.database = database
        self.writer = AccessLogWriter(database: database, capacity: max(1, capacity), delay: delay)
    }

    public struct Entry: Sendable, Equatable {
        public var at: Date
        public var userID: User.ID?
        public var username: String
        public var action: String
        public var caseID: Case.ID?
        public var detail: String
        public var requestID: String?

        public init(
            at: Date, userID: User.ID?, username: String, action: String, caseID: Case.ID?, detail: String = "",
            requestID: String? = nil
        ) {
            self.at = at
            self.userID = userID
            self.username = username
            self.action = action
            self.caseID = caseID
            self.detail = detail
            self.requestID = requestID
        }
    }

    /// Accepts an entry for writing: returns at once unless `capacity` entries are already waiting.
    public func record(_ entry: Entry) async throws {
        await writer.record(entry)
    }

    /// Returns once every entry recorded before the call is written; throws when writing them failed (they stay
    /// queued and are tried again). `serve` calls it at shutdown, after the last request.
    public func flush() async throws {
        try await writer.flush()
    }

    /// The newest entries first, every entry recorded before the call included.
    public func recent(limit: Int = 100) async throws -> [Entry] {
        try await flush()
        return try await database.withConnection { sql in
            try await sql.select().columns(Self.columns)
                .from("access_log").orderBy("id", .descending).limit(limit).all().map { row in
                    Entry(
                        at: Date(unixMilliseconds: try row.decode(column: "at", as: Int64.self)),
                        userID: try row.decode(column: "user_id", as: Int64?.self).map { User.ID($0) },
                        username: try row.decode(column: "username", as: String.self),
                        action: try row.decode(column: "action", as: String.self),
                        caseID: try row.decode(column: "case_id", as: Int64?.self).map { Case.ID($0) },
                        detail: try row.decode(column: "detail", as: String.self),
                        requestID: try row.decode(column: "request_id", as: String?.self))
                }
        }
    }

    static let columns = ["at", "user_id", "username", "action", "case_id", "detail", "request_id"]

    /// Writes `entries` in one transaction, in order.
    static func write(_ entries: [Entry], in sql: any SQLDatabase) async throws {
        try await CaseBulkLoader.insertRows(
            into: "access_log", columns: columns,
            rows: entries.map { entry in
                [
                    SQLBind(entry.at.unixMilliseconds), SQLBind(entry.userID?.rawValue), SQLBind(entry.username),
                    SQLBind(entry.action), SQLBind(entry.caseID?.rawValue), SQLBind(entry.detail),
                    SQLBind(entry.requestID),
                ]
            }, in: sql)
    }
}

/// The access log's queue and its writer: entries wait here, in the order recorded, until a transaction of their
/// own writes all that have gathered (one write per `delay` at most while entries keep coming, whatever the
/// number of readers). A write that fails is tried again, the entries kept, after a pause that grows to 5 s; once
/// the database is closed, what is left is dropped and logged.
actor AccessLogWriter {
    typealias Entry = AccessLogRepository.Entry

    let database: Database
    let capacity: Int
    let delay: Duration
    private let logger = Logger(label: "fengqiao.access-log")

    /// Recorded, not yet taken by a write.
    private var queue: [Entry] = []
    /// Taken by the write under way.
    private var writing: [Entry] = []
    /// Entries recorded, and entries written (or dropped) since the start: a flush waits for the second to reach
    /// what the first was when it was asked.
    private var recorded = 0
    private var settled = 0
    /// The writer, while there is anything to write.
    private var task: Task<Void, Never>?
    /// A flush is waiting: write without gathering first.
    private var urgent = false
    private var roomWaiters: [CheckedContinuation<Void, Never>] = []
    private var flushWaiters: [(upTo: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    /// Tests waiting for that many records to wait for room.
    private var roomWatchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    /// Transactions written so far (for tests).
    private(set) var transactions = 0

    init(database: Database, capacity: Int, delay: Duration) {
        self.database = database
        self.capacity = capacity
        self.delay = delay
    }

    /// Entries recorded and not yet written: what a crash now would lose.
    var pending: Int { queue.count + writing.count }

    func record(_ entry: Entry) async {
        while pending >= capacity {
            await withCheckedContinuation {
                roomWaiters.append($0)
                watchRoom()
            }
        }
        queue.append(entry)
        recorded += 1
        if task == nil { task = Task { await self.run() } }
    }

    func flush() async throws {
        let target = recorded
        guard settled < target else { return }
        urgent = true
        try await withCheckedThrowingContinuation { flushWaiters.append((target, $0)) }
    }

    /// Returns once `count` records wait for room (for tests).
    func untilWaitingForRoom(_ count: Int) async {
        guard roomWaiters.count < count else { return }
        await withCheckedContinuation { roomWatchers.append((count, $0)) }
    }

    private func run() async {
        var failures = 0
        while !queue.isEmpty {
            if !urgent && failures == 0 { try? await Task.sleep(for: delay) }
            urgent = false
            do {
                // The batch is taken once the writer is ours, so that it holds all that gathered meanwhile.
                try await database.transaction { sql in
                    try await AccessLogRepository.write(await self.take(), in: sql)
                }
                transactions += 1
                failures = 0
                settle(writing.count, error: nil)
            } catch {
                queue = writing + queue
                writing = []
                if database.isClosed {
                    logger.error(
                        "access-log entries lost: the database closed before they were written",
                        metadata: ["entries": "\(queue.count)"])
                    let lost = queue.count
                    queue = []
                    settle(lost, error: error)
                    break
                }
                failures += 1
                logger.error("writing the access log failed; retrying", metadata: ["error": "\(error)"])
                failFlushes(error)
                try? await Task.sleep(for: .milliseconds(min(5_000, 100 << min(failures, 6))))
            }
        }
        task = nil
    }

    private func take() -> [Entry] {
        writing = queue
        queue = []
        return writing
    }

    /// `count` entries written (or dropped, with `error`): room for waiting records, and the flushes they end.
    private func settle(_ count: Int, error: (any Error)?) {
        writing = []
        settled += count
        let rooms = roomWaiters
        roomWaiters = []
        for waiter in rooms { waiter.resume() }
        var waiting: [(upTo: Int, continuation: CheckedContinuation<Void, any Error>)] = []
        for waiter in flushWaiters {
            if let error {
                waiter.continuation.resume(throwing: error)
            } else if waiter.upTo <= settled {
                waiter.continuation.resume()
            } else {
                waiting.append(waiter)
            }
        }
        flushWaiters = waiting
    }

    private func failFlushes(_ error: any Error) {
        let waiters = flushWaiters
        flushWaiters = []
        for waiter in waiters { waiter.continuation.resume(throwing: error) }
    }

    private func watchRoom() {
        let reached = roomWatchers.filter { $0.count <= roomWaiters.count }
        roomWatchers.removeAll { $0.count <= roomWaiters.count }
        for watcher in reached { watcher.continuation.resume() }
    }
}
