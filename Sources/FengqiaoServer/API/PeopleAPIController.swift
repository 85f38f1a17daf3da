import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/api/v1/users` and the administration of `/api/v1/mediators` (the directory's `GET` stays public, in
/// `MediatorDirectoryController`): administrators only, each within their jurisdiction, through the same
/// `PeopleAdministration` as the admin pages.
struct PeopleAPIController {
    let people: PeopleAdministration

    // MARK: Resources

    struct GrantResource: Codable, Sendable {
        let role: Role
        let roleName: LocalizedText
        let organisationID: Int64
        let organisationName: String
        let jurisdictionCode: String
        let jurisdictionName: String
    }

    struct UserResource: ResponseEncodable, Codable, Sendable {
        let username: String
        let displayName: String
        let phone: String?
        let disabled: Bool
        let mustChangePassword: Bool
        let grants: [GrantResource]
        let mediatorID: Int64?
    }

    struct UserList: ResponseEncodable {
        let items: [UserResource]
        let total: Int
    }

    struct UserCreated: ResponseEncodable {
        let user: UserResource
        let oneTimePassword: String?
        let mediator: MediatorAdminResource?
    }

    struct OneTimePasswordResource: ResponseEncodable {
        let username: String
        let oneTimePassword: String
    }

    struct MediatorAdminResource: ResponseEncodable, Codable, Sendable {
        let id: Int64
        let name: String
        let organisationID: Int64
        let organisationName: String
        let specialties: [DisputeType]
        let levels: [RegionLevel]
        let languages: [String]
        let goldMedal: Bool
        let available: Bool
        let profile: String
        let username: String?
        let photoURL: String?
        let retired: Bool
    }

    // MARK: Requests

    struct GrantRequest: Decodable {
        let role: Role
        let organisationID: Int64
        let jurisdictionCode: String
    }

    struct MediatorRequest: Decodable {
        let name: String
        let organisationID: Int64
        let specialties: [DisputeType]
        let levels: [RegionLevel]
        let languages: [String]?
        let goldMedal: Bool?
        let available: Bool?
        let profile: String?
        let username: String?
    }

    struct NewUserRequest: Decodable {
        let username: String
        let displayName: String
        let phone: String?
        let grants: [GrantRequest]
        let password: String?
        let mediatorCard: MediatorRequest?
    }

    struct UserPatch: Decodable {
        let displayName: String?
        let phone: String?
        let grants: [GrantRequest]?
    }

    struct MediatorPatch: Decodable {
        let name: String?
        let organisationID: Int64?
        let specialties: [DisputeType]?
        let levels: [RegionLevel]?
        let languages: [String]?
        let goldMedal: Bool?
        let available: Bool?
        let profile: String?
        let username: String?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("users") { request, context in
            let admin = try await administrator(context)
            let query = StrictQuery(request.uri.queryParameters)
            var found = try await people.usersInScope(admin)
            if let words = request.uri.queryParameters.get("q")?.lowercased(), !words.isEmpty {
                found = found.filter {
                    $0.username.lowercased().contains(words) || $0.displayName.lowercased().contains(words)
                }
            }
            if let role = try query.value("role", as: Role.self) { found = found.filter { $0.holds(role) } }
            if let organisation = try query.integer("organisation", in: 1...Int64.max) {
                found = found.filter { $0.grants.contains { $0.organisationID == Organisation.ID(organisation) } }
            }
            switch try query.value("status", as: Status.self) {
            case .active: found = found.filter { !$0.disabled }
            case .disabled: found = found.filter(\.disabled)
            case nil: break
            }
            if try query.value("sort", as: Sort.self) == .name {
                found.sort { ($0.displayName, $0.username) < ($1.displayName, $1.username) }
            } else {
                found.sort { $0.username < $1.username }
            }
            var items: [UserResource] = []
            for user in found { items.append(try await resource(user, admin)) }
            return UserList(items: items, total: items.count)
        }
        group.post("users") { request, context in
            let admin = try await administrator(context)
            let body = try await request.decodeBody(as: NewUserRequest.self, context: context)
            var grants: [RoleGrant] = []
            for grant in body.grants { grants.append(try await self.grant(grant, admin)) }
            let card = body.mediatorCard.map { details($0, userID: nil) }
            let made = try await people.add(
                NewUser(username: body.username, displayName: body.displayName, phone: body.phone, grants: grants),
                password: body.password, card: card, admin)
            var cardResource: MediatorAdminResource?
            if let made = made.card { cardResource = try await resource(made) }
            return EditedResponse(
                status: .created,
                response: UserCreated(
                    user: try await resource(made.user, admin), oneTimePassword: made.oneTimePassword,
                    mediator: cardResource))
        }
        group.get("users/:username") { _, context in
            let admin = try await administrator(context)
            return try await resource(try await people.user(try context.parameters.require("username"), admin), admin)
        }
        group.patch("users/:username") { request, context in
            let admin = try await administrator(context)
            let user = try await people.user(try context.parameters.require("username"), admin)
            let body = try await request.decodeBody(as: UserPatch.self, context: context)
            var change = UserChange(user)
            if let name = body.displayName { change.displayName = name }
            if let phone = body.phone { change.phone = phone.isEmpty ? nil : phone }
            if let requested = body.grants {
                change.grants = []
                for grant in requested { change.grants.append(try await self.grant(grant, admin)) }
            }
            return try await resource(try await people.edit(user.username, to: change, admin), admin)
        }
        group.post("users/:username/disable") { _, context in
            let admin = try await administrator(context)
            let user = try await people.setDisabled(try context.parameters.require("username"), true, admin)
            return try await resource(user, admin)
        }
        group.post("users/:username/enable") { _, context in
            let admin = try await administrator(context)
            let user = try await people.setDisabled(try context.parameters.require("username"), false, admin)
            return try await resource(user, admin)
        }
        group.post("users/:username/reset-password") { _, context in
            let admin = try await administrator(context)
            let (user, password) = try await people.resetPassword(try context.parameters.require("username"), admin)
            return OneTimePasswordResource(username: user.username, oneTimePassword: password)
        }
        group.post("mediators") { request, context in
            let admin = try await administrator(context)
            let body = try await request.decodeBody(as: MediatorRequest.self, context: context)
            let made = try await people.addMediator(
                details(body, userID: try await people.account(body.username, admin)), photo: nil, admin)
            return EditedResponse(status: .created, response: try await resource(made))
        }
        group.patch("mediators/:id") { request, context in
            let admin = try await administrator(context)
            let id = try mediatorID(context)
            let current = try await people.mediator(id, admin)
            let body = try await request.decodeBody(as: MediatorPatch.self, context: context)
            var details = current.details
            if let name = body.name { details.name = name }
            if let organisation = body.organisationID { details.organisationID = Organisation.ID(organisation) }
            if let specialties = body.specialties { details.specialties = specialties }
            if let levels = body.levels { details.levels = levels }
            if let languages = body.languages { details.languages = languages }
            if let gold = body.goldMedal { details.goldMedal = gold }
            if let available = body.available { details.available = available }
            if let profile = body.profile { details.profile = profile }
            if let username = body.username { details.userID = try await people.account(username, admin) }
            return try await resource(try await people.editMediator(id, to: details, admin))
        }
        group.post("mediators/:id/retire") { _, context in
            let admin = try await administrator(context)
            return try await resource(try await people.setRetired(try mediatorID(context), true, admin))
        }
        group.post("mediators/:id/reinstate") { _, context in
            let admin = try await administrator(context)
            return try await resource(try await people.setRetired(try mediatorID(context), false, admin))
        }
        group.put("mediators/:id/photo") { request, context in
            let admin = try await administrator(context)
            let id = try mediatorID(context)
            _ = try await people.mediator(id, admin)
            // Past the limit: 413 naming it (`RequestProblems.tooLarge`).
            let body = try await request.body.collect(upTo: Attachment.maximumSize)
            let bytes = Array(buffer: body)
            guard !bytes.isEmpty else { throw MediatorError.photoNotImage }
            return try await resource(try await people.setPhoto(id, bytes, admin))
        }
        group.delete("mediators/:id/photo") { _, context in
            let admin = try await administrator(context)
            return try await resource(try await people.setPhoto(try mediatorID(context), nil, admin))
        }
    }

    enum Status: String, CaseIterable {
        case active, disabled
    }

    enum Sort: String, CaseIterable {
        case username, name
    }

    /// An administrator: any other member of staff is refused (403).
    private func administrator(_ context: AppRequestContext) async throws -> PeopleAdministration.Administrator {
        let identity = try context.requireIdentity()
        guard identity.user.holds(.admin) else { throw APIError.forbidden }
        return try await people.administrator(context)
    }

    private func mediatorID(_ context: AppRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else {
            throw PeopleAdministration.Refusal.mediatorNotFound
        }
        return id
    }

    private func grant(
        _ request: GrantRequest, _ admin: PeopleAdministration.Administrator
    ) async throws
        -> RoleGrant
    {
        try await people.grant(
            role: request.role, organisation: request.organisationID, jurisdiction: request.jurisdictionCode, admin)
    }

    private func details(_ request: MediatorRequest, userID: User.ID?) -> NewMediator {
        NewMediator(
            name: request.name, organisationID: Organisation.ID(request.organisationID),
            specialties: request.specialties, levels: request.levels, languages: request.languages ?? ["普通话"],
            goldMedal: request.goldMedal ?? false, available: request.available ?? true,
            profile: request.profile ?? "", userID: userID)
    }

    private func resource(_ user: User, _ admin: PeopleAdministration.Administrator) async throws -> UserResource {
        var grants: [GrantResource] = []
        for grant in user.grants {
            let region = try await people.regions.find(id: grant.jurisdictionID)
            grants.append(
                GrantResource(
                    role: grant.role, roleName: LocalizedText(grant.role.name),
                    organisationID: grant.organisationID.rawValue,
                    organisationName: try await people.organisations.find(id: grant.organisationID)?.name ?? "",
                    jurisdictionCode: region?.code ?? "",
                    jurisdictionName: admin.scope.labels[grant.jurisdictionID] ?? region?.name ?? ""))
        }
        return UserResource(
            username: user.username, displayName: user.displayName, phone: user.phone, disabled: user.disabled,
            mustChangePassword: user.mustChangePassword, grants: grants,
            mediatorID: try await people.mediators.find(userID: user.id)?.id.rawValue)
    }

    private func resource(_ mediator: Mediator) async throws -> MediatorAdminResource {
        var username: String?
        if let id = mediator.userID { username = try await people.users.find(id: id)?.username }
        return MediatorAdminResource(
            id: mediator.id.rawValue, name: mediator.name, organisationID: mediator.organisationID.rawValue,
            organisationName: try await people.organisations.find(id: mediator.organisationID)?.name ?? "",
            specialties: mediator.specialties, levels: mediator.levels, languages: mediator.languages,
            goldMedal: mediator.goldMedal, available: mediator.available, profile: mediator.profile,
            username: username, photoURL: mediator.photo.map { _ in Paths.mediatorPhoto(mediator.id) },
            retired: !mediator.isActive)
    }
}
