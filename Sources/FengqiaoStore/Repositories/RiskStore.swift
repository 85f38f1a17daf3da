import FengqiaoCore
import Foundation
import SQLKit

/// A stored warning with its visits.
public struct RiskWarningRecord: Sendable, Equatable {
    public var id: Int64
    public var subjectKind: RiskSubjectKind
    public var caseID: Case.ID
    public var regionPath: String
    public var warning: RiskWarning
    public var visits: [RiskVisitRecord]

    /// The organisations the warning sent (its police station and justice office).
    public var visitOrganisations: Set<Organisation.ID> { Set(visits.compactMap(\.organisationID)) }
}

/// A stored visit, with what a list shows of its warning.
public struct RiskVisitRecord: Sendable, Equatable {
    public var id: Int64
    public var warningID: Int64
    public var visitor: VisitorRole
    public var organisationID: Organisation.ID?
    public var regionPath: String
    public var gridCode: String
    public var due: Date
    public var doneAt: Date?
    public var outcome: VisitOutcome?
    public var note: String?
    public var recorded: [String]
    public var recordedBy: String?
    public var alertedAt: Date?
    public var grade: RiskGrade
    public var warningOpen: Bool
    public var subjectKind: RiskSubjectKind

    public func isOverdue(at now: Date) -> Bool { doneAt == nil && now > due }
}

/// One entry of a warning's history.
public struct RiskHistoryEntry: Sendable, Equatable {
    public var at: Date
    /// raised, regraded, visited, lowered, closed, visitOverdue
    public var kind: String
    public var grade: RiskGrade?
    public var score: Int?
    public var actor: String
    public var detail: String
}

/// Refusals of the risk store.
public enum RiskStoreError: UserFacingError, Equatable {
    case warningNotFound
    case visitNotFound
    case notYourVisit

    public var code: String {
        switch self {
        case .warningNotFound: "risk.warning_not_found"
        case .visitNotFound: "risk.visit_not_found"
        case .notYourVisit: "risk.not_your_visit"
        }
    }

    public var message: Localized {
        switch self {
        case .warningNotFound: Localized(zh: "找不到该预警。", en: "Warning not found.")
        case .visitNotFound: Localized(zh: "找不到该走访任务。", en: "Visit not found.")
        case .notYourVisit: Localized(zh: "该走访不由您记录。", en: "This visit is not yours to record.")
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .warningNotFound, .visitNotFound: .notFound
        case .notYourVisit: .forbidden
        }
    }
}

/// Risk warnings and their visits (docs/RISK.md): the lists each reader may see (`RiskAccess`), recording a visit,
/// the overdue visits' alerts, the leader's figures, earlier disputes between the same people.
public struct RiskStore: Sendable {
    let database: Database
    public let calendars: LiveCalendar

    public init(database: Database, calendars: LiveCalendar = LiveCalendar(.mainland)) {
        self.database = database
        self.calendars = calendars
    }

    // MARK: Lists

    public struct Filter: Sendable, Equatable {
        public var grade: RiskGrade?
        /// Warnings whose place lies under this region path.
        public var regionPath: String?
        public var open: Bool?
        public var limit: Int

        public init(grade: RiskGrade? = nil, regionPath: String? = nil, open: Bool? = nil, limit: Int = 100) {
            self.grade = grade
            self.regionPath = regionPath
            self.open = open
            self.limit = limit
        }
    }

    /// Restricts a query on warnings (alias `w`) to what `rule` may read: subtrees, or a visit of its organisations.
    static func restrict(
        _ query: SQLSelectBuilder, to rule: CaseVisibility.Predicate, in sql: any SQLDatabase
    ) -> SQLSelectBuilder {
        query.where { group in
            var group = group
            for path in rule.jurisdictionPaths {
                group = group.orWhere { $0.whereInSubtree(SQLColumn("region_path", table: "w"), of: path) }
            }
            if !rule.organisationIDs.isEmpty {
                group = group.orWhere(
                    SQLColumn("id", table: "w"), .in,
                    SQLGroupExpression(
                        sql.select().column("warning_id").from("risk_visits")
                            .where("organisation_id", .in, rule.organisationIDs.map(\.rawValue)).query))
            }
            // A predicate with neither matches nothing.
            return group.orWhere(SQLLiteral.boolean(false))
        }
    }

