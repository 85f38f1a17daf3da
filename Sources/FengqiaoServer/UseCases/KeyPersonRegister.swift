import FengqiaoCore
import FengqiaoStore
import Foundation

/// A refusal of a key-person field: the message names the field in Chinese and English.
struct KeyPersonProblem: UserFacingError {
    let code: String
    let field: String
    let message: Localized
    var kind: ErrorKind = .invalid

    static func missing(_ field: String, _ zh: String) -> KeyPersonProblem {
        KeyPersonProblem(
            code: "key_person.\(field)_required", field: field,
            message: Localized(zh: "请填写\(zh)（\(field)）。", en: "\(field) is required."))
    }

    static func invalid(_ field: String, _ zh: String, _ en: String) -> KeyPersonProblem {
        KeyPersonProblem(
            code: "key_person.invalid_\(field)", field: field,
            message: Localized(zh: "\(zh)（\(field)）不正确。", en: "\(field): \(en)"))
    }
}

/// The key-person register as every door (pages, API) uses it: who reads it (`KeyPersonAccess`, the one rule),
/// the masking of personal data, the access log of every view, and the checks of what is sent.
struct KeyPersonRegister: Sendable {
    let repository: KeyPersonRepository
    let regions: RegionRepository
    let organisations: OrganisationRepository
    let users: UserRepository
    let accessLog: AccessLogRepository
    let personKey: PersonKey

    init(services: AppServices) {
        repository = KeyPersonRepository(database: services.database, calendars: services.calendars)
        regions = services.regions
        organisations = services.organisations
        users = services.users
        accessLog = services.accessLog
        personKey = services.personKey
    }

    /// A person as one reader sees it.
    struct Seen: Sendable {
        let person: KeyPersonRecord
        let personalDataShown: Bool
    }

    /// What a person wants to register or change, as typed.
    struct Input: Sendable {
        var name: String?
        var idNumber: String?
        var phone: String?
        var address: String?
        var gridCode: String?
        var personClass: String?
        var reason: String?
        var responsible: [String]?
    }

    /// The police stations and justice offices among the organisations of the actor's grants.
    func riskOrganisations(of actor: Actor) async throws -> Set<Organisation.ID> {
        try await organisations.riskVisitors(among: actor.grants.map { ($0.role, $0.organisationID) })
    }

    /// The jurisdictions whose key persons the actor reads; refuses (403) those who read none.
    func jurisdictions(of actor: Actor) async throws -> [String] {
        let paths = KeyPersonAccess.jurisdictionPaths(
            for: actor, riskOrganisations: try await riskOrganisations(of: actor))
        guard !paths.isEmpty else { throw APIError.forbidden }
        return paths
    }

    /// One person for the actor, or not found (a person outside the jurisdiction is not told apart from none).
    /// The view is written to the access log (`action`), saying whether personal data was shown.
    func view(
        _ id: Int64, by actor: Actor, action: String, at now: Date, requestID: String
    ) async throws -> Seen {
        let organisations = try await riskOrganisations(of: actor)
        guard !KeyPersonAccess.jurisdictionPaths(for: actor, riskOrganisations: organisations).isEmpty else {
            throw APIError.forbidden
        }
        guard let person = try await repository.find(id: id),
            KeyPersonAccess.canView(regionPath: person.regionPath, by: actor, riskOrganisations: organisations)
        else {
            throw KeyPersonProblem(code: "key_person.not_found", field: "id", message: Self.notFound, kind: .notFound)
        }
        let shown = KeyPersonAccess.showsPersonalData(
            regionPath: person.regionPath, responsible: person.responsible, to: actor,
            riskOrganisations: organisations)
        try await log(action, "key person \(id)" + (shown ? ", personal data shown" : ""), actor, now, requestID)
        return Seen(person: shown ? person : person.masked, personalDataShown: shown)
    }

    static let notFound = Localized(zh: "没有这名重点人员。", en: "No such key person.")

