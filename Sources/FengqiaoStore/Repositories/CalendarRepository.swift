import FengqiaoCore
import Foundation
import SQLKit
import Synchronization

/// The working-calendar years administrators upload (`calendar_years`, one row per year): each replaces that year
/// of the configured calendar (`WorkingCalendar.replacingYears(with:)`), on every instance sharing the database.
public struct CalendarRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// One uploaded year.
    public struct StoredYear: Sendable, Equatable {
        public var year: Int
        public var entries: [WorkingCalendar.Entry]
        /// The uploaded file's name (or "api").
        public var source: String
        public var uploadedAt: Date
        public var uploadedBy: String?

        public var holidays: Int { entries.filter { $0.kind == .holiday }.count }
        public var workdays: Int { entries.filter { $0.kind == .workday }.count }
    }

    /// Every uploaded year, in year order.
    public func years() async throws -> [StoredYear] {
        try await database.withConnection { sql in
            try await sql.select().columns("year", "entries", "source", "uploaded_at", "uploaded_by")
                .from("calendar_years").orderBy("year").all()
                .map { row in
                    StoredYear(
                        year: try row.decode(column: "year", as: Int.self),
                        entries: try CaseCodec.decoder.decode(
                            [WorkingCalendar.Entry].self,
                            from: Data(try row.decode(column: "entries", as: String.self).utf8)),
                        source: try row.decode(column: "source", as: String.self),
                        uploadedAt: Date(unixMilliseconds: try row.decode(column: "uploaded_at", as: Int64.self)),
                        uploadedBy: try row.decode(column: "uploaded_by", as: String?.self))
                }
        }
    }

    /// Saves each year of an upload in one transaction, replacing what was uploaded for those years before.
    public func save(
        _ years: [CalendarUpload.Year], source: String, byUserID userID: Int64?, byName name: String?, at now: Date
    ) async throws {
        let rows = try years.map { ($0.year, try CaseCodec.encode($0.entries)) }
        try await database.transaction { sql in
            for (year, entries) in rows {
                try await sql.delete(from: "calendar_years").where("year", .equal, year).run()
                try await sql.insert(into: "calendar_years")
                    .columns("year", "entries", "source", "uploaded_at", "uploaded_by_user_id", "uploaded_by")
                    .values(
                        SQLBind(year), SQLBind(entries), SQLBind(String(source.prefix(200))),
                        SQLBind(now.unixMilliseconds), SQLBind(userID), SQLBind(name)
                    ).run()
            }
        }
    }

    /// Removes an uploaded year (the configured calendar's entries for it apply again). False when none was.
    @discardableResult
    public func delete(year: Int) async throws -> Bool {
        try await database.transaction { sql in
            try await sql.delete(from: "calendar_years").where("year", .equal, year).returning("year").first() != nil
        }
    }

    /// The uploaded entries by year.
    public func uploaded() async throws -> [Int: [WorkingCalendar.Entry]] {
        Dictionary(uniqueKeysWithValues: try await years().map { ($0.year, $0.entries) })
    }
}

/// The working calendar the clocks run on, as one shared reference: the configured calendar (built in or
/// `FENGQIAO_CALENDAR_FILE`) with the uploaded years laid over it. Services that compute deadlines read `current`
/// at each computation (a request, a case write, a scheduler tick), so an upload applies in the process that saved
/// it at once, without a restart; another instance picks it up when it reloads (`reload(from:)`: at start-up and at
/// each scheduler poll).
public final class LiveCalendar: Sendable {
    /// The configured calendar, under the uploads.
    public let configured: WorkingCalendar
    private let state: Mutex<WorkingCalendar>

    public init(_ configured: WorkingCalendar) {
        self.configured = configured
        self.state = Mutex(configured)
    }

    /// The calendar in force now.
    public var current: WorkingCalendar { state.withLock { $0 } }

    /// Lays the uploaded years over the configured calendar.
    public func apply(uploaded: [Int: [WorkingCalendar.Entry]]) {
        let merged = configured.replacingYears(with: uploaded)
        state.withLock { $0 = merged }
    }

    /// Reads the uploaded years from the database and applies them.
    public func reload(from repository: CalendarRepository) async throws {
        apply(uploaded: try await repository.uploaded())
    }
}
