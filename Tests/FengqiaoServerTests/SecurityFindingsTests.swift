import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

/// Regression tests for what probing the server as an attacker found (issue 13). Each fails on the code before the
/// fix; docs/SECURITY.md lists which test covers which finding.
@Suite("Security findings")
struct SecurityFindingsTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 7, 7, 7]

    static func upload(_ api: APIClient, _ bytes: [UInt8]) async throws -> (HTTPResponse.Status, String?) {
        try await api.client.execute(
            uri: "/api/v1/files", method: .post,
            headers: [.authorization: "Bearer \(api.token ?? "")", .contentType: "application/octet-stream"],
            body: ByteBuffer(bytes: bytes)
        ) { response in
            let json = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any]
            return (response.status, json?["sha256"] as? String)
        }
    }

    // MARK: 4. Files borrowed by hash

    @Test("a file's hash is not enough: only its uploader attaches it; foreign and unknown hashes get one refusal")
    func filesAreNotBorrowedByHash() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let other = try await APIClient.signIn("taoyuan.dept", client, services)
            let (status, uploaded) = try await Self.upload(desk, Self.png)
            let sha = try #require(uploaded)
            #expect(status == .created)
            // Before it is attached the upload is its uploader's alone.
            #expect(try await desk.call(.get, "/api/v1/files/\(sha)").status == .ok)
            #expect(try await other.call(.get, "/api/v1/files/\(sha)").status == .notFound)

            var borrowed = CaseAPITests.intake
            borrowed["attachments"] = [["sha256": sha, "fileName": "别人的照片.png"]]
            let foreign = try await other.call(.post, "/api/v1/cases", borrowed, key: "borrow")
            var invented = CaseAPITests.intake
            invented["attachments"] = [["sha256": String(repeating: "ab", count: 32), "fileName": "别人的照片.png"]]
            let unknown = try await other.call(.post, "/api/v1/cases", invented, key: "invent")
            #expect(foreign.status == .unprocessableContent && unknown.status == .unprocessableContent)
            #expect(foreign.json["code"] as? String == "file.not_uploaded")
            #expect(foreign.json["message"] as? [String: String] == unknown.json["message"] as? [String: String])

            // Attached, it is read through the case: by its readers, and by nobody else.
            #expect(try await desk.call(.post, "/api/v1/cases", borrowed, key: "own").status == .created)
            let stranger = try await APIClient.signIn("xicheng.center", client, services)
            #expect(try await stranger.call(.get, "/api/v1/files/\(sha)").status == .notFound)
            #expect(try await desk.call(.get, "/api/v1/files/\(sha)").status == .ok)
        }
    }

    // MARK: 5. Lists show what the case page hides

    @Test("a case returned by another township's department leaves its list, search and export with its page")
    func returnedCaseLeavesTheDepartmentsLists() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let foreign = try await APIClient.signIn("donghu.dept", client, services)
            let foreignUser = try #require(try await services.users.find(username: "donghu.dept"))
            var intake = CaseAPITests.intake
            intake["title"] = "跨镇派遣后退回的案件"
            let id = try #require(try await desk.call(.post, "/api/v1/cases", intake, key: "x").json["id"] as? Int)
            let number = try #require(try await services.cases.find(id: Case.ID(Int64(id)))?.number)
            let act = { (api: APIClient, name: String, body: [String: Any]) in
                try await api.call(.post, "/api/v1/cases/\(id)/actions/\(name)", body)
            }
            #expect(
                try await act(
                    desk, "assess", ["urgency": "troublesome", "difficulty": "simple", "competentLevel": "township"]
                ).status == .ok)
            let lead = foreignUser.grants[0].organisationID.rawValue
            #expect(try await act(desk, "dispatch", ["lead": lead]).status == .ok)
            // Dispatched to it: the department reads it everywhere.
            #expect(try await foreign.call(.get, "/api/v1/cases/\(id)").status == .ok)
            #expect(try await foreign.call(.get, "/api/v1/cases?limit=200").text.contains(number))
            #expect(try await act(foreign, "return", ["reason": "不属于本单位职责"]).status == .ok)

            // Returned: the page answers 404, and so do the lists, search, the export and the organisation filter.
            #expect(try await foreign.call(.get, "/api/v1/cases/\(id)").status == .notFound)
            for uri in [
                "/api/v1/cases?limit=200", "/api/v1/cases?q=%E8%B7%A8%E9%95%87%E6%B4%BE%E9%81%A3",
                "/api/v1/cases?organisation=\(lead)", "/api/v1/exports/cases.csv",
            ] {
                let answer = try await foreign.call(.get, uri)
                #expect(answer.status == .ok && !answer.text.contains(number), "\(uri)")
            }
            #expect(try await desk.call(.get, "/api/v1/cases?limit=200").text.contains(number))
        }
    }

    @Test("over the demo county, for every account: a case appears in its lists exactly when its page opens")
    func listsAndPagesAgree() async throws {
        try await TestApp.run(seeded: false) { client, services in
            let seeder = DemoSeeder(services: services, passwordCost: 4)
            let county = DemoCounty.generate()
            // A fixed moment: the generated cases (and so the states sampled below) are the same on every run; with
            // the wall clock the sample's states depended on the time of day the suite ran.
            let end = try #require(ChinaTime.parse("2026-11-20T10:00:00+08:00")?.lowerBound)
            let written = try await seeder.seed(county, now: end)
            _ = try await seeder.seedCases(county, written: written, count: 250, endingAt: end)
            let everything = try await services.cases.list(
                CaseRepository.Filter(),
                visibleTo: CaseRepository.Visibility(jurisdictionPaths: ["/"], organisationIDs: []), limit: 1000,
                after: nil)
            // A sample in every state: up to 4 cases of each.
            let sample = Dictionary(grouping: everything, by: \.state).values.flatMap { $0.prefix(4) }
            #expect(Set(sample.map(\.state)).count >= 8)
            for user in try await services.users.list() {
                let api = try await APIClient.signIn(user.username, client, services)
                var listed = Set<Int>()
                var after: Int?
                repeat {
                    let page = try await api.call(
                        .get, "/api/v1/cases?limit=200" + (after.map { "&after=\($0)" } ?? ""))
                    let items = page.json["items"] as? [[String: Any]] ?? []
                    listed.formUnion(items.compactMap { $0["id"] as? Int })
                    after = page.json["next"] as? Int
                } while after != nil
                for current in sample {
                    let opens = try await api.call(.get, "/api/v1/cases/\(current.id)").status == .ok
                    #expect(
                        opens == listed.contains(Int(current.id.rawValue)),
                        "\(user.username), case \(current.id) (\(current.state.rawValue))")
                    #expect(opens == CaseVisibility.canView(current, by: try await actor(user, services)))
                }
            }
        }
    }

    private func actor(_ user: User, _ services: AppServices) async throws -> Actor {
        try await ActorFactory(regions: services.regions).identity(for: user).actor
    }

    // MARK: 7. Oversized bodies

    @Test("every body-reading route answers 413 past its limit, naming the limit, never 500")
    func oversizedBodies() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let bearer = "Bearer \(desk.token ?? "")"
            let cases: [(String, HTTPFields, Int)] = [
                ("/api/v1/files", [.authorization: bearer], 10 * 1024 * 1024 + 1),
                ("/api/v1/cases", [.authorization: bearer, .contentType: "application/json"], 3 * 1024 * 1024),
                ("/api/v1/track/actions", [.contentType: "application/json"], 3 * 1024 * 1024),
                (Paths.signIn, [.contentType: "application/x-www-form-urlencoded"], 20 * 1024),
                (Paths.trackAction, [.contentType: "application/x-www-form-urlencoded"], 20 * 1024),
                (Paths.report, [.contentType: "multipart/form-data; boundary=x"], MultipartForm.limit + 1),
                (
                    "/open311/v2/requests.json", [.contentType: "multipart/form-data; boundary=x"],
                    MultipartForm.limit + 1
                ),
            ]
            for (uri, headers, size) in cases {
                var headers = headers
                headers[.init("Idempotency-Key")!] = "big"
                try await client.execute(
                    uri: uri, method: .post, headers: headers,
                    body: ByteBuffer(repeating: UInt8(ascii: "a"), count: size)
                ) { response in
                    let body = String(buffer: response.body)
                    #expect(response.status == .contentTooLarge, "\(uri)")
                    // Pages answer in the reader's language (Chinese first); documents in both.
                    #expect(body.contains("过大"), "\(uri)")
                    if uri.hasPrefix("/api") || uri.hasPrefix("/open311") {
                        #expect(body.contains("too large"), "\(uri)")
                    }
                    #expect(body.count < 20_000, "\(uri) echoes what was sent")
                }
            }
            try await client.execute(
                uri: "/api/v1/files", method: .post, headers: [.authorization: bearer],
                body: ByteBuffer(repeating: 0, count: 10 * 1024 * 1024 + 1)
            ) { response in
                let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(json?["code"] as? String == "request.too_large")
                #expect(
                    (json?["message"] as? [String: String])?["zh"]?.contains("10 MB") == true,
                    "\(String(describing: json))")
            }
        }
    }

    // MARK: 8. Refusals that name what is wrong

    @Test("a body that does not decode is refused naming the field and what it takes, in both languages")
    func undecodableBodiesNameTheField() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            func post(_ text: String) async throws -> APIClient.Reply {
                try await client.execute(
                    uri: "/api/v1/cases", method: .post,
                    headers: [
                        .authorization: "Bearer \(desk.token ?? "")", .contentType: "application/json",
                        .init("Idempotency-Key")!: UUID().uuidString,
                    ],
                    body: ByteBuffer(string: text)
                ) { response in
                    let text = String(buffer: response.body)
                    let json = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
                    return APIClient.Reply(status: response.status, json: json, text: text)
                }
            }
            func message(_ reply: APIClient.Reply) -> [String: String] {
                reply.json["message"] as? [String: String] ?? [:]
            }
            let truncated = try await post(#"{"channel": "window", "title": "#)
            #expect(truncated.status == .badRequest && message(truncated)["zh"]?.contains("JSON") == true)

            var intake = CaseAPITests.intake
            intake["title"] = 5
            let wrongType = try await post(
                String(decoding: try JSONSerialization.data(withJSONObject: intake), as: UTF8.self))
            #expect(wrongType.status == .badRequest)
            #expect(
                message(wrongType)["zh"]?.contains("title") == true
                    && message(wrongType)["en"]?.contains("string") == true)

            intake = CaseAPITests.intake
            intake["channel"] = "bogus"
            let unknownValue = try await post(
                String(decoding: try JSONSerialization.data(withJSONObject: intake), as: UTF8.self))
            #expect(unknownValue.status == .badRequest)
            #expect(
                message(unknownValue)["en"]?.contains("channel") == true
                    && message(unknownValue)["en"]?.contains("bogus") == true)

            intake = CaseAPITests.intake
            intake["title"] = nil
            let missing = try await post(
                String(decoding: try JSONSerialization.data(withJSONObject: intake), as: UTF8.self))
            #expect(missing.status == .badRequest && message(missing)["zh"]?.contains("title") == true)
        }
    }

    @Test("filter values that mean nothing are refused naming the parameter instead of being ignored")
    func unknownFilterValues() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            for (query, parameter) in [
                ("state=bogus", "state"), ("limit=-1", "limit"), ("limit=abc", "limit"), ("from=2026-13-45", "from"),
                ("to=yesterday", "to"), ("channel=pigeon", "channel"), ("urgency=soon", "urgency"),
                ("overdue=maybe", "overdue"), ("organisation=x", "organisation"), ("offset=-3", "offset"),
            ] {
                let paths =
                    ["limit", "offset"].contains(parameter)
                    ? ["/api/v1/cases"] : ["/api/v1/cases", "/api/v1/exports/cases.csv"]
                for path in paths {
                    let reply = try await desk.call(.get, "\(path)?\(query)")
                    #expect(reply.status == .badRequest, "\(path)?\(query)")
                    #expect(reply.text.contains(parameter), "\(path)?\(query)")
                }
            }
            #expect(try await desk.call(.get, "/api/v1/metrics?from=2026-13-45").status == .badRequest)
            #expect(try await desk.call(.get, "/api/v1/cases?state=registered&limit=200&from=2026-01-01").status == .ok)
        }
    }

    @Test("an Idempotency-Key reused with a different body is refused (422); the same body is a retry (200)")
    func idempotencyKeyReuse() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            #expect(try await desk.call(.post, "/api/v1/cases", CaseAPITests.intake, key: "same").status == .created)
            #expect(try await desk.call(.post, "/api/v1/cases", CaseAPITests.intake, key: "same").status == .ok)
            var other = CaseAPITests.intake
            other["title"] = "另一件事"
            let reused = try await desk.call(.post, "/api/v1/cases", other, key: "same")
            #expect(reused.status == .unprocessableContent)
            #expect(reused.json["code"] as? String == "case.idempotency_key_reused")
        }
    }

    @Test(
        "the same Idempotency-Key sent at once on many connections makes one case and no server error",
        arguments: TestApp.Engine.available)
    func idempotencyKeyRace(engine: TestApp.Engine) async throws {
        try await TestApp.run(seeded: true, on: engine) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let replies = try await withThrowingTaskGroup(of: (HTTPResponse.Status, Int?).self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        let reply = try await desk.call(.post, "/api/v1/cases", CaseAPITests.intake, key: "race")
                        return (reply.status, reply.json["id"] as? Int)
                    }
                }
                var all: [(HTTPResponse.Status, Int?)] = []
                for try await reply in group { all.append(reply) }
                return all
            }
            #expect(replies.allSatisfy { $0.0 == .created || $0.0 == .ok }, "\(replies.map(\.0))")
            #expect(replies.filter { $0.0 == .created }.count == 1)
            #expect(Set(replies.compactMap(\.1)).count == 1)
        }
    }

    // MARK: 9. Headers

    @Test("answers with personal data are not stored by caches; the CSP limits forms, base and framing")
    func headers() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let id = try #require(
                try await desk.call(.post, "/api/v1/cases", CaseAPITests.intake, key: "h").json["id"] as? Int)
            try await client.execute(
                uri: "/api/v1/cases/\(id)", method: .get, headers: [.authorization: "Bearer \(desk.token ?? "")"]
            ) { response in
                #expect(response.headers[.cacheControl] == "no-store")
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                for directive in ["form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"] {
                    #expect(policy.contains(directive))
                }
                #expect(response.headers[.strictTransportSecurity] == nil)
            }
        }
    }
}

