import FengqiaoCore
import Foundation

/// A case told in plain words for the citizen who reported it: what happened, who has it, what comes next.
/// Internal notes are never shown; only the consultation answer and the outcome are.
struct CaseNarrative: Sendable {
    struct Line: Sendable, Equatable {
        let at: Date
        let text: Localized
    }

    let lines: [Line]
    let next: Localized

    /// `organisationName` turns an organisation id into its name ("" when unknown).
    /// `clocks` are the case's running clocks (`CaseClocks.status`): the next step says by when.
    init(
        case current: Case, events: [CaseEvent], clocks: [ClockStatus] = [],
        organisationName: (Organisation.ID) -> String
    ) {
        lines = CaseFileText.entries(of: events).compactMap { entry in
            guard !CaseFileText.repeatsItsBatch(entry) else { return nil }
            if let answered = CaseFileText.requestAnsweredByDispatch(entry) {
                return Line(at: entry.event.at, text: answered)
            }
            return Self.citizenLine(entry.event, current: current, name: organisationName).map {
                Line(at: entry.event.at, text: $0)
            }
        }
        let step = Self.nextStep(current, name: organisationName)
        let clock =
            current.timing.isAwaitingCitizen
            ? nil : clocks.first { $0.kind == .finish } ?? clocks.first { $0.kind == .followUp }
        if let clock, let due = clock.dueAt {
            let when = ChinaTime.minute(due)
            next = Localized(
                zh: step.zh + "（\(clock.kind.name.zh)时限：\(when)前，\(clock.text.zh)）",
                en: step.en + " (\(clock.kind.name.en) by \(when): \(clock.text.en))")
        } else {
            next = step
        }
    }

    /// One entry as staff read it in the case file: the platform's own entries told from their facts
    /// (`CaseFileText`), otherwise the citizen's plain words where there are some, otherwise the step's name.
    static func staffLine(
        _ entry: CaseFileText.Entry, current: Case, name: (Organisation.ID) -> String
    ) -> Localized {
        if let line = CaseFileText.platformLine(entry) { return line }
        let event = entry.event
        if let line = describe(event, current: current, name: name) { return line }
        func who(_ party: Party) -> Localized {
            let named = party.name.map(Masking.name) ?? ""
            return Localized(zh: "\(party.role.name.zh) \(named)", en: "\(party.role.name.en) \(named)")
        }
        switch event.change {
        case .duplicateAttached:
            return Localized(zh: "有重复件并入本案。", en: "A duplicate was merged into this case.")
        // The file names parties masked whoever reads it: the identity details are on the case, under the masking
        // rules and the access log.
        case .partyAdded(let party):
            let shown = who(party)
            return Localized(zh: "添加当事人：\(shown.zh)。", en: "Party added: \(shown.en).")
        case .partyCorrected(let index, let party):
            let shown = who(party)
            return Localized(
                zh: "更正第\(index + 1)位当事人信息：\(shown.zh)。", en: "Party \(index + 1) corrected: \(shown.en).")
        case .partyRemoved(let index):
            return Localized(zh: "删除第\(index + 1)位当事人。", en: "Party \(index + 1) removed.")
        default:
            return event.change.action.name
        }
    }

    /// What the citizen reads of one entry: the step in plain words, with the words meant for them: a progress note
    /// marked 告知群众 and the resolution summary. Internal notes never show.
    static func citizenLine(_ event: CaseEvent, current: Case, name: (Organisation.ID) -> String) -> Localized? {
        guard let line = describe(event, current: current, name: name) else { return nil }
        let words = event.note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        switch event.change {
        case .progressed(let tellCitizen, _) where tellCitizen == true && !words.isEmpty:
            return Localized(
                zh: CitizenStrings.progressNote.zh + words, en: CitizenStrings.progressNote.en + words)
        case .resolved where !words.isEmpty:
            return Localized(
                zh: line.zh + CitizenStrings.resolutionSummary.zh + words,
                en: line.en + " " + CitizenStrings.resolutionSummary.en + words)
        default:
            return line
        }
    }

