import FengqiaoCore
import Hummingbird

/// The HTTP status of each refusal: who you are (403), what state the case is in (409), what you sent (422).
enum CaseErrorStatus {
    static func status(for error: CaseError) -> HTTPResponse.Status {
        switch error {
        case .forbiddenRole, .outsideJurisdiction, .notResponsibleCenter, .notTheDispatcher, .notAParticipant,
            .notTheLead, .channelNotAllowed:
            .forbidden
        case .notAllowedInState, .alreadyAccepted, .notYetAccepted, .extensionPending, .noPendingExtension,
            .alreadyAtCenter, .followUpRequired, .masterNotOpen, .inconsistentHistory:
            .conflict
        default:
            .unprocessableContent
        }
    }
}
