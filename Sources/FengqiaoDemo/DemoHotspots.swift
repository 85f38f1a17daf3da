import FengqiaoCore
import FengqiaoServer
import FengqiaoStore
import Foundation

/// Three hotspots for the demo county, registered within the last two days before the demo's clock, so that the
/// desk, `/hotspots` and the leader's screen show them at once (docs/HOTSPOTS.md):
/// - the seed's bus-line story: several people, through the 12345 hotline, the QR form, the window and a grid
///   worker, in two communities of 溪城街道, about the 149 bus (149路) at rush hour near 甘肃大剧院 and 新港城;
/// - a burst water main in 东湖街道 (hotline, QR form, grid worker);
/// - unpaid wages at one building site in 桃源镇 (window, hotline, QR form).
/// Each report goes through `CaseWriter.create` (the lifecycle's checks), in one transaction.
extension DemoSeeder {
    /// One report of a demo hotspot: hours before the demo's clock, township and village (by index), channel,
    /// reporter's phone (nil: anonymous), title and description.
    struct HotspotReport {
        let hoursAgo: Double
        let township: String
        let village: Int
        let channel: Channel
        let phone: String?
        let name: String?
        let title: String
        let description: String
    }

    static let hotspotReports: [HotspotReport] = [
        HotspotReport(
            hoursAgo: 30, township: "溪城街道", village: 0, channel: .hotline12345, phone: "13912340149", name: "王女士",
            title: "149路公交早高峰间隔太长",
            description: "149路公交车早高峰在甘肃大剧院站等了四十多分钟都不来，上班族迟到，希望加密班次。"),
        HotspotReport(
            hoursAgo: 29, township: "溪城街道", village: 1, channel: .citizenReport, phone: "13812345149", name: nil,
            title: "149路早上等车太久",
            description: "新港城站早上七点多等149路公交，间隔将近半小时，车来了也挤不上，到甘肃大剧院要换车。"),
        HotspotReport(
            hoursAgo: 27.5, township: "溪城街道", village: 0, channel: .window, phone: "13712340490", name: "李先生",
            title: "反映149路公交班次少",
            description: "来访反映：149路公交车高峰时段班次少、间隔长，甘肃大剧院一带候车群众多，请公交公司增加车辆。"),
        HotspotReport(
            hoursAgo: 26, township: "溪城街道", village: 1, channel: .gridWorker, phone: nil, name: nil,
            title: "新港城149路站台候车人多",
            description: "巡查发现新港城十字149路公交站台早高峰候车群众排长队，公交间隔长，群众意见大，往甘肃大剧院方向尤甚。"),
        HotspotReport(
            hoursAgo: 22, township: "溪城街道", village: 1, channel: .hotline12345, phone: "13612341490", name: "赵先生",
            title: "149路晚高峰也等不到车",
            description: "晚高峰从甘肃大剧院坐149路回新港城，四十分钟一班，公交间隔太长，希望调整排班。"),
        HotspotReport(
            hoursAgo: 40, township: "东湖街道", village: 0, channel: .hotline12345, phone: "13500001111", name: "陈女士",
            title: "东湖路自来水管爆裂",
            description: "东湖路菜市场门口自来水管爆裂，路面全是水，小区停水了。"),
        HotspotReport(
            hoursAgo: 39, township: "东湖街道", village: 0, channel: .citizenReport, phone: "13500002222", name: nil,
            title: "东湖路水管爆了停水",
            description: "东湖路菜市场旁边水管爆裂往外冒水，家里停水，什么时候能修好？"),
        HotspotReport(
            hoursAgo: 38, township: "东湖街道", village: 1, channel: .gridWorker, phone: nil, name: nil,
            title: "东湖路爆管积水",
            description: "巡查发现东湖路菜市场路段供水管爆裂，积水严重，周边停水，已设警示。"),
        HotspotReport(
            hoursAgo: 50, township: "桃源镇", village: 0, channel: .window, phone: "13300003333", name: "刘师傅",
            title: "桃源工地拖欠农民工工资",
            description: "桃源村安置房工地包工头拖欠我们十几个农民工三个月工资，一直不给。"),
        HotspotReport(
            hoursAgo: 47, township: "桃源镇", village: 0, channel: .hotline12345, phone: "13300004444", name: "张师傅",
            title: "安置房工地欠薪",
            description: "桃源村安置房工地拖欠农民工工资三个月，包工头找不到人，请帮忙讨薪。"),
        HotspotReport(
            hoursAgo: 45, township: "桃源镇", village: 1, channel: .citizenReport, phone: "13300005555", name: nil,
            title: "工地拖欠工资",
            description: "桃源村安置房工地欠我们农民工工资，包工头说没钱，已经三个月了。"),
    ]

    /// Registers the demo hotspots' reports, ending at `now`. Returns how many cases were made.
    @discardableResult
    public func seedHotspots(
        _ county: DemoCounty, written: StructureWriter.Counts, endingAt now: Date
    ) async throws -> Int {
        let directory = try DemoDirectory(
            county: county, regionIDs: written.regionIDs, organisationIDs: written.organisationIDs,
            userIDs: written.userIDs)
        let reports = Self.hotspotReports.sorted { $0.hoursAgo > $1.hoursAgo }
        return try await services.cases.write { writer in
            var made = 0
            for (index, report) in reports.enumerated() {
                guard let township = directory.townships.first(where: { $0.name == report.township }) else { continue }
                var villages: [String] = []
                for grid in township.grids where !villages.contains(grid.villageName) {
                    villages.append(grid.villageName)
                }
                let village = villages[min(report.village, villages.count - 1)]
                guard let grid = township.grids.first(where: { $0.villageName == village }) else { continue }
                let reporter =
                    report.phone.map { Party(role: .reporter, name: report.name, phone: $0) }
                    ?? Party(role: .reporter, name: grid.worker?.displayName)
                let at = now.addingTimeInterval(-report.hoursAgo * 3600)
                let registrar: Actor =
                    switch report.channel {
                    case .citizenReport: .citizen(displayName: report.name ?? "群众")
                    case .hotline12345: .system(name: "12345政务服务便民热线")
                    case .gridWorker: grid.worker ?? township.desk
                    default: township.desk
                    }
                let intake = Intake(
                    channel: report.channel, title: report.title, description: report.description,
                    urgency: .troublesome, kind: .request, regionID: grid.regionID, parties: [reporter])
                var generator = SeededGenerator(seed: UInt64(index + 1))
                _ = try await writer.create(
                    intake, idempotencyKey: "demo-hotspot-\(index)", receivingCenter: township.center, by: registrar,
                    at: at, trackingCode: CaseNumbering.trackingCode(using: &generator))
                made += 1
            }
            return made
        }
    }
}

/// A small deterministic generator for the demo's tracking codes (SplitMix64).
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
