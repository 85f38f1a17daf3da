import FengqiaoCore
import FengqiaoStore
import Foundation

/// The administration of users and mediators, one path for the admin pages (`AdminPeopleController`) and the API
/// (`PeopleAPIController`): every change is checked against the administrator's jurisdiction (`AdminScope`),
/// validated by the domain (`UserChange`, `NewUser`, `NewMediator`), made in one transaction by the repository, and
/// written to the access log (never a password).
struct PeopleAdministration: Sendable {
    let regions: RegionRepository
    let organisations: OrganisationRepository
    let users: UserRepository
    let mediators: MediatorRepository
    let files: FileRepository
    let accessLog: AccessLogRepository
    let passwords: PasswordHasher

    /// The signed-in administrator, their jurisdiction, the request's time and id.
    struct Administrator: Sendable {
        let identity: Identity
        let scope: AdminScope
        let now: Date
        let requestID: String?
    }

    func administrator(_ context: AppRequestContext) async throws -> Administrator {
        let identity = try context.requireIdentity()
        return Administrator(
            identity: identity, scope: try await AdminScope.load(for: identity, regions), now: context.now,
            requestID: context.requestID)
    }

    /// A refusal of the administration itself (the domain's own errors pass through as they are).
    struct Refusal: UserFacingError {
        let code: String
        let message: Localized
        var kind: ErrorKind = .invalid

        /// A user or mediator outside the jurisdiction is not told apart from one that does not exist.
        static let userNotFound = Refusal(
            code: "admin.user_not_found",
            message: Localized(
                zh: "找不到该用户，或该用户不在您的管辖范围内。", en: "No such user in your jurisdiction."),
            kind: .notFound)
        static let mediatorNotFound = Refusal(
            code: "admin.mediator_not_found",
            message: Localized(
                zh: "找不到该调解员，或其所在单位不在您的管辖范围内。", en: "No such mediator in your jurisdiction."),
            kind: .notFound)
        static let organisationOutside = Refusal(
            code: "admin.organisation_outside", message: AdminStrings.organisationOutside)
        static let jurisdictionOutside = Refusal(
            code: "admin.outside_jurisdiction", message: AdminStrings.outsideJurisdiction)
        static let notYourself = Refusal(code: "admin.not_yourself", message: AdminStrings.notYourself)
    }

    // MARK: Users

    /// A user of the jurisdiction (every grant within it), or a 404 refusal.
    func user(_ username: String, _ admin: Administrator) async throws -> User {
        guard let user = try await users.find(username: username), admin.scope.covers(user) else {
            throw Refusal.userNotFound
        }
        return user
    }

    /// A grant as a form or the API names it: role, organisation id and jurisdiction code, each in the jurisdiction.
    func grant(
        role: Role, organisation: Int64, jurisdiction code: String, _ admin: Administrator
    ) async throws
        -> RoleGrant
    {
        guard let organisation = try await organisations.find(id: Organisation.ID(organisation)),
            admin.scope.contains(organisation.regionID)
        else { throw Refusal.organisationOutside }
        guard let region = try await regions.find(code: code), admin.scope.contains(region.id) else {
            throw Refusal.jurisdictionOutside
        }
        return RoleGrant(role: role, organisationID: organisation.id, jurisdictionID: region.id)
    }

    /// Changes a user's name, phone and grants. Every grant added lies in the jurisdiction; the grants removed did
    /// already (the user is covered). The user's next request sees the new grants.
    @discardableResult
    func edit(_ username: String, to change: UserChange, _ admin: Administrator) async throws -> User {
        let user = try await user(username, admin)
        for grant in Set(change.grants).subtracting(user.grants) {
            guard let organisation = try await organisations.find(id: grant.organisationID),
                admin.scope.contains(organisation.regionID)
            else { throw Refusal.organisationOutside }
            guard admin.scope.contains(grant.jurisdictionID) else { throw Refusal.jurisdictionOutside }
        }
        let changed = try await users.update(
            username: user.username, to: change, by: admin.identity.user.id, now: admin.now)
        var parts: [String] = []
        if changed.displayName != user.displayName { parts.append("name") }
        if changed.phone != user.phone { parts.append("phone") }
        let added = Set(changed.grants).subtracting(user.grants)
        let removed = Set(user.grants).subtracting(changed.grants)
        parts += added.map { "+\(Self.describe($0))" }.sorted()
        parts += removed.map { "-\(Self.describe($0))" }.sorted()
        try await log(
            admin, "user.update",
            "user \(user.username): \(parts.isEmpty ? "unchanged" : parts.joined(separator: ", "))")
        return changed
    }

