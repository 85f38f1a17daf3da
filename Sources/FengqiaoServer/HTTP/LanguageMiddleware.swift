import FengqiaoCore
import Hummingbird

/// zh-Hans unless the user chose English: `?lang=en` switches and is remembered in a cookie.
struct LanguageMiddleware: RouterMiddleware {
    static let cookieName = "fq_lang"

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let chosen = request.uri.queryParameters.get("lang").flatMap(DisplayLanguage.init(rawValue:))
        context.language =
            chosen ?? request.cookies[Self.cookieName].flatMap { DisplayLanguage(rawValue: $0.value) } ?? .zhHans
        var response = try await next(request, context)
        if let chosen {
            response.setCookie(
                Cookie(
                    name: Self.cookieName, value: chosen.rawValue, maxAge: 365 * 24 * 3600, path: "/", sameSite: .lax))
        }
        return response
    }
}
