import FengqiaoCore
import Foundation
import SQLKit

/// The rows one case occupies: its row in `cases`, its events in `case_events` (hash-chained), its organisations in
/// `case_organisations`, its text in `case_search`, its pending alerts in `deadlines`, its charges, its mediators
/// and its fulfilment tasks. The one place that says which column holds what.
///
/// Both write paths build their rows here: `CaseRepository` / `CaseWriter` (one case, one command at a time) and
/// `CaseBulkLoader` (thousands of cases per statement). **A column added to `cases` is added here**, in
/// `registrationColumns` (fixed when the case is registered) or `changingColumns` (rewritten by every command),
/// and both paths write it.
enum CaseRows {
    typealias Column = (name: String, value: SQLBind)

    /// The previous hash of a case's first event.
    static let genesis = String(repeating: "0", count: 64)

    /// Columns fixed at registration: later commands never rewrite them (a master case that takes in a duplicate's
    /// reporter keeps its own reporter's phone digits).
    static func registrationColumns(of current: Case) -> [Column] {
        [
            ("id", SQLBind(current.id.rawValue)),
            ("number", SQLBind(current.number)),
            ("tracking_code", SQLBind(current.trackingCode)),
            ("channel", SQLBind(current.channel.rawValue)),
            ("source_reference", SQLBind(current.sourceReference)),
            ("kind", SQLBind(current.kind.rawValue)),
            ("region_id", SQLBind(current.regionID.rawValue)),
            ("region_path", SQLBind(current.regionPath)),
            ("reporter_phone_last4", SQLBind(reporterPhoneLast4(of: current))),
            ("created_at", SQLBind(current.createdAt.unixMilliseconds)),
        ]
    }

    /// Columns that follow the case's state: written at registration and rewritten by every command (under the
    /// version check).
    static func changingColumns(of current: Case, calendar: WorkingCalendar) throws -> [Column] {
        [
            ("next_due_at", SQLBind(CaseClocks.nextDue(of: current, calendar: calendar)?.unixMilliseconds)),
            ("version", SQLBind(current.version)),
            ("state", SQLBind(current.state.rawValue)),
            ("title", SQLBind(current.title)),
            ("category_code", SQLBind(current.categoryCode)),
            ("urgency", SQLBind(current.urgency.rawValue)),
            ("whistle", SQLBind(current.whistle?.rawValue)),
            ("holder_organisation_id", SQLBind(current.holderOrganisationID?.rawValue)),
            ("snapshot", SQLBind(try CaseCodec.encode(current))),
            ("updated_at", SQLBind(current.updatedAt.unixMilliseconds)),
        ]
    }

    /// A whole `cases` row: the registration columns as the case was registered, the changing ones as it stands now,
    /// the end of its event chain and the facts of its file.
    static func caseRow(
        registered: Case, current: Case, headHash: String, facts: CaseFacts, calendar: WorkingCalendar
    ) throws -> [Column] {
        registrationColumns(of: registered) + (try changingColumns(of: current, calendar: calendar))
            + [("head_hash", SQLBind(headHash))] + (try factColumns(facts))
    }

    /// Columns that follow the facts of the case file (`CaseFacts`), rewritten with them after every command: the
    /// facts themselves, and what the dashboard and `/api/v1/metrics` sum in the database instead of decoding every
    /// case's facts — the conditions of every core rate (`CoreRates.conditions(of:)`) and, while the case stands
    /// resolved, the time of its latest resolution (the dashboard's trend). The time of registration, channel,
    /// kind, category, region path and state, which the filters and the dashboard also need, are the columns of the
    /// same names (the facts hold the same values).
    static func factColumns(_ facts: CaseFacts) throws -> [Column] {
        [
            ("facts", SQLBind(try CaseCodec.encode(facts))),
            ("metric_flags", SQLBind(CoreRates.conditions(of: facts))),
            ("resolved_at", SQLBind(facts.isResolved ? facts.resolvedAt?.unixMilliseconds : nil)),
        ]
    }

