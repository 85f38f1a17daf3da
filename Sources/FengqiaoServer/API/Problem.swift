import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import Logging

/// An API error as a JSON problem document (RFC 9457): a stable code for programs, a message in zh-Hans and en for
/// people, and the request id to quote to support.
struct Problem: Codable, Sendable, Equatable {
    struct Message: Codable, Sendable, Equatable {
        let zh: String
        let en: String
    }

    let type: String
    let title: String
    let status: Int
    let code: String
    let message: Message
    let requestId: String

    init(status: HTTPResponse.Status, code: String, message: Localized, requestID: String) {
        self.type = "about:blank"
        self.title = status.reasonPhrase
        self.status = status.code
        self.code = code
        self.message = Message(zh: message.zh, en: message.en)
        self.requestId = requestID
    }

    func response() throws -> Response {
        Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: "application/problem+json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: try APIJSON.encoder.encode(self))))
    }
}

/// An error raised in a controller that already knows its HTTP status.
struct APIError: Error, UserFacingError {
    let status: HTTPResponse.Status
    let code: String
    let message: Localized
    /// Seconds after which the client may try again (`Retry-After`, with 429 and 503).
    var retryAfter: Int? = nil
    /// The query parameter that was refused, when one was (`StrictQuery`): a page names its field from it.
    var parameter: String? = nil

    static let unauthenticated = APIError(
        status: .unauthorized, code: "auth.required",
        message: Localized(
            zh: "需要登录：请在 Authorization 头中提供有效的 Bearer 令牌。",
            en: "Authentication required: send a valid Bearer token in the Authorization header."))
    static let forbidden = APIError(
        status: .forbidden, code: "auth.forbidden",
        message: Localized(zh: "您无权查看或办理该案件。", en: "You may not see or act on this case."))
    static let notFound = APIError(
        status: .notFound, code: "not_found", message: Localized(zh: "找不到该资源。", en: "No such resource."))

    static func badRequest(_ code: String, _ message: Localized) -> APIError {
        APIError(status: .badRequest, code: code, message: message)
    }
}

/// Turns every error under `/api` into a problem document. Domain and store errors keep their own code;
/// anything unexpected becomes a 500 whose detail stays in the log.
struct APIErrorMiddleware: RouterMiddleware {
    let logger: Logger

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let answer = ErrorStatus.answer(for: error)
            if answer.status == .internalServerError {
                logger.error(
                    "api request failed",
                    metadata: [
                        "request_id": "\(context.requestID)", "path": "\(request.uri.path)", "error": "\(error)",
                    ])
            }
            var response = try Problem(
                status: answer.status, code: answer.code, message: answer.message, requestID: context.requestID
            ).response()
            response.headers[.init("X-Request-Id")!] = context.requestID
            if let retryAfter = answer.retryAfter { response.headers[.retryAfter] = retryAfter }
            return response
        }
    }
}
