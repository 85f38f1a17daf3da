import FengqiaoCore
import Foundation
import Plot

/// `/track`: the citizen's view of their case, in plain words, on a phone, without JavaScript.
struct TrackingPage {
    enum Result {
        case form
        case notFound
        case limited
        case found(TrackingController.View)
    }

    let language: DisplayLanguage
    let csrfToken: String
    var result: Result

    var isNotFound: Bool {
        if case .notFound = result { return true }
        return false
    }

    private func t(_ text: Localized) -> String { text.text(language) }

    func render() -> String {
        Layout(title: t(Strings.trackTitle), language: language, path: Paths.track).render {
            H1(t(Strings.trackTitle))
            switch result {
            case .form:
                lookupForm()
            case .notFound:
                Paragraph(t(Strings.trackNotFound)).class("error").attribute(named: "role", value: "alert")
                lookupForm()
            case .limited:
                Paragraph(t(AbuseLimits.tooManyLookups)).class("error").attribute(named: "role", value: "alert")
            case .found(let view):
                found(view)
            }
        }
    }

    private func lookupForm() -> any Component {
        Form(url: Paths.track, method: .post) {
            Widgets.csrf(csrfToken)
            Label(t(Strings.trackCode)) {
                Input(type: .text, name: "code", isRequired: true).attribute(named: "autocomplete", value: "off")
            }
            Label(t(Strings.trackPhone)) {
                Input(type: .text, name: "phone", isRequired: true)
                    .attribute(named: "inputmode", value: "numeric").attribute(named: "maxlength", value: "4")
            }
            SubmitButton(t(Strings.trackButton))
        }.class("stacked")
    }

    private func found(_ view: TrackingController.View) -> any Component {
        let current = view.current
        return Div {
            H2(current.title)
            Paragraph("\(t(Strings.caseNumber))：\(current.number) · \(t(current.state.name))").class("status")
            Paragraph("\(t(Strings.trackNext))：\(t(view.narrative.next))").class("next")
            H2(t(Strings.trackTimeline))
            List(view.narrative.lines) { line in
                ListItem {
                    Time(datetime: ISO8601DateFormatter().string(from: line.at)) {
                        Text(ChinaTime.minute(line.at))
                    }
                    Text(" " + t(line.text))
                }
            }.class("timeline")
            if !view.photos.isEmpty {
                H2(t(CitizenStrings.resultPhotos))
                List(view.photos) { photo in
                    ListItem {
                        Link(url: Widgets.escapeAttribute(Paths.trackFile(photo.sha256))) {
                            if photo.contentType.hasPrefix("image/") {
                                Image(url: Widgets.escapeAttribute(Paths.trackFile(photo.sha256)), description: "")
                                    .class("thumbnail").attribute(named: "loading", value: "lazy")
                            } else {
                                Text(photo.fileName)
                            }
                        }
                    }
                }.class("photos").attribute(named: "id", value: "result-photos")
            }
            if view.canSupply {
                H2(t(Strings.trackSupply))
                Paragraph(current.timing.informationRequested ?? "").class("asked")
                Form(url: Paths.trackAction, method: .post) {
                    hiddenFields(view)
                    Label(t(Strings.trackSupplyField)) {
                        TextArea(name: "information").attribute(named: "required", value: "required")
                    }
                    SubmitButton(t(Strings.trackSupplyButton))
                }.class("stacked")
            }
            if view.canRate {
                H2(t(Strings.trackRate))
                Form(url: Paths.trackAction, method: .post) {
                    hiddenFields(view)
                    for satisfaction in Satisfaction.allCases {
                        Label(t(satisfaction.name)) {
                            Input(type: .radio, name: "satisfaction", value: satisfaction.rawValue, isRequired: true)
                        }.class("choice")
                    }
                    Label(t(Strings.trackComment)) { TextArea(name: "note") }
                    SubmitButton(t(Strings.trackRateButton))
                }.class("stacked")
            }
            if view.canRateMediation {
                H2(t(CitizenStrings.rateMediation))
                Paragraph(t(CitizenStrings.rateMediationHint)).class("note")
                Form(url: Paths.trackAction, method: .post) {
                    hiddenFields(view)
                    for score in 1...5 {
                        Label("\(score)") {
                            Input(type: .radio, name: "mediationScore", value: "\(score)", isRequired: true)
                        }.class("choice")
                    }
                    Label(t(Strings.trackComment)) { TextArea(name: "note") }
                    SubmitButton(t(CitizenStrings.rateMediationButton))
                }.class("stacked").attribute(named: "id", value: "rate-mediation")
            }
            if view.canWithdraw {
                H2(t(Strings.trackWithdraw))
                Form(url: Paths.trackAction, method: .post) {
                    hiddenFields(view)
                    Label(t(Strings.trackWithdrawReason)) {
                        TextArea(name: "reason").attribute(named: "required", value: "required")
                    }
                    SubmitButton(t(Strings.trackWithdrawButton))
                }.class("stacked")
            }
            H2(t(CitizenStrings.smsTitle))
            Paragraph(t(view.textMessages ? CitizenStrings.smsOn : CitizenStrings.smsOff))
                .attribute(named: "id", value: "sms-status")
            Form(url: Paths.trackAction, method: .post) {
                hiddenFields(view)
                Input(type: .hidden, name: "sms", value: view.textMessages ? "off" : "on")
                SubmitButton(t(view.textMessages ? CitizenStrings.smsStop : CitizenStrings.smsStart))
            }.class("stacked").attribute(named: "id", value: "sms-choice")
            Form(url: Paths.trackLeave, method: .post) {
                Widgets.csrf(csrfToken)
                SubmitButton(t(CitizenStrings.signOutOfCase))
            }.class("stacked")
        }
    }

    /// The page's forms carry only the CSRF token: the tracking cookie proves the code and digits.
    @ComponentBuilder private func hiddenFields(_ view: TrackingController.View) -> any Component {
        Widgets.csrf(csrfToken)
    }
}