    /// The registered key persons among a case's parties (by the keyed hashes of their ID numbers and phones, never
    /// by name) that the reader reads, masked as on lists; empty for those who do not read the register. A case page
    /// that shows any writes `key-person.flag` to the access log. The reader's risk organisations come with their
    /// identity (`Identity.riskOrganisations`): every case page calls this, and they are not looked up again.
    func among(
        _ parties: [Party], caseID: Case.ID, by identity: Identity, at now: Date, requestID: String
    ) async throws -> [(person: KeyPersonRecord, role: Party.Role)] {
        let actor = identity.actor
        let organisations = identity.riskOrganisations
        guard !KeyPersonAccess.jurisdictionPaths(for: actor, riskOrganisations: organisations).isEmpty else {
            return []
        }
        var roleOfKey: [String: Party.Role] = [:]
        for party in parties {
            for key in personKey.person(idNumber: party.idNumber, phone: party.phone) where roleOfKey[key] == nil {
                roleOfKey[key] = party.role
            }
        }
        let found = try await repository.find(personKeys: roleOfKey.keys.sorted()).filter {
            $0.closedAt == nil
                && KeyPersonAccess.canView(regionPath: $0.regionPath, by: actor, riskOrganisations: organisations)
        }
        guard !found.isEmpty else { return [] }
        try await accessLog.record(
            AccessLogRepository.Entry(
                at: now, userID: actor.userID, username: actor.username ?? "", action: "key-person.flag",
                caseID: caseID, detail: "当事人中的重点人员 " + found.map { "key person \($0.id)" }.joined(separator: "、"),
                requestID: requestID))
        return found.map { person in
            let role = personKey.person(idNumber: person.idNumber, phone: person.phone).lazy
                .compactMap { roleOfKey[$0] }.first
            return (person.masked, role ?? .other)
        }
    }

    func log(_ action: String, _ detail: String, _ actor: Actor, _ now: Date, _ requestID: String) async throws {
        try await accessLog.record(
            AccessLogRepository.Entry(
                at: now, userID: actor.userID, username: actor.username ?? "", action: action, caseID: nil,
                detail: detail,
                requestID: requestID))
    }

    /// The list for the actor (always masked), with the counts by class; logged.
    func list(
        by actor: Actor, personClass: KeyPersonClass?, region: String?, at now: Date, requestID: String
    ) async throws -> (people: [KeyPersonRecord], counts: [KeyPersonClass: Int]) {
        let paths = try await jurisdictions(of: actor)
        var regionPath: String?
        if let region, !region.isEmpty {
            guard let found = try await regions.find(code: region), let path = try await regions.path(of: found.id)
            else { throw KeyPersonProblem.invalid("region", "区域", "no such region") }
            regionPath = path
        }
        let people = try await repository.list(within: paths, personClass: personClass, region: regionPath)
        let counts = try await repository.counts(within: paths, region: regionPath)
        try await log("key-persons.list", "key persons \(people.count)", actor, now, requestID)
        return (people.map(\.masked), counts)
    }

    static func personClass(_ text: String?) throws -> KeyPersonClass {
        guard let text, !text.isEmpty else { throw KeyPersonProblem.missing("class", "人员类别") }
        let names: [String: KeyPersonClass] = ["绿": .green, "黄": .yellow, "红": .red]
        guard let value = KeyPersonClass(rawValue: text) ?? names[text] else {
            throw KeyPersonProblem.invalid("class", "人员类别", "one of green, yellow, red")
        }
        return value
    }