    private static func describe(_ event: CaseEvent, current: Case, name: (Organisation.ID) -> String) -> Localized? {
        switch event.change {
        case .registered:
            return Localized(
                zh: "您的诉求已受理，编号 \(current.number)。", en: "Your request was registered as \(current.number).")
        case .answered:
            let answer = current.answer ?? event.note ?? ""
            return Localized(zh: "工作人员已答复：\(answer)", en: "Staff answered: \(answer)")
        case .assessed:
            return Localized(zh: "中心已研判分类。", en: "The center assessed and classified it.")
        case .dispatched(_, let lead, _, _):
            return Localized(zh: "已派给 \(name(lead)) 办理。", en: "Sent to \(name(lead)) to handle.")
        case .accepted(let organisation):
            return Localized(zh: "\(name(organisation)) 已接单。", en: "\(name(organisation)) took it on.")
        case .returned(let organisation):
            return Localized(
                zh: "\(name(organisation)) 认为不属其职责，已退回中心重新分派。",
                en: "\(name(organisation)) sent it back to the center to be reassigned.")
        case .progressed:
            return Localized(zh: "承办单位更新了办理进展。", en: "The handling organisation reported progress.")
        case .extensionRequested:
            return Localized(zh: "承办单位申请延长办理时间。", en: "The handling organisation asked for more time.")
        case .extensionDecided(let approved):
            return approved
                ? Localized(zh: "延期申请已批准。", en: "More time was granted.")
                : Localized(zh: "延期申请未获批准，须按期办结。", en: "More time was refused; it must be finished on time.")
        case .resolved(let outcome, _):
            return Localized(zh: "已办结，结果：\(outcome.name.zh)。", en: "Resolved: \(outcome.name.en).")
        case .followedUp(let satisfaction):
            return Localized(zh: "回访评价：\(satisfaction.name.zh)。", en: "Follow-up: \(satisfaction.name.en).")
        case .closed:
            return Localized(zh: "已归档，办理完毕。", en: "Closed and archived.")
        case .escalated(_, let center):
            return Localized(zh: "已上报 \(name(center)) 处理。", en: "Escalated to \(name(center)).")
        case .supervised:
            return Localized(zh: "上级已督办，要求限期办理。", en: "A supervisor set a deadline for it.")
        case .nudged:
            return Localized(zh: "领导已过问办理情况。", en: "A leader asked about its progress.")
        case .reopened:
            return Localized(zh: "已重新办理。", en: "It is being handled again.")
        case .withdrawn:
            return Localized(zh: "诉求已撤回。", en: "The request was withdrawn.")
        case .merged:
            return Localized(
                zh: "其他群众也反映了同一问题，已合并办理，办理结果同样适用于您。",
                en: "Others reported the same problem; it is handled together and the result applies to you too.")
        case .duplicateAttached, .timeLimitsApplied, .clockAlerted, .ladderExhausted, .ladderStepReached,
            .partyAdded, .partyCorrected, .partyRemoved:
            return nil
        case .informationRequested:
            let asked = event.note ?? ""
            return Localized(zh: "需要您补充材料：\(asked)", en: "You were asked for more information: \(asked)")
        case .informationSupplied:
            return Localized(zh: "已收到补充材料，继续办理。", en: "The information arrived; handling continues.")
        case .sessionHeld(let session):
            return Localized(
                zh: "已组织调解：\(session.result.name.zh)。", en: "A mediation session was held: \(session.result.name.en).")
        case .mediatorRequested, .consentRecorded, .agreementSigned, .confirmationRequested, .termChecked,
            .mediationRated, .returnedToCourt, .agreementDrafted, .confirmationRuled, .mediatorDeclined,
            .mediationRefused, .mediatorAssigned:
            return mediationLine(event.change, name: name)
        case .ladderClimbed(_, let center):
            return Localized(
                zh: "本级调解未成，已移交 \(name(center)) 继续调解。",
                en: "Mediation at this level did not settle it; it moved to \(name(center)).")
        }
    }

