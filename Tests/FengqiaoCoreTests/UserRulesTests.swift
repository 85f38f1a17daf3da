import Foundation
import Testing

@testable import FengqiaoCore

@Suite("Accounts")
struct UserRulesTests {
    @Test(
        "usernames start with a letter and use only letters, digits and . _ -",
        arguments: [
            ("qingxi.grid", true), ("a", false), ("9abc", false), ("张三", false), ("has space", false),
            ("ok_name-2", true),
        ])
    func usernames(name: String, valid: Bool) {
        #expect(((try? UserRules.validateUsername(name)) != nil) == valid)
    }

    @Test(
        "passwords need 10 characters to 72 bytes mixing letters with digits or symbols, and are not common",
        arguments: [
            ("Qingxi-Grid-7", true), ("short1", false), ("shorter12", false), ("onlyletters", false),
            ("1234567890", false), ("密码是abc123456", true), ("Fengqiao2026", false), ("Password123", false),
            ("woaini1314", false),
            // 24 Chinese characters and a digit: 73 bytes, past bcrypt's 72.
            (String(repeating: "调", count: 24) + "1", false), (String(repeating: "调", count: 23) + "1", true),
        ])
    func passwords(password: String, valid: Bool) {
        #expect(((try? UserRules.validatePassword(password)) != nil) == valid)
    }

    @Test("a password bcrypt would cut is refused by name, not accepted with another tail")
    func tooLongForBcrypt() {
        // Probed: a 31-character Chinese password (93 bytes) signed in with a different tail.
        #expect(throws: UserError.passwordTooLong) {
            try UserRules.validatePassword(String(repeating: "枫桥经验", count: 7) + "调解员1")
        }
        #expect(throws: UserError.commonPassword) { try UserRules.validatePassword("FENGQIAO2026") }
    }

    @Test("a new user needs a role and a display name")
    func newUser() {
        #expect(throws: UserError.noRole) { try NewUser(username: "abc", displayName: "王五", grants: []).validate() }
        let grant = RoleGrant(role: .leader, organisationID: 1, jurisdictionID: 1)
        #expect(throws: UserError.invalidDisplayName) {
            try NewUser(username: "abc", displayName: " ", grants: [grant]).validate()
        }
    }

    @Test("stored dispute-type lists survive unknown entries")
    func disputeTypeLists() {
        #expect(DisputeType.list(from: "neighbour,retired,medical") == [.neighbour, .medical])
        #expect(DisputeType.stored([.land, .forest]) == "land,forest")
        #expect(DisputeType.list(from: "").isEmpty)
    }

    @Test("identifiers of different kinds are different types and encode as plain numbers")
    func identifiers() throws {
        let id: User.ID = 42
        #expect(String(decoding: try JSONEncoder().encode(id), as: UTF8.self) == "42")
        #expect(try JSONDecoder().decode(User.ID.self, from: Data("42".utf8)) == id)
    }

    @Test("the deterministic generator repeats itself for the same seed")
    func deterministicRandom() {
        var a = DeterministicRandom(seed: 7)
        var b = DeterministicRandom(seed: 7)
        var c = DeterministicRandom(seed: 8)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
    }
}
