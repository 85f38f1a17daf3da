import FengqiaoCore
import Foundation
import Plot

/// The access log's entries in words: the log stores stable action codes (`case.page`) and a short technical
/// detail; a Chinese page shows what they mean, never the codes.
enum AccessLogText {
    static func action(_ code: String) -> Localized {
        switch code {
        case "case.page": Localized(zh: "查看案件页面", en: "Opened the case page")
        case "case.view": Localized(zh: "通过接口读取案件", en: "Read the case through the API")
        case "case.file": Localized(zh: "导出案件档案", en: "Exported the case file")
        case "cases.export": Localized(zh: "导出案件列表", en: "Exported a case list")
        case "users.export": Localized(zh: "导出用户列表", en: "Exported the user list")
        case "agreement.view": Localized(zh: "查看调解协议书", en: "Opened the mediation agreement")
        case "user.reset": Localized(zh: "重置用户密码", en: "Reset a user's password")
        case "time-limit.policy.save": Localized(zh: "保存时限规则新版本", en: "Saved a policy version")
        case "time-limit.policy.retire": Localized(zh: "停用时限规则", en: "Retired a policy")
        case "time-limit.ladder.save": Localized(zh: "保存调解层级新版本", en: "Saved a ladder version")
        case "time-limit.ladder.retire": Localized(zh: "停用调解层级", en: "Retired a ladder")
        case "time-limit.withdraw": Localized(zh: "撤回待生效的时限版本", en: "Withdrew a scheduled version")
        case "calendar.upload": Localized(zh: "上传工作日历", en: "Uploaded a working calendar")
        case "calendar.delete": Localized(zh: "删除上传的日历年份", en: "Removed an uploaded calendar year")
        default: Localized(zh: "其他操作", en: code)
        }
    }

    /// The detail told in the reader's language; a part users may need as it is (a filter's query) is marked
    /// translate="no".
    static func detail(_ text: String, language: DisplayLanguage) -> any Component {
        guard language == .zhHans else { return Text(text) }
        func shown(_ word: Substring) -> String { word == "shown" ? "显示" : "遮蔽" }
        if text == "personal data shown" { return Text("显示了个人信息") }
        if let match = text.firstMatch(of: /^password reset for (\S+)$/) {
            return ComponentGroup {
                Text("为用户 ")
                Element(name: "code") { Text(String(match.1)) }.attribute(named: "translate", value: "no")
                Text(" 设置了一次性密码")
            }
        }
        if let rules = RulesLogText.detail(text) { return rules }
        if let match = text.firstMatch(of: /^personal data shown: agreement version (\d+) as (\w+)$/) {
            return Text("显示了个人信息：协议第\(match.1)版（\(match.2 == "pdf" ? "PDF" : "网页")）")
        }
        if let match = text.firstMatch(of: /^case file exported, (\d+) events, personal data (shown|masked)$/) {
            return Text("导出案件档案，共\(match.1)条记录，个人信息\(shown(match.2))")
        }
        if let match = text.firstMatch(of: /^filter: (.*); count: (\d+)$/) {
            return ComponentGroup {
                Text("筛选条件：")
                Element(name: "code") { Text(match.1 == "(none)" ? "无" : String(match.1)) }
                    .attribute(named: "translate", value: "no")
                Text("；共\(match.2)条")
            }
        }
        return Element(name: "code") { Text(text) }.attribute(named: "translate", value: "no")
    }
}
