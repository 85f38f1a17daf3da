import FengqiaoCore
import Foundation
import Hummingbird

/// The body of `POST /api/v1/cases/{id}/actions/{action}`: `expectedVersion` plus the fields the action takes.
struct ActionRequest: Decodable, Sendable {
    let expectedVersion: Int?
    let answer: String?
    let reason: String?
    let note: String?
    let summary: String?
    let categoryCode: String?
    let urgency: Urgency?
    let difficulty: Difficulty?
    let competentLevel: RegionLevel?
    let lead: Organisation.ID?
    let assisting: [Organisation.ID]?
    let whistle: WhistleGrade?
    let workingDays: Int?
    let approved: Bool?
    let outcome: Outcome?
    let satisfaction: Satisfaction?
    let toCenter: Organisation.ID?
    let deadline: Date?
    let master: Case.ID?
    let result: MediationSession.Result?
    let heldAt: Date?
    let place: String?
    let online: Bool?
    let mode: SessionMode?
    let attendees: [Attendee]?
    let files: [String]?
    let mediator: Mediator.ID?
    let party: String?
    let consents: Bool?
    let nextStep: MediationNextStep?
    let agreement: AgreementDraft?
    let signedAt: Date?
    let court: Organisation.ID?
    let confirmed: Bool?
    let term: Int?
    let fulfilled: Bool?
    let score: Int?
    let comment: String?

    /// The domain command for `action`, or a 400 naming the first missing field. What the platform looks up (the
    /// center above, the ladder's next center, the mediators named) is left to `CaseWorkflow`.
    func command(for action: CaseAction) throws -> CaseCommand {
        func required<T>(_ value: T?, _ field: String) throws -> T {
            guard let value else {
                throw APIError.badRequest(
                    "request.missing_field",
                    Localized(zh: "缺少字段 \(field)。", en: "The field \(field) is required."))
            }
            return value
        }
        switch action {
        case .register:
            throw APIError.badRequest(
                "request.use_create", Localized(zh: "登记请用 POST /api/v1/cases。", en: "Register with POST /api/v1/cases.")
            )
        case .answer: return .answerConsultation(answer: try required(answer, "answer"))
        case .assess:
            return .assess(
                categoryCode: categoryCode, urgency: try required(urgency, "urgency"),
                difficulty: try required(difficulty, "difficulty"),
                competentLevel: try required(competentLevel, "competentLevel"))
        case .dispatch:
            return .dispatch(lead: try required(lead, "lead"), assisting: assisting ?? [], whistle: whistle)
        case .accept: return .accept
        case .return: return .giveBack(reason: try required(reason, "reason"))
        case .progress: return .addProgress(note: try required(note, "note"))
        case .requestExtension:
            return .requestExtension(
                workingDays: try required(workingDays, "workingDays"), reason: try required(reason, "reason"))
        case .decideExtension: return .decideExtension(approved: try required(approved, "approved"), note: note)
        case .resolve:
            return .resolve(outcome: try required(outcome, "outcome"), summary: try required(summary, "summary"))
        case .followUp: return .followUp(satisfaction: try required(satisfaction, "satisfaction"), note: note)
        case .close: return .close
        case .escalate: return .escalate(toCenter: toCenter, reason: try required(reason, "reason"))
        case .supervise:
            return .supervise(note: try required(note, "note"), deadline: try required(deadline, "deadline"))
        case .nudge: return .nudge(note: note)
        case .reopen: return .reopen(reason: try required(reason, "reason"))
        case .withdraw: return .withdraw(reason: try required(reason, "reason"))
        case .merge: return .markDuplicate(of: try required(master, "master"))
        case .requestInformation: return .requestInformation(note: try required(note, "note"))
        case .supplyInformation: return .supplyInformation(note: try required(note, "note"))
        case .recordSession:
            return .recordSession(
                result: try required(result, "result"), heldAt: heldAt, note: try required(note, "note"),
                details: SessionDetails(
                    place: place, online: online ?? false, mode: mode ?? .faceToFace, attendees: attendees ?? [],
                    files: files ?? []))
        case .climbLadder: return .climbLadder()
        case .applyTimeLimits, .raiseAlerts:
            throw CaseError.forbiddenRole(action)
        case .requestMediator: return .requestMediator(mediator: try required(mediator, "mediator"))
        case .takeMediation: return .takeMediation(mediator: mediator)
        case .declineMediation: return .declineMediation(reason: try required(reason, "reason"))
        case .assignMediator: return .assignMediator(mediator: try required(mediator, "mediator"))
        case .recordConsent:
            return .recordConsent(
                party: try required(party, "party"), consents: try required(consents, "consents"), nextStep: nextStep,
                note: note)
        case .draftAgreement: return .draftAgreement(try required(agreement, "agreement"))
        case .signAgreement: return .signAgreement(signedAt: signedAt)
        case .requestConfirmation: return .requestConfirmation(court: try required(court, "court"))
        case .recordRuling: return .recordRuling(confirmed: try required(confirmed, "confirmed"), note: note)
        case .checkTerm:
            return .checkTerm(
                term: try required(term, "term"), fulfilled: try required(fulfilled, "fulfilled"), note: note)
        case .rateMediation:
            return .rateMediation(party: party, score: try required(score, "score"), comment: comment)
        case .returnToCourt: return .returnToCourt(court: try required(court, "court"))
        }
    }
}
