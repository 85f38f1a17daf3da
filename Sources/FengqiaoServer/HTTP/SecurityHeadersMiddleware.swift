import Hummingbird

/// Headers that tell browsers to be strict: no sniffing, no framing, no foreign scripts.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// TLS terminates in front (`FENGQIAO_BEHIND_TLS`): browsers are told to use HTTPS only, for a year.
    var strictTransportSecurity = false

    /// Forms post only to this site, no `<base>` may move relative links elsewhere, no site may frame a page.
    static var contentSecurityPolicy: String {
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'; object-src 'none'"
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        // Answers hold personal data unless they say otherwise: nothing is kept by browsers or proxies but what a
        // route marks cacheable itself (the static files, the OpenAPI document).
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if strictTransportSecurity {
            response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains"
        }
        return response
    }
}
