import Foundation

/// A cluster of reports that counts as a hotspot: at least three cases from at least two reporters, close in text,
/// place and time. Its identifier is its first case's.
public struct Hotspot: Sendable, Hashable, Codable, Identifiable {
    public var id: Case.ID
    /// The member cases, oldest first.
    public var caseIDs: [Case.ID]
    /// The words that characterise it, most telling first (up to five, in Chinese as written: "149路", "甘肃大剧院").
    public var keywords: [String]
    public var reporterCount: Int
    /// The channels the reports came through, in the order they first appear.
    public var channels: [Channel]
    /// The township, village and grid codes of the reports, in the order they first appear.
    public var townships: [String]
    public var villages: [String]
    public var grids: [String]
    public var firstReported: Date
    public var lastReported: Date

    public var size: Int { caseIDs.count }

    init(members: [HotspotItem], keywords: [String]) {
        let members = members.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
        id = members[0].id
        caseIDs = members.map(\.id)
        self.keywords = keywords
        reporterCount = Set(members.map(\.reporterKey)).count
        channels = Self.ordered(members.map(\.channel))
        townships = Self.ordered(members.compactMap(\.place.township))
        villages = Self.ordered(members.compactMap(\.place.village))
        grids = Self.ordered(members.compactMap(\.place.grid))
        firstReported = members[0].time
        lastReported = members[members.count - 1].time
    }

    private static func ordered<T: Hashable>(_ values: [T]) -> [T] {
        var seen = Set<T>()
        return values.filter { seen.insert($0).inserted }
    }
}

/// What inserting one case did.
public struct HotspotUpdate: Sendable, Hashable {
    public var caseID: Case.ID
    /// The cluster the case is now in (its own identifier when it matched no cluster).
    public var clusterID: Case.ID
    /// The other cases it was linked to (similar enough, close enough in place and time), most similar first.
    public var linkedCaseIDs: [Case.ID]
    /// The hotspot the case belongs to, if its cluster is one.
    public var hotspot: Hotspot?
    /// True when this case made its cluster a hotspot (the desk is told once).
    public var isNewHotspot: Bool
}