@Suite("Security findings: sign-in and production")
struct SignInAndProductionTests {
    @Test("the sign-in page keeps a hostile next out of its markup and never redirects off-site")
    func signInNext() async throws {
        try await TestApp.run(seeded: true) { client, _ in
            let hostile = "/desk%22%3E%3Cform%20action=%22https://evil.example%22%3E"
            let (page, csrf) = try await client.execute(uri: "/login?next=\(hostile)", method: .get) { response in
                (String(buffer: response.body), Cookies.value(of: CSRF.cookieName, in: response))
            }
            #expect(!page.contains("\"><form") && !page.contains("action=\"https://evil.example\""))
            let token = try #require(csrf)
            for next in ["/%09/evil.example", "//evil.example", "/%5Cevil.example", "https://evil.example"] {
                let encoded = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                try await client.execute(
                    uri: Paths.signIn, method: .post,
                    headers: [
                        .contentType: "application/x-www-form-urlencoded", .cookie: "\(CSRF.cookieName)=\(token)",
                    ],
                    body: ByteBuffer(
                        string:
                            "username=taoyuan.center&password=\(DemoCounty.demoPassword)&_csrf=\(token)&next=\(encoded)"
                    )
                ) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == Paths.workspace, "\(next)")
                }
            }
        }
    }

    @Test("production mode finds every demo account and the demo Open311 key; once changed, nothing")
    func demoCredentialsInProduction() async throws {
        try await TestApp.run(seeded: true) { _, services in
            let checks = ProductionChecks(services: services)
            let findings = try await checks.findings()
            let users = try await services.users.list()
            #expect(findings.count == users.count + 1)
            #expect(findings.contains { $0.fix.contains("fengqiao user passwd county.admin") })
            #expect(findings.contains { $0.fix.contains("fengqiao open311-key revoke") })
            #expect(ProductionChecks.refusal(findings).zh.contains("county.admin"))
            for user in users where user.username != "county.admin" {
                try await services.users.setDisabled(username: user.username, true, now: Date())
            }
            try await services.users.setPasswordHash(
                username: "county.admin", to: Passwords.hash("Qingxi-County-Admin-7", cost: 4), now: Date())
            for key in try await services.open311Keys.list() { try await services.open311Keys.revoke(id: key.id) }
            #expect(try await checks.findings().isEmpty)
        }
    }
}

