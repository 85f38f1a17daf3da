import Testing

@testable import FengqiaoCore

@Suite("Duplicate suggestions by text similarity")
struct TextSimilarityTests {
    @Test("the same text scores 1, texts with nothing in common 0, punctuation and spaces are ignored")
    func bounds() {
        #expect(TextSimilarity.score("公交车晚点", "公交车晚点") == 1)
        #expect(TextSimilarity.score("公交车晚点", "邻居装修噪音") == 0)
        #expect(TextSimilarity.score("公交 车，晚点！", "公交车晚点") == 1)
        #expect(TextSimilarity.score("", "公交车晚点") == 0)
    }

    @Test("bigrams are counted as a multiset: a repeated pair matches only as often as it occurs on both sides")
    func multiset() {
        // 哈哈哈 has the pair 哈哈 twice, 哈哈 once: 2 × 1 shared / (2 + 1).
        #expect(abs(TextSimilarity.score("哈哈哈", "哈哈") - 2.0 / 3.0) < 1e-9)
        #expect(TextSimilarity.bigrams("Ab1") == ["ab", "b1"])
    }

    @Test("two reports of one bus-line problem in other words are suggested; an unrelated report is not")
    func suggestions() {
        let candidates = [
            DuplicateSuggestions.Candidate(id: Case.ID(1), text: "8路公交车早高峰间隔太长，等车四十分钟"),
            DuplicateSuggestions.Candidate(id: Case.ID(2), text: "楼上邻居深夜装修噪音扰民"),
            DuplicateSuggestions.Candidate(id: Case.ID(3), text: "早高峰8路公交间隔太长"),
        ]
        let ranked = DuplicateSuggestions.rank("8路公交早高峰等车间隔太长", among: candidates)
        #expect(ranked.map(\.0) == [Case.ID(3), Case.ID(1)])
        #expect(ranked.allSatisfy { $0.1 >= DuplicateSuggestions.threshold })
        #expect(DuplicateSuggestions.rank("8路公交早高峰等车间隔太长", among: candidates, limit: 1).count == 1)
    }
}
