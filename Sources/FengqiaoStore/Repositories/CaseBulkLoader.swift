import FengqiaoCore
import Foundation
import SQLKit

/// Loads many cases at once: generated demo data (`fengqiao generate`), later imports. Each case is replayed
/// through the workflow (`CaseWorkflow.register`, `decide`, `merge`: the same checks as the API), and its
/// rows are built by `CaseRows`, exactly as `CaseWriter` builds them one command at a time; only the writing differs:
/// multi-row INSERTs, thousands of cases per transaction, and the final rows of each case written once.
///
/// Two steps, so that a caller can replay the next batch on one core while the previous one is written:
/// `prepare` reserves the batch's case ids and daily numbers (one short transaction) and replays it in memory;
/// `write` inserts what `prepare` made.
public struct CaseBulkLoader: Sendable {
    let database: Database
    let calendar: WorkingCalendar
    /// Recognises the parties across cases: each loaded case's `case_people` rows are written with it.
    let personKey: PersonKey

    public init(database: Database, calendar: WorkingCalendar = .mainland, personKey: PersonKey = .unconfigured) {
        self.database = database
        self.calendar = calendar
        self.personKey = personKey
    }

    /// A batch replayed and encoded, ready to be written.
    public struct Prepared: Sendable {
        var cases: [PreparedCase]
        public var count: Int { cases.count }
        public var eventCount: Int { cases.reduce(0) { $0 + $1.events.count } }
    }

    struct PreparedCase: Sendable {
        var id: Case.ID
        var row: [CaseRows.Column]
        var events: [[SQLBind]]
        var organisations: [Organisation.ID]
        var metricOrganisations: [[SQLBind]]
        var searchText: String
        var deadlines: [[SQLBind]]
        var charges: [[SQLBind]]
        var mediators: [Mediator.ID]
        var fulfilment: [[SQLBind]]
        var outbox: [[SQLBind]]
        var idempotencyKey: String
        var registeredAt: Date
        var attachments: [Attachment]
        var people: [[SQLBind]]
    }

    /// Replays and writes `scripts` (`prepare` then `write`); returns how many cases were made.
    @discardableResult
    public func load(_ scripts: [CaseScript], casesPerTransaction: Int = 5000) async throws -> Int {
        let prepared = try await prepare(scripts)
        try await write(prepared, casesPerTransaction: casesPerTransaction)
        return prepared.count
    }

