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
        case "setup.done": Localized(zh: "完成首次设置", en: "Did the first-run setup")
        case "structure.import": Localized(zh: "导入组织架构", en: "Imported the structure")
        case "user.add": Localized(zh: "新增用户", en: "Added a user")
        case "user.update": Localized(zh: "修改用户信息或角色", en: "Changed a user's details or roles")
        case "user.disable": Localized(zh: "停用账号", en: "Disabled an account")
        case "user.enable": Localized(zh: "启用账号", en: "Enabled an account")
        case "mediator.add": Localized(zh: "新增调解员", en: "Added a mediator")
        case "mediator.update": Localized(zh: "修改调解员名片", en: "Changed a mediator's card")
        case "mediator.photo": Localized(zh: "更换调解员照片", en: "Changed a mediator's photo")
        case "mediator.retire": Localized(zh: "调解员退出名录", en: "Retired a mediator")
        case "mediator.reinstate": Localized(zh: "恢复调解员", en: "Reinstated a mediator")
        case "time-limit.policy.save": Localized(zh: "保存时限规则新版本", en: "Saved a policy version")
        case "time-limit.policy.retire": Localized(zh: "停用时限规则", en: "Retired a policy")
        case "time-limit.ladder.save": Localized(zh: "保存调解层级新版本", en: "Saved a ladder version")
        case "time-limit.ladder.retire": Localized(zh: "停用调解层级", en: "Retired a ladder")
        case "time-limit.withdraw": Localized(zh: "撤回待生效的时限版本", en: "Withdrew a scheduled version")
        case "calendar.upload": Localized(zh: "上传工作日历", en: "Uploaded a working calendar")
        case "calendar.delete": Localized(zh: "删除上传的日历年份", en: "Removed an uploaded calendar year")
        default: KeyPersonLogText.action(code) ?? StructureLogText.action(code) ?? Localized(zh: "其他操作", en: code)
        }
    }

    /// The detail told in the reader's language; a part users may need as it is (a filter's query) is marked
    /// translate="no".
    static func detail(_ text: String, language: DisplayLanguage) -> any Component {
        guard language == .zhHans else { return Text(text) }
        func shown(_ word: Substring) -> String { word == "shown" ? "显示" : "遮蔽" }
        if text == "personal data shown" { return Text("显示了个人信息") }
        if let match = text.firstMatch(
            of: /^structure import: regions (\d+), grids (\d+), organisations (\d+), users (\d+), mediators (\d+)$/)
        {
            return Text("新增区划\(match.1)个、网格\(match.2)个、单位\(match.3)个、用户\(match.4)个、调解员\(match.5)名")
        }
        if let words = StructureLogText.detail(text) { return Span(words).attribute(named: "translate", value: "no") }
        if let match = text.firstMatch(of: /^password reset for (\S+)$/) {
            return ComponentGroup {
                Text("为用户 ")
                Element(name: "code") { Text(String(match.1)) }.attribute(named: "translate", value: "no")
                Text(" 设置了一次性密码")
            }
        }
        if let match = text.firstMatch(of: /^county (\S+) (.+); center (.+)$/) {
            return Text("本县\(match.2)（\(match.1)），综治中心：\(match.3)")
        }
        // The administration of people (`PeopleAdministration`): whom it concerned, the technical rest as it is.
        if let match = text.firstMatch(of: /^(user|mediator) (\S+?)(?:: (.*))?$/) {
            return ComponentGroup {
                Text(match.1 == "user" ? "用户 " : "调解员 #")
                Element(name: "code") { Text(String(match.2)) }.attribute(named: "translate", value: "no")
                if let rest = match.3 {
                    Text("：")
                    Element(name: "code") { Text(String(rest)) }.attribute(named: "translate", value: "no")
                }
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
        if let words = KeyPersonLogText.detail(text) { return Text(words) }
        return Element(name: "code") { Text(text) }.attribute(named: "translate", value: "no")
    }
}
