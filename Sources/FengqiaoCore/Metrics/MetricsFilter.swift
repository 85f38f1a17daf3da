import Foundation

/// Which cases a set of rates is about. Every condition left nil lets every case through; the conditions given
/// must all hold.
public struct MetricsFilter: Sendable, Equatable, Hashable {
    /// A region subtree: the cases whose region path starts with this path, taken whole segment by segment
    /// (`/339900/339921` and `/339900/339921/` both mean the county and everything under it).
    public var regionPath: String?
    /// The cases this organisation was involved in at any point (`CaseFacts.organisationIDs`).
    public var organisationID: Organisation.ID?
    public var categoryCode: String?
    public var channel: Channel?
    public var kind: CaseKind?
    /// The cases registered in `[lowerBound, upperBound)`.
    public var period: Range<Date>?

    public init(
        regionPath: String? = nil, organisationID: Organisation.ID? = nil, categoryCode: String? = nil,
        channel: Channel? = nil, kind: CaseKind? = nil, period: Range<Date>? = nil
    ) {
        self.regionPath = regionPath
        self.organisationID = organisationID
        self.categoryCode = categoryCode
        self.channel = channel
        self.kind = kind
        self.period = period
    }

    /// Every case.
    public static let all = MetricsFilter()

    /// The cases registered in `[from, to)`.
    public static func period(from: Date, to: Date) -> MetricsFilter {
        MetricsFilter(period: from..<max(from, to))
    }

    public func includes(_ facts: CaseFacts) -> Bool {
        if !includes(regionPath: facts.regionPath) { return false }
        if let organisationID, !facts.organisationIDs.contains(organisationID) { return false }
        if let categoryCode, facts.categoryCode != categoryCode { return false }
        if let channel, facts.channel != channel { return false }
        if let kind, facts.kind != kind { return false }
        if let period, !period.contains(facts.registeredAt) { return false }
        return true
    }

    /// Whether a case at `path` lies in the region subtree (always, without one).
    public func includes(regionPath path: String) -> Bool {
        guard let regionPrefix else { return true }
        return Self.slashed(path).hasPrefix(regionPrefix)
    }

    /// The region subtree as the prefix every region path in it starts with (`/339900/339921/`).
    public var regionPrefix: String? { regionPath.map(Self.slashed) }

    /// The path with a leading and a trailing slash, so that a prefix always ends on a segment boundary.
    private static func slashed(_ path: String) -> String {
        let leading = path.hasPrefix("/") ? path : "/" + path
        return leading.hasSuffix("/") ? leading : leading + "/"
    }
}
