import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdAuth

/// The staff session cookie (`fq_session`): a HummingbirdAuth authenticator that puts the signed-in identity, with
/// its session's CSRF token, in the context of every page registered after it. A missing, expired or ended session
/// leaves the request anonymous; the route group's role requirement (`RoleRequirement`) decides what that means.
struct SessionAuthenticator: AuthenticatorMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "fq_session"
    let sessions: SessionRepository
    let users: UserRepository
    let actors: ActorFactory

    func authenticate(request: Request, context: AppRequestContext) async throws -> Identity? {
        guard let id = request.cookies[Self.cookieName]?.value,
            let session = try await sessions.find(id, at: context.now),
            let user = try await users.find(id: session.userID), !user.disabled
        else { return nil }
        var identity = try await actors.identity(for: user)
        identity.csrfToken = session.csrfToken
        return identity
    }
}
