import FengqiaoCore
import Plot

/// `/login`: the staff sign-in form, and what follows a submission.
struct SignInPage {
    enum Outcome {
        case form
        case failed(username: String)
        case locked(username: String)
        /// Too many failed sign-ins from the caller's address.
        case limited(username: String)
        /// Too many sign-ins at once for the password checks to keep up.
        case busy(username: String)
    }

    let language: DisplayLanguage
    let outcome: Outcome
    let csrfToken: String
    /// Where to go after signing in (a workspace page that asked for it); checked by `SignInController.safeReturn`.
    var returnTo: String? = nil
    /// A note above the form: the first-run setup just done, or still to do (`/setup`).
    var notice: Notice? = nil

    enum Notice {
        case setupDone
        case setupNeeded

        var text: Localized {
            switch self {
            case .setupDone:
                Localized(zh: "首次设置已完成，请用刚设置的管理员账号登录。", en: "Setup done: sign in as the administrator just set up.")
            case .setupNeeded:
                Localized(
                    zh: "本系统还没有任何用户：请先完成首次设置。", en: "This server has no user yet: do the first-run setup first.")
            }
        }
    }

    func render() -> String {
        let t = { (text: Localized) in text.text(language) }
        return Layout(title: t(Strings.signInTitle), language: language, path: Paths.signIn).render {
            H1(t(Strings.signInTitle))
            if let notice {
                Paragraph {
                    Text(t(notice.text))
                    if case .setupNeeded = notice {
                        Text(" ")
                        Link(t(SetupPage.title), url: Paths.setup)
                    }
                }
                .class("notice").attribute(named: "role", value: "status").attribute(
                    named: "id", value: "signin-notice")
            }
            if case .failed = outcome {
                Paragraph(t(Strings.signInFailed)).class("error").attribute(named: "role", value: "alert")
            }
            if case .locked = outcome {
                Paragraph(t(AbuseLimits.signInLocked)).class("error").attribute(named: "role", value: "alert")
            }
            if case .limited = outcome {
                Paragraph(t(AbuseLimits.signInsFromAddress)).class("error").attribute(named: "role", value: "alert")
            }
            if case .busy = outcome {
                Paragraph(t(AbuseLimits.signInBusy)).class("error").attribute(named: "role", value: "alert")
            }
            Form(url: Paths.signIn, method: .post) {
                Widgets.csrf(csrfToken)
                if let returnTo { Input(type: .hidden, name: "next", value: Widgets.escapeAttribute(returnTo)) }
                Label(t(Strings.username)) {
                    Input(type: .text, name: "username", value: failedUsername, isRequired: true)
                        .attribute(named: "autocomplete", value: "username")
                }
                Label(t(Strings.password)) {
                    Input(type: .password, name: "password", isRequired: true)
                        .attribute(named: "autocomplete", value: "current-password")
                }
                SubmitButton(t(Strings.signInButton))
            }.class("stacked")
        }
    }

    /// The username typed, shown again after a refusal (at most 64 characters of it).
    private var failedUsername: String? {
        switch outcome {
        case .form: nil
        case .failed(let username), .locked(let username), .limited(let username), .busy(let username):
            Widgets.escapeAttribute(String(username.prefix(64)))
        }
    }
}
