import FengqiaoAPI
import FengqiaoCore
import Foundation

/// A case action's body as the contract types it: `openapi.yaml` gives every action its own body schema, generated
/// into FengqiaoAPI. The JSON API (`CaseActionAPI`) and the workspace forms (`WebForm.actionBody`) decode into these
/// same types, and each says which domain command it stands for; what the platform looks up (the center above, the
/// mediators named) is left to `CaseWorkflow`.
protocol CaseActionBody: Decodable, Sendable {
    static var action: CaseAction { get }
    var expectedVersion: Int? { get }
    func command() throws -> CaseCommand
}

extension CaseAction {
    /// The contract's body of this action; nil for those not taken through the API or the forms (registration has
    /// its own operation; time limits and alerts are the platform's).
    var bodyType: (any CaseActionBody.Type)? {
        switch self {
        case .register, .applyTimeLimits, .raiseAlerts: nil
        case .answer: Components.Schemas.AnswerBody.self
        case .assess: Components.Schemas.AssessBody.self
        case .dispatch: Components.Schemas.DispatchBody.self
        case .accept: Components.Schemas.AcceptBody.self
        case .`return`: Components.Schemas.ReturnCaseBody.self
        case .progress: Components.Schemas.ProgressBody.self
        case .requestExtension: Components.Schemas.RequestExtensionBody.self
        case .decideExtension: Components.Schemas.DecideExtensionBody.self
        case .resolve: Components.Schemas.ResolveBody.self
        case .followUp: Components.Schemas.FollowUpBody.self
        case .close: Components.Schemas.CloseBody.self
        case .escalate: Components.Schemas.EscalateBody.self
        case .supervise: Components.Schemas.SuperviseBody.self
        case .nudge: Components.Schemas.NudgeBody.self
        case .reopen: Components.Schemas.ReopenBody.self
        case .withdraw: Components.Schemas.WithdrawBody.self
        case .merge: Components.Schemas.MergeBody.self
        case .requestInformation: Components.Schemas.RequestInformationBody.self
        case .supplyInformation: Components.Schemas.SupplyInformationBody.self
        case .recordSession: Components.Schemas.RecordSessionBody.self
        case .climbLadder: Components.Schemas.ClimbLadderBody.self
        case .requestMediator: Components.Schemas.RequestMediatorBody.self
        case .takeMediation: Components.Schemas.TakeMediationBody.self
        case .declineMediation: Components.Schemas.DeclineMediationBody.self
        case .assignMediator: Components.Schemas.AssignMediatorBody.self
        case .recordConsent: Components.Schemas.RecordConsentBody.self
        case .draftAgreement: Components.Schemas.DraftAgreementBody.self
        case .signAgreement: Components.Schemas.SignAgreementBody.self
        case .requestConfirmation: Components.Schemas.RequestConfirmationBody.self
        case .recordRuling: Components.Schemas.RecordRulingBody.self
        case .checkTerm: Components.Schemas.CheckTermBody.self
        case .rateMediation: Components.Schemas.RateMediationBody.self
        case .returnToCourt: Components.Schemas.ReturnToCourtBody.self
        case .editParties: Components.Schemas.EditPartiesBody.self
        }
    }
}

/// A contract enumeration as the domain's of the same raw value (`OpenAPITests` keeps the two lists equal).
private func domain<Value: RawRepresentable<String>>(_ value: some RawRepresentable<String>) throws -> Value {
    guard let converted = Value(rawValue: value.rawValue) else {
        throw APIError.badRequest(
            "request.invalid_field",
            Localized(zh: "无法识别的取值“\(value.rawValue)”。", en: "The value \"\(value.rawValue)\" is not known."))
    }
    return converted
}

/// A nested contract object (attendees, an agreement) as the domain type the same JSON decodes to.
private func recoded<Value: Decodable>(_ value: some Encodable, as type: Value.Type) throws -> Value {
    try APIJSON.decoder.decode(type, from: APIJSON.encoder.encode(value))
}

extension Components.Schemas.AnswerBody: CaseActionBody {
    static var action: CaseAction { .answer }
    func command() throws -> CaseCommand {
        .answerConsultation(answer: answer)
    }
}

extension Components.Schemas.AssessBody: CaseActionBody {
    static var action: CaseAction { .assess }
    func command() throws -> CaseCommand {
        .assess(
            categoryCode: categoryCode, urgency: try domain(urgency), difficulty: try domain(difficulty),
            competentLevel: try domain(competentLevel))
    }
}

