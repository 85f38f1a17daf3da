import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/account` (我的账号), for every member of staff: change one's own password, see one's active sessions and end
/// the others. After an administrator's reset the one-time password must be replaced here before any other page
/// opens (`PageRequirement`).
struct AccountController {
    let users: UserRepository
    let sessions: SessionRepository
    let passwords: PasswordHasher

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let router = router.group().add(middleware: RoleRequirement.staffPage)
        router.get(RouterPath(Paths.account)) { request, context in
            let identity = try context.requireIdentity()
            let done = request.uri.queryParameters.get("done").flatMap(AccountPage.Done.init(rawValue:))
            return try await page(identity, request, context, done: done).response(status: .ok)
        }
        router.post(RouterPath(Paths.accountPassword)) { request, context in
            let identity = try context.requireIdentity()
            let form = try await WebForm.read(request)
            try form.requireCSRF(context)
            do {
                try await changePassword(form, identity: identity, request: request, now: context.now)
                return Response.redirect(to: Paths.account + "?done=password", type: .normal)
            } catch let refusal as AccountPage.Refusal {
                var page = try await page(identity, request, context, done: nil)
                page.refusal = refusal
                return page.response(status: refusal.status)
            }
        }
        router.post(RouterPath(Paths.accountSessions)) { request, context in
            let identity = try context.requireIdentity()
            let form = try await WebForm.read(request)
            try form.requireCSRF(context)
            guard let current = request.cookies[SessionAuthenticator.cookieName]?.value else {
                throw HTTPError(.badRequest)
            }
            try await sessions.end(of: identity.user.id, keeping: current, handle: form["session"])
            return Response.redirect(to: Paths.account + "?done=sessions", type: .normal)
        }
    }

    private func page(
        _ identity: Identity, _ request: Request, _ context: AppRequestContext, done: AccountPage.Done?
    ) async throws -> AccountPage {
        let csrf = context.csrfToken ?? ""
        let current = request.cookies[SessionAuthenticator.cookieName]?.value
        return AccountPage(
            language: context.language, csrfToken: csrf,
            nav: StaffNav(identity: identity, csrfToken: csrf, current: Paths.account), user: identity.user,
            sessions: try await sessions.list(of: identity.user.id, current: current, at: context.now), done: done)
    }

    /// The current password, then the new one twice, checked against the password policy; the other sessions end
    /// (`setPasswordHash`), this one stays.
    private func changePassword(_ form: WebForm, identity: Identity, request: Request, now: Date) async throws {
        guard let old = form["current"], let new = form["new"], let again = form["again"] else {
            throw AccountPage.Refusal.missing
        }
        guard new == again else { throw AccountPage.Refusal.mismatch }
        guard new != old else { throw AccountPage.Refusal.unchanged }
        do {
            try UserRules.validatePassword(new)
        } catch {
            throw AccountPage.Refusal.policy(error.message)
        }
        guard let user = try await users.find(id: identity.user.id),
            try await passwords.verify(old, hash: user.passwordHash)
        else { throw AccountPage.Refusal.wrongPassword }
        try await users.setPasswordHash(
            username: user.username, to: try await passwords.hash(new), now: now,
            keepingSession: request.cookies[SessionAuthenticator.cookieName]?.value, mustChange: false)
    }
}
