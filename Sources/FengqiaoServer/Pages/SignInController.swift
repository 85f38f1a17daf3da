import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/login`, `/logout` and `/workspace`: staff sign in with a password and get a session cookie.
struct SignInController {
    static let sessionLifetime: TimeInterval = 12 * 3600
    let users: UserRepository
    let sessions: SessionRepository
    /// The names of the workspace's roles.
    let organisations: OrganisationRepository
    let regions: RegionRepository
    let limits: AbuseLimits
    let passwords: PasswordHasher
    /// Cookies are marked `Secure` (`AppConfiguration.secureCookies`).
    let secureCookies: Bool

    struct Credentials: Decodable {
        let username: String
        let password: String
        let _csrf: String?
        var next: String? = nil
        /// The browser's own description (`User-Agent`), kept with the session; not part of the form.
        var userAgent: String? = nil

        enum CodingKeys: String, CodingKey {
            case username, password, _csrf, next
        }
    }

    struct SignOutForm: Decodable {
        let _csrf: String?
    }

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get(RouterPath(Paths.signIn)) { request, context in
            let next = Self.safeReturn(request.uri.queryParameters.get("next"))
            if context.identity != nil { return Response.redirect(to: next ?? Paths.workspace, type: .normal) }
            let token = CSRF.pageToken(request)
            let notice: SignInPage.Notice? =
                if try await users.count() == 0 {
                    .setupNeeded
                } else if request.uri.queryParameters.get("setup") == "done" {
                    .setupDone
                } else {
                    nil
                }
            var response = try HTMLPage(
                html: SignInPage(
                    language: context.language, outcome: .form, csrfToken: token, returnTo: next, notice: notice
                ).render()
            ).response(from: request, context: context)
            CSRF.setPageToken(token, path: Paths.signIn, secure: secureCookies, on: &response)
            return response
        }
        router.post(RouterPath(Paths.signIn)) { request, context in
            let credentials = try await URLEncodedFormDecoder().decode(
                Credentials.self, from: String(buffer: request.body.collect(upTo: 16 * 1024)))
            try CSRF.requirePageToken(credentials._csrf, request)
            var withAgent = credentials
            withAgent.userAgent = request.headers[.userAgent]
            return try await signIn(withAgent, context: context)
        }
        router.post(RouterPath(Paths.signOut)) { request, context in
            let form = try await URLEncodedFormDecoder().decode(
                SignOutForm.self, from: String(buffer: request.body.collect(upTo: 4 * 1024)))
            guard CSRF.matches(form._csrf, context.csrfToken) else { throw CSRF.rejected }
            if let id = request.cookies[SessionAuthenticator.cookieName]?.value {
                try await sessions.delete(id)
            }
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
        let now = context.now
        let refuse = { (outcome: SignInPage.Outcome, status: HTTPResponse.Status, retryAfter: Int) -> Response in
            let page = SignInPage(
                language: context.language, outcome: outcome, csrfToken: credentials._csrf ?? "",
                returnTo: Self.safeReturn(credentials.next))
            var response = HTMLPage.response(status: status, html: page.render())
            if status == .tooManyRequests { response.headers[.retryAfter] = "\(retryAfter)" }
            return response
        }
        // Each attempt is counted before any password is hashed, in one atomic statement (record, then check): a
        // flood from one address is refused without bcrypt, and parallel attempts for one username get at most 5
        // password checks in 15 minutes. Past the limit even the right password is refused until the window ends.
        guard try await limits.attempt(AbuseLimits.signInsPerAddress, context.clientAddress, at: now) else {
            return refuse(
                .limited(username: credentials.username), .tooManyRequests,
                Int(AbuseLimits.signInsPerAddress.window))
        }
        guard try await limits.attempt(AbuseLimits.signInsPerUser, username, at: now) else {
            return refuse(
                .locked(username: credentials.username), .tooManyRequests, Int(AbuseLimits.signInsPerUser.window))
        }
        let user = try await users.find(username: username)
        // bcrypt is deliberately slow: it runs on threads of its own (`PasswordHasher`). An unknown user is checked
        // against a dummy hash so that the response time does not reveal which usernames exist.
        let matches: Bool
        do {
            matches = try await passwords.verify(
                credentials.password, hash: user?.passwordHash ?? Self.dummyHash)
        } catch let saturated as PasswordHasher.Saturated {
            // Not the user's fault: the attempt is taken back.
            try await limits.undo(AbuseLimits.signInsPerUser, username)
            try await limits.undo(AbuseLimits.signInsPerAddress, context.clientAddress)
            return refuse(.busy(username: credentials.username), .tooManyRequests, saturated.retryAfter)
        }
        guard let user, matches, !user.disabled else {
            return refuse(.failed(username: credentials.username), .unauthorized, 0)
        }
        try await limits.reset(AbuseLimits.signInsPerUser, username)
        try await limits.undo(AbuseLimits.signInsPerAddress, context.clientAddress)
        let (id, _) = try await sessions.create(
            for: user.id, at: context.now, lifetime: Self.sessionLifetime, clientAddress: context.clientAddress,
            userAgent: credentials.userAgent)
        let next = user.mustChangePassword ? Paths.account : Self.safeReturn(credentials.next) ?? Paths.workspace
        var response = Response.redirect(to: next, type: .normal)
        response.setCookie(
            Cookie(
                name: SessionAuthenticator.cookieName, value: id, maxAge: Int(Self.sessionLifetime), path: "/",
                secure: secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    func workspace(_ identity: Identity, csrf: String, language: DisplayLanguage) async throws -> HTMLPage {
        var roles: [WorkspacePage.RoleLine] = []
        for grant in identity.user.grants {
            let organisation = try await organisations.find(id: grant.organisationID)
            let region = try await regions.find(id: grant.jurisdictionID)
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

    /// A place on this site to return to after signing in, or nil for anything else. Only a same-site path is
    /// kept: one leading `/`, never `//`, no backslash and no control character (browsers drop tabs and line
    /// breaks, so `/%09/evil.example` would become `//evil.example`), also once percent-decoded; the path is
    /// normalised (`.` and `..` resolved, empty segments dropped), the query kept as sent, a fragment dropped.
    static func safeReturn(_ next: String?) -> String? {
        guard let next, !next.isEmpty, next.utf8.count < 512, next.hasPrefix("/") else { return nil }
        guard let decoded = next.removingPercentEncoding else { return nil }
        for text in [next, decoded] {
            if text.hasPrefix("//") || text.contains("\\")
                || text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            {
                return nil
            }
        }
        guard let components = URLComponents(string: next), components.scheme == nil, components.host == nil,
            components.user == nil, components.port == nil
        else { return nil }
        var segments: [String] = []
        for segment in components.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: true) {
            // A segment that hides a slash or backslash (`%2F`, `%5C`) is refused, not normalised.
            guard let plain = segment.removingPercentEncoding, !plain.contains("/"), !plain.contains("\\") else {
                return nil
            }
            switch plain {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(String(segment))
            }
        }
        var path = "/" + segments.joined(separator: "/")
        if components.percentEncodedPath.hasSuffix("/"), !segments.isEmpty { path += "/" }
        if let query = components.percentEncodedQuery, !query.isEmpty { path += "?" + query }
        return path
    }

    private var expiredSessionCookie: Cookie {
        Cookie(name: SessionAuthenticator.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax)
    }

    private static let dummyHash = Passwords.hash("not-a-real-password-0", cost: Passwords.defaultCost)
}
