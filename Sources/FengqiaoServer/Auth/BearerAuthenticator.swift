import FengqiaoCore
import FengqiaoStore
import Hummingbird
import HummingbirdAuth

/// `Authorization: Bearer TOKEN` for systems and scripts (`fengqiao token create --user NAME`): a HummingbirdAuth
/// authenticator for the API's route groups. An unknown token, or one of a disabled user, leaves the request
/// anonymous; the group's `RoleRequirement` answers it 401.
struct BearerAuthenticator: AuthenticatorMiddleware {
    typealias Context = AppRequestContext
    let tokens: TokenRepository
    let users: UserRepository
    let actors: ActorFactory

    func authenticate(request: Request, context: AppRequestContext) async throws -> Identity? {
        guard let token = request.headers.bearer?.token,
            let userID = try await tokens.userID(for: token),
            let user = try await users.find(id: userID), !user.disabled
        else { return nil }
        return try await actors.identity(for: user)
    }
}
