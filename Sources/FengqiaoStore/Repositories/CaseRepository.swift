import Crypto
import FengqiaoCore
import Foundation
import SQLKit

/// Cases and their case file. Every change is one transaction holding the new snapshot, the version bump and the
/// appended events; events are hash-chained per case so that `verifyChains` finds any edited or removed event.
public struct CaseRepository: Sendable {
    let database: Database
    /// The working calendar the case clocks run on, read at each write (an uploaded year applies at once).
    public let calendars: LiveCalendar

    /// The calendar in force now.
    public var calendar: WorkingCalendar { calendars.current }
    /// Recognises the parties across cases (`case_people`, risk warnings): the server's own key.
    public let personKey: PersonKey

    public init(database: Database, calendar: WorkingCalendar = .mainland, personKey: PersonKey = .unconfigured) {
        self.init(database: database, calendars: LiveCalendar(calendar), personKey: personKey)
    }

    public init(database: Database, calendars: LiveCalendar, personKey: PersonKey = .unconfigured) {
        self.database = database
        self.calendars = calendars
        self.personKey = personKey
    }

    /// What a create returns: the case, and whether this call made it (false: an earlier call with the same
    /// idempotency key or source reference did, and that case is returned unchanged).
    public struct Created: Sendable, Equatable {
        public let `case`: Case
        public let isNew: Bool
    }

    /// Registers a case through the lifecycle, exactly once per idempotency key.
    public func create(
        _ intake: Intake, idempotencyKey: String, receivingCenter: Organisation.ID?, by actor: Actor, at now: Date,
        trackingCode: String
    ) async throws -> Created {
        do {
            return try await write { writer in
                try await writer.create(
                    intake, idempotencyKey: idempotencyKey, receivingCenter: receivingCenter, by: actor, at: now,
                    trackingCode: trackingCode)
            }
        } catch {
            // The same key sent at once on several connections: on PostgreSQL the transactions that lost the race
            // fail on the key's primary key. They answer with the case the winner registered (or with the
            // refusal of a different body), never with a server error.
            guard
                let existing = try await database.withConnection({ sql in
                    try await CaseRepository.caseID(forIdempotencyKey: idempotencyKey, in: sql)
                })
            else { throw error }
            return try await write { writer in
                try await writer.create(
                    intake, idempotencyKey: idempotencyKey, receivingCenter: receivingCenter, by: actor, at: now,
                    trackingCode: trackingCode, expecting: existing)
            }
        }
    }

    /// Runs a command on a case at the version the actor saw. Another change in between is a conflict:
    /// two dispatchers acting on the same version, one wins, the other is told.
    public func act(
        _ command: CaseCommand, on id: Case.ID, expectedVersion: Int?, by actor: Actor, at now: Date
    ) async throws -> Case {
        try await write { writer in
            try await writer.act(command, on: id, expectedVersion: expectedVersion, by: actor, at: now)
        }
    }

    /// Merges `duplicate` into `master`: both cases change in one transaction.
    public func merge(
        _ duplicateID: Case.ID, into masterID: Case.ID, expectedVersion: Int?, by actor: Actor, at now: Date
    ) async throws -> (duplicate: Case, master: Case) {
        try await write { writer in
            try await writer.merge(duplicateID, into: masterID, expectedVersion: expectedVersion, by: actor, at: now)
        }
    }

    /// Runs several case changes in one transaction: all of them are committed, or none. Each change goes through
    /// the same lifecycle checks as a single one (bulk loading, e.g. the demo cases, uses this).
    public func write<T: Sendable>(_ body: @Sendable (CaseWriter) async throws -> T) async throws -> T {
        try await database.transaction { [dialect = database.dialect, calendar, personKey] sql in
            try await body(CaseWriter(sql: sql, dialect: dialect, calendar: calendar, personKey: personKey))
        }
    }

    public func find(id: Case.ID) async throws -> Case? {
        try await database.withConnection { sql in try await Self.load(id, in: sql) }
    }

    /// The latest next deadline among open cases (nil when none runs): how far the working calendar must reach.
    public func latestOpenDeadline() async throws -> Date? {
        try await database.withConnection { sql in
            let open = CaseState.allCases.filter(\.isOpen).map(\.rawValue)
            let row = try await sql.select().column(SQLFunction("MAX", args: SQLColumn("next_due_at")), as: "latest")
                .from("cases").where("state", .in, open).first()
            return try row?.decodeNil(column: "latest") == false
                ? Date(unixMilliseconds: try row!.decode(column: "latest", as: Int64.self)) : nil
        }
    }

