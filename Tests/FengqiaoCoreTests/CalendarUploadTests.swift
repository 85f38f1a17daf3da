import Foundation
import Testing

@testable import FengqiaoCore

private func date(_ text: String) -> WorkingCalendar.CivilDate { WorkingCalendar.CivilDate(string: text)! }

/// MADE-UP FIXTURES: the dates below are invented for the tests (a fictitious 2031), not an official schedule.
private let fictitiousICS = """
    BEGIN:VCALENDAR\r
    VERSION:2.0\r
    PRODID:-//test//fictitious holidays//ZH\r
    BEGIN:VEVENT\r
    DTSTART;VALUE=DATE:20310101\r
    DTEND;VALUE=DATE:20310104\r
    SUMMARY:元旦（休）\r
    END:VEVENT\r
    BEGIN:VEVENT\r
    DTSTART;VALUE=DATE:20310104\r
    SUMMARY:元旦补班\r
    END:VEVENT\r
    BEGIN:VEVENT\r
    DTSTART:20310210T000000\r
    DTEND:20310212T120000\r
    SUMMARY:春节 假期 第1天/共3\r
     天\r
    END:VEVENT\r
    BEGIN:VEVENT\r
    DTSTART:20310214T160000Z\r
    DTEND:20310215T160000Z\r
    SUMMARY:班\r
    END:VEVENT\r
    BEGIN:VEVENT\r
    DTSTART;VALUE=DATE:20310214\r
    SUMMARY:情人节\r
    END:VEVENT\r
    END:VCALENDAR\r

    """

@Suite("Uploading a working calendar: CSV and iCalendar")
struct CalendarUploadTests {
    @Test("an iCalendar file gives holidays (DTEND exclusive), 调休 working days (班), and ignores other events")
    func ics() throws {
        let parsed = try CalendarUpload.parse(fictitiousICS)
        #expect(parsed.ignoredEvents == 1)
        let byDate = Dictionary(uniqueKeysWithValues: parsed.entries.map { ($0.date, $0) })
        #expect(byDate[date("2031-01-01")]?.kind == .holiday)
        #expect(byDate[date("2031-01-01")]?.name == "元旦")
        #expect(byDate[date("2031-01-03")]?.kind == .holiday)
        #expect(byDate[date("2031-01-04")]?.kind == .workday)  // a Saturday
        #expect(byDate[date("2031-01-04")]?.name == "元旦调休上班")
        // Date-times: DTEND at noon keeps its day, at midnight it would not; a folded SUMMARY is joined.
        #expect(byDate[date("2031-02-10")]?.name == "春节")
        #expect(byDate[date("2031-02-12")]?.kind == .holiday)
        // UTC date-times are read in Beijing time: 16:00Z on the 14th is midnight on the 15th, a Saturday.
        #expect(byDate[date("2031-02-15")]?.kind == .workday)
        #expect(byDate[date("2031-02-16")] == nil)
        #expect(byDate[date("2031-02-14")] == nil)
        #expect(parsed.years.map(\.year) == [2031])
        #expect(parsed.years[0].holidays.count == 6)
        #expect(parsed.years[0].workdays.count == 2)
    }

    @Test("the CSV of the calendar file is read too, with the kinds in Chinese and a Chinese header")
    func csv() throws {
        let parsed = try CalendarUpload.parse("\u{FEFF}日期,类型,名称\n2031-01-01,休,元旦\n2031-01-04,班,元旦调休上班\n")
        #expect(parsed.entries.map(\.kind) == [.holiday, .workday])
        #expect(parsed.ignoredEvents == 0)
    }

