import FengqiaoCore
import Foundation
import Testing

@Suite("Masking personal data")
struct MaskingTests {
    @Test(
        "names keep the family name only",
        arguments: [("张三丰", "张**"), ("张三", "张*"), ("张", "*"), ("", ""), (" 欧阳娜娜 ", "欧***"), ("Li Lei", "L*****")])
    func names(input: String, masked: String) {
        #expect(Masking.name(input) == masked)
    }

    @Test(
        "phone numbers keep the first 3 and last 4 digits of a mobile, the last 4 of a short number",
        arguments: [
            ("13812341234", "138****1234"), ("0571-88881234", "057****1234"), ("88881234", "****1234"),
            ("1234567", "***4567"), ("123", "***"), ("", ""),
        ])
    func phones(input: String, masked: String) {
        #expect(Masking.phone(input) == masked)
    }

    @Test(
        "ID numbers keep the region code and the last 4 characters",
        arguments: [
            ("110101199001011234", "110101********1234"), ("110101900101123", "110101*****1123"),
            ("1101011990", "**********"), ("", ""),
        ])
    func idNumbers(input: String, masked: String) {
        #expect(Masking.idNumber(input) == masked)
    }

    @Test(
        "addresses keep their first 6 characters",
        arguments: [
            ("清溪县桃源镇桃源村3组12号", "清溪县桃源镇****"), ("桃源村3组", "桃源****"), ("村", "****"), ("", ""),
        ])
    func addresses(input: String, masked: String) {
        #expect(Masking.address(input) == masked)
    }

    @Test("a masked party and a case with masked parties hide every personal field")
    func parties() {
        let masked = Fixture.reporter.masked
        #expect(
            masked
                == Party(
                    role: .reporter, name: "张**", phone: "138****1234", idNumber: "110101********1234",
                    address: "清溪县桃源镇****"))
        #expect(Party(role: .other).masked == Party(role: .other))
    }

    @Test("a case can be shown with its parties masked, everything else unchanged")
    func maskedCase() throws {
        let file = try CaseFile()
        let masked = file.current.withPartiesMasked
        #expect(masked.parties.map(\.name) == ["张**", "李*"])
        #expect(masked.parties.map(\.phone) == ["138****1234", "139****1111"])
        var unmasked = masked
        unmasked.parties = file.current.parties
        #expect(unmasked == file.current)
    }
}

@Suite("One masking rule")
struct CaseAsSeenTests {
    @Test("a reader who may not see personal data gets the parties, address and agreement parties masked, once")
    func masked() throws {
        var file = try CaseFile()
        file.current.address = "清溪县桃源镇桃源村3组12号"
        var record = file.current.mediation
        record.agreements = [
            MediationAgreement(
                version: 1,
                draft: AgreementDraft(
                    parties: [
                        AgreementParty(
                            name: "张三丰", role: .reporter, idNumber: "110101199001011234", phone: "13812341234")
                    ],
                    facts: "事实", terms: []),
                draftedAt: Fixture.clock, organisationID: nil, mediatorID: nil)
        ]
        file.current.mediationRecord = record
        let leader = PersonalDataPolicy.view(file.current, for: Fixture.townLeader)
        #expect(!leader.personalDataShown)
        #expect(leader.current.parties.first?.phone == Masking.phone("13812341234"))
        #expect(leader.current.address == Masking.address("清溪县桃源镇桃源村3组12号"))
        let party = try #require(leader.current.mediation.agreements.first?.draft.parties.first)
        #expect(party.name == Masking.name("张三丰") && party.idNumber == Masking.idNumber("110101199001011234"))
        let desk = PersonalDataPolicy.view(file.current, for: Fixture.townDesk)
        #expect(desk.personalDataShown && desk.current == file.current)
    }
}
