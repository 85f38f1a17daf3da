import Hummingbird

/// Reads the clock once per request, before anything else runs: `context.now` is the request's time.
struct RequestClockMiddleware: RouterMiddleware {
    let clock: AppClock

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.now = clock.now()
        return try await next(request, context)
    }
}
