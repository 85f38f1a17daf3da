import FengqiaoCore
import Foundation
import SQLKit

/// One person of the key-person register (重点人员), as stored. `masked` gives what a reader without the need for
/// clear data sees.
public struct KeyPersonRecord: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var name: String
    public var idNumber: String?
    public var phone: String?
    public var address: String
    public var regionID: Region.ID
    public var regionPath: String
    public var personClass: KeyPersonClass
    /// When the person got their present class (the care plan's clock starts again there).
    public var classedAt: Date
    /// The usernames of the responsible staff (包保责任人).
    public var responsible: [String]
    /// When the open visit is due.
    public var nextDueAt: Date?
    public var createdAt: Date
    public var createdBy: String
    public var updatedAt: Date
    public var closedAt: Date?

    /// The name, ID number, phone and address masked (`Masking`).
    public var masked: KeyPersonRecord {
        var copy = self
        copy.name = Masking.name(name)
        copy.idNumber = idNumber.map(Masking.idNumber)
        copy.phone = phone.map(Masking.phone)
        copy.address = Masking.address(address)
        return copy
    }
}

/// An entry of a key person's file.
public struct KeyPersonEvent: Sendable, Equatable, Identifiable {
    public enum Kind: String, Sendable, CaseIterable {
        case registered
        case classChanged = "class-changed"
        case visited
        case overdue
        case staffChanged = "staff-changed"
    }

    public var id: Int64
    public var at: Date
    public var kind: Kind
    public var fromClass: KeyPersonClass?
    public var toClass: KeyPersonClass?
    public var reason: String?
    public var outcome: VisitOutcome?
    public var actorUsername: String?
    public var actorName: String
}

/// A visit of a key person: due on the care plan's working-day clock, done with its outcome.
public struct KeyPersonVisit: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var keyPersonID: Int64
    public var dueAt: Date
    public var visitor: String?
    public var visitorName: String?
    public var doneAt: Date?
    public var outcome: VisitOutcome?
    public var note: String?
    public var alertedAt: Date?

    public func isOverdue(at now: Date) -> Bool { doneAt == nil && now > dueAt }
}

/// A person to register.
public struct NewKeyPerson: Sendable {
    public var name: String
    public var idNumber: String?
    public var phone: String?
    public var address: String
    public var regionID: Region.ID
    public var regionPath: String
    public var personClass: KeyPersonClass
    public var reason: String
    public var responsible: [String]
    /// The keyed hashes (`PersonKey`): ID number, phone, household.
    public var idKey: String?
    public var phoneKey: String?
    public var householdKey: String?

    public init(
        name: String, idNumber: String?, phone: String?, address: String, regionID: Region.ID, regionPath: String,
        personClass: KeyPersonClass, reason: String, responsible: [String], idKey: String?, phoneKey: String?,
        householdKey: String?
    ) {
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.address = address
        self.regionID = regionID
        self.regionPath = regionPath
        self.personClass = personClass
        self.reason = reason
        self.responsible = responsible
        self.idKey = idKey
        self.phoneKey = phoneKey
        self.householdKey = householdKey
    }
}

/// Who did something to the register.
public struct KeyPersonAuthor: Sendable, Equatable {
    public var username: String?
    public var name: String

    public init(username: String?, name: String) {
        self.username = username
        self.name = name
    }
}

/// The key-person register: the persons, their files and their visits on the care plan's clock. Every change is one
/// transaction with its entry in the person's file; a class change or a recorded visit sets the next visit due at
/// once from the care plan in force (`RiskRuleRepository`) on the live working calendar.
public struct KeyPersonRepository: Sendable {
    let database: Database
    let calendars: LiveCalendar

    public init(database: Database, calendars: LiveCalendar) {
        self.database = database
        self.calendars = calendars
    }

    static let columns = [
        "id", "name", "id_number", "phone", "address", "region_id", "region_path", "person_class", "classed_at",
        "responsible", "next_due_at", "created_at", "created_by", "updated_at", "closed_at",
    ]

    // MARK: Writing

