import Foundation
import Testing

@testable import FengqiaoCore

@Suite("红黑榜 and the dashboard's period")
struct RankingTests {
    /// A unit with `cases` cases, `onTime` of `resolved` resolved on time, all of them closed.
    func unit(
        _ name: String, cases: Int, onTime: Int = 0, resolved: Int = 0, open: Int = 0
    )
        -> DashboardFigures.Standing
    {
        DashboardFigures.Standing(
            name: name, key: name, cases: cases, open: open,
            closing: Rate(definition: CoreRates.closing.definition, numerator: resolved, denominator: cases),
            onTime: Rate(definition: CoreRates.onTime.definition, numerator: onTime, denominator: resolved),
            returns: Rate(definition: CoreRates.returns.definition, numerator: 0, denominator: cases))
    }

    @Test("units under the minimum are not ranked but counted, however good their rate")
    func minimumVolume() {
        let studio = unit("老王说和室", cases: 2, onTime: 2, resolved: 2)
        let township = unit("桃源镇", cases: 40, onTime: 30, resolved: 36)
        let police = unit("派出所", cases: 10, onTime: 9, resolved: 10)
        let quiet = unit("妇联", cases: 0)
        let ranking = Ranking([studio, township, police, quiet], minimum: 10)
        #expect(ranking.ranked.map(\.name) == ["派出所", "桃源镇"])
        #expect(ranking.belowMinimum == 2)
        #expect(ranking.ranked.allSatisfy { $0.cases >= 10 && $0.onTime.value != nil })
        // The administrator lowers the minimum: the studio with 2 cases is ranked, first.
        let low = Ranking([studio, township, police, quiet], minimum: 2)
        #expect(low.ranked.map(\.name) == ["老王说和室", "派出所", "桃源镇"])
        #expect(low.belowMinimum == 1)
        // Never below 1: a unit with no case is never ranked.
        #expect(Ranking([quiet], minimum: 0).ranked.isEmpty)
    }

    @Test("the red and black lists show at most five each and never the same unit")
    func lists() {
        let many = (1...14).map { unit("单位\($0)", cases: 20, onTime: 20 - $0, resolved: 20) }
        let ranking = Ranking(many, minimum: 10)
        #expect(ranking.red.map(\.name) == (1...5).map { "单位\($0)" })
        #expect(ranking.black.map(\.name) == (10...14).map { "单位\($0)" })
        for count in 0...11 {
            let few = Ranking(Array(many.prefix(count)), minimum: 10)
            #expect(few.red.count + few.black.count == min(count, 10), "\(count)")
            #expect(Set(few.red.map(\.name)).isDisjoint(with: few.black.map(\.name)), "\(count)")
        }
    }

    @Test("a unit without a measurable on-time rate ranks after those with one, by closing rate")
    func unmeasurable() {
        let none = unit("无办结", cases: 12)
        let some = unit("有办结", cases: 12, onTime: 1, resolved: 5)
        #expect(Ranking([none, some], minimum: 10).ranked.map(\.name) == ["有办结", "无办结"])
    }

    @Test("the setting accepts whole numbers from 1 to 10000 and names its field otherwise")
    func setting() throws {
        #expect(try RankingMinimum.parse(" 25 ") == 25)
        #expect(try RankingMinimum.parse("1") == 1)
        #expect(try RankingMinimum.parse("10000") == 10000)
        for bad in ["0", "10001", "-3", "abc", "", nil, "2.5"] as [String?] {
            #expect(throws: RankingMinimum.Refusal()) { try RankingMinimum.parse(bad) }
        }
        #expect(RankingMinimum.Refusal().message.zh.contains("参与排名的最少办件数"))
    }

    func china(_ text: String) throws -> Date { try #require(ChinaTime.parse(text)?.lowerBound) }

    @Test("by default the period is this month so far, compared with the whole of last month")
    func defaultWindow() throws {
        let now = try china("2026-12-06T10:00:00+08:00")
        let window = DashboardFigures.Window(now: now)
        #expect(window.fromText == "2026-12-01" && window.toText == "2026-12-06")
        #expect(window.period == (try china("2026-12-01"))..<now.addingTimeInterval(1))
        #expect(window.previous == (try china("2026-11-01"))..<(try china("2026-12-01")))
        #expect(window.days == 6 && window.dayIndex(now) == 5)
    }

    @Test("a chosen range: whole days, compared with as many days before, the trend up to 93 days")
    func chosenWindow() throws {
        let now = try china("2026-12-06T10:00:00+08:00")
        let window = DashboardFigures.Window(
            now: now, from: try china("2026-11-10T15:00:00+08:00"), to: try china("2026-11-19"))
        #expect(window.period == (try china("2026-11-10"))..<(try china("2026-11-20")))
        #expect(window.previous == (try china("2026-10-31"))..<(try china("2026-11-10")))
        #expect(window.days == 10)
        #expect(window.dayIndex(try china("2026-11-20")) == nil)
        let year = DashboardFigures.Window(now: now, from: try china("2026-01-01"), to: try china("2026-12-31"))
        #expect(year.days == 93 && year.toText == "2026-12-31")
        #expect(year.dayIndex(now) == 92)
        #expect(year.period.upperBound == now.addingTimeInterval(1))
        // A whole month is compared with the month before.
        let november = DashboardFigures.Window(now: now, from: try china("2026-11-01"), to: try china("2026-11-30"))
        #expect(november.previous == (try china("2026-10-01"))..<(try china("2026-11-01")))
        // An end before the start is the start.
        let backwards = DashboardFigures.Window(now: now, from: try china("2026-11-10"), to: try china("2026-11-01"))
        #expect(backwards.toText == "2026-11-10")
    }
}