    static func reason(_ text: String?) throws -> String {
        let reason = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw KeyPersonProblem.missing("reason", "理由") }
        guard reason.count <= 500 else { throw KeyPersonProblem.invalid("reason", "理由", "at most 500 characters") }
        return reason
    }

    /// The responsible staff (包保责任人): known, enabled users who themselves read key persons of the region at
    /// `regionPath` (`KeyPersonAccess`: the grid's worker, the center, the police station, the justice
    /// office), at least one. Naming someone who may not open the person's file would leave them responsible for a
    /// person they cannot see.
    func responsible(_ names: [String]?, regionPath: String) async throws -> [String] {
        let usernames = (names ?? []).flatMap { $0.split(whereSeparator: { ",，、 ".contains($0) }) }.map(String.init)
        guard !usernames.isEmpty else { throw KeyPersonProblem.missing("responsible", "包保责任人") }
        var unique: [String] = []
        for username in usernames where !unique.contains(username) {
            guard let user = try await users.find(username: username), !user.disabled else {
                throw KeyPersonProblem(
                    code: "key_person.invalid_responsible", field: "responsible",
                    message: Localized(
                        zh: "包保责任人（responsible）中没有用户“\(username)”。",
                        en: "responsible: no user \"\(username)\"."))
            }
            guard try await reads(user, regionPath: regionPath) else {
                throw KeyPersonProblem(
                    code: "key_person.invalid_responsible", field: "responsible",
                    message: Localized(
                        zh: "包保责任人（responsible）“\(user.displayName)”无权查看该网格的重点人员，不能担任包保责任人。",
                        en: "responsible: \"\(username)\" may not read key persons of this grid."))
            }
            unique.append(username)
        }
        return unique
    }

    /// A member of staff who may be named responsible, as a form offers them: their name and organisation (the
    /// username is the value sent, not shown).
    struct Candidate: Sendable {
        let username: String
        let name: String
        let organisation: String
    }

    /// Builds other users' identities, with their risk organisations (`ActorFactory`).
    private var actors: ActorFactory { ActorFactory(regions: regions, organisations: organisations) }

    /// Whether `user` reads key persons of the region at `regionPath`.
    private func reads(_ user: User, regionPath: String) async throws -> Bool {
        let identity = try await actors.identity(for: user)
        return KeyPersonAccess.canView(
            regionPath: regionPath, by: identity.actor, riskOrganisations: identity.riskOrganisations)
    }

    /// The staff a form offers as responsible: the enabled users who read key persons somewhere in `jurisdictions`
    /// (the reader's, when registering: the grid is chosen on the same form, and the choice is checked on saving),
    /// or of the one person's region (`regionPath`), by name.
    func candidates(within jurisdictions: [String] = [], for regionPath: String? = nil) async throws -> [Candidate] {
        func slashed(_ path: String) -> String { path.hasSuffix("/") ? path : path + "/" }
        let readerPaths = jurisdictions.map(slashed)
        var found: [Candidate] = []
        for user in try await users.list() where !user.disabled && !user.grants.isEmpty {
            let identity = try await actors.identity(for: user)
            let fits: Bool
            if let regionPath {
                fits = KeyPersonAccess.canView(
                    regionPath: regionPath, by: identity.actor, riskOrganisations: identity.riskOrganisations)
            } else {
                let theirs = KeyPersonAccess.jurisdictionPaths(
                    for: identity.actor, riskOrganisations: identity.riskOrganisations
                ).map(slashed)
                fits = theirs.contains { path in readerPaths.contains { path.hasPrefix($0) || $0.hasPrefix(path) } }
            }
            guard fits,
                let grant = identity.actor.grants.first(where: {
                    KeyPersonAccess.reads($0, riskOrganisations: identity.riskOrganisations)
                })
            else { continue }
            let organisation = try await organisations.find(id: grant.organisationID)
            found.append(
                Candidate(username: user.username, name: user.displayName, organisation: organisation?.name ?? ""))
        }
        return found.sorted { ($0.organisation, $0.name, $0.username) < ($1.organisation, $1.name, $1.username) }
    }

    /// Registers a person in a grid of the actor's jurisdiction.
    func register(_ input: Input, by actor: Actor, at now: Date, requestID: String) async throws -> KeyPersonRecord {
        let paths = try await jurisdictions(of: actor)
        let name = (input.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw KeyPersonProblem.missing("name", "姓名") }
        guard name.count <= 50 else { throw KeyPersonProblem.invalid("name", "姓名", "at most 50 characters") }
        var idNumber: String?
        if let text = input.idNumber, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let valid = PersonIdentifiers.idNumber(text) else {
                throw KeyPersonProblem.invalid("idNumber", "身份证号", "not a valid ID number")
            }
            idNumber = valid
        }
        var phone: String?
        if let text = input.phone, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let valid = PersonIdentifiers.phone(text) else {
                throw KeyPersonProblem.invalid("phone", "联系电话", "not a phone number")
            }
            phone = valid
        }
        let address = (input.address ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !address.isEmpty else { throw KeyPersonProblem.missing("address", "住址") }
        guard let code = input.gridCode, !code.isEmpty else { throw KeyPersonProblem.missing("gridCode", "所属网格") }
        guard let grid = try await regions.find(code: code), grid.level == .grid, grid.retiredAt == nil,
            let path = try await regions.path(of: grid.id)
        else { throw KeyPersonProblem.invalid("gridCode", "所属网格", "no such grid") }
        guard
            paths.contains(where: {
                Actor.Grant(role: .leader, organisationID: 0, jurisdictionPath: $0).covers(regionPath: path)
            })
        else {
            throw KeyPersonProblem.invalid("gridCode", "所属网格（不在您的辖区内）", "the grid is outside your jurisdiction")
        }
        let personClass = try Self.personClass(input.personClass)
        let reason = try Self.reason(input.reason)
        let responsible = try await responsible(input.responsible, regionPath: path)
        let keys = PersonIdentifiers.keys(idNumber: idNumber, phone: phone)
        let new = NewKeyPerson(
            name: name, idNumber: idNumber, phone: phone, address: address, regionID: grid.id, regionPath: path,
            personClass: personClass, reason: reason, responsible: responsible,
            idKey: keys.first { $0.hasPrefix("id:") }.map(personKey.hash),
            phoneKey: keys.first { $0.hasPrefix("phone:") }.map(personKey.hash),
            householdKey: personKey.household(address: address, gridCode: grid.code))
        let made = try await repository.register(new, by: Self.author(actor), at: now)
        try await log("key-person.register", "key person \(made.id)", actor, now, requestID)
        return made
    }

    /// The display names of the responsible staff, by username (a page shows names, not usernames).
    func staffNames(_ people: [KeyPersonRecord]) async throws -> [String: String] {
        var names: [String: String] = [:]
        for username in Set(people.flatMap(\.responsible)) {
            names[username] = try await users.find(username: username)?.displayName ?? username
        }
        return names
    }

    static func author(_ actor: Actor) -> KeyPersonAuthor {
        KeyPersonAuthor(username: actor.username, name: actor.displayName)
    }

    /// Changes the class (a reason is required) and/or the responsible staff of a person the actor reads.
    func change(
        _ id: Int64, personClass: String?, reason: String?, responsible: [String]?, by actor: Actor, at now: Date,
        requestID: String
    ) async throws -> KeyPersonRecord {
        let seen = try await view(id, by: actor, action: "key-person.change", at: now, requestID: requestID)
        guard personClass != nil || responsible != nil else { throw KeyPersonProblem.missing("class", "人员类别") }
        // Everything is checked before anything is written; both changes are then one transaction.
        let usernames = try await responsible.asyncMap {
            try await self.responsible($0, regionPath: seen.person.regionPath)
        }
        let newClass = try personClass.map { (try Self.personClass($0), try Self.reason(reason)) }
        return try await repository.change(
            of: id, to: newClass, responsible: usernames, by: Self.author(actor), at: now)
    }

    /// Records a visit done now on a person the actor reads.
    func recordVisit(
        _ id: Int64, outcome: String?, note: String?, by actor: Actor, at now: Date, requestID: String
    ) async throws -> KeyPersonVisit {
        _ = try await view(id, by: actor, action: "key-person.visit", at: now, requestID: requestID)
        guard let text = outcome, !text.isEmpty else { throw KeyPersonProblem.missing("outcome", "走访结果") }
        guard let value = VisitOutcome(rawValue: text) else {
            throw KeyPersonProblem.invalid("outcome", "走访结果", "one of \(VisitOutcome.allCases.map(\.rawValue))")
        }
        let note = (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= 1000 else { throw KeyPersonProblem.invalid("note", "走访情况", "at most 1000 characters") }
        return try await repository.recordVisit(of: id, outcome: value, note: note, by: Self.author(actor), at: now)
    }
}