    /// Reserves ids and numbers for `scripts` and replays them through the lifecycle. A script's `mergeInto` refers
    /// to an earlier script of the same batch. Any refusal (a step the lifecycle does not allow, an unknown region
    /// or inactive category, an idempotency key, tracking code or source reference repeated in the batch or already
    /// written) throws, and no case is written; ids and numbers reserved before a refusal in the replay stay unused.
    public func prepare(_ scripts: [CaseScript]) async throws -> Prepared {
        guard !scripts.isEmpty else { return Prepared(cases: []) }
        for script in scripts {
            guard !script.idempotencyKey.isEmpty, script.idempotencyKey.count <= 200 else {
                throw CaseStoreError.invalidIdempotencyKey
            }
        }
        let (firstID, numbers, regionPaths, activeCategories, history, levels) = try await database.transaction { sql in
            let first =
                try await CaseRepository.next("case_id", count: Int64(scripts.count), in: sql)
                - Int64(scripts.count) + 1
            var perDay: [String: Int64] = [:]
            var order: [String] = []
            for script in scripts {
                let counter = CaseRows.numberCounter(for: script.registeredAt)
                if perDay[counter] == nil { order.append(counter) }
                perDay[counter, default: 0] += 1
            }
            var nextNumber: [String: Int64] = [:]
            for counter in order {
                let count = perDay[counter] ?? 0
                nextNumber[counter] = try await CaseRepository.next(counter, count: count, in: sql) - count + 1
            }
            var numbers: [Int] = []
            numbers.reserveCapacity(scripts.count)
            for script in scripts {
                let counter = CaseRows.numberCounter(for: script.registeredAt)
                let number = nextNumber[counter] ?? 1
                numbers.append(Int(number))
                nextNumber[counter] = number + 1
            }
            let paths = try await sql.select().columns("id", "path").from("regions").all().reduce(into: [:]) {
                (paths: inout [Region.ID: String], row) in
                paths[Region.ID(try row.decode(column: "id", as: Int64.self))] = try row.decode(
                    column: "path", as: String.self)
            }
            let categories = Set(
                try await sql.select().column("code").from("categories").where("active", .equal, true).all()
                    .map { try $0.decode(column: "code", as: String.self) })
            let keys = try await Self.taken(
                scripts.map(\.idempotencyKey), column: "key", of: "idempotency_keys", in: sql)
            if let key = keys.first { throw CaseBulkLoadError.idempotencyKeyTaken(key) }
            let codes = try await Self.taken(scripts.map(\.trackingCode), column: "tracking_code", of: "cases", in: sql)
            if let code = codes.first { throw CaseBulkLoadError.trackingCodeTaken(code) }
            if let reference = try await Self.takenSourceReferences(scripts.map(\.intake), in: sql).first {
                throw CaseBulkLoadError.sourceReferenceTaken(reference)
            }
            let history = try await TimeLimitRepository.history(in: sql)
            let levels = try await OrganisationRepository.levels(of: nil, in: sql)
            return (first, numbers, paths, categories, history, levels)
        }
        var replayer = Replayer(
            regionPaths: regionPaths, activeCategories: activeCategories, history: history, levels: levels,
            calendar: calendar)
        // Loaded cases notify the webhooks; they send no text messages (an import does not text anyone).
        replayer.personKey = personKey
        replayer.webhooks = try await database.withConnection { try await OutboxRepository.webhooks(in: $0) }
            .filter { $0 != OutboxRepository.smsChannel }
        for (index, script) in scripts.enumerated() {
            try replayer.register(
                script, index: index, id: Case.ID(firstID + Int64(index)),
                number: CaseNumbering.number(date: script.registeredAt, sequence: numbers[index]))
        }
        // Encoding and hashing the rows is most of the work, and each case's rows stand alone: use every core.
        let replayed = replayer
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, scripts.count / 500))
        return Prepared(
            cases: try await withThrowingTaskGroup(of: (Int, [PreparedCase]).self) { group in
                for part in 0..<parts {
                    let range = (scripts.count * part / parts)..<(scripts.count * (part + 1) / parts)
                    group.addTask {
                        (part, try range.map { try replayed.rows(of: $0, script: scripts[$0]) })
                    }
                }
                var pieces = [[PreparedCase]](repeating: [], count: parts)
                for try await (part, piece) in group { pieces[part] = piece }
                return pieces.flatMap { $0 }
            })
    }

    /// Writes a prepared batch, `casesPerTransaction` cases per transaction. Each transaction is whole; a failure
    /// leaves the earlier transactions of the batch written.
    public func write(_ prepared: Prepared, casesPerTransaction: Int = 5000) async throws {
        let size = max(1, casesPerTransaction)
        for start in stride(from: 0, to: prepared.cases.count, by: size) {
            let slice = Array(prepared.cases[start..<min(start + size, prepared.cases.count)])
            try await database.transaction { [dialect = database.dialect] sql in
                try await Self.insert(slice, dialect: dialect, in: sql)
            }
        }
    }

    // MARK: Writing

    /// SQLite allows 32,766 bound values per statement, PostgreSQL 65,535: stay well below.
    static let bindsPerStatement = 30_000

    static func insert(_ cases: [PreparedCase], dialect: StoreDialect, in sql: any SQLDatabase) async throws {
        guard let first = cases.first else { return }
        try await insertRows(
            into: "cases", columns: first.row.map(\.name), rows: cases.map { $0.row.map(\.value) }, in: sql)
        try await insertRows(
            into: "case_events", columns: CaseRows.eventColumns, rows: cases.flatMap(\.events), in: sql)
        try await insertRows(
            into: "case_organisations", columns: ["case_id", "organisation_id"],
            rows: cases.flatMap { item in
                item.organisations.map { [SQLBind(item.id.rawValue), SQLBind($0.rawValue)] }
            }, in: sql)
        try await insertRows(
            into: "case_metric_organisations", columns: CaseRows.metricOrganisationColumns,
            rows: cases.flatMap(\.metricOrganisations), in: sql)
        try await insertRows(
            into: "case_search", columns: dialect.searchColumns,
            rows: cases.map { [SQLBind($0.id.rawValue), SQLBind($0.searchText)] }, in: sql)
        try await insertRows(
            into: "deadlines", columns: CaseRows.deadlineColumns, rows: cases.flatMap(\.deadlines), in: sql)
        try await insertRows(into: "charges", columns: CaseRows.chargeColumns, rows: cases.flatMap(\.charges), in: sql)
        try await insertRows(
            into: "case_mediators", columns: ["case_id", "mediator_id"],
            rows: cases.flatMap { item in item.mediators.map { [SQLBind(item.id.rawValue), SQLBind($0.rawValue)] } },
            in: sql)
        try await insertRows(
            into: "fulfilment_tasks", columns: CaseRows.fulfilmentColumns, rows: cases.flatMap(\.fulfilment), in: sql)
        try await insertRows(into: "outbox", columns: CaseRows.outboxColumns, rows: cases.flatMap(\.outbox), in: sql)
        try await insertRows(
            into: "idempotency_keys", columns: ["key", "case_id", "created_at"],
            rows: cases.map {
                [SQLBind($0.idempotencyKey), SQLBind($0.id.rawValue), SQLBind($0.registeredAt.unixMilliseconds)]
            }, in: sql)
        try await insertRows(
            into: "case_people", columns: CasePeople.columns, rows: cases.flatMap(\.people), in: sql)
        for item in cases where !item.attachments.isEmpty {
            try await FileRepository.link(item.attachments, to: item.id, in: sql)
        }
    }

    /// Multi-row INSERTs of `rows`, as many rows per statement as the bound-value limit allows.
    static func insertRows(
        into table: String, columns: [String], rows: [[SQLBind]], in sql: any SQLDatabase
    ) async throws {
        guard !rows.isEmpty, !columns.isEmpty else { return }
        let perStatement = max(1, bindsPerStatement / columns.count)
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            var insert = sql.insert(into: table).columns(columns)
            for row in rows[start..<min(start + perStatement, rows.count)] {
                insert = insert.values(row as [any SQLExpression])
            }
            try await insert.run()
        }
    }

    /// Which of `values` are repeated in the batch or already in `table.column` (a unique one).
    static func taken(
        _ values: [String], column: String, of table: String, in sql: any SQLDatabase
    ) async throws -> [String] {
        var seen = Set<String>()
        var taken = values.filter { !seen.insert($0).inserted }
        for start in stride(from: 0, to: values.count, by: 1000) {
            let slice = Array(values[start..<min(start + 1000, values.count)])
            taken += try await sql.select().column(SQLIdentifier(column)).from(table)
                .where(SQLIdentifier(column), .in, SQLBind.group(slice)).all()
                .map { try $0.decode(column: column, as: String.self) }
        }
        return taken
    }

    /// The other systems' references (per channel) repeated in the batch or already imported. `CaseWriter` would
    /// return the existing case for them; a bulk load refuses them instead.
    static func takenSourceReferences(_ intakes: [Intake], in sql: any SQLDatabase) async throws -> [String] {
        var seen = Set<String>()
        var taken: [String] = []
        var references: [String] = []
        for intake in intakes {
            guard let reference = intake.sourceReference else { continue }
            if !seen.insert(intake.channel.rawValue + " " + reference).inserted { taken.append(reference) }
            references.append(reference)
        }
        for start in stride(from: 0, to: references.count, by: 1000) {
            let slice = Array(references[start..<min(start + 1000, references.count)])
            for row in try await sql.select().columns("channel", "source_reference").from("cases")
                .where("source_reference", .in, SQLBind.group(slice)).all()
            {
                let channel = try row.decode(column: "channel", as: String.self)
                let reference = try row.decode(column: "source_reference", as: String.self)
                if seen.contains(channel + " " + reference) { taken.append(reference) }
            }
        }
        return taken
    }

    // MARK: Replaying

    /// The cases of one batch in memory, moved on command by command, as `CaseWriter` would move them in the
    /// database; `case_organisations` gains the case's organisations after registration and after every command.
    struct Replayer {
        let regionPaths: [Region.ID: String]
        let activeCategories: Set<String>
        /// Every version of the rules: each case takes the book in force when it was registered.
        let history: TimeLimitHistory
        let levels: [Organisation.ID: RegionLevel]
        let calendar: WorkingCalendar
        /// The webhooks each notified event gets an outbox row for (`outbox_webhooks`).
        var webhooks: [String] = []
        var personKey: PersonKey = .unconfigured
        var registered: [Case] = []
        var current: [Case] = []
        var events: [[CaseEvent]] = []
        var organisations: [Set<Organisation.ID>] = []

        mutating func register(_ script: CaseScript, index: Int, id: Case.ID, number: String) throws {
            try requireActive(script.intake.categoryCode)
            guard let path = regionPaths[script.intake.regionID] else {
                throw StoreError.notFound("region \(script.intake.regionID)")
            }
            // The same workflow as `CaseWriter`: the registration, then the time limits that apply.
            let (new, outcome) = try CaseWorkflow.register(
                script.intake, id: id, number: number, trackingCode: script.trackingCode, regionPath: path,
                receivingCenter: script.receivingCenter, by: script.registeredBy, at: script.registeredAt,
                facts: facts(at: script.registeredAt))
            registered.append(new)
            current.append(new)
            events.append([outcome.events[0]])
            organisations.append(CaseVisibility.readerOrganisations(of: new))
            commit(Array(outcome.events.dropFirst()), to: index)
            for step in script.steps {
                if let masterIndex = step.mergeInto {
                    guard masterIndex < index else { throw StoreError.notFound("master case \(masterIndex)") }
                    let merged = try CaseWorkflow.merge(
                        duplicate: current[index], into: current[masterIndex], by: step.actor, at: step.at)
                    commit(merged.duplicate.events, to: index)
                    commit(merged.master.events, to: masterIndex)
                } else {
                    if case .assess(let categoryCode, _, _, _) = step.command { try requireActive(categoryCode) }
                    try run(step.command, by: step.actor, on: index, at: step.at)
                }
            }
        }

        /// The facts of the workflow, all in memory: the time limits in force at `registration` (when the case's
        /// clocks started) and every organisation's level. Bulk loading does not look up the centers above a case,
        /// so it cannot place a ladder move.
        func facts(at registration: Date) -> CaseWorkflow.Facts {
            CaseWorkflow.Facts(timeLimits: history.book(at: registration), levels: levels)
        }

        /// One command through `CaseWorkflow` (its follow-ups included), as `CaseWriter` runs it. A ladder move
        /// needs the next level's center, which bulk loading does not look up: refused; so is a command that leaves
        /// something to look up (the center above, a mediator): a script names them.
        mutating func run(_ command: CaseCommand, by actor: Actor, on index: Int, at now: Date) throws {
            let needs = CaseWorkflow.needs(before: command, on: current[index], by: actor)
            if needs.centersAbove { throw CaseBulkLoadError.ladderMoveUnsupported }
            let facts = facts(at: current[index].createdAt)
            let command = try CaseWorkflow.resolve(command, on: current[index], by: actor, facts: facts)
            let decided = try CaseWorkflow.decide(command, on: current[index], by: actor, at: now)
            if CaseWorkflow.needs(after: command, on: decided.current).centersAbove {
                throw CaseBulkLoadError.ladderMoveUnsupported
            }
            commit(try CaseWorkflow.followingUp(decided, after: command, at: now, facts: facts).events, to: index)
        }

        mutating func commit(_ new: [CaseEvent], to index: Int) {
            guard !new.isEmpty else { return }
            current[index] = new.reduce(current[index]) { CaseLifecycle.apply($1, to: $0) }
            events[index] += new
            organisations[index] = CaseVisibility.readerOrganisations(of: current[index])
        }

        func requireActive(_ code: String?) throws {
            if let code, !activeCategories.contains(code) { throw CategoryError.unknown(code) }
        }

        func rows(of index: Int, script: CaseScript) throws -> PreparedCase {
            let file = events[index]
            let chain = try CaseRows.eventRows(file, after: CaseRows.genesis)
            let final = current[index]
            let facts = try CaseRepository.facts(of: file, case: final, calendar: calendar)
            return PreparedCase(
                id: final.id,
                row: try CaseRows.caseRow(
                    registered: registered[index], current: final, headHash: chain.head, facts: facts,
                    calendar: calendar),
                events: chain.rows, organisations: organisations[index].sorted(),
                metricOrganisations: CaseRows.metricOrganisationRows(of: facts),
                searchText: CaseRows.searchText(of: final),
                deadlines: CaseRows.deadlineRows(of: final, calendar: calendar),
                charges: CaseRows.chargeRows(Array(file.dropFirst()), startingFrom: registered[index]),
                mediators: CaseRows.mediators(of: final).sorted(), fulfilment: CaseRows.fulfilmentRows(of: final),
                outbox: try CaseRows.outboxRows(file, startingFrom: registered[index], webhooks: webhooks),
                idempotencyKey: script.idempotencyKey, registeredAt: script.registeredAt,
                attachments: final.attachments,
                people: CasePeople.rows(of: final, key: personKey))
        }
    }
}

