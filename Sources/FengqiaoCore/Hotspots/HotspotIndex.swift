import Foundation

/// The incremental hotspot index: the reports of the recent past in an inverted index (feature → reports), and
/// the clusters they form. Inserting one report scores it against the reports that share a feature with it, never
/// rescanning the rest, links it to those close enough in text, place and time, and puts it in a cluster.
///
/// The link rule (all three must hold):
/// - text: weighted cosine similarity of the two reports' features ≥ `similarityThreshold`;
/// - time: at most `window` apart (72 hours);
/// - place: same township, or both with coordinates within `radiusKilometres`, or both naming the same line
///   ("149路" runs through many villages and townships); a report with neither township nor coordinates is
///   close to all.
/// Pairs marked "not related" and excluded cases are never linked.
///
/// The cluster rule: a report joins the cluster it links to most strongly, provided it links to at least
/// `minimumLinks` of the members it could link to (all of them when fewer are within the window and the place);
/// otherwise it starts a cluster of its own. Plain single linkage would let A–B, B–C, C–D chain three different
/// matters into one; asking for two links keeps a cluster about one thing while letting it grow by reports that
/// share words with different members.
///
/// Reports are expected in time order (ties by identifier); `HotspotClustering.cluster` sorts and inserts the
/// same way, so batch and incremental agree.
public struct HotspotIndex: Sendable {
    public let parameters: HotspotParameters
    public let vocabulary: HotspotVocabulary
    public private(set) var exclusions: HotspotExclusions

    private struct Entry: Sendable {
        var item: HotspotItem
        var features: [Int32]
        var norm: Double
        var lines: [Int32]
    }

    private struct Cluster: Sendable {
        var members: [HotspotItem]
        var liveCount: Int
        var reportedAsHotspot: Bool
    }

    private var featureIDs: [String: Int32] = [:]
    private var featureWeights: [Double] = []
    private var postings: [[Int]] = []
    /// Entries by serial number; `entries[serial - base]`, nil once evicted.
    private var entries: [Entry?] = []
    private var base = 0
    private var firstLive = 0
    private var serialOf: [Case.ID: Int] = [:]
    /// Scratch space for the dot products of one insertion, by slot.
    private var scratch: [Double] = []
    private var clusters: [Case.ID: Cluster] = [:]
    private var clusterOf: [Case.ID: Case.ID] = [:]
    /// Hotspots whose reports have all left the window, in the order they closed.
    public private(set) var closedHotspots: [Hotspot] = []

    public init(
        parameters: HotspotParameters = .standard, vocabulary: HotspotVocabulary,
        exclusions: HotspotExclusions = HotspotExclusions()
    ) {
        self.parameters = parameters
        self.vocabulary = vocabulary
        self.exclusions = exclusions
    }

    /// The number of reports held in the inverted index (those of the last two windows).
    public var indexedCount: Int { serialOf.count }

    // MARK: - Inserting

    /// Adds one report and puts it in its cluster. A report already in the index (a retry) is not added twice: the
    /// update describes where it is.
    @discardableResult
    public mutating func insert(_ item: HotspotItem) -> HotspotUpdate {
        let (clusterID, links, added) = place(item)
        let cluster = clusters[clusterID]!
        let hotspot = isHotspot(cluster.members) ? summary(cluster.members) : nil
        let isNew = added && hotspot != nil && !cluster.reportedAsHotspot
        if isNew { clusters[clusterID]?.reportedAsHotspot = true }
        return HotspotUpdate(
            caseID: item.id, clusterID: clusterID, linkedCaseIDs: links, hotspot: hotspot, isNewHotspot: isNew)
    }

    /// Adds one report to its cluster as `insert` does, without summarising the cluster: for the batch paths, which
    /// read the hotspots once at the end. Summarising (the keywords of up to 50 reports) at every insertion into a
    /// large cluster was most of the cost of clustering a whole history.
    public mutating func add(_ item: HotspotItem) {
        let (clusterID, _, added) = place(item)
        if added, let cluster = clusters[clusterID], !cluster.reportedAsHotspot, isHotspot(cluster.members) {
            clusters[clusterID]?.reportedAsHotspot = true
        }
    }

    /// Puts one report in the index and its cluster; `added` is false for a report already there.
    private mutating func place(_ item: HotspotItem) -> (clusterID: Case.ID, links: [Case.ID], added: Bool) {
        if let clusterID = clusterOf[item.id], clusters[clusterID] != nil {
            return (clusterID, [], false)
        }
        evict(before: item.time.addingTimeInterval(-2 * parameters.window))
        let serial = base + entries.count
        let entry = makeEntry(item)
        entries.append(entry)
        serialOf[item.id] = serial
        if !exclusions.cases.contains(item.id) {
            for feature in entry.features { postings[Int(feature)].append(serial) }
        }
        let (clusterID, links) = assign(serial)
        return (clusterID, links, true)
    }

