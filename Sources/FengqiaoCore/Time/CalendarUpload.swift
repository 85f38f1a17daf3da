import Foundation

/// A calendar an administrator uploads (next year's official 节假日安排): the CSV the calendar file uses, or
/// iCalendar (.ics) as published holiday calendars are. Pure: text in, entries out, or an error naming the line.
///
/// iCalendar is read tolerantly, because the published shapes differ: each VEVENT's SUMMARY says what its days are
/// ("春节（休）", "春节 假期 第1天/共8天", "休", "国庆节补班", "班", "上班"); `DTSTART` and `DTEND` are dates
/// (`DTSTART;VALUE=DATE:20270205`, `DTEND` exclusive) or date-times, and a missing `DTEND` means one day. A summary
/// with 班 is a make-up working day (调休上班); one with 休, 假 or the name of a statutory holiday is a holiday;
/// any other event (a festival calendar's 腊八节, 情人节) is ignored and counted, so the preview shows it.
public enum CalendarUpload {
    /// What an upload holds, read and checked.
    public struct Parsed: Sendable, Equatable {
        public var entries: [WorkingCalendar.Entry]
        /// Events of an iCalendar file that are neither holidays nor make-up working days (nothing in CSV).
        public var ignoredEvents: Int

        public init(entries: [WorkingCalendar.Entry], ignoredEvents: Int = 0) {
            self.entries = entries
            self.ignoredEvents = ignoredEvents
        }

        /// The years the upload covers, each with its holidays and make-up working days in date order.
        public var years: [Year] {
            Dictionary(grouping: entries, by: \.date.year).keys.sorted().map { year in
                let days = entries.filter { $0.date.year == year }.sorted { $0.date < $1.date }
                return Year(
                    year: year, holidays: days.filter { $0.kind == .holiday },
                    workdays: days.filter { $0.kind == .workday })
            }
        }
    }

    /// One year of an upload.
    public struct Year: Sendable, Equatable {
        public var year: Int
        public var holidays: [WorkingCalendar.Entry]
        public var workdays: [WorkingCalendar.Entry]

        public init(year: Int, holidays: [WorkingCalendar.Entry], workdays: [WorkingCalendar.Entry]) {
            self.year = year
            self.holidays = holidays
            self.workdays = workdays
        }

        public var entries: [WorkingCalendar.Entry] { (holidays + workdays).sorted { $0.date < $1.date } }
    }

    /// The most days one event may span: a published holiday is at most a few weeks long.
    static let longestEvent = 31

    /// The statutory holidays by the names calendars give them.
    static let holidayNames = ["元旦", "春节", "清明", "劳动节", "五一", "端午", "中秋", "国庆"]

    /// Reads an upload: iCalendar when it says `BEGIN:VCALENDAR`, else the CSV of the calendar file. An empty upload,
    /// or one without a single entry, is refused.
    public static func parse(_ text: String) throws(CalendarFileError) -> Parsed {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let parsed: Parsed
        if body.range(of: "BEGIN:VCALENDAR", options: .caseInsensitive) != nil {
            parsed = try parse(ics: body)
        } else {
            parsed = Parsed(entries: try WorkingCalendar.parse(csv: body))
        }
        guard !parsed.entries.isEmpty else { throw CalendarFileError(line: 1, reason: .noEntries) }
        return parsed
    }

