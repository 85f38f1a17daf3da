import Foundation
import Testing

@testable import FengqiaoCore

/// One China time for parsing, formatting and day boundaries; a date without a time is the whole day.
@Suite("China time")
struct ChinaTimeTests {

    @Test("a date alone is the whole day: from its start, to its end, a deadline at 23:59")
    func wholeDay() throws {
        let moment = try #require(ChinaTime.parse("2026-12-05"))
        let start = try #require(ChinaTime.parse("2026-12-05T00:00:00+08:00")?.lowerBound)
        #expect(moment.lowerBound == start)
        #expect(moment.periodEnd == start.addingTimeInterval(86_400))
        #expect(moment.deadline == start.addingTimeInterval(86_400 - 60))
        #expect(ChinaTime.parse("2026年12月5日") == moment)
    }

    @Test(
        "the spellings people type name the same minute",
        arguments: [
            "2026-12-05T14:30", "2026-12-05 14:30", "2026-12-05T14:30:00", "2026年12月5日 14:30", "2026年12月5日14:30",
        ])
    func spellings(text: String) throws {
        let expected = try #require(ChinaTime.parse("2026-12-05T14:30:00+08:00"))
        #expect(ChinaTime.parse(text) == expected)
    }

    @Test(
        "dates that do not exist and other shapes are refused",
        arguments: [
            "2026-13-45", "2026-02-30", "2026-12-05T24:00", "2026-12-05T14:60", "yesterday", "", "12/05/2026",
            "2026-12",
            "26-12-05",
        ])
    func refused(text: String) {
        #expect(ChinaTime.parse(text) == nil)
    }

    @Test("an ISO 8601 instant keeps its own offset")
    func offsets() {
        #expect(ChinaTime.parse("1994-11-05T08:15:30-05:00") == ChinaTime.parse("1994-11-05T13:15:30Z"))
        #expect(ChinaTime.parse("2026-12-05T06:30:00.250Z") != nil)
    }

    @Test("formatting is China time whatever the machine's zone")
    func formatting() throws {
        let instant = try #require(ChinaTime.parse("2026-12-05T06:30:00Z")?.lowerBound)
        #expect(ChinaTime.minute(instant) == "2026-12-05 14:30")
        #expect(ChinaTime.day(instant) == "2026-12-05")
        #expect(ChinaTime.iso8601(instant) == "2026-12-05T14:30:00+08:00")
        let late = try #require(ChinaTime.parse("2026-12-05T17:00:00Z")?.lowerBound)
        #expect(ChinaTime.day(late) == "2026-12-06")
        #expect(ChinaTime.startOfDay(late) == ChinaTime.parse("2026-12-06")?.lowerBound)
    }
}
