import Foundation

/// The short text message (短信) the reporter who asked for them receives at the case's main steps: registration,
/// dispatch, a request for information, and resolution (which asks them to rate the result). One message per event,
/// in Chinese, without names or any party's details: the case number and what to do next. The reporter reads the
/// rest on the tracking page with the tracking code and their phone's last 4 digits.
public enum CitizenMessage {
    /// The text for `event`, with `current` the case after it; nil for the steps that send none.
    public static func text(for event: CaseEvent, after current: Case) -> String? {
        let number = current.number
        switch event.change {
        case .registered:
            return "您反映的诉求已受理，编号\(number)，查询码\(current.trackingCode)。凭查询码和手机号后4位可查询办理进度。"
        case .dispatched:
            return "您反映的诉求（\(number)）已派给承办单位办理，办结后将告知您结果。"
        case .informationRequested:
            let asked = Self.shortened(event.note ?? "", to: 40)
            return "您反映的诉求（\(number)）需要您补充材料：\(asked)。请在查询页面补充，收到前办理时限暂停计算。"
        case .resolved:
            return "您反映的诉求（\(number)）已办结。请在查询页面查看办理情况，并对办理结果作出评价。"
        default:
            return nil
        }
    }

    /// The values a cloud SMS template (模板) fills in for the same message: the cloud services send only approved
    /// templates, so a gateway in front of them maps `event` to a template and passes these (docs/NOTIFICATIONS.md).
    public static func parameters(for event: CaseEvent, after current: Case) -> [String: String] {
        var values = ["number": current.number]
        switch event.change {
        case .registered: values["trackingCode"] = current.trackingCode
        case .informationRequested: values["asked"] = Self.shortened(event.note ?? "", to: 20)
        default: break
        }
        return values
    }

    /// Whether `change` sends a message (to the reporter who asked for them).
    public static func sends(_ change: CaseChange) -> Bool {
        switch change {
        case .registered, .dispatched, .informationRequested, .resolved: true
        default: false
        }
    }

    static func shortened(_ text: String, to length: Int) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.count > length ? String(trimmed.prefix(length)) + "…" : trimmed
    }
}
