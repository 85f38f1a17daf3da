import FengqiaoCore
import Foundation
import Testing

private typealias F = Fixture

/// What a command leaves to the platform to look up (the center above, the mediators it names) is decided by
/// `CaseWorkflow` from plain facts, and its refusals are domain errors, not HTTP ones.
@Suite("CaseWorkflow: what a command leaves to the platform")
struct CaseWorkflowResolveTests {
    static func mediator(_ id: Mediator.ID, available: Bool = true, user: User.ID? = nil) -> Mediator {
        Mediator(
            id: id, name: "调解员\(id)", organisationID: F.mediationCommittee, specialties: [], levels: [.township],
            languages: [], goldMedal: false, available: available, profile: "", userID: user)
    }

    @Test("上报 without a named center goes to the nearest center above the case's own, or is refused")
    func escalateToTheCenterAbove() throws {
        let file = try CaseFile()
        let asked = CaseCommand.escalate(toCenter: nil, reason: "镇级无法协调")
        let needs = CaseWorkflow.needs(before: asked, on: file.current, by: F.townDesk)
        #expect(needs.centersAbove && needs.organisations == [F.townCenter])
        let facts = CaseWorkflow.Facts(
            levels: [F.townCenter: .township],
            centersAbove: [(F.townCenter, .township), (F.countyCenter, .county)])
        let resolved = try CaseWorkflow.resolve(asked, on: file.current, by: F.townDesk, facts: facts)
        #expect(resolved == .escalate(toCenter: F.countyCenter, reason: "镇级无法协调"))

        let topmost = CaseWorkflow.Facts(levels: [F.townCenter: .township], centersAbove: [(F.townCenter, .township)])
        #expect(throws: CaseError.noCenterAbove) {
            try CaseWorkflow.resolve(asked, on: file.current, by: F.townDesk, facts: topmost)
        }
        // A named center is only checked to exist.
        let named = CaseCommand.escalate(toCenter: F.countyCenter, reason: "x")
        #expect(
            CaseWorkflow.needs(before: named, on: file.current, by: F.townDesk)
                == CaseWorkflow.Needs(organisations: [F.countyCenter]))
        #expect(throws: CaseError.unknownOrganisation) {
            try CaseWorkflow.resolve(named, on: file.current, by: F.townDesk, facts: CaseWorkflow.Facts())
        }
        let known = CaseWorkflow.Facts(levels: [F.countyCenter: .county])
        #expect(try CaseWorkflow.resolve(named, on: file.current, by: F.townDesk, facts: known) == named)
    }

    @Test("点单 takes the mediator's organisation from the directory; unknown and unavailable mediators are refused")
    func requestMediator() throws {
        let file = try CaseFile()
        let asked = CaseCommand.requestMediator(mediator: 7)
        #expect(CaseWorkflow.needs(before: asked, on: file.current, by: F.citizen).mediators == [7])
        let resolved = try CaseWorkflow.resolve(
            asked, on: file.current, by: F.citizen, facts: CaseWorkflow.Facts(mediators: [7: Self.mediator(7)]))
        #expect(resolved == .requestMediator(mediator: 7, organisation: F.mediationCommittee))
        #expect(throws: CaseError.unknownMediator) {
            try CaseWorkflow.resolve(asked, on: file.current, by: F.citizen, facts: CaseWorkflow.Facts())
        }
        #expect(throws: CaseError.mediatorUnavailable) {
            try CaseWorkflow.resolve(
                asked, on: file.current, by: F.citizen,
                facts: CaseWorkflow.Facts(mediators: [7: Self.mediator(7, available: false)]))
        }
        // The mediation codes stay those the API has always answered with.
        for error in [CaseError.mediatorUnavailable, .unknownMediator] {
            #expect(error.code.hasPrefix("mediation.") && !error.message.zh.isEmpty && !error.message.en.isEmpty)
        }
        expectBilingual(.noCenterAbove)
        #expect(CaseError.mediatorUnavailable.kind == .conflict && CaseError.unknownMediator.kind == .invalid)
    }

    @Test("接单 without a named mediator is the acting user's own mediator record")
    func takeMediationAsOneself() throws {
        var file = try CaseFile()
        try file.run(.requestMediator(mediator: 7, organisation: F.mediationCommittee), by: F.citizen)
        let asked = CaseCommand.takeMediation(mediator: nil)
        #expect(CaseWorkflow.needs(before: asked, on: file.current, by: F.mediator).mediatorOfUser == F.mediator.userID)
        let me = Self.mediator(7, user: F.mediator.userID)
        let resolved = try CaseWorkflow.resolve(
            asked, on: file.current, by: F.mediator, facts: CaseWorkflow.Facts(actingMediator: me))
        #expect(resolved == .takeMediation(mediator: 7))
        #expect(throws: CaseError.unknownMediator) {
            try CaseWorkflow.resolve(asked, on: file.current, by: F.mediator, facts: CaseWorkflow.Facts())
        }
    }
}
