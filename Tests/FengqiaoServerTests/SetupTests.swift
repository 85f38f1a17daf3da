import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

@Suite("首次设置: the county, its center and the first administrator on an empty database")
struct SetupTests {
    static let fields: [(String, String)] = [
        ("countyCode", "330122"), ("countyName", "桐庐县"), ("centerName", "桐庐县社会治理中心"),
        ("displayName", "张伟"), ("username", "county.admin"), ("password", "Tonglu2027x"),
        ("password2", "Tonglu2027x"),
    ]

    @Test(
        "only with the code from the log; every wrong field named; then the administrator signs in",
        arguments: TestApp.Engine.available)
    func setUpFromTheWeb(engine: TestApp.Engine) async throws {
        try await TestApp.run(on: engine) { client, services in
            var browser = CitizenBrowser(client)
            let signIn = try await browser.get(Paths.signIn)
            #expect(signIn.html.contains("id=\"signin-notice\"") && signIn.html.contains("href=\"/setup\""))
            let form = try await browser.get(Paths.setup)
            #expect(form.status == .ok)
            // Before the server announced a code, no code is right.
            let noCode = try await browser.post(Paths.setup, [("setupCode", "")] + Self.fields)
            #expect(noCode.status == .forbidden)
            let code = try #require(try await FirstRunSetup(services: services).prepareCode(now: Date()))
            let wrongCode = try await browser.post(
                Paths.setup, [("setupCode", "AAAA-BBBB-CCCC-DDDD-EEEE")] + Self.fields)
            #expect(wrongCode.status == .forbidden && wrongCode.html.contains("设置码不正确"))
            #expect(!wrongCode.html.contains("Tonglu2027x"))

            let bad = try await browser.post(
                Paths.setup,
                [
                    ("setupCode", code.lowercased()), ("countyCode", "3301"), ("countyName", "桐庐县"),
                    ("username", "9x"), ("password", "short"), ("password2", "other"),
                ])
            #expect(bad.status == .unprocessableContent)
            for text in ["行政区划代码“3301”无效", "综治中心名称", "用户名“9x”无效", "管理员姓名", "密码至少10位", "两次输入的密码不一致"] {
                #expect(bad.html.contains(text), "\(text)")
            }
            #expect(bad.html.contains("value=\"桐庐县\""))
            #expect(try await services.users.count() == 0)

            let done = try await browser.post(Paths.setup, [("setupCode", code)] + Self.fields)
            #expect(done.status == .seeOther && done.location == Paths.signIn + "?setup=done")
            let county = try #require(try await services.regions.find(code: "330122"))
            #expect(county.level == .county && county.parentID == nil)
            let admin = try #require(try await services.users.find(username: "county.admin"))
            #expect(admin.grants.map(\.role) == [.admin] && admin.grants.first?.jurisdictionID == county.id)
            #expect(try await services.accessLog.recent().contains { $0.action == "setup.done" })

            // Set up once: afterwards the page is gone for everyone, the code included.
            let gone = try await browser.get(Paths.setup)
            let goneToo = try await browser.post(Paths.setup, [("setupCode", code)] + Self.fields)
            #expect(gone.status == .notFound && goneToo.status == .notFound)
            #expect(try await FirstRunSetup(services: services).prepareCode(now: Date()) == nil)
            let session = try await AccountTests.signIn("county.admin", "Tonglu2027x", client)
            #expect(session.location == Paths.workspace)
            let regions = try await StaffSession.get(Paths.adminRegions, as: session.session ?? "", client)
            #expect(regions.status == .ok && regions.body.contains("桐庐县"))
        }
    }

    @Test("a seeded database has no setup page, whatever is posted")
    func seededHasNone() async throws {
        try await TestApp.run(seeded: true) { client, services in
            var browser = CitizenBrowser(client)
            let page = try await browser.get(Paths.setup)
            let posted = try await browser.post(Paths.setup, [("setupCode", "x")] + Self.fields)
            #expect(page.status == .notFound && posted.status == .notFound)
            await #expect(throws: SetupProblems.self) {
                try await FirstRunSetup(services: services).perform(
                    CountySetup(
                        countyCode: "330122", countyName: "桐庐县", centerName: "中心", adminUsername: "new.admin",
                        adminName: "张伟"),
                    password: "Tonglu2027x", now: Date())
            }
        }
    }
}