    /// Registers a person with their first visit due.
    public func register(_ new: NewKeyPerson, by author: KeyPersonAuthor, at now: Date) async throws -> KeyPersonRecord
    {
        let calendar = calendars.current
        return try await database.transaction { sql in
            let plan = try await RiskRuleRepository.carePlan(at: now, in: sql)
            let due = plan.nextVisitDue(class: new.personClass, lastVisit: nil, classedAt: now, calendar: calendar)
            let id =
                try await sql.insert(into: "key_persons")
                .columns(
                    "name", "masked_name", "id_number", "phone", "id_key", "phone_key", "household_key", "address",
                    "region_id", "region_path", "person_class", "classed_at", "responsible", "next_due_at",
                    "created_at", "created_by", "updated_at"
                )
                .values(
                    SQLBind(new.name), SQLBind(Masking.name(new.name)), SQLBind(new.idNumber), SQLBind(new.phone),
                    SQLBind(new.idKey), SQLBind(new.phoneKey), SQLBind(new.householdKey), SQLBind(new.address),
                    SQLBind(new.regionID.rawValue), SQLBind(new.regionPath), SQLBind(new.personClass.rawValue),
                    SQLBind(now.unixMilliseconds), SQLBind(Self.joined(new.responsible)),
                    SQLBind(due.unixMilliseconds), SQLBind(now.unixMilliseconds), SQLBind(author.name),
                    SQLBind(now.unixMilliseconds)
                )
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await Self.event(
                id, .registered, to: new.personClass, reason: new.reason, by: author, at: now, in: sql)
            try await Self.openVisit(id, regionPath: new.regionPath, due: due, at: now, in: sql)
            guard let record = try await Self.find(id: id, in: sql) else { throw StoreError.notFound("key person") }
            return record
        }
    }

    /// Changes the class with its reason and sets the open visit's due from the care plan at once.
    public func changeClass(
        of id: Int64, to personClass: KeyPersonClass, reason: String, by author: KeyPersonAuthor, at now: Date
    ) async throws -> KeyPersonRecord {
        try await change(of: id, to: (personClass, reason), responsible: nil, by: author, at: now)
    }

    /// Names the responsible staff.
    public func setResponsible(
        of id: Int64, to usernames: [String], by author: KeyPersonAuthor, at now: Date
    ) async throws -> KeyPersonRecord {
        try await change(of: id, to: nil, responsible: usernames, by: author, at: now)
    }

    /// Names the responsible staff and/or changes the class with its reason (then the open visit's due follows the
    /// care plan at once): one transaction, each change an event in the person's file.
    public func change(
        of id: Int64, to newClass: (personClass: KeyPersonClass, reason: String)?, responsible usernames: [String]?,
        by author: KeyPersonAuthor, at now: Date
    ) async throws -> KeyPersonRecord {
        let calendar = calendars.current
        return try await database.transaction { sql in
            guard let current = try await Self.find(id: id, in: sql) else {
                throw StoreError.notFound("key person")
            }
            if let usernames {
                try await sql.update("key_persons")
                    .set("responsible", to: SQLBind(Self.joined(usernames)))
                    .set("updated_at", to: SQLBind(now.unixMilliseconds))
                    .where("id", .equal, id).run()
                try await Self.event(
                    id, .staffChanged, reason: usernames.joined(separator: "、"), by: author, at: now, in: sql)
            }
            if let (personClass, reason) = newClass {
                let plan = try await RiskRuleRepository.carePlan(at: now, in: sql)
                let last = try await Self.lastVisit(id, in: sql)
                let due = plan.nextVisitDue(class: personClass, lastVisit: last, classedAt: now, calendar: calendar)
                try await sql.update("key_persons")
                    .set("person_class", to: SQLBind(personClass.rawValue))
                    .set("classed_at", to: SQLBind(now.unixMilliseconds))
                    .set("next_due_at", to: SQLBind(due.unixMilliseconds))
                    .set("updated_at", to: SQLBind(now.unixMilliseconds))
                    .where("id", .equal, id).run()
                try await Self.event(
                    id, .classChanged, from: current.personClass, to: personClass, reason: reason, by: author, at: now,
                    in: sql)
                try await Self.reschedule(id, regionPath: current.regionPath, due: due, at: now, in: sql)
            }
            guard let record = try await Self.find(id: id, in: sql) else { throw StoreError.notFound("key person") }
            return record
        }
    }