    /// The hotspots whose reports are still in the index, oldest first.
    public var hotspots: [Hotspot] {
        clusters.values.filter { isHotspot($0.members) }.map { summary($0.members) }
            .sorted { ($0.firstReported, $0.id) < ($1.firstReported, $1.id) }
    }

    /// The hotspot a case belongs to, if it is in one still in the index.
    public func hotspot(containing id: Case.ID) -> Hotspot? {
        guard let clusterID = clusterOf[id], let cluster = clusters[clusterID], isHotspot(cluster.members)
        else { return nil }
        return summary(cluster.members)
    }

    /// The text similarity of two reports still in the index (the weighted cosine the link rule compares with
    /// `similarityThreshold`), to explain a link.
    public func similarity(_ a: Case.ID, _ b: Case.ID) -> Double? {
        guard let first = serialOf[a].flatMap({ entry($0) }), let second = serialOf[b].flatMap({ entry($0) })
        else { return nil }
        var product = 0.0
        var i = 0
        var j = 0
        while i < first.features.count, j < second.features.count {
            if first.features[i] == second.features[j] {
                let weight = featureWeights[Int(first.features[i])]
                product += weight * weight
                i += 1
                j += 1
            } else if first.features[i] < second.features[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return product / (first.norm * second.norm)
    }

    /// The text similarity of two texts under this index's weights, whether or not they are indexed.
    public func similarity(_ a: String, _ b: String) -> Double {
        let first = weightedFeatures(a)
        let second = weightedFeatures(b)
        var product = 0.0
        for (feature, weight) in first where second[feature] != nil { product += weight * weight }
        let norms =
            first.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            * second.values.reduce(0) { $0 + $1 * $1 }
            .squareRoot()
        return norms == 0 ? 0 : product / norms
    }

    /// The features of a text with their weights: inverse document frequency, times `tokenBoost` for tokens and
    /// `unigramWeight` for single characters.
    func weightedFeatures(_ text: String) -> [String: Double] {
        var result: [String: Double] = [:]
        for segment in HotspotText.segments(text) {
            let isToken: Bool
            if case .token = segment { isToken = true } else { isToken = false }
            for feature in HotspotText.features(of: segment) {
                result[feature] = vocabulary.weight(feature) * (isToken ? parameters.tokenBoost : 1)
            }
            if parameters.unigramWeight > 0, case .han(let characters) = segment {
                for feature in HotspotText.unigrams(characters) {
                    result[feature] = vocabulary.weight(feature) * parameters.unigramWeight
                }
            }
        }
        return result
    }

    // MARK: - Not related

    /// The desk marked these cases (often a whole hotspot) "not related": remembered, and their clusters are
    /// formed again without putting any two of them together.
    public mutating func markNotRelated(_ ids: [Case.ID]) {
        exclusions.markNotRelated(ids)
        recluster(Set(ids.compactMap { clusterOf[$0] }))
    }

    /// The desk took one case out of its hotspot: remembered; it joins no cluster again.
    public mutating func exclude(_ id: Case.ID) {
        exclusions.exclude(id)
        guard let clusterID = clusterOf[id] else { return }
        recluster([clusterID])
    }

    /// Dissolves the clusters and inserts their members again, oldest first, under the current exclusions.
    /// (A batch recomputation with the same exclusions can differ where a dissolved member would have changed a
    /// later report's choice; the nightly recomputation settles that.)
    private mutating func recluster(_ clusterIDs: Set<Case.ID>) {
        var members: [HotspotItem] = []
        for clusterID in clusterIDs {
            guard let cluster = clusters.removeValue(forKey: clusterID) else { continue }
            members += cluster.members
            for member in cluster.members { clusterOf[member.id] = nil }
        }
        members.sort { ($0.time, $0.id) < ($1.time, $1.id) }
        for member in members {
            if let serial = serialOf[member.id] {
                _ = assign(serial)
            } else {
                clusters[member.id] = Cluster(members: [member], liveCount: 0, reportedAsHotspot: false)
                clusterOf[member.id] = member.id
            }
        }
        // clusters left without live members close now
        for clusterID in Set(members.compactMap { clusterOf[$0.id] }) where clusters[clusterID]?.liveCount == 0 {
            close(clusterID)
        }
    }

    // MARK: - Linking and clustering

    private func entry(_ serial: Int) -> Entry? {
        guard serial >= firstLive, serial - base < entries.count else { return nil }
        return entries[serial - base]
    }

    /// Puts an indexed report into a cluster; returns the cluster and the reports it linked to.
    private mutating func assign(_ serial: Int) -> (Case.ID, [Case.ID]) {
        let entry = entry(serial)!
        let item = entry.item
        var links: [(id: Case.ID, similarity: Double)] = []
        if !exclusions.cases.contains(item.id) {
            links = self.links(of: entry, serial: serial)
        }
        // similarity to each cluster's members: links (at or above the threshold) and the mean
        var perCluster: [Case.ID: (count: Int, similarity: Double)] = [:]
        for link in links {
            guard let clusterID = clusterOf[link.id] else { continue }
            let isLink = link.similarity >= parameters.similarityThreshold ? 1 : 0
            perCluster[clusterID, default: (0, 0)].count += isLink
            perCluster[clusterID, default: (0, 0)].similarity += link.similarity
        }
        var best: (id: Case.ID, mean: Double)?
        for (clusterID, tally) in perCluster where tally.count > 0 {
            let cluster = clusters[clusterID]!
            if cluster.members.contains(where: { exclusions.areUnrelated($0.id, item.id) }) { continue }
            let reachable = max(reachableCount(of: cluster, from: item, entry), 1)
            let mean = tally.similarity / Double(reachable)
            guard tally.count >= min(parameters.minimumLinks, reachable),
                mean >= parameters.minimumMeanSimilarity
            else { continue }
            if let current = best, (current.mean, -current.id.rawValue) >= (mean, -clusterID.rawValue) { continue }
            best = (clusterID, mean)
        }
        let clusterID: Case.ID
        if let best {
            clusterID = best.id
            clusters[clusterID]!.members.append(item)
            clusters[clusterID]!.liveCount += 1
        } else {
            clusterID = item.id
            clusters[clusterID] = Cluster(members: [item], liveCount: 1, reportedAsHotspot: false)
        }
        clusterOf[item.id] = clusterID
        let linked = links.filter { $0.similarity >= parameters.similarityThreshold }
        return (clusterID, linked.sorted { ($0.similarity, $1.id) > ($1.similarity, $0.id) }.map(\.id))
    }

    /// The clustered reports that share a feature with this one and are close enough in time and place, with their
    /// text similarity.
    private mutating func links(of entry: Entry, serial: Int) -> [(id: Case.ID, similarity: Double)] {
        // the dot products, accumulated in a scratch array by slot (all zeros between calls)
        if scratch.count < entries.count { scratch += repeatElement(0, count: entries.count - scratch.count) }
        var touched: [Int] = []
        for feature in entry.features {
            let weight = featureWeights[Int(feature)]
            let square = weight * weight
            for other in postings[Int(feature)] where other != serial && other >= firstLive {
                let slot = other - base
                if scratch[slot] == 0 { touched.append(slot) }
                scratch[slot] += square
            }
        }
        var result: [(id: Case.ID, similarity: Double)] = []
        for slot in touched {
            let product = scratch[slot]
            scratch[slot] = 0
            guard let candidate = entries[slot],
                abs(candidate.item.time.timeIntervalSince(entry.item.time)) <= parameters.window
            else { continue }
            let similarity = product / (entry.norm * candidate.norm)
            guard clusterOf[candidate.item.id] != nil,
                !exclusions.cases.contains(candidate.item.id),
                !exclusions.areUnrelated(entry.item.id, candidate.item.id),
                mayLink(entry.item, candidate.item, entry, candidate)
            else { continue }
            result.append((candidate.item.id, similarity))
        }
        return result
    }

    /// How many members of a cluster a report could link to (time and place); members are in time order, so the
    /// count stops at the first one older than the window.
    private func reachableCount(of cluster: Cluster, from item: HotspotItem, _ entry: Entry) -> Int {
        var count = 0
        for member in cluster.members.reversed() {
            if member.time < item.time.addingTimeInterval(-parameters.window) { break }
            if mayLink(item, member, entry) { count += 1 }
        }
        return count
    }

    /// Close enough in time and place (text aside).
    private func mayLink(
        _ item: HotspotItem, _ other: HotspotItem, _ entry: Entry, _ otherEntry: Entry? = nil
    )
        -> Bool
    {
        guard abs(item.time.timeIntervalSince(other.time)) <= parameters.window, item.id != other.id else {
            return false
        }
        let lines = otherEntry?.lines ?? serialOf[other.id].flatMap { self.entry($0) }?.lines ?? []
        if !entry.lines.isEmpty, lines.contains(where: entry.lines.contains) { return true }
        return Self.isClose(item.place, other.place, radius: parameters.radiusKilometres)
    }

    static func isClose(_ a: HotspotPlace, _ b: HotspotPlace, radius: Double) -> Bool {
        if let first = a.township, let second = b.township, first == second { return true }
        if let distance = a.kilometres(to: b) { return distance <= radius }
        let aUnknown = a.township == nil && a.latitude == nil
        let bUnknown = b.township == nil && b.latitude == nil
        return aUnknown || bUnknown
    }

    // MARK: - Features

    private mutating func makeEntry(_ item: HotspotItem) -> Entry {
        var ids: [Int32] = []
        var lines: [Int32] = []
        for segment in HotspotText.segments(item.text) {
            let isToken: Bool
            if case .token = segment { isToken = true } else { isToken = false }
            for feature in HotspotText.features(of: segment) {
                let id = intern(feature, factor: isToken ? parameters.tokenBoost : 1)
                ids.append(id)
                if isToken, HotspotText.isLineToken(feature) { lines.append(id) }
            }
            if parameters.unigramWeight > 0, case .han(let characters) = segment {
                for feature in HotspotText.unigrams(characters) {
                    ids.append(intern(feature, factor: parameters.unigramWeight))
                }
            }
        }
        let unique = Array(Set(ids)).sorted()
        let norm = unique.reduce(0.0) { $0 + featureWeights[Int($1)] * featureWeights[Int($1)] }.squareRoot()
        return Entry(item: item, features: unique, norm: max(norm, 1e-9), lines: Array(Set(lines)).sorted())
    }

    private mutating func intern(_ feature: String, factor: Double) -> Int32 {
        if let id = featureIDs[feature] { return id }
        let id = Int32(featureWeights.count)
        featureIDs[feature] = id
        featureWeights.append(vocabulary.weight(feature) * factor)
        postings.append([])
        return id
    }

    // MARK: - Eviction

    /// Drops from the index the reports older than `cutoff`; clusters left without reports in the index close.
    private mutating func evict(before cutoff: Date) {
        var touched = Set<Case.ID>()
        while firstLive - base < entries.count {
            guard let entry = entries[firstLive - base] else {
                firstLive += 1
                continue
            }
            guard entry.item.time < cutoff else { break }
            entries[firstLive - base] = nil
            serialOf[entry.item.id] = nil
            if let clusterID = clusterOf[entry.item.id] {
                clusters[clusterID]?.liveCount -= 1
                touched.insert(clusterID)
            }
            firstLive += 1
        }
        for clusterID in touched.sorted() where clusters[clusterID]?.liveCount == 0 { close(clusterID) }
        // compact the storage now and then
        if firstLive - base > 4096, firstLive - base > entries.count / 2 {
            entries.removeFirst(firstLive - base)
            scratch = []
            base = firstLive
            for index in postings.indices {
                if let first = postings[index].first, first < firstLive {
                    postings[index].removeAll { $0 < firstLive }
                }
            }
        }
    }

    private mutating func close(_ clusterID: Case.ID) {
        guard let cluster = clusters.removeValue(forKey: clusterID) else { return }
        for member in cluster.members { clusterOf[member.id] = nil }
        if isHotspot(cluster.members) { closedHotspots.append(summary(cluster.members)) }
    }

    // MARK: - Hotspots

    private func isHotspot(_ members: [HotspotItem]) -> Bool {
        guard members.count >= parameters.minimumCases else { return false }
        var reporters = Set<String>()
        for member in members {
            reporters.insert(member.reporterKey)
            if reporters.count >= parameters.minimumReporters { return true }
        }
        return false
    }

    /// The hotspot's summary; its keywords come from its latest 50 reports (enough to name it, and bounded).
    private func summary(_ members: [HotspotItem]) -> Hotspot {
        let keywords = HotspotKeywords.extract(
            members.suffix(50).map(\.text), vocabulary: vocabulary, tokenBoost: parameters.tokenBoost)
        return Hotspot(members: members, keywords: keywords)
    }
}

/// Hotspots over a whole set of reports at once (the nightly recomputation, the evaluation).
public enum HotspotClustering {
    /// The hotspots among `items`, oldest first. Without a vocabulary, the weights are learned from `items`.
    public static func cluster(
        _ items: [HotspotItem], parameters: HotspotParameters = .standard, vocabulary: HotspotVocabulary? = nil,
        exclusions: HotspotExclusions = HotspotExclusions()
    ) -> [Hotspot] {
        let vocabulary = vocabulary ?? HotspotVocabulary(texts: items.map(\.text))
        var index = HotspotIndex(parameters: parameters, vocabulary: vocabulary, exclusions: exclusions)
        for item in items.sorted(by: { ($0.time, $0.id) < ($1.time, $1.id) }) {
            index.add(item)
        }
        return (index.closedHotspots + index.hotspots)
            .sorted { ($0.firstReported, $0.id) < ($1.firstReported, $1.id) }
    }
}
