import Foundation

/// A mediator (调解员) in the public directory: who they are, where they serve, what they take on.
public struct Mediator: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<Mediator>

    public var id: ID
    public var name: String
    public var organisationID: Organisation.ID
    public var specialties: [DisputeType]
    /// The levels at which the mediator takes cases (village, township, county).
    public var levels: [RegionLevel]
    public var languages: [String]
    /// 金牌调解员
    public var goldMedal: Bool
    public var available: Bool
    /// A short introduction shown in the directory.
    public var profile: String
    /// The user account the mediator signs in with, when they have one.
    public var userID: User.ID?
    /// The photo on the directory card: the SHA-256 of a stored image (`FileRepository`).
    public var photo: String?
    /// When the mediator retired: they leave the directory and the 点单 choices but stay on their old cases.
    public var retiredAt: Date?

    public init(
        id: ID, name: String, organisationID: Organisation.ID, specialties: [DisputeType], levels: [RegionLevel],
        languages: [String], goldMedal: Bool, available: Bool, profile: String, userID: User.ID?,
        photo: String? = nil, retiredAt: Date? = nil
    ) {
        self.photo = photo
        self.retiredAt = retiredAt
        self.id = id
        self.name = name
        self.organisationID = organisationID
        self.specialties = specialties
        self.levels = levels
        self.languages = languages
        self.goldMedal = goldMedal
        self.available = available
        self.profile = profile
        self.userID = userID
    }

    /// In the directory and among the 点单 choices: not retired.
    public var isActive: Bool { retiredAt == nil }

    /// Takes 点单 requests: available and not retired.
    public var takesRequests: Bool { available && isActive }

    /// The card's fields as a `NewMediator`, to be changed and saved.
    public var details: NewMediator {
        NewMediator(
            name: name, organisationID: organisationID, specialties: specialties, levels: levels,
            languages: languages, goldMedal: goldMedal, available: available, profile: profile, userID: userID)
    }
}

public struct NewMediator: Sendable, Hashable, Codable {
    public var name: String
    public var organisationID: Organisation.ID
    public var specialties: [DisputeType]
    public var levels: [RegionLevel]
    public var languages: [String]
    public var goldMedal: Bool
    public var available: Bool
    public var profile: String
    public var userID: User.ID?

    public init(
        name: String, organisationID: Organisation.ID, specialties: [DisputeType], levels: [RegionLevel],
        languages: [String] = ["普通话"], goldMedal: Bool = false, available: Bool = true, profile: String = "",
        userID: User.ID? = nil
    ) {
        self.name = name
        self.organisationID = organisationID
        self.specialties = specialties
        self.levels = levels
        self.languages = languages
        self.goldMedal = goldMedal
        self.available = available
        self.profile = profile
        self.userID = userID
    }
}
