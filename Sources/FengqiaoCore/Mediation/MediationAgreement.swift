import Foundation

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
