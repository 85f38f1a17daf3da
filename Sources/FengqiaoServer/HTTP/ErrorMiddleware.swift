import FengqiaoCore
import Hummingbird
import Logging

/// Never shows an internal error to a user: a page (or JSON) with the request id, the detail in the log.
struct ErrorMiddleware: RouterMiddleware {
    let logger: Logger

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as WebAccess.SignInRequired {
            // A page's route group entered without a session (`RoleRequirement`): sign in, then come back here.
            response = Response.redirect(to: Paths.signIn(returnTo: error.returnTo), type: .normal)
        } catch is WebAccess.PasswordChangeRequired {
            response = Response.redirect(to: Paths.account, type: .normal)
        } catch is WebAccess.Forbidden {
            response = ErrorPage.response(status: .forbidden, context: context, title: WorkspaceStrings.forbidden)
        } catch {
            let answer = ErrorStatus.answer(for: error)
            if answer.status == .internalServerError {
                logger.error(
                    "request failed",
                    metadata: [
                        "request_id": "\(context.requestID)", "path": "\(request.uri.path)", "error": "\(error)",
                    ])
            }
            // A refusal that says what is wrong shows it; a bare HTTP status or an internal error keeps the page's
            // own title (not found, request failed, server error).
            let plain = error is HTTPError || error is URLEncodedFormError || answer.status == .internalServerError
            response = ErrorPage.response(
                status: answer.status, context: context, title: plain ? nil : answer.message)
            if let retryAfter = answer.retryAfter { response.headers[.retryAfter] = retryAfter }
        }
        response.headers[.init("X-Request-Id")!] = context.requestID
        return response
    }
}
