import FengqiaoCore
import FengqiaoStore
import HummingbirdAuth

/// Who is asking: a member of staff, signed in by session or by API token, with the actor the domain checks. The
/// identity of HummingbirdAuth's request context (`AppRequestContext`), set by `SessionAuthenticator` or
/// `BearerAuthenticator`.
public struct Identity: Sendable {
    public let user: User
    public let actor: Actor
    /// The signed-in session's CSRF token, for the forms of a page; nil for an API token.
    public internal(set) var csrfToken: String?
    /// The organisations among the user's department grants that send risk visitors (派出所, 司法所:
    /// `VisitorRole.of`): their handlers read key persons. Empty when the factory was given no organisations.
    public var riskOrganisations: Set<Organisation.ID> = []
}

extension Identity: RoleProviding {
    /// Every role the user holds, whatever organisation it is for: what a route group's role requirement reads.
    public var roles: Set<Role> { Set(actor.grants.map(\.role)) }
}

extension Identity {
    /// The cases this reader may list and count: `CaseVisibility`, the rule the case page asks too.
    var visibility: CaseRepository.Visibility { CaseVisibility.predicate(for: actor) }
}

extension OrganisationRepository {
    /// The organisations among department grants that send risk visitors (a police station, a justice office:
    /// `VisitorRole.of`): their handlers visit on warnings and read key persons.
    func riskVisitors(
        among grants: [(role: Role, organisationID: Organisation.ID)]
    ) async throws -> Set<Organisation.ID> {
        var found = Set<Organisation.ID>()
        for grant in grants where grant.role == .departmentHandler {
            guard let organisation = try await find(id: grant.organisationID),
                VisitorRole.of(kind: organisation.kind, name: organisation.name) != nil
            else { continue }
            found.insert(organisation.id)
        }
        return found
    }
}

/// Builds the domain's `Actor` for a user: each grant with the tree path of its jurisdiction.
public struct ActorFactory: Sendable {
    let regions: RegionRepository
    let organisations: OrganisationRepository?

    public init(regions: RegionRepository, organisations: OrganisationRepository? = nil) {
        self.regions = regions
        self.organisations = organisations
    }

    /// The actor a user acts as (for tools that act without a request: the bench floor, imports).
    public func actor(for user: User) async throws -> Actor {
        try await identity(for: user).actor
    }

    func identity(for user: User) async throws -> Identity {
        var grants: [Actor.Grant] = []
        for grant in user.grants {
            guard let path = try await regions.path(of: grant.jurisdictionID) else { continue }
            grants.append(Actor.Grant(role: grant.role, organisationID: grant.organisationID, jurisdictionPath: path))
        }
        let actor = Actor.staff(
            userID: user.id, username: user.username, displayName: user.displayName, grants: grants)
        var identity = Identity(user: user, actor: actor, csrfToken: nil)
        if let organisations {
            identity.riskOrganisations = try await organisations.riskVisitors(
                among: user.grants.map { ($0.role, $0.organisationID) })
        }
        return identity
    }
}