    static let metricOrganisationColumns = ["case_id", "organisation_id", "created_at", "region_path", "metric_flags"]

    /// The `case_metric_organisations` rows of a case: one per organisation its facts name
    /// (`CaseFacts.organisationIDs`, every organisation ever involved), with the case's registration time, region
    /// path and conditions, so that the per-organisation figures are summed from this table alone. It is not
    /// `case_organisations` (the inboxes and who may see a case): that one also leaves out a center that only
    /// dispatched, and a holder between two events of one command.
    static func metricOrganisationRows(of facts: CaseFacts) -> [[SQLBind]] {
        metricOrganisationRows(of: facts, only: facts.organisationIDs)
    }

    /// The `case_metric_organisations` rows of `organisations` (some of those the facts name).
    static func metricOrganisationRows(of facts: CaseFacts, only organisations: Set<Organisation.ID>) -> [[SQLBind]] {
        let conditions = CoreRates.conditions(of: facts)
        return organisations.sorted().map { organisation in
            [
                SQLBind(facts.id.rawValue), SQLBind(organisation.rawValue),
                SQLBind(facts.registeredAt.unixMilliseconds), SQLBind(facts.regionPath), SQLBind(conditions),
            ]
        }
    }

    /// The last four digits of the reporter's phone: with the tracking code, how a citizen finds their case.
    static func reporterPhoneLast4(of current: Case) -> String? {
        let phone = current.parties.first { $0.role == .reporter }?.phone?.filter(\.isNumber)
        return phone.map { String($0.suffix(4)) }
    }

    static let eventColumns = [
        "case_id", "sequence", "at", "change", "actor_user_id", "actor_organisation_id", "payload", "previous_hash",
        "hash",
    ]

    /// The `case_events` rows of `events`, chained on from `previousHash`, and the new end of the chain.
    static func eventRows(
        _ events: [CaseEvent], after previousHash: String
    ) throws -> (
        rows: [[SQLBind]], head: String
    ) {
        var previous = previousHash
        var rows: [[SQLBind]] = []
        rows.reserveCapacity(events.count)
        for event in events {
            let payload = try CaseCodec.encode(event)
            let hash = CaseCodec.chainHash(
                previous: previous, caseID: event.caseID, sequence: event.sequence, payload: payload)
            rows.append([
                SQLBind(event.caseID.rawValue), SQLBind(event.sequence), SQLBind(event.at.unixMilliseconds),
                SQLBind(event.change.name), SQLBind(event.actor.userID?.rawValue),
                SQLBind(event.actor.organisationID?.rawValue), SQLBind(payload), SQLBind(previous), SQLBind(hash),
            ])
            previous = hash
        }
        return (rows, previous)
    }

    /// What full-text search looks in: the title, the description and the parties' names.
    static func searchText(of current: Case) -> String {
        ([current.title, current.description] + current.parties.compactMap(\.name)).joined(separator: "\n")
    }

    static let deadlineColumns = ["case_id", "clock", "level", "clock_started_at", "due_at"]

    /// The alerts the case's running clocks still have to raise (`CaseClocks.deadlines`).
    static func deadlineRows(of current: Case, calendar: WorkingCalendar) -> [[SQLBind]] {
        deadlineRows(CaseClocks.deadlines(of: current, calendar: calendar), of: current.id)
    }

    /// The `deadlines` rows of some of a case's deadlines.
    static func deadlineRows(_ deadlines: [Deadline], of id: Case.ID) -> [[SQLBind]] {
        deadlines.map { deadline in
            [
                SQLBind(id.rawValue), SQLBind(deadline.kind.rawValue), SQLBind(deadline.level.rawValue),
                SQLBind(deadline.clockStartedAt.unixMilliseconds), SQLBind(deadline.dueAt.unixMilliseconds),
            ]
        }
    }

    static let chargeColumns = ["case_id", "organisation_id", "kind", "clock", "at"]

