import Crypto
import FengqiaoCore
import Foundation
import SQLKit

/// Case changes inside a transaction the caller holds (see `CaseRepository.write`).
public struct CaseWriter: Sendable {
    let sql: any SQLDatabase
    let dialect: StoreDialect
    let calendar: WorkingCalendar
    /// Recognises the parties across cases (`case_people`) for the risk warnings written with each change.
    var personKey: PersonKey = .unconfigured

    /// What follows every case write in the same transaction: the case's people, and its risk subjects scored.
    /// A change that touches nothing the indicators read (an acceptance, a note) costs no statement.
    func assessRisk(
        _ current: Case, before: Case?, flareUpCount: Int, at now: Date, always: Bool = false
    ) async throws {
        if !always, let before, !RiskAssessor.readsChange(from: before, to: current) { return }
        try await RiskAssessor(sql: sql, key: personKey, calendar: calendar)
            .caseWritten(current, before: before, flareUpCount: flareUpCount, at: now)
    }

    /// Who the file says did what the platform does by itself: time limits, alerts, ladder moves.
    public static var timekeeper: Actor { CaseWorkflow.timekeeper }

    /// Loads, inside the transaction, exactly the facts `CaseWorkflow` says a command or its follow-ups need. The time
    /// limits are the book in force when the case was registered (its clocks started then): a re-assessment after an
    /// administrator's new version still chooses among the rules of the case's day, so the case keeps its version.
    func facts(_ needs: CaseWorkflow.Needs, for current: Case) async throws -> CaseWorkflow.Facts {
        let book =
            needs.timeLimits
            ? try await TimeLimitRepository.book(at: current.createdAt, in: sql)
            : TimeLimitBook(policies: [], ladders: [])
        let levels = try await OrganisationRepository.levels(of: needs.organisations, in: sql)
        let centers =
            needs.centersAbove
            ? try await OrganisationRepository.centersAbove(regionPath: current.regionPath, in: sql) : []
        var acting: Mediator?
        if let user = needs.mediatorOfUser { acting = try await MediatorRepository.find(userID: user, in: sql) }
        return CaseWorkflow.Facts(
            timeLimits: book, levels: levels, centersAbove: centers,
            mediators: try await MediatorRepository.find(ids: needs.mediators, in: sql), actingMediator: acting)
    }

    /// Decides `command` with the workflow: what it leaves to the platform to look up, the lifecycle's events, then
    /// the platform's follow-ups with the facts they need, folded once.
    func decide(
        _ asked: CaseCommand, on current: Case, by actor: Actor, at now: Date
    ) async throws
        -> CaseWorkflow.Outcome
    {
        let needs = CaseWorkflow.needs(before: asked, on: current, by: actor)
        // Nothing to look up loads nothing: `facts` runs no statement for empty needs.
        let command = try CaseWorkflow.resolve(
            asked, on: current, by: actor, facts: try await facts(needs, for: current))
        let decided = try CaseWorkflow.decide(command, on: current, by: actor, at: now)
        let facts = try await facts(CaseWorkflow.needs(after: command, on: decided.current), for: decided.current)
        return try CaseWorkflow.followingUp(decided, after: command, at: now, facts: facts)
    }

    /// Registers a case through the lifecycle, exactly once per idempotency key (and per source reference).
    /// `expected`: the case a concurrent request registered under the same key (the retry after losing a race).
    public func create(
        _ intake: Intake, idempotencyKey: String, receivingCenter: Organisation.ID?, by actor: Actor, at now: Date,
        trackingCode: String, expecting expected: Case.ID? = nil
    ) async throws -> CaseRepository.Created {
        guard !idempotencyKey.isEmpty, idempotencyKey.count <= 200 else { throw CaseStoreError.invalidIdempotencyKey }
        let fingerprint = try CaseRepository.fingerprint(of: intake)
        var existing = try await CaseRepository.caseID(forIdempotencyKey: idempotencyKey, in: sql)
        if existing != nil {
            // The same key with another body is a client error, not a retry: refused instead of answered with the
            // first case (keys stored before the fingerprint was kept have none and are taken as retries).
            let stored = try await sql.select().column("request_hash").from("idempotency_keys")
                .where("key", .equal, idempotencyKey).first(decodingColumn: "request_hash", as: String?.self)
            if let stored = stored ?? nil, stored != fingerprint { throw CaseStoreError.idempotencyKeyReused }
        }
        if existing == nil, expected != nil { throw StoreError.notFound("idempotency key") }
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
        if region.region.isRetired { throw StructureError.regionRetired }
        let id = Case.ID(try await CaseRepository.next("case_id", in: sql))
        let number = CaseNumbering.number(
            date: now, sequence: Int(try await CaseRepository.next(CaseRows.numberCounter(for: now), in: sql)))
        let levels = try await OrganisationRepository.levels(of: Set([receivingCenter].compactMap { $0 }), in: sql)
        let (registered, outcome) = try CaseWorkflow.register(
            intake, id: id, number: number, trackingCode: trackingCode, regionPath: region.path,
            receivingCenter: receivingCenter, by: actor, at: now,
            facts: CaseWorkflow.Facts(timeLimits: try await TimeLimitRepository.book(at: now, in: sql), levels: levels))
        let file = outcome.events
        let new = outcome.current
        try await CaseRepository.insert(new, file: file, calendar: calendar, in: sql)
        try await FileRepository.link(new.attachments, to: id, in: sql)
        try await dialect.insertSearchText(CaseRows.searchText(of: new), caseID: id.rawValue, in: sql)
        try await CaseRepository.schedule(new, before: nil, calendar: calendar, in: sql)
        try await OutboxRepository.record(file, startingFrom: registered, in: sql)
        try await assessRisk(new, before: nil, flareUpCount: 0, at: now)
        try await sql.insert(into: "idempotency_keys").columns("key", "case_id", "created_at", "request_hash")
            .values(
                SQLBind(idempotencyKey), SQLBind(id.rawValue), SQLBind(now.unixMilliseconds), SQLBind(fingerprint)
            ).run()
        return CaseRepository.Created(case: new, isNew: true)
    }

