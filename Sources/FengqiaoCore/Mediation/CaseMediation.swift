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

/// What happens when a party will not mediate (调解自愿): the refusal is an outcome with a next step.
public enum MediationNextStep: String, CaseIterable, Codable, Sendable {
    /// Handled another way (administrative handling, a department).
    case otherHandling
    /// Guided to litigation (引导诉讼).
    case litigation

    public var name: Localized {
        switch self {
        case .otherHandling: Localized(zh: "转其他方式处理", en: "Handled another way")
        case .litigation: Localized(zh: "引导通过诉讼解决", en: "Guided to litigation")
        }
    }
}

/// One party to a mediation agreement, with the identity details the document carries.
public struct AgreementParty: Sendable, Codable, Equatable, Hashable {
    public var name: String
    public var role: Party.Role
    public var idNumber: String?
    public var phone: String?
    public var address: String?

    public init(name: String, role: Party.Role, idNumber: String? = nil, phone: String? = nil, address: String? = nil) {
        self.name = name
        self.role = role
        self.idNumber = idNumber
        self.phone = phone
        self.address = address
    }
}

/// One agreed term: what, how, and by when it is fulfilled.
public struct AgreementTerm: Sendable, Codable, Equatable, Hashable {
    public var text: String
    /// How it is fulfilled (e.g. "一次性现金支付", "银行转账").
    public var method: String?
    /// By when; a dated term becomes a fulfilment follow-up task.
    public var dueDate: Date?

    public init(text: String, method: String? = nil, dueDate: Date? = nil) {
        self.text = text
        self.method = method
        self.dueDate = dueDate
    }
}

/// A draft of the mediation agreement (调解协议书): its parties, the facts and dispute, the agreed terms.
public struct AgreementDraft: Sendable, Codable, Equatable, Hashable {
    public var parties: [AgreementParty]
    public var facts: String
    public var terms: [AgreementTerm]

    public init(parties: [AgreementParty], facts: String, terms: [AgreementTerm]) {
        self.parties = parties
        self.facts = facts
        self.terms = terms
    }

    /// A first draft from the case: its named parties and its description.
    public static func from(_ current: Case) -> AgreementDraft {
        AgreementDraft(
            parties: current.parties.compactMap { party in
                party.name.map {
                    AgreementParty(
                        name: $0, role: party.role, idNumber: party.idNumber, phone: party.phone, address: party.address
                    )
                }
            },
            facts: current.description, terms: [])
    }
}

/// A version of the agreement as recorded in the case file.
public struct MediationAgreement: Sendable, Codable, Equatable, Hashable {
    public var version: Int
    public var draft: AgreementDraft
    public var draftedAt: Date
    public var organisationID: Organisation.ID?
    public var mediatorID: Mediator.ID?
    public var signedAt: Date?

    public init(
        version: Int, draft: AgreementDraft, draftedAt: Date, organisationID: Organisation.ID?,
        mediatorID: Mediator.ID?, signedAt: Date? = nil
    ) {
        self.version = version
        self.draft = draft
        self.draftedAt = draftedAt
        self.organisationID = organisationID
        self.mediatorID = mediatorID
        self.signedAt = signedAt
    }
}

/// 司法确认: the request to a court and its ruling.
public struct JudicialConfirmation: Sendable, Codable, Equatable, Hashable {
    public var court: Organisation.ID
    public var requestedAt: Date
    public var agreementVersion: Int
    /// Nil until the court rules.
    public var confirmed: Bool?
    public var ruledAt: Date?

    public init(
        court: Organisation.ID, requestedAt: Date, agreementVersion: Int, confirmed: Bool? = nil, ruledAt: Date? = nil
    ) {
        self.court = court
        self.requestedAt = requestedAt
        self.agreementVersion = agreementVersion
        self.confirmed = confirmed
        self.ruledAt = ruledAt
    }
}

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

/// Everything about mediation on a case, folded from its events.
public struct CaseMediation: Sendable, Codable, Equatable, Hashable {
    /// 点单: the mediator the citizen (or the center) asked for, awaiting their 接单.
    public var requestedMediator: Mediator.ID?
    public var requestedOrganisation: Organisation.ID?
    /// The mediator who took the case.
    public var mediatorID: Mediator.ID?
    public var mediatorOrganisationID: Organisation.ID?
    public var assignedAt: Date?
    /// Mediators who declined, with their reasons.
    public var declines: [Decline]
    /// Each party's consent (调解自愿).
    public var consents: [Consent]
    public var refusal: Refusal?
    public var agreements: [MediationAgreement]
    public var confirmation: JudicialConfirmation?
    /// Fulfilment checks of the signed agreement's terms, by term index.
    public var termChecks: [TermCheck]
    public var ratings: [MediationRating]
    /// 诉前委派调解: the court the outcome went back to.
    public var returnedToCourt: Organisation.ID?

    public struct Decline: Sendable, Codable, Equatable, Hashable {
        public var mediatorID: Mediator.ID
        public var reason: String
        public var at: Date
    }

    public struct Consent: Sendable, Codable, Equatable, Hashable {
        public var party: String
        public var consents: Bool
        public var at: Date
    }

    public struct Refusal: Sendable, Codable, Equatable, Hashable {
        public var party: String
        public var nextStep: MediationNextStep
        public var at: Date
    }

    public struct TermCheck: Sendable, Codable, Equatable, Hashable {
        public var term: Int
        public var fulfilled: Bool
        public var at: Date
    }

    public init() {
        declines = []
        consents = []
        agreements = []
        termChecks = []
        ratings = []
    }

    /// The latest version of the agreement.
    public var agreement: MediationAgreement? { agreements.last }
    /// The signed agreement, if any (the latest signed version).
    public var signedAgreement: MediationAgreement? { agreements.last { $0.signedAt != nil } }

    /// The dated terms of the signed agreement not yet checked as fulfilled: the fulfilment follow-up tasks.
    public var openTerms: [(index: Int, term: AgreementTerm)] {
        guard let signed = signedAgreement else { return [] }
        let done = Set(termChecks.filter(\.fulfilled).map(\.term))
        return signed.draft.terms.enumerated().compactMap { index, term in
            term.dueDate != nil && !done.contains(index) ? (index, term) : nil
        }
    }
}
