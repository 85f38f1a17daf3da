/// Where a case came from. Every channel lands in one queue ("一号受理"); the case keeps its channel and the
/// source system's own reference.
public enum Channel: String, CaseIterable, Codable, Sendable {
    /// 扫码反映 / 随手拍: a citizen scans a QR code or sends a photo.
    case citizenReport
    /// 网格员上报
    case gridWorker
    /// 窗口来访: walk-in at the center's window.
    case window
    /// 12345 政务服务便民热线
    case hotline12345
    /// 110 警情 (警调对接)
    case police110
    /// 法院委派 (诉调对接): pre-litigation referral.
    case courtReferral
    /// 信访 (访调对接)
    case petition
    /// 视频接访
    case videoIntake
    /// 部门转办
    case departmentReferral

    public var name: Localized {
        switch self {
        case .citizenReport: Localized(zh: "扫码反映/随手拍", en: "QR code / photo report")
        case .gridWorker: Localized(zh: "网格员上报", en: "Grid-worker report")
        case .window: Localized(zh: "窗口来访", en: "Walk-in at the window")
        case .hotline12345: Localized(zh: "12345热线", en: "12345 hotline")
        case .police110: Localized(zh: "110警情（警调对接）", en: "110 police incident")
        case .courtReferral: Localized(zh: "法院委派（诉调对接）", en: "Court referral")
        case .petition: Localized(zh: "信访（访调对接）", en: "Petition")
        case .videoIntake: Localized(zh: "视频接访", en: "Video intake")
        case .departmentReferral: Localized(zh: "部门转办", en: "Department referral")
        }
    }
}

/// "五事五办": how a matter is to be handled, from the most urgent down.
public enum Urgency: String, CaseIterable, Codable, Sendable {
    /// 急难事马上办
    case urgent
    /// 揪心事攻坚办
    case distressing
    /// 烦心事协商办
    case troublesome
    /// 操心事抓紧办
    case worrying
    /// 期盼事全力办
    case hoped

    public var name: Localized {
        switch self {
        case .urgent: Localized(zh: "急难事马上办", en: "Urgent: act at once")
        case .distressing: Localized(zh: "揪心事攻坚办", en: "Distressing: tackle it head-on")
        case .troublesome: Localized(zh: "烦心事协商办", en: "Troublesome: settle it by consultation")
        case .worrying: Localized(zh: "操心事抓紧办", en: "Worrying: act promptly")
        case .hoped: Localized(zh: "期盼事全力办", en: "Hoped-for: do our utmost")
        }
    }
}

/// 咨询 (answered at intake) or 诉求 (a request to be handled).
public enum CaseKind: String, CaseIterable, Codable, Sendable {
    case consultation
    case request

    public var name: Localized {
        switch self {
        case .consultation: Localized(zh: "咨询", en: "Consultation")
        case .request: Localized(zh: "诉求", en: "Request")
        }
    }
}

/// How hard a case is; decides mediator points.
public enum Difficulty: String, CaseIterable, Codable, Sendable {
    case simple
    case ordinary
    case complex
    case major

    public var name: Localized {
        switch self {
        case .simple: Localized(zh: "简单", en: "Simple")
        case .ordinary: Localized(zh: "一般", en: "Ordinary")
        case .complex: Localized(zh: "复杂疑难", en: "Complex")
        case .major: Localized(zh: "重特大", en: "Major")
        }
    }
}

/// How a resolved case ended.
public enum Outcome: String, CaseIterable, Codable, Sendable {
    case solved
    case agreementReached
    case partlySolved
    case guidedToLitigation
    case notAdmissible

    public var name: Localized {
        switch self {
        case .solved: Localized(zh: "已解决", en: "Solved")
        case .agreementReached: Localized(zh: "达成调解协议", en: "Agreement reached")
        case .partlySolved: Localized(zh: "部分解决", en: "Partly solved")
        case .guidedToLitigation: Localized(zh: "无法化解，引导诉讼", en: "Not solvable; guided to litigation")
        case .notAdmissible: Localized(zh: "不予受理", en: "Not admissible")
        }
    }
}

/// The citizen's verdict at the follow-up visit (回访).
public enum Satisfaction: String, CaseIterable, Codable, Sendable {
    case satisfied
    case basicallySatisfied
    case dissatisfied

    public var name: Localized {
        switch self {
        case .satisfied: Localized(zh: "满意", en: "Satisfied")
        case .basicallySatisfied: Localized(zh: "基本满意", en: "Basically satisfied")
        case .dissatisfied: Localized(zh: "不满意", en: "Dissatisfied")
        }
    }
}

/// "吹哨报到": the grade of the whistle that summons departments to handle a case jointly.
public enum WhistleGrade: String, CaseIterable, Codable, Sendable {
    case quick
    case emergency
    case hardCase

    public var name: Localized {
        switch self {
        case .quick: Localized(zh: "快捷哨", en: "Quick whistle")
        case .emergency: Localized(zh: "应急哨", en: "Emergency whistle")
        case .hardCase: Localized(zh: "攻坚哨", en: "Hard-case whistle")
        }
    }
}
