import Foundation

/// The words that characterise a cluster: pieces frequent in its reports and rare in the rest, with overlapping
/// pairs joined back into the words people wrote ("甘肃", "肃大", "大剧", "剧院" → "甘肃大剧院").
public enum HotspotKeywords {
    /// Up to `limit` keywords for the reports `texts`, weighted by `vocabulary` (how common each piece is overall).
    ///
    /// 1. A piece (pair or token) is a candidate when at least `max(2, 40 %)` of the reports contain it.
    /// 2. In each report, consecutive candidate pairs are joined into a word: a run of pairs at positions i, i+1…
    ///    gives the characters i…end. Tokens ("149路") are words of their own.
    /// 3. A word scores (reports containing it) × (the sum of its pieces' weights): common in the cluster, rare
    ///    elsewhere, and a longer name beats its own fragment.
    /// 4. Best first; a word inside an already chosen one is skipped (unless it is one character shorter and as
    ///    common: "甘肃大剧院" over "甘肃大剧院站"), and a word that contains a chosen one and is two or more
    ///    characters longer replaces it when at least half as many reports contain it ("甘肃大剧院" over "大剧院").
    public static func extract(
        _ texts: [String], vocabulary: HotspotVocabulary, tokenBoost: Double = 2, limit: Int = 5
    )
        -> [String]
    {
        guard !texts.isEmpty else { return [] }
        let segmented = texts.map { HotspotText.segments($0) }
        var reportCount: [String: Int] = [:]
        for segments in segmented {
            var features = Set<String>()
            for segment in segments { features.formUnion(HotspotText.features(of: segment)) }
            for feature in features { reportCount[feature, default: 0] += 1 }
        }
        let least = max(2, Int((0.4 * Double(texts.count)).rounded(.up)))
        let candidates = Set(reportCount.filter { $0.value >= least }.keys)

        // words and their pieces, from the runs of candidate pairs in each report
        var words: [String: [String]] = [:]
        for segments in segmented {
            for segment in segments {
                switch segment {
                case .token(let token):
                    if candidates.contains(token) { words[token] = [token] }
                case .han(let characters):
                    let pairs = HotspotText.bigrams(characters)
                    var start: Int?
                    for position in 0...pairs.count {
                        let selected = position < pairs.count && pairs[position].map(candidates.contains) == true
                        if selected, start == nil { start = position }
                        if !selected, let first = start {
                            let word = String(characters[first...position])
                            words[word] = pairs[first..<position].compactMap { $0 }
                            start = nil
                        }
                    }
                }
            }
        }

        let normalised = texts.map { HotspotText.normalise($0) }
        func support(_ word: String) -> Int {
            if let count = reportCount[word] { return count }  // a token: counted as a piece
            return normalised.count { $0.contains(word) }
        }
        let scored: [(word: String, support: Int, score: Double)] = words.map { word, pieces in
            let isToken = pieces == [word]
            let weight = pieces.reduce(0.0) { $0 + vocabulary.weight($1) } * (isToken ? tokenBoost : 1)
            let count = support(word)
            return (word, count, Double(count) * weight)
        }
        .sorted { $0.score != $1.score ? $0.score > $1.score : $0.word < $1.word }

        var chosen: [(word: String, support: Int)] = []
        for candidate in scored {
            if let index = chosen.firstIndex(where: { $0.word.contains(candidate.word) }) {
                // one character less and as common: the shorter is the name ("甘肃大剧院", not "甘肃大剧院站")
                let longer = chosen[index]
                if longer.word.count == candidate.word.count + 1, candidate.support >= longer.support {
                    chosen[index] = (candidate.word, candidate.support)
                }
                continue
            }
            let fragments = [String(candidate.word.dropLast()), String(candidate.word.dropFirst())]
            if candidate.word.count >= 3,
                chosen.contains(where: { word in fragments.contains { word.word.contains($0) } })
            {
                continue  // a chosen word plus a character ("大剧院站" beside "甘肃大剧院")
            }
            if let index = chosen.firstIndex(where: { candidate.word.contains($0.word) }) {
                // a longer name for a chosen word, two characters or more longer and half as common
                let shorter = chosen[index]
                if candidate.word.count >= shorter.word.count + 2, 2 * candidate.support >= shorter.support {
                    chosen[index] = (candidate.word, candidate.support)
                    chosen.removeAll { $0.word != candidate.word && candidate.word.contains($0.word) }
                }
                continue
            }
            chosen.append((candidate.word, candidate.support))
            if chosen.count == limit { break }
        }
        return chosen.map(\.word)
    }
}
