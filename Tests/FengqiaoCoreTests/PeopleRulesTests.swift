import Foundation
import Testing

@testable import FengqiaoCore

@Suite("Rules for administered users and mediator cards")
struct PeopleRulesTests {
    static let center = Organisation.ID(1)
    static let township = Region.ID(2)

    static func user(_ roles: [Role]) -> User {
        User(
            id: User.ID(7), username: "taoyuan.admin", displayName: "方燕", phone: nil, passwordHash: "x",
            disabled: false,
            grants: roles.map { RoleGrant(role: $0, organisationID: center, jurisdictionID: township) })
    }

    @Test("a user change needs a name, a plausible phone and a grant; nobody removes their own last admin grant")
    func userChange() throws {
        let admin = Self.user([.admin])
        let staff = RoleGrant(role: .centerStaff, organisationID: Self.center, jurisdictionID: Self.township)
        #expect(throws: UserError.invalidDisplayName) {
            try UserChange(displayName: " ", phone: nil, grants: [staff]).validate(for: admin, by: User.ID(1))
        }
        #expect(throws: UserError.invalidPhone) {
            try UserChange(displayName: "方燕", phone: "12", grants: [staff]).validate(for: admin, by: User.ID(1))
        }
        #expect(throws: UserError.noRole) {
            try UserChange(displayName: "方燕", phone: nil, grants: []).validate(for: admin, by: User.ID(1))
        }
        #expect(throws: UserError.lastAdminGrant) {
            try UserChange(displayName: "方燕", phone: nil, grants: [staff]).validate(for: admin, by: admin.id)
        }
        // Another administrator may; and a phone as staff type it passes.
        try UserChange(displayName: "方燕", phone: "+86 (575) 8888-1234", grants: [staff])
            .validate(for: admin, by: User.ID(1))
    }

    @Test("a mediator card needs a name, a specialty, a level served, sane languages and a short profile")
    func mediatorCard() throws {
        let card = NewMediator(
            name: "王建国", organisationID: Self.center, specialties: [.neighbour], levels: [.township])
        try card.validate()
        var bad = card
        bad.name = ""
        #expect(throws: MediatorError.invalidName) { try bad.validate() }
        bad = card
        bad.specialties = []
        #expect(throws: MediatorError.noSpecialty) { try bad.validate() }
        bad = card
        bad.levels = [.grid]
        #expect(throws: MediatorError.invalidLevels) { try bad.validate() }
        bad = card
        bad.languages = [" "]
        #expect(throws: MediatorError.invalidLanguages) { try bad.validate() }
        bad = card
        bad.profile = String(repeating: "调", count: 1001)
        #expect(throws: MediatorError.profileTooLong) { try bad.validate() }
    }

    @Test("a retired mediator takes no 点单 and is no longer active; an unavailable one takes none either")
    func retiredTakesNoRequests() {
        var mediator = Mediator(
            id: Mediator.ID(3), name: "王建国", organisationID: Self.center, specialties: [.neighbour],
            levels: [.township], languages: ["普通话"], goldMedal: false, available: true, profile: "", userID: nil)
        #expect(mediator.isActive && mediator.takesRequests)
        mediator.retiredAt = Date(timeIntervalSince1970: 1_795_000_000)
        #expect(!mediator.isActive && !mediator.takesRequests)
        mediator.retiredAt = nil
        mediator.available = false
        #expect(mediator.isActive && !mediator.takesRequests)
    }
}