    public func find(number: String) async throws -> Case? {
        try await findOne(where: "number", equals: number)
    }

    /// A case by its tracking code alone: only for confirming an anonymous report (no phone to check against).
    public func find(trackingCode: String) async throws -> Case? {
        try await findOne(where: "tracking_code", equals: trackingCode)
    }

    /// The citizen's view: the tracking code plus the last four digits of the reporter's phone.
    public func find(trackingCode: String, phoneLast4: String) async throws -> Case? {
        try await database.withConnection { sql in
            guard
                let row = try await sql.select().column("snapshot").from("cases")
                    .where("tracking_code", .equal, trackingCode)
                    .where("reporter_phone_last4", .equal, phoneLast4).first()
            else { return nil }
            return try Self.decodeSnapshot(row)
        }
    }

    /// The case file: every event, oldest first.
    public func events(of id: Case.ID) async throws -> [CaseEvent] {
        try await database.withConnection { sql in try await Self.events(of: id, in: sql) }
    }

    /// Which cases a reader may list: `CaseVisibility`'s one rule as data (jurisdiction subtrees, and the
    /// organisations that read a case through `case_organisations`).
    public typealias Visibility = CaseVisibility.Predicate

    public struct Filter: Sendable {
        public var states: [CaseState] = []
        public var channel: Channel?
        public var categoryCode: String?
        public var urgency: Urgency?
        /// Only cases dispatched with this grade of whistle (吹哨报到), as they stand.
        public var whistle: WhistleGrade?
        public var regionPath: String?
        public var organisationID: Organisation.ID?
        public var createdFrom: Date?
        public var createdBefore: Date?
        /// Words to find in the title, description or party names (Chinese works: trigram index).
        public var text: String?
        /// Only cases with a running clock that had run out at this time (the overdue list).
        public var overdueAt: Date?
        /// Only cases with a running clock due before this time (e.g. "due within a day").
        public var dueBefore: Date?
        public var order: Order = .newest

        /// Newest first (keyset pages by `after`), or nearest deadline first (cases without one last; pages by
        /// `offset`).
        public enum Order: String, Sendable, CaseIterable {
            case newest
            case deadline
        }

        public init() {}
    }

