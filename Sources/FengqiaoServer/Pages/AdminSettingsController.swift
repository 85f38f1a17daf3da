import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import Logging

/// `/admin/settings`: the platform's settings an administrator changes (today: how many cases a unit needs to be
/// ranked on the leader's 红黑榜). The settings are county-wide, so only administrators of the county or above change
/// them; others see them. Every change is kept with who made it (`setting_changes`) and logged.
struct AdminSettingsController {
    let regions: RegionRepository
    let users: UserRepository
    let settings: SettingsRepository

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let router = router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.admin))
        router.get(RouterPath(Paths.adminSettings)) { request, context in
            let identity = try context.requireIdentity()
            let scope = try await AdminScope.load(for: identity, regions)
            var page = try await page(identity, scope, context)
            if request.uri.queryParameters.get("done") == "saved" { page.frame.note = AdminSettingsStrings.saved }
            return HTMLPage(html: page.render())
        }
        router.post(RouterPath(Paths.adminSettings)) { request, context in
            let identity = try context.requireIdentity()
            let scope = try await AdminScope.load(for: identity, regions)
            let form = try await WebForm.read(request)
            try form.requireCSRF(context)
            // The page offers no form to others: a POST from them is not a mistake to correct but a refusal.
            guard scope.isCountyOrAbove else { throw WebAccess.Forbidden() }
            do {
                let value = try RankingMinimum.parse(form["rankingMinimum"])
                let old = try await settings.rankingMinimum()
                try await settings.setRankingMinimum(value, by: identity.user.id, at: context.now)
                context.logger.info(
                    "setting changed",
                    metadata: [
                        "setting": "\(RankingMinimum.settingName)", "from": "\(old)", "to": "\(value)",
                        "user": "\(identity.user.username)",
                    ])
                return Response.redirect(to: "\(Paths.adminSettings)?done=saved", type: .normal)
            } catch let refusal as RankingMinimum.Refusal {
                var page = try await page(identity, scope, context)
                page.frame.error = refusal.message
                page.typed = form["rankingMinimum"]
                return HTMLPage.response(status: ErrorStatus.status(of: refusal), html: page.render())
            }
        }
    }

    private func page(
        _ identity: Identity, _ scope: AdminScope, _ context: AppRequestContext
    ) async throws
        -> AdminSettingsPage
    {
        var names: [User.ID: String] = [:]
        let changes = try await settings.changes(of: RankingMinimum.settingName)
        for id in Set(changes.compactMap(\.by)) {
            names[id] = try await users.find(id: id)?.displayName
        }
        return AdminSettingsPage(
            frame: AdminFrame(
                language: context.language,
                nav: StaffNav(identity: identity, context: context, current: Paths.admin),
                csrfToken: context.csrfToken ?? ""),
            rankingMinimum: try await settings.rankingMinimum(), editable: scope.isCountyOrAbove,
            changes: changes.map { ($0, $0.by.flatMap { names[$0] }) })
    }
}
