import Foundation
import Testing

@testable import FengqiaoCore

@Suite("Risk early warning: the catalogue, the detector and the score")
struct RiskTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)
    static func daysAgo(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }

    @Test("the catalogue: at least 40 indicators, codes unique, every one explained in Chinese, both sources")
    func catalogue() {
        let all = RiskCatalogue.standard
        #expect(all.count >= 40)
        #expect(Set(all.map(\.code)).count == all.count)
        #expect(
            all.allSatisfy { !$0.explanation.zh.isEmpty && !$0.name.zh.isEmpty && $0.weight > 0 && $0.windowDays > 0 })
        #expect(all.filter { $0.source == .automatic }.count >= 20 && all.filter { $0.source == .visit }.count >= 15)
        // Every indicator the detector raises is in the catalogue.
        for code in RiskDetector.words.keys { #expect(RiskCatalogue.indicator(code) != nil, "\(code)") }
        for code in RiskDetector.categoryIndicators.values { #expect(RiskCatalogue.indicator(code) != nil, "\(code)") }
    }

    @Test("a neighbour dispute with the police called and a threat recorded is a red warning, and says why")
    func seedStory() throws {
        let view = RiskCaseView(
            caseID: Case.ID(7), registeredAt: Self.daysAgo(2), channel: .police110, disputeType: .neighbour,
            text: "邻居因排水沟争执，对方扬言要弄死他，已报警处理。", open: true)
        let signals = RiskDetector.signals(of: view, at: Self.now)
        #expect(Set(signals.map(\.indicator)) == ["category-neighbour", "police-called", "words-threat"])
        let assessment = RiskScoring.assess(signals, at: Self.now)
        #expect(assessment.score == 80 && assessment.grade == .red)
        #expect(assessment.fired.first?.indicator == "words-threat")
        #expect(assessment.reasons.zh == "扬言威胁 40分（扬言、弄死）；已报警 25分（110联动）；邻里矛盾 15分（邻里纠纷）")
    }

    @Test("words count outside a negation only; words as citizens write them")
    func words() {
        #expect(RiskDetector.matches(["动手", "菜刀"], in: "双方没动手，也没有菜刀") == [])
        #expect(RiskDetector.matches(["动手", "菜刀"], in: "他拿着菜刀追出来，差点动手") == ["动手", "菜刀"])
        let plain = RiskCaseView(
            caseID: Case.ID(1), registeredAt: Self.daysAgo(1), channel: .hotline12345, disputeType: .propertyManagement,
            text: "小区电梯经常坏，物业不修。", open: true)
        #expect(RiskDetector.signals(of: plain, at: Self.now).isEmpty)
    }

    @Test("history and handling: repeats, long-running, overdue with anger, many parties")
    func history() {
        let view = RiskCaseView(
            caseID: Case.ID(2), registeredAt: Self.daysAgo(75), channel: .gridWorker, disputeType: .homestead,
            text: "宅基地界址纠纷，当事人情绪激动。", open: true, partyCount: 4, reopenCount: 1, escalationCount: 1,
            overdue: true, earlierDisputesBetweenParties: 2, reportsBySameReporter: 3)
        let codes = Set(RiskDetector.signals(of: view, at: Self.now).map(\.indicator))
        #expect(
            codes == [
                "category-homestead", "words-agitation", "repeat-dispute", "repeat-reporter", "long-running",
                "reopened",
                "escalated", "many-parties", "overdue", "overdue-angry",
            ])
    }

    @Test("an observation counts once, only within its window; a weight of 0 switches an indicator off")
    func windows() {
        let signals = [
            RiskSignal(indicator: "words-threat", at: Self.daysAgo(100), evidence: "扬言"),  // window 90 days: gone
            RiskSignal(indicator: "drinking", at: Self.daysAgo(30)),
            RiskSignal(indicator: "drinking", at: Self.daysAgo(10)),
            RiskSignal(indicator: "domestic-violence", at: Self.daysAgo(10)),
            RiskSignal(indicator: "no-such-indicator", at: Self.daysAgo(1)),
            RiskSignal(indicator: "living-alone", at: Self.now.addingTimeInterval(3600)),  // not yet
        ]
        let assessment = RiskScoring.assess(signals, at: Self.now)
        #expect(assessment.fired.map(\.indicator) == ["domestic-violence", "drinking"])
        #expect(assessment.score == 45 && assessment.grade == .yellow)
        #expect(assessment.fired.last?.at == Self.daysAgo(10))
        let county = RiskModel(
            version: 2, effectiveFrom: Self.daysAgo(5), weights: ["drinking": 0],
            thresholds: RiskThresholds(blue: 10, yellow: 20, orange: 30, red: 40))
        let rescored = RiskScoring.assess(signals, at: Self.now, model: county)
        #expect(rescored.score == 30 && rescored.grade == .orange && rescored.modelVersion == 2)
    }

    @Test("model versions: the one in force at a date; problems named")
    func versions() {
        let v2 = RiskModel(version: 2, effectiveFrom: Self.daysAgo(10))
        let v3 = RiskModel(version: 3, effectiveFrom: Self.daysAgo(-5))  // scheduled
        #expect(RiskModel.inForce(at: Self.now, among: [v2, v3]).version == 2)
        #expect(RiskModel.inForce(at: Self.daysAgo(20), among: [v2, v3]).version == 1)
        let bad = RiskModel(
            version: 4, effectiveFrom: Self.now, weights: ["nope": 5, "drinking": 200],
            thresholds: RiskThresholds(blue: 50, yellow: 40, orange: 60, red: 80))
        #expect(bad.problems().map(\.zh).count == 3)
    }

    @Test("a visit's outcome: settling or no risk closes the warning, the other work lowers it one grade")
    func visits() {
        #expect(VisitOutcome.resolved.grade(after: .red) == nil)
        #expect(VisitOutcome.noRisk.grade(after: .yellow) == nil)
        #expect(VisitOutcome.stabilised.grade(after: .red) == .orange)
        #expect(VisitOutcome.counselled.grade(after: .blue) == nil)
        #expect(VisitOutcome.allCases.map(\.name.zh) == ["矛盾化解", "心理疏导", "人员稳控", "关爱帮扶", "未发现风险"])
    }
}

