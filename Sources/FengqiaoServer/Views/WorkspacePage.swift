import FengqiaoCore
import Plot

/// `/workspace`: where a signed-in member of staff lands: who they are, their roles, and the way to each of their
/// workspaces.
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
    let nav: StaffNav

    func render() -> String {
        let t = { (text: Localized) in text.text(language) }
        return Layout(title: t(Strings.workspaceTitle), language: language, path: Paths.workspace).render {
            nav.component(language)
            H1("\(t(Strings.workspaceGreeting))，\(displayName)")
            H2(t(Strings.rolesHeading))
            List(roles) { line in
                ListItem {
                    Text("\(line.role) · \(line.organisation) · \(t(Strings.jurisdictionLabel))：\(line.jurisdiction)")
                }
            }
            H2(t(WorkspaceStrings.yourWorkspaces))
            List(nav.links.filter { $0.path != Paths.workspace }) { link in
                ListItem { Link(t(link.text), url: link.path).class("button") }
            }.class("workspace-links")
        }
    }
}
