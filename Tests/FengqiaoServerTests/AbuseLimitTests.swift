import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

@Suite("Abuse limits")
struct AbuseLimitTests {
    @Test("a sliding window allows the limit, refuses the next, and forgets events older than the window")
    func slidingWindow() async {
        let counter = SlidingWindowCounter(limit: 2, window: 60)
        let start = Date(timeIntervalSince1970: 1_000_000)
        #expect(await counter.record("a", now: start))
        #expect(await counter.record("a", now: start.addingTimeInterval(1)))
        #expect(await !counter.allows("a", now: start.addingTimeInterval(2)))
        #expect(await counter.allows("b", now: start.addingTimeInterval(2)))
        #expect(await counter.allows("a", now: start.addingTimeInterval(61)))
        await counter.reset("a")
        #expect(await counter.allows("a", now: start.addingTimeInterval(2)))
    }

    private func signIn(
        _ client: any TestClientProtocol, _ username: String, _ password: String
    ) async throws
        -> HTTPResponse.Status
    {
        let csrf = try await client.execute(uri: Paths.signIn, method: .get) {
            try #require(Cookies.value(of: CSRF.cookieName, in: $0))
        }
        return try await client.execute(
            uri: Paths.signIn, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(CSRF.cookieName)=\(csrf)"],
            body: ByteBuffer(string: "username=\(username)&password=\(password)&_csrf=\(csrf)")
        ) { $0.status }
    }

    @Test("five failed sign-ins lock the account for a while: even the right password is refused; others still sign in")
    func signInLockout() async throws {
        try await TestApp.run(seeded: true) { client, _ in
            for _ in 0..<5 {
                let failed = try await signIn(client, "taoyuan.center", "wrong-password-1")
                #expect(failed == .unauthorized)
            }
            let locked = try await signIn(client, "taoyuan.center", DemoCounty.demoPassword)
            #expect(locked == .tooManyRequests)
            let other = try await signIn(client, "taoyuan.dept", DemoCounty.demoPassword)
            #expect(other == .seeOther)
        }
    }

    @Test("a successful sign-in clears the failures counted so far")
    func successResets() async throws {
        try await TestApp.run(seeded: true) { client, _ in
            for round in 0..<2 {
                for _ in 0..<4 {
                    let failed = try await signIn(client, "taoyuan.center", "wrong-password-1")
                    #expect(failed == .unauthorized)
                }
                let signedIn = try await signIn(client, "taoyuan.center", DemoCounty.demoPassword)
                #expect(signedIn == .seeOther, "round \(round)")
            }
        }
    }

    @Test("one phone number may send five public reports an hour; the sixth is refused with the reason, kept typed")
    func reportsPerPhone() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let grid = try #require(try await services.regions.list(level: .grid).first)
            let csrf = try await client.execute(uri: Paths.gridReportLink(grid.code), method: .get) {
                try #require(Cookies.value(of: CSRF.cookieName, in: $0))
            }
            func report(_ n: Int) async throws -> (HTTPResponse.Status, String) {
                let form = ReportPagesTests.multipart(
                    [
                        (CSRF.fieldName, csrf), ("idempotencyKey", "k\(n)"), ("regionCode", grid.code),
                        ("description", "第\(n)次反映：路面坑洼积水"), ("phone", "138-0000-5678"),
                    ], file: nil)
                return try await client.execute(
                    uri: Paths.report, method: .post,
                    headers: [.contentType: form.type, .cookie: "\(CSRF.cookieName)=\(csrf)"], body: form.body
                ) { ($0.status, String(buffer: $0.body)) }
            }
            for n in 1...5 { #expect(try await report(n).0 == .seeOther) }
            let (status, page) = try await report(6)
            #expect(status == .tooManyRequests && page.contains("提交过于频繁") && page.contains("第6次反映"))
        }
    }

    @Test("tracking look-ups that find nothing are limited per address: guessing codes stops after 30")
    func trackingGuesses() async throws {
        try await TestApp.run(seeded: true) { client, _ in
            for n in 0..<30 {
                let code = String(format: "ZZZZZZZ%03d", n)
                try await client.execute(uri: "/api/v1/track?code=\(code)&phone=1234", method: .get) {
                    #expect($0.status == .notFound)
                }
            }
            try await client.execute(uri: "/api/v1/track?code=ZZZZZZZ999&phone=1234", method: .get) {
                #expect($0.status == .tooManyRequests)
            }
            try await client.execute(uri: Paths.trackLink(code: "ZZZZZZZ999", phone: "1234"), method: .get) {
                #expect($0.status == .tooManyRequests && String(buffer: $0.body).contains("查询失败次数过多"))
            }
        }
    }
}
