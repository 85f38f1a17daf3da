import FengqiaoCore
import Hummingbird
import NIOPosix

/// `/login`: checks a member of staff's credentials. Sessions arrive with the case lifecycle.
struct SignInController {
    let services: AppServices

    struct Credentials: Decodable {
        let username: String
        let password: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(Paths.signIn)) { _, context in
            HTMLPage(html: SignInPage(language: context.language, outcome: .form).render())
        }
        router.post(RouterPath(Paths.signIn)) { request, context in
            let credentials = try await URLEncodedFormDecoder().decode(
                Credentials.self, from: String(buffer: request.body.collect(upTo: 16 * 1024)))
            return try await signIn(credentials, language: context.language)
        }
    }

    func signIn(_ credentials: Credentials, language: DisplayLanguage) async throws -> HTMLPage {
        let user = try await services.users.find(username: credentials.username.trimmingWhitespace)
        // bcrypt is deliberately slow: run it off the event loop. An unknown user is checked against a dummy
        // hash so that the response time does not reveal which usernames exist.
        let hash = user?.passwordHash ?? Self.dummyHash
        let matches = try await NIOThreadPool.singleton.runIfActive {
            Passwords.verify(credentials.password, hash: hash)
        }
        guard let user, matches, !user.disabled else {
            return HTMLPage(
                status: .unauthorized,
                html: SignInPage(language: language, outcome: .failed(username: credentials.username)).render())
        }
        let roles = user.grants.map(\.role).map { $0.name.text(language) }
        return HTMLPage(
            html: SignInPage(language: language, outcome: .verified(displayName: user.displayName, roles: roles))
                .render())
    }

    private static let dummyHash = Passwords.hash("not-a-real-password-0", cost: Passwords.defaultCost)
}
