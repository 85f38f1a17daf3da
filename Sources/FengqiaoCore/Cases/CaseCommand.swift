import Foundation

/// Something a person asks to do to an existing case. `CaseLifecycle.decide` accepts or refuses it.
public enum CaseCommand: Sendable, Codable, Equatable {
    /// 当场答复: answer a consultation and close it.
    case answerConsultation(answer: String)
    /// 研判: classify and grade.
    case assess(categoryCode: String?, urgency: Urgency, difficulty: Difficulty, competentLevel: RegionLevel)
    /// 派单 to a lead organisation, with assisting ones for joint handling (吹哨报到).
    case dispatch(lead: Organisation.ID, assisting: [Organisation.ID], whistle: WhistleGrade?)
    /// 接单, for the actor's organisation.
    case accept
    /// 退单 (`return` is a keyword), for the actor's organisation.
    case giveBack(reason: String)
    /// A progress note: a call, a visit, a mediation session. `tellCitizen`: the note is meant for the citizen
    /// (告知群众) and shows on the tracking page; otherwise it stays internal. `attachments`: photos or documents of
    /// this step (a department's photo of the fix), already stored; shown to the citizen with a note meant for them.
    case addProgress(note: String, tellCitizen: Bool = false, attachments: [Attachment] = [])
    /// 延期申请
    case requestExtension(workingDays: Int, reason: String)
    /// The dispatching center approves or rejects the pending extension request (a note is required to reject).
    case decideExtension(approved: Bool, note: String?)
    /// 办结
    /// `attachments`: photos or files of the result (the fix), already stored; the citizen sees them with the summary.
    case resolve(outcome: Outcome, summary: String, attachments: [Attachment] = [])
    /// 回访: the citizen's verdict. Dissatisfied reopens the case (重办).
    case followUp(satisfaction: Satisfaction, note: String?)
    /// 归档 / 销号
    case close
    /// 上报 to the parent level's center; nil: the center above the case's own (`CaseWorkflow` finds it).
    case escalate(toCenter: Organisation.ID?, reason: String)
    /// 督办: a note with a deadline to whoever holds the case.
    case supervise(note: String, deadline: Date)
    /// 拍一拍: a leader's nudge to whoever holds the case.
    case nudge(note: String?)
    /// Reopen a solved matter that has flared up again (反弹).
    case reopen(reason: String)
    /// 撤回, by the citizen or by staff on their behalf.
    case withdraw(reason: String)
    /// Marks this case as a duplicate of `of`. `decide` returns the duplicate's side only; use
    /// `CaseLifecycle.merge(duplicate:into:by:at:)`, which also returns the master's events.
    case markDuplicate(of: Case.ID)
    /// 待补充材料: ask the citizen for information; every clock pauses until it arrives.
    case requestInformation(note: String)
    /// The citizen's information (from the tracking page, or taken down by staff); the clocks resume.
    case supplyInformation(note: String)
    /// A mediation session (调解会) held by a participant; an unsuccessful one counts on the ladder.
    case recordSession(result: MediationSession.Result, heldAt: Date?, note: String, details: SessionDetails? = nil)
    /// 移交上一级调解: moves an exhausted ladder level's case to the next level's center (the store finds it).
    /// nil: the center the ladder's next level sits at (`CaseWorkflow.climbTarget`).
    case climbLadder(toCenter: Organisation.ID? = nil)
    /// The system records the time limits that apply (`TimeLimitBook.limits(for:centerLevel:)`).
    case applyTimeLimits(AppliedTimeLimits)
    /// The system places the case at a ladder level after a dispatch (`LadderProgress.placement(forLeadAt:)`).
    case placeOnLadder(step: Int)
    /// The scheduler raises due alerts; red ones bring a supervision order (督办) due by `supervisionDeadline`.
    case raiseAlerts([Deadline], supervisionDeadline: Date)
    /// 点单: the citizen (or the center) asks for a mediator from the directory.
    /// `organisation` nil: the mediator's own, from the directory; `CaseWorkflow` refuses an unknown or unavailable
    /// mediator.
    case requestMediator(mediator: Mediator.ID, organisation: Organisation.ID? = nil)
    /// 接单 by the mediator asked for: the case goes to their organisation, accepted.
    /// nil: the mediator record of the acting user.
    case takeMediation(mediator: Mediator.ID?)
    /// The mediator asked for declines, with a reason; the center assigns someone else.
    case declineMediation(reason: String)
    /// The lead mediation organisation names the mediator who handles the case.
    case assignMediator(mediator: Mediator.ID)
    /// A party consents to mediation or refuses it (调解自愿); a refusal needs the next step.
    case recordConsent(party: String, consents: Bool, nextStep: MediationNextStep?, note: String?)
    /// A version of the agreement (调解协议书).
    case draftAgreement(AgreementDraft)
    /// The parties signed the latest version.
    case signAgreement(signedAt: Date?)
    /// 司法确认: the signed agreement goes to a court.
    case requestConfirmation(court: Organisation.ID)
    /// The court's ruling on the confirmation request.
    case recordRuling(confirmed: Bool, note: String?)
    /// A fulfilment check of a dated term; a missed term reopens a resolved case (反弹).
    case checkTerm(term: Int, fulfilled: Bool, note: String?)
    /// 评单: a party rates the mediation, 1–5.
    case rateMediation(party: String?, score: Int, comment: String?)
    /// 诉前委派调解: the outcome goes back to the referring court.
    case returnToCourt(court: Organisation.ID)
    /// 当事人: add a party, correct one (by its place in the list, 0-based), or remove one entered by mistake.
    case editParties(PartyEdit)

