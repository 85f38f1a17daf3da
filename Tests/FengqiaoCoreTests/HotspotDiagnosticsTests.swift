import Foundation
import Testing

@testable import FengqiaoCore

@Suite("Hotspot diagnostics")
struct HotspotDiagnosticsTests {
    @Test("diagnostics", .enabled(if: ProcessInfo.processInfo.environment["HOTSPOT_DIAG"] != nil))
    func diagnostics() throws {
        let set = try HotspotLabelledSet()
        let vocabulary = HotspotVocabulary(texts: set.items.map(\.text))
        var index = HotspotIndex(vocabulary: vocabulary)
        let items = set.items.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
        var updates: [Case.ID: HotspotUpdate] = [:]
        for item in items { updates[item.id] = index.insert(item) }
        let byID = Dictionary(uniqueKeysWithValues: set.records.map { (Case.ID($0.id), $0) })
        let hotspots = HotspotClustering.cluster(set.items)
        for hotspot in hotspots {
            let labels = hotspot.caseIDs.map { byID[$0]!.gold ?? "-" }
            let majority = Dictionary(grouping: labels, by: { $0 }).max { $0.value.count < $1.value.count }!.key
            for id in hotspot.caseIDs where byID[id]!.gold != majority {
                let sims = hotspot.caseIDs.filter { $0 != id }.map {
                    String(format: "%.2f", index.similarity(byID[id]!.text, byID[$0]!.text))
                }
                print("INTRUDER in \(majority): \(byID[id]!.text.prefix(30)) sims \(sims)")
            }
        }
        let grouped = Dictionary(grouping: set.records.filter { $0.gold != nil }, by: { $0.gold! })
        for (label, records) in grouped.sorted(by: { $0.key < $1.key }) {
            let ids = records.map { Case.ID($0.id) }
            var rows: [String] = []
            for a in ids {
                rows.append(
                    ids.map { b in
                        a == b ? "  -  " : String(format: "%.2f ", index.similarity(byID[a]!.text, byID[b]!.text))
                    }
                    .joined())
            }
            let clusterIDs = ids.map { updates[$0]!.clusterID.rawValue }
            print("GOLD \(label) clusters \(clusterIDs)\n" + rows.joined(separator: "\n"))
        }
    }
}
