import FengqiaoCore
import Hummingbird
import NIOCore
import OpenAPIRuntime

/// The HTTP status of every refusal, decided in one place for the JSON API, the pages and Open311: a domain or store
/// error by its kind (`ErrorKind`), an error raised by the HTTP layer by the status it carries.
enum ErrorStatus {
    static func status(of kind: ErrorKind) -> HTTPResponse.Status {
        switch kind {
        case .malformed: .badRequest
        case .invalid: .unprocessableContent
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .conflict: .conflict
        }
    }

    /// The status of a user-facing error: one raised with its status (`APIError`), or by its kind.
    static func status(of error: any UserFacingError) -> HTTPResponse.Status {
        if let error = error as? APIError { return error.status }
        return status(of: error.kind)
    }
}

/// How any error is answered, whichever door it came through (the JSON API's problem document, a page, Open311):
/// its status, a stable code, what it says, and when to try again.
struct ErrorAnswer: Sendable {
    let status: HTTPResponse.Status
    let code: String
    let message: Localized
    /// `Retry-After`, for refusals that say when to try again.
    var retryAfter: String? = nil
}

extension ErrorStatus {
    /// The one classification of errors: user-facing ones by their kind, the HTTP layer's by what they carry,
    /// anything else a 500 whose detail only the log sees.
    static func answer(for error: any Error) -> ErrorAnswer {
        switch error {
        case let error as APIError:
            return ErrorAnswer(
                status: error.status, code: error.code, message: error.message,
                retryAfter: error.retryAfter.map { "\($0)" })
        case let error as any UserFacingError:
            return ErrorAnswer(status: status(of: error), code: error.code, message: error.message)
        case let error as PasswordHasher.Saturated:
            return ErrorAnswer(
                status: .tooManyRequests, code: "request.busy", message: AbuseLimits.signInBusy,
                retryAfter: "\(error.retryAfter)")
        case let error as NIOTooManyBytesError:
            return ErrorAnswer(
                status: .contentTooLarge, code: "request.too_large",
                message: RequestProblems.tooLarge(maxBytes: error.maxBytes))
        case let error as HTTPError where error.status == .unauthorized:
            // HummingbirdAuth's answer to a route group entered without an identity.
            return answer(for: APIError.unauthenticated)
        case let error as HTTPError:
            return ErrorAnswer(
                status: error.status, code: "http.\(error.status.code)",
                message: Localized(zh: "请求无法处理（\(error.status.code)）。", en: error.status.reasonPhrase),
                retryAfter: error.headers[.retryAfter])
        case let error as DecodingError:
            let problem = RequestProblems.undecodable(error)
            return ErrorAnswer(status: .badRequest, code: problem.code, message: problem.message)
        case let error as ServerError:
            // The generated operations wrap what they throw: ours is answered as itself; the runtime's own refusals
            // (a path parameter or header it cannot read, a content type it does not take) by the status they carry.
            let inner = answer(for: error.underlyingError)
            guard inner.status == .internalServerError, error.httpStatus != .internalServerError else { return inner }
            return ErrorAnswer(
                status: error.httpStatus, code: "request.\(error.httpStatus.code)",
                message: Localized(
                    zh: "请求无法处理（\(error.httpStatus.code)）：\(error.causeDescription)", en: error.causeDescription))
        case is URLEncodedFormError:
            return ErrorAnswer(
                status: .badRequest, code: "request.malformed",
                message: Localized(zh: "请求内容格式不正确。", en: "The request body is not in the expected format."))
        default:
            return ErrorAnswer(
                status: .internalServerError, code: "internal",
                message: Localized(zh: "系统出错了，请稍后再试。", en: "Something went wrong; please try again later."))
        }
    }
}
