import FengqiaoCore
import FengqiaoStore
import Foundation
import Testing

@testable import FengqiaoServer

/// The access matrix's rows of the structure's administration (issue 16): one region's and one organisation's page
/// and form, and `/api/v1/regions`, `/api/v1/organisations`. Changes that retire or restore work on a region or
/// organisation made for the call, so that the township's own grid and center stay as the other rows need them.
extension AccessMatrixTests {
    /// A village of the township made for one call (retired when `retired`), with nothing depending on it.
    static func freshRegion(_ call: Call, retired: Bool = false) async throws -> String {
        let services = call.world.services
        let township = try #require(try await services.regions.find(code: call.township.code))
        let region = try await services.regions.create(
            NewRegion(
                code: "\(call.township.code)8\(call.n)", name: "矩阵测试村\(call.n)", level: .village,
                parentID: township.id))
        if retired { try await services.regions.retire(region.id, at: Date()) }
        return region.code
    }

    /// A department of the township made for one call (retired when `retired`).
    static func freshOrganisation(_ call: Call, retired: Bool = false) async throws -> Int64 {
        let services = call.world.services
        let township = try #require(try await services.regions.find(code: call.township.code))
        let organisation = try await services.organisations.create(
            NewOrganisation(name: "矩阵测试部门\(call.n)", kind: .department, regionID: township.id))
        if retired { try await services.organisations.retire(organisation.id, at: Date()) }
        return organisation.id.rawValue
    }

    static let structureEndpoints: [Endpoint] = {
        let a = "区域与单位 Regions and organisations"
        return [
            Endpoint(area: a, label: "GET /admin/regions/{grid}", door: .web, scoped: true),
            Endpoint(area: a, label: "POST /admin/regions/{grid}", note: "修改 edit", door: .web, scoped: true) { call in
                formBody(
                    Endpoint.fill("/admin/regions/{grid}", call),
                    [("_csrf", call.csrf), ("action", "edit"), ("name", "矩阵测试网格\(call.n)"), ("households", "10")])
            },
            Endpoint(area: a, label: "POST /admin/regions/{grid}", note: "撤销 retire", door: .web, scoped: true) {
                call in
                formBody(
                    "/admin/regions/\(try await freshRegion(call))", [("_csrf", call.csrf), ("action", "retire")])
            },
            Endpoint(area: a, label: "GET /admin/organisations/{organisation}", door: .web, scoped: true) { call in
                Outgoing(uri: "/admin/organisations/\(call.township.centerOrganisation)")
            },
            Endpoint(
                area: a, label: "POST /admin/organisations/{organisation}", note: "修改 edit", door: .web, scoped: true
            ) { call in
                formBody(
                    "/admin/organisations/\(try await freshOrganisation(call))",
                    [
                        ("_csrf", call.csrf), ("action", "edit"), ("name", "矩阵测试改名\(call.n)"),
                        ("kind", "department"), ("region", call.township.code), ("phone", "0571-12345678"),
                    ])
            },
            Endpoint(
                area: a, label: "POST /admin/organisations/{organisation}", note: "撤销 retire", door: .web, scoped: true
            ) { call in
                formBody(
                    "/admin/organisations/\(try await freshOrganisation(call))",
                    [("_csrf", call.csrf), ("action", "retire")])
            },
            Endpoint(area: a, label: "GET /api/v1/regions", door: .api),
            Endpoint(area: a, label: "POST /api/v1/regions", door: .api, scoped: true) { call in
                jsonBody(
                    "/api/v1/regions",
                    [
                        "code": "\(call.township.code)9\(call.n)", "name": "矩阵测试村\(call.n)", "level": "village",
                        "parentCode": call.township.code,
                    ])
            },
            Endpoint(area: a, label: "GET /api/v1/regions/{grid}", door: .api, scoped: true),
            Endpoint(area: a, label: "PATCH /api/v1/regions/{grid}", door: .api, scoped: true) { call in
                jsonBody(Endpoint.fill("/api/v1/regions/{grid}", call), ["households": 10])
            },
            Endpoint(area: a, label: "POST /api/v1/regions/{grid}/retire", door: .api, scoped: true) { call in
                Outgoing(uri: "/api/v1/regions/\(try await freshRegion(call))/retire")
            },
            Endpoint(area: a, label: "POST /api/v1/regions/{grid}/restore", door: .api, scoped: true) { call in
                Outgoing(uri: "/api/v1/regions/\(try await freshRegion(call, retired: true))/restore")
            },
            Endpoint(area: a, label: "GET /api/v1/organisations", door: .api),
            Endpoint(area: a, label: "POST /api/v1/organisations", door: .api, scoped: true) { call in
                jsonBody(
                    "/api/v1/organisations",
                    ["name": "矩阵测试单位\(call.n)", "kind": "department", "regionCode": call.township.code])
            },
            Endpoint(area: a, label: "GET /api/v1/organisations/{organisation}", door: .api, scoped: true) { call in
                Outgoing(uri: "/api/v1/organisations/\(call.township.centerOrganisation)")
            },
            Endpoint(area: a, label: "PATCH /api/v1/organisations/{organisation}", door: .api, scoped: true) { call in
                jsonBody(
                    "/api/v1/organisations/\(try await freshOrganisation(call))", ["name": "矩阵测试改名\(call.n)"])
            },
            Endpoint(area: a, label: "POST /api/v1/organisations/{organisation}/retire", door: .api, scoped: true) {
                call in
                Outgoing(uri: "/api/v1/organisations/\(try await freshOrganisation(call))/retire")
            },
            Endpoint(area: a, label: "POST /api/v1/organisations/{organisation}/restore", door: .api, scoped: true) {
                call in
                Outgoing(uri: "/api/v1/organisations/\(try await freshOrganisation(call, retired: true))/restore")
            },
        ]
    }()
}
