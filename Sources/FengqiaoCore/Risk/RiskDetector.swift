import Foundation

/// What the automatic indicators read of one case: plain values, so that the store, the scheduler and the tests
/// build it alike (`init(case:…)` from a case and what the store knows around it).
public struct RiskCaseView: Sendable, Hashable {
    public var caseID: Case.ID
    public var registeredAt: Date
    public var channel: Channel
    public var disputeType: DisputeType?
    /// The title, description and every note of the case, as one text.
    public var text: String
    public var open: Bool
    public var partyCount: Int
    public var reopenCount: Int
    public var flareUpCount: Int
    public var escalationCount: Int
    public var returnCount: Int
    public var urgency: Urgency
    public var whistle: Bool
    /// Past its finish deadline while open.
    public var overdue: Bool
    public var dissatisfied: Bool
    /// Earlier disputes between the same people (`PersonKey` matches) within a year.
    public var earlierDisputesBetweenParties: Int
    /// Reports by the same reporter within six months, this one included.
    public var reportsBySameReporter: Int

    public init(
        caseID: Case.ID, registeredAt: Date, channel: Channel, disputeType: DisputeType?, text: String, open: Bool,
        partyCount: Int = 0, reopenCount: Int = 0, flareUpCount: Int = 0, escalationCount: Int = 0,
        returnCount: Int = 0, urgency: Urgency = .troublesome, whistle: Bool = false, overdue: Bool = false,
        dissatisfied: Bool = false, earlierDisputesBetweenParties: Int = 0, reportsBySameReporter: Int = 1
    ) {
        self.caseID = caseID
        self.registeredAt = registeredAt
        self.channel = channel
        self.disputeType = disputeType
        self.text = text
        self.open = open
        self.partyCount = partyCount
        self.reopenCount = reopenCount
        self.flareUpCount = flareUpCount
        self.escalationCount = escalationCount
        self.returnCount = returnCount
        self.urgency = urgency
        self.whistle = whistle
        self.overdue = overdue
        self.dissatisfied = dissatisfied
        self.earlierDisputesBetweenParties = earlierDisputesBetweenParties
        self.reportsBySameReporter = reportsBySameReporter
    }
}

/// Derives the automatic indicators' observations from a case (`RiskCaseView`), each with the evidence that shows
/// it. Words are matched in the case's own text; a negation right before a word ("没有刀", "未动手") does not count.
public enum RiskDetector {
    /// The words of each word indicator. Short words that are parts of harmless ones are avoided ("刀" alone would
    /// match "刀郎"): the lists name the forms citizens and staff write.
    public static let words: [String: [String]] = [
        "words-threat": [
            "扬言", "威胁", "报复", "弄死", "杀了", "杀掉", "砍死", "同归于尽", "拼命", "不让他好过", "要他好看", "走着瞧", "让他偿命",
        ],
        "words-weapon": ["菜刀", "砍刀", "持刀", "拿刀", "刀具", "斧头", "铁锹", "棍棒", "木棍", "铁棍", "枪支", "猎枪", "凶器", "匕首"],
        "words-fire-poison": ["放火", "纵火", "烧了他", "汽油", "农药", "百草枯", "投毒", "下毒", "煤气罐"],
        "words-self-harm": ["跳楼", "跳河", "喝药", "自杀", "轻生", "不想活", "寻死", "上吊"],
        "words-violence": ["殴打", "打伤", "动手", "打架", "扭打", "打人", "推搡", "受伤住院"],
        "words-group": ["聚集", "围堵", "堵路", "堵门", "拉横幅", "集体上访", "一起去闹", "群体"],
        "words-agitation": ["情绪激动", "情绪失控", "失控", "去闹", "大吵大闹", "骂街", "忍无可忍"],
        "words-vulnerable": ["老人", "孩子", "儿童", "孕妇", "残疾", "瘫痪", "病人"],
    ]

    static let negations = ["没有", "没", "未", "不曾", "并未", "无"]

    /// The words of `list` that occur in `text` outside a negation.
    public static func matches(_ list: [String], in text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return list.filter { occurs(Array($0.unicodeScalars), in: scalars) }
    }

