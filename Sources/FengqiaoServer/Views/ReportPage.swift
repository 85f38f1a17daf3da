import FengqiaoCore
import Plot

/// `/report` and `/r/{gridCode}` (what a grid's QR code opens): a citizen reports a problem from a phone, without
/// signing in and without JavaScript: what kind of matter, what happened, an optional photo, and how to reach them
/// (or anonymously). The grid worker's 随手拍 (`/grid/report`) is the same form, signed in, without contact details.
struct ReportPage {
    enum Reporter {
        case citizen
        case gridWorker(nav: StaffNav)
    }

    let language: DisplayLanguage
    let reporter: Reporter
    let csrfToken: String
    let idempotencyKey: String
    let categories: [Category]
    /// The place fixed by the QR code, or nil: then `places` offers a choice.
    let fixedPlace: (code: String, label: String)?
    let places: [(code: String, label: String)]
    var error: Localized? = nil
    var form: WebForm = WebForm(fields: [])

    private func t(_ text: Localized) -> String { text.text(language) }

    var action: String {
        if case .gridWorker = reporter { return Paths.gridReport }
        return Paths.report
    }

    func render() -> String {
        let s = ReportStrings.self
        let path = fixedPlace.map { Paths.gridReportLink($0.code) } ?? action
        let title: Localized
        if case .gridWorker = reporter { title = s.gridTitle } else { title = Strings.reportTitle }
        return Layout(title: t(title), language: language, path: path).render {
            if case .gridWorker(let nav) = reporter { nav.component(language) }
            H1(t(title))
            Paragraph(t(s.lead)).class("lead")
            if let error {
                Paragraph(t(error)).class("error").attribute(named: "role", value: "alert")
                    .attribute(named: "id", value: "report-error")
            }
            Form(url: action, method: .post, contentType: .multipartData) {
                Widgets.csrf(csrfToken)
                Input(type: .hidden, name: "idempotencyKey", value: Widgets.escapeAttribute(idempotencyKey))
                if let fixedPlace {
                    Input(type: .hidden, name: "regionCode", value: Widgets.escapeAttribute(fixedPlace.code))
                    Paragraph("\(t(WorkspaceStrings.place))：\(fixedPlace.label)").class("place")
                        .attribute(named: "id", value: "report-place")
                } else {
                    Widgets.select(
                        "regionCode", label: t(WorkspaceStrings.place), options: places.map { ($0.code, $0.label) },
                        selected: form["regionCode"], blank: t(WorkspaceStrings.choose), required: true)
                }
                Widgets.select(
                    "categoryCode", label: t(s.category),
                    options: categories.map { ($0.code, $0.name.text(language)) }, selected: form["categoryCode"],
                    blank: t(s.notSure))
                Widgets.textArea("description", label: t(s.description), value: form["description"] ?? "")
                Label(t(s.photo)) {
                    Input(type: .file, name: "photo")
                        .attribute(named: "accept", value: "image/jpeg,image/png,image/webp")
                        .attribute(named: "multiple", value: nil, ignoreValueIfEmpty: false)
                        .attribute(named: "id", value: "field-photo")
                }
                Paragraph(t(s.photoHint)).class("note")
                if case .citizen = reporter {
                    Element(name: "fieldset") {
                        Element(name: "legend") { Text(t(s.contact)) }
                        Widgets.textField("name", label: t(s.name), value: form["name"])
                        Widgets.textField("phone", label: t(s.phone), type: .tel, value: form["phone"])
                        Paragraph(t(s.phoneHint)).class("note")
                        Label(t(CitizenStrings.smsChoice)) {
                            Input(type: .checkbox, name: "sms", value: "true")
                                .attribute(named: "id", value: "field-sms")
                                .attribute(named: "checked", value: nil, ignoreValueIfEmpty: form["sms"] == nil)
                        }.class("choice")
                        Label(t(s.anonymous)) {
                            Input(type: .checkbox, name: "anonymous", value: "true")
                                .attribute(named: "checked", value: nil, ignoreValueIfEmpty: form["anonymous"] == nil)
                        }.class("choice")
                    }
                } else {
                    Widgets.choice(
                        "urgency", label: t(WorkspaceStrings.urgency), Urgency.self, language: language,
                        selected: form["urgency"].flatMap(Urgency.init(rawValue:)) ?? .troublesome
                    ) { $0.name }
                }
                SubmitButton(t(s.submit))
            }.class("stacked").attribute(named: "id", value: "report-form")
        }
    }
}

