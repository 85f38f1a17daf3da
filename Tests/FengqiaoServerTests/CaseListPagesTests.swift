import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

@Suite("Staff case list: filters, true totals, paging, CSV, bulk actions")
struct CaseListPagesTests {
    /// The demo county with generated cases at a fixed moment (the same cases on every run).
    static func run(_ body: @Sendable (any TestClientProtocol, AppServices) async throws -> Void) async throws {
        try await TestApp.run(seeded: false) { client, services in
            let seeder = DemoSeeder(services: services, passwordCost: 4)
            let county = DemoCounty.generate()
            let end = try #require(ChinaTime.parse("2026-11-20T10:00:00+08:00")?.lowerBound)
            let written = try await seeder.seed(county, now: end)
            _ = try await seeder.seedCases(county, written: written, count: 160, endingAt: end)
            try await body(client, services)
        }
    }

    /// The export's rows (header dropped), each as its fields.
    static func csvRows(_ body: String) throws -> [[String]] {
        try CSVTable.parse(body).rows.map(\.fields)
    }

    /// "共 N 件" on a list page.
    static func total(_ html: String) throws -> Int {
        let match = try #require(html.firstMatch(of: /共 (\d+) 件/))
        return try #require(Int(match.1))
    }

    static func caseNumbers(_ html: String) -> [String] {
        html.matches(of: /data-case-number="([^"]+)"/).map { String($0.1) }
    }

    static func township(_ name: String, _ services: AppServices) async throws -> Region {
        try #require(try await services.regions.list(level: .township).first { $0.name == name })
    }

    /// A walk-in registered at the desk of `desk` in the first village of `township`.
    static func register(
        _ desk: WebClient, _ township: Region, _ title: String, _ services: AppServices
    ) async throws -> Case {
        let village = try #require(
            try await services.regions.subtree(of: township.id).first { $0.level == .village })
        let created = try await desk.post(
            Paths.deskIntake,
            [
                ("idempotencyKey", UUID().uuidString), ("regionCode", village.code), ("title", title),
                ("description", "\(title)，请尽快处理。"), ("urgency", "troublesome"), ("anonymous", "on"),
            ])
        let location = try #require(created.location)
        let id = try #require(Int64(location.split(separator: "/").last ?? ""))
        return try #require(try await services.cases.find(id: Case.ID(id)))
    }

    @Test("an action on a case page ends with its confirmation and the way back to the list it was opened from")
    func confirmationAndWayBack() async throws {
        try await Self.run { client, services in
            let web = try await WebClient.signIn("taoyuan.center", client)
            let found = try await Self.register(
                web, try await Self.township("桃源镇", services), "路灯不亮", services)
            let back = Paths.cases(["state": "registered"])
            let pageURL = ListReturn.caseFile(found.id, done: .assess, back: back)
                .replacingOccurrences(of: "done=assess&", with: "")
            let page = try await web.get(pageURL)
            #expect(page.body.contains(#"id="back-to-list""#))
            #expect(page.body.contains(#"href="/cases?state=registered""#))
            #expect(!page.body.contains(#"id="action-notice""#))
            let fields = [
                (CSRF.fieldName, web.csrf), ("expectedVersion", "\(found.version)"),
                ("categoryCode", "livelihood.infrastructure"), ("urgency", "worrying"), ("difficulty", "simple"),
                ("competentLevel", "township"),
            ]
            let location = try await client.execute(
                uri: Paths.caseAction(found.id, "assess"), method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded",
                    .cookie: "\(SessionAuthenticator.cookieName)=\(web.session)",
                    .referer: "http://localhost:8080\(pageURL)",
                ],
                body: ByteBuffer(string: fields.map { "\($0.0)=\(WebClient.encode($0.1))" }.joined(separator: "&"))
            ) { response in
                #expect(response.status == .seeOther)
                return try #require(response.headers[.location])
            }
            #expect(location.contains("done=assess"))
            let after = try await web.get(location)
            #expect(after.body.contains("已完成：研判"))
            #expect(after.body.contains(#"href="/cases?state=registered""#), "the way back is kept")
            // A list the case was not opened from is never a way back (only this site's lists are).
            let foreign = try await web.get(Paths.caseFile(found.id) + "?back=https://evil.example/cases")
            #expect(!foreign.body.contains("evil.example"))
        }
    }

    @Test("the page's total is the true count, its pages hold every case once, and the CSV is exactly the list")
    func totalsPagingAndExport() async throws {
        try await Self.run { client, services in
            let web = try await WebClient.signIn("taoyuan.center", client)
            let first = try await web.get(Paths.cases + "?limit=3")
            #expect(first.status == .ok)
            let total = try Self.total(first.body)
            #expect(total > 3, "the demo township has more cases than one page")
            let pages = (total + 2) / 3
            #expect(first.body.contains("第 1 / \(pages) 页"))
            var seen: [String] = []
            for offset in stride(from: 0, to: total, by: 3) {
                let page = try await web.get(Paths.cases + "?limit=3&offset=\(offset)")
                #expect(try Self.total(page.body) == total, "every page tells the same total")
                seen += Self.caseNumbers(page.body)
            }
            #expect(seen.count == total)
            #expect(Set(seen).count == total, "no case on two pages")
            // The API tells the same true total beside its page.
            let api = try await APIClient.signIn("taoyuan.center", client, services)
            let listed = try await api.call(.get, "/api/v1/cases?limit=3")
            #expect(listed.json["total"] as? Int == total)
            #expect((listed.json["items"] as? [Any])?.count == 3)
            let export = try await web.get(Paths.casesCSV)
            #expect(export.status == .ok)
            #expect(export.headers[.contentType]?.hasPrefix("text/csv") == true)
            let rows = try Self.csvRows(export.body)
            #expect(Set(rows.map { $0[0] }) == Set(seen), "the export holds exactly the listed cases")
            try await services.accessLog.flush()
            #expect(try await services.accessLog.recent().contains { $0.action == "cases.export" })
        }
    }

    @Test("a state filter lists only that state; its export holds exactly the filtered cases")
    func filteredExport() async throws {
        try await Self.run { client, _ in
            let web = try await WebClient.signIn("taoyuan.center", client)
            let all = try Self.total(try await web.get(Paths.cases).body)
            let page = try await web.get(Paths.cases(["state": "registered", "limit": "100"]))
            let total = try Self.total(page.body)
            #expect(total < all)
            let rows = try Self.csvRows(try await web.get(Paths.casesCSV + "?state=registered").body)
            #expect(rows.count == total)
            #expect(rows.allSatisfy { $0[3] == CaseState.registered.name.zh })
            #expect(Set(rows.map { $0[0] }) == Set(Self.caseNumbers(page.body)))
            // The form sends its blank fields too: blank means any.
            let blanks = "q=&category=&urgency=&channel=&region=&organisation=&from=&to="
            let submitted = try await web.get(Paths.cases + "?\(blanks)&state=registered&sort=newest&limit=100")
            #expect(try Self.total(submitted.body) == total)
            // Words, urgency and the Chinese date spelling are filters too.
            let dated = try await web.get(Paths.cases(["from": "2020年1月1日 08:30", "to": "2099-12-31"]))
            #expect(dated.status == .ok)
            #expect(try Self.total(dated.body) == all)
            #expect(dated.body.contains(#"value="2020年1月1日 08:30""#), "the typed date stays in the form")
        }
    }

    @Test("no filter shows or exports another township's cases")
    func jurisdiction() async throws {
        try await Self.run { client, services in
            let taoyuan = try await WebClient.signIn("taoyuan.center", client)
            let qingshan = try await WebClient.signIn("qingshan.center", client)
            let theirs = Set(try Self.csvRows(try await qingshan.get(Paths.casesCSV).body).map { $0[0] })
            #expect(!theirs.isEmpty)
            let region = try await Self.township("青山镇", services)
            let filtered = try await taoyuan.get(Paths.cases(["region": region.code]))
            #expect(filtered.status == .ok)
            #expect(try Self.total(filtered.body) == 0)
            #expect(try Self.csvRows(try await taoyuan.get(Paths.casesCSV + "?region=\(region.code)").body).isEmpty)
            let mine = Set(try Self.csvRows(try await taoyuan.get(Paths.casesCSV).body).map { $0[0] })
            #expect(mine.isDisjoint(with: theirs))
            let qingshanOrganisations = try await services.organisations.list(inSubtreeOf: region.id)
            for organisation in qingshanOrganisations.prefix(3) {
                let page = try await taoyuan.get(Paths.cases(["organisation": "\(organisation.id)"]))
                #expect(Set(Self.caseNumbers(page.body)).isDisjoint(with: theirs))
            }
        }
    }

    @Test("a filter that cannot be read is refused with its field named and what was typed kept")
    func refusedFilterKeepsInput() async throws {
        try await Self.run { client, _ in
            let web = try await WebClient.signIn("taoyuan.center", client)
            let refused = try await web.get(Paths.cases(["q": "漏水", "from": "2026年13月45日"]))
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("登记日期（起）"))
            #expect(refused.body.contains(#"value="2026年13月45日""#))
            #expect(refused.body.contains(#"value="漏水""#))
            #expect(!refused.body.contains("查询参数"), "the page speaks of fields, not parameters")
        }
    }

    @Test("bulk assess then bulk dispatch: each case through the workflow, another township's case refused by name")
    func bulkAssessAndDispatch() async throws {
        try await Self.run { client, services in
            let web = try await WebClient.signIn("taoyuan.center", client)
            let taoyuan = try await Self.township("桃源镇", services)
            let qingshan = try await Self.township("青山镇", services)
            let other = try await WebClient.signIn("qingshan.center", client)
            let registered = [
                try await Self.register(web, taoyuan, "楼道堆物堵塞消防通道", services),
                try await Self.register(web, taoyuan, "广场舞噪音扰民", services),
            ]
            let foreign = try await Self.register(other, qingshan, "青山村道路塌陷", services)
            let back = Paths.cases(["state": "registered"])
            let chosen = registered.map { ("case", "\($0.id)") } + [("case", "\(foreign.id)")]
            let assessed = try await web.post(
                Paths.casesBulk,
                chosen + [
                    ("bulkAction", "assess"), ("back", back), ("categoryCode", "livelihood.neighbour"),
                    ("urgency", "troublesome"), ("difficulty", "ordinary"), ("competentLevel", "township"),
                ])
            #expect(assessed.status == .ok)
            #expect(assessed.body.contains("已处理 2 件，1 件未处理"))
            #expect(assessed.body.contains("#\(foreign.id)"), "the foreign case is named by id only")
            #expect(!assessed.body.contains(foreign.number), "and never revealed")
            #expect(assessed.body.contains(#"id="back-to-list""#))
            for found in registered {
                #expect(try await services.cases.find(id: found.id)?.state == .assessed)
            }
            let target = try #require(
                try await services.organisations.list(inSubtreeOf: taoyuan.id).first { $0.kind == .policeStation })
            let dispatched = try await web.post(
                Paths.casesBulk,
                registered.map { ("case", "\($0.id)") } + [
                    ("bulkAction", "dispatch"), ("back", back), ("lead", "\(target.id)"),
                ])
            #expect(dispatched.body.contains("已处理 2 件"))
            for found in registered {
                let now = try #require(try await services.cases.find(id: found.id))
                #expect(now.state == .dispatched)
                #expect(now.participants.contains { $0.organisationID == target.id })
            }
            // A second dispatch of the same cases is refused case by case, with the reason.
            let again = try await web.post(
                Paths.casesBulk,
                registered.map { ("case", "\($0.id)") } + [("bulkAction", "dispatch"), ("lead", "\(target.id)")])
            #expect(again.status == .unprocessableContent, "nothing done is a refusal")
            #expect(again.body.contains("已处理 0 件，2 件未处理"))
            #expect(again.body.contains(registered[0].number))
        }
    }

    @Test("a bulk form with nothing ticked, or missing a field, is refused and shows the list again as typed")
    func bulkRefusalKeepsInput() async throws {
        try await Self.run { client, _ in
            let web = try await WebClient.signIn("taoyuan.center", client)
            let none = try await web.post(
                Paths.casesBulk,
                [("bulkAction", "return"), ("reason", "不属本单位职责"), ("back", Paths.cases(["q": "噪音"]))])
            #expect(none.status.code >= 400 && none.status.code < 500)
            #expect(none.body.contains("请先勾选要办理的案件"))
            #expect(none.body.contains(#"value="噪音""#), "the list's filters are kept")
            let page = try await web.get(Paths.cases)
            let first = try #require(page.body.firstMatch(of: /name="case" value="(\d+)"/)).1
            let missing = try await web.post(
                Paths.casesBulk, [("bulkAction", "dispatch"), ("case", String(first)), ("back", Paths.cases)])
            #expect(missing.status.code >= 400 && missing.status.code < 500)
            #expect(missing.body.contains(#"value="\#(first)" form="bulk" checked"#), "the ticks are kept")
        }
    }

    @Test("the case list is every staff role's, and the signed-out are sent to sign in")
    func everyStaffRole() async throws {
        try await Self.run { client, _ in
            try await client.execute(uri: Paths.cases, method: .get) { response in
                #expect(response.status == .seeOther)
            }
            for username in [
                "taoyuan.grid", "taoyuan.dept", "taoyuan.mediator", "taoyuan.leader", "taoyuan.admin", "county.center",
            ] {
                let web = try await WebClient.signIn(username, client)
                let page = try await web.get(Paths.cases)
                #expect(page.status == .ok, "\(username)")
                #expect(page.body.contains(#"id="case-filters""#))
            }
        }
    }

    @Test("the administrator's users and access log: filters, true totals, pages and a CSV of exactly the list")
    func adminLists() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await WebClient.signIn("taoyuan.admin", client)
            let all = try Self.total(try await admin.get(Paths.adminUsers).body)
            let grid = try await admin.get(Paths.adminUsers + "?role=gridWorker")
            let workers = try Self.total(grid.body)
            #expect(workers > 0 && workers < all)
            let export = try Self.csvRows(try await admin.get(Paths.adminUsersCSV + "?role=gridWorker").body)
            #expect(export.count == workers)
            #expect(export.allSatisfy { $0[2].contains(Role.gridWorker.name.zh) })
            let everyone = try Self.csvRows(try await admin.get(Paths.adminUsersCSV).body)
            #expect(everyone.count == all)
            #expect(!everyone.contains { $0[0].hasPrefix("qingshan.") }, "another township's staff never listed")
            let paged = try await admin.get(Paths.adminUsers + "?limit=1&offset=1")
            #expect(paged.body.contains("第 2 / "))
            let refused = try await admin.get(Paths.adminUsers + "?role=boss&q=%E6%9D%8E")
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("“角色”填写的内容无法识别"))
            #expect(refused.body.contains(#"value="李""#))

            try await services.accessLog.flush()
            let log = try await admin.get(Paths.adminAccessLog + "?action=users.export")
            #expect(try Self.total(log.body) == 2, "both exports above are in the log")
            let logCSV = try Self.csvRows(try await admin.get(Paths.adminAccessLogCSV + "?action=users.export").body)
            #expect(logCSV.count == 2)
            let badDate = try await admin.get(Paths.adminAccessLog + "?from=2026%E5%B9%B413%E6%9C%88")
            #expect(badDate.status == .badRequest)
            #expect(badDate.body.contains("日期（起）"))
        }
    }

    @Test("each desk queue's heading is its true count, the same as its full list on /cases; unknown filters travel on")
    func queueCountsAndFullLists() async throws {
        try await Self.run { client, _ in
            let web = try await WebClient.signIn("taoyuan.center", client)
            let desk = try await web.get(Paths.desk)
            for (heading, list) in [
                (WorkspaceStrings.triageWaiting.zh, TriagePage.toTriageList),
                (WorkspaceStrings.triageToClose.zh, TriagePage.toCloseList),
                (WorkspaceStrings.overdueHeading.zh, TriagePage.overdueList),
            ] {
                let pattern = try Regex("\(heading)（(\\d+)）")
                let match = try #require(desk.body.firstMatch(of: pattern), "\(heading)")
                let shown = try #require(match.output[1].substring.flatMap { Int($0) })
                #expect(desk.body.contains(Widgets.escapeAttribute(list)), "the queue links to its full list")
                #expect(try Self.total(try await web.get(list).body) == shown, "\(heading)")
            }
            let whistle = try await web.get(Paths.cases(["whistle": "quick", "state": "dispatched"]))
            #expect(whistle.body.contains(#"<input type="hidden" name="whistle" value="quick"/>"#))
            #expect(whistle.body.contains("whistle=quick"), "the export and page links keep it")
            #expect(!whistle.body.contains(">livelihood."), "categories are named, not coded")
        }
    }
}
