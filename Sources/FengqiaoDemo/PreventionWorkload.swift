import FengqiaoCore
import Foundation

/// Synthetic reports for the prevention benchmark (`fengqiao bench-prevention`): the demo's own subjects and
/// wordings with their blanks filled, spread evenly over a span of days in time order, from a population of people
/// in which reporters come back and pairs of parties meet again, in townships of villages. Only what risk scoring
/// and hotspot finding read: no case file, so a million of them fit in memory.
public struct PreventionWorkload: Sendable {
    /// One report: what the risk rules read of it, what the hotspot index reads of it, and its people in normal
    /// form (`PersonIdentifiers`; the store hashes them with `PersonKey`).
    public struct Report: Sendable {
        public var view: RiskCaseView
        public var item: HotspotItem
        public var reporter: String
        public var otherParty: String?
    }

    private var random: DeterministicRandom
    private let start: Date
    private let step: TimeInterval
    private var issued = 0
    private let population: Int
    private var pairs: [(String, String)] = []
    private static let townships = 20
    private static let villagesPerTownship = 12

    /// `count` reports evenly spread over the `days` before `end`.
    public init(seed: UInt64, count: Int, end: Date, days: Int = 1_095) {
        self.random = DeterministicRandom(seed: seed)
        let span = TimeInterval(days) * 86_400
        self.start = end.addingTimeInterval(-span)
        self.step = span / Double(max(count, 1))
        self.population = max(1_000, count * 2 / 5)
    }

    /// The next report, later than the one before.
    public mutating func next() -> Report {
        issued += 1
        let at = start.addingTimeInterval(Double(issued - 1) * step + Double.random(in: 0..<step, using: &random))
        let subject = DemoCaseCatalogue.subjects.randomElement(using: &random)!
        let variant = subject.variants.randomElement(using: &random)!
        let channel = variant.channel ?? subject.channels.randomElement(using: &random)!
        let text = fill(variant.title) + "。" + fill(variant.description)
        let township = Int.random(in: 0..<Self.townships, using: &random)
        let village = Int.random(in: 0..<Self.villagesPerTownship, using: &random)
        let place = HotspotPlace(
            township: "T\(township)", village: "T\(township)V\(village)", grid: "T\(township)V\(village)G1")
        // one report in twenty is between people who have met here before
        let reporter: String
        var other: String?
        if !pairs.isEmpty, Int.random(in: 0..<20, using: &random) == 0 {
            let pair = pairs.randomElement(using: &random)!
            (reporter, other) = pair
        } else {
            reporter = person()
            if subject.otherPerson {
                other = person()
                if pairs.count < 50_000 { pairs.append((reporter, other!)) }
            }
        }
        let id = Case.ID(Int64(issued))
        let view = RiskCaseView(
            caseID: id, registeredAt: at, channel: channel, disputeType: subject.type, text: text,
            open: Int.random(in: 0..<10, using: &random) < 2, partyCount: other == nil ? 1 : 2,
            reopenCount: Int.random(in: 0..<40, using: &random) == 0 ? 1 : 0,
            urgency: subject.urgencies.randomElement(using: &random)!)
        let item = HotspotItem(id: id, text: text, reporter: reporter, channel: channel, place: place, time: at)
        return Report(view: view, item: item, reporter: reporter, otherParty: other)
    }

    private mutating func person() -> String {
        "phone:139\(String(format: "%08d", Int.random(in: 0..<population, using: &random)))"
    }

    private static let names = ["张建国", "李秀英", "王志强", "刘桂兰", "陈明", "杨丽", "赵德胜", "黄海燕", "周文", "吴晓"]
    private static let places = ["幸福小区", "东风村三组", "新港城", "滨河花园", "工业园", "老街", "城南菜市场", "中心小学"]
    private static let companies = ["宏达建筑公司", "顺发物流", "金鼎置业", "华兴物业", "永安制衣厂"]

    /// The template with each `{blank}` filled: names, places, companies, numbers.
    private mutating func fill(_ template: String) -> String {
        var result = ""
        var blank: String?
        for character in template {
            if character == "{" {
                blank = ""
            } else if character == "}", let name = blank {
                result += value(for: name)
                blank = nil
            } else if blank != nil {
                blank!.append(character)
            } else {
                result.append(character)
            }
        }
        return result
    }

    private mutating func value(for blank: String) -> String {
        switch blank {
        case "人", "对方": return Self.names.randomElement(using: &random)!
        case "公司", "物业": return Self.companies.randomElement(using: &random)!
        case "金额": return String(Int.random(in: 2...300, using: &random) * 1_000)
        case "人数", "月数": return String(Int.random(in: 2...40, using: &random))
        case "年": return String(Int.random(in: 2019...2026, using: &random))
        default: return Self.places.randomElement(using: &random)!
        }
    }
}