    private static func mediationLine(_ change: CaseChange, name: (Organisation.ID) -> String) -> Localized? {
        switch change {
        case .mediatorRequested(_, let organisation):
            Localized(
                zh: "已点单，等待 \(name(organisation)) 的调解员接单。", en: "A mediator of \(name(organisation)) was asked for.")
        case .mediatorAssigned(_, let organisation):
            Localized(zh: "\(name(organisation)) 的调解员已接单。", en: "A mediator of \(name(organisation)) took it on.")
        case .mediatorDeclined:
            Localized(
                zh: "所点调解员未能接单，中心将另行安排。",
                en: "The mediator asked for could not take it; the center will arrange another.")
        case .consentRecorded(_, let consents):
            consents
                ? Localized(zh: "当事人同意调解。", en: "A party agreed to mediate.")
                : Localized(zh: "有当事人不同意调解。", en: "A party declined to mediate.")
        case .mediationRefused(_, let nextStep):
            Localized(
                zh: "调解未能进行，下一步：\(nextStep.name.zh)。", en: "Mediation did not go ahead; next: \(nextStep.name.en).")
        case .agreementDrafted:
            Localized(zh: "已起草调解协议。", en: "A mediation agreement was drafted.")
        case .agreementSigned:
            Localized(zh: "调解协议已签字。", en: "The mediation agreement was signed.")
        case .confirmationRequested(let court, _):
            Localized(zh: "已向 \(name(court)) 申请司法确认。", en: "Judicial confirmation was requested from \(name(court)).")
        case .confirmationRuled(let confirmed):
            confirmed
                ? Localized(zh: "法院已作出确认裁定，协议具有强制执行力。", en: "The court confirmed the agreement.")
                : Localized(zh: "法院未予确认。", en: "The court did not confirm the agreement.")
        case .termChecked(let term, let fulfilled):
            fulfilled
                ? Localized(zh: "协议第\(term + 1)项已履行。", en: "Term \(term + 1) was fulfilled.")
                : Localized(zh: "协议第\(term + 1)项未按期履行。", en: "Term \(term + 1) was not fulfilled on time.")
        case .mediationRated:
            Localized(zh: "已对调解作出评价。", en: "The mediation was rated.")
        case .returnedToCourt(let court):
            Localized(zh: "调解结果已反馈 \(name(court))。", en: "The outcome was reported to \(name(court)).")
        default:
            nil
        }
    }

    private static func nextStep(_ current: Case, name: (Organisation.ID) -> String) -> Localized {
        let holder = current.holderOrganisationID.map(name) ?? ""
        if current.timing.isAwaitingCitizen {
            let asked = current.timing.informationRequested ?? ""
            return Localized(
                zh: "请在本页补充材料：\(asked)。收到前办理时限暂停计算。",
                en: "Please add the information on this page: \(asked). The time limits are paused until then.")
        }
        switch current.state {
        case .registered, .assessed, .returned:
            return Localized(
                zh: "中心将研判并交给最合适的单位办理。", en: "The center will assess it and pass it to the right organisation.")
        case .dispatched:
            return Localized(zh: "等待 \(holder) 接单。", en: "Waiting for \(holder) to take it on.")
        case .accepted, .inProgress:
            return Localized(zh: "\(holder) 正在办理，办结后会告知您结果。", en: "\(holder) is handling it; you will hear the result.")
        case .resolved:
            return Localized(
                zh: "请对办理结果作出评价；不满意的，将重新办理。",
                en: "Please rate the result; if you are not satisfied it is handled again.")
        case .followedUp:
            return Localized(zh: "即将归档。", en: "It will be closed shortly.")
        case .closed, .withdrawn, .merged:
            return Localized(zh: "无需再做什么。", en: "Nothing more to do.")
        }
    }
}
