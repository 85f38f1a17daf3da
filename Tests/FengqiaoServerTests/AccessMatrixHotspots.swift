import Foundation

@testable import FengqiaoServer

/// The access matrix's rows for hotspots (热点发现): the pages and the API. A hotspot is addressed by any case it
/// holds (`{case}`, the township's open case); the matrix's world has no hotspot, so a reader may list (200) and
/// The matrix's own reports (路灯不亮, from many phones) form a hotspot in each township. The action rows send bodies
/// that change nothing (a merge without its confirmation, organisation 0, case 0), so that the other rows keep their
/// world: what they show is who reaches the action (403 for roles that do not work with hotspots, 404 for another
/// township's hotspot) and that a bad field is a 4xx.
extension AccessMatrixTests {
    static let hotspotEndpoints: [Endpoint] = {
        let a = "热点 Hotspots"
        return [
            Endpoint(area: a, label: "GET /hotspots", door: .web),
            Endpoint(area: a, label: "GET /hotspots/{case}", door: .web, scoped: true),
            Endpoint(area: a, label: "GET /hotspots/{case}/merge?lead={case}", door: .web, scoped: true),
            Endpoint(area: a, label: "POST /hotspots/{case}/merge", door: .web, scoped: true) { call in
                formBody(
                    Endpoint.fill("/hotspots/{case}/merge", call),
                    [("_csrf", call.csrf), ("lead", "\(call.township.open.id)")])
            },
            Endpoint(area: a, label: "POST /hotspots/{case}/dispatch", door: .web, scoped: true) { call in
                formBody(
                    Endpoint.fill("/hotspots/{case}/dispatch", call),
                    [("_csrf", call.csrf), ("organisationId", "0")])
            },
            Endpoint(area: a, label: "POST /hotspots/{case}/not-related", door: .web, scoped: true) { call in
                formBody(
                    Endpoint.fill("/hotspots/{case}/not-related", call),
                    [("_csrf", call.csrf), ("caseId", "0")])
            },
            Endpoint(area: a, label: "GET /api/v1/hotspots", door: .api),
            Endpoint(area: a, label: "GET /api/v1/hotspots/{case}", door: .api, scoped: true),
            Endpoint(area: a, label: "POST /api/v1/hotspots/{case}/merge", door: .api, scoped: true) { call in
                jsonBody(
                    Endpoint.fill("/api/v1/hotspots/{case}/merge", call), ["leadCaseId": 0])
            },
            Endpoint(area: a, label: "POST /api/v1/hotspots/{case}/dispatch", door: .api, scoped: true) { call in
                jsonBody(
                    Endpoint.fill("/api/v1/hotspots/{case}/dispatch", call),
                    ["organisationId": 0])
            },
            Endpoint(area: a, label: "POST /api/v1/hotspots/{case}/not-related", door: .api, scoped: true) { call in
                jsonBody(
                    Endpoint.fill("/api/v1/hotspots/{case}/not-related", call), ["caseIds": [0]])
            },
        ]
    }()
}