extension Components.Schemas.DispatchBody: CaseActionBody {
    static var action: CaseAction { .dispatch }
    func command() throws -> CaseCommand {
        .dispatch(
            lead: Organisation.ID(Int64(lead)), assisting: (assisting ?? []).map { Organisation.ID(Int64($0)) },
            whistle: try whistle.map { try domain($0) })
    }
}

extension Components.Schemas.AcceptBody: CaseActionBody {
    static var action: CaseAction { .accept }
    func command() throws -> CaseCommand {
        .accept
    }
}

extension Components.Schemas.ReturnCaseBody: CaseActionBody {
    static var action: CaseAction { .`return` }
    func command() throws -> CaseCommand {
        .giveBack(reason: reason)
    }
}

extension Components.Schemas.ProgressBody: CaseActionBody {
    static var action: CaseAction { .progress }
    func command() throws -> CaseCommand {
        // The type and size are the upload's: `CaseActions` looks them up by the hash before the step is taken.
        .addProgress(note: note, tellCitizen: tellCitizen ?? false, attachments: stepFiles(attachments))
    }
}

extension Components.Schemas.RequestExtensionBody: CaseActionBody {
    static var action: CaseAction { .requestExtension }
    func command() throws -> CaseCommand {
        .requestExtension(workingDays: workingDays, reason: reason)
    }
}

extension Components.Schemas.DecideExtensionBody: CaseActionBody {
    static var action: CaseAction { .decideExtension }
    func command() throws -> CaseCommand {
        .decideExtension(approved: approved, note: note)
    }
}

extension Components.Schemas.ResolveBody: CaseActionBody {
    static var action: CaseAction { .resolve }
    func command() throws -> CaseCommand {
        .resolve(outcome: try domain(outcome), summary: summary, attachments: stepFiles(attachments))
    }
}

extension Components.Schemas.FollowUpBody: CaseActionBody {
    static var action: CaseAction { .followUp }
    func command() throws -> CaseCommand {
        .followUp(satisfaction: try domain(satisfaction), note: note)
    }
}

extension Components.Schemas.CloseBody: CaseActionBody {
    static var action: CaseAction { .close }
    func command() throws -> CaseCommand {
        .close
    }
}

extension Components.Schemas.EscalateBody: CaseActionBody {
    static var action: CaseAction { .escalate }
    func command() throws -> CaseCommand {
        .escalate(toCenter: toCenter.map { Organisation.ID(Int64($0)) }, reason: reason)
    }
}

extension Components.Schemas.SuperviseBody: CaseActionBody {
    static var action: CaseAction { .supervise }
    func command() throws -> CaseCommand {
        .supervise(note: note, deadline: deadline)
    }
}

extension Components.Schemas.NudgeBody: CaseActionBody {
    static var action: CaseAction { .nudge }
    func command() throws -> CaseCommand {
        .nudge(note: note)
    }
}

extension Components.Schemas.ReopenBody: CaseActionBody {
    static var action: CaseAction { .reopen }
    func command() throws -> CaseCommand {
        .reopen(reason: reason)
    }
}

extension Components.Schemas.WithdrawBody: CaseActionBody {
    static var action: CaseAction { .withdraw }
    func command() throws -> CaseCommand {
        .withdraw(reason: reason)
    }
}

extension Components.Schemas.MergeBody: CaseActionBody {
    static var action: CaseAction { .merge }
    func command() throws -> CaseCommand {
        .markDuplicate(of: Case.ID(Int64(master)))
    }
}

extension Components.Schemas.RequestInformationBody: CaseActionBody {
    static var action: CaseAction { .requestInformation }
    func command() throws -> CaseCommand {
        .requestInformation(note: note)
    }
}

extension Components.Schemas.SupplyInformationBody: CaseActionBody {
    static var action: CaseAction { .supplyInformation }
    func command() throws -> CaseCommand {
        .supplyInformation(note: note)
    }
}

extension Components.Schemas.RecordSessionBody: CaseActionBody {
    static var action: CaseAction { .recordSession }
    func command() throws -> CaseCommand {
        .recordSession(
            result: try domain(result), heldAt: heldAt, note: note,
            details: SessionDetails(
                place: place, online: online ?? false, mode: try mode.map { try domain($0) } ?? .faceToFace,
                attendees: try recoded(attendees ?? [], as: [Attendee].self), files: files ?? []))
    }
}