    /// Reads an iCalendar file (RFC 5545 lines, folded lines joined).
    public static func parse(ics text: String) throws(CalendarFileError) -> Parsed {
        // Unfold: a line starting with a space or a tab continues the one before; keep each logical line's number.
        var lines: [(number: Int, text: String)] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if let first = raw.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1].text += raw.dropFirst()
            } else {
                lines.append((index + 1, String(raw)))
            }
        }
        struct Event {
            var line: Int
            var start: (date: WorkingCalendar.CivilDate, line: Int)?
            var end: (date: WorkingCalendar.CivilDate, isDate: Bool, line: Int)?
            var summary = ""
        }
        var entries: [WorkingCalendar.Entry] = []
        var lineOfDate: [WorkingCalendar.CivilDate: Int] = [:]
        var ignored = 0
        var event: Event?
        for (number, line) in lines {
            let content = line.trimmingCharacters(in: .whitespaces)
            if content.isEmpty { continue }
            guard let colon = content.firstIndex(of: ":") else { continue }
            let head = content[..<colon]
            let value = String(content[content.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            let nameAndParameters = head.split(separator: ";")
            let name = nameAndParameters.first.map { $0.uppercased() } ?? ""
            let parameters = nameAndParameters.dropFirst().map { $0.uppercased() }
            switch name {
            case "BEGIN" where value.uppercased() == "VEVENT":
                if let open = event { throw CalendarFileError(line: open.line, reason: .unterminatedEvent) }
                event = Event(line: number)
            case "END" where value.uppercased() == "VEVENT":
                guard let done = event else { continue }
                event = nil
                guard let start = done.start else { throw CalendarFileError(line: done.line, reason: .missingStart) }
                let kind = kind(of: done.summary)
                guard let kind else {
                    ignored += 1
                    continue
                }
                // DTEND of a date is exclusive; of a date-time, the day it falls in is the last day.
                var last = start.date
                if let end = done.end {
                    guard end.date >= start.date else {
                        throw CalendarFileError(line: end.line, reason: .endBeforeStart(start.date, end.date))
                    }
                    let days = end.date.daysSince1970 - start.date.daysSince1970
                    guard days <= longestEvent else {
                        throw CalendarFileError(line: end.line, reason: .eventTooLong(days))
                    }
                    if end.isDate && days > 0 {
                        while last.next < end.date { last = last.next }
                    } else {
                        last = end.date
                    }
                }
                let occasion = occasion(of: done.summary, kind: kind)
                var day = start.date
                while true {
                    if kind == .workday, !day.isWeekend {
                        throw CalendarFileError(line: done.line, reason: .workdayOnWeekday(day))
                    }
                    if let firstLine = lineOfDate[day] {
                        // Overlapping holidays (中秋 inside 国庆) are one day off; a day both off and worked is not.
                        if let existing = entries.first(where: { $0.date == day }), existing.kind != kind {
                            throw CalendarFileError(line: done.line, reason: .duplicateDate(day, firstLine: firstLine))
                        }
                    } else {
                        lineOfDate[day] = done.line
                        entries.append(WorkingCalendar.Entry(date: day, kind: kind, name: occasion))
                    }
                    if day == last { break }
                    day = day.next
                }
            case "DTSTART", "DTEND":
                guard event != nil else { continue }
                guard let moment = moment(ics: value) else {
                    throw CalendarFileError(line: number, reason: .invalidDate(value))
                }
                // A date, or a date-time at midnight, ends an event before that day (DTEND is exclusive).
                let exclusive = parameters.contains("VALUE=DATE") || moment.isDate || moment.secondOfDay == 0
                if name == "DTSTART" {
                    event?.start = (moment.date, number)
                } else {
                    event?.end = (moment.date, exclusive, number)
                }
            case "SUMMARY":
                event?.summary = unescaped(value)
            default:
                continue
            }
        }
        if let open = event { throw CalendarFileError(line: open.line, reason: .unterminatedEvent) }
        return Parsed(entries: entries.sorted { $0.date < $1.date }, ignoredEvents: ignored)
    }

    /// Holiday, make-up working day, or neither (nil) from an event's summary.
    static func kind(of summary: String) -> WorkingCalendar.Kind? {
        if summary.contains("班") { return .workday }
        if summary.contains("休") || summary.contains("假") { return .holiday }
        if holidayNames.contains(where: summary.contains) { return .holiday }
        return nil
    }

    /// What the day is called in the calendar: the holiday's name when the summary gives one.
    static func occasion(of summary: String, kind: WorkingCalendar.Kind) -> String {
        let festival = holidayNames.first(where: summary.contains)
        switch kind {
        case .workday:
            return (festival.map { $0 == "五一" ? "劳动节" : $0 } ?? "") + "调休上班"
        case .holiday:
            if let festival { return festival == "五一" ? "劳动节" : festival }
            var name = summary
            for marker in ["（休）", "(休)", "放假", "假期", "休息", "休", "假"] {
                name = name.replacingOccurrences(of: marker, with: "")
            }
            name = name.trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? "放假" : String(name.prefix(40))
        }
    }

    /// "20270205" (a date), "20270205T090000" (a wall-clock time, read as Beijing time) or "20270204T160000Z"
    /// (UTC, turned into Beijing time: 2027-02-05 00:00): the day, and the second of that day.
    static func moment(ics value: String) -> (date: WorkingCalendar.CivilDate, secondOfDay: Int, isDate: Bool)? {
        let digits = value.prefix(8)
        guard digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let year = Int(digits.prefix(4)), let month = Int(digits.dropFirst(4).prefix(2)),
            let day = Int(digits.suffix(2)), let date = WorkingCalendar.CivilDate(year: year, month: month, day: day)
        else { return nil }
        let rest = value.dropFirst(8)
        if rest.isEmpty { return (date, 0, true) }
        let time = rest.dropFirst()
        let clock = time.hasSuffix("Z") ? time.dropLast() : time
        guard rest.first == "T", clock.count == 6, clock.allSatisfy({ $0.isASCII && $0.isNumber }),
            let hour = Int(clock.prefix(2)), let minute = Int(clock.dropFirst(2).prefix(2)),
            let second = Int(clock.suffix(2)), hour < 24, minute < 60, second < 61
        else { return nil }
        var seconds = hour * 3600 + minute * 60 + second
        var local = date
        if time.hasSuffix("Z") {
            // China Standard Time is UTC+8 all year.
            seconds += 8 * 3600
            if seconds >= 86_400 {
                seconds -= 86_400
                local = date.next
            }
        }
        return (local, seconds, false)
    }

    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\,", with: ",").replacingOccurrences(of: "\\;", with: ";")
            .replacingOccurrences(of: "\\n", with: " ").replacingOccurrences(of: "\\N", with: " ")
            .replacingOccurrences(of: "\\\\", with: "\\")
    }
}

extension WorkingCalendar {
    /// This calendar with the years in `uploaded` replaced: an uploaded year's entries stand for the whole year, the
    /// configured ones of that year are dropped. Working hours and the time zone stay.
    public func replacingYears(with uploaded: [Int: [Entry]]) -> WorkingCalendar {
        guard !uploaded.isEmpty else { return self }
        let kept = entries.filter { uploaded[$0.date.year] == nil }
        let added = uploaded.keys.sorted().flatMap { uploaded[$0] ?? [] }
        return WorkingCalendar(entries: kept + added, workingHours: workingHours, timeZone: timeZone)
    }
}
