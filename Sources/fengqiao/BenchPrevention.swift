import ArgumentParser
import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation

/// Used by `make bench` (scripts/bench.py): the prevention engines at scale, in memory. A full recomputation of
/// every report's risk score (the dispute's and each party's, with repeat disputes between the same people and
/// reports by the same reporter) and of every hotspot over N reports in time order; then the cost of scoring one new
/// report and finding its hotspot among them.
struct BenchPrevention: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-prevention",
        abstract: "Benchmark: risk scores and hotspots over N synthetic reports, then one more report at a time.",
        discussion: """
            Generates N reports from the demo's subjects (evenly over three years, from a population in which \
            reporters return and parties meet again), recomputes every score and hotspot in time order (timed), then \
            times scoring one new report and finding its hotspot, for each of the probe reports. In memory: the \
            look-ups the store makes by keyed hash are dictionary look-ups here (docs/PERFORMANCE.md).
            """)

    @Option(help: "How many reports.") var cases = 1_000_000
    @Option(help: "How many new reports to time one at a time.") var probes = 2_000
    @Option(help: "Reports the term weights are learned from.") var vocabularySample = 20_000

    func run() async throws {
        let end = Date(timeIntervalSince1970: 1_796_000_000)
        var workload = PreventionWorkload(seed: 17, count: cases, end: end)
        var reports: [PreventionWorkload.Report] = []
        reports.reserveCapacity(cases)
        for _ in 0..<cases { reports.append(workload.next()) }
        var probeReports: [PreventionWorkload.Report] = []
        for _ in 0..<probes { probeReports.append(workload.next()) }
        let vocabulary = HotspotVocabulary(texts: reports.prefix(vocabularySample).map(\.item.text))
        var engine = PreventionEngine(key: PersonKey(secret: "bench"), vocabulary: vocabulary)

        let clock = ContinuousClock()
        let started = clock.now
        for report in reports { engine.add(report) }
        let full = seconds(clock.now - started)

        var timings: [Double] = []
        timings.reserveCapacity(probes)
        for report in probeReports {
            let one = clock.now
            engine.add(report)
            timings.append(seconds(clock.now - one) * 1_000)
        }
        timings.sort()
        let p50 = timings[timings.count / 2]
        let p99 = timings[min(timings.count - 1, timings.count * 99 / 100)]
        let fullText = String(format: "%.1f", full)
        let p50Text = String(format: "%.3f", p50)
        let p99Text = String(format: "%.3f", p99)
        Console.say(
            Localized(
                zh: "风险与热点全量重算 \(cases) 件：\(fullText) 秒；新增一件评分并查找热点：中位 \(p50Text) 毫秒，"
                    + "P99 \(p99Text) 毫秒；红色以上预警 \(engine.redWarnings) 个，热点 \(engine.hotspots) 个。",
                en:
                    "Full recomputation of risk and hotspots over \(cases) reports: \(fullText) s; scoring one new report "
                    + "and finding its hotspot: p50 \(p50Text) ms, p99 \(p99Text) ms; \(engine.redWarnings) red "
                    + "warnings, \(engine.hotspots) hotspots."))
        print("prevention_full_s=\(fullText)")
        print("prevention_one_p50_ms=\(p50Text)")
        print("prevention_one_p99_ms=\(p99Text)")
        print("prevention_hotspots=\(engine.hotspots)")
        print("prevention_red=\(engine.redWarnings)")
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// What the store does for one report, with its indexes as dictionaries: hash the parties, count earlier disputes
/// between the same people and the reporter's earlier reports, derive the signals, score the dispute and each party,
/// and insert the report into the hotspot index.
struct PreventionEngine {
    let key: PersonKey
    var index: HotspotIndex
    /// Each person's signals, newest last, kept for the longest indicator window.
    var signalsByPerson: [String: [RiskSignal]] = [:]
    var reportsByPerson: [String: [Date]] = [:]
    var disputesByPair: [String: [Date]] = [:]
    var redWarnings = 0
    var hotspotIDs = Set<Case.ID>()
    var hotspots: Int { hotspotIDs.count }
    let longestWindow: TimeInterval

    init(key: PersonKey, vocabulary: HotspotVocabulary) {
        self.key = key
        self.index = HotspotIndex(vocabulary: vocabulary)
        self.longestWindow = TimeInterval(RiskCatalogue.standard.map(\.windowDays).max() ?? 365) * 86_400
    }

    mutating func add(_ report: PreventionWorkload.Report) {
        let at = report.view.registeredAt
        let reporter = key.hash(report.reporter)
        let other = report.otherParty.map(key.hash)
        var view = report.view
        let halfYear = at.addingTimeInterval(-183 * 86_400)
        let year = at.addingTimeInterval(-365 * 86_400)
        view.reportsBySameReporter = 1 + (reportsByPerson[reporter]?.reversed().prefix { $0 >= halfYear }.count ?? 0)
        reportsByPerson[reporter, default: []].append(at)
        if let other {
            let pair = reporter < other ? reporter + other : other + reporter
            view.earlierDisputesBetweenParties = disputesByPair[pair]?.reversed().prefix { $0 >= year }.count ?? 0
            disputesByPair[pair, default: []].append(at)
        }
        let signals = RiskDetector.signals(of: view, at: at)
        var worst = RiskScoring.assess(signals, at: at).grade
        for person in [reporter, other].compactMap({ $0 }) {
            var kept = signalsByPerson[person, default: []]
            kept.removeAll { at.timeIntervalSince($0.at) > longestWindow }
            kept += signals
            signalsByPerson[person] = kept
            let grade = RiskScoring.assess(kept, at: at).grade
            if let grade, worst.map({ grade > $0 }) ?? true { worst = grade }
        }
        if worst == .red { redWarnings += 1 }
        let update = index.insert(report.item)
        if update.hotspot != nil { hotspotIDs.insert(update.clusterID) }
    }
}
