import FengqiaoCore
import Foundation
import Testing

@Suite("Intake validation")
struct IntakeTests {
    typealias F = Fixture

    private func problem(_ change: (inout Intake) -> Void) -> IntakeProblem? {
        var intake = F.intake()
        change(&intake)
        do throws(CaseError) {
            try intake.validate()
            return nil
        } catch {
            guard case .invalidIntake(let problem) = error else {
                Issue.record("unexpected \(error)")
                return nil
            }
            #expect(!error.message.zh.isEmpty && !error.message.en.isEmpty && error.code == "case.invalid_intake")
            return problem
        }
    }

    @Test("the fixture intake is valid, and so is an anonymous report without any party")
    func valid() throws {
        try F.intake().validate()
        try F.intake(anonymous: true, parties: []).validate()
    }

    @Test("title 1–100 and description 1–4,000 characters, counted as characters of Chinese text")
    func lengths() {
        #expect(problem { $0.title = "" } == .title)
        #expect(problem { $0.title = "　\n" } == .title)
        #expect(problem { $0.title = String(repeating: "纠", count: 100) } == nil)
        #expect(problem { $0.title = String(repeating: "纠", count: 101) } == .title)
        #expect(problem { $0.description = String(repeating: "纷", count: 4000) } == nil)
        #expect(problem { $0.description = String(repeating: "纷", count: 4001) } == .description)
        #expect(problem { $0.description = " " } == .description)
        #expect(problem { $0.address = String(repeating: "路", count: 201) } == .address)
        #expect(problem { $0.sourceReference = String(repeating: "1", count: 101) } == .sourceReference)
        #expect(problem { $0.categoryCode = "has space" } == .categoryCode)
    }

    @Test("latitude and longitude come together and in range")
    func coordinates() {
        #expect(
            problem {
                $0.latitude = nil; $0.longitude = nil
            } == nil)
        #expect(problem { $0.latitude = nil } == .coordinates)
        #expect(problem { $0.latitude = 90.5 } == .coordinates)
        #expect(problem { $0.longitude = -180.1 } == .coordinates)
        #expect(problem { $0.latitude = .nan } == .coordinates)
        #expect(
            problem {
                $0.latitude = -90; $0.longitude = 180
            } == nil)
    }

    @Test("a named report needs a reporter with a name or a phone; an anonymous one needs none")
    func reporter() {
        #expect(problem { $0.parties = [F.neighbour] } == .reporterRequired)
        #expect(problem { $0.parties = [Party(role: .reporter, name: " ")] } == .reporterRequired)
        #expect(problem { $0.parties = [Party(role: .reporter, phone: "13812341234")] } == nil)
        #expect(problem { $0.parties = [Party(role: .reporter, name: "王五")] } == nil)
        #expect(
            problem {
                $0.parties = [F.neighbour]; $0.anonymous = true
            } == nil)
        #expect(problem { $0.parties = Array(repeating: F.reporter, count: 21) } == .tooManyParties)
        #expect(problem { $0.parties = Array(repeating: F.reporter, count: 20) } == nil)
    }

    @Test(
        "phone numbers are 7 to 20 digits, with a leading + and hyphens allowed",
        arguments: [
            ("13812341234", true), ("0571-88881234", true), ("+86-138-1234-1234", true), ("1234567", true),
            ("123456", false), ("138 1234 1234", false), ("1381234123x", false), ("86+13812341234", false),
            ("---------", false), (String(repeating: "1", count: 21), false),
        ])
    func phones(phone: String, valid: Bool) {
        #expect(CaseRules.isPhoneNumber(phone) == valid)
        #expect((problem { $0.parties[1].phone = phone } == nil) == valid)
    }

    @Test(
        "ID numbers are 15 digits, or 17 digits and a digit or X",
        arguments: [
            ("110101199001011234", true), ("11010119900101123X", true), ("11010119900101123x", true),
            ("110101900101123", true), ("1101011990010112345", false), ("11010119900101123Y", false),
            ("X10101199001011234", false), ("11010119900101", false),
        ])
    func idNumbers(idNumber: String, valid: Bool) {
        #expect(CaseRules.isIDNumber(idNumber) == valid)
    }

    @Test("a party's problem names the party by position, never repeats the personal data")
    func partyProblems() {
        let phone = problem { $0.parties[1].phone = "12" }
        #expect(phone == .phone(party: 2))
        #expect(phone?.field == "parties[1].phone")
        #expect(phone.map { !$0.message.zh.contains("12") || $0.message.zh.contains("第2位") } == true)
        let idNumber = problem { $0.parties[0].idNumber = "1234567890" }
        #expect(idNumber == .idNumber(party: 1))
        #expect(idNumber?.message.zh.contains("1234567890") == false)
        #expect(problem { $0.parties[0].name = String(repeating: "名", count: 51) } == .partyName(party: 1))
        #expect(problem { $0.parties[0].address = String(repeating: "址", count: 201) } == .partyAddress(party: 1))
    }

    @Test("attachments: JPEG, PNG, WebP or PDF, 1 byte to 10 MiB, with a SHA-256 in hex, at most 20")
    func attachments() {
        let hash = String(repeating: "0f", count: 32)
        func with(_ attachment: Attachment) -> IntakeProblem? { problem { $0.attachments = [attachment] } }
        for type in ["image/jpeg", "image/png", "image/webp", "application/pdf", "IMAGE/PNG"] {
            #expect(with(Attachment(fileName: "a", contentType: type, size: 1, sha256: hash)) == nil)
        }
        #expect(
            with(Attachment(fileName: "a.gif", contentType: "image/gif", size: 1, sha256: hash))
                == .attachmentType(fileName: "a.gif", contentType: "image/gif"))
        #expect(
            with(Attachment(fileName: "a.exe", contentType: "application/octet-stream", size: 1, sha256: hash)) != nil)
        #expect(
            with(Attachment(fileName: "big.pdf", contentType: "application/pdf", size: 10 * 1024 * 1024, sha256: hash))
                == nil)
        #expect(
            with(
                Attachment(
                    fileName: "big.pdf", contentType: "application/pdf", size: 10 * 1024 * 1024 + 1, sha256: hash))
                == .attachmentSize(fileName: "big.pdf"))
        #expect(with(Attachment(fileName: "e.pdf", contentType: "application/pdf", size: 0, sha256: hash)) != nil)
        #expect(
            with(Attachment(fileName: "x.png", contentType: "image/png", size: 5, sha256: String(hash.uppercased())))
                == .attachmentChecksum(fileName: "x.png"))
        #expect(
            with(Attachment(fileName: "x.png", contentType: "image/png", size: 5, sha256: "abc"))
                == .attachmentChecksum(fileName: "x.png"))
        #expect(
            with(Attachment(fileName: "../x.png", contentType: "image/png", size: 5, sha256: hash)) == .attachmentName)
        #expect(with(Attachment(fileName: " ", contentType: "image/png", size: 5, sha256: hash)) == .attachmentName)
        let many = Array(
            repeating: Attachment(fileName: "a.png", contentType: "image/png", size: 5, sha256: hash), count: 21)
        #expect(problem { $0.attachments = many } == .tooManyAttachments)
    }
}