    /// Records a visit done now: the open visit is done with its outcome, the next one is due from the care plan.
    @discardableResult
    public func recordVisit(
        of id: Int64, outcome: VisitOutcome, note: String, by author: KeyPersonAuthor, at now: Date
    ) async throws -> KeyPersonVisit {
        let calendar = calendars.current
        return try await database.transaction { sql in
            guard let current = try await Self.find(id: id, in: sql) else {
                throw StoreError.notFound("key person")
            }
            let plan = try await RiskRuleRepository.carePlan(at: now, in: sql)
            let open = try await sql.select().column("id").from("key_person_visits")
                .where("key_person_id", .equal, id).where("done_at", .is, SQLLiteral.null)
                .orderBy("id").first(decodingColumn: "id", as: Int64.self)
            let visitID: Int64
            if let open {
                visitID = open
                try await sql.update("key_person_visits")
                    .set("done_at", to: SQLBind(now.unixMilliseconds))
                    .set("visitor", to: SQLBind(author.username))
                    .set("visitor_name", to: SQLBind(author.name))
                    .set("outcome", to: SQLBind(outcome.rawValue))
                    .set("note", to: SQLBind(note))
                    .where("id", .equal, open).run()
            } else {
                visitID =
                    try await sql.insert(into: "key_person_visits")
                    .columns(
                        "key_person_id", "region_path", "due_at", "visitor", "visitor_name", "done_at", "outcome",
                        "note", "created_at"
                    )
                    .values(
                        SQLBind(id), SQLBind(current.regionPath), SQLBind(now.unixMilliseconds),
                        SQLBind(author.username), SQLBind(author.name), SQLBind(now.unixMilliseconds),
                        SQLBind(outcome.rawValue), SQLBind(note), SQLBind(now.unixMilliseconds)
                    )
                    .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            }
            let due = plan.nextVisitDue(
                class: current.personClass, lastVisit: now, classedAt: current.classedAt, calendar: calendar)
            try await sql.update("key_persons")
                .set("next_due_at", to: SQLBind(due.unixMilliseconds))
                .set("updated_at", to: SQLBind(now.unixMilliseconds))
                .where("id", .equal, id).run()
            try await Self.event(id, .visited, reason: note, outcome: outcome, by: author, at: now, in: sql)
            try await Self.openVisit(id, regionPath: current.regionPath, due: due, at: now, in: sql)
            guard let visit = try await Self.visits(of: id, in: sql).first(where: { $0.id == visitID }) else {
                throw StoreError.notFound("visit")
            }
            return visit
        }
    }

    /// Raises the overdue alert of each open visit past its due, once: the conditional update that sets
    /// `alerted_at` is won by one instance only, and the winner writes the entry in the person's file in the same
    /// transaction. Returns how many alerts this call raised.
    @discardableResult
    public func alertOverdue(at now: Date, limit: Int = 500) async throws -> Int {
        let due = try await database.withConnection { sql in
            try await sql.select().columns("id", "key_person_id").from("key_person_visits")
                .where("done_at", .is, SQLLiteral.null).where("due_at", .lessThan, SQLBind(now.unixMilliseconds))
                .where("alerted_at", .is, SQLLiteral.null).orderBy("due_at").limit(limit).all()
                .map {
                    (
                        try $0.decode(column: "id", as: Int64.self),
                        try $0.decode(column: "key_person_id", as: Int64.self)
                    )
                }
        }
        var raised = 0
        for (visitID, personID) in due {
            let won = try await database.transaction { sql in
                let rows = try await sql.update("key_person_visits")
                    .set("alerted_at", to: SQLBind(now.unixMilliseconds))
                    .where("id", .equal, visitID).where("alerted_at", .is, SQLLiteral.null)
                    .where("done_at", .is, SQLLiteral.null)
                    .returning("id").all()
                guard !rows.isEmpty else { return false }
                try await Self.event(
                    personID, .overdue, by: KeyPersonAuthor(username: nil, name: "系统 / System"), at: now, in: sql)
                return true
            }
            if won { raised += 1 }
        }
        return raised
    }

    // MARK: Reading

    public func find(id: Int64) async throws -> KeyPersonRecord? {
        try await database.withConnection { sql in try await Self.find(id: id, in: sql) }
    }

