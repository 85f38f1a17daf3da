import Foundation

/// The route table: every link in every page comes from here, never from a literal path.
public enum Paths {
    public static let home = "/"
    public static let signIn = "/login"
    public static let signOut = "/logout"
    public static let workspace = "/workspace"
    public static let report = "/report"
    public static let track = "/track"
    public static let metricsDefinitions = "/metrics/definitions"
    public static let trackAction = "/track/action"
    public static let healthz = "/healthz"
    public static let readyz = "/readyz"
    public static let stylesheet = "/static/app.css"
    /// The public mediator directory (点单式调解).
    public static let mediators = "/mediators"
    public static let mediatorsAPI = "/api/v1/mediators"

    /// The directory filtered by specialty and region (a township's code).
    public static func mediators(specialty: String?, region: String?) -> String {
        var components = URLComponents()
        components.path = mediators
        let items = [("specialty", specialty), ("region", region)].compactMap { name, value in
            value.map { URLQueryItem(name: name, value: $0) }
        }
        components.queryItems = items.isEmpty ? nil : items
        return components.string ?? mediators
    }

    /// One mediator's card, with the 点单 form.
    public static func mediator(_ id: some CustomStringConvertible) -> String { "\(mediators)/\(id)" }
    /// Where a citizen's 点单 form posts.
    public static func chooseMediator(_ id: some CustomStringConvertible) -> String { "\(mediators)/\(id)/choose" }

    /// The tracking page of one case (the citizen's own link).
    public static func trackLink(code: String, phone: String) -> String {
        var components = URLComponents()
        components.path = track
        components.queryItems = [URLQueryItem(name: "code", value: code), URLQueryItem(name: "phone", value: phone)]
        return components.string ?? track
    }

    /// The same page in another language (a path that has a query already keeps it).
    public static func switchLanguage(_ path: String, to language: String) -> String {
        "\(path)\(path.contains("?") ? "&" : "?")lang=\(language)"
    }
}