    @Test("errors name the line in Chinese: an unreadable date, a 班 on a weekday, an unterminated event, an empty file")
    func errors() {
        func refusal(_ text: String) -> CalendarFileError? {
            do {
                _ = try CalendarUpload.parse(text)
                return nil
            } catch { return error }
        }
        let badDate = refusal("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:2031-13-01\nSUMMARY:休\nEND:VEVENT\n")
        #expect(badDate?.line == 3)
        #expect(badDate?.message.zh.hasPrefix("日历文件第3行") == true)
        // 2031-01-06 is a Monday.
        let weekdayWork = refusal(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20310106\nSUMMARY:补班\nEND:VEVENT\n")
        #expect(weekdayWork?.reason == .workdayOnWeekday(date("2031-01-06")))
        #expect(weekdayWork?.line == 2)
        let open = refusal("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20310101\nSUMMARY:休\n")
        #expect(open?.reason == .unterminatedEvent)
        #expect(refusal("# nothing\n")?.reason == .noEntries)
        let csv = refusal("2031-01-01,holiday,元旦\n2031-1-x,holiday,元旦\n")
        #expect(csv?.line == 2)
        let clash = refusal(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20310104\nSUMMARY:休\nEND:VEVENT\n"
                + "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20310104\nSUMMARY:班\nEND:VEVENT\n")
        #expect(clash?.reason == .duplicateDate(date("2031-01-04"), firstLine: 2))
    }

    @Test("overlapping holidays (中秋 inside 国庆) are one day off, not an error")
    func overlapping() throws {
        let parsed = try CalendarUpload.parse(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20311001\nDTEND;VALUE=DATE:20311008\nSUMMARY:国庆节\nEND:VEVENT\n"
                + "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20311004\nSUMMARY:中秋节（休）\nEND:VEVENT\nEND:VCALENDAR\n")
        #expect(parsed.entries.count == 7)
    }

    @Test("an uploaded year replaces that year of the configured calendar and leaves the others")
    func replacingYears() {
        let base = WorkingCalendar(entries: [
            .init(date: date("2030-01-01"), kind: .holiday, name: "元旦"),
            .init(date: date("2031-05-01"), kind: .holiday, name: "劳动节"),
        ])
        let merged = base.replacingYears(with: [2031: [.init(date: date("2031-01-01"), kind: .holiday, name: "元旦")]])
        #expect(merged.entries.map(\.date) == [date("2030-01-01"), date("2031-01-01")])
        #expect(merged.isWorkingDay(date("2031-05-01")))
        #expect(!merged.isWorkingDay(date("2031-01-01")))
        #expect(merged.years == 2030...2031)
    }
}

@Suite("Time-limit versions")
struct TimeLimitVersionsTests {
    let t0 = Date(timeIntervalSince1970: 0)
    let jan = Date(timeIntervalSince1970: 1_800_000_000)

    func policy(_ name: String, finish: Int) -> TimeLimitPolicy {
        var policy = TimeLimitPolicy.standard
        policy.name = name
        policy.limits[.finish] = .workingDays(finish)
        return policy
    }

    @Test("the book at an instant holds the version in force then; scheduled and withdrawn versions do not apply")
    func bookAtInstant() {
        let later = jan.addingTimeInterval(86_400)
        let history = TimeLimitHistory(versions: [
            TimeLimitVersion(
                id: 1, kind: .policy, code: "standard", policy: .standard, effectiveFrom: t0, createdAt: t0),
            TimeLimitVersion(
                id: 2, kind: .policy, code: "standard", policy: policy("七日", finish: 7), effectiveFrom: later,
                createdAt: jan),
            TimeLimitVersion(
                id: 3, kind: .policy, code: "standard", policy: policy("撤回", finish: 9), effectiveFrom: later,
                createdAt: jan, withdrawnAt: jan),
            TimeLimitVersion(
                id: 4, kind: .ladder, code: "three-level", ladder: .threeLevel, effectiveFrom: t0, createdAt: t0),
            TimeLimitVersion(id: 5, kind: .ladder, code: "three-level", effectiveFrom: later, createdAt: jan),
        ])
        #expect(history.book(at: jan).policies.first?.limits[.finish] == .workingDays(5))
        #expect(history.book(at: later).policies.first?.limits[.finish] == .workingDays(7))
        #expect(history.book(at: jan).ladders.map(\.code) == ["three-level"])
        #expect(history.book(at: later).ladders.isEmpty)  // retired
        #expect(history.status(of: history.versions[0], at: jan) == .current)
        #expect(history.status(of: history.versions[1], at: jan) == .scheduled)
        #expect(history.status(of: history.versions[2], at: jan) == .withdrawn)
        #expect(history.status(of: history.versions[0], at: later) == .past)
    }
}
