import Foundation

/// Case numbers people read aloud, and tracking codes citizens type.
public enum CaseNumbering {
    /// The tracking-code alphabet: digits and capital letters without 0, O, 1, I and L, which people confuse.
    public static let trackingAlphabet: [Character] = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    /// 10 characters from 31: about 49.5 bits, so codes cannot be guessed.
    public static let trackingCodeLength = 10

    /// `FQ-20261123-000123`: the registration date in China time (UTC+8) and the day's sequence number, padded to
    /// six digits (longer numbers are kept whole).
    public static func number(date: Date, sequence: Int) -> String {
        let (year, month, day) = ChinaTime.civilDate(date)
        let digits = String(max(sequence, 0))
        let padded = String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        return "FQ-\(pad(year, 4))\(pad(month, 2))\(pad(day, 2))-\(padded)"
    }

    /// A fresh tracking code: 10 characters drawn uniformly from `trackingAlphabet`.
    public static func trackingCode(using rng: inout some RandomNumberGenerator) -> String {
        var code = ""
        for _ in 0..<trackingCodeLength {
            code.append(trackingAlphabet[Int.random(in: 0..<trackingAlphabet.count, using: &rng)])
        }
        return code
    }

    /// What a citizen typed, made comparable with a stored code: spaces and hyphens dropped, letters capitalised.
    /// Nil when it cannot be a tracking code.
    public static func normalisedTrackingCode(_ input: String) -> String? {
        let code = String(input.filter { !$0.isWhitespace && $0 != "-" }.uppercased())
        guard code.count == trackingCodeLength, code.allSatisfy(trackingAlphabet.contains) else { return nil }
        return code
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
