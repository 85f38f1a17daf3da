import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import NIOPosix

/// `/login`, `/logout` and `/workspace`: staff sign in with a password and get a session cookie.
struct SignInController {
    static let sessionLifetime: TimeInterval = 12 * 3600
    let services: AppServices

    struct Credentials: Decodable {
        let username: String
        let password: String
        let _csrf: String?
        var next: String? = nil
    }

    struct SignOutForm: Decodable {
        let _csrf: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(Paths.signIn)) { request, context in
            let next = Self.safeReturn(request.uri.queryParameters.get("next"))
            if context.identity != nil { return Response.redirect(to: next ?? Paths.workspace, type: .normal) }
            let token = CSRF.pageToken(request)
            var response = try HTMLPage(
                html: SignInPage(language: context.language, outcome: .form, csrfToken: token, returnTo: next).render()
            ).response(from: request, context: context)
            CSRF.setPageToken(token, path: Paths.signIn, on: &response)
            return response
        }
        router.post(RouterPath(Paths.signIn)) { request, context in
            let credentials = try await URLEncodedFormDecoder().decode(
                Credentials.self, from: String(buffer: request.body.collect(upTo: 16 * 1024)))
            try CSRF.requirePageToken(credentials._csrf, request)
            return try await signIn(credentials, context: context)
        }
        router.post(RouterPath(Paths.signOut)) { request, context in
            let form = try await URLEncodedFormDecoder().decode(
                SignOutForm.self, from: String(buffer: request.body.collect(upTo: 4 * 1024)))
            guard CSRF.matches(form._csrf, context.csrfToken) else { throw CSRF.rejected }
            if let id = request.cookies[SessionMiddleware.cookieName]?.value { try await services.sessions.delete(id) }
            var response = Response.redirect(to: Paths.home, type: .normal)
            response.setCookie(expiredSessionCookie)
            return response
        }
        router.get(RouterPath(Paths.workspace)) { request, context in
            guard let identity = context.identity, let csrf = context.csrfToken else {
                return Response.redirect(to: Paths.signIn, type: .normal)
            }
            return try await workspace(identity, csrf: csrf, language: context.language).response(
                from: request, context: context)
        }
    }

    func signIn(_ credentials: Credentials, context: AppRequestContext) async throws -> Response {
        let username = credentials.username.trimmingWhitespace
        let limits = services.limits
        let now = Date()
        // Lockout: after 5 failures in 15 minutes for a username (or 30 from one address), even the right
        // password is refused until the window has passed.
        guard await limits.failedSignInsPerUser.allows(username, now: now),
            await limits.failedSignInsPerAddress.allows(context.clientAddress, now: now)
        else {
            let page = SignInPage(
                language: context.language, outcome: .locked(username: credentials.username),
                csrfToken: credentials._csrf ?? "", returnTo: Self.safeReturn(credentials.next))
            return HTMLPage.response(status: .tooManyRequests, html: page.render())
        }
        let user = try await services.users.find(username: username)
        // bcrypt is deliberately slow: run it off the event loop. An unknown user is checked against a dummy
        // hash so that the response time does not reveal which usernames exist.
        let hash = user?.passwordHash ?? Self.dummyHash
        let matches = try await NIOThreadPool.singleton.runIfActive {
            Passwords.verify(credentials.password, hash: hash)
        }
        guard let user, matches, !user.disabled else {
            await limits.failedSignInsPerUser.record(username, now: now)
            await limits.failedSignInsPerAddress.record(context.clientAddress, now: now)
            let page = SignInPage(
                language: context.language, outcome: .failed(username: credentials.username),
                csrfToken: credentials._csrf ?? "", returnTo: Self.safeReturn(credentials.next))
            return HTMLPage.response(status: .unauthorized, html: page.render())
        }
        await limits.failedSignInsPerUser.reset(username)
        let (id, _) = try await services.sessions.create(for: user.id, at: Date(), lifetime: Self.sessionLifetime)
        var response = Response.redirect(to: Self.safeReturn(credentials.next) ?? Paths.workspace, type: .normal)
        response.setCookie(
            Cookie(
                name: SessionMiddleware.cookieName, value: id, maxAge: Int(Self.sessionLifetime), path: "/",
                secure: services.configuration.mode == .production, httpOnly: true, sameSite: .lax))
        return response
    }

    func workspace(_ identity: Identity, csrf: String, language: DisplayLanguage) async throws -> HTMLPage {
        var roles: [WorkspacePage.RoleLine] = []
        for grant in identity.user.grants {
            let organisation = try await services.organisations.find(id: grant.organisationID)
            let region = try await services.regions.find(id: grant.jurisdictionID)
            roles.append(
                WorkspacePage.RoleLine(
                    role: grant.role.name.text(language), organisation: organisation?.name ?? "",
                    jurisdiction: region?.name ?? ""))
        }
        return HTMLPage(
            html: WorkspacePage(
                language: language, displayName: identity.user.displayName, roles: roles, csrfToken: csrf,
                nav: StaffNav(identity: identity, csrfToken: csrf, current: Paths.workspace)
            ).render())
    }

    /// A place on this site to return to after signing in: a path, never another site (`//host`, `https:`).
    static func safeReturn(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), next.count < 512 else {
            return nil
        }
        return next
    }

    private var expiredSessionCookie: Cookie {
        Cookie(name: SessionMiddleware.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax)
    }

    private static let dummyHash = Passwords.hash("not-a-real-password-0", cost: Passwords.defaultCost)
}
