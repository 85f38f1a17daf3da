import Foundation

/// China Standard Time (UTC+8, no daylight saving), the one place that reads and writes the times people see:
/// parsing what they type, formatting what they read, and where a day begins and ends.
///
/// **A date without a time means that whole day, in China Standard Time.** Where a moment is needed, a lower bound
/// (`from`, a filter's start) takes the day's first instant, the end of a period (`to`) the day's end, so that
/// `to=2026-12-05` includes the 5th, and a deadline typed as `2026-12-05` is 23:59 of the 5th.
public enum ChinaTime {
    public static let timeZone: TimeZone = .chinaStandard
    /// UTC+8, in seconds: China has kept no daylight saving since 1991.
    public static let offsetSeconds = 8 * 3600

    /// The day the calendar shows in China at `date`, computed without a `Calendar` (case numbers are made by the
    /// hundred thousand).
    public static func civilDate(_ date: Date) -> (year: Int, month: Int, day: Int) {
        civilDate(daysSince1970: daysSince1970(date))
    }

    /// Days since 1970-01-01 in China time (the demo generator's and numbering's arithmetic, without a `Calendar`).
    public static func daysSince1970(_ date: Date) -> Int {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        return seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    }

    /// Minutes since China midnight.
    public static func minuteOfDay(_ date: Date) -> Int {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        return (seconds - daysSince1970(date) * 86_400) / 60
    }

    /// 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday).
    public static func weekday(daysSince1970 day: Int) -> Int { ((day % 7) + 7 + 3) % 7 }

    /// The instant of a China day and minute.
    public static func date(daysSince1970 day: Int, minute: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day * 86_400 + minute * 60 - offsetSeconds))
    }

    /// Howard Hinnant's civil-from-days algorithm (proleptic Gregorian calendar).
    static func civilDate(daysSince1970: Int) -> (year: Int, month: Int, day: Int) {
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// What a typed date-time names: one instant, or a whole day.
    public enum Moment: Sendable, Equatable {
        case instant(Date)
        /// From the day's first instant up to (not including) the next day's.
        case day(start: Date, end: Date)

        /// As the start of a period (`from`): the instant, or the day's first instant.
        public var lowerBound: Date {
            switch self {
            case .instant(let date): date
            case .day(let start, _): start
            }
        }

        /// As the end of a period (`to`, exclusive): the instant, or the next day's first instant, so that
        /// `to=2026-12-05` includes all of the 5th.
        public var periodEnd: Date {
            switch self {
            case .instant(let date): date
            case .day(_, let end): end
            }
        }

        /// As a deadline ("by" a date): the instant, or 23:59 of the day, as people write it on a form.
        public var deadline: Date {
            switch self {
            case .instant(let date): date
            case .day(_, let end): end.addingTimeInterval(-60)
            }
        }
    }

    /// Reads `2026-12-05` (the whole day), `2026-12-05T14:30` or `2026-12-05 14:30` (that minute, China time), the
    /// same with seconds, `2026年12月5日` and `2026年12月5日 14:30`, and any ISO 8601 date-time with its own offset
    /// or `Z` (fractions allowed). Nil for anything else, or a date that does not exist (`2026-13-45`).
    public static func parse(_ input: String) -> Moment? {
        let text = input.trimmingCharacters(in: .whitespaces)
        if let date = try? Date(text, strategy: .iso8601) { return .instant(date) }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return .instant(date)
        }
        guard let parts = numbers(in: text), [3, 5, 6].contains(parts.count) else { return nil }
        var components = DateComponents(
            calendar: calendar, timeZone: timeZone, year: parts[0], month: parts[1], day: parts[2])
        guard (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        if parts.count == 3 {
            guard let start = calendar.date(from: components),
                calendar.component(.day, from: start) == parts[2],
                let end = calendar.date(byAdding: .day, value: 1, to: start)
            else { return nil }
            return .day(start: start, end: end)
        }
        guard (0...23).contains(parts[3]), (0...59).contains(parts[4]) else { return nil }
        components.hour = parts[3]
        components.minute = parts[4]
        components.second = parts.count == 6 ? parts[5] : 0
        guard parts.count == 5 || (0...59).contains(parts[5]), let date = calendar.date(from: components),
            calendar.component(.day, from: date) == parts[2]
        else { return nil }
        return .instant(date)
    }

    /// The numbers of `2026-12-05`, `2026-12-05T14:30[:00]`, `2026-12-05 14:30`, `2026年12月5日[ 14:30]` in order, or
    /// nil when the text has any other shape.
    private static func numbers(in text: String) -> [Int]? {
        var numbers: [Int] = []
        var current = ""
        var separators: [Character] = []
        for character in text {
            if character.isWhitespace, current.isEmpty { continue }
            if character.isASCII, character.isNumber {
                current.append(character)
            } else {
                guard !current.isEmpty else { return nil }
                numbers.append(Int(current) ?? -1)
                current = ""
                separators.append(character)
            }
        }
        if !current.isEmpty { numbers.append(Int(current) ?? -1) }
        let allowed: [[Character]] = [
            ["-", "-"], ["-", "-", "T", ":"], ["-", "-", " ", ":"], ["-", "-", "T", ":", ":"],
            ["-", "-", " ", ":", ":"],
            ["年", "月", "日"], ["年", "月", "日", ":"], ["年", "月", "日", ":", ":"],
        ]
        guard allowed.contains(separators), numbers.allSatisfy({ $0 >= 0 }), numbers.first.map({ $0 >= 1000 }) ?? false
        else { return nil }
        return numbers
    }

    /// The first instant of the day `date` falls on in China.
    public static func startOfDay(_ date: Date) -> Date { calendar.startOfDay(for: date) }

    /// `2026-12-05 14:30`: what staff and citizens read.
    public static func minute(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// `2026-12-05`.
    public static func day(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// `2026-12-05T14:30:00+08:00`: a W3C date-time with the China offset (Open311, forms posting to the API).
    public static func iso8601(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d+08:00", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
            c.minute ?? 0, c.second ?? 0)
    }
}
