import Foundation
import QRCode

/// The route table: every link in every page comes from here, never from a literal path.
public enum Paths {
    public static let home = "/"
    public static let signIn = "/login"
    public static let signOut = "/logout"
    public static let workspace = "/workspace"
    /// 我的账号: one's own password and sessions.
    public static let account = "/account"
    public static let accountPassword = "/account/password"
    public static let accountSessions = "/account/sessions"
    public static let report = "/report"
    public static let track = "/track"
    public static let metricsDefinitions = "/metrics/definitions"
    public static let trackAction = "/track/action"
    /// Forgets the tracking cookie on this device (查询其他诉求).
    public static let trackLeave = "/track/leave"
    /// A photo meant for the citizen, served only to the browser whose tracking cookie proves the case.
    public static func trackFile(_ sha256: String) -> String { "/track/files/\(sha256)" }
    public static let healthz = "/healthz"
    public static let readyz = "/readyz"
    public static let stylesheet = "/static/app.css"
    public static let agreementStylesheet = "/static/agreement.css"
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

    /// The printable mediation agreement (调解协议书) of a case; `version` nil: the latest.
    public static func agreement(caseID: some CustomStringConvertible, version: Int? = nil) -> String {
        "/cases/\(caseID)/agreement" + (version.map { "?version=\($0)" } ?? "")
    }

    /// The same agreement as PDF (through headless Chromium, where installed).
    public static func agreementPDF(caseID: some CustomStringConvertible, version: Int? = nil) -> String {
        "/cases/\(caseID)/agreement.pdf" + (version.map { "?version=\($0)" } ?? "")
    }

    // MARK: Role workspaces

    /// The sign-in page, coming back to `returnTo` afterwards.
    public static func signIn(returnTo: String) -> String {
        var components = URLComponents()
        components.path = signIn
        components.queryItems = [URLQueryItem(name: "next", value: returnTo)]
        return components.string ?? signIn
    }

    /// Center desk: the triage queue (研判), the intake form, duplicate suggestions while typing.
    public static let desk = "/desk"
    public static let deskIntake = "/desk/intake"
    public static let deskDuplicates = "/desk/duplicates"
    /// Department handler: inbox (接单 / 退单) and my cases.
    public static let inbox = "/inbox"
    /// Grid worker: 随手拍, the grid's open cases, follow-up visits due.
    public static let grid = "/grid"
    public static let gridReport = "/grid/report"
    /// Mediator: my mediations.
    public static let mediation = "/mediation"
    /// Leader: 一屏看全域.
    public static let dashboard = "/dashboard"
    /// Administrator pages.
    public static let admin = "/admin"
    public static let adminRegions = "/admin/regions"
    public static let adminOrganisations = "/admin/organisations"
    public static let adminUsers = "/admin/users"
    /// 重置密码: a one-time password for a user, shown once.
    public static let adminUserReset = "/admin/users/reset"
    public static let adminCategories = "/admin/categories"
    public static let adminTimeLimits = "/admin/time-limits"
    public static let adminCalendar = "/admin/calendar"
    public static let adminAccessLog = "/admin/access-log"
    /// The platform's settings (the 红黑榜's ranking minimum).
    public static let adminSettings = "/admin/settings"
    /// The users and access-log lists as CSV, with the lists' filters.
    public static let adminUsersCSV = "/admin/users.csv"
    public static let adminAccessLogCSV = "/admin/access-log.csv"
    public static let adminQRCodes = "/admin/qr"
    /// The route of `gridQRCode` (`{gridCode}.svg` or `.png` as one segment).
    public static let gridQRCodePattern = "\(adminQRCodes)/:file"
    /// One grid's QR code, as `svg` or `png`.
    public static func gridQRCode(_ gridCode: String, format: String) -> String {
        "\(adminQRCodes)/\(gridCode).\(format)"
    }

    /// The staff case list (案件列表): every case the signed-in user may see, filtered with the query parameters of
    /// `GET /api/v1/cases` (state, channel, category, urgency, region, organisation, overdue, from, to, q, sort, ...).
    /// Every figure on a dashboard links here with the filters behind it.
    public static let cases = "/cases"

    /// The case list with these filters, in the order given (`nil` values are left out).
    public static func cases(_ filters: KeyValuePairs<String, String?>) -> String {
        cases(filters.map { ($0.key, $0.value) })
    }

    /// The case list with filters built at run time (a name may repeat: `state=a&state=b`), in the order given.
    public static func cases(_ filters: [(String, String?)]) -> String {
        var components = URLComponents()
        components.path = cases
        let items = filters.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        components.queryItems = items.isEmpty ? nil : items
        return components.string ?? cases
    }

    /// The case list with these filters (a name may repeat: `state`), in the order given.
    public static func cases(items: [(name: String, value: String)]) -> String {
        cases(items.map { ($0.name, Optional($0.value)) })
    }

    /// The staff case list as CSV: exactly the list these filters give (`cases(_:)`'s parameters), access-logged.
    public static let casesCSV = "/cases.csv"
    /// Where the lists' bulk-action form posts (研判, 派单, 接单, 退单 on the ticked cases).
    public static let casesBulk = "/cases/bulk"

    /// A case's page (its whole file, clocks and the actions its state allows).
    public static func caseFile(_ id: some CustomStringConvertible) -> String { "/cases/\(id)" }
    /// Where a case page's action form posts.
    public static func caseAction(_ id: some CustomStringConvertible, _ action: String) -> String {
        "/cases/\(id)/actions/\(action)"
    }
    /// An attachment of a case, for signed-in staff who may see the case.
    public static func caseAttachment(_ id: some CustomStringConvertible, _ sha256: String) -> String {
        "/cases/\(id)/files/\(sha256)"
    }

    /// The citizen's report form with the place filled in: what a grid's QR code points at.
    public static func gridReportLink(_ gridCode: String) -> String { "/r/\(gridCode)" }
    public static let reportConfirmation = "/report/done"

    /// JavaScript and libraries served by the app (never a CDN): Debian's Chart.js and Leaflet, and our own.
    public static let appScript = "/static/app.js"
    public static let chartScript = "/static/vendor/chart.js"
    public static let leafletScript = "/static/vendor/leaflet.js"
    public static let leafletStylesheet = "/static/vendor/leaflet.css"

    /// The same page in another language (a path that has a query already keeps it).
    public static func switchLanguage(_ path: String, to language: String) -> String {
        "\(path)\(path.contains("?") ? "&" : "?")lang=\(language)"
    }
}