    public var action: CaseAction {
        switch self {
        case .answerConsultation: .answer
        case .assess: .assess
        case .dispatch: .dispatch
        case .accept: .accept
        case .giveBack: .return
        case .addProgress: .progress
        case .requestExtension: .requestExtension
        case .decideExtension: .decideExtension
        case .resolve: .resolve
        case .followUp: .followUp
        case .close: .close
        case .escalate: .escalate
        case .supervise: .supervise
        case .nudge: .nudge
        case .reopen: .reopen
        case .withdraw: .withdraw
        case .markDuplicate: .merge
        case .requestInformation: .requestInformation
        case .supplyInformation: .supplyInformation
        case .recordSession: .recordSession
        case .climbLadder: .climbLadder
        case .applyTimeLimits, .placeOnLadder: .applyTimeLimits
        case .raiseAlerts: .raiseAlerts
        case .requestMediator: .requestMediator
        case .takeMediation: .takeMediation
        case .declineMediation: .declineMediation
        case .assignMediator: .assignMediator
        case .recordConsent: .recordConsent
        case .draftAgreement: .draftAgreement
        case .signAgreement: .signAgreement
        case .requestConfirmation: .requestConfirmation
        case .recordRuling: .recordRuling
        case .checkTerm: .checkTerm
        case .rateMediation: .rateMediation
        case .returnToCourt: .returnToCourt
        case .editParties: .editParties
        }
    }

    /// The stable action name used in URLs (`POST /api/v1/cases/{id}/actions/{name}`).
    public var name: String { action.rawValue }
}

/// The things that can be done to a case, by their stable names (used in URLs and permission tables).
public enum CaseAction: String, CaseIterable, Codable, Sendable {
    case register
    case answer
    case assess
    case dispatch
    case accept
    case `return`
    case progress
    case requestExtension = "request-extension"
    case decideExtension = "decide-extension"
    case resolve
    case followUp = "follow-up"
    case close
    case escalate
    case supervise
    case nudge
    case reopen
    case withdraw
    case merge
    case requestInformation = "request-information"
    case supplyInformation = "supply-information"
    case recordSession = "record-session"
    case climbLadder = "climb-ladder"
    case applyTimeLimits = "apply-time-limits"
    case raiseAlerts = "raise-alerts"
    case requestMediator = "request-mediator"
    case takeMediation = "take-mediation"
    case declineMediation = "decline-mediation"
    case assignMediator = "assign-mediator"
    case recordConsent = "record-consent"
    case draftAgreement = "draft-agreement"
    case signAgreement = "sign-agreement"
    case requestConfirmation = "request-confirmation"
    case recordRuling = "record-ruling"
    case checkTerm = "check-term"
    case rateMediation = "rate-mediation"
    case returnToCourt = "return-to-court"
    case editParties = "edit-parties"

