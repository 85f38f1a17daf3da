/// Where a case stands in the closed loop (闭环):
///
/// - the main line: registered → assessed → dispatched → accepted → in progress → resolved → followed up → closed;
/// - returned (退单) goes back to the dispatcher, who re-assesses or re-dispatches it; a mediation ladder moving a
///   dispatched case up to its own center's level (移交上一级调解) sends it back the same way, and so does a party
///   refusing mediation when the next step is other handling;
/// - a mediator the citizen chose from the directory (点单) taking the case (接单) dispatches it to their
///   organisation straight from registration;
/// - a consultation answered at intake goes registered/assessed → resolved → closed at once;
/// - escalation (上报) starts the case again as registered at the parent level's center, from any state before
///   resolution;
/// - a dissatisfied follow-up (不满意) or a flare-up (反弹) reopens it: back in progress with its lead (registered
///   with its center when it was never dispatched);
/// - any state before resolution can be withdrawn or merged into a master case; both are final. A resolved case
///   has an outcome the citizen is asked to rate, so it is followed up or reopened, never withdrawn.
///
/// `successors` is the exact table; `CaseLifecycle` never moves a case along an edge that is not in it.
public enum CaseState: String, CaseIterable, Codable, Sendable {
    /// 已受理
    case registered
    /// 已研判
    case assessed
    /// 已派单
    case dispatched
    /// 已接单
    case accepted
    /// 已退单
    case returned
    /// 办理中
    case inProgress
    /// 已办结
    case resolved
    /// 已回访
    case followedUp
    /// 已归档
    case closed
    /// 已撤回
    case withdrawn
    /// 已合并
    case merged

    public var name: Localized {
        switch self {
        case .registered: Localized(zh: "已受理", en: "Registered")
        case .assessed: Localized(zh: "已研判", en: "Assessed")
        case .dispatched: Localized(zh: "已派单", en: "Dispatched")
        case .accepted: Localized(zh: "已接单", en: "Accepted")
        case .returned: Localized(zh: "已退单", en: "Returned")
        case .inProgress: Localized(zh: "办理中", en: "In progress")
        case .resolved: Localized(zh: "已办结", en: "Resolved")
        case .followedUp: Localized(zh: "已回访", en: "Followed up")
        case .closed: Localized(zh: "已归档", en: "Closed")
        case .withdrawn: Localized(zh: "已撤回", en: "Withdrawn")
        case .merged: Localized(zh: "已合并", en: "Merged")
        }
    }

    /// Still somebody's work: every state except closed, withdrawn and merged. A resolved case is open until it has
    /// been followed up and closed (验单/销号).
    public var isOpen: Bool {
        switch self {
        case .closed, .withdrawn, .merged: false
        default: true
        }
    }

    /// Open and not yet resolved: registered, assessed, dispatched, accepted, returned, in progress.
    public var isUnresolved: Bool {
        switch self {
        case .registered, .assessed, .dispatched, .accepted, .returned, .inProgress: true
        default: false
        }
    }

    /// Handled to the end (resolved, followed up or closed): the numerator of 办结率.
    public var isResolved: Bool {
        switch self {
        case .resolved, .followedUp, .closed: true
        default: false
        }
    }

    /// The states an event may move a case to from this one (staying in the same state is always possible: notes,
    /// supervision, nudges, an assisting organisation accepting). Withdrawn and merged are final.
    public var successors: Set<CaseState> {
        switch self {
        case .registered: [.assessed, .dispatched, .resolved, .registered, .withdrawn, .merged]
        case .assessed: [.dispatched, .resolved, .registered, .withdrawn, .merged]
        case .dispatched: [.accepted, .returned, .registered, .withdrawn, .merged]
        case .accepted: [.inProgress, .resolved, .returned, .registered, .withdrawn, .merged]
        case .returned: [.assessed, .dispatched, .registered, .withdrawn, .merged]
        case .inProgress: [.resolved, .returned, .registered, .withdrawn, .merged]
        case .resolved: [.followedUp, .closed, .inProgress]
        case .followedUp: [.closed, .inProgress]
        case .closed: [.inProgress, .registered]
        case .withdrawn, .merged: []
        }
    }

    /// True when one event may take a case from this state to `next`.
    public func mayMove(to next: CaseState) -> Bool { next == self || successors.contains(next) }
}
