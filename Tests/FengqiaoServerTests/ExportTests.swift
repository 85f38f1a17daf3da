import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

@Suite("Exports")
struct ExportTests {
    static func intake(region: String, title: String) -> [String: Any] {
        [
            "channel": "window", "title": title, "description": "楼上邻居每天晚上十点后仍在装修，多次沟通无果。",
            "regionCode": region, "urgency": "troublesome",
            "parties": [["role": "reporter", "name": "张三丰", "phone": "13812341234", "idNumber": "110101199001011234"]],
        ]
    }

    /// The body as CSV rows keyed by header, after checking the BOM and the header row.
    static func rows(_ text: String) throws -> [[String: String]] {
        #expect(text.unicodeScalars.first == "\u{FEFF}")
        let table = try CSVTable.parse(text)
        #expect(table.header == CaseExporter.headers)
        return table.rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(table.header, row.fields))
        }
    }

    @Test("the CSV export: clear for the desk, masked for a leader, the filter applied, logged, and it parses back")
    func casesCSV() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let taoyuan = try await APIClient.signIn("taoyuan.center", client, services)
            let county = try await APIClient.signIn("county.center", client, services)
            let created = try await taoyuan.call(
                .post, "/api/v1/cases", Self.intake(region: "339921101201-01", title: "桃源, \"装修\"噪音"), key: "a")
            #expect(created.status == .created)
            let qingshan = try await county.call(
                .post, "/api/v1/cases", Self.intake(region: "339921102201-01", title: "青山噪音"), key: "b")
            #expect(qingshan.status == .created)

            let desk = try await taoyuan.call(.get, "/api/v1/exports/cases.csv")
            #expect(desk.status == .ok)
            let deskRows = try Self.rows(desk.text)
            // The township's desk sees only its own case, with the reporter in clear.
            #expect(deskRows.count == 1)
            let row = try #require(deskRows.first)
            #expect(row["标题"] == "桃源, \"装修\"噪音")
            #expect(row["案件编号"] == created.json["number"] as? String)
            #expect(row["反映人"] == "张三丰" && row["反映人电话"] == "13812341234")
            #expect(row["反映人身份证号"] == "110101199001011234" && row["个人信息"] == "明文")
            #expect(row["区划代码"] == "339921101201-01" && row["状态"] == CaseState.registered.name.zh)

            let leader = try await APIClient.signIn("county.leader", client, services)
            let all = try Self.rows(try await leader.call(.get, "/api/v1/exports/cases.csv").text)
            #expect(all.count == 2)
            for masked in all {
                #expect(masked["反映人"] == "张**" && masked["反映人电话"] == "138****1234")
                #expect(masked["反映人身份证号"] == "110101********1234" && masked["个人信息"] == "已脱敏")
            }
            let filtered = try Self.rows(
                try await leader.call(.get, "/api/v1/exports/cases.csv?region=339921102&state=registered").text)
            #expect(filtered.map { $0["标题"] } == ["青山噪音"])
            #expect(try Self.rows(try await leader.call(.get, "/api/v1/exports/cases.csv?state=closed").text).isEmpty)

            let log = try await services.accessLog.recent()
            let entry = try #require(log.first { $0.action == "cases.export" && $0.detail.contains("region=") })
            #expect(entry.username == "county.leader")
            #expect(entry.detail.contains("region=339921102") && entry.detail.contains("count: 1"))
            #expect(entry.detail.contains("personal data shown: 0"))
            #expect(
                log.contains {
                    $0.action == "cases.export" && $0.username == "taoyuan.center"
                        && $0.detail.contains("personal data shown: 1")
                })

            let response = try await client.execute(
                uri: "/api/v1/exports/cases.csv", method: .get,
                headers: [.authorization: "Bearer \(leader.token ?? "")"]
            ) { $0 }
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(response.headers[.contentDisposition]?.contains("cases.csv") == true)
            #expect(
                try await APIClient(client: client, token: nil).call(.get, "/api/v1/exports/cases.csv").status
                    == .unauthorized)
        }
    }

    @Test("the CSV export pages through more than one page of the list")
    func paging() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let count = 450
            let data = Data(CaseImportTests.hotlineCSV(count: count, bad: []).utf8)
            let report = try await CaseImporter(services: services).importData(data, format: .hotline12345, type: .csv)
            #expect(report.imported == count)
            let leader = try await APIClient.signIn("county.leader", client, services)
            let rows = try Self.rows(try await leader.call(.get, "/api/v1/exports/cases.csv").text)
            #expect(rows.count == count)
            #expect(Set(rows.compactMap { $0["来源编号"] }).count == count)
            #expect(rows.allSatisfy { $0["来源渠道"] == Channel.hotline12345.name.zh })
        }
    }

    @Test("the case file: the case and every event, masked for a leader, clear for the desk, logged, 404 elsewhere")
    func caseFile() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let taoyuan = try await APIClient.signIn("taoyuan.center", client, services)
            let created = try await taoyuan.call(
                .post, "/api/v1/cases", Self.intake(region: "339921101201-01", title: "噪音"), key: "a")
            let id = try #require(created.json["id"] as? Int)

            let desk = try await taoyuan.call(.get, "/api/v1/cases/\(id)/file")
            #expect(desk.status == .ok)
            let deskCase = try #require(desk.json["case"] as? [String: Any])
            #expect((deskCase["parties"] as? [[String: Any]])?.first?["phone"] as? String == "13812341234")
            let events = try #require(desk.json["events"] as? [[String: Any]])
            let stored = try await services.cases.events(of: Case.ID(Int64(id)))
            #expect(events.count == stored.count && events.count >= 2)
            #expect(events.first?["change"] as? String == stored.first?.change.name)

            let leader = try await APIClient.signIn("county.leader", client, services)
            let masked = try await leader.call(.get, "/api/v1/cases/\(id)/file")
            let leaderCase = try #require(masked.json["case"] as? [String: Any])
            #expect((leaderCase["parties"] as? [[String: Any]])?.first?["phone"] as? String == "138****1234")
            #expect(leaderCase["personalDataShown"] as? Bool == false)

            let log = try await services.accessLog.recent().filter { $0.action == "case.file" }
            #expect(log.count == 2)
            #expect(log.contains { $0.username == "county.leader" && $0.detail.contains("masked") })
            #expect(log.contains { $0.username == "taoyuan.center" && $0.detail.contains("shown") })
            #expect(log.allSatisfy { $0.caseID == Case.ID(Int64(id)) })

            let other = try await APIClient.signIn("qingshan.center", client, services)
            #expect(try await other.call(.get, "/api/v1/cases/\(id)/file").status == .notFound)
            #expect(try await taoyuan.call(.get, "/api/v1/cases/999999/file").status == .notFound)
        }
    }
}