@Suite("Risk warnings: raised with visits due, re-raised, lowered and closed by visits")
struct RiskWarningTests {
    static let calendar = WorkingCalendar.mainland

    static func assessment(_ score: Int) -> RiskAssessment {
        RiskAssessment(score: score, grade: RiskThresholds.standard.grade(of: score), fired: [], modelVersion: 1)
    }

    @Test("a red warning sends the grid worker, the police station and the justice office within a working day")
    func raise() throws {
        let friday = try #require(ChinaTime.parse("2026-12-04T16:00")?.lowerBound)
        let warning = try #require(
            RiskWarnings.raise(Self.assessment(80), subject: .dispute, at: friday, calendar: Self.calendar))
        #expect(
            warning.grade == .red && warning.visits.map(\.visitor) == [.gridWorker, .policeStation, .justiceOffice])
        // Due on Monday: the weekend does not count.
        #expect(Self.calendar.civilDate(containing: warning.visits[0].due).description == "2026-12-07")
        #expect(RiskWarnings.raise(Self.assessment(10), subject: .person, at: friday, calendar: Self.calendar) == nil)
        let blue = try #require(
            RiskWarnings.raise(Self.assessment(25), subject: .person, at: friday, calendar: Self.calendar))
        #expect(blue.visits.map(\.visitor) == [.gridWorker])
        let climbed = RiskWarnings.reassess(blue, with: Self.assessment(85), at: friday, calendar: Self.calendar)
        #expect(climbed.grade == .red && climbed.highestGrade == .red && climbed.raisedGrade == .blue)
        #expect(climbed.visits.count == 3 && climbed.visits.allSatisfy { $0.due == warning.visits[0].due })
        let monday = friday.addingTimeInterval(4 * 86_400)
        #expect(climbed.overdueVisits(at: monday).count == 3)
    }

    @Test("visits lower or close the warning; what they record keeps it; precision facts are kept")
    func visits() throws {
        let now = try #require(ChinaTime.parse("2026-12-07T09:00")?.lowerBound)
        var warning = try #require(
            RiskWarnings.raise(Self.assessment(80), subject: .dispute, at: now, calendar: Self.calendar))
        warning = try RiskWarnings.recordVisit(
            warning, by: .policeStation, outcome: .stabilised, note: "已约谈双方", recorded: [],
            at: now.addingTimeInterval(3600))
        #expect(warning.grade == .orange && warning.isOpen)
        warning = try RiskWarnings.recordVisit(
            warning, by: .gridWorker, outcome: .counselled, note: nil, recorded: ["drinking"],
            at: now.addingTimeInterval(7200))
        #expect(warning.grade == .orange)
        #expect(throws: RiskWarnings.VisitError.alreadyDone(.gridWorker)) {
            try RiskWarnings.recordVisit(
                warning, by: .gridWorker, outcome: .resolved, note: nil, recorded: [], at: now)
        }
        #expect(throws: RiskWarnings.VisitError.notAVisitIndicator("words-threat")) {
            try RiskWarnings.recordVisit(
                warning, by: .justiceOffice, outcome: .resolved, note: nil, recorded: ["words-threat"], at: now)
        }
        warning = try RiskWarnings.recordVisit(
            warning, by: .justiceOffice, outcome: .resolved, note: "双方签订调解协议", recorded: [],
            at: now.addingTimeInterval(10_800))
        #expect(!warning.isOpen && warning.visitedOnTime)
        #expect(throws: RiskWarnings.VisitError.closed) {
            try RiskWarnings.recordVisit(warning, by: .gridWorker, outcome: .resolved, note: nil, recorded: [], at: now)
        }
    }

    @Test("who visits: a police station, and a department named …司法所; the county's 司法局 and other bureaus do not")
    func visitorOfOrganisation() {
        #expect(VisitorRole.of(kind: .policeStation, name: "清溪县公安局桃源派出所") == .policeStation)
        #expect(VisitorRole.of(kind: .department, name: "清溪县司法局桃源镇司法所") == .justiceOffice)
        #expect(VisitorRole.of(kind: .department, name: "清溪县司法局") == nil)
        #expect(VisitorRole.of(kind: .department, name: "县人力资源和社会保障局") == nil)
        #expect(VisitorRole.of(kind: .mediationCommittee, name: "桃源镇司法所") == nil)
    }
}
