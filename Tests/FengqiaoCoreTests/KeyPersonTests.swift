import Foundation
import Testing

@testable import FengqiaoCore

@Suite("Key persons in three colours, care plans, and people recognised across cases")
struct KeyPersonTests {
    static let calendar = WorkingCalendar.mainland

    @Test("the standard care plan: red weekly, yellow fortnightly, green monthly, on working days")
    func carePlan() throws {
        let plan = CarePlan.standard
        // Friday 2026-12-04 09:00 China time: the next red visit is due five working days on, the next Friday.
        let friday = try #require(ChinaTime.parse("2026-12-04T09:00")?.lowerBound)
        let red = plan.nextVisitDue(class: .red, lastVisit: friday, classedAt: friday, calendar: Self.calendar)
        #expect(Self.calendar.civilDate(containing: red).description == "2026-12-11")
        let yellow = plan.nextVisitDue(class: .yellow, lastVisit: nil, classedAt: friday, calendar: Self.calendar)
        #expect(Self.calendar.civilDate(containing: yellow).description == "2026-12-18")
        // A class change restarts the clock: the earlier visit does not count against the new class.
        let older = friday.addingTimeInterval(-20 * 86_400)
        #expect(
            plan.nextVisitDue(class: .red, lastVisit: older, classedAt: friday, calendar: Self.calendar) == red)
        #expect(plan.problems(calendar: Self.calendar).isEmpty)
        let upsideDown = CarePlan(intervals: [
            .red: .workingDays(20), .yellow: .workingDays(10), .green: .workingDays(5),
        ])
        #expect(upsideDown.problems(calendar: Self.calendar).count == 1)
        #expect(CarePlan(intervals: [.red: .hours(3)]).problems(calendar: Self.calendar).count == 1)
        #expect(KeyPersonClass.red > .yellow && KeyPersonClass.yellow > .green)
    }

    @Test("identifiers in one normal form: ID numbers, phones with or without +86, never names")
    func identifiers() {
        #expect(PersonIdentifiers.idNumber("33012219800101123x") == "33012219800101123X")
        #expect(PersonIdentifiers.idNumber("张三") == nil)
        #expect(PersonIdentifiers.phone("+86 138-0000-1234") == "13800001234")
        #expect(PersonIdentifiers.phone("008613800001234") == "13800001234")
        #expect(PersonIdentifiers.phone("0571-8888 1234") == "057188881234")
        #expect(PersonIdentifiers.phone("12") == nil)
        #expect(
            PersonIdentifiers.keys(idNumber: "33012219800101123X", phone: "138 0000 1234")
                == ["id:33012219800101123X", "phone:13800001234"])
        #expect(PersonIdentifiers.keys(idNumber: nil, phone: nil).isEmpty)
    }

    @Test("a household is its address within its grid, however the numbers are written")
    func households() {
        let grid = "330122101001-01"
        let a = PersonIdentifiers.household(address: "迎春社区 三组 十二号", gridCode: grid)
        let b = PersonIdentifiers.household(address: "迎春社区3组１２号", gridCode: grid)
        #expect(a == b && a == "330122101001-01/迎春社区3组12号")
        #expect(PersonIdentifiers.household(address: "迎春社区3组12号", gridCode: "330122101001-02") != a)
        #expect(PersonIdentifiers.household(address: "二十一栋三单元", gridCode: grid) == "\(grid)/21栋3单元")
        #expect(PersonIdentifiers.household(address: "  ，。", gridCode: grid) == nil)
    }
}