/// `/report/done`: the citizen's confirmation: the tracking code to keep, and what comes next.
struct ReportConfirmationPage {
    let language: DisplayLanguage
    let number: String
    let trackingCode: String
    /// The tracking link (code and phone digits), when the citizen left a phone.
    let trackLink: String?
    let next: Localized

    func render() -> String {
        let t = { (text: Localized) in text.text(language) }
        let s = ReportStrings.self
        return Layout(title: t(s.doneTitle), language: language, path: Paths.reportConfirmation).render {
            H1(t(s.doneTitle))
            Paragraph(t(s.doneLead)).class("success").attribute(named: "role", value: "status")
            Paragraph {
                Text("\(t(s.trackingCode))：")
                Span(trackingCode).class("code").attribute(named: "id", value: "tracking-code")
            }
            Paragraph("\(t(Strings.caseNumber))：\(number)").attribute(named: "id", value: "case-number")
            Paragraph("\(t(Strings.trackNext))：\(t(next))")
            if let trackLink {
                Paragraph(t(s.keepCode)).class("note")
                Link(t(Strings.trackLink), url: Widgets.escapeAttribute(trackLink)).class("button primary").attribute(
                    named: "id", value: "track-link")
            } else {
                Paragraph(t(s.anonymousNoTracking)).class("note")
            }
            Link(t(Strings.backHome), url: Paths.home).class("button")
        }
    }
}

enum ReportStrings {
    static let lead = Localized(
        zh: "请说明发生了什么、在哪里。我们只登记一次，交给最合适的单位办理，并告诉您进度。",
        en:
            "Say what happened and where. It is registered once, passed to the right organisation, and you can follow it."
    )
    static let gridTitle = Localized(zh: "随手拍上报", en: "Report what you found")
    static let category = Localized(zh: "问题类型", en: "Kind of problem")
    static let notSure = Localized(zh: "不确定（由工作人员分类）", en: "Not sure (staff will classify it)")
    static let description = Localized(zh: "发生了什么", en: "What happened")
    static let photo = Localized(zh: "照片（可不传，最多3张）", en: "Photos (optional, up to 3)")
    static let photoHint = Localized(
        zh: "支持 JPG、PNG、WebP，每张不超过10MB。", en: "JPEG, PNG or WebP, up to 10 MB each.")
    static let tooManyPhotos = Localized(zh: "最多上传3张照片。", en: "At most 3 photos.")
    static let contact = Localized(zh: "联系方式", en: "How to reach you")
    static let name = Localized(zh: "姓名（可不填）", en: "Name (optional)")
    static let phone = Localized(zh: "手机号", en: "Mobile phone")
    static let phoneHint = Localized(
        zh: "仅用于查询进度和回访，不会公开。查询时需输入手机号后4位。",
        en: "Only to track the case and follow up; never shown publicly. Tracking asks for its last 4 digits.")
    static let anonymous = Localized(zh: "匿名反映（不留姓名和电话）", en: "Report anonymously (no name or phone)")
    static let submit = Localized(zh: "提交", en: "Submit")
    static let phoneOrAnonymous = Localized(
        zh: "请填写手机号以便查询进度，或勾选匿名反映。", en: "Give a phone number to track the case, or report anonymously.")
    static let unknownPlace = Localized(
        zh: "没有这个网格或地点，请重新扫码或选择地点。", en: "No such grid or place: scan again or choose one.")
    static let doneTitle = Localized(zh: "已受理", en: "Registered")
    static let doneLead = Localized(zh: "您反映的问题已受理，感谢您！", en: "Your report is registered. Thank you!")
    static let trackingCode = Localized(zh: "查询码", en: "Tracking code")
    static let keepCode = Localized(
        zh: "请记下查询码。凭查询码和手机号后4位，随时查看办理进度、补充材料和评价。",
        en:
            "Keep the tracking code: with it and the last 4 digits of your phone you can follow, add to and rate the case."
    )
    static let anonymousNoTracking = Localized(
        zh: "匿名反映没有留下电话，无法在线查询进度；办理结果将在网格内公示。",
        en: "An anonymous report left no phone, so it cannot be tracked online.")
}
