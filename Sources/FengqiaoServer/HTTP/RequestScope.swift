import Foundation
import Hummingbird
import NIOCore

/// The request context for code that runs inside a request but is not handed the context: the operations of the
/// generated contract (`CaseActionAPI`), which swift-openapi-hummingbird calls with the request alone.
enum RequestScope {
    @TaskLocal static var context: AppRequestContext?

    static func current() throws -> AppRequestContext {
        guard let context else { throw APIError.unauthenticated }
        return context
    }
}

/// Puts the context in `RequestScope` for the generated operations, and reads their body first up to the context's
/// upload limit, so that a body past it is the same 413 as on every other JSON route.
struct RequestScopeMiddleware: RouterMiddleware {
    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        var request = request
        _ = try await request.collectBody(upTo: context.maxUploadSize)
        return try await RequestScope.$context.withValue(context) { try await next(request, context) }
    }
}