    /// One page of cases in the filter's order: newest first pages by `after` (the last id of a page: keyset
    /// pagination) or, without it, by `offset` (numbered pages); nearest deadline first pages by `offset`.
    public func list(
        _ filter: Filter, visibleTo visibility: Visibility, limit: Int, after: Case.ID?, offset: Int = 0
    ) async throws
        -> [Case]
    {
        try await database.withConnection { [dialect = database.dialect] sql in
            // The page's ids first, from the indexes alone (`cases_state` covers state, region path and id), then
            // the 20 snapshots: filtering and sorting whole rows read every candidate's snapshot from the table,
            // which made the township queue 86 ms at 1,000,000 cases.
            var query = Self.matching(filter, visibleTo: visibility, dialect: dialect, in: sql)
            func ordered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
                switch filter.order {
                case .newest:
                    return query.orderBy("id", .descending)
                case .deadline:
                    // NULLs last on both engines, then the id for a stable order.
                    return query.orderBy(SQLRaw("CASE WHEN next_due_at IS NULL THEN 1 ELSE 0 END"))
                        .orderBy("next_due_at").orderBy("id")
                }
            }
            switch filter.order {
            case .newest:
                if let after {
                    query = query.where("id", .lessThan, after.rawValue)
                } else {
                    query = query.offset(max(0, offset))
                }
            case .deadline:
                query = query.offset(max(0, offset))
            }
            query = ordered(query).limit(max(1, min(limit, 200)))
            return try await ordered(
                sql.select().column("snapshot").from("cases")
                    .where(SQLIdentifier("id"), .in, SQLGroupExpression(query.query))
            ).all().map(Self.decodeSnapshot)
        }
    }

    /// The ids of the cases a reader may see that match `filter` (not ordered, not limited): what `list` pages
    /// through and `count` counts, so the two always agree.
    static func matching(
        _ filter: Filter, visibleTo visibility: Visibility, dialect: StoreDialect, in sql: any SQLDatabase
    ) -> SQLSelectBuilder {
        var query = Self.restrict(sql.select().column("id").from("cases"), to: visibility, in: sql)
        if !filter.states.isEmpty { query = query.where("state", .in, filter.states.map(\.rawValue)) }
        if let channel = filter.channel { query = query.where("channel", .equal, channel.rawValue) }
        if let urgency = filter.urgency { query = query.where("urgency", .equal, urgency.rawValue) }
        if let whistle = filter.whistle { query = query.where("whistle", .equal, whistle.rawValue) }
        if let category = filter.categoryCode { query = query.where("category_code", .equal, category) }
        if let path = filter.regionPath {
            query = query.whereInSubtree(SQLIdentifier("region_path"), of: path)
        }
        if let organisation = filter.organisationID {
            query = query.where(
                SQLIdentifier("id"), .in,
                SQLGroupExpression(
                    sql.select().column("case_id").from("case_organisations")
                        .where("organisation_id", .equal, organisation.rawValue).query))
        }
        if let from = filter.createdFrom {
            query = query.where("created_at", .greaterThanOrEqual, from.unixMilliseconds)
        }
        if let before = filter.createdBefore {
            query = query.where("created_at", .lessThan, before.unixMilliseconds)
        }
        if let text = filter.text?.trimmingWhitespace, !text.isEmpty {
            query = query.where(SQLIdentifier("id"), .in, SQLGroupExpression(dialect.searchSubquery(text)))
        }
        if let overdueAt = filter.overdueAt {
            query = query.where("next_due_at", .lessThanOrEqual, overdueAt.unixMilliseconds)
        }
        if let dueBefore = filter.dueBefore {
            query = query.where("next_due_at", .lessThan, dueBefore.unixMilliseconds)
        }
        return query
    }

    /// How many cases a reader may see match `filter`: the true count beside a list capped at a page.
    public func count(_ filter: Filter, visibleTo visibility: Visibility) async throws -> Int {
        try await database.withConnection { [dialect = database.dialect] sql in
            let ids = Self.matching(filter, visibleTo: visibility, dialect: dialect, in: sql)
            return try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(SQLAlias(SQLGroupExpression(ids.query), as: SQLIdentifier("matching")))
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    /// The facts of the cases a reader may see, optionally in one region subtree: what the core rates count. It
    /// decodes every case's facts: for checks and tests; the figures the pages show are summed in the database
    /// (`rateTallies`, `dashboardCounts`).
    public func facts(visibleTo visibility: Visibility, regionPath: String? = nil) async throws -> [CaseFacts] {
        try await database.withConnection { sql in
            var query = Self.restrict(sql.select().column("facts").from("cases"), to: visibility, in: sql)
            if let regionPath {
                query = query.whereInSubtree(SQLIdentifier("region_path"), of: regionPath)
            }
            return try await query.all().map { row in
                try CaseCodec.decoder.decode(
                    CaseFacts.self, from: Data(try row.decode(column: "facts", as: String.self).utf8))
            }
        }
    }

    /// Limits a query on `cases` to what `visibility` allows: any of the jurisdictions, or any of the organisations'
    /// cases. A reader with neither sees nothing.
    /// `pathColumn` and `idColumn` name the region path and the case id in a table other than `cases` that has both.
    static func restrict(
        _ query: SQLSelectBuilder, to visibility: Visibility, in sql: any SQLDatabase,
        pathColumn: String = "region_path", idColumn: String = "id"
    )
        -> SQLSelectBuilder
    {
        query.where { group in
            var group = group
            for path in visibility.jurisdictionPaths {
                group = group.orWhere { $0.whereInSubtree(SQLIdentifier(pathColumn), of: path) }
            }
            if !visibility.organisationIDs.isEmpty {
                group = group.orWhere(
                    SQLIdentifier(idColumn), .in,
                    SQLGroupExpression(
                        sql.select().column("case_id").from("case_organisations")
                            .where("organisation_id", .in, visibility.organisationIDs.map(\.rawValue)).query))
            }
            if visibility.jurisdictionPaths.isEmpty && visibility.organisationIDs.isEmpty {
                group = group.where(SQLLiteral.boolean(false), .equal, SQLLiteral.boolean(true))
            }
            return group
        }
    }

    public func count() async throws -> Int {
        try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("cases")
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    private func findOne(where column: String, equals value: String) async throws -> Case? {
        try await database.withConnection { sql in
            try await sql.select().column("snapshot").from("cases").where(SQLIdentifier(column), .equal, SQLBind(value))
                .first().map(Self.decodeSnapshot)
        }
    }

    // MARK: Writing

    static let genesis = CaseRows.genesis

    /// A case as a change finds it: its snapshot, the end of its event chain and the facts of its file, read from
    /// its row in one statement. A change folds its new events onto these instead of reading the file again.
    struct Stored: Sendable {
        var current: Case
        var headHash: String
        var facts: CaseFacts
    }

    /// Appends `events` (which fold `stored.current` to `updated`) and brings every row of the case up to date, each
    /// written once and only when it changed: the `cases` row in one UPDATE under the version check (the changing
    /// columns, the chain head, the facts folded on from the stored ones), the events in one INSERT, then the
    /// organisations, search text, deadlines, charges, outbox and mediation rows that the change altered.
    static func commit(
        _ events: [CaseEvent], to stored: Stored, becoming updated: Case, dialect: StoreDialect,
        calendar: WorkingCalendar, in sql: any SQLDatabase
    ) async throws -> Case {
        guard !events.isEmpty else { return stored.current }
        let current = stored.current
        guard var facts = stored.facts.folding(events, after: current) else { throw CaseError.inconsistentHistory }
        facts.deadline = CaseClocks.finishDeadline(of: updated, calendar: calendar)
        let chain = try CaseRows.eventRows(events, after: stored.headHash)
        var update = sql.update("cases")
        for column in try CaseRows.changingColumns(of: updated, calendar: calendar)
            + [("head_hash", SQLBind(chain.head))] + (try CaseRows.factColumns(facts))
        {
            update = update.set(SQLIdentifier(column.name), to: column.value)
        }
        let changed =
            try await update
            .where("id", .equal, current.id.rawValue)
            .where("version", .equal, current.version)
            .returning("id").first()
        guard changed != nil else { throw CaseStoreError.conflict(expected: current.version, actual: -1) }
        try await CaseBulkLoader.insertRows(
            into: "case_events", columns: CaseRows.eventColumns, rows: chain.rows, in: sql)
        try await recordMetricOrganisations(facts, before: stored.facts, in: sql)
        try await recordOrganisations(of: updated, before: current, in: sql)
        if CaseRows.searchText(of: updated) != CaseRows.searchText(of: current) {
            try await dialect.replaceSearchText(CaseRows.searchText(of: updated), caseID: current.id.rawValue, in: sql)
        }
        try await schedule(updated, before: current, calendar: calendar, in: sql)
        try await charge(events, startingFrom: current, in: sql)
        for event in events {
            // Files added at a step (a department's photo of the fix) are linked like a new case's: only uploads.
            switch event.change {
            case .progressed(_, let attachments?), .resolved(_, let attachments?):
                try await FileRepository.link(attachments, to: current.id, in: sql)
            default:
                break
            }
        }
        try await OutboxRepository.record(events, startingFrom: current, in: sql)
        try await MediationRepository.record(updated, before: current, in: sql)
        return updated
    }

    /// Replaces the case's rows in `deadlines` with the alerts its running clocks still have to raise.
    static func schedule(_ current: Case, calendar: WorkingCalendar, in sql: any SQLDatabase) async throws {
        try await sql.delete(from: "deadlines").where("case_id", .equal, current.id.rawValue).run()
        try await CaseBulkLoader.insertRows(
            into: "deadlines", columns: CaseRows.deadlineColumns,
            rows: CaseRows.deadlineRows(CaseClocks.deadlines(of: current, calendar: calendar), of: current.id),
            in: sql)
    }

    /// Brings the case's rows in `deadlines` from what `before` had to raise to what `updated` has: the alerts no
    /// longer due removed, new or moved ones written; nothing when they are the same (a new case: `before` nil).
    static func schedule(
        _ updated: Case, before: Case?, calendar: WorkingCalendar, in sql: any SQLDatabase
    ) async throws {
        let new = CaseClocks.deadlines(of: updated, calendar: calendar)
        let old = before.map { CaseClocks.deadlines(of: $0, calendar: calendar) } ?? []
        guard new != old else { return }
        let kept = Set(new.map { "\($0.kind.rawValue)/\($0.level.rawValue)" })
        let gone = old.filter { !kept.contains("\($0.kind.rawValue)/\($0.level.rawValue)") }
        if !gone.isEmpty {
            try await sql.delete(from: "deadlines").where("case_id", .equal, updated.id.rawValue)
                .where { group in
                    gone.reduce(group) { group, deadline in
                        group.orWhere {
                            $0.where("clock", .equal, deadline.kind.rawValue).where(
                                "level", .equal, deadline.level.rawValue)
                        }
                    }
                }.run()
        }
        let written = Set(old)
        let rows = CaseRows.deadlineRows(new.filter { !written.contains($0) }, of: updated.id)
        guard !rows.isEmpty else { return }
        var insert = sql.insert(into: "deadlines").columns(CaseRows.deadlineColumns)
        for row in rows { insert = insert.values(row as [any SQLExpression]) }
        try await insert.onConflict(with: ["case_id", "clock", "level"]) {
            $0.set(excludedValueOf: "clock_started_at").set(excludedValueOf: "due_at")
        }.run()
    }

    /// Records returns (by the lead) and overdue alerts against the organisation that caused them.
    static func charge(_ events: [CaseEvent], startingFrom current: Case, in sql: any SQLDatabase) async throws {
        try await CaseBulkLoader.insertRows(
            into: "charges", columns: CaseRows.chargeColumns, rows: CaseRows.chargeRows(events, startingFrom: current),
            in: sql)
    }

    /// Inserts a newly registered case: its row (the chain head and facts of `file` included), its events and
    /// its organisations for the figures and for reading. The columns: `CaseRows`.
    static func insert(
        _ new: Case, file: [CaseEvent], calendar: WorkingCalendar, in sql: any SQLDatabase
    ) async throws {
        let facts = try facts(of: file, case: new, calendar: calendar)
        let chain = try CaseRows.eventRows(file, after: genesis)
        let row = try CaseRows.caseRow(
            registered: new, current: new, headHash: chain.head, facts: facts, calendar: calendar)
        try await sql.insert(into: "cases").columns(row.map(\.name)).values(row.map(\.value) as [any SQLExpression])
            .run()
        try await CaseBulkLoader.insertRows(
            into: "case_events", columns: CaseRows.eventColumns, rows: chain.rows, in: sql)
        try await recordMetricOrganisations(facts, before: nil, in: sql)
        try await recordOrganisations(of: new, before: nil, in: sql)
    }

    /// Brings the case's rows in `case_metric_organisations` in step with its facts (`before`: the facts they were
    /// written for; nil for a new case): organisations are only ever added to the facts, and every row takes the
    /// case's conditions. Nothing is written when neither changed.
    static func recordMetricOrganisations(
        _ facts: CaseFacts, before: CaseFacts?, in sql: any SQLDatabase
    ) async throws {
        var rows = CaseRows.metricOrganisationRows(of: facts)
        if let before, CoreRates.conditions(of: before) == CoreRates.conditions(of: facts) {
            rows = CaseRows.metricOrganisationRows(
                of: facts, only: facts.organisationIDs.subtracting(before.organisationIDs))
        }
        guard !rows.isEmpty else { return }
        var insert = sql.insert(into: "case_metric_organisations").columns(CaseRows.metricOrganisationColumns)
        for row in rows { insert = insert.values(row as [any SQLExpression]) }
        try await insert.onConflict(with: ["case_id", "organisation_id"]) { $0.set(excludedValueOf: "metric_flags") }
            .run()
    }

    /// Keeps `case_organisations` equal to the organisations that read the case now
    /// (`CaseVisibility.readerOrganisations`), from those that read it `before` (nil: a new case): lists, search,
    /// exports and metrics restrict by these rows, so an organisation that returned the case or left its handling
    /// stops seeing it there as on the case page.
    static func recordOrganisations(of current: Case, before: Case?, in sql: any SQLDatabase) async throws {
        let readers = CaseVisibility.readerOrganisations(of: current)
        let stored = before.map(CaseVisibility.readerOrganisations(of:)) ?? []
        let gone = stored.subtracting(readers)
        if !gone.isEmpty {
            try await sql.delete(from: "case_organisations").where("case_id", .equal, current.id.rawValue)
                .where("organisation_id", .in, gone.map(\.rawValue).sorted()).run()
        }
        let added = readers.subtracting(stored).sorted()
        guard !added.isEmpty else { return }
        var insert = sql.insert(into: "case_organisations").columns("case_id", "organisation_id")
        for id in added { insert = insert.values(SQLBind(current.id.rawValue), SQLBind(id.rawValue)) }
        try await insert.ignoringConflicts(with: ["case_id", "organisation_id"]).run()
    }

    /// Adds `count` to a named counter (case ids, daily case numbers) and returns its new value, under the caller's
    /// write lock: the values reserved are `value - count + 1 ... value`.
    static func next(_ name: String, count: Int64 = 1, in sql: any SQLDatabase) async throws -> Int64 {
        let value = try await sql.insert(into: "counters").columns("name", "value").values(
            SQLBind(name), SQLBind(count)
        )
        .onConflict(with: ["name"]) {
            $0.set(
                SQLIdentifier("value"),
                to: SQLBinaryExpression(SQLColumn("value", table: "counters"), .add, SQLBind(count)))
        }
        .returning("value").first(decodingColumn: "value", as: Int64.self)
        guard let value else { throw StoreError.notFound("counter \(name)") }
        return value
    }

    // MARK: Reading

    /// The facts of a case file; a file they cannot be read from is inconsistent, and nothing is written.
    static func facts(of file: [CaseEvent], case current: Case, calendar: WorkingCalendar) throws -> CaseFacts {
        guard var facts = CaseFacts(events: file) else { throw CaseError.inconsistentHistory }
        facts.deadline = CaseClocks.finishDeadline(of: current, calendar: calendar)
        return facts
    }

    static func events(of id: Case.ID, in sql: any SQLDatabase) async throws -> [CaseEvent] {
        try await sql.select().column("payload").from("case_events").where("case_id", .equal, id.rawValue)
            .orderBy("sequence").all().map { row in
                try CaseCodec.decoder.decode(
                    CaseEvent.self, from: Data(try row.decode(column: "payload", as: String.self).utf8))
            }
    }

    static func load(_ id: Case.ID, in sql: any SQLDatabase) async throws -> Case? {
        try await sql.select().column("snapshot").from("cases").where("id", .equal, id.rawValue).first()
            .map(decodeSnapshot)
    }

    /// The case with the end of its chain and its facts, for a change (`commit`), in one statement.
    static func loadForChange(_ id: Case.ID, in sql: any SQLDatabase) async throws -> Stored? {
        guard
            let row = try await sql.select().columns("snapshot", "head_hash", "facts").from("cases")
                .where("id", .equal, id.rawValue).first()
        else { return nil }
        return Stored(
            current: try decodeSnapshot(row), headHash: try row.decode(column: "head_hash", as: String.self),
            facts: try CaseCodec.decoder.decode(
                CaseFacts.self, from: Data(try row.decode(column: "facts", as: String.self).utf8)))
    }

    static func decodeSnapshot(_ row: any SQLRow) throws -> Case {
        try CaseCodec.decoder.decode(Case.self, from: Data(try row.decode(column: "snapshot", as: String.self).utf8))
    }

    /// What an idempotency key remembers of the submission: the SHA-256 of the intake, canonically encoded.
    static func fingerprint(of intake: Intake) throws -> String {
        Hex.lowercase(SHA256.hash(data: try CaseCodec.encoder.encode(intake)))
    }

    static func caseID(forIdempotencyKey key: String, in sql: any SQLDatabase) async throws -> Case.ID? {
        try await sql.select().column("case_id").from("idempotency_keys").where("key", .equal, key)
            .first(decodingColumn: "case_id", as: Int64.self).map { Case.ID($0) }
    }

    static func caseID(channel: Channel, sourceReference: String?, in sql: any SQLDatabase) async throws -> Case.ID? {
        guard let sourceReference else { return nil }
        return try await sql.select().column("id").from("cases").where("channel", .equal, channel.rawValue)
            .where("source_reference", .equal, sourceReference)
            .first(decodingColumn: "id", as: Int64.self).map { Case.ID($0) }
    }
}
