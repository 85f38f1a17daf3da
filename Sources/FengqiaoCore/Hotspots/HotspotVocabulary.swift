import Foundation

/// How common each feature (pair or token) is in a body of reports, for weighting: a pair that half of all reports
/// contain ("公交" in a city, "工资" in a county of building sites) says less about a topic than one that few do
/// ("剧院"). Learned from the reports being clustered, or from a background such as last year's cases, and then
/// held fixed, so that adding one case never re-weights the others (and the incremental index and the batch agree).
public struct HotspotVocabulary: Sendable, Hashable, Codable {
    public private(set) var documentCount: Int
    public private(set) var documentFrequency: [String: Int]

    public init(documentCount: Int = 0, documentFrequency: [String: Int] = [:]) {
        self.documentCount = documentCount
        self.documentFrequency = documentFrequency
    }

    /// Learned from these texts.
    public init(texts: some Sequence<String>) {
        self.init()
        for text in texts { add(text) }
    }

    public mutating func add(_ text: String) {
        documentCount += 1
        for feature in HotspotText.features(text, unigrams: true) {
            documentFrequency[feature, default: 0] += 1
        }
    }

    /// The inverse document frequency (the BM25 form): about ln(N) for a feature never seen, falling towards 0
    /// as the feature appears in more of the reports, never below 0.01.
    public func weight(_ feature: String) -> Double {
        let frequency = Double(documentFrequency[feature] ?? 0)
        let count = Double(documentCount)
        let ratio = max(count - frequency + 0.5, 0) / (frequency + 0.5)
        return max(log(1 + ratio), 0.01)
    }
}
