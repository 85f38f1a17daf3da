import FengqiaoCore
import Testing

@Suite("Case permissions")
struct CasePermissionsTests {
    typealias F = Fixture

    @Test("a jurisdiction covers its own subtree only, compared segment by segment")
    func covers() {
        let grant = Actor.Grant(role: .leader, organisationID: 1, jurisdictionPath: "/339900/339921")
        #expect(grant.covers(regionPath: "/339900/339921/"))
        #expect(grant.covers(regionPath: "/339900/339921/339921101/"))
        #expect(!grant.covers(regionPath: "/339900/3399211/"))
        #expect(!grant.covers(regionPath: "/339900/"))
        #expect(Actor.Grant(role: .admin, organisationID: 1, jurisdictionPath: "/").covers(regionPath: "/1/2/"))
        #expect(!Actor.Grant(role: .admin, organisationID: 1, jurisdictionPath: "").covers(regionPath: "/1/"))
    }

    @Test("the buttons each actor sees on a freshly dispatched case follow the permission table")
    func availableActions() throws {
        var file = try CaseFile()
        #expect(
            CasePermissions.availableActions(on: file.current, by: F.townDesk) == [
                .assess, .escalate, .supervise, .withdraw, .merge, .requestInformation, .requestMediator, .editParties,
            ])
        try file.run(F.assessment, by: F.townDesk)
        try file.run(.dispatch(lead: F.justiceOffice, assisting: [F.policeStation], whistle: nil), by: F.townDesk)
        let c = file.current
        #expect(CasePermissions.availableActions(on: c, by: F.justice) == [.accept, .return, .editParties])
        #expect(CasePermissions.availableActions(on: c, by: F.police) == [.accept, .return, .editParties])
        #expect(CasePermissions.availableActions(on: c, by: F.housing).isEmpty)
        #expect(CasePermissions.availableActions(on: c, by: F.townLeader) == [.supervise, .nudge])
        #expect(CasePermissions.availableActions(on: c, by: F.citizen) == [.withdraw])
        #expect(
            CasePermissions.availableActions(on: c, by: F.importer) == [.supervise, .applyTimeLimits, .raiseAlerts])
        #expect(CasePermissions.availableActions(on: c, by: F.gridWorker) == [.withdraw])
        #expect(CasePermissions.availableActions(on: c, by: F.countyDesk) == [.supervise, .withdraw])
        #expect(
            CasePermissions.availableActions(on: c, by: F.townDesk) == [
                .escalate, .supervise, .withdraw, .merge, .editParties,
            ])
        #expect(CasePermissions.availableActions(on: c, by: F.otherTownDesk).isEmpty)
    }

    @Test("staff see cases in their jurisdiction and cases their organisation handles; nothing else")
    func visibility() throws {
        var file = try CaseFile()
        #expect(CaseVisibility.canView(file.current, by: F.townDesk))
        #expect(CaseVisibility.canView(file.current, by: F.gridWorker))
        #expect(!CaseVisibility.canView(file.current, by: F.otherGridWorker))
        #expect(!CaseVisibility.canView(file.current, by: F.otherTownDesk))
        let elsewhere = Fixture.staff(60, "far.away", .departmentHandler, 77, F.otherTownPath)
        #expect(!CaseVisibility.canView(file.current, by: elsewhere))
        try file.run(F.assessment, by: F.townDesk)
        try file.run(.dispatch(lead: 77, assisting: [], whistle: nil), by: F.townDesk)
        #expect(CaseVisibility.canView(file.current, by: elsewhere))
        #expect(CaseVisibility.canView(file.current, by: F.citizen))
    }

    @Test("every action but registration has scopes and starting states; the table and the states agree")
    func table() {
        for action in CaseAction.allCases where action != .register {
            #expect(!CasePermissions.scopes(for: action).isEmpty)
            #expect(!CasePermissions.states(for: action).isEmpty)
        }
        #expect(CaseState.allCases.filter(\.isOpen).count == 8)
        #expect(CaseState.withdrawn.successors.isEmpty && CaseState.merged.successors.isEmpty)
        for state in CaseState.allCases {
            #expect(state.isUnresolved ? state.isOpen : true)
            #expect(!state.name.zh.isEmpty && !state.name.en.isEmpty)
        }
        #expect(CaseState.resolved.name.zh == "已办结" && Channel.police110.name.zh.contains("警调对接"))
        #expect(Urgency.urgent.name.zh == "急难事马上办" && WhistleGrade.hardCase.name.zh == "攻坚哨")
    }
}
