import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

/// A signed-in browser: the session cookie, and the CSRF token its pages carry.
struct WebClient {
    let client: any TestClientProtocol
    let session: String
    let csrf: String

    static func signIn(_ username: String, _ client: any TestClientProtocol) async throws -> WebClient {
        let session = try await StaffSession.signIn(username, client)
        let page = try await StaffSession.get(Paths.workspace, as: session, client)
        return WebClient(client: client, session: session, csrf: try #require(Self.csrf(in: page.body)))
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    func get(_ uri: String) async throws -> (status: HTTPResponse.Status, body: String, headers: HTTPFields) {
        try await StaffSession.get(uri, as: session, client)
    }

    /// Posts a form (url-encoded) with the session's CSRF token.
    func post(
        _ uri: String, _ fields: [(String, String)]
    ) async throws -> (
        status: HTTPResponse.Status, body: String, location: String?
    ) {
        let all = [(CSRF.fieldName, csrf)] + fields
        let body = all.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await client.execute(
            uri: uri, method: .post,
            headers: [
                .contentType: "application/x-www-form-urlencoded",
                .cookie: "\(SessionAuthenticator.cookieName)=\(session)",
            ], body: ByteBuffer(string: body)
        ) { ($0.status, String(buffer: $0.body), $0.headers[.location]) }
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

@Suite("Role workspaces")
struct WorkspacePagesTests {
    /// Who may open each workspace page, written out here (not read from the code it checks).
    static let expected: [(path: String, roles: Set<Role>)] = [
        (Paths.desk, [.centerStaff, .admin]),
        (Paths.deskIntake, [.centerStaff, .admin]),
        (Paths.inbox, [.departmentHandler, .mediator, .centerStaff]),
        (Paths.grid, [.gridWorker]),
        (Paths.gridReport, [.gridWorker]),
        (Paths.mediation, [.mediator]),
        (Paths.dashboard, [.leader, .centerStaff]),
    ]

    static let accounts: [(username: String, role: Role)] = [
        ("taoyuan.grid", .gridWorker), ("taoyuan.center", .centerStaff), ("taoyuan.dept", .departmentHandler),
        ("taoyuan.mediator", .mediator), ("taoyuan.leader", .leader), ("taoyuan.admin", .admin),
    ]

    @Test("every workspace page answers only the roles it serves; without a session it asks to sign in first")
    func accessByRole() async throws {
        try await TestApp.run(seeded: true) { client, _ in
            for (path, _) in Self.expected {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .seeOther, "\(path) without a session")
                    #expect(response.headers[.location] == Paths.signIn(returnTo: path))
                }
            }
            for account in Self.accounts {
                let session = try await StaffSession.signIn(account.username, client)
                for (path, roles) in Self.expected {
                    let page = try await StaffSession.get(path, as: session, client)
                    let allowed = roles.contains(account.role)
                    #expect(page.status == (allowed ? .ok : .forbidden), "\(account.username) → \(path)")
                    if !allowed { #expect(page.body.contains("您的角色无权打开此页面")) }
                    // The navigation shows a workspace exactly to those who may open it.
                    let workspace = try await StaffSession.get(Paths.workspace, as: session, client)
                    #expect(workspace.body.contains("href=\"\(path)\"") == allowed || path == Paths.gridReport)
                }
            }
        }
    }

    @Test("the key-person register and hotspots are in the navigation of exactly those who may open them")
    func preventionLinks() async throws {
        // The register is read by grant and organisation: the township's justice office (taoyuan.dept) reads it, the
        // county's labour bureau (county.dept) does not, though both are department handlers.
        let expected: [(username: String, keyPersons: Bool, hotspots: Bool)] = [
            ("taoyuan.dept", true, false), ("county.dept", false, false), ("taoyuan.grid", true, false),
            ("taoyuan.center", true, true), ("taoyuan.leader", false, true), ("taoyuan.mediator", false, false),
            ("taoyuan.admin", false, true),
        ]
        try await TestApp.run(seeded: true) { client, _ in
            for account in expected {
                let session = try await StaffSession.signIn(account.username, client)
                let workspace = try await StaffSession.get(Paths.workspace, as: session, client)
                #expect(
                    workspace.body.contains("href=\"\(Paths.keyPersons)\"") == account.keyPersons, "\(account.username)"
                )
                #expect(
                    workspace.body.contains("href=\"\(Paths.hotspots)\"") == account.hotspots, "\(account.username)")
                let register = try await StaffSession.get(Paths.keyPersons, as: session, client)
                #expect((register.status == .ok) == account.keyPersons, "\(account.username) → \(register.status)")
                let hotspots = try await StaffSession.get(Paths.hotspots, as: session, client)
                #expect((hotspots.status == .ok) == account.hotspots, "\(account.username) → \(hotspots.status)")
            }
            // The leader's screen: the figures of the demo's key persons (one of each class), no way to the people.
            let leader = try await StaffSession.signIn("taoyuan.leader", client)
            let dashboard = try await StaffSession.get(Paths.dashboard, as: leader, client)
            let panel = try #require(
                dashboard.body.range(of: "id=\"key-person-panel\"").map {
                    String(dashboard.body[$0.lowerBound...].prefix(1500))
                })
            #expect(!dashboard.body.contains("href=\"\(Paths.keyPersons)"))
            #expect(panel.contains("红色（高度关注）</span> 1 "), "\(panel)")
        }
    }

