import FengqiaoCore
import Foundation

/// A case's mediation as the API returns it: the mediator asked for (点单) while the request waits, the mediator
/// handling it, and every session held with where, how and who attended (names of attending parties masked with
/// the case's other personal data).
struct MediationResource: Codable, Sendable {
    struct SessionResource: Codable, Sendable {
        let heldAt: Date
        let result: MediationSession.Result
        let resultName: LocalizedText
        let level: RegionLevel?
        let organisationID: Organisation.ID?
        let mediatorID: Mediator.ID?
        let place: String?
        let online: Bool?
        let mode: SessionMode?
        let modeName: LocalizedText?
        let attendees: [Attendee]
        let files: [String]

        init(_ session: MediationSession) {
            heldAt = session.heldAt
            result = session.result
            resultName = LocalizedText(session.result.name)
            level = session.level
            organisationID = session.organisationID
            mediatorID = session.mediatorID
            place = session.details?.place
            online = session.details?.online
            mode = session.details?.mode
            modeName = session.details.map { LocalizedText($0.mode.name) }
            attendees = session.details?.attendees ?? []
            files = session.details?.files ?? []
        }
    }

    let requestedMediatorID: Mediator.ID?
    let mediatorID: Mediator.ID?
    let mediatorOrganisationID: Organisation.ID?
    let sessions: [SessionResource]
    let agreementVersions: Int
    let agreementSigned: Bool

    /// Nil for a case that never came near mediation.
    init?(_ current: Case) {
        let mediation = current.mediation
        let sessions = current.timing.sessions
        guard
            mediation.requestedMediator != nil || mediation.mediatorID != nil || !sessions.isEmpty
                || !mediation.agreements.isEmpty
        else { return nil }
        requestedMediatorID = mediation.requestedMediator
        mediatorID = mediation.mediatorID
        mediatorOrganisationID = mediation.mediatorOrganisationID
        self.sessions = sessions.map(SessionResource.init)
        agreementVersions = mediation.agreements.count
        agreementSigned = mediation.signedAgreement != nil
    }
}
