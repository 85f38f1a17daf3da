/// Why a case command was refused. A refused command changes nothing. `code` is stable (API problem documents,
/// tests); `message` says what to do about it in Chinese first, then English.
public enum CaseError: UserFacingError, Equatable {
    case invalidIntake(IntakeProblem)
    case notAllowedInState(CaseAction, CaseState)
    case forbiddenRole(CaseAction)
    case outsideJurisdiction
    /// A center other than the one responsible for the case tried a desk action (assess, dispatch, close…).
    case notResponsibleCenter
    /// Only the center that dispatched the case decides its extension requests.
    case notTheDispatcher
    case notAParticipant
    /// Resolving and asking for more time belong to the lead organisation.
    case notTheLead
    case alreadyAccepted
    case notYetAccepted
    case reasonRequired
    case noteRequired
    case summaryRequired
    case answerRequired
    case textTooLong
    case notAConsultation
    case invalidCategory
    case invalidDispatch
    case invalidExtension
    case extensionPending
    case noPendingExtension
    case deadlineNotInFuture
    case alreadyAtCenter
    /// A citizen can only register through the citizen channel (QR code / photo report).
    case channelNotAllowed(Channel)
    /// A named report must be followed up before it is closed.
    case followUpRequired
    case cannotMergeIntoItself
    case masterNotOpen(CaseState)
    /// The case already waits on the citizen's information.
    case alreadyAwaitingCitizen
    /// Nothing was asked of the citizen.
    case notAwaitingCitizen
    /// The case's mediation level is not exhausted (or it has no ladder, or it is at the last level).
    case ladderNotExhausted
    case sessionInFuture
    case noAlerts
    /// 接单 or 谢绝 without a mediator having been asked for, or by another organisation's staff.
    case noMediatorRequested
    /// No mediator in the directory has this id (or the acting user is no mediator).
    case unknownMediator
    /// The mediator asked for is not taking cases now.
    case mediatorUnavailable
    /// 上报 without a named center, and no center sits above the case's own.
    case noCenterAbove
    /// A command names an organisation (a lead, a center, a court) that does not exist.
    case unknownOrganisation
    case nextStepRequired
    case invalidAgreement
    case noAgreement
    case agreementAlreadySigned
    case agreementNotSigned
    case noConfirmationPending
    case invalidTerm
    case invalidScore
    case notACourtReferral
    /// No party at that place in the list (0-based, as in the API).
    case noSuchParty(index: Int)
    /// A party added or corrected needs a name.
    case partyNameRequired
    /// The last party who can be contacted (反映人) of a named report cannot be removed: correct it instead.
    case lastContactParty
    /// Events that do not belong to the case, or out of order.
    case inconsistentHistory

    /// Who you are (forbidden), what state the case is in (conflict), or what you sent (invalid).
    public var kind: ErrorKind {
        switch self {
        case .forbiddenRole, .outsideJurisdiction, .notResponsibleCenter, .notTheDispatcher, .notAParticipant,
            .notTheLead, .channelNotAllowed:
            .forbidden
        case .notAllowedInState, .alreadyAccepted, .notYetAccepted, .extensionPending, .noPendingExtension,
            .alreadyAtCenter, .followUpRequired, .masterNotOpen, .inconsistentHistory, .mediatorUnavailable,
            .noCenterAbove:
            .conflict
        default:
            .invalid
        }
    }