    @Test("the police station's and the justice office's handlers find their risk visits in their inbox; others none")
    func riskVisitsInInbox() async throws {
        try await TestApp.run(seeded: true) { client, services in
            // The seed story (a neighbour dispute, the police called, a threat) raises a red warning with visits for
            // the grid, the township's police station and its justice office.
            let grid = try await KeyPersonTests.grid(of: "taoyuan.grid", services)
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let made = try await desk.call(
                .post, "/api/v1/cases", RiskAPITests.seedStory(regionCode: grid.code), key: "inbox-visits")
            #expect(made.status == .created)
            // A key person the police station answers for: its visits are due in the police inbox too.
            var person = KeyPersonTests.person(grid.code, "red")
            person["responsible"] = ["taoyuan.police"]
            let registered = try await KeyPersonTests.call(
                client, .post, "/api/v1/key-persons", token: try await KeyPersonTests.token("taoyuan.center", services),
                json: person)
            #expect(registered.status == .created, "\(registered.text)")
            for (username, expected) in [
                ("taoyuan.police", "派出所"), ("taoyuan.dept", "司法所"), ("county.dept", nil),
            ] as [(String, String?)] {
                let session = try await StaffSession.signIn(username, client)
                let inbox = try await StaffSession.get(Paths.inbox, as: session, client)
                #expect(inbox.status == .ok, "\(username)")
                guard let expected else {
                    #expect(!inbox.body.contains("id=\"risk-visits\""), "\(username)")
                    continue
                }
                let section = try #require(
                    inbox.body.range(of: "id=\"risk-visits\"").map {
                        String(inbox.body[$0.lowerBound...].prefix(6000))
                    },
                    "\(username)")
                #expect(section.contains("红色预警") && section.contains(expected), "\(username): \(section.prefix(1500))")
                #expect(inbox.body.contains("我包保的重点人员走访") == (username == "taoyuan.police"), "\(username)")
            }
            // The center's staff answer for key persons too: theirs are due on the desk.
            person["responsible"] = ["taoyuan.center"]
            person["idNumber"] = nil
            person["phone"] = "13900003333"
            let another = try await KeyPersonTests.call(
                client, .post, "/api/v1/key-persons", token: try await KeyPersonTests.token("taoyuan.center", services),
                json: person)
            #expect(another.status == .created, "\(another.text)")
            let center = try await StaffSession.signIn("taoyuan.center", client)
            let triage = try await StaffSession.get(Paths.desk, as: center, client)
            #expect(triage.body.contains("我包保的重点人员走访"))
            let police = try await StaffSession.signIn("taoyuan.police", client)
            let policeInbox = try await StaffSession.get(Paths.inbox, as: police, client)
            #expect(policeInbox.body.components(separatedBy: "/key-persons/").count - 1 == 1)
        }
    }

    @Test("a handler of the county's 司法局 is no justice office: the register stays closed to them")
    func countyJusticeBureau() async throws {
        // Found in review: the register let in any department whose name contained 司法, the county's 司法局 too,
        // while the visits go only to a township's …司法所. One rule now decides both (`VisitorRole.of`).
        try await TestApp.run(seeded: true) { client, services in
            let bureau = try #require(try await services.organisations.find(name: "清溪县司法局"))
            _ = try await services.users.create(
                NewUser(
                    username: "county.justice.handler", displayName: "县司法局办事员", phone: nil,
                    grants: [
                        RoleGrant(role: .departmentHandler, organisationID: bureau.id, jurisdictionID: bureau.regionID)
                    ]), passwordHash: Passwords.hash(DemoCounty.demoPassword, cost: 4), now: Date())
            let session = try await StaffSession.signIn("county.justice.handler", client)
            #expect(try await StaffSession.get(Paths.keyPersons, as: session, client).status == .forbidden)
            let workspace = try await StaffSession.get(Paths.workspace, as: session, client)
            #expect(workspace.status == .ok && !workspace.body.contains("href=\"\(Paths.keyPersons)\""))
        }
    }

    @Test("sign-in comes back to the page that asked for it, never to another site")
    func returnAfterSignIn() {
        #expect(SignInController.safeReturn("/desk?x=1") == "/desk?x=1")
        #expect(SignInController.safeReturn("//evil.example/") == nil)
        #expect(SignInController.safeReturn("https://evil.example/") == nil)
        #expect(SignInController.safeReturn(nil) == nil)
        // Probed: a tab, line break or backslash that a browser drops or turns into a slash leads off-site.
        for hostile in [
            "/%09/evil.example", "/\t/evil.example", "/%0a/evil.example", "/%5Cevil.example", "/\\evil.example",
            "/%2F/evil.example", "/%2f%2fevil.example", "javascript:alert(1)", "",
            "\\\\evil.example", " /desk",
        ] {
            #expect(SignInController.safeReturn(hostile) == nil, "\(hostile)")
        }
        // Markup in a path stays a path on this site, percent-encoded: nothing in it can close an attribute.
        let markup = SignInController.safeReturn("/\"><form action=x>")
        #expect(markup.map { !$0.contains("\"") && !$0.contains("<") && $0.hasPrefix("/") } ?? true)
        #expect(SignInController.safeReturn("/a/./b/../desk") == "/a/desk")
        #expect(SignInController.safeReturn("/.//evil.example") == "/evil.example")
        #expect(SignInController.safeReturn("/../../desk") == "/desk")
        #expect(SignInController.safeReturn("/desk#top") == "/desk")
        #expect(
            SignInController.safeReturn("/queue?state=registered&q=%E7%BA%A0") == "/queue?state=registered&q=%E7%BA%A0")
    }

    @Test("the desk registers a walk-in once per form, keeps what was typed on a refusal, and the case page acts")
    func deskIntakeAndActions() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await WebClient.signIn("taoyuan.center", client)
            let grid = try #require(
                try await services.regions.list(level: .grid).first { $0.code.hasPrefix("339921101") })
            let form: [(String, String)] = [
                ("idempotencyKey", "form-1"), ("channel", "window"), ("regionCode", grid.code),
                ("title", "邻居装修噪音扰民"), ("description", "楼上每天晚上十点后还在装修，影响休息。"),
                ("urgency", "troublesome"), ("kind", "request"), ("reporterName", "李四"),
                ("reporterPhone", "13912345678"),
            ]
            let created = try await desk.post(Paths.deskIntake, form)
            #expect(created.status == .seeOther)
            let location = try #require(created.location)
            #expect(try await desk.post(Paths.deskIntake, form).location == location)
            let id = try #require(Int64(location.split(separator: "/").last ?? ""))
            #expect(try await services.cases.find(id: Case.ID(id))?.channel == .window)

            var missing = form.filter { $0.0 != "title" }
            missing[0] = ("idempotencyKey", "form-2")
            let refused = try await desk.post(Paths.deskIntake, missing)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("楼上每天晚上十点后还在装修") && refused.body.contains("role=\"alert\""))

            let page = try await desk.get(location)
            #expect(page.status == .ok && page.body.contains("action-assess") && !page.body.contains("action-accept"))
            #expect(page.body.contains("13912345678"))  // the desk needs the reporter's phone: in clear
            let stale = try await desk.post(
                Paths.caseAction(id, "assess"),
                [
                    ("expectedVersion", "1"), ("urgency", "troublesome"), ("difficulty", "simple"),
                    ("competentLevel", "township"),
                ])
            #expect(stale.status == .conflict && stale.body.contains("action-error"))
            let version = try #require(try await services.cases.find(id: Case.ID(id))?.version)
            let assessed = try await desk.post(
                Paths.caseAction(id, "assess"),
                [
                    ("expectedVersion", "\(version)"), ("urgency", "troublesome"), ("difficulty", "simple"),
                    ("competentLevel", "township"),
                ])
            // Back on the case page, which says what was done.
            #expect(assessed.status == .seeOther && assessed.location == location + "?done=assess")
            #expect(try await services.cases.find(id: Case.ID(id))?.state == .assessed)
            let noLead = try await desk.post(
                Paths.caseAction(id, "dispatch"), [("expectedVersion", "\(version + 1)")])
            #expect(noLead.status == .badRequest && noLead.body.contains("请填写“牵头单位”"))

            let leader = try await WebClient.signIn("taoyuan.leader", client)
            let leaderView = try await leader.get(location)
            #expect(leaderView.status == .ok && !leaderView.body.contains("13912345678"))
            #expect(leaderView.body.contains("action-nudge") && !leaderView.body.contains("action-assess"))
            let forbidden = try await leader.post(
                Paths.caseAction(id, "close"), [("expectedVersion", "\(version + 1)")])
            #expect(forbidden.status == .forbidden && forbidden.body.contains("action-error"))
        }
    }

    @Test("a second report of the same problem in the same village shows the first as a possible duplicate")
    func duplicates() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await WebClient.signIn("taoyuan.center", client)
            let grid = try #require(
                try await services.regions.list(level: .grid).first { $0.code.hasPrefix("339921101") })
            func register(_ key: String, _ title: String, _ description: String) async throws -> String {
                try #require(
                    try await desk.post(
                        Paths.deskIntake,
                        [
                            ("idempotencyKey", key), ("channel", "hotline12345"), ("regionCode", grid.code),
                            ("title", title), ("description", description), ("anonymous", "true"),
                        ]
                    ).location)
            }
            let first = try await register("a", "8路公交早高峰间隔太长", "早高峰8路公交车要等四十分钟")
            let second = try await register("b", "8路公交车等车时间太长", "早上高峰8路公交等车四十分钟以上")
            let page = try await desk.get(second)
            #expect(page.body.contains("可能重复") && page.body.contains("href=\"\(first)\""))
            let json = try await desk.get(
                "\(Paths.deskDuplicates)?regionCode=\(grid.code)&text=\(WebClient.encode("8路公交早高峰等车四十分钟"))")
            #expect(json.body.contains(first) && json.body.contains(second))

            // 合并 asks first, showing which case ends and which carries on; only the confirmation merges.
            let firstCase = try #require(
                try await services.cases.find(id: Case.ID(Int64(first.split(separator: "/").last!)!)))
            let secondID = Int64(second.split(separator: "/").last!)!
            let version = try #require(try await services.cases.find(id: Case.ID(secondID))).version
            let merge = Paths.caseAction(secondID, CaseAction.merge.rawValue)
            let asked = try await desk.post(merge, [("expectedVersion", "\(version)"), ("master", "\(firstCase.id)")])
            #expect(asked.status == .ok && asked.body.contains("确认合并重复件") && asked.body.contains(firstCase.number))
            #expect(asked.body.contains("本件（将结束办理）") && asked.body.contains("主案件（继续办理）"))
            #expect(try await services.cases.find(id: Case.ID(secondID))?.state != .merged)
            let unknown = try await desk.post(merge, [("expectedVersion", "\(version)"), ("master", "XX-0000")])
            #expect(unknown.status == .unprocessableContent && unknown.body.contains("找不到编号为“XX-0000”的案件"))
            let confirmed = try await desk.post(
                merge, [("expectedVersion", "\(version)"), ("master", firstCase.number), ("confirm", "yes")])
            #expect(confirmed.status == .seeOther, "\(confirmed.status) \(confirmed.body.prefix(400))")
            #expect(try await services.cases.find(id: Case.ID(secondID))?.state == .merged)
        }
    }

    @Test("the leader's dashboard: counts, rates, trend table, ranking, overdue list with 拍一拍, and the grid map")
    func dashboard() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let leader = try await WebClient.signIn("taoyuan.leader", client)
            let page = try await leader.get(Paths.dashboard)
            #expect(page.status == .ok)
            for part in [
                "count-registered", "count-whistle-quick", "trend-table", "ranking-regions", "ranking-organisations",
                "grid-map", "<polygon", "dashboard-data", "桃源镇",
            ] {
                #expect(page.body.contains(part), "\(part)")
            }
            let charts = StaticController.vendorFile(Paths.chartScript) != nil
            #expect(page.body.contains(Paths.chartScript) == charts)
            let script = try await client.execute(uri: Paths.chartScript, method: .get) { $0.status }
            #expect(script == (charts ? .ok : .notFound))
            _ = services
        }
    }

    @Test("the dashboard's overdue figure is the true count, not the length of its capped list")
    func overdueCountIsTrue() async throws {
        let registeredAt = try #require(ChinaTime.parse("2026-03-02T09:30:00+08:00")?.lowerBound)
        // A month later every one of them is overdue.
        try await TestApp.run(seeded: true, clock: .fixed(registeredAt.addingTimeInterval(30 * 86_400))) {
            client, services in
            let desk = try #require(try await services.users.find(username: "taoyuan.center"))
            let actor = try await ActorFactory(regions: services.regions).actor(for: desk)
            let grid = try #require(
                try await services.regions.list(level: .grid).first { $0.code.hasPrefix("339921101") })
            for index in 0..<55 {
                let intake = Intake(
                    channel: .window, title: "超期计数第\(index)件", description: "测试用的诉求。", urgency: .troublesome,
                    kind: .request, regionID: grid.id,
                    parties: [Party(role: .reporter, name: "王五", phone: "13800001111")])
                _ = try await services.caseActions.at(registeredAt).register(
                    intake, idempotencyKey: "overdue-\(index)", by: actor)
            }
            let leader = try await WebClient.signIn("taoyuan.leader", client)
            // The cases registered in March: the screen's period is this month (April) unless chosen.
            let page = try await leader.get("\(Paths.dashboard)?from=2026-03-01")
            #expect(page.status == .ok)
            let total = try #require(
                page.body.range(of: #"共 (\d+) 件超期"#, options: .regularExpression).map {
                    Int(page.body[$0].filter(\.isNumber))
                } ?? nil)
            #expect(total >= 55, "the figure was capped at the list's 50")
            #expect(page.body.contains("id=\"overdue-capped\""))
            #expect(page.body.contains("（\(total)）"))
        }
    }

    @Test("administrators print every grid's QR code, made by the app as SVG and PNG, only for their own grids")
    func gridQRCodes() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await WebClient.signIn("taoyuan.admin", client)
            let grids = try await services.regions.list(level: .grid)
            let own = try #require(grids.first { $0.code.hasPrefix("339921101") })
            let other = try #require(grids.first { !$0.code.hasPrefix("339921101") })
            let sheet = try await admin.get(Paths.adminQRCodes)
            #expect(sheet.status == .ok && sheet.body.contains(Paths.gridQRCode(own.code, format: "svg")))
            #expect(!sheet.body.contains(Paths.gridQRCode(other.code, format: "svg")))
            #expect(sheet.body.contains(Paths.gridReportLink(own.code)))
            let svg = try await admin.get(Paths.gridQRCode(own.code, format: "svg"))
            #expect(svg.status == .ok && svg.headers[.contentType] == "image/svg+xml" && svg.body.hasPrefix("<svg"))
            let png = try await client.execute(
                uri: Paths.gridQRCode(own.code, format: "png"), method: .get,
                headers: [.cookie: "\(SessionAuthenticator.cookieName)=\(admin.session)"]
            ) { ($0.status, Array(buffer: $0.body)) }
            #expect(png.0 == .ok && png.1.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            #expect(try await admin.get(Paths.gridQRCode(other.code, format: "svg")).status == .notFound)
            let center = try await WebClient.signIn("taoyuan.center", client)
            #expect(try await center.get(Paths.adminQRCodes).status == .forbidden)
        }
    }
}
