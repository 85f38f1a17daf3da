import Foundation
import Testing

@testable import FengqiaoCore

/// The wall clock in Beijing, built independently of the code under test.
private let shanghai = TimeZone(identifier: "Asia/Shanghai")!

/// The instant the wall clock in Beijing shows the given time.
private func beijing(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ min: Int = 0, _ sec: Int = 0) -> Date {
    var gregorian = Calendar(identifier: .gregorian)
    gregorian.timeZone = shanghai
    let parts = DateComponents(year: year, month: month, day: day, hour: hour, minute: min, second: sec)
    return gregorian.date(from: parts)!
}

private func date(_ text: String) -> WorkingCalendar.CivilDate {
    WorkingCalendar.CivilDate(string: text)!
}

private let hour: TimeInterval = 3600
private let day: TimeInterval = 86_400

/// 08:30–12:00 and 13:30–17:30 on the official calendar: 7.5 working hours a day.
private let officeHours = WorkingCalendar(
    entries: WorkingCalendar.mainland.entries,
    workingHours: WorkingCalendar.WorkingHours(code: "08:30-12:00,13:30-17:30")!)

@Suite("Working-day calendar and working-time arithmetic")
struct WorkingCalendarTests {
    let mainland = WorkingCalendar.mainland

    @Test("the test clock is Beijing time: 15:00 on 2026-02-13 in Beijing is 07:00 UTC")
    func testClock() {
        #expect(beijing(2026, 2, 13, 15) == Date(timeIntervalSince1970: 1_770_966_000))
        #expect(TimeZone.chinaStandard.identifier == "Asia/Shanghai")
        #expect(TimeZone.chinaStandard.secondsFromGMT(for: beijing(2026, 7, 1)) == 8 * 3600)
    }

    // MARK: Days

    @Test("holidays rest even on a weekday, make-up Saturdays work, other weekends rest")
    func workingDays() {
        #expect(!mainland.isWorkingDay(date("2026-02-16")))  // Monday of the Spring Festival
        #expect(!mainland.isWorkingDay(date("2026-02-23")))  // last day of the Spring Festival, a Monday
        #expect(mainland.isWorkingDay(date("2026-02-24")))
        #expect(mainland.isWorkingDay(date("2026-02-14")))  // Saturday, 春节调休上班
        #expect(mainland.isWorkingDay(date("2026-02-28")))  // Saturday, 春节调休上班
        #expect(!mainland.isWorkingDay(date("2026-03-07")))  // a plain Saturday
        #expect(!mainland.isWorkingDay(date("2026-03-08")))  // a plain Sunday
        #expect(mainland.isWorkingDay(date("2026-03-09")))
        #expect(!mainland.isWorkingDay(date("2025-10-08")))  // Wednesday in the National Day holiday
        #expect(mainland.isWorkingDay(date("2025-09-28")))  // Sunday, 国庆节调休上班
        #expect(mainland.isWorkingDay(date("2026-01-04")))  // Sunday, 元旦调休上班
        #expect(mainland.entry(on: date("2026-02-28"))?.name == "春节调休上班")
        #expect(mainland.entry(on: date("2026-03-09")) == nil)
    }

    @Test("outside the covered years only weekends rest, and the calendar says it does not cover them")
    func outsideCoveredYears() {
        #expect(mainland.years == 2025...2026)
        #expect(mainland.covers(date("2026-12-31")))
        #expect(!mainland.covers(date("2027-01-01")))
        #expect(mainland.isWorkingDay(date("2027-01-01")))  // a Friday: no 2027 data, so a working day
        #expect(!mainland.isWorkingDay(date("2027-01-02")))
        #expect(mainland.isWorkingDay(date("2024-10-01")))  // a Tuesday
        #expect(WorkingCalendar(entries: []).years == nil)
    }

