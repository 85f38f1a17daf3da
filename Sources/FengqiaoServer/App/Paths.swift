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

    /// The tracking page of one case (the citizen's own link).
    public static func trackLink(code: String, phone: String) -> String {
        var components = URLComponents()
        components.path = track
        components.queryItems = [URLQueryItem(name: "code", value: code), URLQueryItem(name: "phone", value: phone)]
        return components.string ?? track
    }

    /// The same page in another language.
    public static func switchLanguage(_ path: String, to language: String) -> String {
        "\(path)?lang=\(language)"
    }
}
