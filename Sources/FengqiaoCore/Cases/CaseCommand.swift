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
    /// A progress note: a call, a visit, a mediation session.
    case addProgress(note: String)
    /// 延期申请
    case requestExtension(workingDays: Int, reason: String)
    /// The dispatching center approves or rejects the pending extension request (a note is required to reject).
    case decideExtension(approved: Bool, note: String?)
    /// 办结
    case resolve(outcome: Outcome, summary: String)
    /// 回访: the citizen's verdict. Dissatisfied reopens the case (重办).
    case followUp(satisfaction: Satisfaction, note: String?)
    /// 归档 / 销号
    case close
    /// 上报 to the parent level's center.
    case escalate(toCenter: Organisation.ID, reason: String)
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
    case recordSession(result: MediationSession.Result, heldAt: Date?, note: String)
    /// 移交上一级调解: moves an exhausted ladder level's case to the next level's center (the store finds it).
    case climbLadder(toCenter: Organisation.ID)
    /// The system records the time limits that apply (`TimeLimitBook.limits(for:centerLevel:)`).
    case applyTimeLimits(AppliedTimeLimits)
    /// The system places the case at a ladder level after a dispatch (`LadderProgress.placement(forLeadAt:)`).
    case placeOnLadder(step: Int)
    /// The scheduler raises due alerts; red ones bring a supervision order (督办) due by `supervisionDeadline`.
    case raiseAlerts([Deadline], supervisionDeadline: Date)

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
        }
    }
}
