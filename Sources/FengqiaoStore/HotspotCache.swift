import FengqiaoCore
import Foundation

/// One instance's view of the hotspots (docs/HOTSPOTS.md, "Storage"). The clusters are never stored: they are a
/// function of the cases registered within the window and of the "not related" pairs, both in the database, so every
/// instance of a deployment computes the same ones. This actor keeps the engine's incremental index (`HotspotIndex`)
/// between requests and brings it up to date at each use:
/// - new cases: those registered since the last look, minus `lateSlack` (ten minutes) for other instances' clocks and
///   for transactions that commit a while after their case's registration time, read by an index range of
///   `cases_created`; ones already indexed are skipped;
/// - new "not related" pairs: the rows of `hotspot_exclusions` added since the last look (by row id);
/// - a full rebuild (`recompute`) at the first use, when the index is older than `rebuildInterval` (the vocabulary's
///   weights are refreshed and late cases placed as the batch would) or when the clock went back.
/// Only the window is ever read: at 1,000,000 cases a year, about 8,000 cases.
public actor HotspotCache {
    public nonisolated let parameters: HotspotParameters
    /// How often the index is rebuilt from the database.
    public nonisolated let rebuildInterval: TimeInterval
    /// How many recent cases' texts weigh the vocabulary at a rebuild.
    public nonisolated let vocabularySample: Int
    let repository: HotspotRepository
    let regions: RegionRepository
    let personKey: PersonKey

    private var index: HotspotIndex?
    private var builtAt = Date.distantPast
    private var lastLook = Date.distantPast
    private var indexed = Set<Case.ID>()
    private var exclusionRow: Int64 = 0
    private var oldestCase: Case.ID = 0
    private var items: [Case.ID: HotspotItem] = [:]
    /// Region code → (level, name), for the places of a report and the names shown.
    private var places: [String: (level: RegionLevel, name: String)] = [:]

    public init(
        repository: HotspotRepository, regions: RegionRepository, personKey: PersonKey,
        parameters: HotspotParameters = .standard, rebuildInterval: TimeInterval = 3600, vocabularySample: Int = 5000
    ) {
        self.repository = repository
        self.regions = regions
        self.personKey = personKey
        self.parameters = parameters
        self.rebuildInterval = rebuildInterval
        self.vocabularySample = vocabularySample
    }

    // MARK: What callers ask

    /// The hotspots current at `now`: those with a report within the window.
    public func hotspots(at now: Date) async throws -> [Hotspot] {
        try await refresh(at: now)
        let from = now.addingTimeInterval(-parameters.window)
        return (index?.hotspots ?? []).filter { $0.lastReported >= from }
    }

    /// The current hotspot that holds this case, if any.
    public func hotspot(containing id: Case.ID, at now: Date) async throws -> Hotspot? {
        try await refresh(at: now)
        guard let found = index?.hotspot(containing: id),
            found.lastReported >= now.addingTimeInterval(-parameters.window)
        else { return nil }
        return found
    }

    /// Finds the hotspot of one new case (the bench's "scoring one new case"): brings the index up to date and
    /// inserts the case if it is not there yet.
    public func hotspot(of newCase: Case, at now: Date) async throws -> HotspotUpdate {
        try await refresh(at: now)
        let item = try await self.item(newCase)
        indexed.insert(newCase.id)
        items[newCase.id] = item
        return index!.insert(item)
    }

    /// Recomputes every cluster from the database (the batch; the bench's "full recomputation").
    @discardableResult
    public func recompute(at now: Date) async throws -> [Hotspot] {
        let from = now.addingTimeInterval(-parameters.window)
        try await loadPlaces()
        let texts = try await repository.recentTexts(limit: vocabularySample)
        // A young deployment (or a test) has few cases: inverse document frequencies learnt from a handful of texts
        // would weigh the very words a hotspot's reports share as common (in 4 of 4 texts). The sample counts as at
        // least `vocabularySample` documents, the missing ones containing none of the features: a word is weighed as
        // rare until the county's own cases show it is common.
        let learned = HotspotVocabulary(texts: texts)
        let vocabulary = HotspotVocabulary(
            documentCount: max(learned.documentCount, vocabularySample),
            documentFrequency: learned.documentFrequency)
        let found = try await repository.cases(registeredFrom: from)
        var newItems: [Case.ID: HotspotItem] = [:]
        for current in found { newItems[current.id] = try await item(current) }
        let oldest = found.map(\.id).min() ?? Case.ID(Int64.max)
        let stored = try await repository.exclusions(touchingCasesFrom: oldest)
        var exclusions = HotspotExclusions()
        for exclusion in stored { exclusions.markNotRelated([exclusion.pair.first, exclusion.pair.second]) }
        var index = HotspotIndex(parameters: parameters, vocabulary: vocabulary, exclusions: exclusions)
        for current in found { index.add(newItems[current.id]!) }
        self.index = index
        items = newItems
        indexed = Set(found.map(\.id))
        oldestCase = oldest
        exclusionRow = stored.map(\.rowID).max() ?? 0
        builtAt = now
        lastLook = now
        return index.hotspots.filter { $0.lastReported >= from }
    }

    /// The indexed report of a case (its place codes, reporter key, text), if it is in the window.
    public func item(_ id: Case.ID) -> HotspotItem? { items[id] }

    /// A region's name by code, for the places a hotspot names.
    public func placeName(_ code: String) -> String? { places[code]?.name }

    /// Forgets the index: the next use rebuilds it (after the desk's "not related", so that the clusters dissolved
    /// are formed again in time order as the batch would).
    public func invalidate() {
        index = nil
    }

    // MARK: Keeping up

    /// How far before the last look a refresh reads again: a case registered then but committed since (another
    /// instance's slow transaction, its clock a little behind) is still found; the few cases read twice are skipped.
    static let lateSlack: TimeInterval = 600

    func refresh(at now: Date) async throws {
        guard var index, now >= builtAt, now.timeIntervalSince(builtAt) < rebuildInterval else {
            try await recompute(at: now)
            return
        }
        let from = max(now.addingTimeInterval(-parameters.window), lastLook.addingTimeInterval(-Self.lateSlack))
        for current in try await repository.cases(registeredFrom: from) where !indexed.contains(current.id) {
            let item = try await item(current)
            items[current.id] = item
            indexed.insert(current.id)
            index.add(item)
        }
        for exclusion in try await repository.exclusions(touchingCasesFrom: oldestCase, afterRow: exclusionRow) {
            index.markNotRelated([exclusion.pair.first, exclusion.pair.second])
            exclusionRow = max(exclusionRow, exclusion.rowID)
        }
        self.index = index
        lastLook = now
    }

    private func loadPlaces() async throws {
        for level in [RegionLevel.township, .village, .grid] {
            for region in try await regions.list(level: level) { places[region.code] = (region.level, region.name) }
        }
    }

    private func level(of code: String) async throws -> RegionLevel? {
        if let known = places[code] { return known.level }
        guard let region = try await regions.find(code: code) else { return nil }
        places[code] = (region.level, region.name)
        return region.level
    }

    /// A case as the engine sees it: its title and description; its reporter as a keyed hash of the normalised phone
    /// (or ID number), or one anonymous reporter per channel; the township, village and grid codes of its place; its
    /// coordinates; its registration time.
    func item(_ current: Case) async throws -> HotspotItem {
        var place = HotspotPlace(township: nil, latitude: current.latitude, longitude: current.longitude)
        for code in current.regionPath.split(separator: "/").map(String.init) {
            switch try await level(of: code) {
            case .township: place.township = code
            case .village: place.village = code
            case .grid: place.grid = code
            default: break
            }
        }
        return HotspotItem(
            id: current.id, text: current.title + "\n" + current.description,
            reporter: Self.reporterKey(of: current, personKey: personKey), channel: current.channel, place: place,
            time: current.createdAt)
    }

    /// Who reported a case, as hotspots count reporters: the keyed hash of the reporter's normalised phone, else of
    /// their ID number (`PersonKey`: never the clear value); a report without either counts as the one anonymous
    /// reporter of its channel — one person sending three anonymous QR reports is one reporter, while anonymous
    /// reports through different channels (a QR scan, a walk-in, a call) are taken as different people.
    public static func reporterKey(of current: Case, personKey: PersonKey) -> String {
        let reporter = current.anonymous ? nil : current.reporter
        if let phone = reporter?.phone, let key = personKey.person(idNumber: nil, phone: phone).first { return key }
        if let id = reporter?.idNumber, let key = personKey.person(idNumber: id, phone: nil).first { return key }
        return "anonymous:" + current.channel.rawValue
    }
}
