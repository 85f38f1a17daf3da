import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

/// Users and mediators administered from the web (issue 16): a user's page with its grants, disabling after a
/// confirmation, mediators added with a photo, retired, and linked to their account.
@Suite("Administering users and mediators (/admin/users/{username}, /admin/mediators)")
struct PeopleAdminTests {
    /// A PNG's signature and a few bytes: enough for the content sniffer.
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 73, 72, 68, 82]
    static let boundary = "people-boundary-5c1e"

    /// A multipart form body: the text fields, then the files (field, bytes).
    static func multipart(_ fields: [(String, String)], files: [(String, [UInt8])] = []) -> ByteBuffer {
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, bytes) in files {
            body += Array(
                ("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"photo.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").utf8)
            body += bytes + Array("\r\n".utf8)
        }
        return ByteBuffer(bytes: body + Array("--\(boundary)--\r\n".utf8))
    }

    static func postMultipart(
        _ browser: AdminBrowser, _ uri: String, _ fields: [(String, String)], files: [(String, [UInt8])] = []
    ) async throws -> AdminBrowser.Page {
        let page = try await browser.get(uri)
        let token = try #require(page.body.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1)
        return try await browser.client.execute(
            uri: uri, method: .post,
            headers: [
                .cookie: "\(SessionAuthenticator.cookieName)=\(browser.session ?? "")",
                .contentType: "multipart/form-data; boundary=\(boundary)",
            ],
            body: multipart(fields + [("_csrf", String(token))], files: files)
        ) { AdminBrowser.Page(status: $0.status, body: String(buffer: $0.body), location: $0.headers[.location]) }
    }

    @Test("a grant added or removed on the user's page applies at the user's very next request, and is logged")
    func grantsApplyAtOnce() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await AdminBrowser.signedIn("taoyuan.admin", client)
            let staff = try await AdminBrowser.signedIn("taoyuan.center", client)
            #expect(try await staff.get(Paths.grid).status == .forbidden)
            let page = try await admin.get(Paths.adminUser("taoyuan.center"))
            #expect(page.status == .ok)
            #expect(page.body.contains("id=\"user-grants\""))
            let user = try #require(try await services.users.find(username: "taoyuan.center"))
            let grant = try #require(user.grants.first)
            let township = try #require(try await services.regions.find(id: grant.jurisdictionID))
            let added = try await admin.post(
                Paths.adminUser("taoyuan.center"),
                [
                    ("action", "addGrant"), ("role", "gridWorker"),
                    ("organisation", "\(grant.organisationID.rawValue)"),
                    ("jurisdiction", township.code),
                ])
            #expect(added.status == .seeOther)
            #expect(added.location == "\(Paths.adminUser("taoyuan.center"))?done=grant-added")
            // The same session, its next request: the new role works.
            #expect(try await staff.get(Paths.grid).status == .ok)
            let extra = RoleGrant(role: .gridWorker, organisationID: grant.organisationID, jurisdictionID: township.id)
            let removed = try await admin.post(
                Paths.adminUser("taoyuan.center"), [("action", "removeGrant"), ("grant", AdminUserPage.key(extra))])
            #expect(removed.status == .seeOther)
            #expect(try await staff.get(Paths.grid).status == .forbidden)
            let log = try await services.accessLog.recent(limit: 10).filter { $0.action == "user.update" }
            #expect(log.count == 2)
            #expect(log.allSatisfy { $0.username == "taoyuan.admin" && $0.detail.hasPrefix("user taoyuan.center: ") })
            // The name and phone; a bad phone is refused naming the field, and nothing changes.
            let refused = try await admin.post(
                Paths.adminUser("taoyuan.center"),
                [("action", "details"), ("displayName", "新名字"), ("phone", "call me")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("电话号码无效"))
            #expect(try await services.users.find(username: "taoyuan.center")?.displayName == user.displayName)
            let saved = try await admin.post(
                Paths.adminUser("taoyuan.center"),
                [("action", "details"), ("displayName", "新名字"), ("phone", "0575-8888 1234")])
            #expect(saved.status == .seeOther)
            #expect(try await services.users.find(username: "taoyuan.center")?.displayName == "新名字")
        }
    }

    @Test("the last grant and one's own last admin grant cannot be removed; another township's user is not found")
    func refusals() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await AdminBrowser.signedIn("taoyuan.admin", client)
            let me = try #require(try await services.users.find(username: "taoyuan.admin"))
            let own = try await admin.post(
                Paths.adminUser("taoyuan.admin"),
                [("action", "removeGrant"), ("grant", AdminUserPage.key(me.grants[0]))])
            #expect(own.status == .unprocessableContent)
            #expect(own.body.contains("不能取消自己最后一个系统管理员角色"))
            let grid = try #require(try await services.users.find(username: "taoyuan.grid"))
            let last = try await admin.post(
                Paths.adminUser("taoyuan.grid"),
                [("action", "removeGrant"), ("grant", AdminUserPage.key(grid.grants[0]))])
            #expect(last.status == .unprocessableContent)
            #expect(last.body.contains("用户至少需要一个角色"))
            #expect(try await services.users.find(username: "taoyuan.admin")?.holds(.admin) == true)
            #expect(try await admin.get(Paths.adminUser("xicheng.grid")).status == .notFound)
            #expect(try await admin.get(Paths.adminUserDisable("xicheng.grid")).status == .notFound)
            // A role in another township's region is refused.
            let other = try #require(try await services.regions.list(level: .township).first { $0.name == "溪城街道" })
            let outside = try await admin.post(
                Paths.adminUser("taoyuan.grid"),
                [
                    ("action", "addGrant"), ("role", "leader"),
                    ("organisation", "\(grid.grants[0].organisationID.rawValue)"), ("jurisdiction", other.code),
                ])
            #expect(outside.status == .unprocessableContent)
        }
    }

    @Test("disabling asks first (确认停用), then ends the user's sessions; the list links to the confirmation")
    func disableWithConfirmation() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await AdminBrowser.signedIn("taoyuan.admin", client)
            let grid = try await AdminBrowser.signedIn("taoyuan.grid", client)
            #expect(try await grid.get(Paths.grid).status == .ok)
            let list = try await admin.get("\(Paths.adminUsers)?q=taoyuan.grid")
            #expect(list.body.contains("href=\"\(Paths.adminUserDisable("taoyuan.grid"))\""))
            let confirm = try await admin.get(Paths.adminUserDisable("taoyuan.grid"))
            #expect(confirm.status == .ok)
            #expect(confirm.body.contains("确认停用"))
            #expect(confirm.body.contains("经办中的案件仍由所在单位继续办理"))
            // Opening the page changed nothing.
            #expect(try await services.users.find(username: "taoyuan.grid")?.disabled == false)
            let done = try await admin.post(Paths.adminUserDisable("taoyuan.grid"), [])
            #expect(done.status == .seeOther)
            #expect(try await services.users.find(username: "taoyuan.grid")?.disabled == true)
            #expect(try await grid.get(Paths.grid).status != .ok)
            #expect(try await services.accessLog.recent(limit: 5).contains { $0.action == "user.disable" })
            let enabled = try await admin.post(Paths.adminUser("taoyuan.grid"), [("action", "enable")])
            #expect(enabled.status == .seeOther)
            #expect(try await services.users.find(username: "taoyuan.grid")?.disabled == false)
            // Nobody disables themself.
            let me = try await admin.post(Paths.adminUserDisable("taoyuan.admin"), [])
            #expect(me.status == .unprocessableContent)
        }
    }

    @Test("a mediator added with a photo appears in the directory with it; retired, they leave it and the photo")
    func mediatorWithPhoto() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await AdminBrowser.signedIn("taoyuan.admin", client)
            let township = try #require(try await services.regions.list(level: .township).first { $0.name == "桃源镇" })
            let committee = try #require(
                try await services.organisations.list(inSubtreeOf: township.id).first { $0.kind == .mediationCommittee }
            )
            let fields: [(String, String)] = [
                ("action", "add"), ("name", "欧阳明月"), ("organisation", "\(committee.id.rawValue)"),
                ("specialties", "neighbour"), ("specialties", "land"), ("levels", "township"),
                ("languages", "普通话、桃源方言"), ("goldMedal", "on"), ("available", "on"), ("profile", "退休教师。"),
            ]
            let refused = try await Self.postMultipart(
                admin, Paths.adminMediators, fields, files: [("photo", Array("%PDF-1.4".utf8))])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("照片须为"))
            let made = try await Self.postMultipart(admin, Paths.adminMediators, fields, files: [("photo", Self.png)])
            #expect(made.status == .seeOther)
            let mediator = try #require(try await services.mediators.list().first { $0.name == "欧阳明月" })
            #expect(mediator.goldMedal && mediator.languages == ["普通话", "桃源方言"])
            #expect(Set(mediator.specialties) == [.neighbour, .land])
            let directory = try await client.execute(uri: Paths.mediators, method: .get) { String(buffer: $0.body) }
            #expect(directory.contains("欧阳明月"))
            #expect(directory.contains("src=\"\(Paths.mediatorPhoto(mediator.id))\""))
            try await client.execute(uri: Paths.mediatorPhoto(mediator.id), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/png")
                #expect(Array(buffer: response.body) == Self.png)
            }
            let retired = try await admin.post(Paths.adminMediator(mediator.id), [("action", "retire")])
            #expect(retired.status == .seeOther)
            let after = try await client.execute(uri: Paths.mediators, method: .get) { String(buffer: $0.body) }
            #expect(!after.contains("欧阳明月"))
            #expect(try await client.execute(uri: Paths.mediator(mediator.id), method: .get) { $0.status } == .notFound)
            #expect(
                try await client.execute(uri: Paths.mediatorPhoto(mediator.id), method: .get) { $0.status } == .notFound
            )
            let actions = try await services.accessLog.recent(limit: 10).map(\.action)
            #expect(actions.contains("mediator.add") && actions.contains("mediator.retire"))
            // Another township's administrator does not reach the card.
            let other = try await AdminBrowser.signedIn("xicheng.admin", client)
            #expect(try await other.get(Paths.adminMediator(mediator.id)).status == .notFound)
        }
    }

    @Test("a card opens its own account: the new mediator account and the card are one person")
    func cardOpensAccount() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await AdminBrowser.signedIn("taoyuan.admin", client)
            let township = try #require(try await services.regions.list(level: .township).first { $0.name == "桃源镇" })
            let unlinked = try #require(
                try await services.mediators.list(inSubtreeOf: township.id).first { $0.userID == nil })
            let opened = try await admin.post(
                Paths.adminMediator(unlinked.id), [("action", "createAccount"), ("username", "taoyuan.newmediator")])
            #expect(opened.status == .ok)
            let password = try #require(opened.body.firstMatch(of: /[a-z]{4}-[2-9]{4}-[a-z]{4}/)).0
            let user = try #require(try await services.users.find(username: "taoyuan.newmediator"))
            #expect(user.mustChangePassword && user.holds(.mediator))
            #expect(try await services.mediators.find(userID: user.id)?.id == unlinked.id)
            #expect(try await AdminBrowser.signIn("taoyuan.newmediator", password: String(password), client) != nil)
            // The user's page shows the card; the log never holds the password.
            #expect(try await admin.get(Paths.adminUser("taoyuan.newmediator")).body.contains("id=\"user-card\""))
            let log = try await services.accessLog.recent(limit: 10)
            #expect(log.contains { $0.action == "user.add" })
            #expect(!log.contains { $0.detail.contains(String(password)) })
        }
    }

    @Test("adding a user with the mediator role goes on to their directory card, filled in for the account")
    func newMediatorAccountGoesOnToItsCard() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await AdminBrowser.signedIn("taoyuan.admin", client)
            let demo = try #require(try await services.users.find(username: "taoyuan.mediator"))
            let grant = try #require(demo.grants.first)
            let township = try #require(try await services.regions.find(id: grant.jurisdictionID))
            let added = try await admin.post(
                Paths.adminUsers,
                [
                    ("action", "add"), ("username", "taoyuan.liuqing"), ("displayName", "柳青"),
                    ("password", "Liu-qing-2026"), ("role", "mediator"),
                    ("organisation", "\(grant.organisationID.rawValue)"), ("jurisdiction", township.code),
                ])
            #expect(added.status == .seeOther)
            #expect(added.location == PeopleStrings.cardForNewAccount("taoyuan.liuqing"))
            let form = try await admin.get(try #require(added.location))
            #expect(form.body.contains("请在下面为其建立调解员名片"))
            #expect(form.body.contains(#"name="account" value="taoyuan.liuqing""#))
            #expect(form.body.contains(#"name="name" value="柳青""#))
        }
    }
}
