import FengqiaoCore
import Plot

/// `/workspace`: where a signed-in member of staff lands: who they are, their roles, and sign-out.
/// The role workspaces (queues, case pages, dashboards) grow here.
struct WorkspacePage {
    struct RoleLine {
        let role: String
        let organisation: String
        let jurisdiction: String
    }

    let language: DisplayLanguage
    let displayName: String
    let roles: [RoleLine]
    let csrfToken: String

    func render() -> String {
        let t = { (text: Localized) in text.text(language) }
        return Layout(title: t(Strings.workspaceTitle), language: language, path: Paths.workspace).render {
            H1("\(t(Strings.workspaceGreeting))，\(displayName)")
            H2(t(Strings.rolesHeading))
            List(roles) { line in
                ListItem {
                    Text("\(line.role) · \(line.organisation) · \(t(Strings.jurisdictionLabel))：\(line.jurisdiction)")
                }
            }
            Paragraph(t(Strings.signInWorkspacesPending)).class("note")
            Form(url: Paths.signOut, method: .post) {
                Input(type: .hidden, name: CSRF.fieldName, value: csrfToken)
                SubmitButton(t(Strings.signOutButton))
            }
        }
    }
}
