import Foundation

/// A time limit as a policy states it: "30分钟响应" is `.minutes(30)`, "5个工作日办结" is `.workingDays(5)`.
///
/// Natural limits (`minutes`, `hours`, `naturalDays`) run on the wall clock, nights, weekends and holidays included.
/// Working limits (`workingHours`, `workingDays`) count only the working time of a `WorkingCalendar`; a working day
/// is the calendar's `workingDayLength`.
///
/// Config files and the admin API write a limit as its `code`: "30m", "24h", "7d", "4wh", "5wd". It is `Codable` as
/// that string.
public enum TimeLimit: Sendable, Hashable, Codable {
    /// Natural minutes ("30分钟响应").
    case minutes(Int)
    /// Natural hours ("24小时").
    case hours(Int)
    /// Natural days of 24 hours ("一周内" = 7, "半个月" = 15, "一个月" = 30).
    case naturalDays(Int)
    /// Hours of working time.
    case workingHours(Int)
    /// Working days: n × the calendar's working-day length.
    case workingDays(Int)

    /// The largest count a code may carry: 100,000 units (about 270 years of natural days), so that nothing
    /// overflows or walks the calendar for ever.
    public static let maximumCount = 100_000

    /// True for limits that count only working time.
    public var isWorkingTime: Bool {
        switch self {
        case .minutes, .hours, .naturalDays: false
        case .workingHours, .workingDays: true
        }
    }

    /// The number in the policy: 30 for `.minutes(30)`.
    public var count: Int {
        switch self {
        case .minutes(let count), .hours(let count), .naturalDays(let count), .workingHours(let count),
            .workingDays(let count):
            count
        }
    }

    /// The length of the limit in its own kind of time: natural seconds, or working seconds for working limits,
    /// where a working day lasts `workingDayLength` seconds. Never negative.
    public func seconds(workingDayLength: TimeInterval) -> TimeInterval {
        let count = TimeInterval(max(count, 0))
        return switch self {
        case .minutes: count * 60
        case .hours, .workingHours: count * 3600
        case .naturalDays: count * 86_400
        case .workingDays: count * max(workingDayLength, 0)
        }
    }

    /// "30分钟" / "30 minutes", "24小时" / "24 hours", "7天" / "7 days", "4个工作小时" / "4 working hours",
    /// "5个工作日" / "5 working days".
    public var name: Localized {
        let count = count
        return switch self {
        case .minutes: Localized(zh: "\(count)分钟", en: Self.english(count, "minute"))
        case .hours: Localized(zh: "\(count)小时", en: Self.english(count, "hour"))
        case .naturalDays: Localized(zh: "\(count)天", en: Self.english(count, "day"))
        case .workingHours: Localized(zh: "\(count)个工作小时", en: Self.english(count, "working hour"))
        case .workingDays: Localized(zh: "\(count)个工作日", en: Self.english(count, "working day"))
        }
    }

    /// Parses "30m", "24h", "7d", "4wh" and "5wd": a whole number from 1 to `maximumCount`, then the unit.
    /// Surrounding spaces and capital letters are accepted; anything else is nil.
    public init?(code: String) {
        let code = code.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = code.prefix { $0.isASCII && $0.isNumber }
        let unit = code.dropFirst(digits.count)
        guard !digits.isEmpty, digits.count <= 6, let count = Int(digits), count >= 1, count <= Self.maximumCount
        else { return nil }
        switch unit {
        case "m": self = .minutes(count)
        case "h": self = .hours(count)
        case "d": self = .naturalDays(count)
        case "wh": self = .workingHours(count)
        case "wd": self = .workingDays(count)
        default: return nil
        }
    }

    /// The code config files and the admin API use: "30m", "24h", "7d", "4wh", "5wd".
    public var code: String {
        switch self {
        case .minutes(let count): "\(count)m"
        case .hours(let count): "\(count)h"
        case .naturalDays(let count): "\(count)d"
        case .workingHours(let count): "\(count)wh"
        case .workingDays(let count): "\(count)wd"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        guard let limit = TimeLimit(code: code) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "“\(code)” is not a time limit; write a number and a unit: 30m, 24h, 7d, 4wh or 5wd")
        }
        self = limit
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    /// "1 working day", "2 working days".
    static func english(_ count: Int, _ unit: String) -> String {
        count == 1 ? "1 \(unit)" : "\(count) \(unit)s"
    }
}
