import Foundation

/// A party's rating of the mediation (评单).
public struct MediationRating: Sendable, Codable, Equatable, Hashable {
    public var party: String
    public var score: Int
    public var comment: String?
    public var at: Date

    public init(party: String, score: Int, comment: String?, at: Date) {
        self.party = party
        self.score = score
        self.comment = comment
        self.at = at
    }
}
