extension CaseChange {
    /// A stable name for the kind of change, stored beside each event and shown in the API's case file.
    public var name: String {
        switch self {
        case .accepted: "accepted"
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
        }
    }
}