    public var code: String {
        switch self {
        case .invalidIntake: "case.invalid_intake"
        case .notAllowedInState: "case.not_allowed_in_state"
        case .forbiddenRole: "case.forbidden_role"
        case .outsideJurisdiction: "case.outside_jurisdiction"
        case .notResponsibleCenter: "case.not_responsible_center"
        case .notTheDispatcher: "case.not_the_dispatcher"
        case .notAParticipant: "case.not_a_participant"
        case .notTheLead: "case.not_the_lead"
        case .alreadyAccepted: "case.already_accepted"
        case .notYetAccepted: "case.not_yet_accepted"
        case .reasonRequired: "case.reason_required"
        case .noteRequired: "case.note_required"
        case .summaryRequired: "case.summary_required"
        case .answerRequired: "case.answer_required"
        case .textTooLong: "case.text_too_long"
        case .notAConsultation: "case.not_a_consultation"
        case .invalidCategory: "case.invalid_category"
        case .invalidDispatch: "case.invalid_dispatch"
        case .invalidExtension: "case.invalid_extension"
        case .extensionPending: "case.extension_pending"
        case .noPendingExtension: "case.no_pending_extension"
        case .deadlineNotInFuture: "case.deadline_not_in_future"
        case .alreadyAtCenter: "case.already_at_center"
        case .channelNotAllowed: "case.channel_not_allowed"
        case .followUpRequired: "case.follow_up_required"
        case .cannotMergeIntoItself: "case.cannot_merge_into_itself"
        case .masterNotOpen: "case.master_not_open"
        case .inconsistentHistory: "case.inconsistent_history"
        case .alreadyAwaitingCitizen: "case.already_awaiting_citizen"
        case .notAwaitingCitizen: "case.not_awaiting_citizen"
        case .ladderNotExhausted: "case.ladder_not_exhausted"
        case .sessionInFuture: "case.session_in_future"
        case .noAlerts: "case.no_alerts"
        case .noMediatorRequested: "case.no_mediator_requested"
        case .unknownMediator: "mediation.unknown_mediator"
        case .mediatorUnavailable: "mediation.mediator_unavailable"
        case .noCenterAbove: "case.no_center_above"
        case .unknownOrganisation: "case.unknown_organisation"
        case .nextStepRequired: "case.next_step_required"
        case .invalidAgreement: "case.invalid_agreement"
        case .noAgreement: "case.no_agreement"
        case .agreementAlreadySigned: "case.agreement_already_signed"
        case .agreementNotSigned: "case.agreement_not_signed"
        case .noConfirmationPending: "case.no_confirmation_pending"
        case .invalidTerm: "case.invalid_term"
        case .invalidScore: "case.invalid_score"
        case .notACourtReferral: "case.not_a_court_referral"
        case .noSuchParty: "case.no_such_party"
        case .partyNameRequired: "case.party_name_required"
        case .lastContactParty: "case.last_contact_party"
        }
    }

    /// For `invalidIntake`, the form field at fault.
    public var field: String? {
        if case .invalidIntake(let problem) = self { problem.field } else { nil }
    }