    /// The verb as a button says it.
    public var name: Localized {
        switch self {
        case .register: Localized(zh: "登记", en: "Register")
        case .answer: Localized(zh: "答复咨询", en: "Answer")
        case .assess: Localized(zh: "研判", en: "Assess")
        case .dispatch: Localized(zh: "派单", en: "Dispatch")
        case .accept: Localized(zh: "接单", en: "Accept")
        case .return: Localized(zh: "退单", en: "Return")
        case .progress: Localized(zh: "填写办理进展", en: "Add progress")
        case .requestExtension: Localized(zh: "申请延期", en: "Request extension")
        case .decideExtension: Localized(zh: "审批延期", en: "Decide extension")
        case .resolve: Localized(zh: "办结", en: "Resolve")
        case .followUp: Localized(zh: "回访", en: "Follow up")
        case .close: Localized(zh: "归档", en: "Close")
        case .escalate: Localized(zh: "上报", en: "Escalate")
        case .supervise: Localized(zh: "督办", en: "Supervise")
        case .nudge: Localized(zh: "拍一拍", en: "Nudge")
        case .reopen: Localized(zh: "重新办理", en: "Reopen")
        case .withdraw: Localized(zh: "撤回", en: "Withdraw")
        case .merge: Localized(zh: "合并", en: "Merge")
        case .requestInformation: Localized(zh: "请群众补充材料", en: "Ask for information")
        case .supplyInformation: Localized(zh: "补充材料", en: "Supply information")
        case .recordSession: Localized(zh: "记录调解", en: "Record a session")
        case .climbLadder: Localized(zh: "移交上一级调解", en: "Move up a mediation level")
        case .applyTimeLimits: Localized(zh: "适用时限规则", en: "Apply time limits")
        case .raiseAlerts: Localized(zh: "时限提醒", en: "Raise time-limit alerts")
        case .requestMediator: Localized(zh: "点单（选择调解员）", en: "Choose a mediator")
        case .takeMediation: Localized(zh: "接单调解", en: "Take the mediation")
        case .declineMediation: Localized(zh: "谢绝调解", en: "Decline the mediation")
        case .assignMediator: Localized(zh: "指定调解员", en: "Assign a mediator")
        case .recordConsent: Localized(zh: "记录调解意愿", en: "Record consent")
        case .draftAgreement: Localized(zh: "起草调解协议", en: "Draft the agreement")
        case .signAgreement: Localized(zh: "协议签字", en: "Mark the agreement signed")
        case .requestConfirmation: Localized(zh: "申请司法确认", en: "Request judicial confirmation")
        case .recordRuling: Localized(zh: "记录司法确认结果", en: "Record the court's ruling")
        case .checkTerm: Localized(zh: "履行回访", en: "Check fulfilment")
        case .rateMediation: Localized(zh: "评单", en: "Rate the mediation")
        case .returnToCourt: Localized(zh: "反馈委派法院", en: "Report back to the court")
        case .editParties: Localized(zh: "添加或更正当事人", en: "Add or correct parties")
        }
    }

    /// The English clause for a refusal: "The case is closed; it cannot be dispatched."
    var refusal: String {
        switch self {
        case .register: "it cannot be registered again"
        case .answer: "it cannot be answered as a consultation"
        case .assess: "it cannot be assessed"
        case .dispatch: "it cannot be dispatched"
        case .accept: "it cannot be accepted"
        case .return: "it cannot be returned"
        case .progress: "no progress can be recorded"
        case .requestExtension: "no extension can be requested"
        case .decideExtension: "no extension can be decided"
        case .resolve: "it cannot be resolved"
        case .followUp: "it cannot be followed up"
        case .close: "it cannot be closed"
        case .escalate: "it cannot be escalated"
        case .supervise: "it cannot be supervised"
        case .nudge: "no nudge can be sent"
        case .reopen: "it cannot be reopened"
        case .withdraw: "it cannot be withdrawn"
        case .merge: "it cannot be merged"
        case .requestInformation: "no information can be asked for"
        case .supplyInformation: "no information can be supplied"
        case .recordSession: "no session can be recorded"
        case .climbLadder: "it cannot move up a mediation level"
        case .applyTimeLimits: "no time limits can be applied"
        case .raiseAlerts: "no alerts can be raised"
        case .requestMediator: "no mediator can be chosen"
        case .takeMediation: "the mediation cannot be taken"
        case .declineMediation: "the mediation cannot be declined"
        case .assignMediator: "no mediator can be assigned"
        case .recordConsent: "no consent can be recorded"
        case .draftAgreement: "no agreement can be drafted"
        case .signAgreement: "the agreement cannot be marked signed"
        case .requestConfirmation: "no judicial confirmation can be requested"
        case .recordRuling: "no ruling can be recorded"
        case .checkTerm: "no fulfilment check can be recorded"
        case .rateMediation: "the mediation cannot be rated"
        case .returnToCourt: "it cannot be reported back to a court"
        case .editParties: "its parties cannot be changed"
        }
    }
}

/// A change to a case's parties (当事人). Places are 0-based, as in the API's `parties` list.
public enum PartyEdit: Sendable, Codable, Equatable {
    case add(Party)
    case correct(index: Int, party: Party)
    case remove(index: Int, reason: String)
}
