import FengqiaoCore
import Foundation
import Hummingbird
import NIOCore

/// What is wrong with a request the server could not read, in words that name the field or the limit, in Chinese
/// and English: one place for the API's problem documents, the pages and Open311.
enum RequestProblems {
    /// A body past its route's limit (`NIOTooManyBytesError`): 413, the limit named.
    static func tooLarge(maxBytes: Int?) -> Localized {
        guard let maxBytes else {
            return Localized(zh: "提交的内容过大。", en: "The request body is too large.")
        }
        let size = readableSize(maxBytes)
        return Localized(
            zh: "提交的内容过大：此处最多 \(size)。", en: "The request body is too large: at most \(size) here.")
    }

    /// `16 KB`, `2 MB`, `30.3 MB`.
    static func readableSize(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\(bytes / 1024) KB" }
        let megabytes = Double(bytes) / (1024 * 1024)
        return abs(megabytes - megabytes.rounded()) < 0.05
            ? "\(Int(megabytes.rounded())) MB" : String(format: "%.1f MB", megabytes)
    }

    /// A JSON body or form that does not decode: which field, and what was expected there.
    static func undecodable(_ error: DecodingError) -> (code: String, message: Localized) {
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return (
                "request.missing_field",
                Localized(zh: "缺少必填字段“\(field)”。", en: "The required field \"\(field)\" is missing.")
            )
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            let expected = kind(of: type)
            return (
                "request.invalid_field",
                field.isEmpty
                    ? Localized(
                        zh: "请求内容应为\(expected.zh)。", en: "The request body must be \(expected.en).")
                    : Localized(
                        zh: "字段“\(field)”应为\(expected.zh)。", en: "The field \"\(field)\" must be \(expected.en).")
            )
        case .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            let expected = kind(of: type)
            return (
                "request.invalid_field",
                Localized(
                    zh: "字段“\(field)”不能为空，应为\(expected.zh)。",
                    en: "The field \"\(field)\" must not be null: it must be \(expected.en).")
            )
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            if field.isEmpty {
                return (
                    "request.malformed",
                    Localized(
                        zh: "请求内容不是有效的 JSON（可能被截断）。",
                        en: "The request body is not valid JSON (it may be truncated).")
                )
            }
            if let value = rejectedValue(context.debugDescription) {
                return (
                    "request.invalid_field",
                    Localized(
                        zh: "字段“\(field)”的值“\(value)”不是允许的取值。",
                        en: "The field \"\(field)\" does not accept the value \"\(value)\".")
                )
            }
            return (
                "request.invalid_field",
                Localized(zh: "字段“\(field)”的值格式不正确。", en: "The field \"\(field)\" has a value in the wrong format.")
            )
        @unknown default:
            return (
                "request.malformed",
                Localized(zh: "请求内容格式不正确。", en: "The request body is not in the expected format.")
            )
        }
    }

    /// `attachments[0].sha256`.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    /// The value Foundation names in "Cannot initialize X from invalid String value bogus", cut short.
    static func rejectedValue(_ description: String) -> String? {
        guard let range = description.range(of: "invalid String value ") else { return nil }
        return String(description[range.upperBound...].prefix(40))
    }

    /// What a Swift type is, for people.
    static func kind(of type: Any.Type) -> Localized {
        switch type {
        case is String.Type: Localized(zh: "文本", en: "a string")
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt8.Type: Localized(zh: "整数", en: "a whole number")
        case is Double.Type, is Float.Type: Localized(zh: "数字", en: "a number")
        case is Bool.Type: Localized(zh: "true 或 false", en: "true or false")
        case is Date.Type: Localized(zh: "ISO 8601 日期时间", en: "an ISO 8601 date-time")
        default:
            String(describing: type).hasPrefix("Array")
                ? Localized(zh: "数组", en: "an array") : Localized(zh: "对象", en: "an object")
        }
    }
}

extension Request {
    /// Decodes a JSON body, keeping the `DecodingError` (Hummingbird's `decode(as:context:)` turns it into an
    /// English-only 400), so that `RequestProblems.undecodable` names the field in both languages.
    func decodeBody<T: Decodable>(as type: T.Type, context: AppRequestContext) async throws -> T {
        try await context.requestDecoder.decode(type, from: self, context: context)
    }
}
