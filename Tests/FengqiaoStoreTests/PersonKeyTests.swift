import FengqiaoCore
import Foundation
import Testing

@testable import FengqiaoStore

@Suite("Person keys")
struct PersonKeyTests {
    let key = PersonKey(secret: "a secret")

    @Test("one person written differently gets the same keys; the clear value is not the key")
    func samePerson() {
        let first = key.person(idNumber: "11010519491231002x", phone: "+86 139-1234-5678")
        let second = key.person(idNumber: " 110105 19491231 002X", phone: "13912345678")
        #expect(first == second)
        #expect(first.count == 2)
        #expect(first.allSatisfy { $0.count == 64 && !$0.contains("13912345678") })
        #expect(key.person(idNumber: nil, phone: nil).isEmpty)
        #expect(key.person(idNumber: "not an id", phone: "12") == [])
    }

    @Test("another secret gives other keys, so a stolen table cannot be matched against guesses")
    func keyed() {
        let other = PersonKey(secret: "another secret")
        #expect(key.person(idNumber: nil, phone: "13912345678") != other.person(idNumber: nil, phone: "13912345678"))
        #expect(key.hash("phone:13912345678") != key.hash("phone:13912345679"))
    }

    @Test("a household is its address within its grid, Chinese numerals before units made digits")
    func household() {
        let a = key.household(address: "东风村三组 12 号", gridCode: "G1")
        #expect(a != nil)
        #expect(a == key.household(address: "东风村3组１２号", gridCode: "G1"))
        #expect(a != key.household(address: "东风村三组12号", gridCode: "G2"))
        #expect(key.household(address: "  ", gridCode: "G1") == nil)
        #expect(key.household(address: nil, gridCode: "G1") == nil)
    }
}

@Suite("Hex")
struct HexTests {
    @Test("bytes as lower-case hexadecimal, two digits each")
    func hex() {
        #expect(Hex.lowercase([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(Hex.lowercase([UInt8]()) == "")
    }
}