@Suite("Security findings: proxies, TLS, passwords, echoes")
struct DeploymentSecurityTests {
    @Test("X-Forwarded-For names the client only when a trusted proxy sends it")
    func clientAddress() {
        let trusted: Set<String> = ["10.0.0.5"]
        #expect(
            ClientAddressMiddleware.client(peer: "10.0.0.5", forwardedFor: ["203.0.113.7"], trusted: trusted)
                == "203.0.113.7")
        // A client's own entries come first; the proxy appends the address it saw.
        #expect(
            ClientAddressMiddleware.client(
                peer: "10.0.0.5", forwardedFor: ["1.2.3.4, 203.0.113.7"], trusted: trusted) == "203.0.113.7")
        #expect(
            ClientAddressMiddleware.client(peer: "198.51.100.9", forwardedFor: ["1.2.3.4"], trusted: trusted)
                == "198.51.100.9")
        #expect(ClientAddressMiddleware.client(peer: "10.0.0.5", forwardedFor: [], trusted: trusted) == "10.0.0.5")
    }

    @Test("behind a trusted proxy each client has its own tracking limit; others' X-Forwarded-For is ignored")
    func limitsPerForwardedClient() async throws {
        try await TestApp.run(seeded: true, environment: ["FENGQIAO_TRUSTED_PROXIES": "unknown"]) { client, _ in
            func guess(_ n: Int, from address: String) async throws -> HTTPResponse.Status {
                try await client.execute(
                    uri: TrackLookup.uri, method: .post, headers: TrackLookup.headers([.xForwardedFor: address]),
                    body: TrackLookup.body(code: String(format: "WWWWWWW%03d", n), phone: "1234")
                ) { $0.status }
            }
            var first: [HTTPResponse.Status] = []
            for n in 0..<30 { first.append(try await guess(n, from: "203.0.113.7")) }
            let over = try await guess(30, from: "203.0.113.7")
            let other = try await guess(31, from: "203.0.113.8")
            #expect(first.allSatisfy { $0 == .notFound })
            #expect(over == .tooManyRequests && other == .notFound)
        }
        try await TestApp.run(seeded: true) { client, _ in
            for n in 0..<30 {
                _ = try await client.execute(
                    uri: TrackLookup.uri, method: .post,
                    headers: TrackLookup.headers([.xForwardedFor: "198.51.100.\(n)"]),
                    body: TrackLookup.body(code: String(format: "VVVVVVV%03d", n), phone: "1234")
                ) { $0.status }
            }
            // Not behind a trusted proxy: the header changes nothing, all 30 came from one address.
            try await client.execute(
                uri: TrackLookup.uri, method: .post, headers: TrackLookup.headers([.xForwardedFor: "192.0.2.1"]),
                body: TrackLookup.body(code: "VVVVVVV999", phone: "1234")
            ) { #expect($0.status == .tooManyRequests) }
        }
    }

    @Test("with TLS in front, answers carry HSTS and the pre-sign-in CSRF cookie is Secure")
    func behindTLS() async throws {
        try await TestApp.run(seeded: true, environment: ["FENGQIAO_BEHIND_TLS": "true"]) { client, _ in
            try await client.execute(uri: Paths.signIn, method: .get) { response in
                #expect(response.headers[.strictTransportSecurity]?.hasPrefix("max-age=31536000") == true)
                let cookie = response.headers[values: .setCookie].first { $0.hasPrefix(CSRF.cookieName + "=") }
                #expect(cookie?.lowercased().contains("secure") == true)
            }
        }
        try await TestApp.run(seeded: true) { client, _ in
            try await client.execute(uri: Paths.signIn, method: .get) { response in
                let cookie = response.headers[values: .setCookie].first { $0.hasPrefix(CSRF.cookieName + "=") }
                #expect(cookie?.lowercased().contains("secure") == false)
            }
        }
    }

    @Test("a password past bcrypt's 72 bytes never matches, whatever its first 72 bytes")
    func longPasswordsNeverMatch() {
        let long = String(repeating: "枫", count: 24)  // 72 bytes
        let hash = Passwords.hash(long, cost: 4)
        #expect(Passwords.verify(long, hash: hash))
        #expect(!Passwords.verify(long + "任意尾巴", hash: hash))
        #expect(Passwords.cost(of: hash) == 4)
    }

    @Test("a refused public report shows again at most an excerpt of what was sent")
    func refusedReportEchoesAnExcerpt() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let grid = try #require(try await services.regions.list(level: .grid).first)
            let csrf = try await client.execute(uri: Paths.gridReportLink(grid.code), method: .get) {
                try #require(Cookies.value(of: CSRF.cookieName, in: $0))
            }
            let huge = String(repeating: "很长的描述", count: 20_000)
            let form = ReportPagesTests.multipart(
                [
                    (CSRF.fieldName, csrf), ("idempotencyKey", "echo"), ("regionCode", grid.code),
                    ("description", huge), ("phone", "13800005678"),
                ], file: nil)
            try await client.execute(
                uri: Paths.report, method: .post,
                headers: [.contentType: form.type, .cookie: "\(CSRF.cookieName)=\(csrf)"], body: form.body
            ) { response in
                #expect(response.status == .unprocessableContent)
                let page = String(buffer: response.body)
                #expect(page.count < 30_000 && page.contains("很长的描述"))
            }
        }
    }
}
