import Foundation

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
