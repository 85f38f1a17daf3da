import FengqiaoCore
import FengqiaoDemo
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

@Suite("HTTP")
struct HTTPTests {
    @Test("/healthz answers ok as JSON")
    func healthz() async throws {
        try await TestApp.run { client, _ in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
            }
        }
    }

    @Test("/readyz is 200 on a current schema and 503, with the reason, on one that is behind")
    func readyz() async throws {
        try await TestApp.run { client, _ in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""status":"ready""#))
            }
        }
        try await TestApp.run(migrated: false) { client, _ in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("schema behind"))
            }
        }
    }

    @Test("the home page is Chinese, says what the system is, and links to sign-in and the report page")
    func homePage() async throws {
        try await TestApp.run(seeded: true) { client, _ in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = String(buffer: response.body)
                #expect(html.hasPrefix("<!DOCTYPE html>"))
                #expect(html.contains(#"lang="zh-Hans""#))
                #expect(html.contains("基层社会治理一站式平台"))
                #expect(html.contains(#"href="/login""#) && html.contains(#"href="/report""#))
                #expect(html.contains("名调解员"))
                #expect(html.contains(#"name="viewport""#))
            }
        }
    }

    @Test("?lang=en switches the page to English and remembers the choice in a cookie")
    func englishSwitch() async throws {
        try await TestApp.run { client, _ in
            try await client.execute(uri: "/?lang=en", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"lang="en""#) && html.contains("One-stop grassroots governance"))
                #expect(response.headers[.setCookie]?.contains("fq_lang=en") == true)
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: "fq_lang=en"]) { response in
                #expect(String(buffer: response.body).contains("Staff sign-in"))
            }
        }
    }

    @Test("sign-in starts a session for a right password and refuses a wrong one, a disabled account or no CSRF token")
    func signIn() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let csrf = try await client.execute(uri: "/login", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"<label>用户名"#) && html.contains(#"type="password""#))
                return try #require(Cookies.value(of: "fq_csrf", in: response))
            }
            let signIn = { (user: String, password: String, token: String) in
                try await client.execute(
                    uri: "/login", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "fq_csrf=\(csrf)"],
                    body: ByteBuffer(string: "username=\(user)&password=\(password)&_csrf=\(token)")
                ) { $0 }
            }
            let wrong = try await signIn("taoyuan.center", "wrong-password1", csrf)
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("用户名或密码不正确"))
            #expect(try await signIn("taoyuan.center", DemoCounty.demoPassword, "forged").status == .forbidden)

            let right = try await signIn("taoyuan.center", DemoCounty.demoPassword, csrf)
            #expect(right.status == .seeOther || right.status == .found)
            #expect(right.headers[.location] == "/workspace")
            let session = try #require(Cookies.value(of: "fq_session", in: right))
            let setCookie = right.headers[values: .setCookie].joined(separator: "\n")
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"))

            let sessionCsrf = try await client.execute(
                uri: "/workspace", method: .get, headers: [.cookie: "fq_session=\(session)"]
            ) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("中心工作人员") && html.contains("桃源镇"))
                return try #require(html.firstMatch(of: /name="_csrf" value="([0-9a-f]{64})"/)?.1).description
            }
            let signOut = { (token: String) in
                try await client.execute(
                    uri: "/logout", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "fq_session=\(session)"],
                    body: ByteBuffer(string: "_csrf=\(token)")
                ) { $0.status }
            }
            #expect(try await signOut("0000") == .forbidden)
            let signedOut = try await signOut(sessionCsrf)
            #expect(signedOut == .seeOther || signedOut == .found)
            try await client.execute(uri: "/workspace", method: .get, headers: [.cookie: "fq_session=\(session)"]) {
                #expect($0.headers[.location] == "/login")
            }

            try await services.users.setDisabled(username: "taoyuan.center", true, now: Date())
            #expect(try await signIn("taoyuan.center", DemoCounty.demoPassword, csrf).status == .unauthorized)
        }
    }

    @Test("an unknown page is a Chinese 404 with a request id, and security headers are always set")
    func notFound() async throws {
        try await TestApp.run { client, _ in
            try await client.execute(uri: "/no/such/page", method: .get) { response in
                #expect(response.status == .notFound)
                let html = String(buffer: response.body)
                #expect(html.contains("页面不存在"))
                let requestID = try #require(response.headers[.init("X-Request-Id")!])
                #expect(html.contains(requestID))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            }
        }
    }

    @Test("the stylesheet is served by the app itself")
    func stylesheet() async throws {
        try await TestApp.run { client, _ in
            try await client.execute(uri: "/static/app.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            }
        }
    }
}
