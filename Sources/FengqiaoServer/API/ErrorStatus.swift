import FengqiaoCore
import Hummingbird

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
