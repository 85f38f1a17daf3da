import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

/// A member of staff's browser on the admin pages: the session cookie, GETs, and form POSTs with the page's CSRF
/// token.
struct AdminBrowser {
    let client: any TestClientProtocol
    let session: String?

    struct Page {
        let status: HTTPResponse.Status
        let body: String
        let location: String?
    }

    /// Signs in through the sign-in form; nil when the sign-in is refused.
    static func signIn(
        _ username: String, password: String = DemoCounty.demoPassword, _ client: any TestClientProtocol
    ) async throws -> String? {
        let csrf = try await client.execute(uri: Paths.signIn, method: .get) {
            try #require(Cookies.value(of: CSRF.cookieName, in: $0))
        }
        return try await client.execute(
            uri: Paths.signIn, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(CSRF.cookieName)=\(csrf)"],
            body: ByteBuffer(string: Self.encode([("username", username), ("password", password), ("_csrf", csrf)]))
        ) { Cookies.value(of: SessionAuthenticator.cookieName, in: $0) }
    }

    struct SignInRefused: Error {
        let username: String
    }

    static func signedIn(_ username: String, _ client: any TestClientProtocol) async throws -> AdminBrowser {
        guard let session = try await signIn(username, client) else { throw SignInRefused(username: username) }
        return AdminBrowser(client: client, session: session)
    }

    private var cookie: HTTPFields {
        session.map { [.cookie: "\(SessionAuthenticator.cookieName)=\($0)"] } ?? [:]
    }

    func get(_ uri: String) async throws -> Page {
        try await client.execute(uri: uri, method: .get, headers: cookie) {
            Page(status: $0.status, body: String(buffer: $0.body), location: $0.headers[.location])
        }
    }

    /// Opens `uri` for its CSRF token, then posts `fields` to it (with the token unless `csrf` is false).
    func post(_ uri: String, _ fields: [(String, String)], csrf: Bool = true) async throws -> Page {
        // The page's own token, or (for a page the user may not open) the one of their workspace's forms.
        var page = try await get(uri)
        if page.status != .ok { page = try await get(Paths.workspace) }
        let token = try #require(page.body.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1)
        var headers = cookie
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await client.execute(
            uri: uri, method: .post, headers: headers,
            body: ByteBuffer(string: Self.encode(fields + (csrf ? [("_csrf", String(token))] : [])))
        ) { Page(status: $0.status, body: String(buffer: $0.body), location: $0.headers[.location]) }
    }

    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
    }
}

@Suite("Administrator pages (/admin)")
struct AdminPagesTests {
    static let pages = [
        Paths.admin, Paths.adminRegions, Paths.adminOrganisations, Paths.adminUsers, Paths.adminCategories,
        Paths.adminTimeLimits, Paths.adminCalendar, Paths.adminAccessLog,
    ]

    static func township(_ name: String, _ services: AppServices) async throws -> Region {
        try #require(try await services.regions.list(level: .township).first { $0.name == name })
    }

