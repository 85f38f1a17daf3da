import ArgumentParser
import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation

/// Used by `make bench` (scripts/bench.py): the prevention engines at scale, in memory. A full recomputation: every
/// report's risk score (the dispute's and each party's, with repeat disputes between the same people and reports by
/// the same reporter) over N reports in time order, and the hotspots of the current window; for comparison every
/// hotspot of the whole history through the incremental index; then the cost of scoring one new report and finding
/// its hotspot among them.
struct BenchPrevention: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-prevention",
        abstract: "Benchmark: risk scores and hotspots over N synthetic reports, then one more report at a time.",
        discussion: """
            Generates N reports from the demo's subjects (evenly over three years, from a population in which \
            reporters return and parties meet again), recomputes every score in time order and the current \
            window's hotspots (timed), then fills the incremental index with the last two windows (with --history: \
            every report), then times scoring one new \
            report and finding its hotspot, for each of the probe reports. In memory: the look-ups the store makes \
            by keyed hash are dictionary look-ups here (docs/PERFORMANCE.md).
            """)

    @Option(help: "How many reports.") var cases = 1_000_000
    @Option(help: "How many new reports to time one at a time.") var probes = 2_000
    @Option(help: "Reports the term weights are learned from.") var vocabularySample = 20_000
    @Flag(help: "Also cluster the whole history through the incremental index (slow: every report of every window).")
    var history = false

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
        // 1. every report's risk: the dispute's and each party's score, in time order
        var started = clock.now
        for report in reports { engine.score(report) }
        let scoring = seconds(clock.now - started)
        print("prevention_scoring_s=\(String(format: "%.1f", scoring))")
        fflush(nil)  // this figure is out even if a later stage is stopped
        // 2. the hotspots of now: the reports within the window, clustered at once (what a full recomputation in
        // the product reads: `HotspotCache` rebuilds from the window's cases)
        let window = HotspotParameters.standard.window
        let now = reports.last?.view.registeredAt ?? end
        let recent = Array(
            reports.reversed().prefix { now.timeIntervalSince($0.view.registeredAt) <= window }.reversed()
        )
        .map(\.item)
        started = clock.now
        let current = HotspotClustering.cluster(recent, vocabulary: vocabulary)
        let clustering = seconds(clock.now - started)
        let full = scoring + clustering
        // 3. the index as a running instance holds it: the last two windows' reports (it keeps no more), then, with
        // --history, every hotspot there ever was, all N reports through the incremental index
        started = clock.now
        let kept = history ? reports[...] : reports.suffix(recent.count * 2)
        for report in kept { engine.fill(report) }
        let historyTime = seconds(clock.now - started)

        var timings: [Double] = []
        timings.reserveCapacity(probes)
        for report in probeReports {
            let one = clock.now
            engine.score(report)
            engine.cluster(report)
            timings.append(seconds(clock.now - one) * 1_000)
        }
        timings.sort()
        let p50 = timings[timings.count / 2]
        let p99 = timings[min(timings.count - 1, timings.count * 99 / 100)]
        let text = { (value: Double, digits: Int) in String(format: "%.\(digits)f", value) }
        Console.say(
            Localized(
                zh: "全量重算 \(cases) 件：评分 \(text(scoring, 1)) 秒，当前窗口 \(recent.count) 件聚类 "
                    + "\(text(clustering, 2)) 秒（\(current.count) 个热点），合计 \(text(full, 1)) 秒；逐件入索引 \(kept.count) 件 "
                    + "\(text(historyTime, 1)) 秒（\(engine.hotspots) 个热点）。新增一件评分并查找热点：中位 \(text(p50, 3)) 毫秒，"
                    + "P99 \(text(p99, 3)) 毫秒。红色预警 \(engine.redWarnings) 次。",
                en:
                    "Full recomputation over \(cases) reports: scoring \(text(scoring, 1)) s, clustering the \(recent.count) "
                    + "reports of the current window \(text(clustering, 2)) s (\(current.count) hotspots), "
                    + "\(text(full, 1)) s in all; \(kept.count) reports inserted one by one \(text(historyTime, 1)) s "
                    + "(\(engine.hotspots) hotspots). One new report scored and its hotspot found: p50 \(text(p50, 3)) ms, "
                    + "p99 \(text(p99, 3)) ms. \(engine.redWarnings) red grades."))
        print("prevention_full_s=\(text(full, 1))")
        print("prevention_window_cluster_s=\(text(clustering, 2))")
        print("prevention_window_reports=\(recent.count)")
        print("prevention_history_cluster_s=\(text(historyTime, 1))")
        print("prevention_history_reports=\(kept.count)")
        print("prevention_one_p50_ms=\(text(p50, 3))")
        print("prevention_one_p99_ms=\(text(p99, 3))")
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
    /// The hotspots there were: those closed as their reports left the index, and those in it now.
    var hotspots: Int { Set(index.closedHotspots.map(\.id) + index.hotspots.map(\.id)).count }
    let longestWindow: TimeInterval

    init(key: PersonKey, vocabulary: HotspotVocabulary) {
        self.key = key
        self.index = HotspotIndex(vocabulary: vocabulary)
        self.longestWindow = TimeInterval(RiskCatalogue.standard.map(\.windowDays).max() ?? 365) * 86_400
    }

    /// Scores a report: its dispute and each of its parties.
    mutating func score(_ report: PreventionWorkload.Report) {
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
    }

    /// Puts a report into its hotspot, if any, and names the hotspot as a new report's answer does.
    @discardableResult
    mutating func cluster(_ report: PreventionWorkload.Report) -> Hotspot? {
        index.insert(report.item).hotspot
    }

    /// Puts a report into its cluster without naming it: filling the index as a running instance's rebuild does.
    mutating func fill(_ report: PreventionWorkload.Report) {
        index.add(report.item)
    }
}