    /// Decides `command` on the case's current state and appends what it decides.
    public func act(
        _ command: CaseCommand, on id: Case.ID, expectedVersion: Int?, by actor: Actor, at now: Date
    ) async throws -> Case {
        guard let stored = try await CaseRepository.loadForChange(id, in: sql) else {
            throw CaseStoreError.caseNotFound
        }
        let current = stored.current
        if let expectedVersion, expectedVersion != current.version {
            throw CaseStoreError.conflict(expected: expectedVersion, actual: current.version)
        }
        if case .assess(let categoryCode, _, _, _) = command {
            try await CategoryRepository.requireActive(categoryCode, in: sql)
        }
        let outcome = try await decide(command, on: current, by: actor, at: now)
        let updated = try await CaseRepository.commit(
            outcome.events, to: stored, becoming: outcome.current, dialect: dialect, calendar: calendar, in: sql)
        try await assessRisk(updated, before: current, flareUpCount: stored.facts.flareUpCount, at: now)
        return updated
    }

    /// Raises the alerts due at `now` on one case, with what follows from them (督办, a ladder move), and brings
    /// its deadline rows up to date. Returns the number of alerts raised. The scheduler calls it, one case per
    /// transaction, with the case row locked.
    public func raiseDueAlerts(on id: Case.ID, at now: Date) async throws -> Int {
        guard let stored = try await CaseRepository.loadForChange(id, in: sql) else {
            try await sql.delete(from: "deadlines").where("case_id", .equal, id.rawValue).run()
            return 0
        }
        let current = stored.current
        let due = CaseClocks.dueAlerts(of: current, calendar: calendar, at: now)
        guard !due.isEmpty else {
            try await CaseRepository.schedule(current, calendar: calendar, in: sql)
            return 0
        }
        let decided = try CaseWorkflow.decideAlerts(due, on: current, at: now, calendar: calendar)
        let facts = try await facts(CaseWorkflow.needs(after: nil, on: decided.current), for: decided.current)
        let outcome = try CaseWorkflow.followingUp(decided, after: nil, at: now, facts: facts)
        let updated = try await CaseRepository.commit(
            outcome.events, to: stored, becoming: outcome.current, dialect: dialect, calendar: calendar, in: sql)
        // An alert may make the case overdue: always scored.
        try await assessRisk(
            updated, before: current, flareUpCount: stored.facts.flareUpCount, at: now, always: true)
        return due.count
    }

    /// Merges a duplicate into its master: both cases change together.
    public func merge(
        _ duplicateID: Case.ID, into masterID: Case.ID, expectedVersion: Int?, by actor: Actor, at now: Date
    ) async throws -> (duplicate: Case, master: Case) {
        guard let duplicate = try await CaseRepository.loadForChange(duplicateID, in: sql),
            let master = try await CaseRepository.loadForChange(masterID, in: sql)
        else { throw CaseStoreError.caseNotFound }
        if let expectedVersion, expectedVersion != duplicate.current.version {
            throw CaseStoreError.conflict(expected: expectedVersion, actual: duplicate.current.version)
        }
        let merged = try CaseWorkflow.merge(duplicate: duplicate.current, into: master.current, by: actor, at: now)
        let mergedDuplicate = try await CaseRepository.commit(
            merged.duplicate.events, to: duplicate, becoming: merged.duplicate.current, dialect: dialect,
            calendar: calendar, in: sql)
        let mergedMaster = try await CaseRepository.commit(
            merged.master.events, to: master, becoming: merged.master.current, dialect: dialect, calendar: calendar,
            in: sql)
        try await assessRisk(
            mergedDuplicate, before: duplicate.current, flareUpCount: duplicate.facts.flareUpCount, at: now)
        try await assessRisk(mergedMaster, before: master.current, flareUpCount: master.facts.flareUpCount, at: now)
        return (mergedDuplicate, mergedMaster)
    }
}
