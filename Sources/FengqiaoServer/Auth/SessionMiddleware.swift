import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// Reads the staff session cookie on web pages and puts the signed-in identity in the context.
struct SessionMiddleware: RouterMiddleware {
    static let cookieName = "fq_session"
    let services: AppServices

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let id = request.cookies[Self.cookieName]?.value,
            let session = try await services.sessions.find(id, at: context.now),
            let user = try await services.users.find(id: session.userID), !user.disabled
        {
            context.identity = try await ActorFactory(regions: services.regions).identity(for: user)
            context.csrfToken = session.csrfToken
        }
        return try await next(request, context)
    }
}
