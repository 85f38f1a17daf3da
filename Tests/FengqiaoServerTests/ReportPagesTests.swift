import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

@Suite("Citizen and grid-worker reports")
struct ReportPagesTests {
    /// A 1×1 PNG.
    static let png: [UInt8] = Array(
        Data(
            base64Encoded:
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")
            ?? Data())

    static func multipart(
        _ fields: [(String, String)], file: (name: String, fileName: String, bytes: [UInt8])?
    )
        -> (body: ByteBuffer, type: String)
    {
        multipart(fields, files: file.map { [$0] } ?? [])
    }

    static func multipart(
        _ fields: [(String, String)], files: [(name: String, fileName: String, bytes: [UInt8])]
    )
        -> (body: ByteBuffer, type: String)
    {
        let boundary = "----fengqiao-test-boundary"
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            body.writeString(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.fileName)\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    @Test("a grid's QR link fills in the place; the report with a photo is registered once and confirmed with its code")
    func citizenReport() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let grid = try #require(try await services.regions.list(level: .grid).first)
            let csrf = try await client.execute(uri: Paths.gridReportLink(grid.code), method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains(grid.name) && html.contains("value=\"\(grid.code)\""))
                return try #require(Cookies.value(of: CSRF.cookieName, in: response))
            }
            try await client.execute(uri: Paths.gridReportLink("no-such-grid"), method: .get) {
                #expect($0.status == .notFound)
            }
            let fields = [
                (CSRF.fieldName, csrf), ("idempotencyKey", "k1"), ("regionCode", grid.code),
                ("description", "小区门口下水道堵塞，污水漫到路面"), ("phone", "13800005678"),
            ]
            let form = Self.multipart(fields, file: ("photo", "drain.png", Self.png))
            func send(_ form: (body: ByteBuffer, type: String)) async throws -> (HTTPResponse.Status, String?, String) {
                try await client.execute(
                    uri: Paths.report, method: .post,
                    headers: [.contentType: form.type, .cookie: "\(CSRF.cookieName)=\(csrf)"], body: form.body
                ) { ($0.status, $0.headers[.location], String(buffer: $0.body)) }
            }
            let (status, location, pass) = try await client.execute(
                uri: Paths.report, method: .post,
                headers: [.contentType: form.type, .cookie: "\(CSRF.cookieName)=\(csrf)"], body: form.body
            ) { ($0.status, $0.headers[.location], Cookies.value(of: "fq_track", in: $0)) }
            #expect(status == .seeOther)
            let done = try #require(location)
            // The phone's digits never travel in an address: the confirmation is proven by the tracking cookie.
            #expect(!done.contains("5678") && !done.contains("phone"))
            let proof = try #require(pass)
            #expect(!proof.contains("5678"))
            #expect(try await send(form).1 == done)  // the same form sent twice: one case
            let code = try #require(URLComponents(string: done)?.queryItems?.first { $0.name == "code" }?.value)
            let found = try #require(try await services.cases.find(trackingCode: code, phoneLast4: "5678"))
            #expect(found.channel == .citizenReport && found.attachments.first?.contentType == "image/png")
            #expect(found.title == "小区门口下水道堵塞，污水漫到路面")
            try await client.execute(uri: done, method: .get, headers: [.cookie: "fq_track=\(proof)"]) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok && html.contains(code))
                #expect(html.contains("href=\"\(Paths.track)\"") && !html.contains("5678"))
            }
            try await client.execute(uri: done, method: .get) { #expect($0.status == .notFound) }
            var browser = CitizenBrowser(client)
            browser.cookies["fq_track"] = proof
            #expect(try await browser.get(Paths.track).html.contains("下水道堵塞"))

            let noPhone = Self.multipart(
                fields.filter { $0.0 != "phone" && $0.0 != "idempotencyKey" } + [("idempotencyKey", "k2")], file: nil)
            let (refused, _, page) = try await send(noPhone)
            #expect(refused == .unprocessableContent && page.contains("请填写手机号") && page.contains("下水道堵塞"))

            let text = Self.multipart(
                fields.filter { $0.0 != "idempotencyKey" } + [("idempotencyKey", "k3")],
                file: ("photo", "not-a-photo.png", Array("hello".utf8)))
            #expect(try await send(text).0 == .unprocessableContent)

            let three = Self.multipart(
                fields.filter { $0.0 != "idempotencyKey" } + [("idempotencyKey", "k4")],
                files: (0..<3).map { ("photo", "p\($0).png", Self.png + [UInt8($0)]) })
            let (threeStatus, threeDone, _) = try await send(three)
            #expect(threeStatus == .seeOther)
            let threeLocation = try #require(threeDone)
            let threeCode = try #require(
                URLComponents(string: threeLocation)?.queryItems?.first { $0.name == "code" }?.value)
            #expect(try await services.cases.find(trackingCode: threeCode)?.attachments.count == 3)
            let four = Self.multipart(
                fields.filter { $0.0 != "idempotencyKey" } + [("idempotencyKey", "k5")],
                files: (0..<4).map { ("photo", "p\($0).png", Self.png + [UInt8($0)]) })
            let (fourStatus, _, fourPage) = try await send(four)
            #expect(fourStatus == .unprocessableContent && fourPage.contains("最多上传3张照片"))
        }
    }

    @Test("a grid worker's 随手拍 is registered in their grid by them, on the grid-worker channel")
    func gridWorkerReport() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let worker = try await WebClient.signIn("taoyuan.grid", client)
            let page = try await worker.get(Paths.gridReport)
            #expect(page.status == .ok && page.body.contains("随手拍"))
            let user = try #require(try await services.users.find(username: "taoyuan.grid"))
            let grant = try #require(user.grants.first)
            let place = try #require(try await services.regions.find(id: grant.jurisdictionID))
            let form = Self.multipart(
                [
                    (CSRF.fieldName, worker.csrf), ("idempotencyKey", "g1"), ("regionCode", place.code),
                    ("description", "巡查发现河道有人倾倒建筑垃圾"), ("urgency", "worrying"),
                ],
                file: ("photo", "river.png", Self.png))
            let location = try await client.execute(
                uri: Paths.gridReport, method: .post,
                headers: [.contentType: form.type, .cookie: "\(SessionAuthenticator.cookieName)=\(worker.session)"],
                body: form.body
            ) { response in
                #expect(response.status == .seeOther)
                return try #require(response.headers[.location])
            }
            let id = try #require(Int64(location.split(separator: "/").last ?? ""))
            let created = try #require(try await services.cases.find(id: Case.ID(id)))
            #expect(created.channel == .gridWorker && created.urgency == .worrying && created.attachments.count == 1)
            #expect(created.reporter?.name == user.displayName)
            let photo = try await worker.get(Paths.caseAttachment(id, try #require(created.attachments.first).sha256))
            #expect(photo.status == .ok && photo.headers[.contentType] == "image/png")
            let other = try await WebClient.signIn("xicheng.center", client)
            #expect(try await other.get(Paths.caseAttachment(id, created.attachments[0].sha256)).status == .notFound)
            let grid = try await worker.get(Paths.grid)
            #expect(grid.body.contains("href=\"\(location)\""))
        }
    }
}