    public var message: Localized {
        switch self {
        case .invalidIntake(let problem):
            problem.message
        case .notAllowedInState(let action, let state):
            Localized(
                zh: "案件当前状态为“\(state.name.zh)”，不能\(action.name.zh)。",
                en: "The case is \(state.name.en.lowercased()); \(action.refusal).")
        case .forbiddenRole(let action):
            Localized(
                zh: "您的角色无权\(action.name.zh)。",
                en: "Your role does not allow \"\(action.name.en)\" on this case.")
        case .outsideJurisdiction:
            Localized(
                zh: "该案件不在您的管辖范围内。", en: "The case is outside your jurisdiction.")
        case .notResponsibleCenter:
            Localized(
                zh: "该案件由其他中心负责，您所在中心不能办理此操作。",
                en: "Another center is responsible for this case; your center cannot do this.")
        case .notTheDispatcher:
            Localized(
                zh: "只有派单中心可以审批延期申请。", en: "Only the center that dispatched the case decides extension requests.")
        case .notAParticipant:
            Localized(
                zh: "您所在单位不是本案的承办单位。", en: "Your organisation is not handling this case.")
        case .notTheLead:
            Localized(
                zh: "只有牵头单位可以办理此操作。", en: "Only the lead organisation can do this.")
        case .alreadyAccepted:
            Localized(zh: "您所在单位已接单。", en: "Your organisation has already accepted this case.")
        case .notYetAccepted:
            Localized(zh: "请先接单。", en: "Accept the case first.")
        case .reasonRequired:
            Localized(zh: "请填写理由。", en: "A reason is required.")
        case .noteRequired:
            Localized(zh: "请填写说明。", en: "A note is required.")
        case .summaryRequired:
            Localized(zh: "请填写办理结果。", en: "A summary of what was done is required.")
        case .answerRequired:
            Localized(zh: "请填写答复内容。", en: "An answer is required.")
        case .textTooLong:
            Localized(zh: "填写的内容不能超过4000个字。", en: "The text must be at most 4,000 characters.")
        case .notAConsultation:
            Localized(
                zh: "只有咨询类事项可以当场答复办结。", en: "Only a consultation can be answered and closed at intake.")
        case .invalidCategory:
            Localized(zh: "事项分类代码无效。", en: "The category code is invalid.")
        case .invalidDispatch:
            Localized(
                zh: "派单须指定一个牵头单位；协办单位不能重复，也不能与牵头单位相同，最多10个。",
                en: "A dispatch needs one lead; assisting organisations must differ from it and each other, at most 10."
            )
        case .invalidExtension:
            Localized(zh: "延期天数须为1至30个工作日。", en: "An extension must be 1 to 30 working days.")
        case .extensionPending:
            Localized(zh: "已有一项延期申请待审批。", en: "An extension request is already awaiting a decision.")
        case .noPendingExtension:
            Localized(zh: "没有待审批的延期申请。", en: "There is no extension request awaiting a decision.")
        case .deadlineNotInFuture:
            Localized(zh: "督办期限须晚于当前时间。", en: "The supervision deadline must be in the future.")
        case .alreadyAtCenter:
            Localized(zh: "案件已由该中心负责，无需上报。", en: "That center is already responsible for the case.")
        case .channelNotAllowed(let channel):
            Localized(
                zh: "群众不能通过“\(channel.name.zh)”渠道登记案件。",
                en: "A citizen cannot register a case through the channel \"\(channel.name.en)\".")
        case .followUpRequired:
            Localized(zh: "实名反映的案件须先回访，才能归档。", en: "A named report must be followed up before it is closed.")
        case .cannotMergeIntoItself:
            Localized(zh: "案件不能合并到自身。", en: "A case cannot be merged into itself.")
        case .masterNotOpen(let state):
            Localized(
                zh: "主案件当前状态为“\(state.name.zh)”，不能并入其他案件。",
                en: "The master case is \(state.name.en.lowercased()); nothing can be merged into it.")
        case .inconsistentHistory:
            Localized(zh: "案件记录不完整或顺序错误。", en: "The case history is incomplete or out of order.")
        case .alreadyAwaitingCitizen:
            Localized(
                zh: "已在等待群众补充材料。", en: "The case is already waiting for the citizen's information.")
        case .notAwaitingCitizen:
            Localized(zh: "本案没有待群众补充的材料。", en: "Nothing has been asked of the citizen on this case.")
        case .ladderNotExhausted:
            Localized(
                zh: "本级调解的次数或时限尚未用完，不能移交上一级。",
                en: "This mediation level still has sessions or time left; the case cannot move up yet.")
        case .sessionInFuture:
            Localized(zh: "调解时间不能晚于当前时间。", en: "A session cannot be recorded in the future.")
        case .noAlerts:
            Localized(zh: "没有需要发出的时限提醒。", en: "There are no time-limit alerts to raise.")
        case .unknownMediator:
            Localized(zh: "找不到该调解员。", en: "No such mediator.")
        case .mediatorUnavailable:
            Localized(
                zh: "该调解员目前暂不接单，请选择其他调解员。",
                en: "This mediator is not taking cases now; please choose another.")
        case .unknownOrganisation:
            Localized(zh: "所指定的单位不存在。", en: "The organisation named does not exist.")
        case .noCenterAbove:
            Localized(
                zh: "本案所在中心之上没有可上报的中心，请指定上报中心。",
                en: "There is no center above this case's center; name the center to escalate to.")
        case .noMediatorRequested:
            Localized(
                zh: "本案没有点您所在单位的调解员。", en: "No mediator of your organisation was asked for on this case.")
        case .nextStepRequired:
            Localized(
                zh: "当事人不同意调解时，请选择下一步：转其他方式处理或引导诉讼。",
                en: "When a party refuses mediation, choose the next step: other handling or litigation.")
        case .invalidAgreement:
            Localized(
                zh: "调解协议须写明当事人、纠纷事实和至少一项协议内容（每项不超过1000字）。",
                en: "An agreement needs its parties, the facts and at least one term (each at most 1,000 characters).")
        case .noAgreement:
            Localized(zh: "还没有起草调解协议。", en: "No agreement has been drafted yet.")
        case .agreementAlreadySigned:
            Localized(zh: "最新版本的协议已签字。", en: "The latest version of the agreement is already signed.")
        case .agreementNotSigned:
            Localized(zh: "调解协议尚未签字。", en: "The agreement has not been signed.")
        case .noConfirmationPending:
            Localized(zh: "没有待法院裁定的司法确认申请。", en: "No judicial confirmation request awaits a ruling.")
        case .invalidTerm:
            Localized(zh: "协议中没有这一项有期限的条款。", en: "The agreement has no such dated term.")
        case .invalidScore:
            Localized(zh: "评分应为1到5分。", en: "A rating is 1 to 5.")
        case .notACourtReferral:
            Localized(zh: "本案不是法院委派调解的案件。", en: "This case was not referred by a court.")
        case .noSuchParty(let index):
            Localized(zh: "本案没有第\(index + 1)位当事人。", en: "The case has no party number \(index + 1).")
        case .partyNameRequired:
            Localized(zh: "请填写当事人姓名。", en: "A party needs a name.")
        case .lastContactParty:
            Localized(
                zh: "这是本案唯一可联系的反映人，不能删除；如有错误请更正。",
                en: "This is the case's only reporter who can be contacted: correct it rather than remove it.")
        }
    }
}
