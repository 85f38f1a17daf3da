import Foundation
import Testing

@testable import FengqiaoCore

@Suite("Hotspot index: link rule, clusters, not related, incremental equals batch")
struct HotspotIndexTests {
    static let start = ISO8601DateFormatter().date(from: "2026-06-02T08:00:00+08:00")!
    static let yanTan = HotspotPlace(township: "620102010", village: "620102010001")
    static let dongGang = HotspotPlace(township: "620102012", village: "620102012001")

    static let bus = [
        "149路早高峰等了四十分钟，甘肃大剧院站挤满了人，发车间隔太长",
        "甘肃大剧院站149路公交早上一直不来车，间隔太长",
        "早上149路公交车间隔长，甘肃大剧院到新港城十字堵车",
        "149路公交早高峰发车间隔过长，甘肃大剧院站候车的人很多",
    ]

    static func item(
        _ id: Int64, _ text: String, hours: Double = 0, reporter: String? = nil, place: HotspotPlace = yanTan,
        channel: Channel = .hotline12345
    ) -> HotspotItem {
        HotspotItem(
            id: Case.ID(id), text: text, reporter: reporter ?? "p\(id)", channel: channel, place: place,
            time: start.addingTimeInterval(hours * 3600))
    }

    static let background = HotspotVocabulary(
        texts: bus + [
            "楼上邻居装修噪音", "小区停水三天", "58路司机态度差", "工地拖欠工资", "养猪场臭味", "路灯不亮", "电梯困人",
            "垃圾没人清运", "烧烤油烟扰民", "共享单车乱停乱放", "甘肃大剧院门口黄牛倒票", "停电一整天",
        ])

    static func index(_ parameters: HotspotParameters = .standard) -> HotspotIndex {
        HotspotIndex(parameters: parameters, vocabulary: background)
    }

    @Test("three reports of one bus line from three channels and two villages become one hotspot, told once")
    func busLine() {
        var index = Self.index()
        let channels: [Channel] = [.hotline12345, .citizenReport, .gridWorker]
        let places = [
            Self.yanTan, HotspotPlace(township: "620102010", village: "620102010002"), Self.yanTan,
        ]
        var updates: [HotspotUpdate] = []
        for position in 0..<3 {
            updates.append(
                index.insert(
                    Self.item(
                        Int64(position + 1), Self.bus[position], hours: Double(position), place: places[position],
                        channel: channels[position])))
        }
        #expect(updates.map(\.isNewHotspot) == [false, false, true])
        let hotspot = try! #require(updates[2].hotspot)
        #expect(hotspot.caseIDs == [1, 2, 3])
        #expect(Set(hotspot.channels) == Set(channels))
        #expect(hotspot.villages.count == 2)
        #expect(hotspot.keywords.contains("149路"))
        #expect(hotspot.keywords.contains("甘肃大剧院"))
        let fourth = index.insert(Self.item(4, Self.bus[3], hours: 4))
        #expect(fourth.hotspot?.size == 4)
        #expect(!fourth.isNewHotspot)
        #expect(index.hotspots.count == 1)
    }

    @Test("inserting the same case again (a retry) neither duplicates it nor announces the hotspot again")
    func retry() {
        var index = Self.index()
        for position in 0..<3 {
            index.insert(Self.item(Int64(position + 1), Self.bus[position], hours: Double(position)))
        }
        let again = index.insert(Self.item(3, Self.bus[2], hours: 2))
        #expect(!again.isNewHotspot)
        #expect(again.hotspot?.caseIDs == [1, 2, 3])
        #expect(index.indexedCount == 3)
    }

    @Test("the time window: the same report 73 hours later is not linked, 71 hours later it is")
    func timeWindow() {
        var index = Self.index()
        index.insert(Self.item(1, Self.bus[0]))
        #expect(index.insert(Self.item(2, Self.bus[1], hours: 73)).linkedCaseIDs.isEmpty)
        var other = Self.index()
        other.insert(Self.item(1, Self.bus[0]))
        #expect(other.insert(Self.item(2, Self.bus[1], hours: 71)).linkedCaseIDs == [1])
    }

