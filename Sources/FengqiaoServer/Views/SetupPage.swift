import FengqiaoCore
import Plot

/// `/setup` (首次设置): the one form a new county fills on an empty database — the county, its center, the first
/// administrator and the setup code from the server's log. A refusal lists every problem and keeps what was typed
/// (never the passwords).
struct SetupPage {
    static let title = Localized(zh: "首次设置", en: "First-run setup")

    let language: DisplayLanguage
    let csrfToken: String
    var problems: [SetupProblem] = []
    var typed: WebForm? = nil
    /// A refusal that is not about one field (the store's own).
    var error: Localized? = nil

    private func t(_ text: Localized) -> String { text.text(language) }

    private func value(_ name: String) -> String? { typed?[name] }

    func render() -> String {
        Layout(title: t(Self.title), language: language, path: Paths.setup).render {
            H1(t(Self.title))
            Paragraph(
                t(
                    Localized(
                        zh: "数据库中还没有任何用户。请填写本县（市、区）、综治中心和第一位系统管理员；之后由管理员在“系统管理”中添加乡镇、村（社区）、网格、"
                            + "组织、用户和调解员，或从表格导入。",
                        en: "The database has no user yet. Give the county, its governance center and the first "
                            + "administrator; the administrator then adds townships, villages, grids, organisations, "
                            + "users and mediators on the admin pages, or imports them from a spreadsheet.")))
            if let error {
                Paragraph(Widgets.richText(t(error))).class("error").attribute(named: "role", value: "alert")
            }
            if !problems.isEmpty {
                Div {
                    Paragraph(t(Localized(zh: "未能完成设置：", en: "Setup not done:")))
                    List(problems) { problem in ListItem(Widgets.richText(t(problem.message))) }
                }
                .class("error").attribute(named: "role", value: "alert").attribute(named: "id", value: "setup-problems")
            }
            form
        }
    }

    private var form: any Component {
        Form(url: Paths.setup, method: .post) {
            Widgets.csrf(csrfToken)
            Element(name: "fieldset") {
                Element(name: "legend") { Text(t(Localized(zh: "设置码", en: "Setup code"))) }
                Paragraph {
                    Widgets.richText(
                        t(
                            Localized(
                                zh: "服务启动时把设置码写入服务日志，例如用 `journalctl -u fengqiao` 查看。",
                                en:
                                    "The server writes the setup code to its log at start, e.g. `journalctl -u fengqiao`."
                            )))
                }
                field("setupCode", Localized(zh: "设置码", en: "Setup code"), required: true, keep: false)
            }
            Element(name: "fieldset") {
                Element(name: "legend") { Text(t(Localized(zh: "本县（市、区）", en: "The county"))) }
                field("countyName", Localized(zh: "县（市、区）名称", en: "County name"), required: true)
                field("countyCode", Localized(zh: "行政区划代码（6位）", en: "Region code (6 digits)"), required: true)
                field("centerName", Localized(zh: "综治中心名称", en: "Governance center's name"), required: true)
            }
            Element(name: "fieldset") {
                Element(name: "legend") { Text(t(Localized(zh: "第一位系统管理员", en: "The first administrator"))) }
                field("displayName", Localized(zh: "姓名", en: "Name"), required: true)
                field("username", Localized(zh: "用户名（登录用）", en: "Username (to sign in)"), required: true)
                field("phone", Localized(zh: "手机号（可选）", en: "Mobile phone (optional)"), type: .tel)
                field(
                    "password", Localized(zh: "密码（至少10位，含字母和数字或符号）", en: "Password (10+ characters)"),
                    type: .password, required: true, keep: false)
                field(
                    "password2", Localized(zh: "再次输入密码", en: "Password again"), type: .password,
                    required: true, keep: false)
            }
            SubmitButton(t(Localized(zh: "完成设置", en: "Set up")))
        }.class("stacked")
    }

    private func field(
        _ name: String, _ label: Localized, type: HTMLInputType = .text, required: Bool = false, keep: Bool = true
    ) -> any Component {
        let failed = problems.contains { $0.field == name || ($0.field == "password" && name == "password2") }
        return Label(t(label)) {
            Input(
                type: type, name: name, value: keep ? value(name).map(Widgets.escapeAttribute) : nil,
                isRequired: required
            )
            .attribute(named: "id", value: "field-\(name)")
            .attribute(named: "autocomplete", value: type == .password ? "new-password" : "off")
            .attribute(named: "aria-invalid", value: failed ? "true" : nil, ignoreValueIfEmpty: true)
        }
    }
}
