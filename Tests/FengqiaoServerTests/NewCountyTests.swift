import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

/// A county from nothing, as its administrator meets it: an empty database set up once, the structure added on the
/// admin pages alone, then a citizen's QR report taken through the loop to its archive by the people just added.
@Suite("A new county from an empty database, through the web pages")
struct NewCountyTests {
    static let password = "Tonglu2027x"

    /// Signs in with a password; the page client with its CSRF token.
    static func web(_ username: String, _ client: any TestClientProtocol) async throws -> WebClient {
        let session = try #require(try await AccountTests.signIn(username, password, client).session)
        let page = try await StaffSession.get(Paths.workspace, as: session, client)
        return WebClient(client: client, session: session, csrf: try #require(WebClient.csrf(in: page.body)))
    }

    @Test("setup, structure from /admin, a QR report to the archive", arguments: TestApp.Engine.available)
    func fromNothing(engine: TestApp.Engine) async throws {
        try await TestApp.run(on: engine) { client, services in
            _ = try await FirstRunSetup(services: services).perform(
                CountySetup(
                    countyCode: "330122", countyName: "桐庐县", centerName: "桐庐县社会治理中心",
                    adminUsername: "county.admin", adminName: "张伟"),
                password: Self.password, now: Date())
            let admin = try await Self.web("county.admin", client)

            // Township, village and grid, each under the one before.
            for (level, parent, code, name) in [
                ("township", "330122", "330122101", "城南街道"), ("village", "330122101", "330122101001", "迎春社区"),
                ("grid", "330122101001", "330122101001-01", "迎春第1网格"),
            ] {
                let added = try await admin.post(
                    Paths.adminRegions,
                    [("level", level), ("parent", parent), ("code", code), ("name", name), ("households", "320")])
                #expect(added.status == .seeOther, "\(name): \(added.body.prefix(300))")
            }
            for (kind, region, name) in [("center", "330122101", "城南街道综治中心"), ("department", "330122", "桐庐县住建局")] {
                let added = try await admin.post(
                    Paths.adminOrganisations, [("kind", kind), ("region", region), ("name", name)])
                #expect(added.status == .seeOther, "\(name): \(added.body.prefix(300))")
            }
            let townshipCenter = try #require(try await services.organisations.find(name: "城南街道综治中心"))
            let department = try #require(try await services.organisations.find(name: "桐庐县住建局"))
            for (username, name, role, organisation, jurisdiction) in [
                ("cn.grid", "王网格", "gridWorker", townshipCenter.id, "330122101001-01"),
                ("cn.center", "李中心", "centerStaff", townshipCenter.id, "330122101"),
                ("zj.dept", "赵住建", "departmentHandler", department.id, "330122"),
            ] {
                let added = try await admin.post(
                    Paths.adminUsers,
                    [
                        ("action", "add"), ("username", username), ("displayName", name), ("role", role),
                        ("organisation", "\(organisation.rawValue)"), ("jurisdiction", jurisdiction),
                        ("password", Self.password),
                    ])
                #expect(added.status == .seeOther, "\(username): \(added.body.prefix(300))")
            }
            // The QR sheet of the new grid, and the grid's own report link.
            #expect(try await admin.get(Paths.adminQRCodes).body.contains("330122101001-01"))

            // A citizen scans the grid's code and reports.
            let csrf = try await client.execute(uri: Paths.gridReportLink("330122101001-01"), method: .get) {
                response in
                #expect(response.status == .ok && String(buffer: response.body).contains("迎春第1网格"))
                return try #require(Cookies.value(of: CSRF.cookieName, in: response))
            }
            let form = ReportPagesTests.multipart(
                [
                    (CSRF.fieldName, csrf), ("idempotencyKey", "new-county-1"), ("regionCode", "330122101001-01"),
                    ("description", "迎春社区3幢楼道灯坏了一个月，晚上老人上下楼不安全"), ("phone", "13800001234"),
                ], file: nil)
            let reported = try await client.execute(
                uri: Paths.report, method: .post,
                headers: [.contentType: form.type, .cookie: "\(CSRF.cookieName)=\(csrf)"], body: form.body
            ) { ($0.status, $0.headers[.location]) }
            #expect(reported.0 == .seeOther)
            let code = try #require(
                URLComponents(string: reported.1 ?? "")?.queryItems?.first { $0.name == "code" }?.value)
            let reportedCase = try #require(try await services.cases.find(trackingCode: code))
            let id = reportedCase.id.rawValue
            #expect(reportedCase.centerOrganisationID == townshipCenter.id)

            // The township's center assesses and dispatches to the county department, which accepts and resolves;
            // the center follows up and closes: archived.
            let center = try await Self.web("cn.center", client)
            #expect(try await center.get(Paths.desk).body.contains("楼道灯"))
            func version() async throws -> String {
                "\(try #require(try await services.cases.find(id: Case.ID(id))?.version))"
            }
            let steps: [(WebClient, String, [(String, String)])] = [
                (
                    center, "assess",
                    [("urgency", "troublesome"), ("difficulty", "simple"), ("competentLevel", "county")]
                ),
                (center, "dispatch", [("lead", "\(department.id.rawValue)")]),
                (try await Self.web("zj.dept", client), "accept", []),
                (try await Self.web("zj.dept", client), "resolve", [("outcome", "solved"), ("summary", "已更换楼道灯。")]),
                (center, "follow-up", [("satisfaction", "satisfied"), ("note", "电话回访，群众满意。")]),
                (center, "close", []),
            ]
            for (who, action, fields) in steps {
                let done = try await who.post(
                    Paths.caseAction(id, action), [("expectedVersion", try await version())] + fields)
                #expect(done.status == .seeOther, "\(action): \(done.status) \(done.body.prefix(400))")
            }
            let archived = try #require(try await services.cases.find(id: Case.ID(id)))
            #expect(archived.state == .closed)
            #expect(try await CaseChainVerifier(database: services.database).verifyAll().problems.isEmpty)
        }
    }
}
