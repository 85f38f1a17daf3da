import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

/// The access matrix (issue 8): every account kind × every case endpoint × a case in the account's own township and
/// one in another, with the expected status kept as a table in docs/ACCESS-MATRIX.md. The test fills in what the
/// server answers and compares it with the table, cell by cell; on a difference it prints the whole observed table.
/// Independently of the table, nobody of one township may ever read or change a case of another.
@Suite("Access matrix")
struct AccessMatrixTests {
    static let tableFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/ACCESS-MATRIX.md")

    static let accounts = [
        "taoyuan.grid", "taoyuan.center", "taoyuan.dept", "taoyuan.mediator", "taoyuan.leader", "taoyuan.admin",
        "county.leader", "anonymous",
    ]

    /// Case endpoints; `{case}` and `{file}` are filled in with the case and its attachment.
    static let endpoints: [(method: HTTPRequest.Method, path: String, web: Bool)] = [
        (.get, "/api/v1/cases/{case}", false),
        (.get, "/api/v1/cases/{case}/events", false),
        (.post, "/api/v1/cases/{case}/actions/nudge", false),
        (.post, "/api/v1/cases/{case}/actions/assess", false),
        (.get, "/api/v1/files/{file}", false),
        (.get, "/cases/{case}", true),
        (.post, "/cases/{case}/actions/nudge", true),
        (.get, "/cases/{case}/files/{file}", true),
    ]

    struct Fixture {
        let id: Int
        let file: String
    }

    /// A case registered by the township's desk in its grid worker's grid, with the reporter's phone and a photo.
    static func register(
        _ township: String, _ client: any TestClientProtocol, _ services: AppServices
    ) async throws
        -> Fixture
    {
        let desk = try await APIClient.signIn("\(township).center", client, services)
        let worker = try #require(try await services.users.find(username: "\(township).grid"))
        let grant = try #require(worker.grants.first)
        let grid = try #require(try await services.regions.find(id: grant.jurisdictionID))
        let photo = try await services.files.store(ReportPagesTests.png + Array("\(township)".utf8), at: Date())
        var intake = CaseAPITests.intake
        intake["regionCode"] = grid.code
        intake["attachments"] = [["sha256": photo.sha256, "fileName": "photo.png"]]
        let created = try await desk.call(.post, "/api/v1/cases", intake, key: "matrix-\(township)")
        #expect(created.status == .created)
        return Fixture(id: try #require(created.json["id"] as? Int), file: photo.sha256)
    }

    func observe(_ client: any TestClientProtocol, _ services: AppServices) async throws -> [String: [String]] {
        let own = try await Self.register("taoyuan", client, services)
        let other = try await Self.register("xicheng", client, services)
        var table: [String: [String]] = [:]
        for account in Self.accounts {
            var token: String?
            var session: String?
            if account != "anonymous" {
                token = try await APIClient.signIn(account, client, services).token
                session = try await StaffSession.signIn(account, client)
            }
            var csrf = ""
            if let session {
                csrf = WebClient.csrf(in: try await StaffSession.get(Paths.workspace, as: session, client).body) ?? ""
            }
            for endpoint in Self.endpoints {
                var cells: [String] = []
                for fixture in [own, other] {
                    let uri = endpoint.path.replacingOccurrences(of: "{case}", with: "\(fixture.id)")
                        .replacingOccurrences(of: "{file}", with: fixture.file)
                    var headers: HTTPFields = [:]
                    var body: ByteBuffer?
                    if endpoint.web {
                        if let session { headers[.cookie] = "\(SessionMiddleware.cookieName)=\(session)" }
                        headers[.contentType] = "application/x-www-form-urlencoded"
                        body = endpoint.method == .post ? ByteBuffer(string: "_csrf=\(csrf)&note=matrix") : nil
                    } else {
                        if let token { headers[.authorization] = "Bearer \(token)" }
                        headers[.contentType] = "application/json"
                        body =
                            endpoint.method == .post
                            ? ByteBuffer(
                                string:
                                    #"{"note":"matrix","urgency":"troublesome","difficulty":"simple","competentLevel":"township"}"#
                            )
                            : nil
                    }
                    let status = try await client.execute(
                        uri: uri, method: endpoint.method, headers: headers, body: body
                    ) { $0.status.code }
                    cells.append("\(status)")
                    // The hard rule, whatever the table says: a township's staff never reach another's case.
                    if account.hasPrefix("taoyuan.") && fixture.id == other.id {
                        #expect(
                            !(200..<400).contains(status) || endpoint.web && status == 303 && session == nil,
                            "\(account) \(endpoint.method) \(uri) → \(status)")
                    }
                }
                table["\(endpoint.method) \(endpoint.path)|\(account)"] = cells
            }
            // Lists never hold another township's cases for township staff.
            if let token, account.hasPrefix("taoyuan.") {
                let list = try await APIClient(client: client, token: token).call(.get, "/api/v1/cases?limit=200")
                let ids = (list.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                #expect(!ids.contains(other.id), "\(account) lists the other township's case")
            }
        }
        return table
    }

    /// The rows of the table in docs/ACCESS-MATRIX.md: `| METHOD path | account | own | other |`.
    static func expected() throws -> [String: [String]] {
        let text = try String(contentsOf: tableFile, encoding: .utf8)
        var rows: [String: [String]] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4 else { continue }
            let endpoint = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            rows["\(endpoint)|\(cells[1])"] = [cells[2], cells[3]]
        }
        return rows
    }

    @Test("every account × case endpoint × own and other township answers as docs/ACCESS-MATRIX.md says")
    func matrix() async throws {
        let expected = try Self.expected()
        try await TestApp.run(seeded: true) { client, services in
            let observed = try await observe(client, services)
            var report: [String] = []
            for endpoint in Self.endpoints {
                for account in Self.accounts {
                    let key = "\(endpoint.method) \(endpoint.path)|\(account)"
                    let cells = observed[key] ?? []
                    report.append(
                        "| `\(endpoint.method) \(endpoint.path)` | \(account) | \(cells.joined(separator: " | ")) |")
                    #expect(expected[key] == cells, "\(key): table \(expected[key] ?? []), server \(cells)")
                }
            }
            if observed.count != expected.count || observed.contains(where: { expected[$0.key] != $0.value }) {
                print("Observed access matrix:\n" + report.joined(separator: "\n"))
            }
        }
    }
}
