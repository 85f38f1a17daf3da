import FengqiaoCore
import Hummingbird
import HummingbirdAuth

/// HummingbirdAuth's policy of a route group: the identity holds at least one of `roles`.
struct AnyRolePolicy: AuthorizationPolicy {
    let roles: Set<Role>

    func isAuthorized(identity: Identity, request: Request) async throws -> Bool {
        !identity.roles.isDisjoint(with: roles)
    }
}

/// Who a group of routes serves, put on the group instead of repeated in each handler: HummingbirdAuth's
/// `AuthorizationPolicyMiddleware` with `AnyRolePolicy`. Another role is the door's 403. Nobody signed in is the
/// API's 401 problem document (`ErrorStatus`), and on a page the sign-in page, which comes back afterwards.
enum RoleRequirement {
    /// Workspace pages: the roles of `WorkspaceRoles`; another role sees the forbidden page.
    static func page(_ roles: Set<Role>) -> PageRequirement {
        PageRequirement(
            policy: AuthorizationPolicyMiddleware(AnyRolePolicy(roles: roles), deniedError: WebAccess.Forbidden()))
    }

    /// Any signed-in member of staff.
    static var staffPage: PageRequirement { page(Set(Role.allCases)) }

    /// The JSON API: any member of staff with a valid token; what each may do with a case is the domain's to say.
    static var api: AuthorizationPolicyMiddleware<AnyRolePolicy, AppRequestContext, APIError> {
        AuthorizationPolicyMiddleware(AnyRolePolicy(roles: Set(Role.allCases)), deniedError: APIError.forbidden)
    }
}

/// A page group's requirement: without a session, the sign-in page (coming back here afterwards); with one, the
/// role policy.
struct PageRequirement: RouterMiddleware {
    let policy: AuthorizationPolicyMiddleware<AnyRolePolicy, AppRequestContext, WebAccess.Forbidden>

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let identity = context.identity else {
            throw WebAccess.SignInRequired(returnTo: request.uri.description)
        }
        // A one-time password from an administrator is replaced before any other page opens.
        if identity.user.mustChangePassword, !request.uri.path.hasPrefix(Paths.account) {
            throw WebAccess.PasswordChangeRequired()
        }
        return try await policy.handle(request, context: context, next: next)
    }
}

extension WebAccess.Forbidden: HTTPResponseError {
    var status: HTTPResponse.Status { .forbidden }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .forbidden)
    }
}

extension APIError: HTTPResponseError {
    func response(from request: Request, context: some RequestContext) throws -> Response {
        try Problem(status: status, code: code, message: message, requestID: "").response()
    }
}
