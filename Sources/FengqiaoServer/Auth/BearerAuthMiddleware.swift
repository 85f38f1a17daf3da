import FengqiaoCore
import FengqiaoStore
import Hummingbird

/// `Authorization: Bearer TOKEN` for systems and scripts (`fengqiao token create --user NAME`).
struct BearerAuthMiddleware: RouterMiddleware {
    let services: AppServices

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
            let userID = try await services.tokens.userID(for: String(header.dropFirst("Bearer ".count))),
            let user = try await services.users.find(id: userID), !user.disabled
        else { throw APIError.unauthenticated }
        var context = context
        context.identity = try await ActorFactory(regions: services.regions).identity(for: user)
        return try await next(request, context)
    }
}
