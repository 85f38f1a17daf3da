import Foundation
import Testing

@testable import FengqiaoCore

@Suite("Hotspot clustering measured on the labelled set")
struct HotspotEvaluationTests {
    @Test("pairwise F1 on the whole labelled set, the tuning half and the held-out half is at least 0.8")
    func quality() throws {
        let set = try HotspotLabelledSet()
        #expect(set.records.count >= 200)
        let hotspots = HotspotClustering.cluster(set.items)
        let gold = set.gold
        let tuning = gold.filter { id, _ in set.records.first { $0.id == id.rawValue }!.time < HotspotLabelledSet.split
        }
        let heldOut = gold.filter { id, _ in tuning[id] == nil }
        let all = HotspotScores(hotspots: hotspots, gold: gold)
        let tuned = HotspotScores(hotspots: hotspots, gold: tuning)
        let held = HotspotScores(hotspots: hotspots, gold: heldOut)
        print("热点聚类 / hotspots, all \(gold.count) reports: \(all)")
        print("热点聚类 / hotspots, tuning half \(tuning.count): \(tuned)")
        print("热点聚类 / hotspots, held-out half \(heldOut.count): \(held)")
        let labels = Dictionary(grouping: set.records, by: { Case.ID($0.id) }).mapValues { $0[0].gold ?? "-" }
        for hotspot in hotspots {
            print(
                "  \(hotspot.keywords.joined(separator: "、")) · \(hotspot.size) · "
                    + hotspot.caseIDs.map { labels[$0]! }.joined(separator: ","))
        }
        #expect(all.f1 >= 0.8)
        #expect(tuned.f1 >= 0.8)
        #expect(held.f1 >= 0.8)
    }

    @Test("adding without naming (the batch paths) makes the same hotspots as inserting one by one")
    func addAgreesWithInsert() throws {
        let set = try HotspotLabelledSet()
        let vocabulary = HotspotVocabulary(texts: set.items.map(\.text))
        var inserted = HotspotIndex(vocabulary: vocabulary)
        var added = HotspotIndex(vocabulary: vocabulary)
        var announced = 0
        for item in set.items.sorted(by: { ($0.time, $0.id) < ($1.time, $1.id) }) {
            if inserted.insert(item).isNewHotspot { announced += 1 }
            added.add(item)
        }
        let one = (inserted.closedHotspots + inserted.hotspots).map { [$0.id] + $0.caseIDs }
        let two = (added.closedHotspots + added.hotspots).map { [$0.id] + $0.caseIDs }
        #expect(!one.isEmpty && one == two)
        #expect(
            (added.closedHotspots + added.hotspots).map(\.keywords)
                == (inserted.closedHotspots + inserted.hotspots).map(\.keywords))
        // A hotspot formed while adding is not announced again when a report joins it later.
        #expect(announced == one.count)
    }

    @Test(
        "parameter sweep on the tuning half (printed only with HOTSPOT_SWEEP=1)",
        .enabled(if: ProcessInfo.processInfo.environment["HOTSPOT_SWEEP"] != nil))
    func sweep() throws {
        let set = try HotspotLabelledSet()
        let gold = set.gold
        let tuning = gold.filter { id, _ in set.records.first { $0.id == id.rawValue }!.time < HotspotLabelledSet.split
        }
        let heldOut = gold.filter { id, _ in tuning[id] == nil }
        for links in [1, 2, 3] {
            for threshold in [0.075, 0.1, 0.125, 0.15] {
                for mean in [0, 0.08, 0.1, 0.12, 0.14] {
                    let parameters = HotspotParameters(
                        similarityThreshold: threshold, minimumLinks: links, minimumMeanSimilarity: mean)
                    let hotspots = HotspotClustering.cluster(set.items, parameters: parameters)
                    let tuned = HotspotScores(hotspots: hotspots, gold: tuning)
                    let held = HotspotScores(hotspots: hotspots, gold: heldOut)
                    print(
                        String(
                            format:
                                "links %d threshold %.3f mean %.2f · tuning P %.3f R %.3f F1 %.3f · held-out P %.3f R %.3f F1 %.3f",
                            links, threshold, mean, tuned.precision, tuned.recall, tuned.f1, held.precision,
                            held.recall, held.f1))
                }
            }
        }
    }
}