    /// Returns by the lead and red alerts in `events` (applied from `start` on), each charged to the organisation
    /// that caused it.
    static func chargeRows(_ events: [CaseEvent], startingFrom start: Case) -> [[SQLBind]] {
        var state = start
        var rows: [[SQLBind]] = []
        for event in events {
            var charged: (organisation: Organisation.ID, kind: String, clock: ClockKind?)?
            switch event.change {
            case .returned(let organisation) where state.lead?.organisationID == organisation:
                charged = (organisation, "return", nil)
            case .clockAlerted(let alert) where alert.level == .red:
                if let organisation = alert.organisationID { charged = (organisation, "overdue", alert.kind) }
            default:
                break
            }
            if let charged {
                rows.append([
                    SQLBind(event.caseID.rawValue), SQLBind(charged.organisation.rawValue), SQLBind(charged.kind),
                    SQLBind(charged.clock?.rawValue), SQLBind(event.at.unixMilliseconds),
                ])
            }
            state = CaseLifecycle.apply(event, to: state)
        }
        return rows
    }

    /// The mediators who held sessions on the case or were assigned to it.
    static func mediators(of current: Case) -> Set<Mediator.ID> {
        Set(current.timing.sessions.compactMap(\.mediatorID) + [current.mediation.mediatorID].compactMap { $0 })
    }

    static let fulfilmentColumns = ["case_id", "term", "due_at"]

    /// One open dated term: its index in the signed agreement and when it is due.
    struct FulfilmentTerm: Equatable {
        var term: Int
        var dueAt: Date
    }

    /// The dated terms of the signed agreement not yet checked fulfilled (none once withdrawn or merged).
    static func fulfilmentTerms(of current: Case) -> [FulfilmentTerm] {
        guard current.state != .withdrawn, current.state != .merged else { return [] }
        return current.mediation.openTerms.compactMap { index, term in
            term.dueDate.map { FulfilmentTerm(term: index, dueAt: $0) }
        }
    }

    /// The `fulfilment_tasks` rows of the case's open dated terms.
    static func fulfilmentRows(of current: Case) -> [[SQLBind]] {
        fulfilmentTerms(of: current).map {
            [SQLBind(current.id.rawValue), SQLBind($0.term), SQLBind($0.dueAt.unixMilliseconds)]
        }
    }

    static let outboxColumns = ["case_id", "sequence", "kind", "webhook", "payload", "created_at", "next_attempt_at"]

    /// The outbox rows of `events` (applied from `start` on, a registration leaving `start` as it is): one per
    /// notified event and webhook, due at once (`OutboxNotice`, docs/WEBHOOKS.md).
    static func outboxRows(_ events: [CaseEvent], startingFrom start: Case, webhooks: [String]) throws -> [[SQLBind]] {
        guard !webhooks.isEmpty else { return [] }
        return try outboxNotices(events, startingFrom: start).flatMap { notice in
            webhooks.map { webhook in
                [
                    SQLBind(notice.event.caseID.rawValue), SQLBind(notice.event.sequence), SQLBind(notice.type),
                    SQLBind(webhook), SQLBind(notice.payload), SQLBind(notice.event.at.unixMilliseconds),
                    SQLBind(notice.event.at.unixMilliseconds),
                ]
            }
        }
    }

    /// The notified events of `events` (applied from `start` on, a registration leaving `start` as it is), each
    /// with its notice's type and body: one outbox row per webhook each.
    static func outboxNotices(
        _ events: [CaseEvent], startingFrom start: Case
    ) throws -> [(event: CaseEvent, type: String, payload: String)] {
        var state = start
        var notices: [(event: CaseEvent, type: String, payload: String)] = []
        for event in events {
            if case .registered = event.change {} else { state = CaseLifecycle.apply(event, to: state) }
            guard let notice = OutboxNotice(event: event, after: state) else { continue }
            notices.append((event, notice.type, try notice.json()))
        }
        return notices
    }

    /// The counter that numbers the cases registered on `date`'s day (China time).
    static func numberCounter(for date: Date) -> String {
        let civil = ChinaTime.civilDate(date)
        return "case_number_" + String(format: "%04d%02d%02d", civil.year, civil.month, civil.day)
    }
}
