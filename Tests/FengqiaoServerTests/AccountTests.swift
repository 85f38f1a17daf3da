import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

@Suite("我的账号: own password and sessions; an administrator's reset")
struct AccountTests {
    /// Signs in through the form with any password; the session cookie and where the sign-in led.
    static func signIn(
        _ username: String, _ password: String, _ client: any TestClientProtocol
    ) async throws -> (session: String?, location: String?) {
        let csrf = try await client.execute(uri: "/login", method: .get) {
            try #require(Cookies.value(of: "fq_csrf", in: $0))
        }
        let body = "username=\(username)&password=\(WebClient.encode(password))&_csrf=\(csrf)"
        return try await client.execute(
            uri: "/login", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "fq_csrf=\(csrf)"],
            body: ByteBuffer(string: body)
        ) { (Cookies.value(of: SessionAuthenticator.cookieName, in: $0), $0.headers[.location]) }
    }

    @Test("a reset gives a one-time password shown once; it must be replaced before any other page opens")
    func resetAndForcedChange() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let old = try await WebClient.signIn("taoyuan.dept", client)
            let admin = try await WebClient.signIn("taoyuan.admin", client)
            let reset = try await admin.post(Paths.adminUserReset, [("username", "taoyuan.dept")])
            #expect(reset.status == .ok)
            let password = try #require(
                reset.body.firstMatch(of: /id="one-time-password"[^>]*>([a-z0-9-]{14})</).map { String($0.1) })
            // The old session ended with the reset; an administrator of another township cannot reset.
            #expect(try await old.get(Paths.inbox).status == .seeOther)
            let stranger = try await WebClient.signIn("xicheng.admin", client)
            #expect(
                try await stranger.post(Paths.adminUserReset, [("username", "taoyuan.dept")]).body.contains(
                    "one-time-password") == false)
            #expect(try await services.accessLog.recent().contains { $0.action == "user.reset" })

            let first = try await Self.signIn("taoyuan.dept", password, client)
            #expect(first.location == Paths.account)
            let session = try #require(first.session)
            let inbox = try await StaffSession.get(Paths.inbox, as: session, client)
            #expect(inbox.status == .seeOther && inbox.headers[.location] == Paths.account)
            let account = try await StaffSession.get(Paths.account, as: session, client)
            #expect(account.status == .ok && account.body.contains("id=\"must-change\""))
            let me = WebClient(client: client, session: session, csrf: try #require(WebClient.csrf(in: account.body)))
            let wrong = try await me.post(
                Paths.accountPassword, [("current", "nope"), ("new", "Qingxi2027new"), ("again", "Qingxi2027new")])
            #expect(wrong.status == .forbidden && wrong.body.contains("当前密码不正确"))
            let differ = try await me.post(
                Paths.accountPassword, [("current", password), ("new", "Qingxi2027new"), ("again", "Qingxi2027nex")])
            #expect(differ.status == .unprocessableContent && differ.body.contains("不一致"))
            let weak = try await me.post(
                Paths.accountPassword, [("current", password), ("new", "short"), ("again", "short")])
            #expect(weak.status == .unprocessableContent)
            let changed = try await me.post(
                Paths.accountPassword,
                [("current", password), ("new", "Qingxi2027new"), ("again", "Qingxi2027new")])
            #expect(changed.status == .seeOther && changed.location == Paths.account + "?done=password")
            #expect(try await me.get(Paths.inbox).status == .ok)
            #expect(try await Self.signIn("taoyuan.dept", password, client).session == nil)
            #expect(try await Self.signIn("taoyuan.dept", "Qingxi2027new", client).location == Paths.workspace)
        }
    }

    @Test("one's sessions are listed with this one marked; the others can be ended, one or all")
    func sessions() async throws {
        try await TestApp.run(seeded: true) { client, _ in
            let phone = try await WebClient.signIn("taoyuan.center", client)
            let laptop = try await WebClient.signIn("taoyuan.center", client)
            let third = try await WebClient.signIn("taoyuan.center", client)
            let page = try await laptop.get(Paths.account)
            #expect(page.body.components(separatedBy: "登录于").count - 1 >= 3)
            #expect(page.body.contains("（本设备）"))
            let handles = page.body.matches(of: /name="session" value="([0-9a-f]{16})"/).map { String($0.1) }
            #expect(handles.count >= 2)
            // Ending one by its handle, then the rest.
            #expect(try await laptop.post(Paths.accountSessions, [("session", handles[0])]).status == .seeOther)
            let ended = [phone, third].filter { _ in true }
            var alive = 0
            for other in ended where try await other.get(Paths.desk).status == .ok { alive += 1 }
            #expect(alive == 1)
            #expect(try await laptop.post(Paths.accountSessions, []).status == .seeOther)
            #expect(try await phone.get(Paths.desk).status == .seeOther)
            #expect(try await third.get(Paths.desk).status == .seeOther)
            #expect(try await laptop.get(Paths.desk).status == .ok)
        }
    }
}
