import FengqiaoCore
import Foundation
import Hummingbird

/// Reads a query string's parameters strictly: a value that is present but not understood is refused with 400
/// naming the parameter and what it takes (`state=bogus`, `limit=-1`, `from=2026-13-45`), never silently ignored.
struct StrictQuery {
    let parameters: Parameters

    init(_ parameters: Parameters) { self.parameters = parameters }

    static func invalid(_ name: String, _ value: String, expected: Localized) -> APIError {
        let shown = String(value.prefix(40))
        var error = APIError.badRequest(
            "request.invalid_parameter",
            Localized(
                zh: "查询参数 \(name) 的值“\(shown)”无效：应为\(expected.zh)。",
                en: "Query parameter \(name) has an invalid value \"\(shown)\": expected \(expected.en)."))
        error.parameter = name
        return error
    }

    /// One value of a string enum; nil when absent.
    func value<T: RawRepresentable & CaseIterable>(_ name: String, as type: T.Type) throws -> T?
    where T.RawValue == String {
        guard let text = parameters.get(name) else { return nil }
        return try Self.parse(name, text, as: type)
    }

    /// Every value of a repeated string-enum parameter (`state=registered&state=assessed`).
    func values<T: RawRepresentable & CaseIterable>(_ name: String, as type: T.Type) throws -> [T]
    where T.RawValue == String {
        try parameters.getAll(name).map { try Self.parse(name, String($0), as: type) }
    }

    private static func parse<T: RawRepresentable & CaseIterable>(
        _ name: String, _ text: String, as type: T.Type
    )
        throws -> T
    where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw invalid(name, text, expected: Localized(zh: "以下之一：\(allowed)", en: "one of \(allowed)"))
        }
        return value
    }

    /// A whole number in `range`; nil when absent.
    func integer(_ name: String, in range: ClosedRange<Int64>) throws -> Int64? {
        guard let text = parameters.get(name) else { return nil }
        guard let number = Int64(text), range.contains(number) else {
            throw Self.invalid(
                name, text,
                expected: Localized(
                    zh: "\(range.lowerBound)到\(range.upperBound)之间的整数",
                    en: "a whole number from \(range.lowerBound) to \(range.upperBound)"))
        }
        return number
    }

    /// Which end of a day a date without a time stands for (`ChinaTime`): `from` its start, `to` its end.
    enum Bound {
        case start
        case end
    }

    /// `2026-11-23` (that whole day, China Standard Time: its start as a `.start`, its end as an `.end`) or a full
    /// ISO 8601 timestamp; nil when absent.
    func date(_ name: String, _ bound: Bound) throws -> Date? {
        guard let text = parameters.get(name) else { return nil }
        guard let moment = ChinaTime.parse(text) else {
            throw Self.invalid(
                name, text,
                expected: Localized(
                    zh: "日期（如 2026-11-23）或 ISO 8601 时间", en: "a date (2026-11-23) or an ISO 8601 date-time"))
        }
        return bound == .start ? moment.lowerBound : moment.periodEnd
    }

    /// `true` / `false` (also 1/0, yes/no, on/off); nil when absent.
    func boolean(_ name: String) throws -> Bool? {
        guard let text = parameters.get(name) else { return nil }
        guard let value = AppConfiguration.parseBool(text) else {
            throw Self.invalid(name, text, expected: Localized(zh: "true 或 false", en: "true or false"))
        }
        return value
    }
}
