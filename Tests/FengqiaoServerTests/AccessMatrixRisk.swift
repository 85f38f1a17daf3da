import FengqiaoCore
import Foundation
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

/// The risk rows of the access matrix (issue 17): each township's seed story (a neighbour dispute, the police
/// called, a threat) raises a red warning with a visit for its grid worker and one for its justice office.
extension AccessMatrixTests {
    struct RiskFixture: Sendable {
        let warning: Int
        let visit: Int
        let justiceVisit: Int
    }

    static func riskFixture(
        _ slug: String, grid: String, phone: String, _ client: any TestClientProtocol, _ services: AppServices
    ) async throws -> RiskFixture {
        let desk = try await APIClient.signIn("\(slug).center", client, services)
        var story = RiskAPITests.seedStory(regionCode: grid)
        story["parties"] = [["role": "reporter", "name": "矩阵风险当事人", "phone": "1380000" + phone.suffix(4)]]
        let created = try await desk.call(.post, "/api/v1/cases", story, key: "matrix-risk-\(slug)")
        let caseID = try #require(created.json["id"] as? Int)
        let list = try await desk.call(.get, "/api/v1/risk/warnings")
        let warning = try #require(
            (list.json["items"] as? [[String: Any]])?.first { $0["caseId"] as? Int == caseID })
        let visits = try #require(warning["visits"] as? [[String: Any]])
        func visit(_ visitor: String) throws -> Int {
            try #require(visits.first { $0["visitor"] as? String == visitor }?["id"] as? Int)
        }
        return RiskFixture(
            warning: try #require(warning["id"] as? Int), visit: try visit("gridWorker"),
            justiceVisit: try visit("justiceOffice"))
    }

    static let riskEndpoints: [Endpoint] = {
        let a = "风险预警 Risk warnings"
        return [
            Endpoint(area: a, label: "GET /risk/warnings", door: .web),
            Endpoint(area: a, label: "GET /risk/warnings/{warning}", door: .web, scoped: true),
            Endpoint(area: a, label: "GET /visits", door: .web),
            Endpoint(area: a, label: "GET /visits/{visit}", door: .web, scoped: true),
            Endpoint(area: a, label: "POST /visits/{visit}", door: .web, scoped: true) { call in
                formBody(
                    "/visits/\(call.township.risk.visit)",
                    [("_csrf", call.csrf), ("outcome", "supported"), ("note", "矩阵测试走访")])
            },
            Endpoint(area: a, label: "GET /api/v1/risk/warnings", door: .api),
            Endpoint(area: a, label: "GET /api/v1/risk/warnings/{warning}", door: .api, scoped: true),
            Endpoint(area: a, label: "GET /api/v1/visits", door: .api),
            Endpoint(area: a, label: "GET /api/v1/visits/{visit}", door: .api, scoped: true),
            Endpoint(area: a, label: "POST /api/v1/visits/{jvisit}", door: .api, scoped: true) { call in
                jsonBody("/api/v1/visits/\(call.township.risk.justiceVisit)", ["outcome": "supported"])
            },
        ]
    }()
}
