import FengqiaoCore
import Foundation
import SQLKit

/// The outbox of outbound notifications. A case change that other systems care about (`OutboxNotice`) writes one
/// row per subscribed webhook in its own transaction (`record`, called by `CaseRepository.commit` and
/// `CaseWriter.create`; `CaseBulkLoader` writes the same rows through `CaseRows.outboxRows`); the deliverer claims
/// due rows, posts them, and marks a row delivered only after the receiver answered 2xx. A crash in between means a
/// redelivery, never a loss: receivers dedupe on the row id (`X-Fengqiao-Delivery`). See docs/WEBHOOKS.md.
public struct OutboxRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// One row to deliver.
    public struct Delivery: Sendable, Equatable {
        public var id: Int64
        public var caseID: Case.ID
        public var sequence: Int
        public var kind: String
        public var webhook: String
        public var payload: String
        /// Attempts made before this one.
        public var attempts: Int
    }

    /// One row as it stands (for tests and `fengqiao` diagnostics).
    public struct Entry: Sendable, Equatable {
        public var id: Int64
        public var caseID: Case.ID
        public var sequence: Int
        public var kind: String
        public var webhook: String
        public var payload: String
        public var createdAt: Date
        public var attempts: Int
        public var nextAttemptAt: Date
        public var deliveredAt: Date?
        public var lastError: String?
    }

    /// The backlog: undelivered rows of subscribed webhooks, and when the oldest was written.
    public struct Backlog: Sendable, Equatable {
        public var undelivered: Int
        public var oldestCreatedAt: Date?
    }

    // MARK: Subscriptions

    /// Makes `names` the webhooks that new rows are written for (the deliverer calls it at start with
    /// `FENGQIAO_WEBHOOKS`). Rows already written for a webhook no longer named stay, undelivered and unclaimed,
    /// and go out again if it comes back.
    public func subscribe(_ names: [String], at now: Date) async throws {
        try await database.transaction { sql in
            let existing = try await Self.webhooks(in: sql)
            let gone = existing.filter { !names.contains($0) }
            if !gone.isEmpty { try await sql.delete(from: "outbox_webhooks").where("name", .in, gone).run() }
            for name in Set(names).subtracting(existing).sorted() {
                try await sql.insert(into: "outbox_webhooks").columns("name", "subscribed_at")
                    .values(SQLBind(name), SQLBind(now.unixMilliseconds)).run()
            }
        }
    }

    public func webhooks() async throws -> [String] {
        try await database.withConnection { sql in try await Self.webhooks(in: sql) }
    }

    static func webhooks(in sql: any SQLDatabase) async throws -> [String] {
        try await sql.select().column("name").from("outbox_webhooks").orderBy("name").all()
            .map { try $0.decode(column: "name", as: String.self) }
    }

    // MARK: Writing (inside a case transaction)

    /// Writes the outbox rows of `events` (applied from `start` on) for every subscribed webhook, in the caller's
    /// transaction: committed with the case change, or not at all. One statement, which reads the subscriptions
    /// itself (`INSERT … SELECT` from `outbox_webhooks`): a row per notified event and webhook, in event order and
    /// then by webhook name; none when no webhook is subscribed. Nothing at all when no event is notified.
    static func record(_ events: [CaseEvent], startingFrom start: Case, in sql: any SQLDatabase) async throws {
        try await recordMessages(events, startingFrom: start, in: sql)
        guard events.contains(where: { OutboxNotice.notifies($0.change) }) else { return }
        let notices = try CaseRows.outboxNotices(events, startingFrom: start)
        guard !notices.isEmpty else { return }
        // Both engines name the columns of VALUES column1…; the casts give PostgreSQL their types.
        let values = notices.map { notice -> SQLQueryString in
            "(CAST(\(bind: notice.event.caseID.rawValue) AS BIGINT), CAST(\(bind: notice.event.sequence) AS INTEGER), "
                + "CAST(\(bind: notice.type) AS TEXT), CAST(\(bind: notice.payload) AS TEXT), "
                + "CAST(\(bind: notice.event.at.unixMilliseconds) AS BIGINT))"
        }
        try await sql.raw(
            """
            INSERT INTO outbox (case_id, sequence, kind, webhook, payload, created_at, next_attempt_at)
            SELECT n.column1, n.column2, n.column3, w.name, n.column4, n.column5, n.column5
            FROM (VALUES \(values.joined(separator: ", "))) AS n CROSS JOIN outbox_webhooks AS w
            WHERE w.name <> \(bind: Self.smsChannel)
            ORDER BY n.column2, w.name
            """
        ).run()
    }

    // MARK: Text messages to the reporter

    /// The outbox's name for the SMS gateway: rows for it are written only while it is subscribed (the deliverer
    /// subscribes it when `FENGQIAO_SMS_URL` is set). Webhook names cannot contain `:`, so it never clashes.
    public static let smsChannel = "sms:citizen"

    /// Writes the reporter's text messages of `events` (`CitizenMessage`), in the caller's transaction: one row per
    /// event that sends one, for the SMS gateway, if it is subscribed and the reporter wants messages (their choice
    /// on the tracking page, else the one at registration). One statement, only when such an event happened to a
    /// case whose reporter left a phone. The row's key (case, sequence, channel) makes it one message per event.
    static func recordMessages(_ events: [CaseEvent], startingFrom start: Case, in sql: any SQLDatabase) async throws {
        guard events.contains(where: { CitizenMessage.sends($0.change) }) else { return }
        var state = start
        var values: [SQLQueryString] = []
        var wantsAtRegistration = false
        for event in events {
            if case .registered = event.change {} else { state = CaseLifecycle.apply(event, to: state) }
            guard CitizenMessage.sends(event.change), !state.anonymous,
                let phone = state.reporter?.phone?.filter(\.isNumber), phone.count >= 7,
                let text = CitizenMessage.text(for: event, after: state)
            else { continue }
            wantsAtRegistration = state.smsNotifications == true
            let message = SMSMessage(
                phone: phone, text: text, event: "case." + event.change.name, caseNumber: state.number,
                messageID: "\(state.id.rawValue)-\(event.sequence)",
                parameters: CitizenMessage.parameters(for: event, after: state))
            values.append(
                "(CAST(\(bind: event.caseID.rawValue) AS BIGINT), CAST(\(bind: event.sequence) AS INTEGER), "
                    + "CAST(\(bind: message.event) AS TEXT), CAST(\(bind: try message.json()) AS TEXT), "
                    + "CAST(\(bind: event.at.unixMilliseconds) AS BIGINT))")
        }
        guard !values.isEmpty else { return }
        try await sql.raw(
            """
            INSERT INTO outbox (case_id, sequence, kind, webhook, payload, created_at, next_attempt_at)
            SELECT n.column1, n.column2, n.column3, w.name, n.column4, n.column5, n.column5
            FROM (VALUES \(values.joined(separator: ", "))) AS n CROSS JOIN outbox_webhooks AS w
            WHERE w.name = \(bind: Self.smsChannel)
            AND COALESCE(
                (SELECT c.wants FROM case_sms_choices AS c WHERE c.case_id = n.column1),
                CAST(\(bind: wantsAtRegistration ? 1 : 0) AS INTEGER)) = 1
            ORDER BY n.column2
            """
        ).run()
    }

    /// The reporter's choice on the tracking page: messages from now on, or none.
    public func setWantsMessages(_ wants: Bool, for caseID: Case.ID, at now: Date) async throws {
        try await database.transaction { sql in
            try await sql.delete(from: "case_sms_choices").where("case_id", .equal, caseID.rawValue).run()
            try await sql.insert(into: "case_sms_choices").columns("case_id", "wants", "changed_at")
                .values(SQLBind(caseID.rawValue), SQLBind(wants ? 1 : 0), SQLBind(now.unixMilliseconds)).run()
        }
    }

    /// Whether the reporter of `current` receives text messages now: their later choice, else the one at
    /// registration; never without a phone or for an anonymous report.
    public func wantsMessages(_ current: Case) async throws -> Bool {
        guard !current.anonymous, current.reporter?.phone?.contains(where: \.isNumber) == true else { return false }
        let chosen = try await database.withConnection { sql in
            try await sql.select().column("wants").from("case_sms_choices")
                .where("case_id", .equal, current.id.rawValue).first(decodingColumn: "wants", as: Int.self)
        }
        return chosen.map { $0 == 1 } ?? (current.smsNotifications == true)
    }

    // MARK: Delivering

    /// Claims up to `limit` rows due at `now` for `webhooks`: their next attempt moves to `now + lease`, so that
    /// no other deliverer takes them meanwhile, and a deliverer that dies holding them leaves them due again after
    /// the lease. On PostgreSQL the rows are locked `FOR UPDATE SKIP LOCKED` while claimed, so two deliverers
    /// never claim the same row; on SQLite the write transaction (`BEGIN IMMEDIATE`) serialises claimers.
    public func claim(
        dueAt now: Date, webhooks: [String], limit: Int, lease: Duration = .seconds(300)
    ) async throws -> [Delivery] {
        guard !webhooks.isEmpty, limit > 0 else { return [] }
        let leaseEnd = now.addingTimeInterval(Double(lease.components.seconds)).unixMilliseconds
        return try await database.transaction { [engine = database.engine] sql in
            var due = sql.select()
                .columns("id", "case_id", "sequence", "kind", "webhook", "payload", "attempts").from("outbox")
                .where(SQLIdentifier("delivered_at"), .is, SQLLiteral.null)
                .where("next_attempt_at", .lessThanOrEqual, now.unixMilliseconds)
                .where("webhook", .in, webhooks)
                .orderBy("next_attempt_at").orderBy("id").limit(limit)
            if engine == .postgres { due = due.lockingClause(SQLRaw("FOR UPDATE SKIP LOCKED")) }
            let claimed = try await due.all().map { row in
                Delivery(
                    id: try row.decode(column: "id", as: Int64.self),
                    caseID: Case.ID(try row.decode(column: "case_id", as: Int64.self)),
                    sequence: try row.decode(column: "sequence", as: Int.self),
                    kind: try row.decode(column: "kind", as: String.self),
                    webhook: try row.decode(column: "webhook", as: String.self),
                    payload: try row.decode(column: "payload", as: String.self),
                    attempts: try row.decode(column: "attempts", as: Int.self))
            }
            if !claimed.isEmpty {
                try await sql.update("outbox").set("next_attempt_at", to: leaseEnd)
                    .where("id", .in, claimed.map(\.id)).run()
            }
            return claimed
        }
    }

    /// Both marks are writes, so they go through `transaction` (SQLite's one writer in this process): a write on a
    /// bare connection waited on the busy timeout while blocking a thread the writer needed.
    /// The receiver answered 2xx: the row is done. A text message's phone number and text are not kept once sent.
    public func markDelivered(_ id: Int64, at now: Date) async throws {
        try await database.transaction { sql in
            try await sql.update("outbox")
                .set("delivered_at", to: now.unixMilliseconds)
                .set(
                    SQLIdentifier("payload"),
                    to: SQLRaw(
                        "CASE WHEN webhook = '\(Self.smsChannel)' THEN '{\"delivered\":true}' ELSE payload END")
                )
                .set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1"))
                .set(SQLIdentifier("last_error"), to: SQLLiteral.null)
                .where("id", .equal, id).run()
        }
    }

    /// The attempt failed: the error is kept and the row is due again at `retryAt`.
    public func markFailed(_ id: Int64, error: String, retryAt: Date) async throws {
        try await database.transaction { sql in
            try await sql.update("outbox")
                .set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1"))
                .set("last_error", to: String(error.prefix(1000)))
                .set("next_attempt_at", to: retryAt.unixMilliseconds)
                .where("id", .equal, id).run()
        }
    }

    /// When the earliest undelivered row of `webhooks` is due (for sleeping until then).
    public func nextAttempt(webhooks: [String]) async throws -> Date? {
        guard !webhooks.isEmpty else { return nil }
        return try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("MIN", args: SQLIdentifier("next_attempt_at")), as: "due")
                .from("outbox").where(SQLIdentifier("delivered_at"), .is, SQLLiteral.null)
                .where("webhook", .in, webhooks)
                .first(decodingColumn: "due", as: Int64?.self).flatMap { $0 }.map(Date.init(unixMilliseconds:))
        }
    }

    // MARK: Reading

    /// Undelivered rows of the subscribed webhooks and the oldest one's age: what the metrics report.
    public func backlog() async throws -> Backlog {
        try await database.withConnection { sql in
            let row = try await sql.select()
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .column(SQLFunction("MIN", args: SQLIdentifier("created_at")), as: "oldest")
                .from("outbox").where(SQLIdentifier("delivered_at"), .is, SQLLiteral.null)
                .where(
                    SQLIdentifier("webhook"), .in,
                    SQLGroupExpression(sql.select().column("name").from("outbox_webhooks").query)
                ).first()
            return Backlog(
                undelivered: try row?.decode(column: "n", as: Int.self) ?? 0,
                oldestCreatedAt: try row?.decode(column: "oldest", as: Int64?.self).map(Date.init(unixMilliseconds:)))
        }
    }

    /// Every row of a case (or all rows), in the order written.
    public func entries(of caseID: Case.ID? = nil) async throws -> [Entry] {
        try await database.withConnection { sql in
            var query = sql.select().column("*").from("outbox")
            if let caseID { query = query.where("case_id", .equal, caseID.rawValue) }
            return try await query.orderBy("id").all().map { row in
                Entry(
                    id: try row.decode(column: "id", as: Int64.self),
                    caseID: Case.ID(try row.decode(column: "case_id", as: Int64.self)),
                    sequence: try row.decode(column: "sequence", as: Int.self),
                    kind: try row.decode(column: "kind", as: String.self),
                    webhook: try row.decode(column: "webhook", as: String.self),
                    payload: try row.decode(column: "payload", as: String.self),
                    createdAt: Date(unixMilliseconds: try row.decode(column: "created_at", as: Int64.self)),
                    attempts: try row.decode(column: "attempts", as: Int.self),
                    nextAttemptAt: Date(unixMilliseconds: try row.decode(column: "next_attempt_at", as: Int64.self)),
                    deliveredAt: try row.decode(column: "delivered_at", as: Int64?.self)
                        .map(Date.init(unixMilliseconds:)),
                    lastError: try row.decode(column: "last_error", as: String?.self))
            }
        }
    }
}

