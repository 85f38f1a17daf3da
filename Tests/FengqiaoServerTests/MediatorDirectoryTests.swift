import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

@Suite("Mediator directory")
struct MediatorDirectoryTests {
    static let taoyuan = "339921101"

    @Test("the directory page lists every mediator as a card in Chinese, with badges, without sign-in")
    func page() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let all = try await services.mediators.list()
            let gold = try #require(all.first { $0.goldMedal })
            let away = try #require(all.first { !$0.available })
            try await client.execute(uri: "/mediators", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<h1>调解员名录</h1>"))
                #expect(html.contains("共 \(all.count) 名调解员"))
                #expect(html.components(separatedBy: #"<article class="card">"#).count - 1 == all.count)
                #expect(html.contains(gold.name) && html.contains("金牌调解员"))
                #expect(html.contains(away.name) && html.contains("暂不接单"))
                #expect(html.contains("邻里纠纷") && html.contains("乡镇（街道）") && html.contains("老王说和室"))
                // Every control has its label, and the filter works as a plain GET form.
                #expect(html.contains(#"<label>纠纷类型<select name="specialty">"#))
                #expect(html.contains(#"<label>乡镇（街道）<select name="region">"#))
                #expect(html.contains(#"<form action="/mediators" method="get""#))
                #expect(html.contains(#"<option value="339921101">桃源镇</option>"#))
            }
            try await client.execute(uri: "/mediators?lang=en", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Mediator directory") && html.contains("Neighbours"))
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(String(buffer: response.body).contains(#"href="/mediators""#))
            }
            try await client.execute(uri: "/mediators/\(gold.id)", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains(gold.profile))
            }
            try await client.execute(uri: "/mediators/999999", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test("filters by specialty and by township subtree, on the page and in the JSON")
    func filters() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let township = try #require(try await services.regions.find(code: Self.taoyuan))
            let inTaoyuan = Set(try await services.organisations.list(inSubtreeOf: township.id).map(\.id))
            let anyone = APIClient(client: client, token: nil)

            let neighbours = try await anyone.call(.get, "/api/v1/mediators?specialty=neighbour")
            #expect(neighbours.status == .ok)
            let neighbourItems = try #require(neighbours.json["items"] as? [[String: Any]])
            #expect(!neighbourItems.isEmpty)
            #expect(neighbourItems.count == (try await services.mediators.list(specialty: .neighbour)).count)
            for item in neighbourItems {
                let codes = (item["specialties"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
                #expect(codes?.contains("neighbour") == true)
                #expect(item["userID"] == nil)
            }

            let local = try await anyone.call(.get, "/api/v1/mediators?region=\(Self.taoyuan)")
            let localItems = try #require(local.json["items"] as? [[String: Any]])
            #expect(!localItems.isEmpty)
            #expect(
                localItems.allSatisfy { inTaoyuan.contains(Organisation.ID(Int64($0["organisationID"] as? Int ?? 0))) })
            #expect(localItems.contains { $0["organisationName"] as? String == "老王说和室" })
            #expect(!localItems.contains { ($0["organisationName"] as? String)?.hasPrefix("清溪县") == true })
            let first = try #require(localItems.first)
            #expect((first["specialties"] as? [[String: Any]])?.first?["name"] as? [String: String] != nil)

            let both = try await anyone.call(.get, "/api/v1/mediators?specialty=neighbour&region=\(Self.taoyuan)")
            let bothCount = (both.json["items"] as? [Any])?.count ?? -1
            #expect(bothCount > 0 && bothCount < localItems.count)

            try await client.execute(uri: "/mediators?specialty=neighbour&region=\(Self.taoyuan)", method: .get) {
                let html = String(buffer: $0.body)
                #expect(html.contains("共 \(bothCount) 名调解员"))
                #expect(html.contains(#"<option value="neighbour" selected>邻里纠纷</option>"#))
                #expect(html.contains(#"<option value="339921101" selected>桃源镇</option>"#))
            }

            #expect(try await anyone.call(.get, "/api/v1/mediators?region=000000").status == .notFound)
            let bad = try await anyone.call(.get, "/api/v1/mediators?specialty=dragons")
            #expect(bad.status == .badRequest && bad.json["code"] as? String == "request.invalid_specialty")
            try await client.execute(uri: "/mediators?region=%22%3E%3Cscript%3E", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok && html.contains("没有符合条件的调解员") && !html.contains("<script>"))
            }
        }
    }
}
