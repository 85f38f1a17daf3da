import Foundation

@testable import FengqiaoCore

/// The labelled set of Tests/Fixtures/hotspots-labelled.json: 231 reports written as citizens, grid workers and
/// hotline operators write them, from one fictional district in June and July 2026, each with the hotspot it
/// belongs to (`gold`) or none.
struct HotspotLabelledSet {
    struct Record: Decodable {
        var id: Int64
        var time: Date
        var channel: Channel
        var reporter: String?
        var township: String
        var village: String
        var grid: String
        var latitude: Double?
        var longitude: Double?
        var gold: String?
        var text: String

        var item: HotspotItem {
            HotspotItem(
                id: Case.ID(id), text: text, reporter: reporter, channel: channel,
                place: HotspotPlace(
                    township: township, village: village, grid: grid, latitude: latitude, longitude: longitude),
                time: time)
        }
    }

    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/hotspots-labelled.json")

    /// Reports before this moment are the tuning half, the others the held-out half.
    static let split = ISO8601DateFormatter().date(from: "2026-06-22T00:00:00+08:00")!

    let records: [Record]

    init() throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        records = try decoder.decode([Record].self, from: Data(contentsOf: Self.file))
    }

    var items: [HotspotItem] { records.map(\.item) }
    var gold: [Case.ID: String?] { Dictionary(uniqueKeysWithValues: records.map { (Case.ID($0.id), $0.gold) }) }
}

/// Pairwise and B-cubed precision, recall and F1 of predicted hotspots against gold labels.
struct HotspotScores: CustomStringConvertible {
    var precision: Double
    var recall: Double
    var f1: Double
    var bCubedPrecision: Double
    var bCubedRecall: Double
    var bCubedF1: Double
    var predictedPairs: Int
    var goldPairs: Int

    /// Over the cases in `gold` only: a pair counts as predicted when both cases are in one hotspot, as gold when
    /// both carry the same label. B-cubed treats a case outside every hotspot (or without a label) as alone.
    init(hotspots: [Hotspot], gold: [Case.ID: String?]) {
        var predicted: [Case.ID: Int] = [:]
        for (index, hotspot) in hotspots.enumerated() {
            for id in hotspot.caseIDs where gold[id] != nil { predicted[id] = index }
        }
        let ids = gold.keys.sorted()
        var both = 0
        var predictedPairs = 0
        var goldPairs = 0
        for (position, first) in ids.enumerated() {
            for second in ids[(position + 1)...] {
                let isPredicted = predicted[first] != nil && predicted[first] == predicted[second]
                let isGold = gold[first]! != nil && gold[first]! == gold[second]!
                if isPredicted { predictedPairs += 1 }
                if isGold { goldPairs += 1 }
                if isPredicted && isGold { both += 1 }
            }
        }
        precision = predictedPairs == 0 ? 1 : Double(both) / Double(predictedPairs)
        recall = goldPairs == 0 ? 1 : Double(both) / Double(goldPairs)
        f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        self.predictedPairs = predictedPairs
        self.goldPairs = goldPairs

        var predictedGroups: [Int: [Case.ID]] = [:]
        for (id, group) in predicted { predictedGroups[group, default: []].append(id) }
        var goldGroups: [String: [Case.ID]] = [:]
        for (id, label) in gold { if let label { goldGroups[label, default: []].append(id) } }
        var sumPrecision = 0.0
        var sumRecall = 0.0
        for id in ids {
            let predictedGroup = Set(predicted[id].map { predictedGroups[$0]! } ?? [id])
            let goldGroup = Set(gold[id]!.map { goldGroups[$0]! } ?? [id])
            let shared = Double(predictedGroup.intersection(goldGroup).count)
            sumPrecision += shared / Double(predictedGroup.count)
            sumRecall += shared / Double(goldGroup.count)
        }
        bCubedPrecision = sumPrecision / Double(ids.count)
        bCubedRecall = sumRecall / Double(ids.count)
        bCubedF1 = 2 * bCubedPrecision * bCubedRecall / (bCubedPrecision + bCubedRecall)
    }

    var description: String {
        String(
            format: "pairs P %.3f R %.3f F1 %.3f (%d predicted, %d gold) · B-cubed P %.3f R %.3f F1 %.3f", precision,
            recall, f1, predictedPairs, goldPairs, bCubedPrecision, bCubedRecall, bCubedF1)
    }
}