public enum CaseBulkLoadError: UserFacingError, Equatable {
    case trackingCodeTaken(String)
    case idempotencyKeyTaken(String)
    case sourceReferenceTaken(String)
    case ladderMoveUnsupported

    public var code: String {
        switch self {
        case .ladderMoveUnsupported: "case.bulk.ladder_move_unsupported"
        case .sourceReferenceTaken: "case.bulk.source_reference_taken"
        case .trackingCodeTaken: "case.bulk.tracking_code_taken"
        case .idempotencyKeyTaken: "case.bulk.idempotency_key_taken"
        }
    }

    public var message: Localized {
        switch self {
        case .ladderMoveUnsupported:
            Localized(
                zh: "批量载入不支持调解层级自动上移：请逐件登记该案件。",
                en: "Bulk loading cannot move a case up the mediation ladder: register that case one at a time.")
        case .trackingCodeTaken(let code):
            Localized(zh: "查询码 \(code) 已被使用。", en: "The tracking code \(code) is already taken.")
        case .sourceReferenceTaken(let reference):
            Localized(
                zh: "来源系统编号 \(reference) 已导入过。", en: "The source reference \(reference) was imported before.")
        case .idempotencyKeyTaken(let key):
            Localized(
                zh: "幂等键 \(key) 已被使用：这些案件已经载入过（换一个随机种子再生成）。",
                en: "The idempotency key \(key) is already used: these cases were loaded before (use another seed).")
        }
    }
}
