import FengqiaoCore
import Plot

/// Which roles each workspace page serves: the one table the page route groups require (`RoleRequirement.page`) and the
/// navigation follows, so a link is shown exactly to those who may open it.
enum WorkspaceRoles {
    static let desk: Set<Role> = [.centerStaff, .admin]
    static let inbox: Set<Role> = [.departmentHandler, .mediator, .centerStaff]
    static let grid: Set<Role> = [.gridWorker]
    static let mediation: Set<Role> = [.mediator]
    static let dashboard: Set<Role> = [.leader, .centerStaff]
    static let admin: Set<Role> = [.admin]
}

/// The signed-in member of staff's navigation: their workspaces, in the order of the closed loop.
struct StaffNav: Sendable {
    let roles: Set<Role>
    /// Whether the user reads the key-person register (`KeyPersonAccess`).
    let readsKeyPersons: Bool
    let displayName: String
    let csrfToken: String
    /// The page being shown, marked `aria-current`.
    let current: String

    init(identity: Identity, csrfToken: String, current: String) {
        roles = Set(identity.actor.grants.map(\.role))
        readsKeyPersons = !KeyPersonAccess.jurisdictionPaths(
            for: identity.actor, riskOrganisations: identity.riskOrganisations
        ).isEmpty
        displayName = identity.user.displayName
        self.csrfToken = csrfToken
        self.current = current
    }

    /// The navigation of a page being rendered for this request (its session's CSRF token for the sign-out form).
    init(identity: Identity, context: AppRequestContext, current: String) {
        self.init(identity: identity, csrfToken: context.csrfToken ?? "", current: current)
    }

    var links: [(path: String, text: Localized)] {
        let all: [(String, Localized, Set<Role>)] = [
            (Paths.workspace, WorkspaceStrings.navWorkspace, Set(Role.allCases)),
            (Paths.grid, WorkspaceStrings.navGrid, WorkspaceRoles.grid),
            (Paths.desk, WorkspaceStrings.navDesk, WorkspaceRoles.desk),
            (Paths.deskIntake, WorkspaceStrings.navIntake, WorkspaceRoles.desk),
            (Paths.inbox, WorkspaceStrings.navInbox, WorkspaceRoles.inbox),
            (Paths.mediation, WorkspaceStrings.navMediation, WorkspaceRoles.mediation),
            (Paths.cases, ListStrings.navCases, Set(Role.allCases)),
            (Paths.dashboard, WorkspaceStrings.navDashboard, WorkspaceRoles.dashboard),
            (Paths.riskWarnings, RiskStrings.nav, RiskController.roles),
            (Paths.hotspots, HotspotStrings.title, HotspotRoles.read),
            (Paths.admin, WorkspaceStrings.navAdmin, WorkspaceRoles.admin),
            (Paths.account, AccountPage.title, Set(Role.allCases)),
        ]
        var shown = all.filter { !$0.2.isDisjoint(with: roles) }.map { ($0.0, $0.1) }
        if readsKeyPersons {
            // After the risk warnings: the register is read by grant and organisation, not by role alone.
            let at = (shown.firstIndex { $0.0 == Paths.riskWarnings }).map { $0 + 1 } ?? shown.count
            shown.insert((Paths.keyPersons, KeyPersonStrings.title), at: at)
        }
        return shown
    }

    func component(_ language: DisplayLanguage) -> any Component {
        Navigation {
            for link in links {
                Link(link.text.text(language), url: link.path)
                    .attribute(
                        named: "aria-current", value: link.path == current ? "page" : nil, ignoreValueIfEmpty: true)
            }
            Form(url: Paths.signOut, method: .post) {
                Widgets.csrf(csrfToken)
                // Plot's SubmitButton writes its title into the `value` attribute, raw: the name is user data.
                SubmitButton(
                    Widgets.escapeAttribute("\(WorkspaceStrings.signOutShort.text(language))（\(displayName)）"))
            }.class("inline")
        }.class("staff").attribute(named: "aria-label", value: WorkspaceStrings.navLabel.text(language))
    }
}
