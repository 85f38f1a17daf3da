import FengqiaoCore
import FengqiaoTestSupport
import Foundation
import Testing

@testable import FengqiaoStore

@Suite("Key persons and the versioned risk model")
struct KeyPersonStoreTests {
    /// A Monday, 10:00 China time.
    let now = Date(timeIntervalSince1970: 1_796_000_000)
    let author = TimeLimitRepository.Author(userID: nil, name: "县管理员")
    let worker = KeyPersonAuthor(username: "taoyuan.grid", name: "网格员甲")

    func newPerson(_ personClass: KeyPersonClass = .green) -> NewKeyPerson {
        NewKeyPerson(
            name: "张三丰", idNumber: "110101199001011234", phone: "13812341234", address: "桃源村三组12号",
            regionID: 7, regionPath: "/339921/339921101/339921101001/339921101001001/", personClass: personClass,
            reason: "长期邻里纠纷，情绪激动", responsible: ["taoyuan.grid"], idKey: "k-id", phoneKey: "k-phone",
            householdKey: "k-house")
    }

    @Test(
        "the model and care plan in force follow their effective dates; a scheduled version can be withdrawn, one in force cannot",
        arguments: TestEngine.available)
    func versions(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let rules = RiskRuleRepository(database: database)
            #expect(try await rules.riskModel(at: now).thresholds == .standard)
            #expect(try await rules.riskModel(at: now).version == 1)
            #expect(try await rules.carePlan(at: now) == .standard)
            let tomorrow = now.addingTimeInterval(86_400)
            var model = RiskModel.standard
            model.weights = ["police-called": 30]
            model.thresholds = RiskThresholds(blue: 25, yellow: 45, orange: 65, red: 85)
            let version = try await rules.save(model, effectiveFrom: tomorrow, by: author, at: now)
            #expect(version.model?.version == 2)
            #expect(try await rules.riskModel(at: now).weights.isEmpty)
            let later = try await rules.riskModel(at: tomorrow)
            #expect(later.weights == ["police-called": 30] && later.thresholds.red == 85 && later.version == 2)
            let history = try await rules.history()
            #expect(version.status(at: now, among: history.versions) == .scheduled)
            await #expect(throws: RiskRuleError.effectiveInPast) {
                try await rules.save(model, effectiveFrom: now.addingTimeInterval(-7200), by: author, at: now)
            }
            var wrong = model
            wrong.weights = ["police-called": 300]
            await #expect(throws: RiskRuleError.self) {
                try await rules.save(wrong, effectiveFrom: nil, by: author, at: now)
            }
            try await rules.withdraw(version: version.id, by: author, at: now)
            #expect(try await rules.riskModel(at: tomorrow).weights.isEmpty)
            await #expect(throws: RiskRuleError.notScheduled) {
                try await rules.withdraw(version: version.id, by: author, at: now)
            }
            let plan = CarePlan(intervals: [.red: .workingDays(3), .yellow: .workingDays(8), .green: .workingDays(20)])
            let saved = try await rules.save(plan, calendar: .mainland, effectiveFrom: nil, by: author, at: now)
            #expect(try await rules.carePlan(at: now.addingTimeInterval(1)).interval(for: .red) == .workingDays(3))
            await #expect(throws: RiskRuleError.notScheduled) {
                try await rules.withdraw(version: saved.id, by: author, at: now.addingTimeInterval(1))
            }
            let backwards = CarePlan(intervals: [
                .red: .workingDays(30), .yellow: .workingDays(8), .green: .workingDays(2),
            ])
            await #expect(throws: RiskRuleError.self) {
                try await rules.save(backwards, calendar: .mainland, effectiveFrom: nil, by: author, at: now)
            }
        }
    }

    @Test(
        "a class change records its reason and moves the visit due at once; a visit schedules the next from the care plan",
        arguments: TestEngine.available)
    func classChange(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let calendar = WorkingCalendar.mainland
            let register = KeyPersonRepository(database: database, calendars: LiveCalendar(calendar))
            let person = try await register.register(newPerson(.green), by: worker, at: now)
            let greenDue = calendar.deadline(for: .workingDays(22), from: now)
            #expect(person.nextDueAt == greenDue)
            #expect(try await register.visits(of: person.id).first?.dueAt == greenDue)
            let later = now.addingTimeInterval(3600)
            let red = try await register.changeClass(
                of: person.id, to: .red, reason: "扬言报复，已报警", by: worker, at: later)
            let redDue = calendar.deadline(for: .workingDays(5), from: later)
            #expect(red.personClass == .red && red.nextDueAt == redDue && redDue < greenDue)
            let visits = try await register.visits(of: person.id)
            #expect(visits.count == 1 && visits[0].dueAt == redDue)
            let change = try #require(try await register.events(of: person.id).last)
            #expect(change.kind == .classChanged && change.fromClass == .green && change.toClass == .red)
            #expect(change.reason == "扬言报复，已报警")
            // A visit: done now, the next due a red interval later.
            let visitAt = later.addingTimeInterval(86_400)
            let done = try await register.recordVisit(
                of: person.id, outcome: .stabilised, note: "情绪稳定", by: worker, at: visitAt)
            #expect(done.doneAt == visitAt && done.outcome == .stabilised && done.visitor == "taoyuan.grid")
            let after = try #require(try await register.find(id: person.id))
            #expect(after.nextDueAt == calendar.deadline(for: .workingDays(5), from: visitAt))
            #expect(try await register.visits(of: person.id).filter { $0.doneAt == nil }.count == 1)
            // Within and outside the jurisdiction.
            #expect(try await register.list(within: ["/339921/339921101/"]).map(\.id) == [person.id])
            #expect(try await register.list(within: ["/339921/339921102/"]).isEmpty)
            #expect(try await register.counts(within: ["/339921/"]) == [.red: 1])
            #expect(try await register.find(personKeys: ["k-phone"]).map(\.id) == [person.id])
            #expect(person.masked.idNumber == "110101********1234" && person.masked.phone == "138****1234")
        }
    }

    @Test(
        "the visits due of the persons one member of staff answers for: named exactly, not by a name like theirs; class and staff change in one go",
        arguments: TestEngine.available)
    func responsibleVisits(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let register = KeyPersonRepository(database: database, calendars: LiveCalendar(.mainland))
            var mine = newPerson(.yellow)
            mine.responsible = ["taoyuan.grid", "taoyuan.police"]
            let first = try await register.register(mine, by: worker, at: now)
            var lookalike = newPerson(.green)
            lookalike.responsible = ["taoyuanXpolice"]
            _ = try await register.register(lookalike, by: worker, at: now)
            #expect(try await register.dueVisits(responsible: "taoyuan.police").map(\.person.id) == [first.id])
            #expect(try await register.dueVisits(responsible: "taoyuan_police").isEmpty)
            #expect(try await register.dueVisits(responsible: "police").isEmpty)
            let changed = try await register.change(
                of: first.id, to: (.red, "持刀威胁"), responsible: ["taoyuan.center"], by: worker, at: now + 60)
            #expect(changed.personClass == .red && changed.responsible == ["taoyuan.center"])
            #expect(try await register.dueVisits(responsible: "taoyuan.police").isEmpty)
            #expect(try await register.dueVisits(responsible: "taoyuan.center").map(\.person.id) == [first.id])
            let kinds = try await register.events(of: first.id).map(\.kind)
            #expect(kinds == [.registered, .staffChanged, .classChanged])
        }
    }

    @Test("an overdue visit alerts once, even with two instances ticking", arguments: TestEngine.available)
    func overdueOnce(engine: TestEngine) async throws {
        try await engine.withDatabase { database, open in
            let calendar = WorkingCalendar.mainland
            let first = KeyPersonRepository(database: database, calendars: LiveCalendar(calendar))
            let other = try open()
            let second = KeyPersonRepository(database: other, calendars: LiveCalendar(calendar))
            let person = try await first.register(newPerson(.red), by: worker, at: now)
            #expect(try await first.alertOverdue(at: now) == 0)
            let late = calendar.deadline(for: .workingDays(6), from: now)
            async let one = first.alertOverdue(at: late)
            async let two = second.alertOverdue(at: late)
            let raised = try await one + two
            #expect(raised == 1)
            #expect(try await first.alertOverdue(at: late.addingTimeInterval(60)) == 0)
            #expect(try await first.events(of: person.id).filter { $0.kind == .overdue }.count == 1)
            #expect(try await first.overdueCount(within: ["/339921/"], at: late) == 1)
            await other.close()
        }
    }
}
