/// The route table: every link in every page comes from here, never from a literal path.
public enum Paths {
    public static let home = "/"
    public static let signIn = "/login"
    public static let signOut = "/logout"
    public static let workspace = "/workspace"
    public static let report = "/report"
    public static let healthz = "/healthz"
    public static let readyz = "/readyz"
    public static let stylesheet = "/static/app.css"

    /// The same page in another language.
    public static func switchLanguage(_ path: String, to language: String) -> String {
        "\(path)?lang=\(language)"
    }
}
