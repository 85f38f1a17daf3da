import Foundation

/// How alike two short Chinese texts are, for "this may be a duplicate" suggestions at intake: the Dice
/// coefficient over character bigrams, after dropping punctuation, spaces and case. Chinese has no word breaks,
/// and two reports of the same problem share most of their two-character pieces ("公交", "交车", "晚点"…)
/// whatever the word order, so bigrams work where word matching would not. 0 means nothing shared, 1 the same.
public enum TextSimilarity {
    public static func score(_ a: String, _ b: String) -> Double {
        let left = bigrams(a)
        let right = counts(b)
        guard !left.isEmpty, !right.isEmpty else { return 0 }
        var remaining = right
        var shared = 0
        for gram in left {
            if let count = remaining[gram], count > 0 {
                shared += 1
                remaining[gram] = count - 1
            }
        }
        let total = left.count + right.reduce(0) { $0 + $1.value }
        return Double(2 * shared) / Double(total)
    }

    /// The text's letters and digits, lower-cased, as overlapping pairs (a multiset: pair → count). A text of one
    /// character is that character alone.
    static func bigrams(_ text: String) -> [String] {
        let characters = text.lowercased().filter { $0.isLetter || $0.isNumber }.map { $0 }
        guard characters.count > 1 else { return characters.map { String($0) } }
        return (0..<(characters.count - 1)).map { String(characters[$0]) + String(characters[$0 + 1]) }
    }

    private static func counts(_ text: String) -> [String: Int] {
        bigrams(text).reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }
}

/// Picks the cases that may report the same problem as a new one: similar enough text, ordered by similarity.
public enum DuplicateSuggestions {
    /// The least similarity worth showing: two reports of one problem in different words usually score above it,
    /// unrelated reports in the same place below.
    public static let threshold = 0.3

    public struct Candidate: Sendable, Equatable {
        public var id: Case.ID
        public var text: String
        public init(id: Case.ID, text: String) {
            self.id = id
            self.text = text
        }
    }

    /// The candidates at or above `threshold`, most similar first (ties: the newer, higher id first), at most `limit`.
    public static func rank(_ text: String, among candidates: [Candidate], limit: Int = 5) -> [(Case.ID, Double)] {
        let scored: [(Case.ID, Double)] = candidates.map { ($0.id, TextSimilarity.score(text, $0.text)) }
        let kept = scored.filter { $0.1 >= threshold }
        let sorted = kept.sorted { left, right in
            left.1 != right.1 ? left.1 > right.1 : left.0.rawValue > right.0.rawValue
        }
        return Array(sorted.prefix(limit))
    }
}
