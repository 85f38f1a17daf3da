import FengqiaoCore
import Foundation
import Plot

/// 重置密码 on the administrator's users page: the one-time password, shown once.
enum AdminResetStrings {
    static let title = Localized(zh: "已重置密码", en: "Password reset")
    static let button = Localized(zh: "重置密码", en: "Reset password")

    static func shown(user: User, password: String, language: DisplayLanguage) -> any Component {
        let t = { (text: Localized) in text.text(language) }
        return Div {
            Paragraph {
                Text(t(Localized(zh: "已为 \(user.displayName)（", en: "A one-time password for \(user.displayName) (")))
                Span(user.username).attribute(named: "translate", value: "no")
                Text(t(Localized(zh: "）设置一次性密码：", en: "):")))
            }
            Paragraph(password).class("one-time-password").attribute(named: "translate", value: "no")
                .attribute(named: "id", value: "one-time-password")
            Paragraph(
                t(
                    Localized(
                        zh: "此密码只显示这一次，请当面或电话告知本人。对方登录后须先设置自己的新密码；其原有登录和接口令牌已失效。",
                        en: "It is shown this once: tell the user in person or by phone. They must choose their own "
                            + "password at their next sign-in; their sessions and API tokens have ended."))
            ).class("note")
            Link(t(Localized(zh: "返回用户列表", en: "Back to the users")), url: Paths.adminUsers).class("button")
        }
    }
}

/// A one-time password an administrator hands over: 12 characters in three groups (letters, digits, letters) from an
/// alphabet without look-alikes (no 0/O, 1/l/I), so it satisfies the password policy and reads out over the phone.
enum OneTimePassword {
    static let letters = Array("abcdefghjkmnpqrstuvwxyz")
    static let digits = Array("23456789")

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        func pick(_ from: [Character], _ count: Int) -> String {
            String((0..<count).map { _ in from.randomElement(using: &generator)! })
        }
        return "\(pick(letters, 4))-\(pick(digits, 4))-\(pick(letters, 4))"
    }
}
