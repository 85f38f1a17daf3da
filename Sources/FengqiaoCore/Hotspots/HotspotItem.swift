import Foundation

/// Where a report is about: its township, village and grid codes (from the region tree) and, when the reporter's
/// phone or the grid worker's app sent them, coordinates.
public struct HotspotPlace: Sendable, Hashable, Codable {
    /// The township or street (乡镇/街道) code.
    public var township: String?
    /// The village or community (村/社区) code.
    public var village: String?
    /// The grid code.
    public var grid: String?
    public var latitude: Double?
    public var longitude: Double?

    public init(
        township: String?, village: String? = nil, grid: String? = nil, latitude: Double? = nil,
        longitude: Double? = nil
    ) {
        self.township = township
        self.village = village
        self.grid = grid
        self.latitude = latitude
        self.longitude = longitude
    }

    /// The great-circle distance in kilometres, when both places have coordinates.
    public func kilometres(to other: HotspotPlace) -> Double? {
        guard let latitude, let longitude, let otherLatitude = other.latitude, let otherLongitude = other.longitude
        else { return nil }
        let radians = Double.pi / 180
        let deltaLatitude = (otherLatitude - latitude) * radians
        let deltaLongitude = (otherLongitude - longitude) * radians
        let a =
            sin(deltaLatitude / 2) * sin(deltaLatitude / 2) + cos(latitude * radians) * cos(otherLatitude * radians)
            * sin(deltaLongitude / 2) * sin(deltaLongitude / 2)
        return 6371 * 2 * atan2(a.squareRoot(), (1 - a).squareRoot())
    }
}

/// One case as hotspot clustering sees it.
public struct HotspotItem: Sendable, Hashable, Codable, Identifiable {
    public var id: Case.ID
    /// The report's text (title and description).
    public var text: String
    /// Who reported it: a keyed hash of the phone number or account, never the clear value; nil for an anonymous
    /// report, which counts as a reporter of its own.
    public var reporter: String?
    public var channel: Channel
    public var place: HotspotPlace
    /// When it was reported.
    public var time: Date

    public init(id: Case.ID, text: String, reporter: String?, channel: Channel, place: HotspotPlace, time: Date) {
        self.id = id
        self.text = text
        self.reporter = reporter
        self.channel = channel
        self.place = place
        self.time = time
    }

    /// The key that counts distinct reporters: the reporter, or the case itself when anonymous.
    var reporterKey: String { reporter.map { "r:" + $0 } ?? "case:\(id.rawValue)" }
}

/// The settings of hotspot clustering. The defaults are the ones docs/HOTSPOTS.md measures.
public struct HotspotParameters: Sendable, Hashable, Codable {
    /// The least weighted cosine similarity of two reports' texts for them to be linked.
    public var similarityThreshold: Double
    /// Two reports further apart in time are never linked (72 hours by default).
    public var window: TimeInterval
    /// Two reports in different townships are linked only when both have coordinates this close, in kilometres
    /// (or when they name the same line, such as "149路").
    public var radiusKilometres: Double
    /// A report joins a cluster when it links to at least this many of the members it may link to (all of them
    /// when fewer): two stops one report that matches one member from pulling in a drifting chain.
    public var minimumLinks: Int
    /// …and when its mean similarity to those members is at least this (average linkage: a report that shares
    /// only a place name with most of a cluster stays out of it).
    public var minimumMeanSimilarity: Double
    /// A cluster is a hotspot from this many cases…
    public var minimumCases: Int
    /// …from at least this many distinct reporters.
    public var minimumReporters: Int
    /// Tokens ("149路", "3号楼", "ktv") weigh this many times their inverse document frequency: one token stands for
    /// a whole word, where a Chinese word of three characters gives two pairs.
    public var tokenBoost: Double
    /// Single Chinese characters weigh this many times their inverse document frequency (0: not used).
    public var unigramWeight: Double

    public init(
        similarityThreshold: Double = 0.075, window: TimeInterval = 72 * 3600, radiusKilometres: Double = 3,
        minimumLinks: Int = 3, minimumCases: Int = 3, minimumReporters: Int = 2, tokenBoost: Double = 2,
        unigramWeight: Double = 1, minimumMeanSimilarity: Double = 0.08
    ) {
        self.minimumMeanSimilarity = minimumMeanSimilarity
        self.unigramWeight = unigramWeight
        self.similarityThreshold = similarityThreshold
        self.window = window
        self.radiusKilometres = radiusKilometres
        self.minimumLinks = minimumLinks
        self.minimumCases = minimumCases
        self.minimumReporters = minimumReporters
        self.tokenBoost = tokenBoost
    }

    public static let standard = HotspotParameters()
}

/// What the desk said is not one matter, remembered: pairs of cases that are never put in one cluster, and cases
/// taken out of clustering altogether.
public struct HotspotExclusions: Sendable, Hashable, Codable {
    public struct Pair: Sendable, Hashable, Codable {
        public var first: Case.ID
        public var second: Case.ID
        /// The same pair whichever order the two are given in.
        public init(_ a: Case.ID, _ b: Case.ID) {
            first = min(a, b)
            second = max(a, b)
        }
    }

    public private(set) var pairs: Set<Pair>
    public private(set) var cases: Set<Case.ID>

    public init(pairs: Set<Pair> = [], cases: Set<Case.ID> = []) {
        self.pairs = pairs
        self.cases = cases
    }

    /// "Not related": no two of these cases are put in one cluster again.
    public mutating func markNotRelated(_ ids: [Case.ID]) {
        for (index, first) in ids.enumerated() {
            for second in ids[(index + 1)...] where first != second {
                pairs.insert(Pair(first, second))
            }
        }
    }

    /// The case is taken out of every cluster, now and later.
    public mutating func exclude(_ id: Case.ID) {
        cases.insert(id)
    }

    public func areUnrelated(_ a: Case.ID, _ b: Case.ID) -> Bool {
        pairs.contains(Pair(a, b))
    }
}