    /// The open persons within `jurisdictions` (region subtrees), optionally of one class and within one region,
    /// newest change first.
    public func list(
        within jurisdictions: [String], personClass: KeyPersonClass? = nil, region: String? = nil, limit: Int = 200
    ) async throws -> [KeyPersonRecord] {
        guard !jurisdictions.isEmpty else { return [] }
        return try await database.withConnection { sql in
            var query = sql.select().columns(Self.columns.map { SQLIdentifier($0) }).from("key_persons")
                .where("closed_at", .is, SQLLiteral.null)
            query = Self.restrict(query, to: jurisdictions)
            if let personClass { query = query.where("person_class", .equal, SQLBind(personClass.rawValue)) }
            if let region { query = query.where { $0.whereInSubtree(SQLIdentifier("region_path"), of: region) } }
            return try await query.orderBy("updated_at", .descending).orderBy("id", .descending).limit(limit).all()
                .map(Self.record)
        }
    }

    /// How many open persons of each class within `jurisdictions` (and one region, if given).
    public func counts(within jurisdictions: [String], region: String? = nil) async throws -> [KeyPersonClass: Int] {
        guard !jurisdictions.isEmpty else { return [:] }
        return try await database.withConnection { sql in
            var query = sql.select().column("person_class")
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("key_persons")
                .where("closed_at", .is, SQLLiteral.null)
            query = Self.restrict(query, to: jurisdictions)
            if let region { query = query.where { $0.whereInSubtree(SQLIdentifier("region_path"), of: region) } }
            var counts: [KeyPersonClass: Int] = [:]
            for row in try await query.groupBy("person_class").all() {
                if let personClass = KeyPersonClass(rawValue: try row.decode(column: "person_class", as: String.self)) {
                    counts[personClass] = try row.decode(column: "n", as: Int.self)
                }
            }
            return counts
        }
    }

    /// The open visits within `jurisdictions`, earliest due first, with their person.
    public func dueVisits(
        within jurisdictions: [String], limit: Int = 50
    ) async throws -> [(visit: KeyPersonVisit, person: KeyPersonRecord)] {
        guard !jurisdictions.isEmpty else { return [] }
        return try await database.withConnection { sql in
            var query = sql.select().columns(Self.visitColumns.map { SQLIdentifier($0) }).from("key_person_visits")
                .where("done_at", .is, SQLLiteral.null)
            query = Self.restrict(query, to: jurisdictions)
            let visits = try await query.orderBy("due_at").limit(limit).all().map(Self.visit)
            return try await Self.withPeople(visits, in: sql)
        }
    }

    /// The open visits of the persons `username` is named responsible for (包保责任人), earliest due first.
    public func dueVisits(
        responsible username: String, limit: Int = 50
    ) async throws -> [(visit: KeyPersonVisit, person: KeyPersonRecord)] {
        try await database.withConnection { sql in
            // The names are stored comma-joined: matched within commas, then exactly (LIKE's `_` matches any one
            // character in a username).
            let ids = try await sql.select().columns("id", "responsible").from("key_persons")
                .where("closed_at", .is, SQLLiteral.null)
                .where(SQLRaw("(',' || responsible || ',')"), .like, SQLBind("%,\(username),%")).all()
                .filter {
                    try $0.decode(column: "responsible", as: String.self).split(separator: ",").contains {
                        $0 == username
                    }
                }
                .map { try $0.decode(column: "id", as: Int64.self) }
            guard !ids.isEmpty else { return [] }
            let visits = try await sql.select().columns(Self.visitColumns.map { SQLIdentifier($0) })
                .from("key_person_visits").where("done_at", .is, SQLLiteral.null).where("key_person_id", .in, ids)
                .orderBy("due_at").limit(limit).all().map(Self.visit)
            return try await Self.withPeople(visits, in: sql)
        }
    }

    private static func withPeople(
        _ visits: [KeyPersonVisit], in sql: any SQLDatabase
    ) async throws -> [(visit: KeyPersonVisit, person: KeyPersonRecord)] {
        var result: [(visit: KeyPersonVisit, person: KeyPersonRecord)] = []
        for visit in visits {
            if let person = try await find(id: visit.keyPersonID, in: sql), person.closedAt == nil {
                result.append((visit, person))
            }
        }
        return result
    }