    @Test("every admin page opens for county.admin, is refused to other roles, and sends strangers to sign in")
    func access() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await AdminBrowser.signedIn("county.admin", client)
            for path in Self.pages {
                let page = try await admin.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.contains("<h1>"), "\(path)")
            }
            let index = try await admin.get(Paths.admin)
            for path in AdminIndexPage.links.map(\.path) {
                #expect(index.body.contains("href=\"\(path)\""), "\(path)")
            }
            #expect(index.body.contains("href=\"\(Paths.adminQRCodes)\""))
            for username in ["county.center", "county.leader", "taoyuan.grid"] {
                let other = try await AdminBrowser.signedIn(username, client)
                for path in Self.pages {
                    #expect(try await other.get(path).status == .forbidden, "\(username) \(path)")
                }
                // Nor may they change anything, even with their own valid CSRF token.
                let post = try await other.post(
                    Paths.adminUsers, [("action", "disable"), ("username", "taoyuan.grid")])
                #expect(post.status == .forbidden)
            }
            #expect(try await services.users.find(username: "taoyuan.grid")?.disabled == false)
            let stranger = AdminBrowser(client: client, session: nil)
            for path in Self.pages {
                let page = try await stranger.get(path)
                #expect([.seeOther, .found].contains(page.status), "\(path)")
                #expect(page.location?.hasPrefix(Paths.signIn) == true, "\(path)")
            }
        }
    }

    @Test("the time-limit page lists what is in force; the calendar page shows this year as 12 month grids")
    func rulesPages() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await AdminBrowser.signedIn("county.admin", client)
            let limits = try await admin.get(Paths.adminTimeLimits).body
            let now = Date()
            for policy in try await services.timeLimits.policies(at: now) { #expect(limits.contains(policy.code)) }
            for ladder in try await services.timeLimits.ladders(at: now) { #expect(limits.contains(ladder.code)) }
            #expect(limits.contains("id=\"version-list\""))
            let calendar = try await admin.get(Paths.adminCalendar).body
            #expect(calendar.contains("FENGQIAO_CALENDAR_FILE"))
            let year = services.calendar.civilDate(containing: now).year
            #expect(calendar.contains("id=\"calendar-\(year)\""))
            #expect(calendar.components(separatedBy: "class=\"month\"").count - 1 == 12)
            let entries = services.calendar.entries.filter { $0.date.year == year }
            #expect(
                calendar.components(separatedBy: "class=\"holiday\"").count - 1
                    == entries.filter { $0.kind == .holiday }.count)
            #expect(
                calendar.components(separatedBy: "class=\"workday\"").count - 1
                    == entries.filter { $0.kind == .workday }.count)
        }
    }

    @Test("a township administrator sees only their township and cannot add a region under another")
    func townshipJurisdiction() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let taoyuan = try await Self.township("桃源镇", services)
            let xicheng = try await Self.township("溪城街道", services)
            let ownVillages = try await services.regions.children(of: taoyuan.id)
            let otherVillages = try await services.regions.children(of: xicheng.id)
            #expect(!ownVillages.isEmpty && !otherVillages.isEmpty)

            let admin = try await AdminBrowser.signedIn("taoyuan.admin", client)
            let regions = try await admin.get(Paths.adminRegions).body
            for village in ownVillages { #expect(regions.contains(village.name), "\(village.name)") }
            for village in otherVillages { #expect(!regions.contains(village.name), "\(village.name)") }
            #expect(!regions.contains(xicheng.name))

            let organisations = try await admin.get(Paths.adminOrganisations).body
            #expect(organisations.contains("桃源镇综治中心"))
            #expect(!organisations.contains("溪城街道综治中心"))
            let users = try await admin.get(Paths.adminUsers).body
            #expect(users.contains("taoyuan.grid"))
            #expect(!users.contains("xicheng.grid"))
            #expect(!users.contains("county.admin"))

            // Under another township: refused, the page shown again with what was typed.
            let refused = try await admin.post(
                Paths.adminRegions,
                [
                    ("parent", xicheng.code), ("level", "village"), ("code", "\(xicheng.code)901"),
                    ("name", "越界社区"), ("households", "12"),
                ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains(AdminStrings.outsideJurisdiction.zh))
            #expect(refused.body.contains("value=\"越界社区\""))
            #expect(try await services.regions.find(code: "\(xicheng.code)901") == nil)

            // Under its own village: added, back on the list.
            let village = try #require(ownVillages.first)
            let added = try await admin.post(
                Paths.adminRegions,
                [
                    ("parent", village.code), ("level", "grid"), ("code", "\(village.code)-99"), ("name", "新建网格"),
                    ("households", "320"),
                ])
            #expect(added.status == .seeOther)
            #expect(added.location == "\(Paths.adminRegions)?done=region-added")
            let created = try #require(try await services.regions.find(code: "\(village.code)-99"))
            #expect(created.parentID == village.id && created.level == .grid && created.households == 320)
            let after = try await admin.get(try #require(added.location))
            #expect(after.body.contains("新建网格"))
            #expect(after.body.contains(AdminStrings.Note.regionAdded.text.zh))

            // The domain's own rule: a village cannot sit under a village.
            let mismatch = try await admin.post(
                Paths.adminRegions,
                [("parent", village.code), ("level", "village"), ("code", "\(village.code)9"), ("name", "错层")])
            #expect(mismatch.status == .unprocessableContent)
            #expect(
                mismatch.body.contains(RegionError.levelMismatch(child: .village, parent: .village).message.zh))
            #expect(try await services.regions.find(code: "\(village.code)9") == nil)
        }
    }

    @Test("adding a user through the form lets them sign in; a weak password is refused; disable and enable work")
    func users() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await AdminBrowser.signedIn("county.admin", client)
            let taoyuan = try await Self.township("桃源镇", services)
            let center = try #require(try await services.organisations.find(name: "桃源镇综治中心"))
            func fields(_ username: String, _ password: String) -> [(String, String)] {
                [
                    ("action", "add"), ("username", username), ("displayName", "王小明"), ("role", "centerStaff"),
                    ("organisation", "\(center.id.rawValue)"), ("jurisdiction", taoyuan.code), ("password", password),
                ]
            }

            let weak = try await admin.post(Paths.adminUsers, fields("li.xiaohong", "12345678"))
            #expect(weak.status == .unprocessableContent)
            #expect(weak.body.contains(UserError.weakPassword.message.zh))
            #expect(weak.body.contains("value=\"li.xiaohong\""))
            #expect(weak.body.contains("value=\"王小明\""))
            #expect(try await services.users.find(username: "li.xiaohong") == nil)

            let added = try await admin.post(Paths.adminUsers, fields("wang.xiaoming", "Qingxi2026ok"))
            #expect(added.status == .seeOther)
            #expect(added.location == "\(Paths.adminUsers)?done=user-added")
            let user = try #require(try await services.users.find(username: "wang.xiaoming"))
            #expect(
                user.grants == [RoleGrant(role: .centerStaff, organisationID: center.id, jurisdictionID: taoyuan.id)])
            #expect(try await AdminBrowser.signIn("wang.xiaoming", password: "Qingxi2026ok", client) != nil)
            let list = try await admin.get(Paths.adminUsers).body
            #expect(list.contains("wang.xiaoming"))
            #expect(list.contains("桃源镇综治中心"))

            let duplicate = try await admin.post(Paths.adminUsers, fields("wang.xiaoming", "Qingxi2026ok"))
            #expect(duplicate.status == .unprocessableContent)
            #expect(duplicate.body.contains(UserError.duplicateUsername("wang.xiaoming").message.zh))

            let disabled = try await admin.post(
                Paths.adminUsers, [("action", "disable"), ("username", "wang.xiaoming")])
            #expect(disabled.status == .seeOther)
            #expect(try await services.users.find(username: "wang.xiaoming")?.disabled == true)
            #expect(try await AdminBrowser.signIn("wang.xiaoming", password: "Qingxi2026ok", client) == nil)

            let enabled = try await admin.post(Paths.adminUsers, [("action", "enable"), ("username", "wang.xiaoming")])
            #expect(enabled.status == .seeOther)
            #expect(try await AdminBrowser.signIn("wang.xiaoming", password: "Qingxi2026ok", client) != nil)

            // Without the CSRF token nothing changes.
            let forged = try await admin.post(
                Paths.adminUsers, [("action", "disable"), ("username", "wang.xiaoming")], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await services.users.find(username: "wang.xiaoming")?.disabled == false)

            // An administrator cannot lock themself out.
            let yourself = try await admin.post(
                Paths.adminUsers, [("action", "disable"), ("username", "county.admin")])
            #expect(yourself.status == .unprocessableContent)
            #expect(try await services.users.find(username: "county.admin")?.disabled == false)
        }
    }

    @Test("a township administrator grants no jurisdiction and disables no user outside their own")
    func townshipUsers() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await AdminBrowser.signedIn("taoyuan.admin", client)
            let xicheng = try await Self.township("溪城街道", services)
            let taoyuan = try await Self.township("桃源镇", services)
            let taoyuanCenter = try #require(try await services.organisations.find(name: "桃源镇综治中心"))
            let xichengCenter = try #require(try await services.organisations.find(name: "溪城街道综治中心"))
            for (organisation, region) in [(taoyuanCenter, xicheng), (xichengCenter, taoyuan)] {
                let refused = try await admin.post(
                    Paths.adminUsers,
                    [
                        ("action", "add"), ("username", "zhao.yue"), ("displayName", "赵越"), ("role", "admin"),
                        ("organisation", "\(organisation.id.rawValue)"), ("jurisdiction", region.code),
                        ("password", "Qingxi2026ok"),
                    ])
                #expect(refused.status == .unprocessableContent)
                #expect(refused.body.contains("value=\"zhao.yue\""))
            }
            #expect(try await services.users.find(username: "zhao.yue") == nil)

            let other = try await admin.post(Paths.adminUsers, [("action", "disable"), ("username", "xicheng.grid")])
            #expect(other.status == .unprocessableContent)
            #expect(other.body.contains(AdminStrings.userOutside.zh))
            #expect(try await services.users.find(username: "xicheng.grid")?.disabled == false)

            let own = try await admin.post(Paths.adminUsers, [("action", "disable"), ("username", "taoyuan.grid")])
            #expect(own.status == .seeOther)
            #expect(try await services.users.find(username: "taoyuan.grid")?.disabled == true)
        }
    }

    @Test("retiring a category makes it inactive; a township administrator may only read the catalogue")
    func categories() async throws {
        try await TestApp.run(seeded: true) { client, services in
            func active(_ code: String) async throws -> Bool? {
                try await services.categories.list(includeRetired: true).first { $0.code == code }?.active
            }
            let township = try await AdminBrowser.signedIn("taoyuan.admin", client)
            let readOnly = try await township.get(Paths.adminCategories).body
            #expect(readOnly.contains("categories-read-only"))
            #expect(readOnly.contains("livelihood.neighbour"))
            #expect(!readOnly.contains("value=\"retire\""))
            let refused = try await township.post(
                Paths.adminCategories, [("action", "retire"), ("code", "livelihood.neighbour")])
            #expect(refused.status == .forbidden)
            #expect(try await active("livelihood.neighbour") == true)

            let county = try await AdminBrowser.signedIn("county.admin", client)
            let retired = try await county.post(
                Paths.adminCategories, [("action", "retire"), ("code", "livelihood.neighbour")])
            #expect(retired.status == .seeOther)
            #expect(retired.location == "\(Paths.adminCategories)?done=category-retired")
            #expect(try await active("livelihood.neighbour") == false)
            #expect(try await services.categories.list().contains { $0.code == "livelihood.neighbour" } == false)
            #expect(try await county.get(Paths.adminCategories).body.contains("value=\"reactivate\""))

            let back = try await county.post(
                Paths.adminCategories, [("action", "reactivate"), ("code", "livelihood.neighbour")])
            #expect(back.status == .seeOther)
            #expect(try await active("livelihood.neighbour") == true)

            let added = try await county.post(
                Paths.adminCategories,
                [
                    ("action", "add"), ("domain", "livelihood"), ("code", "livelihood.elderly-care"),
                    ("nameZh", "养老服务"), ("nameEn", "Elderly care"),
                ])
            #expect(added.status == .seeOther)
            #expect(try await active("livelihood.elderly-care") == true)

            // An existing code is not overwritten; a bad code is refused with the domain's message, typed kept.
            let existing = try await county.post(
                Paths.adminCategories,
                [("action", "add"), ("domain", "livelihood"), ("code", "livelihood.neighbour"), ("nameZh", "改名")])
            #expect(existing.status == .unprocessableContent)
            let neighbour = try await services.categories.list().first { $0.code == "livelihood.neighbour" }
            #expect(neighbour?.name.zh == "邻里纠纷")
            let bad = try await county.post(
                Paths.adminCategories,
                [("action", "add"), ("domain", "safety"), ("code", "safety.Bad Code"), ("nameZh", "坏代码")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains(CategoryError.invalidCode("safety.Bad Code").message.zh))
            #expect(bad.body.contains("value=\"坏代码\""))
        }
    }

    @Test("the access log shows a township administrator only their township's readers")
    func accessLog() async throws {
        try await TestApp.run(seeded: true) { client, services in
            for username in ["taoyuan.center", "xicheng.center"] {
                let user = try #require(try await services.users.find(username: username))
                try await services.accessLog.record(
                    .init(
                        at: Date(), userID: user.id, username: username, action: "view-personal-data", caseID: nil,
                        detail: "test", requestID: "req-\(username)"))
            }
            let township = try await AdminBrowser.signedIn("taoyuan.admin", client)
            let own = try await township.get(Paths.adminAccessLog).body
            #expect(own.contains("req-taoyuan.center"))
            #expect(!own.contains("req-xicheng.center"))
            let county = try await AdminBrowser.signedIn("county.admin", client)
            let all = try await county.get(Paths.adminAccessLog).body
            #expect(all.contains("req-taoyuan.center") && all.contains("req-xicheng.center"))
        }
    }
}
