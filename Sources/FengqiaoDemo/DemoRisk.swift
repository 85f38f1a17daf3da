import FengqiaoCore
import FengqiaoServer
import FengqiaoStore
import Foundation

/// The demo county's risk warnings (issue 17), made through the real path: cases registered with `CaseRepository`
/// (whose write scores them and raises the warnings in the same transaction) and visits recorded with
/// `RiskStore.recordVisit` by the demo's own grid worker and police station. Each township gets warnings of every
/// grade (蓝黄橙红), with visits due, done and overdue, among them the seed story: a neighbour dispute, the police
/// called, a threat, which scores red and sends three visits.
struct DemoRisk {
    let services: AppServices
    let directory: DemoDirectory

    struct Story {
        let title: String
        let description: String
        let category: String
        let channel: Channel
        /// How long before the seeding time it was registered.
        let hoursAgo: Double
    }

    static let stories: [Story] = [
        Story(
            title: "邻居因排水沟发生争吵", description: "两户邻居因排水沟多次争吵，昨晚已报警，派出所民警出警调解。张某扬言要砍死对方。",
            category: "livelihood.neighbour", channel: .hotline12345, hoursAgo: 3),
        Story(
            title: "夫妻矛盾升级", description: "夫妻因家庭开支多次争吵，丈夫酒后动手，妻子已报警。", category: "livelihood.marriage-family",
            channel: .window, hoursAgo: 8 * 24),
        Story(
            title: "宅基地界址争执", description: "两家因宅基地界址争执，双方发生推搡。", category: "agriculture.homestead",
            channel: .gridWorker, hoursAgo: 10 * 24),
        Story(
            title: "工人讨要工资", description: "十余名工人到工地讨要工资，情绪激动。", category: "livelihood.unpaid-wages",
            channel: .hotline12345, hoursAgo: 3 * 24),
        Story(
            title: "工资拖欠多月", description: "两名工人反映工资拖欠多月，情绪激动。", category: "livelihood.unpaid-wages",
            channel: .window, hoursAgo: 20 * 24),
    ]

    /// A tracking code of the demo alphabet (no 0, 1, I, L, O), unique per township and story.
    static func trackingCode(township: Int, story: Int) -> String {
        let digits = Array("23456789")
        let number = township * 100 + story
        var tail = ""
        var rest = number
        for _ in 0..<5 {
            tail = String(digits[rest % 8]) + tail
            rest /= 8
        }
        return "RSKW" + String(digits[(township / 8) % 8]) + tail
    }

    func seed(endingAt now: Date) async throws {
        for (index, township) in directory.townships.enumerated() {
            guard
                let grid = township.grids.first(where: {
                    ($0.worker ?? township.gridWorker).holds(.gridWorker, covering: $0.path)
                })
            else { continue }
            let worker = grid.worker ?? township.gridWorker
            var warnings: [Int64] = []
            for (number, story) in Self.stories.enumerated() {
                let at = now.addingTimeInterval(-story.hoursAgo * 3600)
                let intake = Intake(
                    channel: story.channel, title: story.title, description: story.description,
                    categoryCode: story.category, urgency: .troublesome, kind: .request, regionID: grid.regionID,
                    address: "\(grid.villageName)\(number + 3)组\(number * 7 + 2)号",
                    parties: [
                        Party(
                            role: .reporter, name: DemoRisk.names[(index + number) % DemoRisk.names.count],
                            phone: "1390\(String(format: "%03d", index))\(String(format: "%04d", number))",
                            address: "\(grid.villageName)\(number + 3)组\(number * 7 + 2)号")
                    ])
                let created = try await services.cases.create(
                    intake, idempotencyKey: "demo-risk-\(township.code)-\(number)", receivingCenter: township.center,
                    by: township.desk, at: at, trackingCode: Self.trackingCode(township: index, story: number))
                let found = try await services.risk.warnings(
                    .init(regionPath: grid.path, open: true, limit: 20), visibleTo: township.leader)
                if let warning = found.first(where: { $0.caseID == created.case.id }) { warnings.append(warning.id) }
            }
            try await visit(warnings, township: township, worker: worker, now: now)
        }
    }

    /// Visits done on the demo warnings: the orange one's police visit (found someone drinking: it stays orange), and
    /// the older blue one closed by the grid worker on time.
    func visit(_ warnings: [Int64], township: DemoDirectory.Township, worker: Actor, now: Date) async throws {
        for id in warnings {
            guard let record = try await services.risk.warning(id, visibleTo: township.leader) else { continue }
            let raised = record.warning.raisedAt
            switch record.warning.grade {
            case .orange:
                guard let police = record.visits.first(where: { $0.visitor == .policeStation }),
                    let organisation = police.organisationID, let officer = township.handlers[organisation]
                else { continue }
                _ = try await services.risk.recordVisit(
                    police.id, by: officer, outcome: .stabilised, note: "已上门训诫，叮嘱不得再动手。", recorded: ["left-behind"],
                    at: raised.addingTimeInterval(20 * 3600))
            case .blue where now.timeIntervalSince(raised) > 10 * 86_400:
                guard let grid = record.visits.first(where: { $0.visitor == .gridWorker }) else { continue }
                _ = try await services.risk.recordVisit(
                    grid.id, by: worker, outcome: .resolved, note: "协调用工单位结清工资，工人已返乡。", recorded: [],
                    at: raised.addingTimeInterval(26 * 3600))
            default:
                continue
            }
        }
    }

    static let names = ["张建国", "李秀英", "王德明", "刘桂兰", "陈志强", "赵玉梅", "周国平"]
}
