import FengqiaoCore

/// The words of what the citizen sees of the work done: notes meant for them, the resolution summary, rating the
/// mediation, and how the tracking page is opened without the phone digits in any address.
enum CitizenStrings {
    static let tellCitizen = Localized(zh: "告知群众", en: "Tell the citizen")
    static let tellCitizenHint = Localized(
        zh: "勾选后，本条进展会显示在群众的查询页面；不勾选则仅内部可见。",
        en: "When ticked, this note shows on the citizen's tracking page; otherwise it stays internal.")
    static let progressNote = Localized(zh: "办理进展：", en: "Progress: ")
    static let resolutionSummary = Localized(zh: "办理情况：", en: "What was done: ")
    static let rateMediation = Localized(zh: "评价调解", en: "Rate the mediation")
    static let rateMediationHint = Localized(
        zh: "请为本次调解打分：1分最低，5分最高。每件只能评价一次。",
        en: "Score this mediation from 1 (lowest) to 5 (highest). One rating per case.")
    static let score = Localized(zh: "评分", en: "Score")
    static let rateMediationButton = Localized(zh: "提交调解评价", en: "Rate the mediation")
    static let mediationRatedAlready = Localized(
        zh: "您已评价过本次调解。", en: "You have already rated this mediation.")
    static let noMediationToRate = Localized(
        zh: "本件没有已结束的调解，暂不能评价调解。", en: "This case has no finished mediation to rate.")
    static let signOutOfCase = Localized(zh: "查询其他诉求", en: "Track another request")
    static let smsChoice = Localized(
        zh: "短信通知办理进展（受理、派单、需补充材料、办结时发到上面的手机号）",
        en: "Text me about progress (registration, dispatch, requests for information, resolution)")
    static let smsChoiceDesk = Localized(
        zh: "群众要求短信通知办理进展", en: "The caller wants text messages about progress")
    static let smsTitle = Localized(zh: "短信通知", en: "Text messages")
    static let smsOn = Localized(
        zh: "办理进展会以短信发到您登记的手机号。", en: "Progress is texted to the phone you gave.")
    static let smsOff = Localized(zh: "目前不发短信通知。", en: "No text messages are sent.")
    static let smsStop = Localized(zh: "不再接收短信", en: "Stop text messages")
    static let smsStart = Localized(zh: "接收短信通知", en: "Send me text messages")
    static let stepPhotos = Localized(
        zh: "附照片或文件（可不传，最多3个；勾选告知群众时照片也显示给群众）",
        en: "Photos or files (optional, up to 3; shown to the citizen too when the note is)")
    static let resultPhotos = Localized(zh: "办理照片", en: "Photos of the work")
    static let resultFiles = Localized(
        zh: "附办理结果照片或文件（可不传，最多3个；群众可在查询页面看到）",
        en: "Photos or files of the result (optional, up to 3; the citizen sees them)")
}
