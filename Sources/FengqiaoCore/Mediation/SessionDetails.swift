import Foundation

/// Who takes part in a mediation session besides the parties and the mediators ("三官一顾问+N", "四所一庭一中心").
public enum AttendeeRole: String, CaseIterable, Codable, Sendable {
    case party
    case mediator
    case lawyer
    case psychologist
    case elder
    case policeOfficer
    case judge
    case prosecutor
    case gridWorker
    case other

    public var name: Localized {
        switch self {
        case .party: Localized(zh: "当事人", en: "Party")
        case .mediator: Localized(zh: "调解员", en: "Mediator")
        case .lawyer: Localized(zh: "律师", en: "Lawyer")
        case .psychologist: Localized(zh: "心理咨询师", en: "Psychologist")
        case .elder: Localized(zh: "乡贤（德高望重者）", en: "Respected elder")
        case .policeOfficer: Localized(zh: "民警", en: "Police officer")
        case .judge: Localized(zh: "法官", en: "Judge")
        case .prosecutor: Localized(zh: "检察官", en: "Prosecutor")
        case .gridWorker: Localized(zh: "网格员", en: "Grid worker")
        case .other: Localized(zh: "其他", en: "Other")
        }
    }
}
public struct Attendee: Sendable, Codable, Equatable, Hashable {
    public var name: String
    public var role: AttendeeRole

    public init(name: String, role: AttendeeRole) {
        self.name = name
        self.role = role
    }
}
/// 面对面 or 背对背.
public enum SessionMode: String, CaseIterable, Codable, Sendable {
    case faceToFace
    case backToBack

    public var name: Localized {
        switch self {
        case .faceToFace: Localized(zh: "面对面", en: "Face to face")
        case .backToBack: Localized(zh: "背对背", en: "Back to back")
        }
    }
}
/// Where and how a session is held (the details `recordSession` may carry).
public struct SessionDetails: Sendable, Codable, Equatable, Hashable {
    /// A place, or nil when online.
    public var place: String?
    public var online: Bool
    public var mode: SessionMode
    public var attendees: [Attendee]
    /// Files (SHA-256 of uploaded files): minutes, photos.
    public var files: [String]

    public init(
        place: String? = nil, online: Bool = false, mode: SessionMode = .faceToFace, attendees: [Attendee] = [],
        files: [String] = []
    ) {
        self.place = place
        self.online = online
        self.mode = mode
        self.attendees = attendees
        self.files = files
    }
}
