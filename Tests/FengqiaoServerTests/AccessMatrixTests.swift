import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import FengqiaoServer

/// The access matrix (issue 8): every route the app registers × every account kind × an object of the account's own
/// township (桃源镇) and one of another (溪城街道), with the expected statuses kept as tables in docs/ACCESS-MATRIX.md.
/// The test calls every cell, compares it with the table and on a difference prints the whole observed table. It
/// fails when a registered route has no row, or a row names no registered route. Independently of the table, no
/// township's staff may reach another township's object, and nothing they are answered may carry the other
/// township's personal data (its cases' numbers and tracking codes, its reporter, its staff's accounts).
@Suite("Access matrix")
struct AccessMatrixTests {
    static let tableFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/ACCESS-MATRIX.md")

    static let accounts = [
        "taoyuan.grid", "taoyuan.center", "taoyuan.dept", "taoyuan.mediator", "taoyuan.leader", "taoyuan.admin",
        "county.leader", "county.admin", "anonymous",
    ]
    /// Open311 answers its `api_key`, not a session or token: no key, a key of 桃源镇's center, the county's.
    static let open311Accounts = ["no key", "taoyuan key", "county key"]

    // MARK: The world the calls run in

    /// A case of a township, with what identifies it.
    struct CaseFixture: Sendable {
        let id: Int
        let number: String
        let trackingCode: String
    }

    /// A township and its objects: the open case (registered at its desk in its grid worker's grid, with a photo and
    /// the reporter's phone, not yet dispatched) and a case with a signed agreement and dated terms.
    struct Township: Sendable {
        let slug: String
        let code: String
        let grid: String
        let centerOrganisation: Int64
        let mediator: Int64
        let open: CaseFixture
        let file: String
        let mediated: CaseFixture
        let phone: String
        let reporter: String
        /// The seed story's red warning, its grid worker's visit and its justice office's (`AccessMatrixRisk`).
        var risk = RiskFixture(warning: 0, visit: 0, justiceVisit: 0)
    }

    struct World: Sendable {
        let client: any TestClientProtocol
        let services: AppServices
        let own: Township
        let other: Township
        let countyAdmin: APIClient
        /// A time-limit policy, an escalation ladder and the point weights as the API reads them (JSON).
        let policy: String
        let policyCode: String
        let ladder: String
        let ladderCode: String
        let weights: String
        let service: String
        let keys: [String: String]

    }

    /// One call: the township whose object it addresses, who calls, and a number unique in the run.
    struct Call: Sendable {
        let world: World
        let township: Township
        let account: String
        let n: Int
        /// The session's CSRF token (signed-in staff), for staff forms.
        let csrf: String
        /// The pre-sign-in token of public forms, also sent as the `fq_csrf` cookie.
        static let pageToken = "matrix-page-token-0123456789abcdef"
    }

    struct Outgoing {
        var uri: String
        var body: [UInt8]? = nil
        var contentType: String? = nil
        var idempotencyKey: String? = nil
    }

    enum Door: Sendable {
        /// The JSON API: the account's bearer token.
        case api
        /// Web pages and forms: the account's session cookie.
        case web
        /// Open311: the `api_key` of the column.
        case open311
    }

    struct Endpoint: Sendable {
        let area: String
        /// `METHOD /path?query` as the table shows it; `{…}` are filled in from the township.
        let label: String
        /// Tells rows of one route apart (e.g. the add and disable forms of /admin/users).
        var note: String? = nil
        let door: Door
        /// Reachable without signing in (then the hard rule does not apply).
        var open: Bool = false
        /// Addresses an object of a township: called for the own and the other one.
        var scoped: Bool = false
        /// A list or search filtered by a township: what it lists is checked, not the status.
        var list: Bool = false
        /// Runs after every other endpoint of the account (it ends the session).
        var last: Bool = false
        var make: (@Sendable (Call) async throws -> Outgoing)? = nil

        var method: HTTPRequest.Method { HTTPRequest.Method(String(label.prefix { $0 != " " }))! }
        var path: String { String(label.drop { $0 != " " }.dropFirst()) }
        var key: String { "`\(label)`" + (note.map { " \($0)" } ?? "") }

        /// The path with the township's objects filled in.
        static func fill(_ text: String, _ call: Call) -> String {
            let t = call.township
            let world = call.world
            var text = text
            for (name, value) in [
                ("{case}", "\(t.open.id)"), ("{file}", t.file), ("{mediated}", "\(t.mediated.id)"), ("{grid}", t.grid),
                ("{township}", t.code), ("{slug}", t.slug), ("{mediator}", "\(t.mediator)"),
                ("{code}", t.open.trackingCode),
                ("{phone}", t.phone), ("{last4}", String(t.phone.suffix(4))), ("{service}", world.service),
                ("{policy}", world.policyCode), ("{ladder}", world.ladderCode), ("{warning}", "\(t.risk.warning)"),
                ("{visit}", "\(t.risk.visit)"), ("{jvisit}", "\(t.risk.justiceVisit)"),
            ] {
                text = text.replacingOccurrences(of: name, with: value)
            }
            return text
        }
    }

    // MARK: Building requests

