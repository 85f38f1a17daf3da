import Foundation

/// A mediation session (调解会): its result (an unsuccessful one counts on the ladder), level, and details.
public struct MediationSession: Sendable, Codable, Equatable, Hashable {
    public enum Result: String, CaseIterable, Codable, Sendable {
        /// 调解成功: the parties agreed.
        case agreed
        /// 调解未成功: the session ended without agreement; it counts on the ladder.
        case failed
        /// 休会: adjourned to another session; it does not count.
        case adjourned

        public var name: Localized {
            switch self {
            case .agreed: Localized(zh: "调解成功", en: "Agreed")
            case .failed: Localized(zh: "调解未成功", en: "No agreement")
            case .adjourned: Localized(zh: "休会", en: "Adjourned")
            }
        }
    }

    public var heldAt: Date
    public var result: Result
    /// The ladder level the session was held at, when a ladder applies.
    public var level: RegionLevel?
    public var organisationID: Organisation.ID?
    /// Place or online, mode (面对面 / 背对背), attendees, files.
    public var details: SessionDetails?
    public var mediatorID: Mediator.ID?

    public init(
        heldAt: Date, result: Result, level: RegionLevel? = nil, organisationID: Organisation.ID? = nil,
        details: SessionDetails? = nil, mediatorID: Mediator.ID? = nil
    ) {
        self.heldAt = heldAt
        self.result = result
        self.level = level
        self.organisationID = organisationID
        self.details = details
        self.mediatorID = mediatorID
    }
}
