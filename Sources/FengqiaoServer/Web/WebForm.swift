import FengqiaoCore
import Foundation
import Hummingbird

/// The fields of a submitted HTML form (`application/x-www-form-urlencoded`), in order, repeated names kept.
struct WebForm: Sendable {
    let fields: [(name: String, value: String)]

    init(fields: [(name: String, value: String)]) { self.fields = fields }

    /// Parses a url-encoded body: `+` is a space, `%XX` a byte of UTF-8.
    init(urlEncoded text: String) {
        fields = text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    static func read(_ request: Request, limit: Int = 64 * 1024) async throws -> WebForm {
        WebForm(urlEncoded: String(buffer: try await request.body.collect(upTo: limit)))
    }

    /// The form as a refused page may show it again: each value cut to what the longest field may hold
    /// (`Intake.maximumDescriptionLength` characters), so that a page never echoes megabytes someone sent.
    func excerpted(maximum: Int = Intake.maximumDescriptionLength) -> WebForm {
        WebForm(
            fields: fields.map { ($0.name, $0.value.count > maximum ? String($0.value.prefix(maximum)) : $0.value) })
    }

    /// The first non-empty value of `name`, trimmed; nil when absent or blank.
    subscript(_ name: String) -> String? {
        fields.first { $0.name == name && !$0.value.trimmingWhitespace.isEmpty }?.value.trimmingWhitespace
    }

    /// Every non-empty value of `name` (checkboxes, multiple selects).
    func all(_ name: String) -> [String] {
        fields.filter { $0.name == name && !$0.value.trimmingWhitespace.isEmpty }.map { $0.value.trimmingWhitespace }
    }

    /// Refuses a signed-in form whose CSRF token is not the session's.
    func requireCSRF(_ context: AppRequestContext) throws {
        guard CSRF.matches(self[CSRF.fieldName], context.csrfToken) else { throw CSRF.rejected }
    }

    /// The body a workspace form stands for, typed as the contract types the JSON API's (`CaseAction.bodyType`), so
    /// both decode into the same type: numbers, booleans, lists and dates are converted from their form spelling;
    /// blanks are absent. Dates may be `2026-12-05` (end of that day in China Standard Time), `2026-12-05T14:30`
    /// (China Standard Time) or full ISO 8601.
    func actionBody(for action: CaseAction, extra: [String: Any] = [:]) throws -> any CaseActionBody {
        guard let type = action.bodyType else { throw CaseError.forbiddenRole(action) }
        var object = extra
        for name in Self.integerFields { if let text = self[name] { object[name] = try Self.integer(text, name) } }
        for name in Self.booleanFields { if let text = self[name] { object[name] = text == "true" || text == "on" } }
        for name in Self.listFields where !all(name).isEmpty {
            object[name] = try all(name).map { try Self.integer($0, name) }
        }
        for name in Self.dateFields { if let text = self[name] { object[name] = try Self.isoDate(text, name) } }
        for name in Self.textFields { if let text = self[name] { object[name] = text } }
        let data = try JSONSerialization.data(withJSONObject: object)
        do {
            return try APIJSON.decoder.decode(type, from: data)
        } catch DecodingError.keyNotFound(let key, _) {
            throw WebFormError.missingField(key.stringValue)
        } catch {
            throw WebFormError.invalid(Self.fieldNamed(in: error))
        }
    }

    static let integerFields = [
        "expectedVersion", "lead", "toCenter", "master", "mediator", "court", "term", "score", "workingDays", "index",
    ]
    static let booleanFields = ["approved", "online", "consents", "confirmed", "fulfilled", "tellCitizen"]
    static let listFields = ["assisting"]
    static let dateFields = ["deadline", "heldAt", "signedAt"]
    static let textFields = [
        "answer", "reason", "note", "summary", "categoryCode", "urgency", "difficulty", "competentLevel", "whistle",
        "outcome", "satisfaction", "result", "place", "mode", "party", "nextStep", "comment", "operation",
    ]

    static func integer(_ text: String, _ name: String) throws -> Int {
        guard let value = Int(text) else { throw WebFormError.invalid(name) }
        return value
    }

    /// A date typed in a form as the API takes it: `ChinaTime.parse` (`2026-12-05`, `2026-12-05T14:30` as the
    /// browser's picker sends it, `2026年12月5日 14:30`), a date alone being a deadline at the end of that day.
    static func isoDate(_ text: String, _ name: String) throws -> String {
        guard let moment = ChinaTime.parse(text) else { throw WebFormError.invalid(name) }
        return ChinaTime.iso8601(moment.deadline)
    }

    private static func fieldNamed(in error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error { return context.codingPath.last?.stringValue ?? "" }
        if case DecodingError.typeMismatch(_, let context) = error { return context.codingPath.last?.stringValue ?? "" }
        return ""
    }
}

/// A form value that could not be read.
enum WebFormError: UserFacingError, Equatable {
    case invalid(String)
    case missing(Localized)
    /// A field the action's body requires was left blank: the request is incomplete (400), as in the API.
    case missingField(String)
    /// More of something than a form may carry; the message says what.
    case tooMany(Localized)

    var code: String {
        if case .missingField = self { "request.missing_field" } else { "request.invalid_field" }
    }

    var kind: ErrorKind {
        if case .missingField = self { .malformed } else { .invalid }
    }

    var message: Localized {
        switch self {
        case .invalid(let field):
            let name = WorkspaceStrings.fieldNames[field] ?? Localized(zh: field, en: field)
            return Localized(zh: "“\(name.zh)”填写的内容无法识别。", en: "The value of \"\(name.en)\" could not be read.")
        case .missing(let name):
            return Localized(zh: "请填写“\(name.zh)”。", en: "Please fill in \"\(name.en)\".")
        case .missingField(let field):
            return WebFormError.missing(WorkspaceStrings.fieldNames[field] ?? Localized(zh: field, en: field)).message
        case .tooMany(let message):
            return message
        }
    }
}

/// The pages of the role workspaces: only signed-in staff holding one of the roles a page serves may open it
/// (`RoleRequirement.page` on the page's route group).
enum WebAccess {
    /// Not signed in: the sign-in page, which comes back here afterwards.
    struct SignInRequired: Error {
        let returnTo: String
    }

    /// Signed in, but the page serves none of the user's roles.
    struct Forbidden: Error {}

    /// Signed in with a one-time password: "我的账号" first.
    struct PasswordChangeRequired: Error {}
}