    /// The warnings `actor` may read, newest first.
    public func warnings(_ filter: Filter, visibleTo actor: Actor) async throws -> [RiskWarningRecord] {
        let rule = RiskAccess.predicate(for: actor)
        guard !rule.jurisdictionPaths.isEmpty || !rule.organisationIDs.isEmpty else { return [] }
        return try await database.withConnection { sql in
            var query = sql.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("w")))
                .from(SQLAlias(SQLIdentifier("risk_warnings"), as: SQLIdentifier("w")))
            query = Self.restrict(query, to: rule, in: sql)
            if let grade = filter.grade {
                query = query.where(SQLColumn("grade", table: "w"), .equal, SQLBind(grade.rawValue))
            }
            if let path = filter.regionPath {
                query = query.whereInSubtree(SQLColumn("region_path", table: "w"), of: path)
            }
            if let open = filter.open {
                query = query.where(SQLColumn("closed_at", table: "w"), open ? .is : .isNot, SQLLiteral.null)
            }
            let rows =
                try await query
                .orderBy(SQLOrderBy(expression: SQLColumn("raised_at", table: "w"), direction: SQLDirection.descending))
                .orderBy(SQLOrderBy(expression: SQLColumn("id", table: "w"), direction: SQLDirection.descending)).limit(
                    max(1, min(filter.limit, 500))
                ).all()
            var records = try rows.map(Self.record)
            let visits = try await Self.visits(ofWarnings: records.map(\.id), in: sql)
            for index in records.indices { records[index].visits = visits[records[index].id] ?? [] }
            return records
        }
    }

    /// One warning, if `actor` may read it (nil otherwise: whether it exists is not revealed).
    public func warning(_ id: Int64, visibleTo actor: Actor) async throws -> RiskWarningRecord? {
        guard let record = try await database.withConnection({ try await Self.find(id, in: $0) }) else { return nil }
        let may = RiskAccess.canView(
            regionPath: record.regionPath, visitOrganisations: record.visitOrganisations, by: actor)
        return may ? record : nil
    }

    public func history(of id: Int64) async throws -> [RiskHistoryEntry] {
        try await database.withConnection { sql in
            try await sql.select().columns("at", "kind", "grade", "score", "actor", "detail").from(
                "risk_warning_events"
            )
            .where("warning_id", .equal, id).orderBy("id").all().map { row in
                RiskHistoryEntry(
                    at: Date(unixMilliseconds: try row.decode(column: "at", as: Int64.self)),
                    kind: try row.decode(column: "kind", as: String.self),
                    grade: try row.decode(column: "grade", as: String?.self).flatMap(RiskGrade.init(rawValue:)),
                    score: try row.decode(column: "score", as: Int?.self),
                    actor: try row.decode(column: "actor", as: String.self),
                    detail: try row.decode(column: "detail", as: String.self))
            }
        }
    }

    /// The visits of open warnings that `actor` is to make (`pending`) or may read, soonest due first: a grid
    /// worker's in their grids, a department handler's for their organisations, the center's and leader's in their
    /// jurisdiction.
    public func visits(for actor: Actor, pending: Bool = true, limit: Int = 200) async throws -> [RiskVisitRecord] {
        let rule = RiskAccess.predicate(for: actor)
        guard !rule.jurisdictionPaths.isEmpty || !rule.organisationIDs.isEmpty else { return [] }
        return try await database.withConnection { sql in
            var query = Self.visitQuery(in: sql).where { group in
                var group = group
                // A grid worker is due their own visits; the center and the leader oversee every visit.
                for grant in actor.grants where RiskAccess.jurisdictionRoles.contains(grant.role) {
                    group = group.orWhere {
                        let place = $0.whereInSubtree(
                            SQLColumn("region_path", table: "v"), of: grant.jurisdictionPath)
                        return grant.role == .gridWorker
                            ? place.where(
                                SQLColumn("visitor", table: "v"), .equal, SQLBind(VisitorRole.gridWorker.rawValue))
                            : place
                    }
                }
                if !rule.organisationIDs.isEmpty {
                    group = group.orWhere(
                        SQLColumn("organisation_id", table: "v"), .in,
                        SQLBind.group(rule.organisationIDs.map(\.rawValue)))
                }
                return group.orWhere(SQLLiteral.boolean(false))
            }
            if pending {
                query = query.where(SQLColumn("done_at", table: "v"), .is, SQLLiteral.null)
                    .where(SQLColumn("closed_at", table: "w"), .is, SQLLiteral.null)
            }
            return try await query.orderBy(SQLColumn("due_at", table: "v")).orderBy(SQLColumn("id", table: "v"))
                .limit(max(1, min(limit, 500))).all().map(Self.visitRecord)
        }
    }

    /// One visit with its warning, if `actor` may read the warning.
    public func visit(_ id: Int64, visibleTo actor: Actor) async throws -> (RiskVisitRecord, RiskWarningRecord)? {
        guard
            let found = try await database.withConnection({ sql -> (RiskVisitRecord, RiskWarningRecord)? in
                guard
                    let row = try await Self.visitQuery(in: sql).where(SQLColumn("id", table: "v"), .equal, SQLBind(id))
                        .first()
                else { return nil }
                let visit = try Self.visitRecord(row)
                guard let warning = try await Self.find(visit.warningID, in: sql) else { return nil }
                return (visit, warning)
            })
        else { return nil }
        let may = RiskAccess.canView(
            regionPath: found.1.regionPath, visitOrganisations: found.1.visitOrganisations, by: actor)
        return may ? found : nil
    }

    // MARK: Recording a visit

    /// Records a visit by `actor` (who must be the visitor sent: `RiskAccess.canRecord`): its outcome lowers or closes
    /// the warning, indicators recorded re-score the subject (which may raise it). One transaction; a visit recorded
    /// twice (two phones at once) is refused for the second.
    public func recordVisit(
        _ id: Int64, by actor: Actor, outcome: VisitOutcome, note: String?, recorded: [String], at now: Date
    ) async throws -> RiskWarningRecord {
        let calendar = calendars.current
        return try await database.transaction { sql in
            guard
                let row = try await Self.visitQuery(in: sql).where(SQLColumn("id", table: "v"), .equal, SQLBind(id))
                    .first()
            else { throw RiskStoreError.visitNotFound }
            let visit = try Self.visitRecord(row)
            guard let stored = try await Self.find(visit.warningID, in: sql) else { throw RiskStoreError.visitNotFound }
            guard
                RiskAccess.canView(
                    regionPath: stored.regionPath, visitOrganisations: stored.visitOrganisations, by: actor)
            else { throw RiskStoreError.visitNotFound }
            guard
                RiskAccess.canRecord(
                    visitor: visit.visitor, organisationID: visit.organisationID, regionPath: visit.regionPath,
                    by: actor)
            else { throw RiskStoreError.notYourVisit }
            var updated = try RiskWarnings.recordVisit(
                stored.warning, by: visit.visitor, outcome: outcome, note: note, recorded: recorded, at: now)
            let won = try await sql.update("risk_visits").set("done_at", to: now.unixMilliseconds)
                .set("outcome", to: outcome.rawValue).set("note", to: note)
                .set("recorded", to: try CaseCodec.encode(recorded)).set("recorded_by", to: actor.displayName)
                .where("id", .equal, id).where("done_at", .is, SQLLiteral.null).returning("id").first()
            guard won != nil else { throw RiskWarnings.VisitError.alreadyDone(visit.visitor) }
            var detail = visit.visitor.name.zh + "：" + outcome.name.zh
            if !recorded.isEmpty {
                // What the visitor found re-scores the subject: it may raise the warning.
                let signals =
                    stored.warning.assessment.fired.map {
                        RiskSignal(indicator: $0.indicator, at: $0.at, evidence: $0.evidence)
                    } + recorded.map { RiskSignal(indicator: $0, at: now, evidence: "走访录入") }
                let model = try await RiskModels.inForce(at: now, in: sql)
                let assessment = RiskScoring.assess(signals, at: now, model: model)
                updated = RiskWarnings.reassess(updated, with: assessment, at: now, calendar: calendar)
                detail +=
                    "；录入："
                    + recorded.compactMap { RiskCatalogue.indicator($0)?.name.zh }.joined(separator: "、")
            }
            let kind =
                !updated.isOpen
                ? "closed"
                : updated.grade < stored.warning.grade
                    ? "lowered" : updated.grade > stored.warning.grade ? "regraded" : "visited"
            try await Self.save(
                updated, id: stored.id, before: stored.warning, caseID: stored.caseID, regionPath: stored.regionPath,
                event: kind, actor: actor.displayName, detail: detail, at: now, in: sql)
            guard let saved = try await Self.find(stored.id, in: sql) else { throw RiskStoreError.warningNotFound }
            return saved
        }
    }

    // MARK: Overdue visits

    /// Alerts every visit of an open warning that is past due and not yet alerted, once: the conditional UPDATE
    /// (`alerted_at IS NULL`) lets one instance win each visit. An alerted visit is charged like an overdue case
    /// (`charges`, kind `overdue`, clock `riskVisit`) to the organisation sent, or for a grid worker's visit to the
    /// case's center, and written in the warning's history. Returns how many it alerted.
    @discardableResult
    public func alertOverdueVisits(at now: Date, limit: Int = 500) async throws -> Int {
        let due = try await database.withConnection { sql in
            try await sql.select().column("id").from("risk_visits").where("done_at", .is, SQLLiteral.null)
                .where("alerted_at", .is, SQLLiteral.null).where("due_at", .lessThan, now.unixMilliseconds)
                .orderBy("due_at").limit(limit).all(decodingColumn: "id", as: Int64.self)
        }
        var alerted = 0
        for id in due {
            let won = try await database.transaction { sql -> Bool in
                guard
                    let row = try await sql.update("risk_visits").set("alerted_at", to: now.unixMilliseconds)
                        .where("id", .equal, id).where("alerted_at", .is, SQLLiteral.null)
                        .where("done_at", .is, SQLLiteral.null).returning("warning_id", "visitor", "organisation_id")
                        .first()
                else { return false }
                let warningID = try row.decode(column: "warning_id", as: Int64.self)
                guard let stored = try await Self.find(warningID, in: sql), stored.warning.isOpen else { return true }
                let visitor = VisitorRole(rawValue: try row.decode(column: "visitor", as: String.self)) ?? .gridWorker
                var charged = try row.decode(column: "organisation_id", as: Int64?.self)
                if charged == nil {
                    charged = try await CaseRepository.load(stored.caseID, in: sql)?.centerOrganisationID?.rawValue
                }
                if let charged {
                    try await CaseBulkLoader.insertRows(
                        into: "charges", columns: CaseRows.chargeColumns,
                        rows: [
                            [
                                SQLBind(stored.caseID.rawValue), SQLBind(charged), SQLBind("overdue"),
                                SQLBind("riskVisit"), SQLBind(now.unixMilliseconds),
                            ]
                        ], in: sql)
                }
                try await Self.event(
                    warningID, kind: "visitOverdue", grade: stored.warning.grade,
                    score: stored.warning.assessment.score, actor: "", detail: visitor.name.zh, at: now, in: sql)
                return true
            }
            if won { alerted += 1 }
        }
        return alerted
    }

    // MARK: The leader's figures

    public struct Panel: Sendable, Equatable {
        public var openByGrade: [RiskGrade: Int]
        /// Open warnings per region path (the caller names the regions).
        public var openByRegion: [String: Int]
        public var overdueVisits: Int
        /// Warnings raised in the last year, and of them those a new case or police incident followed.
        public var raisedInYear: Int
        public var followedInYear: Int
        public var closedInYear: Int
        public var visitedOnTimeInYear: Int

        /// The share of warnings that something followed: how often a warning was right. Nil without warnings.
        public var precision: Double? { raisedInYear == 0 ? nil : Double(followedInYear) / Double(raisedInYear) }
    }

    /// The figures of the warnings in `jurisdictionPaths`; `depth` cuts region paths to the level the regions are
    /// counted by (a county's leader counts per township: the path's first four codes).
    public func panel(jurisdictionPaths: [String], depth: Int, at now: Date) async throws -> Panel {
        let empty = Panel(
            openByGrade: [:], openByRegion: [:], overdueVisits: 0, raisedInYear: 0, followedInYear: 0,
            closedInYear: 0, visitedOnTimeInYear: 0)
        guard !jurisdictionPaths.isEmpty else { return empty }
        let rule = CaseVisibility.Predicate(jurisdictionPaths: jurisdictionPaths, organisationIDs: [])
        return try await database.withConnection { sql in
            var panel = empty
            // Counted in the database, whatever the number of warnings: open ones per region and grade, and the
            // year's raised, followed, closed and visited-on-time ones (every visit done by its due time).
            let open = try await Self.restrict(
                sql.select().column(SQLColumn("region_path", table: "w")).column(SQLColumn("grade", table: "w"))
                    .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                    .from(SQLAlias(SQLIdentifier("risk_warnings"), as: SQLIdentifier("w")))
                    .where(SQLColumn("closed_at", table: "w"), .is, SQLLiteral.null), to: rule, in: sql
            ).groupBy(SQLColumn("region_path", table: "w")).groupBy(SQLColumn("grade", table: "w")).all()
            for row in open {
                let grade = RiskGrade(rawValue: try row.decode(column: "grade", as: String.self)) ?? .blue
                let count = try row.decode(column: "n", as: Int.self)
                panel.openByGrade[grade, default: 0] += count
                let path = try row.decode(column: "region_path", as: String.self)
                let cut = "/" + path.split(separator: "/").prefix(depth).joined(separator: "/") + "/"
                panel.openByRegion[cut, default: 0] += count
            }
            let year = now.addingTimeInterval(-RiskAssessor.year).unixMilliseconds
            let sum = { (condition: String) in SQLRaw("SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END)") }
            let onTime =
                "EXISTS (SELECT 1 FROM risk_visits v WHERE v.warning_id = w.id) AND NOT EXISTS (SELECT 1 FROM "
                + "risk_visits v WHERE v.warning_id = w.id AND (v.done_at IS NULL OR v.done_at > v.due_at))"
            let recent = try await Self.restrict(
                sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "raised")
                    .column(sum("w.followed_by_incident"), as: "followed")
                    .column(SQLFunction("COUNT", args: SQLColumn("closed_at", table: "w")), as: "closed")
                    .column(sum(onTime), as: "on_time")
                    .from(SQLAlias(SQLIdentifier("risk_warnings"), as: SQLIdentifier("w")))
                    .where(SQLColumn("raised_at", table: "w"), .greaterThanOrEqual, SQLBind(year)), to: rule, in: sql
            ).first()
            if let recent {
                panel.raisedInYear = try recent.decode(column: "raised", as: Int.self)
                panel.followedInYear = try recent.decode(column: "followed", as: Int?.self) ?? 0
                panel.closedInYear = try recent.decode(column: "closed", as: Int.self)
                panel.visitedOnTimeInYear = try recent.decode(column: "on_time", as: Int?.self) ?? 0
            }
            var overdue = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(SQLAlias(SQLIdentifier("risk_visits"), as: SQLIdentifier("v")))
                .join(
                    SQLAlias(SQLIdentifier("risk_warnings"), as: SQLIdentifier("w")), method: SQLJoinMethod.inner,
                    on: SQLColumn("id", table: "w"), .equal, SQLColumn("warning_id", table: "v")
                )
                .where(SQLColumn("done_at", table: "v"), .is, SQLLiteral.null)
                .where(SQLColumn("due_at", table: "v"), .lessThan, SQLBind(now.unixMilliseconds))
                .where(SQLColumn("closed_at", table: "w"), .is, SQLLiteral.null)
            overdue = overdue.where { group in
                var group = group
                for path in jurisdictionPaths {
                    group = group.orWhere { $0.whereInSubtree(SQLColumn("region_path", table: "v"), of: path) }
                }
                return group
            }
            panel.overdueVisits = try await overdue.first(decodingColumn: "n", as: Int.self) ?? 0
            return panel
        }
    }

    // MARK: Earlier disputes between the same people

    /// The earlier cases sharing a person or household key with `id` (within three years), newest first. The
    /// caller keeps those the reader may see (`CaseVisibility`) and writes the look-up to the access log.
    public func earlierDisputes(of id: Case.ID, limit: Int = 20) async throws -> [Case] {
        try await database.withConnection { sql in
            let keys = try await sql.select().columns("person_key", "household_key").from("case_people")
                .where("case_id", .equal, id.rawValue).all()
            var all = Set<String>()
            for row in keys {
                if let key = try row.decode(column: "person_key", as: String?.self) { all.insert(key) }
                if let key = try row.decode(column: "household_key", as: String?.self) { all.insert(key) }
            }
            guard !all.isEmpty, let current = try await CaseRepository.load(id, in: sql) else { return [] }
            let ids = try await CasePeople.cases(
                sharing: all.sorted(), from: current.createdAt.addingTimeInterval(-3 * RiskAssessor.year),
                to: current.createdAt, excluding: id, limit: limit, in: sql)
            var cases: [Case] = []
            for other in ids { if let found = try await CaseRepository.load(other, in: sql) { cases.append(found) } }
            return cases
        }
    }

    // MARK: Backfill

    /// Writes `case_people` for the cases registered before M0022 (at each start, until done; a no-op after).
    /// Returns how many cases it read.
    @discardableResult
    public func backfill(key: PersonKey, batch: Int = 2000) async throws -> Int {
        let pending = try await database.withConnection { sql in
            try await sql.select().column("last_case_id").from("risk_backfill").where("name", .equal, "case_people")
                .first(decodingColumn: "last_case_id", as: Int64.self)
        }
        guard let pending, pending >= 0 else { return 0 }
        var total = 0
        while true {
            let read = try await database.transaction { sql -> Int in
                guard
                    let last = try await sql.select().column("last_case_id").from("risk_backfill")
                        .where("name", .equal, "case_people").first(decodingColumn: "last_case_id", as: Int64.self),
                    last >= 0
                else { return 0 }
                let rows = try await sql.select().columns("id", "snapshot").from("cases").where(
                    "id", .greaterThan, last
                )
                .orderBy("id").limit(batch).all()
                var people: [[SQLBind]] = []
                var newest = last
                for row in rows {
                    let current = try CaseRepository.decodeSnapshot(row)
                    newest = max(newest, current.id.rawValue)
                    let present = try await sql.select().column("case_id").from("case_people")
                        .where("case_id", .equal, current.id.rawValue).limit(1).first()
                    if present == nil { people += CasePeople.rows(of: current, key: key) }
                }
                try await CaseBulkLoader.insertRows(
                    into: "case_people", columns: CasePeople.columns, rows: people, in: sql)
                try await sql.update("risk_backfill").set("last_case_id", to: rows.count < batch ? -1 : newest)
                    .where("name", .equal, "case_people").run()
                return rows.count
            }
            total += read
            if read < batch { return total }
        }
    }

    // MARK: Rows (in the caller's transaction)

    static let visitColumns: [any SQLExpression] = [
        SQLColumn(SQLLiteral.all, table: SQLIdentifier("v")), SQLColumn("grade", table: "w"),
        SQLColumn("closed_at", table: "w"), SQLColumn("subject_kind", table: "w"),
    ]

    static func visitQuery(in sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(visitColumns)
            .from(SQLAlias(SQLIdentifier("risk_visits"), as: SQLIdentifier("v")))
            .join(
                SQLAlias(SQLIdentifier("risk_warnings"), as: SQLIdentifier("w")), method: SQLJoinMethod.inner,
                on: SQLColumn("id", table: "w"), .equal, SQLColumn("warning_id", table: "v"))
    }

    static func visitRecord(_ row: any SQLRow) throws -> RiskVisitRecord {
        RiskVisitRecord(
            id: try row.decode(column: "id", as: Int64.self),
            warningID: try row.decode(column: "warning_id", as: Int64.self),
            visitor: VisitorRole(rawValue: try row.decode(column: "visitor", as: String.self)) ?? .gridWorker,
            organisationID: try row.decode(column: "organisation_id", as: Int64?.self).map { Organisation.ID($0) },
            regionPath: try row.decode(column: "region_path", as: String.self),
            gridCode: try row.decode(column: "grid_code", as: String.self),
            due: Date(unixMilliseconds: try row.decode(column: "due_at", as: Int64.self)),
            doneAt: try row.decode(column: "done_at", as: Int64?.self).map(Date.init(unixMilliseconds:)),
            outcome: try row.decode(column: "outcome", as: String?.self).flatMap(VisitOutcome.init(rawValue:)),
            note: try row.decode(column: "note", as: String?.self),
            recorded: try CaseCodec.decoder.decode(
                [String].self, from: Data(try row.decode(column: "recorded", as: String.self).utf8)),
            recordedBy: try row.decode(column: "recorded_by", as: String?.self),
            alertedAt: try row.decode(column: "alerted_at", as: Int64?.self).map(Date.init(unixMilliseconds:)),
            grade: RiskGrade(rawValue: try row.decode(column: "grade", as: String.self)) ?? .blue,
            warningOpen: try row.decode(column: "closed_at", as: Int64?.self) == nil,
            subjectKind: RiskSubjectKind(rawValue: try row.decode(column: "subject_kind", as: String.self)) ?? .dispute)
    }

    static func record(_ row: any SQLRow) throws -> RiskWarningRecord {
        var record = try recordBody(row)
        // Marked by a later case in SQL alone (`RiskAssessor.caseWritten`): the column is the truth.
        record.warning.followedByIncident = try row.decode(column: "followed_by_incident", as: Bool.self)
        return record
    }

    static func recordBody(_ row: any SQLRow) throws -> RiskWarningRecord {
        RiskWarningRecord(
            id: try row.decode(column: "id", as: Int64.self),
            subjectKind: RiskSubjectKind(rawValue: try row.decode(column: "subject_kind", as: String.self))
                ?? .dispute,
            caseID: Case.ID(try row.decode(column: "case_id", as: Int64.self)),
            regionPath: try row.decode(column: "region_path", as: String.self),
            warning: try CaseCodec.decoder.decode(
                RiskWarning.self, from: Data(try row.decode(column: "body", as: String.self).utf8)),
            visits: [])
    }

    static func find(_ id: Int64, in sql: any SQLDatabase) async throws -> RiskWarningRecord? {
        guard
            let row = try await sql.select().column(SQLLiteral.all).from("risk_warnings").where("id", .equal, id)
                .first()
        else { return nil }
        var record = try record(row)
        record.visits = try await visits(ofWarnings: [id], in: sql)[id] ?? []
        return record
    }

    static func visits(ofWarnings ids: [Int64], in sql: any SQLDatabase) async throws -> [Int64: [RiskVisitRecord]] {
        guard !ids.isEmpty else { return [:] }
        var found: [Int64: [RiskVisitRecord]] = [:]
        for row in try await visitQuery(in: sql).where(SQLColumn("warning_id", table: "v"), .in, SQLBind.group(ids))
            .orderBy(SQLColumn("id", table: "v")).all()
        {
            let visit = try visitRecord(row)
            found[visit.warningID, default: []].append(visit)
        }
        return found
    }

    /// The newest warning of a subject.
    static func latest(subjectKey: String, in sql: any SQLDatabase) async throws -> (id: Int64, warning: RiskWarning)? {
        guard
            let row = try await sql.select().columns("id", "body").from("risk_warnings")
                .where("subject_key", .equal, subjectKey).orderBy("raised_at", .descending)
                .orderBy("id", .descending).limit(1).first()
        else { return nil }
        return (
            try row.decode(column: "id", as: Int64.self),
            try CaseCodec.decoder.decode(
                RiskWarning.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
        )
    }

    /// The township's police station and justice office (司法所: a department so named) above a place: the nearest
    /// of each kind among the organisations of the regions on its path, in service.
    static func visitOrganisations(
        regionPath: String, in sql: any SQLDatabase
    ) async throws -> [VisitorRole: Organisation.ID] {
        let codes = regionPath.split(separator: "/").map(String.init)
        let prefixes = codes.indices.map { "/" + codes[...$0].joined(separator: "/") + "/" }
        guard !prefixes.isEmpty else { return [:] }
        let rows = try await sql.select().column(SQLColumn("id", table: "o")).column(SQLColumn("kind", table: "o"))
            .column(SQLColumn("name", table: "o")).column(SQLColumn("path", table: "r"))
            .from(SQLAlias(SQLIdentifier("organisations"), as: SQLIdentifier("o")))
            .join(
                SQLAlias(SQLIdentifier("regions"), as: SQLIdentifier("r")), method: SQLJoinMethod.inner,
                on: SQLColumn("id", table: "r"), .equal, SQLColumn("region_id", table: "o")
            )
            .where(SQLColumn("path", table: "r"), .in, SQLBind.group(prefixes))
            .where(SQLColumn("retired_at", table: "o"), .is, SQLLiteral.null)
            .where(SQLColumn("kind", table: "o"), .in, SQLBind.group(["policeStation", "department"]))
            .orderBy(SQLColumn("id", table: "o")).all()
        var found: [VisitorRole: (depth: Int, id: Int64)] = [:]
        for row in rows {
            let depth = try row.decode(column: "path", as: String.self).count
            let id = try row.decode(column: "id", as: Int64.self)
            guard let kind = OrganisationKind(rawValue: try row.decode(column: "kind", as: String.self)),
                let role = VisitorRole.of(kind: kind, name: try row.decode(column: "name", as: String.self))
            else { continue }
            if let kept = found[role], kept.depth >= depth { continue }
            found[role] = (depth, id)
        }
        return found.mapValues { Organisation.ID($0.id) }
    }

    static func insert(
        _ warning: RiskWarning, subjectKey: String, keys: [String], caseID: Case.ID, regionPath: String, at now: Date,
        in sql: any SQLDatabase
    ) async throws {
        guard
            let id = try await sql.insert(into: "risk_warnings")
                .columns(
                    "subject_kind", "subject_key", "open_subject", "case_id", "region_path", "grade", "grade_rank",
                    "score", "model_version", "raised_at", "followed_by_incident", "body", "updated_at"
                )
                .values(
                    SQLBind(warning.subject.rawValue), SQLBind(subjectKey), SQLBind(subjectKey),
                    SQLBind(caseID.rawValue), SQLBind(regionPath), SQLBind(warning.grade.rawValue),
                    SQLBind(warning.grade.rank), SQLBind(warning.assessment.score),
                    SQLBind(warning.assessment.modelVersion), SQLBind(now.unixMilliseconds), SQLBind(false),
                    SQLBind(try CaseCodec.encode(warning)), SQLBind(now.unixMilliseconds)
                )
                // Another transaction raised one for the subject first: never a second open warning.
                .ignoringConflicts(with: ["open_subject"])
                .returning("id").first(decodingColumn: "id", as: Int64.self)
        else { return }
        try await CaseBulkLoader.insertRows(
            into: "risk_warning_keys", columns: ["warning_id", "key"],
            rows: Set(keys).sorted().map { [SQLBind(id), SQLBind($0)] }, in: sql)
        try await syncVisits(warning, id: id, regionPath: regionPath, in: sql)
        try await event(
            id, kind: "raised", grade: warning.grade, score: warning.assessment.score, actor: "",
            detail: warning.assessment.reasons.zh, at: now, in: sql)
    }

    static func save(
        _ warning: RiskWarning, id: Int64, before: RiskWarning, caseID: Case.ID, regionPath: String,
        event kind: String?,
        actor: String, detail: String, at now: Date, in sql: any SQLDatabase
    ) async throws {
        var update = sql.update("risk_warnings").set("grade", to: warning.grade.rawValue)
            .set("grade_rank", to: warning.grade.rank).set("score", to: warning.assessment.score)
            .set("model_version", to: warning.assessment.modelVersion).set("body", to: try CaseCodec.encode(warning))
            .set("updated_at", to: now.unixMilliseconds)
        if let closed = warning.closedAt {
            update = update.set("closed_at", to: closed.unixMilliseconds).set("open_subject", to: SQLLiteral.null)
        }
        try await update.where("id", .equal, id).run()
        try await syncVisits(warning, id: id, regionPath: regionPath, in: sql)
        if let kind {
            try await event(
                id, kind: kind, grade: warning.grade, score: warning.assessment.score, actor: actor,
                detail: detail.isEmpty ? warning.assessment.reasons.zh : detail, at: now, in: sql)
        }
    }

    /// Writes the visits of `warning` not yet in `risk_visits` and moves the due time of those not done.
    static func syncVisits(_ warning: RiskWarning, id: Int64, regionPath: String, in sql: any SQLDatabase) async throws
    {
        let stored = try await sql.select().columns("visitor", "due_at", "done_at").from("risk_visits")
            .where("warning_id", .equal, id).all()
        var present: [String: (due: Int64, done: Bool)] = [:]
        for row in stored {
            present[try row.decode(column: "visitor", as: String.self)] = (
                try row.decode(column: "due_at", as: Int64.self),
                try row.decode(column: "done_at", as: Int64?.self) != nil
            )
        }
        var organisations: [VisitorRole: Organisation.ID]?
        for visit in warning.visits {
            if let kept = present[visit.visitor.rawValue] {
                if !kept.done, kept.due != visit.due.unixMilliseconds {
                    try await sql.update("risk_visits").set("due_at", to: visit.due.unixMilliseconds)
                        .where("warning_id", .equal, id).where("visitor", .equal, visit.visitor.rawValue).run()
                }
                continue
            }
            if organisations == nil { organisations = try await visitOrganisations(regionPath: regionPath, in: sql) }
            try await sql.insert(into: "risk_visits")
                .columns("warning_id", "visitor", "organisation_id", "region_path", "grid_code", "due_at", "recorded")
                .values(
                    SQLBind(id), SQLBind(visit.visitor.rawValue),
                    SQLBind(organisations?[visit.visitor]?.rawValue), SQLBind(regionPath),
                    SQLBind(CasePeople.gridCode(of: regionPath)), SQLBind(visit.due.unixMilliseconds), SQLBind("[]")
                ).run()
        }
    }

    static func event(
        _ id: Int64, kind: String, grade: RiskGrade?, score: Int?, actor: String, detail: String, at now: Date,
        in sql: any SQLDatabase
    ) async throws {
        try await sql.insert(into: "risk_warning_events")
            .columns("warning_id", "at", "kind", "grade", "score", "actor", "detail")
            .values(
                SQLBind(id), SQLBind(now.unixMilliseconds), SQLBind(kind), SQLBind(grade?.rawValue), SQLBind(score),
                SQLBind(actor), SQLBind(detail)
            ).run()
    }
}
