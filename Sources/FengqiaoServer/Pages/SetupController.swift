import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

extension Paths {
    public static let setup = "/setup"
}

/// `/setup`: the first-run form (`FirstRunSetup`), answered only while the database has no user; afterwards 404,
/// whoever asks. A wrong setup code is a 403 with the form again; a wrong field a 422 naming every problem.
struct SetupController {
    let setup: FirstRunSetup
    /// Cookies are marked `Secure` (`AppConfiguration.secureCookies`).
    let secureCookies: Bool

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get(RouterPath(Paths.setup)) { request, context in
            guard try await setup.isNeeded() else { throw HTTPError(.notFound) }
            return page(SetupPage(language: context.language, csrfToken: CSRF.pageToken(request)), .ok)
        }
        router.post(RouterPath(Paths.setup)) { request, context in
            guard try await setup.isNeeded() else { throw HTTPError(.notFound) }
            let form = try await WebForm.read(request, limit: 16 * 1024)
            try CSRF.requirePageToken(form[CSRF.fieldName], request)
            var refused = SetupPage(language: context.language, csrfToken: CSRF.pageToken(request))
            refused.typed = form.excerpted(maximum: 200)
            guard try await setup.codeMatches(form["setupCode"] ?? "") else {
                refused.problems = [.wrongCode]
                return page(refused, .forbidden)
            }
            // Passwords as typed (not trimmed), as the sign-in form reads them.
            let password = form.fields.first { $0.name == "password" }?.value ?? ""
            let confirmation = form.fields.first { $0.name == "password2" }?.value ?? ""
            let county = CountySetup(
                countyCode: form["countyCode"] ?? "", countyName: form["countyName"] ?? "",
                centerName: form["centerName"] ?? "", adminUsername: form["username"] ?? "",
                adminName: form["displayName"] ?? "", adminPhone: form["phone"])
            do {
                _ = try await setup.perform(
                    county, password: password, confirmation: confirmation, now: context.now,
                    requestID: context.requestID)
            } catch let refusal as SetupProblems {
                refused.problems = refusal.problems
                return page(refused, .unprocessableContent)
            } catch let error as any UserFacingError {
                // The store's own refusals (a region code or username that exists after all).
                refused.error = error.message
                return page(refused, ErrorStatus.status(of: error))
            }
            return Response.redirect(to: "\(Paths.signIn)?setup=done", type: .normal)
        }
    }

    private func page(_ page: SetupPage, _ status: HTTPResponse.Status) -> Response {
        var response = HTMLPage.response(status: status, html: page.render())
        CSRF.setPageToken(page.csrfToken, path: Paths.setup, secure: secureCookies, on: &response)
        return response
    }
}
