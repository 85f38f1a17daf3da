import Foundation

extension TimeZone {
    /// China Standard Time, Asia/Shanghai (UTC+8, no daylight saving since 1991). Falls back to a fixed GMT+8 zone
    /// on a machine without the time-zone database.
    public static let chinaStandard: TimeZone =
        TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
}

/// Which days are working days, which hours of them count, and the working-time arithmetic behind every deadline.
///
/// A day is a working day when the calendar file says `workday` (a Saturday or Sunday worked to make up for a
/// holiday, 调休上班), not when it says `holiday`, and otherwise from Monday to Friday. Outside the years the file
/// covers, plain weekends apply (`years` tells callers when to warn). Days, hours and minutes are read in the
/// calendar's time zone with the Gregorian calendar, never in the machine's zone.
///
/// The arithmetic walks day by day, one stretch of working time at a time: a 30-working-day limit takes about 40
/// steps, and results are exact to the second.
public struct WorkingCalendar: Sendable, Equatable {
    /// What the calendar file says about one date.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// No work, even on a weekday (放假).
        case holiday
        /// A Saturday or Sunday that is a working day (调休上班).
        case workday

        /// 休、放假、假 → holiday; 班、上班、补班、调休上班 → workday.
        public init?(chinese text: String) {
            switch text {
            case "休", "放假", "假", "休息": self = .holiday
            case "班", "上班", "补班", "调休上班": self = .workday
            default: return nil
            }
        }
    }

    /// One line of the calendar file: `2026-02-15,holiday,春节`.
    /// (The kind may also be written in Chinese: 休、放假 for holiday, 班、上班、补班 for workday.)
    public struct Entry: Sendable, Hashable, Codable {
        public typealias Kind = WorkingCalendar.Kind

        public var date: CivilDate
        public var kind: Kind
        /// The occasion, as people call it: 春节, 国庆节调休上班.
        public var name: String

        public init(date: CivilDate, kind: Kind, name: String) {
            self.date = date
            self.kind = kind
            self.name = name
        }
    }

    /// A day on the wall calendar, without a time or a zone: 2026-02-15. `Codable` as "2026-02-15".
    public struct CivilDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
        public let year: Int
        public let month: Int
        public let day: Int

        /// Nil unless the date exists in the Gregorian calendar (years 1 to 9999).
        public init?(year: Int, month: Int, day: Int) {
            guard (1...9999).contains(year), (1...12).contains(month),
                (1...Self.daysInMonth(year: year, month: month)).contains(day)
            else { return nil }
            self.init(unchecked: year, month, day)
        }

        /// Parses "2026-02-15". Also accepts what spreadsheets write: one-digit months and days ("2026-2-5") and
        /// slashes ("2026/02/15").
        public init?(string: String) {
            let text = string.trimmingCharacters(in: .whitespaces)
            let separator: Character = text.contains("/") ? "/" : "-"
            let parts = text.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count),
                (1...2).contains(parts[2].count), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
            else { return nil }
            self.init(year: year, month: month, day: day)
        }

        init(unchecked year: Int, _ month: Int, _ day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }

        /// "2026-02-15".
        public var description: String {
            let month = month < 10 ? "0\(month)" : "\(month)"
            let day = day < 10 ? "0\(day)" : "\(day)"
            return "\(year)-\(month)-\(day)"
        }

        /// The next day on the calendar.
        public var next: CivilDate {
            if day < Self.daysInMonth(year: year, month: month) { return CivilDate(unchecked: year, month, day + 1) }
            if month < 12 { return CivilDate(unchecked: year, month + 1, 1) }
            return CivilDate(unchecked: year + 1, 1, 1)
        }

        /// Days since 1970-01-01 (negative before it), proleptic Gregorian calendar.
        public var daysSince1970: Int {
            let shiftedYear = month <= 2 ? year - 1 : year
            let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
            let yearOfEra = shiftedYear - era * 400
            let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }

        /// ISO weekday: 1 is Monday, 7 is Sunday.
        public var weekday: Int {
            let days = daysSince1970 % 7
            return (days + 10) % 7 + 1  // 1970-01-01 was a Thursday (4)
        }

        /// Saturday or Sunday.
        public var isWeekend: Bool { weekday >= 6 }

        public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
            (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = CivilDate(string: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "“\(text)” is not a date like 2026-02-15")
            }
            self = date
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }

        static func daysInMonth(year: Int, month: Int) -> Int {
            switch month {
            case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }
    }

    /// The hours of a working day that count as working time, as minutes from midnight: 08:30–12:00 and 13:30–17:30
    /// are `[510..<720, 810..<1050]`. No intervals means the whole day counts. `Codable` as its `code`.
    public struct WorkingHours: Sendable, Hashable, Codable, CustomStringConvertible {
        /// Sorted, disjoint and not touching, within 0..<1440 (an interval may end at 1440, midnight); empty for the
        /// whole day.
        public let intervals: [Range<Int>]

        /// Every minute of a working day counts.
        public static let wholeDay = WorkingHours(normalised: [])

        /// Nil when an interval is empty, outside 00:00–24:00, or overlaps another. Touching intervals are joined;
        /// 00:00–24:00 is `wholeDay`.
        public init?(intervals: [Range<Int>]) {
            var joined: [Range<Int>] = []
            for interval in intervals.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                guard interval.lowerBound >= 0, interval.upperBound <= 1440, !interval.isEmpty else { return nil }
                if let last = joined.last, interval.lowerBound <= last.upperBound {
                    guard interval.lowerBound == last.upperBound else { return nil }
                    joined[joined.count - 1] = last.lowerBound..<interval.upperBound
                } else {
                    joined.append(interval)
                }
            }
            self.init(normalised: joined == [0..<1440] ? [] : joined)
        }

        /// Parses "08:30-12:00,13:30-17:30"; "00:00-24:00" is the whole day.
        public init?(code: String) {
            var intervals: [Range<Int>] = []
            for part in code.split(separator: ",", omittingEmptySubsequences: false) {
                let ends = part.split(separator: "-", omittingEmptySubsequences: false)
                guard ends.count == 2, let start = Self.minutes(ends[0]), let end = Self.minutes(ends[1]), start < end
                else { return nil }
                intervals.append(start..<end)
            }
            self.init(intervals: intervals)
        }

        private init(normalised: [Range<Int>]) {
            intervals = normalised
        }

        /// "08:30-12:00,13:30-17:30", or "00:00-24:00" for the whole day.
        public var code: String {
            let intervals = intervals.isEmpty ? [0..<1440] : intervals
            return intervals.map { "\(Self.clock($0.lowerBound))-\(Self.clock($0.upperBound))" }.joined(separator: ",")
        }

        public var description: String { code }

        /// Working minutes in a working day: 1440 for the whole day.
        public var minutesPerDay: Int {
            intervals.isEmpty ? 1440 : intervals.reduce(0) { $0 + $1.count }
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            let code = try container.decode(String.self)
            guard let hours = WorkingHours(code: code) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "“\(code)” is not working hours like 08:30-12:00,13:30-17:30")
            }
            self = hours
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(code)
        }

        /// "8:30" or "08:30" → 510; "24:00" → 1440.
        private static func minutes(_ text: Substring) -> Int? {
            let parts = text.trimmingCharacters(in: .whitespaces).split(
                separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
                parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                let hour = Int(parts[0]), let minute = Int(parts[1]), minute < 60,
                hour < 24 || (hour == 24 && minute == 0)
            else { return nil }
            return hour * 60 + minute
        }

        private static func clock(_ minutes: Int) -> String {
            let hour = minutes / 60
            let minute = minutes % 60
            return (hour < 10 ? "0\(hour)" : "\(hour)") + ":" + (minute < 10 ? "0\(minute)" : "\(minute)")
        }
    }

    /// The calendar's entries, one per date, in date order.
    public let entries: [Entry]
    public let workingHours: WorkingHours
    public let timeZone: TimeZone
    /// The years the entries cover, nil without entries. Outside them only weekends are rest days, so callers warn.
    public let years: ClosedRange<Int>?
    private let entryByDate: [CivilDate: Entry]
    private let calendar: Calendar

    /// When two entries share a date, the later one wins.
    public init(entries: [Entry], workingHours: WorkingHours = .wholeDay, timeZone: TimeZone = .chinaStandard) {
        var entryByDate: [CivilDate: Entry] = [:]
        for entry in entries { entryByDate[entry.date] = entry }
        self.entryByDate = entryByDate
        self.entries = entryByDate.values.sorted { $0.date < $1.date }
        self.workingHours = workingHours
        self.timeZone = timeZone
        if let first = self.entries.first, let last = self.entries.last {
            years = first.date.year...last.date.year
        } else {
            years = nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// Mainland China's official calendar for 2025 and 2026 (`MainlandCalendarData.csv`), whole-day working time,
    /// Asia/Shanghai.
    public static let mainland: WorkingCalendar = {
        do throws(CalendarFileError) {
            return WorkingCalendar(entries: try parse(csv: MainlandCalendarData.csv))
        } catch {
            preconditionFailure("The embedded mainland calendar does not parse: \(error.message.en)")
        }
    }()

    // MARK: Days

    /// Whether the entries speak for `date`'s year. Outside them the calendar knows only weekends.
    public func covers(_ date: CivilDate) -> Bool {
        years?.contains(date.year) ?? false
    }

    /// The calendar file's entry for `date`, if any: what the holiday or make-up day is called.
    public func entry(on date: CivilDate) -> Entry? {
        entryByDate[date]
    }

    public func isWorkingDay(_ date: CivilDate) -> Bool {
        if let entry = entryByDate[date] { return entry.kind == .workday }
        return !date.isWeekend
    }

    public func isWorkingDay(containing instant: Date) -> Bool {
        isWorkingDay(civilDate(containing: instant))
    }

    /// The day the wall calendar shows at `instant` in the calendar's time zone.
    public func civilDate(containing instant: Date) -> CivilDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return CivilDate(unchecked: parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// Midnight at the start of `date` in the calendar's time zone.
    public func start(of date: CivilDate) -> Date {
        let parts = DateComponents(year: date.year, month: date.month, day: date.day)
        return calendar.date(from: parts)
            ?? Date(timeIntervalSince1970: TimeInterval(date.daysSince1970 * 86_400 - timeZone.secondsFromGMT()))
    }

    /// The stretches of working time on `date`: none on a rest day, the whole day or the working hours otherwise.
    public func workingPeriods(on date: CivilDate) -> [DateInterval] {
        guard isWorkingDay(date) else { return [] }
        if workingHours.intervals.isEmpty { return [DateInterval(start: start(of: date), end: start(of: date.next))] }
        return workingHours.intervals.map {
            DateInterval(start: instant(on: date, minute: $0.lowerBound), end: instant(on: date, minute: $0.upperBound))
        }
    }

    /// The wall-clock time `minute` minutes after midnight on `date`; 1440 is the next midnight.
    private func instant(on date: CivilDate, minute: Int) -> Date {
        if minute >= 1440 { return start(of: date.next) }
        let parts = DateComponents(
            year: date.year, month: date.month, day: date.day, hour: minute / 60, minute: minute % 60)
        return calendar.date(from: parts) ?? start(of: date) + TimeInterval(minute * 60)
    }

    // MARK: Working time

    /// Length of a working day in seconds: 86,400 with whole-day working time, else the sum of the working hours.
    public var workingDayLength: TimeInterval {
        TimeInterval(workingHours.minutesPerDay * 60)
    }

    /// The length of `limit` in its own kind of time: working seconds for working limits, natural seconds otherwise.
    public func length(of limit: TimeLimit) -> TimeInterval {
        limit.seconds(workingDayLength: workingDayLength)
    }

    /// Working seconds in [start, end), minus the parts inside `pauses`. 0 if end <= start.
    public func workingTime(from start: Date, to end: Date, pauses: [DateInterval] = []) -> TimeInterval {
        guard end > start else { return 0 }
        var total: TimeInterval = 0
        walkWorkingTime(from: start, to: end, pauses: pauses) { stretch in
            total += stretch.duration
            return true
        }
        return total
    }

    /// Natural seconds in [start, end), minus the parts inside `pauses`. 0 if end <= start.
    public func naturalTime(from start: Date, to end: Date, pauses: [DateInterval] = []) -> TimeInterval {
        guard end > start else { return 0 }
        var total = end.timeIntervalSince(start)
        for pause in Self.merged(pauses) {
            let overlap = min(pause.end, end).timeIntervalSince(max(pause.start, start))
            if overlap > 0 { total -= overlap }
        }
        return total
    }

    /// The instant when `limit` has run out for a clock started at `start`, not counting time inside `pauses`
    /// (natural limits skip only the pauses; working limits count only working time outside pauses).
    /// A clock that starts in non-working time starts counting at the next working moment. A limit that ends just as
    /// a stretch of working time ends runs out then (at 17:30, not at 08:30 the next working day).
    public func deadline(for limit: TimeLimit, from start: Date, pauses: [DateInterval] = []) -> Date {
        instant(after: length(of: limit), working: limit.isWorkingTime, from: start, pauses: pauses)
    }

    /// The instant when `share` of the limit is used: 0.75 for the yellow warning. The share of the limit's own time
    /// is rounded to the second; a share of 0 (or less) is `start`, a share above 1 lies past the deadline.
    public func point(_ share: Double, of limit: TimeLimit, from start: Date, pauses: [DateInterval] = []) -> Date {
        let share = share.isNaN ? 0 : max(share, 0)
        let amount = (length(of: limit) * share).rounded()
        return instant(after: amount, working: limit.isWorkingTime, from: start, pauses: pauses)
    }

    /// Time used and the whole of a limit at `now`, in the limit's own kind of time (working seconds for working
    /// limits). `used` grows past `total` once the limit is overdue; `total - used` is what is left.
    public func usage(
        of limit: TimeLimit, from start: Date, at now: Date, pauses: [DateInterval] = []
    )
        -> (used: TimeInterval, total: TimeInterval)
    {
        let used =
            limit.isWorkingTime
            ? workingTime(from: start, to: now, pauses: pauses) : naturalTime(from: start, to: now, pauses: pauses)
        return (used, length(of: limit))
    }

    /// The earliest instant by which `amount` seconds of working (or natural) time outside `pauses` have passed.
    private func instant(after amount: TimeInterval, working: Bool, from start: Date, pauses: [DateInterval]) -> Date {
        guard amount > 0 else { return start }
        guard working else { return naturalInstant(after: amount, from: start, pauses: pauses) }
        var remaining = amount
        var result = start
        walkWorkingTime(from: start, to: nil, pauses: pauses) { stretch in
            if remaining <= stretch.duration {
                result = stretch.start + remaining
                return false
            }
            remaining -= stretch.duration
            return true
        }
        return result
    }

    private func naturalInstant(after amount: TimeInterval, from start: Date, pauses: [DateInterval]) -> Date {
        var cursor = start
        var remaining = amount
        for pause in Self.merged(pauses) where pause.end > cursor {
            if pause.start > cursor {
                let gap = pause.start.timeIntervalSince(cursor)
                if remaining <= gap { return cursor + remaining }
                remaining -= gap
            }
            cursor = pause.end
        }
        return cursor + remaining
    }

    /// Hands `visit` each stretch of working time outside `pauses` from `start` on, in order, until `visit` returns
    /// false or the stretches reach `end`. Steps one working period or one day at a time, and jumps over a pause in
    /// one step however long it is.
    private func walkWorkingTime(
        from start: Date, to end: Date?, pauses: [DateInterval], _ visit: (DateInterval) -> Bool
    ) {
        let pauses = Self.merged(pauses)
        var pauseIndex = 0
        var cursor = start
        var day = civilDate(containing: start)
        var periods = workingPeriods(on: day)
        while end.map({ cursor < $0 }) ?? true {
            while pauseIndex < pauses.count, pauses[pauseIndex].end <= cursor { pauseIndex += 1 }
            if pauseIndex < pauses.count, pauses[pauseIndex].start <= cursor {
                cursor = pauses[pauseIndex].end
                let resumeDay = civilDate(containing: cursor)
                if resumeDay > day {
                    day = resumeDay
                    periods = workingPeriods(on: day)
                }
                continue
            }
            guard let period = periods.first(where: { $0.end > cursor }) else {
                day = day.next
                periods = workingPeriods(on: day)
                continue
            }
            if period.start > cursor {
                cursor = period.start
                continue
            }
            var stretchEnd = period.end
            if pauseIndex < pauses.count { stretchEnd = min(stretchEnd, pauses[pauseIndex].start) }
            if let end { stretchEnd = min(stretchEnd, end) }
            guard visit(DateInterval(start: cursor, end: stretchEnd)) else { return }
            cursor = stretchEnd
        }
    }

    /// Pauses sorted by start, overlapping or touching ones joined, empty ones dropped.
    private static func merged(_ pauses: [DateInterval]) -> [DateInterval] {
        var merged: [DateInterval] = []
        for pause in pauses.sorted(by: { $0.start < $1.start }) where pause.duration > 0 {
            if let last = merged.last, pause.start <= last.end {
                merged[merged.count - 1] = DateInterval(start: last.start, end: max(last.end, pause.end))
            } else {
                merged.append(pause)
            }
        }
        return merged
    }
}

// MARK: - The calendar file

extension WorkingCalendar {
    /// Reads a calendar file: one `date,kind,name` line per holiday or make-up working day, e.g.
    /// `2026-02-14,workday,春节调休上班`. A first line `date,kind,name` is a header; blank lines and lines starting
    /// with `#` are ignored; spaces around fields are trimmed. Entries come back in file order.
    public static func parse(csv: String) throws(CalendarFileError) -> [Entry] {
        var entries: [Entry] = []
        var lineOfDate: [CivilDate: Int] = [:]
        var seenContent = false
        let text = csv.hasPrefix("\u{FEFF}") ? String(csv.dropFirst()) : csv
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, rawLine) in lines.enumerated() {
            let line = index + 1
            let content = rawLine.trimmingCharacters(in: .whitespaces)
            if content.isEmpty || content.hasPrefix("#") { continue }
            let fields = content.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            defer { seenContent = true }
            if !seenContent,
                fields.map({ $0.lowercased() }) == ["date", "kind", "name"] || fields == ["日期", "类型", "名称"]
            {
                continue
            }
            guard fields.count == 3 else { throw CalendarFileError(line: line, reason: .columnCount(fields.count)) }
            guard let date = CivilDate(string: fields[0]) else {
                throw CalendarFileError(line: line, reason: .invalidDate(fields[0]))
            }
            guard let kind = Kind(rawValue: fields[1].lowercased()) ?? Kind(chinese: fields[1]) else {
                throw CalendarFileError(line: line, reason: .invalidKind(fields[1]))
            }
            guard !fields[2].isEmpty else { throw CalendarFileError(line: line, reason: .missingName) }
            if kind == .workday, !date.isWeekend {
                throw CalendarFileError(line: line, reason: .workdayOnWeekday(date))
            }
            if let firstLine = lineOfDate[date] {
                throw CalendarFileError(line: line, reason: .duplicateDate(date, firstLine: firstLine))
            }
            lineOfDate[date] = line
            entries.append(Entry(date: date, kind: kind, name: fields[2]))
        }
        return entries
    }
}

/// A calendar file line that cannot be read: which line (counting from 1) and why.
public struct CalendarFileError: UserFacingError, Hashable {
    public enum Reason: Sendable, Hashable {
        /// The line does not have exactly three fields; holds how many it has.
        case columnCount(Int)
        case invalidDate(String)
        case invalidKind(String)
        case missingName
        /// `workday` on a Monday to Friday, which is a working day anyway: almost certainly a wrong date.
        case workdayOnWeekday(WorkingCalendar.CivilDate)
        case duplicateDate(WorkingCalendar.CivilDate, firstLine: Int)
        /// The upload holds no holiday and no make-up working day.
        case noEntries
        /// An iCalendar VEVENT that starts here has no END:VEVENT.
        case unterminatedEvent
        /// An iCalendar VEVENT without DTSTART.
        case missingStart
        /// DTEND before DTSTART.
        case endBeforeStart(WorkingCalendar.CivilDate, WorkingCalendar.CivilDate)
        /// An event spanning more days than a holiday does (`CalendarUpload.longestEvent`).
        case eventTooLong(Int)
    }

    public var line: Int
    public var reason: Reason

    public init(line: Int, reason: Reason) {
        self.line = line
        self.reason = reason
    }

    public var code: String {
        switch reason {
        case .columnCount: "calendar.column_count"
        case .invalidDate: "calendar.invalid_date"
        case .invalidKind: "calendar.invalid_kind"
        case .missingName: "calendar.missing_name"
        case .workdayOnWeekday: "calendar.workday_on_weekday"
        case .duplicateDate: "calendar.duplicate_date"
        case .noEntries: "calendar.no_entries"
        case .unterminatedEvent: "calendar.unterminated_event"
        case .missingStart: "calendar.missing_start"
        case .endBeforeStart: "calendar.end_before_start"
        case .eventTooLong: "calendar.event_too_long"
        }
    }

    public var message: Localized {
        let why: Localized =
            switch reason {
            case .columnCount(let count):
                Localized(
                    zh: "应有3列（日期,类型,名称），这一行有\(count)列；名称里不能有英文逗号",
                    en: "expected 3 fields (date,kind,name) but found \(count); a name cannot contain a comma")
            case .invalidDate(let text):
                Localized(
                    zh: "“\(text)”不是有效的日期，请写成 2026-02-15 这样的格式",
                    en: "“\(text)” is not a valid date; write it like 2026-02-15")
            case .invalidKind(let text):
                Localized(
                    zh: "类型“\(text)”无效，只能是 holiday（放假）或 workday（调休上班）",
                    en: "the kind “\(text)” is not valid; use holiday (day off) or workday (make-up working day)")
            case .missingName:
                Localized(zh: "缺少名称，例如“春节”", en: "the name is missing, e.g. 春节 (Spring Festival)")
            case .workdayOnWeekday(let date):
                Localized(
                    zh: "\(date)是周一至周五，本来就是工作日；workday（调休上班）只用于周六或周日",
                    en: "\(date) is a Monday to Friday, a working day anyway; use workday only for a Saturday or Sunday"
                )
            case .duplicateDate(let date, let firstLine):
                Localized(zh: "日期\(date)在第\(firstLine)行已经出现过", en: "\(date) already appears on line \(firstLine)")
            case .noEntries:
                Localized(
                    zh: "没有读到任何放假日或调休上班日", en: "no holiday and no make-up working day was found")
            case .unterminatedEvent:
                Localized(
                    zh: "从这一行开始的日程（BEGIN:VEVENT）没有结束（END:VEVENT）",
                    en: "the event (BEGIN:VEVENT) starting here has no END:VEVENT")
            case .missingStart:
                Localized(
                    zh: "从这一行开始的日程缺少开始日期（DTSTART）", en: "the event starting here has no start date (DTSTART)")
            case .endBeforeStart(let start, let end):
                Localized(
                    zh: "结束日期\(end)早于开始日期\(start)", en: "the end date \(end) is before the start date \(start)")
            case .eventTooLong(let days):
                Localized(
                    zh: "一个日程跨\(days)天，超过\(CalendarUpload.longestEvent)天，不像节假日安排",
                    en: "an event spans \(days) days, more than \(CalendarUpload.longestEvent): not a holiday")
            }
        return Localized(zh: "日历文件第\(line)行：\(why.zh)", en: "Calendar file, line \(line): \(why.en)")
    }
}