/// What a webhook receives about one case event: the event's kind and time, and where the case stands after it.
/// No names, phone numbers or notes: receivers that need more read the case through the API.
public struct OutboxNotice: Codable, Sendable, Equatable {
    /// `case.` + the event's change name, e.g. `case.dispatched`; also the `X-Fengqiao-Event` header.
    public var type: String
    public var caseID: Int64
    public var caseNumber: String
    public var trackingCode: String
    /// The case's state and version after the event.
    public var state: String
    public var version: Int
    public var sequence: Int
    /// When the event happened (ISO 8601, UTC, milliseconds).
    public var at: String
    public var actorKind: String
    public var actorOrganisationID: Int64?
    public var regionPath: String
    public var categoryCode: String?
    public var urgency: String
    public var holderOrganisationID: Int64?
    /// A few facts of the change itself: the organisation that accepted or returned, the outcome, the clock alert.
    public var detail: [String: String]

    enum CodingKeys: String, CodingKey {
        case type, state, version, sequence, at, detail, urgency
        case caseID = "caseId"
        case caseNumber, trackingCode, actorKind
        case actorOrganisationID = "actorOrganisationId"
        case regionPath, categoryCode
        case holderOrganisationID = "holderOrganisationId"
    }

    /// The changes that matter to citizens and other systems: the closed loop's steps, escalation, supervision and
    /// clock alerts, and the ends (withdrawn, merged, reopened). Internal steps (assessment, time limits, progress
    /// notes, mediation details) are not sent.
    public static func notifies(_ change: CaseChange) -> Bool {
        switch change {
        case .registered, .answered, .dispatched, .accepted, .returned, .resolved, .followedUp, .closed, .escalated,
            .supervised, .clockAlerted, .reopened, .withdrawn, .merged:
            true
        default:
            false
        }
    }