    /// "mediator@12/339921101": a grant as the access log keeps it (role, organisation id, jurisdiction id).
    static func describe(_ grant: RoleGrant) -> String {
        "\(grant.role.rawValue)@\(grant.organisationID)/\(grant.jurisdictionID)"
    }

    /// Adds a user with a password the administrator typed, or (nil) a one-time password to be replaced at the first
    /// sign-in, returned once. `card`: the mediator card of a new mediator, created and linked in the same step.
    func add(
        _ new: NewUser, password: String?, card: NewMediator? = nil, _ admin: Administrator
    ) async throws -> (user: User, oneTimePassword: String?, card: Mediator?) {
        try new.validate()
        for grant in new.grants {
            guard let organisation = try await organisations.find(id: grant.organisationID),
                admin.scope.contains(organisation.regionID)
            else { throw Refusal.organisationOutside }
            guard admin.scope.contains(grant.jurisdictionID) else { throw Refusal.jurisdictionOutside }
        }
        if let card {
            try card.validate()
            try await checkOrganisation(card.organisationID, admin)
        }
        let oneTime = password == nil ? OneTimePassword.make() : nil
        let chosen = password ?? oneTime ?? ""
        try UserRules.validatePassword(chosen)
        if try await users.find(username: new.username) != nil { throw UserError.duplicateUsername(new.username) }
        let hash = try await passwords.hash(chosen)
        let user = try await users.create(new, passwordHash: hash, now: admin.now)
        if oneTime != nil {
            try await users.setPasswordHash(username: user.username, to: hash, now: admin.now, mustChange: true)
        }
        try await log(
            admin, "user.add", "user \(user.username): \(new.grants.map(Self.describe).joined(separator: ", "))")
        var made: Mediator?
        if var card {
            card.userID = user.id
            made = try await mediators.create(card)
            if let made { try await log(admin, "mediator.add", "mediator \(made.id) for user \(user.username)") }
        }
        return (user, oneTime, made)
    }

    /// 停用 / 启用. Disabling ends the user's sessions and tokens (`UserRepository.setDisabled`); the cases they work on
    /// stay with their organisation. Nobody disables themself.
    @discardableResult
    func setDisabled(_ username: String, _ disabled: Bool, _ admin: Administrator) async throws -> User {
        let user = try await user(username, admin)
        if disabled && user.id == admin.identity.user.id { throw Refusal.notYourself }
        try await users.setDisabled(username: user.username, disabled, now: admin.now)
        try await log(admin, disabled ? "user.disable" : "user.enable", "user \(user.username)")
        return try await self.user(username, admin)
    }

    /// 重置密码: a one-time password, returned once, to be replaced at the next sign-in; the user's sessions and
    /// tokens end. The log says whose password was reset, never the password.
    func resetPassword(_ username: String, _ admin: Administrator) async throws -> (User, String) {
        let user = try await user(username, admin)
        let password = OneTimePassword.make()
        try await users.setPasswordHash(
            username: user.username, to: try await passwords.hash(password), now: admin.now,
            mustChange: true)
        try await log(admin, "user.reset", "password reset for \(user.username)")
        return (user, password)
    }

    /// The users of the jurisdiction.
    func usersInScope(_ admin: Administrator) async throws -> [User] {
        try await users.list().filter { admin.scope.covers($0) }
    }

    // MARK: Mediators

    /// The organisations of the jurisdiction.
    func organisationsInScope(_ admin: Administrator) async throws -> [Organisation] {
        var result: [Organisation] = []
        for root in admin.scope.roots { result += try await organisations.list(inSubtreeOf: root.id) }
        return result
    }

    /// Every mediator whose organisation lies in the jurisdiction, the retired too.
    func mediatorsInScope(_ admin: Administrator) async throws -> [Mediator] {
        let ids = Set(try await organisationsInScope(admin).map(\.id))
        return try await mediators.list(includeRetired: true).filter { ids.contains($0.organisationID) }
            .sorted { ($0.isActive ? 0 : 1, $0.id.rawValue) < ($1.isActive ? 0 : 1, $1.id.rawValue) }
    }

    func mediator(_ id: Int64, _ admin: Administrator) async throws -> Mediator {
        guard let mediator = try await mediators.find(id: Mediator.ID(id)),
            try await organisationInScope(mediator.organisationID, admin)
        else { throw Refusal.mediatorNotFound }
        return mediator
    }

