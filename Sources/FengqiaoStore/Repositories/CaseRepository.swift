import Crypto
import FengqiaoCore
import Foundation
import SQLKit

/// Cases and their case file. Every change is one transaction holding the new snapshot, the version bump and the
/// appended events; events are hash-chained per case so that `verifyChains` finds any edited or removed event.
public struct CaseRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

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
        try await write { writer in
            try await writer.create(
                intake, idempotencyKey: idempotencyKey, receivingCenter: receivingCenter, by: actor, at: now,
                trackingCode: trackingCode)
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
        try await database.transaction { [dialect = database.dialect] sql in
            try await body(CaseWriter(sql: sql, dialect: dialect))
        }
    }

    public func find(id: Case.ID) async throws -> Case? {
        try await database.withConnection { sql in try await Self.load(id, in: sql) }
    }

    public func find(number: String) async throws -> Case? {
        try await findOne(where: "number", equals: number)
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

    /// Which cases a reader may list: those in any of their jurisdictions, and those their organisations hold or
    /// take part in.
    public struct Visibility: Sendable {
        public var jurisdictionPaths: [String]
        public var organisationIDs: [Organisation.ID]

        public init(jurisdictionPaths: [String], organisationIDs: [Organisation.ID]) {
            self.jurisdictionPaths = jurisdictionPaths
            self.organisationIDs = organisationIDs
        }
    }

    public struct Filter: Sendable {
        public var states: [CaseState] = []
        public var channel: Channel?
        public var categoryCode: String?
        public var urgency: Urgency?
        public var regionPath: String?
        public var organisationID: Organisation.ID?
        public var createdFrom: Date?
        public var createdBefore: Date?
        /// Words to find in the title, description or party names (Chinese works: trigram index).
        public var text: String?

        public init() {}
    }

    /// One page of cases, newest first; pass the last id of a page as `after` for the next (keyset pagination).
    public func list(
        _ filter: Filter, visibleTo visibility: Visibility, limit: Int, after: Case.ID?
    ) async throws
        -> [Case]
    {
        try await database.withConnection { [dialect = database.dialect] sql in
            var query = Self.restrict(sql.select().column("snapshot").from("cases"), to: visibility, in: sql)
            if !filter.states.isEmpty { query = query.where("state", .in, filter.states.map(\.rawValue)) }
            if let channel = filter.channel { query = query.where("channel", .equal, channel.rawValue) }
            if let urgency = filter.urgency { query = query.where("urgency", .equal, urgency.rawValue) }
            if let category = filter.categoryCode { query = query.where("category_code", .equal, category) }
            if let path = filter.regionPath {
                query = query.where("region_path", .greaterThanOrEqual, path)
                    .where("region_path", .lessThan, RegionRepository.upperBound(of: path))
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
            if let after { query = query.where("id", .lessThan, after.rawValue) }
            return try await query.orderBy("id", .descending).limit(max(1, min(limit, 200))).all()
                .map(Self.decodeSnapshot)
        }
    }

    /// The facts of the cases a reader may see, optionally in one region subtree: what the core rates count.
    public func facts(visibleTo visibility: Visibility, regionPath: String? = nil) async throws -> [CaseFacts] {
        try await database.withConnection { sql in
            var query = Self.restrict(sql.select().column("facts").from("cases"), to: visibility, in: sql)
            if let regionPath {
                query = query.where("region_path", .greaterThanOrEqual, regionPath)
                    .where("region_path", .lessThan, RegionRepository.upperBound(of: regionPath))
            }
            return try await query.all().map { row in
                try CaseCodec.decoder.decode(
                    CaseFacts.self, from: Data(try row.decode(column: "facts", as: String.self).utf8))
            }
        }
    }

    /// Limits a query on `cases` to what `visibility` allows: any of the jurisdictions, or any of the organisations'
    /// cases. A reader with neither sees nothing.
    static func restrict(
        _ query: SQLSelectBuilder, to visibility: Visibility, in sql: any SQLDatabase
    )
        -> SQLSelectBuilder
    {
        query.where { group in
            var group = group
            for path in visibility.jurisdictionPaths {
                group = group.orWhere { range in
                    range.where("region_path", .greaterThanOrEqual, path)
                        .where("region_path", .lessThan, RegionRepository.upperBound(of: path))
                }
            }
            if !visibility.organisationIDs.isEmpty {
                group = group.orWhere(
                    SQLIdentifier("id"), .in,
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

    /// Appends `events` to `current`, updates the snapshot under the version check, and returns the new state.
    static func commit(
        _ events: [CaseEvent], to current: Case, dialect: StoreDialect, in sql: any SQLDatabase
    ) async throws -> Case {
        guard !events.isEmpty else { return current }
        let updated = events.reduce(current) { CaseLifecycle.apply($1, to: $0) }
        var update = sql.update("cases")
        for column in try CaseRows.changingColumns(of: updated) {
            update = update.set(SQLIdentifier(column.name), to: column.value)
        }
        let changed =
            try await update
            .where("id", .equal, current.id.rawValue)
            .where("version", .equal, current.version)
            .returning("id").first()
        guard changed != nil else { throw CaseStoreError.conflict(expected: current.version, actual: -1) }
        try await recordOrganisations(of: updated, in: sql)
        if CaseRows.searchText(of: updated) != CaseRows.searchText(of: current) {
            try await dialect.replaceSearchText(CaseRows.searchText(of: updated), caseID: current.id.rawValue, in: sql)
        }
        let head = try await sql.select().column("head_hash").from("cases").where("id", .equal, current.id.rawValue)
            .first(decodingColumn: "head_hash", as: String.self)
        try await append(events, previousHash: head ?? genesis, to: current.id, in: sql)
        let file = try await Self.events(of: current.id, in: sql)
        try await sql.update("cases").set("facts", to: try CaseCodec.encode(try facts(of: file)))
            .where("id", .equal, current.id.rawValue).run()
        return updated
    }

    /// Inserts a newly registered case's row (its events follow with `append`). The columns: `CaseRows`.
    static func insert(_ new: Case, registration: CaseEvent, in sql: any SQLDatabase) async throws {
        let row = try CaseRows.caseRow(
            registered: new, current: new, headHash: genesis, facts: try facts(of: [registration]))
        try await sql.insert(into: "cases").columns(row.map(\.name)).values(row.map(\.value) as [any SQLExpression])
            .run()
    }

    /// Keeps `case_organisations` in step with who holds or takes part in the case: their inboxes read from it.
    static func recordOrganisations(of current: Case, in sql: any SQLDatabase) async throws {
        for id in CaseRows.organisations(of: current).sorted() {
            try await sql.insert(into: "case_organisations").columns("case_id", "organisation_id")
                .values(SQLBind(current.id.rawValue), SQLBind(id.rawValue))
                .ignoringConflicts(with: ["case_id", "organisation_id"]).run()
        }
    }

    /// Appends events after `previousHash` and moves the case's chain head to the last one.
    static func append(
        _ events: [CaseEvent], previousHash: String, to id: Case.ID, in sql: any SQLDatabase
    ) async throws {
        let chain = try CaseRows.eventRows(events, after: previousHash)
        var insert = sql.insert(into: "case_events").columns(CaseRows.eventColumns)
        for row in chain.rows { insert = insert.values(row as [any SQLExpression]) }
        if !chain.rows.isEmpty { try await insert.run() }
        try await sql.update("cases").set("head_hash", to: chain.head).where("id", .equal, id.rawValue).run()
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
    static func facts(of file: [CaseEvent]) throws -> CaseFacts {
        guard let facts = CaseFacts(events: file) else { throw CaseError.inconsistentHistory }
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

    static func decodeSnapshot(_ row: any SQLRow) throws -> Case {
        try CaseCodec.decoder.decode(Case.self, from: Data(try row.decode(column: "snapshot", as: String.self).utf8))
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

/// Case changes inside a transaction the caller holds (see `CaseRepository.write`).
public struct CaseWriter: Sendable {
    let sql: any SQLDatabase
    let dialect: StoreDialect

    /// Registers a case through the lifecycle, exactly once per idempotency key (and per source reference).
    public func create(
        _ intake: Intake, idempotencyKey: String, receivingCenter: Organisation.ID?, by actor: Actor, at now: Date,
        trackingCode: String
    ) async throws -> CaseRepository.Created {
        guard !idempotencyKey.isEmpty, idempotencyKey.count <= 200 else { throw CaseStoreError.invalidIdempotencyKey }
        var existing = try await CaseRepository.caseID(forIdempotencyKey: idempotencyKey, in: sql)
        if existing == nil {
            existing = try await CaseRepository.caseID(
                channel: intake.channel, sourceReference: intake.sourceReference, in: sql)
        }
        if let existing, let found = try await CaseRepository.load(existing, in: sql) {
            return CaseRepository.Created(case: found, isNew: false)
        }
        try await CategoryRepository.requireActive(intake.categoryCode, in: sql)
        guard let region = try await RegionRepository.row(id: intake.regionID, in: sql) else {
            throw StoreError.notFound("region \(intake.regionID)")
        }
        let id = Case.ID(try await CaseRepository.next("case_id", in: sql))
        let number = CaseNumbering.number(
            date: now, sequence: Int(try await CaseRepository.next(CaseRows.numberCounter(for: now), in: sql)))
        let (new, event) = try CaseLifecycle.register(
            intake, id: id, number: number, trackingCode: trackingCode, regionPath: region.path,
            receivingCenter: receivingCenter, by: actor, at: now)
        try await CaseRepository.insert(new, registration: event, in: sql)
        try await FileRepository.link(new.attachments, to: id, in: sql)
        try await CaseRepository.recordOrganisations(of: new, in: sql)
        try await dialect.replaceSearchText(CaseRows.searchText(of: new), caseID: id.rawValue, in: sql)
        try await CaseRepository.append([event], previousHash: CaseRepository.genesis, to: id, in: sql)
        try await sql.insert(into: "idempotency_keys").columns("key", "case_id", "created_at")
            .values(SQLBind(idempotencyKey), SQLBind(id.rawValue), SQLBind(now.unixMilliseconds)).run()
        return CaseRepository.Created(case: new, isNew: true)
    }

    /// Decides `command` on the case's current state and appends what it decides.
    public func act(
        _ command: CaseCommand, on id: Case.ID, expectedVersion: Int?, by actor: Actor, at now: Date
    ) async throws -> Case {
        guard let current = try await CaseRepository.load(id, in: sql) else { throw CaseStoreError.caseNotFound }
        if let expectedVersion, expectedVersion != current.version {
            throw CaseStoreError.conflict(expected: expectedVersion, actual: current.version)
        }
        if case .assess(let categoryCode, _, _, _) = command {
            try await CategoryRepository.requireActive(categoryCode, in: sql)
        }
        let events = try CaseLifecycle.decide(command, on: current, by: actor, at: now)
        return try await CaseRepository.commit(events, to: current, dialect: dialect, in: sql)
    }

    /// Merges a duplicate into its master: both cases change together.
    public func merge(
        _ duplicateID: Case.ID, into masterID: Case.ID, expectedVersion: Int?, by actor: Actor, at now: Date
    ) async throws -> (duplicate: Case, master: Case) {
        guard let duplicate = try await CaseRepository.load(duplicateID, in: sql),
            let master = try await CaseRepository.load(masterID, in: sql)
        else { throw CaseStoreError.caseNotFound }
        if let expectedVersion, expectedVersion != duplicate.version {
            throw CaseStoreError.conflict(expected: expectedVersion, actual: duplicate.version)
        }
        let events = try CaseLifecycle.merge(duplicate: duplicate, into: master, by: actor, at: now)
        let mergedDuplicate = try await CaseRepository.commit(
            events.duplicate, to: duplicate, dialect: dialect, in: sql)
        let mergedMaster = try await CaseRepository.commit(events.master, to: master, dialect: dialect, in: sql)
        return (mergedDuplicate, mergedMaster)
    }
}

/// How cases and events are written as text, and how the chain hash is computed. The encoding is deterministic
/// (sorted keys, dates as milliseconds) so that the same event always hashes the same.
enum CaseCodec {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()

    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// SHA-256 over the previous hash, the case id, the sequence and the stored payload text.
    static func chainHash(previous: String, caseID: Case.ID, sequence: Int, payload: String) -> String {
        let digest = SHA256.hash(data: Data("\(previous)\n\(caseID.rawValue)\n\(sequence)\n\(payload)".utf8))
        return hex(digest)
    }

    /// Lower-case hexadecimal, without `String(format:)` (which cost a quarter of a bulk load's time).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

public enum CaseStoreError: UserFacingError, Equatable {
    case caseNotFound
    case conflict(expected: Int, actual: Int)
    case invalidIdempotencyKey

    public var code: String {
        switch self {
        case .caseNotFound: "case.not_found"
        case .conflict: "case.conflict"
        case .invalidIdempotencyKey: "case.invalid_idempotency_key"
        }
    }

    public var message: Localized {
        switch self {
        case .caseNotFound:
            Localized(zh: "找不到该案件。", en: "No such case.")
        case .conflict:
            Localized(
                zh: "该案件已被他人更新，请刷新后再操作。",
                en: "Someone else changed this case in the meantime; reload it and try again.")
        case .invalidIdempotencyKey:
            Localized(
                zh: "提交需要一个幂等键（1到200个字符），以免重复提交产生两个案件。",
                en:
                    "A submission needs an idempotency key (1–200 characters) so that a retry never makes a second case."
            )
        }
    }
}