    /// How many open visits within `jurisdictions` are past due at `now`.
    public func overdueCount(within jurisdictions: [String], at now: Date) async throws -> Int {
        guard !jurisdictions.isEmpty else { return 0 }
        return try await database.withConnection { sql in
            var query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("key_person_visits")
                .where("done_at", .is, SQLLiteral.null).where("due_at", .lessThan, SQLBind(now.unixMilliseconds))
            query = Self.restrict(query, to: jurisdictions)
            return try await query.first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    /// The person's file, oldest first.
    public func events(of id: Int64) async throws -> [KeyPersonEvent] {
        try await database.withConnection { sql in
            try await sql.select()
                .columns(
                    "id", "at", "kind", "from_class", "to_class", "reason", "outcome", "actor_username", "actor_name"
                )
                .from("key_person_events").where("key_person_id", .equal, id).orderBy("id").all()
                .compactMap { row in
                    guard let kind = KeyPersonEvent.Kind(rawValue: try row.decode(column: "kind", as: String.self))
                    else { return nil }
                    return KeyPersonEvent(
                        id: try row.decode(column: "id", as: Int64.self),
                        at: Date(unixMilliseconds: try row.decode(column: "at", as: Int64.self)), kind: kind,
                        fromClass: try row.decode(column: "from_class", as: String?.self)
                            .flatMap(KeyPersonClass.init(rawValue:)),
                        toClass: try row.decode(column: "to_class", as: String?.self)
                            .flatMap(KeyPersonClass.init(rawValue:)),
                        reason: try row.decode(column: "reason", as: String?.self),
                        outcome: try row.decode(column: "outcome", as: String?.self)
                            .flatMap(VisitOutcome.init(rawValue:)),
                        actorUsername: try row.decode(column: "actor_username", as: String?.self),
                        actorName: try row.decode(column: "actor_name", as: String.self))
                }
        }
    }

    /// The person's visits, newest first.
    public func visits(of id: Int64) async throws -> [KeyPersonVisit] {
        try await database.withConnection { sql in try await Self.visits(of: id, in: sql) }
    }

    /// The registered persons with any of these keyed hashes (ID number, phone): the same person across cases.
    public func find(personKeys: [String]) async throws -> [KeyPersonRecord] {
        guard !personKeys.isEmpty else { return [] }
        return try await database.withConnection { sql in
            try await sql.select().columns(Self.columns.map { SQLIdentifier($0) }).from("key_persons")
                .where { $0.where("id_key", .in, personKeys).orWhere("phone_key", .in, personKeys) }
                .orderBy("id").all().map(Self.record)
        }
    }

    // MARK: Rows

    static let visitColumns = [
        "id", "key_person_id", "due_at", "visitor", "visitor_name", "done_at", "outcome", "note", "alerted_at",
    ]

    static func restrict(_ query: SQLSelectBuilder, to jurisdictions: [String]) -> SQLSelectBuilder {
        query.where { group in
            var group = group
            for path in jurisdictions {
                group = group.orWhere { $0.whereInSubtree(SQLIdentifier("region_path"), of: path) }
            }
            return group
        }
    }

    static func joined(_ usernames: [String]) -> String { usernames.joined(separator: ",") }

    /// One person; writes find it inside their transaction (which holds the store's write lock).
    static func find(id: Int64, in sql: any SQLDatabase) async throws -> KeyPersonRecord? {
        try await sql.select().columns(columns.map { SQLIdentifier($0) }).from("key_persons").where("id", .equal, id)
            .first().map(record)
    }

    static func record(_ row: any SQLRow) throws -> KeyPersonRecord {
        KeyPersonRecord(
            id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self),
            idNumber: try row.decode(column: "id_number", as: String?.self),
            phone: try row.decode(column: "phone", as: String?.self),
            address: try row.decode(column: "address", as: String.self),
            regionID: Region.ID(try row.decode(column: "region_id", as: Int64.self)),
            regionPath: try row.decode(column: "region_path", as: String.self),
            personClass: KeyPersonClass(rawValue: try row.decode(column: "person_class", as: String.self)) ?? .green,
            classedAt: Date(unixMilliseconds: try row.decode(column: "classed_at", as: Int64.self)),
            responsible: try row.decode(column: "responsible", as: String.self).split(separator: ",").map(String.init),
            nextDueAt: try row.decode(column: "next_due_at", as: Int64?.self).map(Date.init(unixMilliseconds:)),
            createdAt: Date(unixMilliseconds: try row.decode(column: "created_at", as: Int64.self)),
            createdBy: try row.decode(column: "created_by", as: String.self),
            updatedAt: Date(unixMilliseconds: try row.decode(column: "updated_at", as: Int64.self)),
            closedAt: try row.decode(column: "closed_at", as: Int64?.self).map(Date.init(unixMilliseconds:)))
    }

    static func visit(_ row: any SQLRow) throws -> KeyPersonVisit {
        KeyPersonVisit(
            id: try row.decode(column: "id", as: Int64.self),
            keyPersonID: try row.decode(column: "key_person_id", as: Int64.self),
            dueAt: Date(unixMilliseconds: try row.decode(column: "due_at", as: Int64.self)),
            visitor: try row.decode(column: "visitor", as: String?.self),
            visitorName: try row.decode(column: "visitor_name", as: String?.self),
            doneAt: try row.decode(column: "done_at", as: Int64?.self).map(Date.init(unixMilliseconds:)),
            outcome: try row.decode(column: "outcome", as: String?.self).flatMap(VisitOutcome.init(rawValue:)),
            note: try row.decode(column: "note", as: String?.self),
            alertedAt: try row.decode(column: "alerted_at", as: Int64?.self).map(Date.init(unixMilliseconds:)))
    }

    static func visits(of id: Int64, in sql: any SQLDatabase) async throws -> [KeyPersonVisit] {
        try await sql.select().columns(visitColumns.map { SQLIdentifier($0) }).from("key_person_visits")
            .where("key_person_id", .equal, id).orderBy("id", .descending).all().map(visit)
    }

    static func lastVisit(_ id: Int64, in sql: any SQLDatabase) async throws -> Date? {
        try await sql.select().column("done_at").from("key_person_visits")
            .where("key_person_id", .equal, id).where("done_at", .isNot, SQLLiteral.null)
            .orderBy("done_at", .descending).first(decodingColumn: "done_at", as: Int64.self)
            .map(Date.init(unixMilliseconds:))
    }

    static func openVisit(
        _ id: Int64, regionPath: String, due: Date, at now: Date, in sql: any SQLDatabase
    ) async throws {
        try await sql.insert(into: "key_person_visits")
            .columns("key_person_id", "region_path", "due_at", "created_at")
            .values(SQLBind(id), SQLBind(regionPath), SQLBind(due.unixMilliseconds), SQLBind(now.unixMilliseconds))
            .run()
    }

    /// Moves the open visit to its new due (a new due may be alerted again); opens one when none is open.
    static func reschedule(
        _ id: Int64, regionPath: String, due: Date, at now: Date, in sql: any SQLDatabase
    ) async throws {
        let rows = try await sql.update("key_person_visits")
            .set("due_at", to: SQLBind(due.unixMilliseconds))
            .set("alerted_at", to: SQLLiteral.null)
            .where("key_person_id", .equal, id).where("done_at", .is, SQLLiteral.null)
            .returning("id").all()
        if rows.isEmpty { try await openVisit(id, regionPath: regionPath, due: due, at: now, in: sql) }
    }

    static func event(
        _ id: Int64, _ kind: KeyPersonEvent.Kind, from: KeyPersonClass? = nil, to: KeyPersonClass? = nil,
        reason: String? = nil, outcome: VisitOutcome? = nil, by author: KeyPersonAuthor, at now: Date,
        in sql: any SQLDatabase
    ) async throws {
        try await sql.insert(into: "key_person_events")
            .columns(
                "key_person_id", "at", "kind", "from_class", "to_class", "reason", "outcome", "actor_username",
                "actor_name"
            )
            .values(
                SQLBind(id), SQLBind(now.unixMilliseconds), SQLBind(kind.rawValue), SQLBind(from?.rawValue),
                SQLBind(to?.rawValue), SQLBind(reason), SQLBind(outcome?.rawValue), SQLBind(author.username),
                SQLBind(author.name)
            )
            .run()
    }
}