    /// The notice of `event`, with `current` the case after it; nil for changes that are not sent.
    public init?(event: CaseEvent, after current: Case) {
        guard Self.notifies(event.change) else { return nil }
        type = "case." + event.change.name
        caseID = current.id.rawValue
        caseNumber = current.number
        trackingCode = current.trackingCode
        state = current.state.rawValue
        version = current.version
        sequence = event.sequence
        at = Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(event.at)
        actorKind = event.actor.kind.rawValue
        actorOrganisationID = event.actor.organisationID?.rawValue
        regionPath = current.regionPath
        categoryCode = current.categoryCode
        urgency = current.urgency.rawValue
        holderOrganisationID = current.holderOrganisationID?.rawValue
        var detail: [String: String] = [:]
        switch event.change {
        case .accepted(let organisation), .returned(let organisation):
            detail["organisationId"] = String(organisation.rawValue)
        case .resolved(let outcome, _):
            detail["outcome"] = outcome.rawValue
        case .followedUp(let satisfaction):
            detail["satisfaction"] = satisfaction.rawValue
        case .escalated(_, let toCenter):
            detail["toCenterId"] = String(toCenter.rawValue)
        case .supervised(let deadline, let organisation):
            detail["deadline"] = Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(deadline)
            if let organisation { detail["organisationId"] = String(organisation.rawValue) }
        case .clockAlerted(let alert):
            detail["clock"] = alert.kind.rawValue
            detail["level"] = alert.level.rawValue
            detail["dueAt"] = Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(alert.dueAt)
        case .merged(let into):
            detail["intoCaseId"] = String(into.rawValue)
        case .reopened(let state, _):
            detail["reopenedAs"] = state.rawValue
        default:
            break
        }
        self.detail = detail
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The body the webhook receives, exactly as stored and signed.
    func json() throws -> String {
        String(decoding: try Self.encoder.encode(self), as: UTF8.self)
    }
}

/// What the SMS gateway receives for one message (`FENGQIAO_SMS_URL`, docs/NOTIFICATIONS.md): the full phone
/// number, the text, and keys to dedupe on. Stored in the outbox row as sent.
public struct SMSMessage: Codable, Sendable, Equatable {
    public var phone: String
    public var text: String
    /// `case.` + the event's change name, e.g. `case.registered`.
    public var event: String
    public var caseNumber: String
    /// `caseId-sequence`: the same for every attempt at the same message.
    public var messageID: String
    /// The values of a cloud SMS template for the same message (`CitizenMessage.parameters`).
    public var parameters: [String: String]

    enum CodingKeys: String, CodingKey {
        case phone, text, event, caseNumber, parameters
        case messageID = "messageId"
    }

    public init(
        phone: String, text: String, event: String, caseNumber: String, messageID: String,
        parameters: [String: String] = [:]
    ) {
        self.phone = phone
        self.text = text
        self.event = event
        self.caseNumber = caseNumber
        self.messageID = messageID
        self.parameters = parameters
    }

    func json() throws -> String {
        String(decoding: try OutboxNotice.encoder.encode(self), as: UTF8.self)
    }
}