    private func organisationInScope(_ id: Organisation.ID, _ admin: Administrator) async throws -> Bool {
        guard let organisation = try await organisations.find(id: id) else { return false }
        return admin.scope.contains(organisation.regionID)
    }

    private func checkOrganisation(_ id: Organisation.ID, _ admin: Administrator) async throws {
        guard try await organisationInScope(id, admin) else { throw Refusal.organisationOutside }
    }

    /// The account a card names, by username: a user of the jurisdiction.
    func account(_ username: String?, _ admin: Administrator) async throws -> User.ID? {
        guard let username, !username.isEmpty else { return nil }
        return try await user(username, admin).id
    }

    func addMediator(_ new: NewMediator, photo: [UInt8]?, _ admin: Administrator) async throws -> Mediator {
        try new.validate()
        try await checkOrganisation(new.organisationID, admin)
        let stored = try await storePhoto(photo, admin)
        var made = try await mediators.create(new)
        if let stored {
            try await mediators.setPhoto(id: made.id, sha256: stored)
            made.photo = stored
        }
        try await log(admin, "mediator.add", "mediator \(made.id)")
        return made
    }

    func editMediator(_ id: Int64, to details: NewMediator, _ admin: Administrator) async throws -> Mediator {
        let current = try await mediator(id, admin)
        try await checkOrganisation(details.organisationID, admin)
        let changed = try await mediators.update(id: current.id, to: details)
        try await log(admin, "mediator.update", "mediator \(current.id)")
        return changed
    }

    /// A new photo (an image: JPEG, PNG or WebP, sniffed from the bytes), or none (nil removes it).
    func setPhoto(_ id: Int64, _ bytes: [UInt8]?, _ admin: Administrator) async throws -> Mediator {
        let current = try await mediator(id, admin)
        guard current.isActive else { throw MediatorError.retired }
        let stored = try await storePhoto(bytes, admin)
        try await mediators.setPhoto(id: current.id, sha256: stored)
        try await log(admin, "mediator.photo", "mediator \(current.id)")
        return try await mediator(id, admin)
    }

    private func storePhoto(_ bytes: [UInt8]?, _ admin: Administrator) async throws -> String? {
        guard let bytes, !bytes.isEmpty else { return nil }
        guard ContentSniffer.contentType(of: bytes)?.hasPrefix("image/") == true else {
            throw MediatorError.photoNotImage
        }
        return try await files.store(bytes, at: admin.now, uploader: admin.identity.user.id).sha256
    }

    /// 退出 (at the request's time) or 恢复 (nil).
    func setRetired(_ id: Int64, _ retired: Bool, _ admin: Administrator) async throws -> Mediator {
        let current = try await mediator(id, admin)
        try await mediators.setRetired(id: current.id, at: retired ? admin.now : nil)
        try await log(admin, retired ? "mediator.retire" : "mediator.reinstate", "mediator \(current.id)")
        return try await mediator(id, admin)
    }

    /// An account for a mediator's card: a new user with the mediator role at the card's organisation (jurisdiction:
    /// the organisation's region), a one-time password returned once, linked to the card.
    func createAccount(
        for id: Int64, username: String, _ admin: Administrator
    ) async throws -> (user: User, password: String) {
        let card = try await mediator(id, admin)
        guard card.isActive else { throw MediatorError.retired }
        if let linked = card.userID, let user = try await users.find(id: linked) {
            throw MediatorError.accountTaken(user.username)
        }
        guard let organisation = try await organisations.find(id: card.organisationID) else {
            throw Refusal.organisationOutside
        }
        let grant = RoleGrant(role: .mediator, organisationID: organisation.id, jurisdictionID: organisation.regionID)
        let made = try await add(
            NewUser(username: username, displayName: card.name, grants: [grant]), password: nil, admin)
        var details = card.details
        details.userID = made.user.id
        try await mediators.update(id: card.id, to: details)
        try await log(admin, "mediator.update", "mediator \(card.id) linked to user \(made.user.username)")
        return (made.user, made.oneTimePassword ?? "")
    }

    private func log(_ admin: Administrator, _ action: String, _ detail: String) async throws {
        try await accessLog.record(
            AccessLogRepository.Entry(
                at: admin.now, userID: admin.identity.user.id, username: admin.identity.user.username,
                action: action, caseID: nil, detail: detail, requestID: admin.requestID))
    }
}

extension AppServices {
    /// The administration of users and mediators over this app's repositories.
    var people: PeopleAdministration {
        PeopleAdministration(
            regions: regions, organisations: organisations, users: users, mediators: mediators, files: files,
            accessLog: accessLog, passwords: passwords)
    }
}
