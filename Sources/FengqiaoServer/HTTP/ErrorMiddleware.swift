import FengqiaoCore
import Hummingbird
import Logging
import NIOCore

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
            response = Response.redirect(to: Paths.signIn(returnTo: error.returnTo), type: .normal)
        } catch is WebAccess.Forbidden {
            response = ErrorPage.response(status: .forbidden, context: context, title: WorkspaceStrings.forbidden)
        } catch let error as PasswordHasher.Saturated {
            response = ErrorPage.response(status: .tooManyRequests, context: context, title: AbuseLimits.signInBusy)
            response.headers[.retryAfter] = "\(error.retryAfter)"
        } catch let error as NIOTooManyBytesError {
            response = ErrorPage.response(
                status: .contentTooLarge, context: context, title: RequestProblems.tooLarge(maxBytes: error.maxBytes))
        } catch let error as DecodingError {
            // A form missing a field or with a value of the wrong kind: the request's fault, named.
            response = ErrorPage.response(
                status: .badRequest, context: context, title: RequestProblems.undecodable(error).message)
        } catch is URLEncodedFormError {
            response = ErrorPage.response(status: .badRequest, context: context)
        } catch let error as HTTPError {
            response = ErrorPage.response(status: error.status, context: context)
            if let retryAfter = error.headers[.retryAfter] { response.headers[.retryAfter] = retryAfter }
        } catch {
            logger.error(
                "request failed",
                metadata: [
                    "request_id": "\(context.requestID)", "path": "\(request.uri.path)", "error": "\(error)",
                ])
            response = ErrorPage.response(status: .internalServerError, context: context)
        }
        response.headers[.init("X-Request-Id")!] = context.requestID
        return response
    }
}
