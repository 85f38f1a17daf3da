import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import Plot

/// `/account` (我的账号): the password form and the active sessions.
struct AccountPage {
    enum Done: String {
        case password
        case sessions

        var message: Localized {
            switch self {
            case .password: Localized(zh: "密码已修改，其他设备上的登录已退出。", en: "Password changed; your other sessions ended.")
            case .sessions: Localized(zh: "已退出所选的其他登录。", en: "The other sessions ended.")
            }
        }
    }

    enum Refusal: Error {
        case missing
        case mismatch
        case unchanged
        case wrongPassword
        case policy(Localized)

        var status: HTTPResponse.Status {
            if case .wrongPassword = self { .forbidden } else { .unprocessableContent }
        }

        var message: Localized {
            switch self {
            case .missing: Localized(zh: "请填写当前密码和两遍新密码。", en: "Give your current password and the new one twice.")
            case .mismatch: Localized(zh: "两次输入的新密码不一致。", en: "The two new passwords differ.")
            case .unchanged: Localized(zh: "新密码不能与当前密码相同。", en: "The new password must differ from the current one.")
            case .wrongPassword: Localized(zh: "当前密码不正确。", en: "The current password is wrong.")
            case .policy(let message): message
            }
        }

    }

    static let title = Localized(zh: "我的账号", en: "My account")

    let language: DisplayLanguage
    let csrfToken: String
    let nav: StaffNav
    let user: User
    let sessions: [SessionRepository.Listed]
    let done: Done?
    var refusal: Refusal? = nil

    private func t(_ text: Localized) -> String { text.text(language) }

    func response(status: HTTPResponse.Status) -> Response {
        HTMLPage.response(status: status, html: render())
    }

    func render() -> String {
        Layout(title: t(Self.title), language: language, path: Paths.account).render {
            nav.component(language)
            H1(t(Self.title))
            Paragraph {
                Text("\(user.displayName)（")
                Span(user.username).attribute(named: "translate", value: "no")
                Text("）")
            }
            if let done {
                Paragraph(t(done.message)).class("notice").attribute(named: "role", value: "status")
                    .attribute(named: "id", value: "account-done")
            }
            if user.mustChangePassword {
                Paragraph(
                    t(
                        Localized(
                            zh: "您正在使用管理员设置的一次性密码，请先设置自己的新密码，然后才能继续使用。",
                            en: "You signed in with a one-time password from an administrator: choose your own first."))
                )
                .class("error").attribute(named: "id", value: "must-change")
            }
            if let refusal {
                Paragraph(t(refusal.message)).class("error").attribute(named: "role", value: "alert")
                    .attribute(named: "id", value: "account-error")
            }
            H2(t(Localized(zh: "修改密码", en: "Change the password")))
            Form(url: Paths.accountPassword, method: .post) {
                Widgets.csrf(csrfToken)
                passwordField(
                    "current", Localized(zh: "当前密码", en: "Current password"), autocomplete: "current-password")
                passwordField(
                    "new",
                    Localized(
                        zh: "新密码（至少10位，字母加数字或符号）", en: "New password (10+ characters, letters and digits or symbols)"),
                    autocomplete: "new-password")
                passwordField("again", Localized(zh: "再次输入新密码", en: "New password again"), autocomplete: "new-password")
                SubmitButton(t(Localized(zh: "修改密码", en: "Change the password")))
            }.class("stacked").attribute(named: "id", value: "password-form")
            H2(t(Localized(zh: "登录中的设备", en: "Active sessions")))
            List(sessions) { session in
                ListItem {
                    Text(
                        "\(t(Localized(zh: "登录于", en: "Since"))) \(ChinaTime.minute(session.createdAt))"
                            + "\(session.current ? t(Localized(zh: "（本设备）", en: " (this one)")) : "")")
                    if let address = session.clientAddress {
                        Text(" · ")
                        Span(address).attribute(named: "translate", value: "no")
                    }
                    if let agent = session.userAgent {
                        Paragraph(agent).class("note").attribute(named: "translate", value: "no")
                    }
                    if !session.current {
                        Form(url: Paths.accountSessions, method: .post) {
                            Widgets.csrf(csrfToken)
                            Input(type: .hidden, name: "session", value: session.handle)
                            SubmitButton(t(Localized(zh: "退出该设备", en: "End this session")))
                        }.class("inline")
                    }
                }
            }.class("sessions").attribute(named: "id", value: "account-sessions")
            if sessions.contains(where: { !$0.current }) {
                Form(url: Paths.accountSessions, method: .post) {
                    Widgets.csrf(csrfToken)
                    SubmitButton(t(Localized(zh: "退出其他所有设备", en: "End every other session")))
                }.attribute(named: "id", value: "end-other-sessions")
            }
        }
    }

    private func passwordField(_ name: String, _ label: Localized, autocomplete: String) -> any Component {
        Label(t(label)) {
            Input(type: .password, name: name, isRequired: true).attribute(named: "autocomplete", value: autocomplete)
                .attribute(named: "id", value: "field-\(name)")
        }
    }
}