extension Components.Schemas.ClimbLadderBody: CaseActionBody {
    static var action: CaseAction { .climbLadder }
    func command() throws -> CaseCommand {
        .climbLadder()
    }
}

extension Components.Schemas.RequestMediatorBody: CaseActionBody {
    static var action: CaseAction { .requestMediator }
    func command() throws -> CaseCommand {
        .requestMediator(mediator: Mediator.ID(Int64(mediator)))
    }
}

extension Components.Schemas.TakeMediationBody: CaseActionBody {
    static var action: CaseAction { .takeMediation }
    func command() throws -> CaseCommand {
        .takeMediation(mediator: mediator.map { Mediator.ID(Int64($0)) })
    }
}

extension Components.Schemas.DeclineMediationBody: CaseActionBody {
    static var action: CaseAction { .declineMediation }
    func command() throws -> CaseCommand {
        .declineMediation(reason: reason)
    }
}

extension Components.Schemas.AssignMediatorBody: CaseActionBody {
    static var action: CaseAction { .assignMediator }
    func command() throws -> CaseCommand {
        .assignMediator(mediator: Mediator.ID(Int64(mediator)))
    }
}

extension Components.Schemas.RecordConsentBody: CaseActionBody {
    static var action: CaseAction { .recordConsent }
    func command() throws -> CaseCommand {
        .recordConsent(party: party, consents: consents, nextStep: try nextStep.map { try domain($0) }, note: note)
    }
}

extension Components.Schemas.DraftAgreementBody: CaseActionBody {
    static var action: CaseAction { .draftAgreement }
    func command() throws -> CaseCommand {
        .draftAgreement(try recoded(agreement, as: AgreementDraft.self))
    }
}

extension Components.Schemas.SignAgreementBody: CaseActionBody {
    static var action: CaseAction { .signAgreement }
    func command() throws -> CaseCommand {
        .signAgreement(signedAt: signedAt)
    }
}

extension Components.Schemas.RequestConfirmationBody: CaseActionBody {
    static var action: CaseAction { .requestConfirmation }
    func command() throws -> CaseCommand {
        .requestConfirmation(court: Organisation.ID(Int64(court)))
    }
}

extension Components.Schemas.RecordRulingBody: CaseActionBody {
    static var action: CaseAction { .recordRuling }
    func command() throws -> CaseCommand {
        .recordRuling(confirmed: confirmed, note: note)
    }
}

extension Components.Schemas.CheckTermBody: CaseActionBody {
    static var action: CaseAction { .checkTerm }
    func command() throws -> CaseCommand {
        .checkTerm(term: term, fulfilled: fulfilled, note: note)
    }
}

extension Components.Schemas.RateMediationBody: CaseActionBody {
    static var action: CaseAction { .rateMediation }
    func command() throws -> CaseCommand {
        .rateMediation(party: party, score: score, comment: comment)
    }
}

extension Components.Schemas.ReturnToCourtBody: CaseActionBody {
    static var action: CaseAction { .returnToCourt }
    func command() throws -> CaseCommand {
        .returnToCourt(court: Organisation.ID(Int64(court)))
    }
}

extension Components.Schemas.EditPartiesBody: CaseActionBody {
    static var action: CaseAction { .editParties }
    func command() throws -> CaseCommand {
        func required<Value>(_ value: Value?, _ field: String) throws -> Value {
            guard let value else {
                throw APIError.badRequest(
                    "request.missing_field",
                    Localized(zh: "缺少必填字段“\(field)”。", en: "The required field \"\(field)\" is missing."))
            }
            return value
        }
        func domainParty() throws -> Party {
            let given = try required(party, "party")
            return Party(
                role: try given.role.map { try domain($0) } ?? .other, name: given.name, phone: given.phone,
                idNumber: given.idNumber, address: given.address)
        }
        switch operation {
        case .add: return .editParties(.add(try domainParty()))
        case .correct: return .editParties(.correct(index: try required(index, "index"), party: try domainParty()))
        case .remove:
            return .editParties(.remove(index: try required(index, "index"), reason: try required(reason, "reason")))
        }
    }
}

/// The files a step names by the hashes of their uploads. The type and size are the upload's: `CaseActions` looks
/// them up (and refuses a hash that is not the caller's upload) before the step is taken.
func stepFiles(_ named: [Components.Schemas.StepAttachment]?) -> [Attachment] {
    (named ?? []).map {
        Attachment(
            fileName: $0.fileName ?? "photo", contentType: "application/octet-stream", size: 0, sha256: $0.sha256)
    }
}
