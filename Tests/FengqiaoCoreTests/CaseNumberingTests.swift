import FengqiaoCore
import Foundation
import Testing

@Suite("Case numbers and tracking codes")
struct CaseNumberingTests {
    @Test("case numbers read FQ-date-sequence, with the date as the calendar shows it in China (UTC+8)")
    func numbers() {
        let midnightInChina = Date(timeIntervalSince1970: 1_795_363_200)
        #expect(CaseNumbering.number(date: midnightInChina, sequence: 123) == "FQ-20261123-000123")
        #expect(CaseNumbering.number(date: midnightInChina - 1, sequence: 1) == "FQ-20261122-000001")
        #expect(
            CaseNumbering.number(date: Date(timeIntervalSince1970: 951_825_600), sequence: 999_999)
                == "FQ-20000229-999999")
        #expect(CaseNumbering.number(date: midnightInChina, sequence: 1_234_567) == "FQ-20261123-1234567")
        #expect(CaseNumbering.number(date: Date(timeIntervalSince1970: -28_801), sequence: 0) == "FQ-19691231-000000")
        #expect(CaseNumbering.number(date: Date(timeIntervalSince1970: -28_800), sequence: 0) == "FQ-19700101-000000")
    }

    @Test("the civil date agrees with the calendar on every day of a leap cycle")
    func civilDates() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        var date = Date(timeIntervalSince1970: 946_684_800)
        for _ in 0..<(4 * 366) {
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let civil = ChinaTime.civilDate(date)
            #expect(civil.year == parts.year && civil.month == parts.month && civil.day == parts.day)
            date += 86_400 + 3_600
        }
    }

    @Test("tracking codes: 10 characters without 0, O, 1, I or L, different every time, the same for the same seed")
    func trackingCodes() {
        var rng = DeterministicRandom(seed: 1)
        var codes = Set<String>()
        for _ in 0..<10_000 {
            let code = CaseNumbering.trackingCode(using: &rng)
            #expect(code.count == 10)
            #expect(!code.contains { "0O1IL".contains($0) })
            #expect(code.allSatisfy { CaseNumbering.trackingAlphabet.contains($0) })
            codes.insert(code)
        }
        #expect(codes.count == 10_000)
        #expect(CaseNumbering.trackingAlphabet.count == 31)
        var again = DeterministicRandom(seed: 1)
        var first = DeterministicRandom(seed: 1)
        #expect(CaseNumbering.trackingCode(using: &again) == CaseNumbering.trackingCode(using: &first))
        var system = SystemRandomNumberGenerator()
        #expect(CaseNumbering.trackingCode(using: &system).count == 10)
    }

    @Test("what a citizen types is normalised before comparing: case, spaces and hyphens do not matter")
    func normalise() {
        #expect(CaseNumbering.normalisedTrackingCode("abcde-fgh23") == "ABCDEFGH23")
        #expect(CaseNumbering.normalisedTrackingCode(" ABCDE FGH23 ") == "ABCDEFGH23")
        #expect(CaseNumbering.normalisedTrackingCode("ABCDEFGH2") == nil)
        #expect(CaseNumbering.normalisedTrackingCode("ABCDEFGH20") == nil)
    }
}