    /// Whether `word` occurs in `text` at least once without a negation right before it (within the two characters
    /// before it). On scalars: Foundation's `range(of:)` made the detector the most of a score's cost.
    static func occurs(_ word: [Unicode.Scalar], in text: [Unicode.Scalar]) -> Bool {
        guard let first = word.first, word.count <= text.count else { return false }
        var start = 0
        let last = text.count - word.count
        while start <= last {
            guard let at = text[start...last].firstIndex(of: first) else { return false }
            if text[at..<(at + word.count)].elementsEqual(word) {
                let before = text[max(0, at - 2)..<at]
                if !negationScalars.contains(where: { before.reversed().starts(with: $0.reversed()) }) { return true }
            }
            start = at + 1
        }
        return false
    }

    private static let negationScalars = negations.map { Array($0.unicodeScalars) }
    private static let wordScalars: [(code: String, words: [(text: String, scalars: [Unicode.Scalar])])] =
        words
        .sorted { $0.key < $1.key }.map { ($0.key, $0.value.map { ($0, Array($0.unicodeScalars)) }) }
    private static let policeWords = ["报警", "110", "派出所", "民警", "出警"].map { ($0, Array($0.unicodeScalars)) }

    private static func hits(_ list: [(text: String, scalars: [Unicode.Scalar])], in text: [Unicode.Scalar]) -> [String]
    {
        list.filter { occurs($0.scalars, in: text) }.map(\.text)
    }

    static let categoryIndicators: [DisputeType: String] = [
        .neighbour: "category-neighbour", .marriageFamily: "category-marriage-family",
        .homestead: "category-homestead", .land: "category-land", .forest: "category-land",
        .unpaidWages: "category-unpaid-wages", .demolition: "category-demolition", .contract: "category-debt",
        .landTransferRent: "category-debt", .medical: "category-medical", .trafficAccident: "category-traffic",
    ]

    /// The observations a case gives, at `now` (long-running is measured to it).
    public static func signals(of view: RiskCaseView, at now: Date) -> [RiskSignal] {
        var found: [RiskSignal] = []
        func add(_ code: String, _ evidence: String) {
            found.append(RiskSignal(indicator: code, at: view.registeredAt, caseID: view.caseID, evidence: evidence))
        }
        if let type = view.disputeType, let code = categoryIndicators[type] { add(code, type.name.zh) }
        let text = Array(view.text.unicodeScalars)
        var agitated = false
        for (code, list) in wordScalars {
            let found = hits(list, in: text)
            if !found.isEmpty { add(code, found.prefix(3).joined(separator: "、")) }
            if code == "words-agitation" { agitated = !found.isEmpty }
        }
        let policeWords = hits(Self.policeWords, in: text)
        if view.channel == .police110 {
            add("police-called", "110联动")
        } else if !policeWords.isEmpty {
            add("police-called", policeWords.prefix(2).joined(separator: "、"))
        }
        if view.channel == .petition { add("petition", "信访渠道") }
        if view.channel == .courtReferral { add("court-referral", "法院委派") }
        if view.earlierDisputesBetweenParties > 0 {
            add("repeat-dispute", "一年内第\(view.earlierDisputesBetweenParties + 1)次")
        }
        if view.reportsBySameReporter >= 3 { add("repeat-reporter", "半年内\(view.reportsBySameReporter)次") }
        let openDays = Int(now.timeIntervalSince(view.registeredAt) / 86_400)
        if view.open && openDays >= 60 { add("long-running", "已\(openDays)天") }
        if view.reopenCount > 0 { add("reopened", "重办\(view.reopenCount)次") }
        if view.flareUpCount > 0 { add("flare-up", "反弹\(view.flareUpCount)次") }
        if view.escalationCount > 0 { add("escalated", "上报\(view.escalationCount)次") }
        if view.partyCount >= 4 { add("many-parties", "\(view.partyCount)方") }
        if view.returnCount >= 2 { add("returned-often", "退单\(view.returnCount)次") }
        if view.urgency == .urgent { add("urgent", Urgency.urgent.name.zh) }
        if view.whistle { add("whistle", "吹哨") }
        if view.overdue { add("overdue", "超期") }
        if view.dissatisfied { add("dissatisfied", "回访不满意") }
        if view.overdue && (view.dissatisfied || agitated) { add("overdue-angry", "超期且不满") }
        return found
    }
}