    @Test("the day of an instant is the day in Beijing, whatever the zone of the machine")
    func dayOfAnInstant() {
        let sundayOneAMInBeijing = Date(timeIntervalSince1970: 1_771_088_400)  // 2026-02-14 17:00 UTC
        #expect(mainland.civilDate(containing: sundayOneAMInBeijing) == date("2026-02-15"))
        #expect(!mainland.isWorkingDay(containing: sundayOneAMInBeijing))
        #expect(mainland.isWorkingDay(containing: beijing(2026, 2, 14, 23, 59, 59)))
        #expect(!mainland.isWorkingDay(containing: beijing(2026, 2, 15)))
        #expect(mainland.start(of: date("2026-02-15")) == Date(timeIntervalSince1970: 1_771_084_800))
        let utc = WorkingCalendar(entries: mainland.entries, timeZone: TimeZone(identifier: "UTC")!)
        #expect(utc.civilDate(containing: sundayOneAMInBeijing) == date("2026-02-14"))
        #expect(utc.isWorkingDay(containing: sundayOneAMInBeijing))
    }

    @Test("civil dates parse, print, compare, step and know their weekday")
    func civilDates() throws {
        #expect(date("2026-02-15").description == "2026-02-15")
        #expect(date("2026-2-5").description == "2026-02-05")
        #expect(date("2026/02/15") == date("2026-02-15"))
        #expect(WorkingCalendar.CivilDate(string: "2024-02-29") != nil)
        for bad in ["2025-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "26-02-15", "2026-02-15x", "", "2026-02"] {
            #expect(WorkingCalendar.CivilDate(string: bad) == nil, "\(bad)")
        }
        #expect(date("2026-02-28").next == date("2026-03-01"))
        #expect(date("2024-02-28").next == date("2024-02-29"))
        #expect(date("2026-12-31").next == date("2027-01-01"))
        #expect(date("2026-02-15") < date("2026-02-16"))
        #expect(date("2025-12-31") < date("2026-01-01"))
        #expect(date("2026-02-14").weekday == 6)
        #expect(date("2026-02-15").weekday == 7)
        #expect(date("2026-02-16").weekday == 1)

        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = shanghai
        var civil = date("1969-12-01")
        for _ in 0..<(365 * 60) {
            let instant = beijing(civil.year, civil.month, civil.day, 12)
            let isoWeekday = (gregorian.component(.weekday, from: instant) + 5) % 7 + 1
            guard civil.weekday == isoWeekday,
                civil.daysSince1970 == Int((instant.timeIntervalSince1970 / day).rounded(.down))
            else {
                Issue.record("\(civil): weekday \(civil.weekday), expected \(isoWeekday)")
                return
            }
            let nextDay = gregorian.date(byAdding: .day, value: 1, to: instant)!
            let parts = gregorian.dateComponents([.year, .month, .day], from: nextDay)
            civil = civil.next
            #expect(civil.year == parts.year && civil.month == parts.month && civil.day == parts.day)
        }

        let json = try JSONEncoder().encode([date("2026-02-15")])
        #expect(String(decoding: json, as: UTF8.self) == #"["2026-02-15"]"#)
        #expect(try JSONDecoder().decode([WorkingCalendar.CivilDate].self, from: json) == [date("2026-02-15")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([WorkingCalendar.CivilDate].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }

    // MARK: Deadlines on the official calendar

    @Test("5 working days from a Friday afternoon end the next Friday afternoon")
    func fiveWorkingDaysFromFriday() {
        let friday = beijing(2026, 3, 6, 15)
        #expect(mainland.deadline(for: .workingDays(5), from: friday) == beijing(2026, 3, 13, 15))
        #expect(mainland.workingTime(from: friday, to: beijing(2026, 3, 9, 9)) == 18 * hour)
        #expect(mainland.deadline(for: .workingHours(10), from: friday) == beijing(2026, 3, 9, 1))
    }

    @Test("across the 2026 Spring Festival: the make-up Saturday 02-14 counts, 02-15 to 02-23 do not")
    func springFestival() {
        let friday = beijing(2026, 2, 13, 15)
        #expect(mainland.deadline(for: .workingDays(1), from: friday) == beijing(2026, 2, 14, 15))
        #expect(mainland.deadline(for: .workingDays(2), from: friday) == beijing(2026, 2, 24, 15))
        #expect(mainland.deadline(for: .workingDays(5), from: friday) == beijing(2026, 2, 27, 15))
        #expect(mainland.workingTime(from: friday, to: beijing(2026, 2, 24)) == 33 * hour)
        // Natural time ignores the holiday.
        #expect(mainland.deadline(for: .naturalDays(7), from: friday) == beijing(2026, 2, 20, 15))
        #expect(mainland.deadline(for: .hours(24), from: friday) == beijing(2026, 2, 14, 15))
        #expect(mainland.deadline(for: .minutes(30), from: friday) == beijing(2026, 2, 13, 15, 30))
    }

    @Test("across a 调休 weekend: Saturday 2026-02-28 is worked, so 3 working days from Thursday end on Monday")
    func makeUpWeekend() {
        let thursday = beijing(2026, 2, 26, 10)
        #expect(mainland.deadline(for: .workingDays(3), from: thursday) == beijing(2026, 3, 2, 10))
        let plainWeekends = WorkingCalendar(entries: [])
        #expect(plainWeekends.deadline(for: .workingDays(3), from: thursday) == beijing(2026, 3, 3, 10))
    }

    @Test("a clock started on a holiday starts counting at the next working moment")
    func startedOnAHoliday() {
        let nationalDay = beijing(2026, 10, 3, 14)
        #expect(mainland.deadline(for: .workingDays(1), from: nationalDay) == beijing(2026, 10, 9))
        #expect(mainland.deadline(for: .workingDays(3), from: nationalDay) == beijing(2026, 10, 11))  // Sat 10-10
        #expect(mainland.deadline(for: .workingHours(5), from: nationalDay) == beijing(2026, 10, 8, 5))
        #expect(mainland.point(0.5, of: .workingDays(1), from: nationalDay) == beijing(2026, 10, 8, 12))
        #expect(mainland.workingTime(from: nationalDay, to: beijing(2026, 10, 8, 6)) == 6 * hour)
        #expect(mainland.deadline(for: .hours(24), from: nationalDay) == beijing(2026, 10, 4, 14))
    }

    @Test("30 working days across National Day 2025 are counted exactly, a day at a time")
    func thirtyWorkingDays() {
        // September 2025: 22 weekdays and Sunday 09-28; October: 9, 10, Saturday 11, then 13 to 16.
        #expect(mainland.deadline(for: .workingDays(30), from: beijing(2025, 9, 1)) == beijing(2025, 10, 17))
        #expect(mainland.workingTime(from: beijing(2025, 9, 1), to: beijing(2025, 10, 17)) == 30 * day)
        // A clock years away still runs: 250 working days in 2027, where only weekends rest.
        let start = beijing(2027, 1, 4)
        #expect(mainland.deadline(for: .workingDays(250), from: start) == beijing(2027, 12, 18))
    }

    // MARK: Working hours

    @Test("with working hours 08:30–12:00 and 13:30–17:30, only those hours count")
    func workingHours() {
        let friday = beijing(2026, 3, 6, 10)
        #expect(officeHours.workingDayLength == 7.5 * hour)
        #expect(officeHours.deadline(for: .workingHours(4), from: friday) == beijing(2026, 3, 6, 15, 30))
        #expect(officeHours.deadline(for: .workingHours(4), from: beijing(2026, 3, 6, 16)) == beijing(2026, 3, 9, 11))
        #expect(
            officeHours.deadline(for: .workingHours(3), from: beijing(2026, 3, 6, 12, 30))
                == beijing(2026, 3, 6, 16, 30))
        #expect(officeHours.deadline(for: .workingDays(1), from: friday) == beijing(2026, 3, 9, 10))
        // A limit that runs out as the working day ends runs out then, not at 08:30 the next working day.
        #expect(
            officeHours.deadline(for: .workingHours(2), from: beijing(2026, 3, 6, 15, 30))
                == beijing(2026, 3, 6, 17, 30))
        // The Friday before the Spring Festival, then the make-up Saturday.
        #expect(officeHours.deadline(for: .workingHours(4), from: beijing(2026, 2, 13, 16)) == beijing(2026, 2, 14, 11))
        #expect(officeHours.workingTime(from: beijing(2026, 3, 6), to: beijing(2026, 3, 9)) == 7.5 * hour)
        #expect(officeHours.workingTime(from: beijing(2026, 3, 6, 12), to: beijing(2026, 3, 6, 13, 30)) == 0)
        #expect(officeHours.workingPeriods(on: date("2026-03-07")).isEmpty)
        #expect(
            officeHours.workingPeriods(on: date("2026-03-06")).map(\.start) == [
                beijing(2026, 3, 6, 8, 30), beijing(2026, 3, 6, 13, 30),
            ])
    }

    @Test("working hours parse from a code and refuse overlaps and impossible times")
    func workingHoursCodes() throws {
        let hours = try #require(WorkingCalendar.WorkingHours(code: "08:30-12:00,13:30-17:30"))
        #expect(hours.intervals == [510..<720, 810..<1050])
        #expect(hours.code == "08:30-12:00,13:30-17:30")
        #expect(hours.minutesPerDay == 450)
        #expect(WorkingCalendar.WorkingHours(code: "13:30-17:30, 8:30-12:00") == hours)
        #expect(WorkingCalendar.WorkingHours(code: "00:00-24:00") == .wholeDay)
        #expect(WorkingCalendar.WorkingHours(code: "00:00-12:00,12:00-24:00") == .wholeDay)
        #expect(WorkingCalendar.WorkingHours.wholeDay.code == "00:00-24:00")
        #expect(WorkingCalendar.WorkingHours.wholeDay.minutesPerDay == 1440)
        for bad in [
            "", "08:30-12:00,11:00-13:00", "12:00-08:30", "08:30-08:30", "25:00-26:00", "08:3-12:00", "24:30-24:45",
            "8-12",
        ] {
            #expect(WorkingCalendar.WorkingHours(code: bad) == nil, "\(bad)")
        }
        let json = try JSONEncoder().encode(hours)
        #expect(String(decoding: json, as: UTF8.self) == #""08:30-12:00,13:30-17:30""#)
        #expect(try JSONDecoder().decode(WorkingCalendar.WorkingHours.self, from: json) == hours)
    }

    // MARK: Pauses

    @Test("a 2-day pause waiting on the citizen pushes the deadline by exactly the working time inside it")
    func pauses() {
        let monday = beijing(2026, 3, 2, 9)
        #expect(mainland.deadline(for: .workingDays(5), from: monday) == beijing(2026, 3, 9, 9))
        let waiting = DateInterval(start: beijing(2026, 3, 3, 12), end: beijing(2026, 3, 5, 12))
        #expect(mainland.workingTime(from: waiting.start, to: waiting.end) == 2 * day)
        #expect(mainland.deadline(for: .workingDays(5), from: monday, pauses: [waiting]) == beijing(2026, 3, 11, 9))
        // Over a weekend only the Friday afternoon and Monday morning inside the pause were working time.
        let overWeekend = DateInterval(start: beijing(2026, 3, 6, 12), end: beijing(2026, 3, 9, 12))
        #expect(mainland.workingTime(from: overWeekend.start, to: overWeekend.end) == 1 * day)
        #expect(mainland.deadline(for: .workingDays(5), from: monday, pauses: [overWeekend]) == beijing(2026, 3, 10, 9))
        // Overlapping pauses count once.
        let overlapping = [
            DateInterval(start: beijing(2026, 3, 4), end: beijing(2026, 3, 5, 12)),
            DateInterval(start: beijing(2026, 3, 3, 12), end: beijing(2026, 3, 4, 12)),
        ]
        #expect(mainland.deadline(for: .workingDays(5), from: monday, pauses: overlapping) == beijing(2026, 3, 11, 9))
        #expect(mainland.workingTime(from: monday, to: beijing(2026, 3, 6, 9), pauses: overlapping) == 2 * day)
        #expect(mainland.naturalTime(from: monday, to: beijing(2026, 3, 6, 9), pauses: overlapping) == 2 * day)
        #expect(mainland.deadline(for: .naturalDays(2), from: monday, pauses: overlapping) == beijing(2026, 3, 6, 9))
        // A clock started inside a pause starts when the pause ends.
        #expect(
            mainland.deadline(for: .workingDays(1), from: beijing(2026, 3, 3, 13), pauses: [waiting])
                == beijing(2026, 3, 6, 12))
        // Natural time skips only the pause.
        let twoHours = DateInterval(start: beijing(2026, 3, 2, 10), end: beijing(2026, 3, 2, 12))
        #expect(mainland.deadline(for: .hours(24), from: monday, pauses: [twoHours]) == beijing(2026, 3, 3, 11))
        #expect(mainland.deadline(for: .naturalDays(7), from: monday, pauses: [overWeekend]) == beijing(2026, 3, 12, 9))
        // With working hours, only the working hours inside the pause push the deadline: 4 h on Friday
        // 13:30–17:30 and 3.5 h on Monday 08:30–12:00, one working day of 7.5 hours.
        #expect(officeHours.deadline(for: .workingDays(5), from: monday) == beijing(2026, 3, 9, 9))
        #expect(officeHours.workingTime(from: overWeekend.start, to: overWeekend.end) == 7.5 * hour)
        #expect(
            officeHours.deadline(for: .workingDays(5), from: monday, pauses: [overWeekend]) == beijing(2026, 3, 10, 9))
    }

    // MARK: Warning points and usage

    @Test("point(0.75, …) is where the yellow warning goes: three quarters of the limit's own time")
    func warningPoint() {
        let friday = beijing(2026, 2, 13, 15)
        // 3.75 working days: 9 h on 02-13, 02-14, 02-24, 02-25, then 9 h on 02-26.
        #expect(mainland.point(0.75, of: .workingDays(5), from: friday) == beijing(2026, 2, 26, 9))
        #expect(mainland.point(0.75, of: .hours(24), from: friday) == beijing(2026, 2, 14, 9))
        #expect(mainland.point(0.75, of: .minutes(30), from: friday) == beijing(2026, 2, 13, 15, 22, 30))
        #expect(
            officeHours.point(0.75, of: .workingHours(4), from: beijing(2026, 3, 6, 10)) == beijing(2026, 3, 6, 14, 30))
        #expect(
            mainland.point(1, of: .workingDays(5), from: friday)
                == mainland.deadline(for: .workingDays(5), from: friday))
        #expect(mainland.point(0, of: .workingDays(5), from: friday) == friday)
        #expect(mainland.point(-1, of: .workingDays(5), from: friday) == friday)
    }

    @Test("usage reports time used and the whole limit in the limit's own kind of time")
    func usage() {
        let friday = beijing(2026, 2, 13, 15)
        let atTuesdayNoon = mainland.usage(of: .workingDays(5), from: friday, at: beijing(2026, 2, 24, 12))
        #expect(atTuesdayNoon.used == 45 * hour)
        #expect(atTuesdayNoon.total == 5 * day)
        let overdue = mainland.usage(of: .hours(24), from: friday, at: beijing(2026, 2, 14, 21))
        #expect(overdue.used == 30 * hour && overdue.total == 24 * hour)
        let paused = mainland.usage(
            of: .hours(24), from: friday, at: beijing(2026, 2, 14, 21),
            pauses: [DateInterval(start: beijing(2026, 2, 14), end: beijing(2026, 2, 14, 10))])
        #expect(paused.used == 20 * hour)
        #expect(mainland.usage(of: .workingDays(5), from: friday, at: friday - 60).used == 0)
        let office = officeHours.usage(of: .workingDays(2), from: beijing(2026, 3, 6, 10), at: beijing(2026, 3, 9, 9))
        #expect(office.used == 6.5 * hour && office.total == 15 * hour)
    }

    @Test("deadline and working time agree with counting minute by minute, on random starts, limits and pauses")
    func agreesWithMinuteCounting() {
        var random = DeterministicRandom(seed: 2026)
        let yearStart = beijing(2026, 1, 1)
        for round in 0..<24 {
            let calendar = round.isMultiple(of: 2) ? mainland : officeHours
            let start = yearStart + TimeInterval(Int.random(in: 0..<(350 * 1440), using: &random) * 60)
            let limit: TimeLimit =
                Bool.random(using: &random)
                ? .workingDays(Int.random(in: 1...4, using: &random))
                : .workingHours(Int.random(in: 1...30, using: &random))
            var pauses: [DateInterval] = []
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                let pauseStart = start + TimeInterval(Int.random(in: -600...(6 * 1440), using: &random) * 60)
                pauses.append(
                    DateInterval(
                        start: pauseStart, duration: TimeInterval(Int.random(in: 1...(3 * 1440), using: &random) * 60)))
            }
            let deadline = calendar.deadline(for: limit, from: start, pauses: pauses)
            let amount = calendar.length(of: limit)
            #expect(
                calendar.countedMinuteByMinute(from: start, to: deadline, pauses: pauses) == amount, "round \(round)")
            #expect(
                calendar.countedMinuteByMinute(from: start, to: deadline - 60, pauses: pauses) == amount - 60,
                "round \(round)")
            let end = start + TimeInterval(Int.random(in: 0...(12 * 1440), using: &random) * 60)
            #expect(
                calendar.workingTime(from: start, to: end, pauses: pauses)
                    == calendar.countedMinuteByMinute(from: start, to: end, pauses: pauses), "round \(round)")
        }
    }

    // MARK: The calendar file

    @Test("the calendar file: header, comments, blank lines, CRLF and a spreadsheet's byte-order mark are fine")
    func parsesFile() throws {
        let text =
            "\u{FEFF}# 2026 春节\r\ndate,kind,name\r\n\r\n2026-02-14, workday ,春节调休上班\r\n  2026-02-15,HOLIDAY,春节\r\n"
        let entries = try WorkingCalendar.parse(csv: text)
        #expect(
            entries == [
                WorkingCalendar.Entry(date: date("2026-02-14"), kind: .workday, name: "春节调休上班"),
                WorkingCalendar.Entry(date: date("2026-02-15"), kind: .holiday, name: "春节"),
            ])
        #expect(try WorkingCalendar.parse(csv: "").isEmpty)
    }

    @Test(
        "a bad line is reported with its 1-based line number and a reason in both languages",
        arguments: [
            ("# c\ndate,kind,name\n\n2026-02-15,holiday,春节\n2026-02-30,holiday,春节\n", 5, "calendar.invalid_date"),
            ("2026-02-15,holiday,春节\n2026-02-16,holday,春节", 2, "calendar.invalid_kind"),
            ("date,kind,name\n2026-02-15,holiday", 2, "calendar.column_count"),
            ("2026-02-15,holiday,春节,初一", 1, "calendar.column_count"),
            ("2026-02-15,holiday,春节\ndate,kind,name", 2, "calendar.invalid_date"),
            ("\n\n2026-02-15,holiday,", 3, "calendar.missing_name"),
            ("2026-02-16,workday,春节调休上班", 1, "calendar.workday_on_weekday"),
            ("2026-02-15,holiday,春节\n# again\n2026-02-15,holiday,春节", 3, "calendar.duplicate_date"),
        ])
    func fileErrors(text: String, line: Int, code: String) {
        #expect {
            _ = try WorkingCalendar.parse(csv: text)
        } throws: { error in
            guard let error = error as? CalendarFileError else { return false }
            return error.line == line && error.code == code && error.message.zh.contains("第\(line)行")
                && error.message.en.contains("line \(line)")
        }
    }

    @Test("file error messages say what is wrong")
    func fileErrorMessages() {
        #expect(
            CalendarFileError(line: 4, reason: .invalidDate("2026-02-30")).message
                == Localized(
                    zh: "日历文件第4行：“2026-02-30”不是有效的日期，请写成 2026-02-15 这样的格式",
                    en: "Calendar file, line 4: “2026-02-30” is not a valid date; write it like 2026-02-15"))
        #expect(CalendarFileError(line: 2, reason: .invalidKind("holday")).message.en.contains("holday"))
        #expect(
            CalendarFileError(line: 9, reason: .duplicateDate(date("2026-02-15"), firstLine: 3)).message.zh.contains(
                "第3行"))
    }

    @Test("the embedded calendar is the file administrators start from, and says what the official notices say")
    func embeddedData() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("calendar/cn-mainland.csv"), encoding: .utf8)
        #expect(MainlandCalendarData.csv == file)
        let entries = try WorkingCalendar.parse(csv: MainlandCalendarData.csv)
        #expect(entries.count == 72)
        #expect(entries.filter { $0.kind == .workday }.count == 11)
        #expect(WorkingCalendar.mainland.entries == entries)
        #expect(WorkingCalendar.mainland.workingHours == .wholeDay)
        #expect(WorkingCalendar.mainland.timeZone.identifier == "Asia/Shanghai")
        let springFestival = entries.filter { $0.date.year == 2026 && $0.name == "春节" && $0.kind == .holiday }
        #expect(springFestival.map(\.date.description) == (15...23).map { "2026-02-\($0)" })
    }

    static let sharedFacts = "/work/shared/data/cn-public-holidays-2025-2026.csv"

    @Test(
        "the embedded calendar has exactly the entries of the shared official facts",
        .enabled(if: FileManager.default.fileExists(atPath: sharedFacts)))
    func embeddedMatchesSharedFacts() throws {
        let facts = try String(contentsOfFile: Self.sharedFacts, encoding: .utf8)
        #expect(try WorkingCalendar.parse(csv: facts) == WorkingCalendar.mainland.entries)
    }

    // MARK: Time limits

    @Test("time limits round-trip through their codes and are Codable as them")
    func timeLimitCodes() throws {
        let limits: [TimeLimit] = [.minutes(30), .hours(24), .naturalDays(7), .workingHours(4), .workingDays(5)]
        #expect(limits.map(\.code) == ["30m", "24h", "7d", "4wh", "5wd"])
        for limit in limits { #expect(TimeLimit(code: limit.code) == limit) }
        #expect(TimeLimit(code: " 5WD ") == .workingDays(5))
        for bad in ["", "5", "wd", "0wd", "-5wd", "5 wd", "5w", "5dd", "1.5h", "100001d", "99999999999999999999m"] {
            #expect(TimeLimit(code: bad) == nil, "\(bad)")
        }
        #expect(limits.map(\.isWorkingTime) == [false, false, false, true, true])
        let json = try JSONEncoder().encode(limits)
        #expect(String(decoding: json, as: UTF8.self) == #"["30m","24h","7d","4wh","5wd"]"#)
        #expect(try JSONDecoder().decode([TimeLimit].self, from: json) == limits)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([TimeLimit].self, from: Data(#"["5x"]"#.utf8))
        }
        #expect(TimeLimit.workingDays(2).seconds(workingDayLength: 7.5 * hour) == 15 * hour)
        #expect(TimeLimit.naturalDays(15).seconds(workingDayLength: 7.5 * hour) == 15 * day)
    }

    @Test("time limits are named in both languages, with English plurals")
    func timeLimitNames() {
        #expect(TimeLimit.minutes(30).name == Localized(zh: "30分钟", en: "30 minutes"))
        #expect(TimeLimit.hours(24).name == Localized(zh: "24小时", en: "24 hours"))
        #expect(TimeLimit.hours(1).name == Localized(zh: "1小时", en: "1 hour"))
        #expect(TimeLimit.naturalDays(7).name == Localized(zh: "7天", en: "7 days"))
        #expect(TimeLimit.workingHours(4).name == Localized(zh: "4个工作小时", en: "4 working hours"))
        #expect(TimeLimit.workingDays(5).name == Localized(zh: "5个工作日", en: "5 working days"))
        #expect(TimeLimit.workingDays(1).name == Localized(zh: "1个工作日", en: "1 working day"))
    }

    // MARK: Text

    @Test("time left reads as at most two units, cut off, in both languages")
    func remainingText() {
        func text(_ seconds: TimeInterval, working: Bool = true, dayLength: TimeInterval = day) -> Localized {
            WorkingTimeText.remaining(seconds, working: working, dayLength: dayLength)
        }
        #expect(text(2 * day + 3 * hour + 59 * 60) == Localized(zh: "剩余2个工作日3小时", en: "2 working days 3 hours left"))
        #expect(text(1 * day + 30 * 60) == Localized(zh: "剩余1个工作日", en: "1 working day left"))
        #expect(text(-5 * hour) == Localized(zh: "已超期5小时", en: "5 hours overdue"))
        #expect(text(-(1 * day + 2 * hour)) == Localized(zh: "已超期1个工作日2小时", en: "1 working day 2 hours overdue"))
        #expect(
            text(3 * hour + 20 * 60 + 59, working: false) == Localized(zh: "剩余3小时20分钟", en: "3 hours 20 minutes left"))
        #expect(text(2 * day + 4 * hour, working: false) == Localized(zh: "剩余2天4小时", en: "2 days 4 hours left"))
        #expect(text(25 * 60 + 30, working: false) == Localized(zh: "剩余25分钟", en: "25 minutes left"))
        #expect(text(1 * hour) == Localized(zh: "剩余1小时", en: "1 hour left"))
        #expect(text(61) == Localized(zh: "剩余1分钟", en: "1 minute left"))
        #expect(text(0) == Localized(zh: "已到期", en: "due now"))
        #expect(text(30) == Localized(zh: "剩余不到1分钟", en: "less than 1 minute left"))
        #expect(text(-30) == Localized(zh: "已超期不到1分钟", en: "less than 1 minute overdue"))
        // A working day of 7.5 hours: 9 working hours are 1 working day 1 hour (and 30 minutes, cut off).
        #expect(text(9 * hour, dayLength: 7.5 * hour) == Localized(zh: "剩余1个工作日1小时", en: "1 working day 1 hour left"))
        #expect(text(7 * hour, dayLength: 7.5 * hour) == Localized(zh: "剩余7小时", en: "7 hours left"))
    }

    @Test("amounts use the same words")
    func amountText() {
        #expect(
            WorkingTimeText.amount(2 * day + 3 * hour, working: true, dayLength: day)
                == Localized(zh: "2个工作日3小时", en: "2 working days 3 hours"))
        #expect(
            WorkingTimeText.amount(-(2 * day), working: false, dayLength: 7.5 * hour)
                == Localized(zh: "2天", en: "2 days"))
        #expect(WorkingTimeText.amount(0, working: true, dayLength: day) == Localized(zh: "0分钟", en: "0 minutes"))
        #expect(
            WorkingTimeText.amount(1 * hour + 1 * 60, working: false, dayLength: day)
                == Localized(zh: "1小时1分钟", en: "1 hour 1 minute"))
    }
}

extension WorkingCalendar {
    /// Working seconds in [start, end), counted the slow, obvious way: one whole minute at a time.
    fileprivate func countedMinuteByMinute(from start: Date, to end: Date, pauses: [DateInterval]) -> TimeInterval {
        var total: TimeInterval = 0
        var instant = start
        var lastDay = -1
        var workingDay = false
        while instant < end {
            let beijingSeconds = Int(instant.timeIntervalSince1970) + 8 * 3600
            let dayNumber = beijingSeconds / 86_400
            if dayNumber != lastDay {
                workingDay = isWorkingDay(containing: instant)
                lastDay = dayNumber
            }
            let minuteOfDay = beijingSeconds % 86_400 / 60
            let inHours =
                workingHours.intervals.isEmpty
                || workingHours.intervals.contains { $0.contains(minuteOfDay) }
            let paused = pauses.contains { $0.start <= instant && instant < $0.end }
            if workingDay && inHours && !paused { total += 60 }
            instant += 60
        }
        return total
    }
}
