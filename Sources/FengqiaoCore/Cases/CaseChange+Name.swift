extension CaseChange {
    /// A stable name for the kind of change, stored beside each event and shown in the API's case file.
    public var name: String {
        switch self {
        case .accepted: "accepted"
        case .partyAdded: "partyAdded"
        case .partyCorrected: "partyCorrected"
        case .partyRemoved: "partyRemoved"
        case .answered: "answered"
        case .assessed: "assessed"
        case .closed: "closed"
        case .dispatched: "dispatched"
        case .duplicateAttached: "duplicateAttached"
        case .escalated: "escalated"
        case .extensionDecided: "extensionDecided"
        case .extensionRequested: "extensionRequested"
        case .followedUp: "followedUp"
        case .merged: "merged"
        case .nudged: "nudged"
        case .progressed: "progressed"
        case .registered: "registered"
        case .reopened: "reopened"
        case .resolved: "resolved"
        case .returned: "returned"
        case .supervised: "supervised"
        case .withdrawn: "withdrawn"
        case .timeLimitsApplied: "timeLimitsApplied"
        case .informationRequested: "informationRequested"
        case .informationSupplied: "informationSupplied"
        case .sessionHeld: "sessionHeld"
        case .clockAlerted: "clockAlerted"
        case .ladderExhausted: "ladderExhausted"
        case .ladderStepReached: "ladderStepReached"
        case .ladderClimbed: "ladderClimbed"
        case .mediatorRequested: "mediatorRequested"
        case .mediatorAssigned: "mediatorAssigned"
        case .mediatorDeclined: "mediatorDeclined"
        case .consentRecorded: "consentRecorded"
        case .mediationRefused: "mediationRefused"
        case .agreementDrafted: "agreementDrafted"
        case .agreementSigned: "agreementSigned"
        case .confirmationRequested: "confirmationRequested"
        case .confirmationRuled: "confirmationRuled"
        case .termChecked: "termChecked"
        case .mediationRated: "mediationRated"
        case .returnedToCourt: "returnedToCourt"
        }
    }
}

extension CaseChange {
    /// The organisations this change names (a lead, who accepted or returned it, a center, a mediation
    /// organisation, a court): those whose names a case file and its narrative show.
    public var organisationsNamed: [Organisation.ID] {
        switch self {
        case .dispatched(_, let lead, _, _): [lead]
        case .accepted(let organisation), .returned(let organisation): [organisation]
        case .escalated(_, let center), .ladderClimbed(_, let center): [center]
        case .mediatorRequested(_, let organisation), .mediatorAssigned(_, let organisation): [organisation]
        case .confirmationRequested(let court, _), .returnedToCourt(let court): [court]
        default: []
        }
    }
}