    @Test("the place rule: same township; other townships only within the radius or on the same line")
    func placeRule() {
        let far = HotspotPlace(township: "620102203", latitude: 36.15, longitude: 104.10)
        let near = HotspotPlace(township: "620102011", latitude: 36.071, longitude: 103.881)
        let here = HotspotPlace(township: "620102010", latitude: 36.070, longitude: 103.880)
        #expect(HotspotIndex.isClose(here, HotspotPlace(township: "620102010"), radius: 3))
        #expect(HotspotIndex.isClose(here, near, radius: 3))
        #expect(!HotspotIndex.isClose(here, far, radius: 3))
        #expect(!HotspotIndex.isClose(Self.yanTan, Self.dongGang, radius: 3))
        #expect(HotspotIndex.isClose(Self.yanTan, HotspotPlace(township: nil), radius: 3))

        // a water pipe in another township is another pipe
        var index = Self.index()
        index.insert(Self.item(1, "自来水管爆了，路面全是水", place: Self.yanTan))
        #expect(index.insert(Self.item(2, "自来水管爆了，路上都是水", hours: 1, place: Self.dongGang)).linkedCaseIDs.isEmpty)
        // a bus line runs through both
        var line = Self.index()
        line.insert(Self.item(1, Self.bus[0], place: Self.yanTan))
        #expect(line.insert(Self.item(2, Self.bus[1], hours: 1, place: far)).linkedCaseIDs == [1])
    }

    @Test("one reporter three times is a cluster but not a hotspot; three anonymous reports are three reporters")
    func reporters() {
        var index = Self.index()
        for position in 0..<3 {
            index.insert(Self.item(Int64(position + 1), Self.bus[position], hours: Double(position), reporter: "same"))
        }
        #expect(index.hotspots.isEmpty)
        #expect(index.insert(Self.item(4, Self.bus[3], hours: 4, reporter: "other")).hotspot?.reporterCount == 2)

        var anonymous = Self.index()
        for position in 0..<3 {
            anonymous.insert(
                HotspotItem(
                    id: Case.ID(Int64(position + 1)), text: Self.bus[position], reporter: nil, channel: .citizenReport,
                    place: Self.yanTan, time: Self.start.addingTimeInterval(Double(position) * 3600)))
        }
        #expect(anonymous.hotspots.first?.reporterCount == 3)
    }

    @Test("no chaining: A–B, B–C, C–D each share words, but A and D share none, so D does not join")
    func noChaining() {
        var index = Self.index()
        index.insert(Self.item(1, "甘肃大剧院门口黄牛倒票"))
        index.insert(Self.item(2, "甘肃大剧院门口黄牛倒票，149路公交站也有人拉客", hours: 1))
        index.insert(Self.item(3, "149路公交站有人拉客，公交早高峰间隔太长", hours: 2))
        let update = index.insert(Self.item(4, "公交早高峰间隔太长，等车四十分钟", hours: 3))
        #expect(update.clusterID != 1)
    }

    @Test("not related: the desk's marking dissolves the hotspot, is remembered, and a batch honours it")
    func notRelated() {
        var index = Self.index()
        let items = (0..<4).map { Self.item(Int64($0 + 1), Self.bus[$0], hours: Double($0)) }
        for item in items { index.insert(item) }
        let hotspot = try! #require(index.hotspots.first)
        index.markNotRelated(hotspot.caseIDs)
        #expect(index.hotspots.isEmpty)
        #expect(index.exclusions.areUnrelated(1, 4))
        let batch = HotspotClustering.cluster(items, vocabulary: Self.background, exclusions: index.exclusions)
        #expect(batch.isEmpty)
        // a new report may still join one of them, but never two of them together
        let fifth = index.insert(Self.item(5, Self.bus[0], hours: 5))
        #expect(fifth.hotspot == nil)
    }

    @Test("a case taken out of its hotspot joins no cluster again; the rest stays a hotspot")
    func exclude() {
        var index = Self.index()
        for position in 0..<4 {
            index.insert(Self.item(Int64(position + 1), Self.bus[position], hours: Double(position)))
        }
        index.exclude(2)
        let hotspot = try! #require(index.hotspots.first)
        #expect(hotspot.caseIDs == [1, 3, 4])
        #expect(index.hotspot(containing: 2) == nil)
    }

    @Test("incremental equals batch on the labelled set: inserting one by one gives the batch's hotspots")
    func incrementalEqualsBatch() throws {
        let set = try HotspotLabelledSet()
        let vocabulary = HotspotVocabulary(texts: set.items.map(\.text))
        let batch = HotspotClustering.cluster(set.items, vocabulary: vocabulary)
        var index = HotspotIndex(vocabulary: vocabulary)
        var announced: [Case.ID] = []
        for item in set.items.sorted(by: { ($0.time, $0.id) < ($1.time, $1.id) }) {
            let update = index.insert(item)
            if update.isNewHotspot { announced.append(update.clusterID) }
        }
        let incremental = (index.closedHotspots + index.hotspots).sorted { $0.id < $1.id }
        #expect(incremental == batch.sorted { $0.id < $1.id })
        #expect(Set(announced) == Set(batch.map(\.id)))
        // the index keeps only the recent past
        #expect(index.indexedCount < set.items.count / 2)
    }
}