    static func json(_ value: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])).map {
            String(decoding: $0, as: UTF8.self)
        }
            ?? "{}"
    }

    static func form(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    static let boundary = "matrix-boundary-7f3a"

    static func multipart(_ fields: [(String, String)]) -> String {
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        return body + "--\(boundary)--\r\n"
    }

    static func jsonBody(_ uri: String, text: String) -> Outgoing {
        Outgoing(uri: uri, body: Array(text.utf8), contentType: "application/json")
    }

    static func jsonBody(_ uri: String, _ value: Any) -> Outgoing {
        Outgoing(uri: uri, body: Array(json(value).utf8), contentType: "application/json")
    }

    static func formBody(_ uri: String, _ fields: [(String, String)]) -> Outgoing {
        Outgoing(uri: uri, body: Array(form(fields).utf8), contentType: "application/x-www-form-urlencoded")
    }

    /// A structure upload of one new grid under the township's first village (checked, never applied here).
    static func structureGrid(_ call: Call) -> String {
        let village = call.township.grid.split(separator: "-").first.map(String.init) ?? call.township.grid
        return "网格代码,网格名称,所属村（社区）代码\r\n\(village)-99,矩阵测试网格,\(village)\r\n"
    }

    static func multipartBody(_ uri: String, _ fields: [(String, String)]) -> Outgoing {
        Outgoing(
            uri: uri, body: Array(multipart(fields).utf8), contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// A new case of the township (registered at its desk), for a call that changes it.
    static func freshCase(_ call: Call) async throws -> CaseFixture {
        try await register(
            call.township.slug, grid: call.township.grid, phone: call.township.phone, name: call.township.reporter,
            key: "fresh-\(call.n)", photo: nil, call.world.client, call.world.services
        ).fixture
    }

    /// A new user of the township (a grid worker), for a call that disables one.
    static func freshUser(_ call: Call) async throws -> String {
        let services = call.world.services
        let region = try #require(try await services.regions.find(code: call.township.code))
        let username = "matrix.user\(call.n)"
        _ = try await services.users.create(
            NewUser(
                username: username, displayName: "矩阵测试\(call.n)", phone: nil,
                grants: [
                    RoleGrant(
                        role: .gridWorker, organisationID: Organisation.ID(call.township.centerOrganisation),
                        jurisdictionID: region.id)
                ]), passwordHash: "x", now: Date())
        return username
    }

    /// A version of the standard policy scheduled a year ahead, to be withdrawn.
    static func freshVersion(_ call: Call) async throws -> Int64 {
        try await call.world.services.timeLimits.save(
            .standard, effectiveFrom: Date().addingTimeInterval(365 * 86_400), at: Date()
        ).id
    }

    /// An uploaded calendar year of its own (made up, far ahead), to be removed.
    static func freshYear(_ call: Call) async throws -> Int {
        let year = 3000 + call.n
        let entry = WorkingCalendar.Entry(
            date: try #require(WorkingCalendar.CivilDate(year: year, month: 1, day: 1)), kind: .holiday, name: "元旦")
        try await call.world.services.calendarYears.save(
            [CalendarUpload.Year(year: year, holidays: [entry], workdays: [])], source: "matrix", byUserID: nil,
            byName: nil, at: Date())
        return year
    }

    /// The page form of a new version of the standard policy, taking effect on a far date.
    static let policyForm: [(String, String)] =
        [
            ("code", "standard"), ("name", "通用时限"), ("warningPercent", "75"), ("effectiveFrom", "2099-01-05"),
        ] + ClockKind.policyClocks.flatMap { [("\($0.rawValue)Amount", "5"), ("\($0.rawValue)Unit", "wd")] }

    /// The page form of a new version of the three-level ladder.
    static let ladderForm: [(String, String)] = [
        ("code", "three-level"), ("name", "三级调解"), ("categoryPrefixes", "livelihood.neighbour"),
        ("automatic", "on"), ("step0Level", "village"), ("step0Max", "3"), ("step1Level", "township"),
        ("effectiveFrom", "2099-01-05"),
    ]

    /// The policy or ladder of the world under a new code, made by the county administrator, to be deleted.
    static func freshCopy(_ kind: String, _ value: String, _ call: Call) async throws -> String {
        var copy = try #require(try JSONSerialization.jsonObject(with: Data(value.utf8)) as? [String: Any])
        let code = "matrix-\(kind)-\(call.n)"
        copy["code"] = code
        let made = try await call.world.countyAdmin.call(.put, "/api/v1/time-limits/\(kind)/\(code)", copy)
        #expect(made.status == .ok, "\(kind) copy: \(made.text)")
        return code
    }

    // MARK: The endpoints

    static let endpoints: [Endpoint] =
        publicEndpoints + staffPages + casePages + adminPages + caseAPI + catalogueAPI
        + structureEndpoints + keyPersonEndpoints + open311 + riskEndpoints + hotspotEndpoints

    static let publicEndpoints: [Endpoint] = {
        let a = "公开页面与接口 Public pages and endpoints"
        return [
            Endpoint(area: a, label: "GET /", door: .web, open: true),
            Endpoint(area: a, label: "GET /healthz", door: .web, open: true),
            Endpoint(area: a, label: "GET /readyz", door: .web, open: true),
            Endpoint(area: a, label: "GET /metrics", door: .web, open: true),
            Endpoint(area: a, label: "GET /metrics/definitions", door: .web, open: true),
            Endpoint(area: a, label: "GET /static/app.css", door: .web, open: true),
            Endpoint(area: a, label: "GET /static/agreement.css", door: .web, open: true),
            Endpoint(area: a, label: "GET /static/app.js", door: .web, open: true),
            Endpoint(area: a, label: "GET /static/vendor/chart.js", door: .web, open: true),
            Endpoint(area: a, label: "GET /static/vendor/leaflet.js", door: .web, open: true),
            Endpoint(area: a, label: "GET /static/vendor/leaflet.css", door: .web, open: true),
            Endpoint(area: a, label: "GET /login", door: .web, open: true),
            Endpoint(area: a, label: "POST /login", door: .web, open: true) { call in
                formBody(
                    "/login",
                    [
                        ("username", call.account == "anonymous" ? "" : call.account),
                        ("password", DemoCounty.demoPassword), ("_csrf", Call.pageToken),
                    ])
            },
            // 首次设置 exists only on a database without users: on the matrix's county it is gone for everyone.
            Endpoint(area: a, label: "GET /setup", door: .web, open: true),
            Endpoint(area: a, label: "POST /setup", door: .web, open: true) { call in
                formBody("/setup", [("_csrf", Call.pageToken), ("setupCode", "AAAA-BBBB-CCCC-DDDD-EEEE")])
            },
            Endpoint(area: a, label: "POST /logout", door: .web, open: true, last: true) { call in
                formBody("/logout", [("_csrf", call.csrf)])
            },
            Endpoint(area: a, label: "GET /report", door: .web, open: true),
            // 9 accounts × 2 reports from one address: within the 20 an hour `AbuseLimits` allows; a new phone each.
            Endpoint(area: a, label: "POST /report", door: .web, open: true, scoped: true) { call in
                multipartBody(
                    "/report",
                    [
                        ("_csrf", Call.pageToken), ("regionCode", call.township.grid),
                        ("description", "矩阵测试第\(call.n)件：路灯不亮。"), ("phone", "1390000\(1000 + call.n)"),
                        ("idempotencyKey", "report-\(call.n)"),
                    ])
            },
            Endpoint(area: a, label: "GET /r/{grid}", door: .web, open: true, scoped: true),
            // Without the tracking cookie that the report set, the confirmation of a case with a phone says nothing.
            Endpoint(area: a, label: "GET /report/done?code={code}", door: .web, open: true, scoped: true),
            Endpoint(area: a, label: "GET /track", door: .web, open: true),
            Endpoint(area: a, label: "POST /track", door: .web, open: true, scoped: true) { call in
                formBody(
                    "/track",
                    [
                        ("code", call.township.open.trackingCode), ("phone", call.township.phone),
                        ("_csrf", Call.pageToken),
                    ])
            },
            // A photo meant for the citizen: only with the tracking cookie of its case, which no account here holds.
            Endpoint(area: a, label: "GET /track/files/{file}", door: .web, open: true, scoped: true),
            Endpoint(area: a, label: "POST /track/leave", door: .web, open: true) { _ in
                formBody("/track/leave", [("_csrf", Call.pageToken)])
            },
            Endpoint(area: a, label: "POST /track/action", door: .web, open: true, scoped: true) { call in
                let fresh = try await freshCase(call)
                return formBody(
                    "/track/action",
                    [
                        ("code", fresh.trackingCode), ("phone", call.township.phone), ("reason", "矩阵测试撤回"),
                        ("_csrf", Call.pageToken),
                    ])
            },
            Endpoint(area: a, label: "POST /api/v1/track", door: .api, open: true, scoped: true) { call in
                jsonBody("/api/v1/track", ["code": call.township.open.trackingCode, "phone": call.township.phone])
            },
            Endpoint(area: a, label: "POST /api/v1/track/actions", door: .api, open: true, scoped: true) { call in
                let fresh = try await freshCase(call)
                return jsonBody(
                    "/api/v1/track/actions",
                    ["code": fresh.trackingCode, "phone": call.township.phone, "reason": "矩阵测试撤回"])
            },
            Endpoint(area: a, label: "GET /mediators", door: .web, open: true),
            Endpoint(area: a, label: "GET /mediators/{mediator}", door: .web, open: true, scoped: true),
            Endpoint(area: a, label: "POST /mediators/{mediator}/choose", door: .web, open: true, scoped: true) {
                call in
                let fresh = try await freshCase(call)
                return formBody(
                    Endpoint.fill("/mediators/{mediator}/choose", call),
                    [("code", fresh.trackingCode), ("phone", call.township.phone), ("_csrf", Call.pageToken)])
            },
            Endpoint(area: a, label: "GET /api/v1/mediators", door: .api, open: true),
            Endpoint(area: a, label: "GET /api/v1/openapi.json", door: .api, open: true),
            Endpoint(area: a, label: "GET /api/v1/docs", door: .web, open: true),
        ]
    }()

    static let staffPages: [Endpoint] = {
        let a = "工作台 Staff workspaces"
        return [
            Endpoint(area: a, label: "GET /workspace", door: .web),
            Endpoint(area: a, label: "GET /account", door: .web),
            // Refused as the new passwords differ: nothing changes, whoever asks.
            Endpoint(area: a, label: "POST /account/password", door: .web) { call in
                formBody(
                    "/account/password",
                    [("_csrf", call.csrf), ("current", "x"), ("new", "Matrix-2026-one"), ("again", "Matrix-2026-two")])
            },
            // Names no session of the account: ends none (the matrix's own sessions stay).
            Endpoint(area: a, label: "POST /account/sessions", door: .web) { call in
                formBody("/account/sessions", [("_csrf", call.csrf), ("session", "0000000000000000")])
            },
            Endpoint(area: a, label: "GET /desk", door: .web),
            Endpoint(area: a, label: "GET /desk/intake", door: .web),
            Endpoint(area: a, label: "POST /desk/intake", door: .web, scoped: true) { call in
                formBody(
                    "/desk/intake",
                    [
                        ("_csrf", call.csrf), ("regionCode", call.township.grid), ("idempotencyKey", "desk-\(call.n)"),
                        ("title", "矩阵测试窗口登记"), ("description", "矩阵测试第\(call.n)件：邻里噪音。"),
                        ("channel", "window"), ("urgency", "troublesome"), ("kind", "request"),
                        ("reporterName", "窗口来访人"), ("reporterPhone", "13700000000"),
                    ])
            },
            Endpoint(
                area: a, label: "GET /desk/duplicates?regionCode={grid}&text=矩阵测试邻居装修噪音", door: .web, scoped: true,
                list: true),
            Endpoint(area: a, label: "GET /inbox", door: .web),
            Endpoint(area: a, label: "GET /grid", door: .web),
            Endpoint(area: a, label: "GET /grid/report", door: .web),
            Endpoint(area: a, label: "POST /grid/report", door: .web, scoped: true) { call in
                multipartBody(
                    "/grid/report",
                    [
                        ("_csrf", call.csrf), ("regionCode", call.township.grid),
                        ("description", "矩阵测试第\(call.n)件：井盖松动。"), ("idempotencyKey", "grid-\(call.n)"),
                    ])
            },
            Endpoint(area: a, label: "GET /mediation", door: .web),
            Endpoint(area: a, label: "GET /dashboard", door: .web),
        ]
    }()

    static let casePages: [Endpoint] = {
        let a = "案件页面 Case pages"
        return [
            Endpoint(area: a, label: "GET /cases/{case}", door: .web, scoped: true),
            Endpoint(area: a, label: "POST /cases/{case}/actions/nudge", door: .web, scoped: true) { call in
                formBody(
                    Endpoint.fill("/cases/{case}/actions/nudge", call), [("_csrf", call.csrf), ("note", "matrix")])
            },
            Endpoint(area: a, label: "GET /cases/{case}/files/{file}", door: .web, scoped: true),
            Endpoint(area: a, label: "GET /cases/{mediated}/agreement", door: .web, scoped: true),
            Endpoint(area: a, label: "GET /cases/{mediated}/agreement.pdf", door: .web, scoped: true),
            Endpoint(area: a, label: "GET /cases?region={township}", door: .web, scoped: true, list: true),
            Endpoint(area: a, label: "GET /cases.csv?region={township}", door: .web, scoped: true, list: true),
            Endpoint(area: a, label: "POST /cases/bulk", door: .web, scoped: true) { call in
                // 接单 on a case not dispatched: refused case by case, nothing changes.
                formBody(
                    "/cases/bulk",
                    [("_csrf", call.csrf), ("bulkAction", "accept"), ("case", "\(call.township.open.id)")])
            },
        ]
    }()

    static let adminPages: [Endpoint] = {
        let a = "管理页面 Administrator pages"
        return [
            Endpoint(area: a, label: "GET /admin/users.csv", door: .web),
            Endpoint(area: a, label: "GET /admin/access-log.csv", door: .web),
            Endpoint(area: a, label: "GET /admin", door: .web),
            Endpoint(area: a, label: "GET /admin/regions", door: .web),
            Endpoint(area: a, label: "POST /admin/regions", door: .web, scoped: true) { call in
                formBody(
                    "/admin/regions",
                    [
                        ("_csrf", call.csrf), ("level", "village"), ("parent", call.township.code),
                        ("code", "\(call.township.code)\(700 + call.n)"), ("name", "矩阵测试村\(call.n)"),
                        ("households", "10"),
                    ])
            },
            Endpoint(area: a, label: "GET /admin/organisations", door: .web),
            Endpoint(area: a, label: "POST /admin/organisations", door: .web, scoped: true) { call in
                formBody(
                    "/admin/organisations",
                    [
                        ("_csrf", call.csrf), ("kind", "department"), ("region", call.township.code),
                        ("name", "矩阵测试单位\(call.n)"),
                    ])
            },
            Endpoint(area: a, label: "GET /admin/users", door: .web),
            Endpoint(area: a, label: "POST /admin/users", note: "添加 add", door: .web, scoped: true) { call in
                formBody(
                    "/admin/users",
                    [
                        ("_csrf", call.csrf), ("action", "add"), ("username", "matrix.add\(call.n)"),
                        ("displayName", "矩阵测试\(call.n)"), ("password", "Matrix-2026-pass"), ("role", "gridWorker"),
                        ("organisation", "\(call.township.centerOrganisation)"), ("jurisdiction", call.township.code),
                    ])
            },
            Endpoint(area: a, label: "POST /admin/users", note: "停用 disable", door: .web, scoped: true) { call in
                let username = try await freshUser(call)
                return formBody(
                    "/admin/users", [("_csrf", call.csrf), ("action", "disable"), ("username", username)])
            },
            Endpoint(area: a, label: "POST /admin/users/reset", door: .web, scoped: true) { call in
                let username = try await freshUser(call)
                return formBody("/admin/users/reset", [("_csrf", call.csrf), ("username", username)])
            },
            Endpoint(area: a, label: "GET /admin/categories", door: .web),
            Endpoint(area: a, label: "POST /admin/categories", door: .web) { call in
                formBody(
                    "/admin/categories",
                    [
                        ("_csrf", call.csrf), ("action", "add"), ("code", "livelihood.matrix\(call.n)"),
                        ("domain", "livelihood"), ("nameZh", "矩阵测试\(call.n)"), ("nameEn", "Matrix \(call.n)"),
                    ])
            },
            Endpoint(area: a, label: "GET /admin/time-limits", door: .web),
            Endpoint(area: a, label: "POST /admin/time-limits", note: "撤回 withdraw", door: .web) { call in
                formBody(
                    "/admin/time-limits", [("_csrf", call.csrf), ("version", "\(try await freshVersion(call))")])
            },
            Endpoint(area: a, label: "GET /admin/time-limits/policy", door: .web),
            Endpoint(area: a, label: "POST /admin/time-limits/policy", door: .web) { call in
                formBody("/admin/time-limits/policy", [("_csrf", call.csrf)] + policyForm)
            },
            Endpoint(area: a, label: "GET /admin/time-limits/ladder", door: .web),
            Endpoint(area: a, label: "POST /admin/time-limits/ladder", door: .web) { call in
                formBody("/admin/time-limits/ladder", [("_csrf", call.csrf)] + ladderForm)
            },
            Endpoint(area: a, label: "GET /admin/calendar", door: .web),
            Endpoint(area: a, label: "POST /admin/calendar", door: .web) { call in
                // MADE-UP FIXTURE: a fictitious year, not an official schedule.
                formBody(
                    "/admin/calendar",
                    [
                        ("_csrf", call.csrf), ("action", "save"), ("fileName", "matrix.csv"),
                        ("content", "2098-01-01,holiday,元旦\n"),
                    ])
            },
            Endpoint(area: a, label: "GET /admin/access-log", door: .web),
            Endpoint(area: a, label: "GET /admin/settings", door: .web),
            Endpoint(area: a, label: "POST /admin/settings", door: .web) { call in
                formBody("/admin/settings", [("_csrf", call.csrf), ("rankingMinimum", "10")])
            },
            Endpoint(area: a, label: "GET /admin/qr", door: .web),
            Endpoint(area: a, label: "GET /admin/qr/{grid}.svg", door: .web, scoped: true),
            Endpoint(area: a, label: "GET /admin/import", door: .web),
            Endpoint(area: a, label: "GET /admin/import/template.xlsx", door: .web),
            Endpoint(area: a, label: "GET /admin/import/template.zip", door: .web),
            Endpoint(area: a, label: "POST /admin/import", note: "检查 check", door: .web, scoped: true) { call in
                // A check only (nothing written): a grid under the township's first village.
                var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(call.csrf)\r\n"
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\ncheck\r\n"
                body +=
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"grids.csv\"\r\n\r\n"
                body += structureGrid(call) + "\r\n--\(boundary)--\r\n"
                return Outgoing(
                    uri: "/admin/import", body: Array(body.utf8),
                    contentType: "multipart/form-data; boundary=\(boundary)")
            },
        ] + peopleAdmin
    }()

    /// The administration of users and mediators (issue 16): each change on a fresh user or card of the township.
    static let peopleAdmin: [Endpoint] = {
        let a = "管理页面 Administrator pages"
        return [
            Endpoint(area: a, label: "GET /admin/users/{slug}.center", door: .web, scoped: true),
            Endpoint(area: a, label: "POST /admin/users/{user}", note: "保存 save", door: .web, scoped: true) { call in
                let username = try await freshUser(call)
                return formBody(
                    "/admin/users/\(username)",
                    [("_csrf", call.csrf), ("action", "details"), ("displayName", "矩阵改名\(call.n)")])
            },
            Endpoint(area: a, label: "GET /admin/users/{slug}.center/disable", door: .web, scoped: true),
            Endpoint(area: a, label: "POST /admin/users/{user}/disable", door: .web, scoped: true) { call in
                let username = try await freshUser(call)
                return formBody("/admin/users/\(username)/disable", [("_csrf", call.csrf)])
            },
            Endpoint(area: a, label: "GET /admin/mediators", door: .web),
            Endpoint(area: a, label: "POST /admin/mediators", door: .web, scoped: true) { call in
                multipartBody(
                    "/admin/mediators",
                    [
                        ("_csrf", call.csrf), ("action", "add"), ("name", "矩阵调解员\(call.n)"),
                        ("organisation", "\(call.township.centerOrganisation)"), ("specialties", "neighbour"),
                        ("levels", "township"), ("languages", "普通话"), ("available", "on"),
                    ])
            },
            Endpoint(area: a, label: "GET /admin/mediators/{mediator}", door: .web, scoped: true),
            Endpoint(area: a, label: "POST /admin/mediators/{card}", note: "退出 retire", door: .web, scoped: true) {
                call in
                let card = try await freshMediator(call)
                return formBody("/admin/mediators/\(card)", [("_csrf", call.csrf), ("action", "retire")])
            },
            Endpoint(area: a, label: "GET /mediators/{mediator}/photo", door: .web, open: true, scoped: true),
        ] + peopleAPI
    }()

    /// `/api/v1/users` and the administration of `/api/v1/mediators` (issue 16).
    static let peopleAPI: [Endpoint] = {
        let a = "目录与规则接口 Catalogue and rules API"
        @Sendable func fresh(_ call: Call, _ suffix: String) async throws -> String {
            "/api/v1/users/\(try await freshUser(call))\(suffix)"
        }
        @Sendable func card(_ call: Call, _ suffix: String) async throws -> String {
            "/api/v1/mediators/\(try await freshMediator(call))\(suffix)"
        }
        return [
            Endpoint(area: a, label: "GET /api/v1/users", door: .api),
            Endpoint(area: a, label: "POST /api/v1/users", door: .api, scoped: true) { call in
                jsonBody(
                    "/api/v1/users",
                    [
                        "username": "matrix.api\(call.n)", "displayName": "矩阵接口\(call.n)",
                        "grants": [
                            [
                                "role": "gridWorker", "organisationID": call.township.centerOrganisation,
                                "jurisdictionCode": call.township.code,
                            ]
                        ],
                    ])
            },
            Endpoint(area: a, label: "GET /api/v1/users/{slug}.center", door: .api, scoped: true),
            Endpoint(area: a, label: "PATCH /api/v1/users/{user}", door: .api, scoped: true) { call in
                jsonBody(try await fresh(call, ""), ["displayName": "矩阵改名\(call.n)"])
            },
            Endpoint(area: a, label: "POST /api/v1/users/{user}/disable", door: .api, scoped: true) { call in
                Outgoing(uri: try await fresh(call, "/disable"))
            },
            Endpoint(area: a, label: "POST /api/v1/users/{user}/enable", door: .api, scoped: true) { call in
                Outgoing(uri: try await fresh(call, "/enable"))
            },
            Endpoint(area: a, label: "POST /api/v1/users/{user}/reset-password", door: .api, scoped: true) { call in
                Outgoing(uri: try await fresh(call, "/reset-password"))
            },
            Endpoint(area: a, label: "POST /api/v1/mediators", door: .api, scoped: true) { call in
                jsonBody(
                    "/api/v1/mediators",
                    [
                        "name": "矩阵调解员\(call.n)", "organisationID": call.township.centerOrganisation,
                        "specialties": ["neighbour"], "levels": ["township"],
                    ])
            },
            Endpoint(area: a, label: "PATCH /api/v1/mediators/{card}", door: .api, scoped: true) { call in
                jsonBody(try await card(call, ""), ["goldMedal": true])
            },
            Endpoint(area: a, label: "POST /api/v1/mediators/{card}/retire", door: .api, scoped: true) { call in
                Outgoing(uri: try await card(call, "/retire"))
            },
            Endpoint(area: a, label: "POST /api/v1/mediators/{card}/reinstate", door: .api, scoped: true) { call in
                Outgoing(uri: try await card(call, "/reinstate"))
            },
            Endpoint(area: a, label: "PUT /api/v1/mediators/{card}/photo", door: .api, scoped: true) { call in
                Outgoing(
                    uri: try await card(call, "/photo"), body: PeopleAdminTests.png,
                    contentType: "application/octet-stream")
            },
            Endpoint(area: a, label: "DELETE /api/v1/mediators/{card}/photo", door: .api, scoped: true) { call in
                Outgoing(uri: try await card(call, "/photo"))
            },
        ]
    }()

    /// A new mediator card of the township (at its center), for a call that retires one.
    static func freshMediator(_ call: Call) async throws -> Int64 {
        try await call.world.services.mediators.create(
            NewMediator(
                name: "矩阵调解员\(call.n)", organisationID: Organisation.ID(call.township.centerOrganisation),
                specialties: [.neighbour], levels: [.township])
        ).id.rawValue
    }

    static var actionBody: [String: Any] {
        [
            "note": "matrix", "urgency": "troublesome", "difficulty": "simple", "competentLevel": "township",
        ]
    }

    static let caseAPI: [Endpoint] = {
        let a = "案件接口 Case API"
        return [
            Endpoint(area: a, label: "POST /api/v1/cases", door: .api, scoped: true) { call in
                var intake = CaseAPITests.intake
                intake["regionCode"] = call.township.grid
                intake["title"] = "矩阵测试第\(call.n)件"
                var outgoing = jsonBody("/api/v1/cases", intake)
                outgoing.idempotencyKey = "api-\(call.n)"
                return outgoing
            },
            Endpoint(area: a, label: "GET /api/v1/cases?limit=200", door: .api),
            Endpoint(area: a, label: "GET /api/v1/cases?region={township}", door: .api, scoped: true, list: true),
            Endpoint(area: a, label: "GET /api/v1/cases/{case}", door: .api, scoped: true),
            Endpoint(area: a, label: "GET /api/v1/cases/{case}/events", door: .api, scoped: true),
            Endpoint(area: a, label: "GET /api/v1/cases/{case}/file", door: .api, scoped: true),
            Endpoint(area: a, label: "POST /api/v1/cases/{case}/actions/nudge", door: .api, scoped: true) { call in
                jsonBody(Endpoint.fill("/api/v1/cases/{case}/actions/nudge", call), actionBody)
            },
            Endpoint(area: a, label: "POST /api/v1/cases/{case}/actions/assess", door: .api, scoped: true) { call in
                jsonBody(Endpoint.fill("/api/v1/cases/{case}/actions/assess", call), actionBody)
            },
            Endpoint(area: a, label: "GET /api/v1/exports/cases.csv", door: .api),
            Endpoint(
                area: a, label: "GET /api/v1/exports/cases.csv?region={township}", door: .api, scoped: true, list: true),
            Endpoint(area: a, label: "POST /api/v1/files", door: .api) { call in
                Outgoing(
                    uri: "/api/v1/files", body: ReportPagesTests.png + Array("\(call.n)".utf8), contentType: "image/png"
                )
            },
            Endpoint(area: a, label: "GET /api/v1/files/{file}", door: .api, scoped: true),
            Endpoint(area: a, label: "GET /api/v1/metrics", door: .api),
            Endpoint(area: a, label: "GET /api/v1/metrics?region={township}", door: .api, scoped: true, list: true),
            Endpoint(area: a, label: "GET /api/v1/fulfilment-tasks", door: .api),
            Endpoint(area: a, label: "GET /api/v1/oversight/charges", door: .api),
            Endpoint(area: a, label: "GET /api/v1/access-log", door: .api),
            Endpoint(area: a, label: "POST /api/v1/imports/structure", door: .api, scoped: true) { call in
                Outgoing(
                    uri: "/api/v1/imports/structure?filename=grids.csv", body: Array(structureGrid(call).utf8),
                    contentType: "text/csv")
            },
        ]
    }()

    static let catalogueAPI: [Endpoint] = {
        let a = "目录与规则接口 Catalogue and rules API"
        return [
            Endpoint(area: a, label: "GET /api/v1/categories", door: .api),
            Endpoint(area: a, label: "POST /api/v1/categories", door: .api) { call in
                jsonBody(
                    "/api/v1/categories",
                    ["code": "livelihood.api\(call.n)", "domain": "livelihood", "nameZh": "矩阵测试\(call.n)"])
            },
            Endpoint(area: a, label: "GET /api/v1/time-limits/policies", door: .api),
            Endpoint(area: a, label: "PUT /api/v1/time-limits/policies/{policy}", door: .api) { call in
                jsonBody(Endpoint.fill("/api/v1/time-limits/policies/{policy}", call), text: call.world.policy)
            },
            Endpoint(area: a, label: "DELETE /api/v1/time-limits/policies/{policy}", door: .api) { call in
                Outgoing(
                    uri: "/api/v1/time-limits/policies/\(try await freshCopy("policies", call.world.policy, call))")
            },
            Endpoint(area: a, label: "GET /api/v1/time-limits/ladders", door: .api),
            Endpoint(area: a, label: "PUT /api/v1/time-limits/ladders/{ladder}", door: .api) { call in
                jsonBody(Endpoint.fill("/api/v1/time-limits/ladders/{ladder}", call), text: call.world.ladder)
            },
            Endpoint(area: a, label: "DELETE /api/v1/time-limits/ladders/{ladder}", door: .api) { call in
                Outgoing(uri: "/api/v1/time-limits/ladders/\(try await freshCopy("ladders", call.world.ladder, call))")
            },
            Endpoint(area: a, label: "GET /api/v1/time-limits/calendar", door: .api),
            Endpoint(area: a, label: "POST /api/v1/time-limits/versions/{id}/withdraw", door: .api) { call in
                Outgoing(uri: "/api/v1/time-limits/versions/\(try await freshVersion(call))/withdraw")
            },
            Endpoint(area: a, label: "POST /api/v1/time-limits/calendar/uploads?dryRun=true", door: .api) { _ in
                // MADE-UP FIXTURE: a fictitious year, not an official schedule.
                Outgoing(
                    uri: "/api/v1/time-limits/calendar/uploads?dryRun=true",
                    body: Array("2097-01-01,holiday,元旦\n".utf8),
                    contentType: "text/csv")
            },
            Endpoint(area: a, label: "DELETE /api/v1/time-limits/calendar/years/{year}", door: .api) { call in
                Outgoing(uri: "/api/v1/time-limits/calendar/years/\(try await freshYear(call))")
            },
            Endpoint(area: a, label: "GET /api/v1/mediation/ranking", door: .api),
            Endpoint(area: a, label: "GET /api/v1/mediation/point-weights", door: .api),
            Endpoint(area: a, label: "PUT /api/v1/mediation/point-weights", door: .api) { call in
                jsonBody("/api/v1/mediation/point-weights", text: call.world.weights)
            },
        ]
    }()

    static let open311: [Endpoint] = {
        let a = "Open311（按 api_key 区分 by api_key）"
        return [
            Endpoint(area: a, label: "GET /open311/v2/discovery.json", door: .open311, open: true),
            Endpoint(area: a, label: "GET /open311/v2/services.json", door: .open311, open: true),
            Endpoint(area: a, label: "GET /open311/v2/services/{service}.json", door: .open311, open: true),
            Endpoint(area: a, label: "GET /open311/v2/requests.json", door: .open311, open: true),
            Endpoint(area: a, label: "GET /open311/v2/requests/{case}.json", door: .open311, open: true, scoped: true),
            Endpoint(area: a, label: "GET /open311/v2/tokens/{code}.json", door: .open311, open: true, scoped: true),
            Endpoint(area: a, label: "POST /open311/v2/requests.json", door: .open311, scoped: true) { call in
                formBody(
                    "/open311/v2/requests.json",
                    [
                        ("api_key", call.world.keys[call.account] ?? ""), ("service_code", call.world.service),
                        ("description", "矩阵测试第\(call.n)件：垃圾清运不及时。"), ("region_code", call.township.grid),
                    ])
            },
            Endpoint(area: a, label: "POST /open311/v2/tokens.json", door: .open311) { call in
                formBody("/open311/v2/tokens.json", [("api_key", call.world.keys[call.account] ?? "")])
            },
        ]
    }()

    // MARK: Setting up

    /// Registers a case at the township's desk; with `photo`, the photo is attached.
    static func register(
        _ township: String, grid: String, phone: String, name: String, key: String, photo: [UInt8]?,
        _ client: any TestClientProtocol, _ services: AppServices
    ) async throws -> (fixture: CaseFixture, file: String?) {
        let desk = try await APIClient.signIn("\(township).center", client, services)
        var intake = CaseAPITests.intake
        intake["regionCode"] = grid
        intake["title"] = "矩阵测试邻居装修噪音"
        intake["parties"] = [["role": "reporter", "name": name, "phone": phone]]
        var sha: String?
        if let photo {
            let uploader = try #require(try await services.users.find(username: "\(township).center"))
            let stored = try await services.files.store(photo, at: Date(), uploader: uploader.id)
            intake["attachments"] = [["sha256": stored.sha256, "fileName": "photo.png"]]
            sha = stored.sha256
        }
        let created = try await desk.call(.post, "/api/v1/cases", intake, key: "matrix-\(key)")
        #expect(created.status == .created, "\(township) \(key): \(created.text)")
        let id = try #require(created.json["id"] as? Int)
        let found = try #require(try await services.cases.find(id: Case.ID(Int64(id))))
        return (CaseFixture(id: id, number: found.number, trackingCode: found.trackingCode), sha)
    }

    /// A dispute taken to a signed agreement with dated terms by the township's desk and mediator.
    static func mediated(
        _ slug: String, name: String, grid: String, _ client: any TestClientProtocol, _ services: AppServices
    ) async throws -> CaseFixture {
        let desk = try await APIClient.signIn("\(slug).center", client, services)
        let mediatorClient = try await APIClient.signIn("\(slug).mediator", client, services)
        let user = try #require(try await services.users.find(username: "\(slug).mediator"))
        let mediator = try #require(try await services.mediators.find(userID: user.id))
        let committee = try #require(try await services.organisations.find(name: "\(name)人民调解委员会"))
        var intake = CaseAPITests.intake
        intake["regionCode"] = grid
        intake["title"] = "邻居砌墙占用宅基地"
        intake["parties"] = AgreementPageTests.agreement["parties"]
        let created = try await desk.call(.post, "/api/v1/cases", intake, key: "matrix-mediated-\(slug)")
        let id = try #require(created.json["id"] as? Int)
        let steps: [(APIClient, String, [String: Any])] = [
            (desk, "assess", ["urgency": "troublesome", "difficulty": "ordinary", "competentLevel": "township"]),
            (desk, "dispatch", ["lead": committee.id.rawValue]),
            (mediatorClient, "accept", [:]),
            (mediatorClient, "assign-mediator", ["mediator": mediator.id.rawValue]),
            (mediatorClient, "draft-agreement", ["agreement": AgreementPageTests.agreement]),
            (mediatorClient, "sign-agreement", ["signedAt": "2026-03-05T10:00:00+08:00"]),
        ]
        for (api, action, body) in steps {
            let reply = try await api.call(.post, "/api/v1/cases/\(id)/actions/\(action)", body)
            #expect(reply.status == .ok, "\(slug) \(action): \(reply.text)")
        }
        let found = try #require(try await services.cases.find(id: Case.ID(Int64(id))))
        return CaseFixture(id: id, number: found.number, trackingCode: found.trackingCode)
    }

    static func township(
        _ slug: String, name: String, phone: String, reporter: String, _ client: any TestClientProtocol,
        _ services: AppServices
    ) async throws -> Township {
        let worker = try #require(try await services.users.find(username: "\(slug).grid"))
        let grant = try #require(worker.grants.first)
        let grid = try #require(try await services.regions.find(id: grant.jurisdictionID))
        let region = try #require(try await services.regions.list(level: .township).first { $0.name == name })
        let center = try #require(try await services.users.find(username: "\(slug).center"))
        let mediatorUser = try #require(try await services.users.find(username: "\(slug).mediator"))
        let mediator = try #require(try await services.mediators.find(userID: mediatorUser.id))
        let (open, file) = try await register(
            slug, grid: grid.code, phone: phone, name: reporter, key: slug,
            photo: ReportPagesTests.png + Array(slug.utf8), client, services)
        var township = Township(
            slug: slug, code: region.code, grid: grid.code,
            centerOrganisation: try #require(center.grants.first).organisationID.rawValue,
            mediator: mediator.id.rawValue, open: open, file: try #require(file),
            mediated: try await mediated(slug, name: name, grid: grid.code, client, services), phone: phone,
            reporter: reporter)
        township.risk = try await riskFixture(slug, grid: grid.code, phone: phone, client, services)
        return township
    }

    static func world(_ client: any TestClientProtocol, _ services: AppServices) async throws -> World {
        let own = try await township(
            "taoyuan", name: "桃源镇", phone: "13911110001", reporter: "桃源矩阵报告人", client, services)
        let other = try await township(
            "xicheng", name: "溪城街道", phone: "13922220002", reporter: "溪城矩阵报告人", client, services)
        // The other township's staff read their cases in clear: entries of theirs in the access log.
        let xicheng = try await APIClient.signIn("xicheng.center", client, services)
        let read = try await xicheng.call(.get, "/api/v1/cases/\(other.open.id)")
        // The reporter as the server writes them (the county's accounts see them masked).
        #expect(read.status == .ok && read.text.contains(other.reporter) && read.text.contains(other.phone))
        let countyAdmin = try await APIClient.signIn("county.admin", client, services)
        let policies = try await countyAdmin.call(.get, "/api/v1/time-limits/policies")
        let ladders = try await countyAdmin.call(.get, "/api/v1/time-limits/ladders")
        let weights = try await countyAdmin.call(.get, "/api/v1/mediation/point-weights")
        let taoyuanCenter = try #require(try await services.users.find(username: "taoyuan.center"))
        let key = try await services.open311Keys.create(
            for: taoyuanCenter.id, label: "matrix", channel: nil, at: Date())
        let policy = try #require((policies.json["items"] as? [[String: Any]])?.first)
        let ladder = try #require((ladders.json["items"] as? [[String: Any]])?.first)
        return World(
            client: client, services: services, own: own, other: other, countyAdmin: countyAdmin,
            policy: json(policy), policyCode: try #require(policy["code"] as? String), ladder: json(ladder),
            ladderCode: try #require(ladder["code"] as? String), weights: weights.text,
            service: try #require(try await services.categories.list().first).code,
            keys: ["taoyuan key": key, "county key": DemoSeeder.open311DemoKey])
    }

    // MARK: Observing

    struct Observation {
        var table: [String: String] = [:]
        var violations: [String] = []
        /// The other township's secrets the county's accounts were answered: proof that the strings the township's
        /// staff must never see are ones the server does write.
        var seenByCounty: Set<String> = []
        /// Time spent per row, to see what makes the matrix slow.
        var seconds: [String: TimeInterval] = [:]
    }

    /// What a township's staff must never be answered: the other township's cases, reporter and staff accounts.
    static func secrets(of t: Township) -> [String] {
        [
            t.open.number, t.open.trackingCode, t.mediated.number, t.mediated.trackingCode, t.phone, t.reporter,
            "\(t.slug).",
        ]
    }

    func observe(_ world: World) async throws -> Observation {
        var result = Observation()
        let client = world.client
        let services = world.services
        var n = 0
        let secrets = Self.secrets(of: world.other)
        let ordered = Self.endpoints.filter { !$0.last } + Self.endpoints.filter(\.last)
        for account in Self.accounts + Self.open311Accounts {
            let isOpen311 = Self.open311Accounts.contains(account)
            var token: String?
            var session: String?
            var csrf = ""
            if !isOpen311 && account != "anonymous" {
                token = try await APIClient.signIn(account, client, services).token
                session = try await StaffSession.signIn(account, client)
                csrf = WebClient.csrf(in: try await StaffSession.get(Paths.workspace, as: session, client).body) ?? ""
            }
            let township = account.hasPrefix("taoyuan.")
            for endpoint in ordered where (endpoint.door == .open311) == isOpen311 {
                var cells: [String] = []
                for t in endpoint.scoped ? [world.own, world.other] : [world.own] {
                    n += 1
                    let call = Call(world: world, township: t, account: account, n: n, csrf: csrf)
                    var outgoing = try await endpoint.make?(call) ?? Outgoing(uri: Endpoint.fill(endpoint.path, call))
                    if endpoint.door == .open311, endpoint.method == .get, let key = world.keys[account] {
                        outgoing.uri += (outgoing.uri.contains("?") ? "&" : "?") + "api_key=\(key)"
                    }
                    var headers: HTTPFields = [:]
                    switch endpoint.door {
                    case .api:
                        if let token { headers[.authorization] = "Bearer \(token)" }
                    case .web:
                        headers[.cookie] =
                            (session.map { "\(SessionAuthenticator.cookieName)=\($0); " } ?? "")
                            + "\(CSRF.cookieName)=\(Call.pageToken)"
                    case .open311: break
                    }
                    if let type = outgoing.contentType { headers[.contentType] = type }
                    if let key = outgoing.idempotencyKey { headers[.init("Idempotency-Key")!] = key }
                    let uri =
                        outgoing.uri.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? outgoing.uri
                    let began = Date()
                    defer { result.seconds[endpoint.key, default: 0] += Date().timeIntervalSince(began) }
                    let (status, body) = try await client.execute(
                        uri: uri, method: endpoint.method, headers: headers,
                        body: outgoing.body.map { ByteBuffer(bytes: $0) }
                    ) { ($0.status.code, String(buffer: $0.body)) }
                    cells.append("\(status)")
                    let what = "\(account) \(endpoint.method) \(outgoing.uri) → \(status)"
                    // A 5xx is a bug, except the PDF's 503 that says Chromium is not there (left out here).
                    if status >= 500 && !(status == 503 && endpoint.path.hasSuffix(".pdf")) {
                        result.violations.append("\(what): a server error")
                    }
                    // The hard rule, whatever the table says: a township's staff (or key) never reach another's object…
                    let other = t.slug == world.other.slug
                    if (township || account == "taoyuan key") && other && !endpoint.list
                        && (!endpoint.open || endpoint.door == .open311 && endpoint.method == .post)
                        && (200..<400).contains(status)
                    {
                        result.violations.append("\(what): the other township's object")
                    }
                    if account.hasPrefix("county.") && (200..<300).contains(status) {
                        result.seenByCounty.formUnion(secrets.filter(body.contains))
                    }
                    // …and nothing they are answered holds the other township's personal data.
                    if township && !endpoint.open && (200..<300).contains(status) {
                        for secret in secrets where body.contains(secret) {
                            result.violations.append("\(what): the answer holds \(secret)")
                        }
                        if endpoint.path.hasPrefix("/api/v1/metrics?"), other,
                            let data = body.data(using: .utf8),
                            let considered = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?[
                                "casesConsidered"] as? Int, considered > 0
                        {
                            result.violations.append("\(what): counts \(considered) of the other township's cases")
                        }
                    }
                }
                if !endpoint.scoped { cells.append("—") }
                result.table["\(endpoint.key)|\(account)"] = cells.joined(separator: " / ")
            }
        }
        return result
    }

    // MARK: The table

    /// The cells of the tables in docs/ACCESS-MATRIX.md, by `` `METHOD path` note|account ``: a table's header row
    /// (`| endpoint | account | … |`) names its columns.
    static func expected() throws -> [String: String] {
        let text = try String(contentsOf: tableFile, encoding: .utf8)
        var rows: [String: String] = [:]
        var columns: [String] = []
        for line in text.split(separator: "\n") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if line.hasPrefix("| endpoint |") {
                columns = Array(cells.dropFirst())
            } else if line.hasPrefix("| `") {
                for (column, cell) in zip(columns, cells.dropFirst()) { rows["\(cells[0])|\(column)"] = cell }
            }
        }
        return rows
    }

    /// The observed tables, as docs/ACCESS-MATRIX.md writes them.
    static func render(_ table: [String: String]) -> String {
        var text: [String] = []
        var area = ""
        for endpoint in endpoints {
            let columns = endpoint.door == .open311 ? open311Accounts : accounts
            if endpoint.area != area {
                area = endpoint.area
                text += ["", "## \(area)", "", "| endpoint | \(columns.joined(separator: " | ")) |"]
                text.append("| --- |" + String(repeating: " --- |", count: columns.count))
            }
            let cells = columns.map { table["\(endpoint.key)|\($0)"] ?? "?" }
            text.append("| \(endpoint.key) | \(cells.joined(separator: " | ")) |")
        }
        return text.joined(separator: "\n")
    }

    // MARK: Routes

    /// How closely a row's `METHOD /path` fits a registered `METHOD /pattern`: the number of literal segments that
    /// agree, or nil when it does not fit. The router prefers literal segments, so the best fit is the route taken.
    static func fit(_ label: String, _ route: String) -> Int? {
        let (labelMethod, labelPath) = (label.prefix { $0 != " " }, label.drop { $0 != " " }.dropFirst())
        let (routeMethod, routePath) = (route.prefix { $0 != " " }, route.drop { $0 != " " }.dropFirst())
        guard labelMethod == routeMethod else { return nil }
        let given = labelPath.prefix { $0 != "?" }.split(separator: "/")
        let pattern = routePath.split(separator: "/")
        guard given.count == pattern.count else { return nil }
        var literal = 0
        for (segment, part) in zip(given, pattern) {
            if part.hasPrefix(":") || part.hasPrefix("{") && part.hasSuffix("}") || part == "*" { continue }
            guard segment == part else { return nil }
            literal += 1
        }
        return literal
    }

    static func route(of label: String, in routes: Set<String>) -> String? {
        routes.compactMap { route in fit(label, route).map { (route, $0) } }.max { $0.1 < $1.1 }?.0
    }

    @Test("every route the app registers has a row, and every row is a registered route")
    func complete() async throws {
        try await TestApp.run(migrated: false) { _, services in
            let router = buildRouter(services: services, logger: Logger(label: "access-matrix"))
            let routes = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
            #expect(routes.count > 80)
            var covered = Set(Self.endpoints.compactMap { Self.route(of: $0.label, in: routes) })
            // The case actions are one operation each in the contract, all served by `CaseActionAPI.perform` (the
            // case if the caller may see it, then the workflow's permission check): the nudge and assess rows stand
            // for the family, and taking every action here would move the shared case through its whole life.
            let actions = routes.filter { $0.hasPrefix("POST /api/v1/cases/{id}/actions/") }
            #expect(actions.count == 35 && covered.isSuperset(of: actions.filter { $0.hasSuffix("/nudge") }))
            covered.formUnion(actions)
            let unmatched = Self.endpoints.filter { Self.route(of: $0.label, in: routes) == nil }.map(\.label)
            #expect(
                routes.subtracting(covered).isEmpty, "routes without a row: \(routes.subtracting(covered).sorted())")
            #expect(unmatched.isEmpty, "rows naming no registered route: \(unmatched)")
            let keys = Self.endpoints.map(\.key)
            #expect(Set(keys).count == keys.count, "rows named twice")
            // The table in the document has exactly these rows and columns.
            let documented = Set(try Self.expected().keys)
            let wanted = Set(
                Self.endpoints.flatMap { endpoint in
                    (endpoint.door == .open311 ? Self.open311Accounts : Self.accounts).map { "\(endpoint.key)|\($0)" }
                })
            #expect(
                documented == wanted,
                "table cells missing: \(wanted.subtracting(documented).sorted()); unknown: \(documented.subtracting(wanted).sorted())"
            )
        }
    }

    @Test(
        "every account × route × own and other township answers as docs/ACCESS-MATRIX.md says",
        arguments: TestApp.Engine.available)
    func matrix(engine: TestApp.Engine) async throws {
        let expected = try Self.expectedHere()
        // Without Chromium: the agreement PDF answers 503 instead of taking seconds (AgreementPageTests renders it).
        try await TestApp.run(seeded: true, on: engine, pdf: false) { client, services in
            let started = Date()
            let world = try await Self.world(client, services)
            let observed = try await observe(world)
            for violation in observed.violations { Issue.record("\(violation)") }
            // Tracking codes are the citizen's: staff are never answered them; the reporter is checked in `world`.
            let unseen = Set(Self.secrets(of: world.other)).subtracting(observed.seenByCounty).subtracting([
                world.other.open.trackingCode, world.other.mediated.trackingCode, world.other.reporter,
                world.other.phone,
            ])
            #expect(unseen.isEmpty, "never answered to the county either, so not a real check: \(unseen.sorted())")
            var differences = 0
            for (key, cell) in observed.table.sorted(by: { $0.key < $1.key }) where expected[key] != cell {
                differences += 1
                Issue.record("\(key): table \(expected[key] ?? "none"), server \(cell)")
            }
            #expect(
                observed.table.count == expected.count,
                "cells: \(observed.table.count) observed, \(expected.count) in the table")
            if differences > 0 || observed.table.count != expected.count {
                print("Observed access matrix (\(engine)):\n" + Self.render(observed.table))
            }
            let slowest = observed.seconds.sorted { $0.value > $1.value }.prefix(5).map {
                "\($0.key) \(String(format: "%.1f", $0.value)) s"
            }
            print("Slowest rows: \(slowest.joined(separator: ", "))")
            print(
                "Access matrix on \(engine): \(observed.table.count) cells in \(Int(Date().timeIntervalSince(started))) s"
            )
        }
    }

    /// Tracking codes are 10 characters drawn by `SystemRandomNumberGenerator` from 31 (about 49.5 bits;
    /// `CaseNumberingTests.trackingCodes` checks the alphabet and length, `AbuseLimitTests.trackingGuesses` the limit
    /// of 30 failed look-ups per address in 10 minutes). Here, with real cases in the database: consecutive cases'
    /// codes share no pattern, and codes next to real ones, or counted up like case numbers, find nothing on any of
    /// the public look-ups, which all count their failures against the same limit.
    @Test(
        "tracking codes cannot be guessed: neighbours and sequences of real codes find nothing, and guessing is limited"
    )
    func trackingCodesNotGuessable() async throws {
        try await TestApp.run(seeded: true) { client, services in
            var codes: [String] = []
            for n in 0..<8 {
                let made = try await Self.register(
                    "taoyuan", grid: "339921101201-01", phone: "1391111000\(n)", name: "桃源矩阵报告人", key: "guess-\(n)",
                    photo: nil, client, services)
                codes.append(made.fixture.trackingCode)
            }
            #expect(Set(codes).count == codes.count)
            let alphabet = CaseNumbering.trackingAlphabet
            for (earlier, later) in zip(codes, codes.dropFirst()) {
                // Two independent random codes agree in about 10/31 places; sequential ones would in 9 or more.
                #expect(zip(earlier, later).filter { $0 == $1 }.count < 6, "\(earlier) then \(later)")
            }
            // Each real code with one character changed, and its last characters counted up.
            var guesses: [String] = []
            for (index, code) in codes.prefix(3).enumerated() {
                var characters = Array(code)
                let position = characters.count - 1 - index
                let next = alphabet[(alphabet.firstIndex(of: characters[position])! + 1) % alphabet.count]
                characters[position] = next
                guesses.append(String(characters))
            }
            guesses += (0..<5).map { "2222222" + String(alphabet[$0]) + String(alphabet[$0 + 1]) + "2" }
            guesses = guesses.filter { !codes.contains($0) }
            #expect(guesses.count == 8)
            // The first case's phone: a guess fails on its code alone.
            let phone = "13911110000"
            for guess in guesses {
                for status in try await Self.trackingLookups(code: guess, phone: phone, client) {
                    #expect(status == .notFound, "\(guess) → \(status)")
                }
            }
            // 24 failures so far; 6 more on the confirmation page reach the limit of 30, and then even the right code
            // is refused to this address, on every look-up.
            for guess in guesses.prefix(6) {
                let status = try await client.execute(
                    uri: Paths.reportConfirmation + "?code=\(guess)", method: .get
                ) { $0.status }
                #expect(status == .notFound)
            }
            let real = try #require(codes.first)
            for status in try await Self.trackingLookups(code: real, phone: phone, client) {
                #expect(status == .tooManyRequests, "\(real) → \(status)")
            }
        }
    }

    /// The three public look-ups by tracking code: the API, the tracking page's form, the report's confirmation.
    static func trackingLookups(
        code: String, phone: String, _ client: some TestClientProtocol
    ) async throws -> [HTTPResponse.Status] {
        let api = try await client.execute(
            uri: "/api/v1/track", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"code":"\#(code)","phone":"\#(phone)"}"#)
        ) { $0.status }
        let page = try await client.execute(
            uri: Paths.track, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "fq_csrf=matrix"],
            body: ByteBuffer(string: "code=\(code)&phone=\(phone)&_csrf=matrix")
        ) { $0.status }
        let confirmation = try await client.execute(
            uri: Paths.reportConfirmation + "?code=\(code)", method: .get
        ) { $0.status }
        return [api, page, confirmation]
    }

    /// The table, with the cells that depend on the machine as they apply here.
    static func expectedHere() throws -> [String: String] {
        var expected = try Self.expected()
        // Machine-dependent cells: Debian's scripts are served only where installed.
        for endpoint in Self.endpoints {
            guard endpoint.path.hasPrefix("/static/vendor/"), StaticController.vendorFile(endpoint.path) == nil else {
                continue
            }
            for account in Self.accounts {
                let key = "\(endpoint.key)|\(account)"
                expected[key] = expected[key]?.replacingOccurrences(of: "200", with: "404")
            }
        }
        return expected
    }
}
