import FengqiaoCore
import FengqiaoStore
import Foundation
import Testing

@testable import FengqiaoServer

/// The access matrix's rows of the key-person register (issue 17) and the risk model's administration: each call on
/// a key person made for it in the township's grid (responsible: the township's grid worker).
extension AccessMatrixTests {
    static func freshKeyPerson(_ call: Call) async throws -> Int64 {
        let services = call.world.services
        let grid = try #require(try await services.regions.find(code: call.township.grid))
        let path = try #require(try await services.regions.path(of: grid.id))
        let made = try await KeyPersonRepository(database: services.database, calendars: services.calendars).register(
            NewKeyPerson(
                name: "矩阵重点\(call.n)", idNumber: nil, phone: nil, address: "矩阵测试地址\(call.n)号", regionID: grid.id,
                regionPath: path, personClass: .yellow, reason: "矩阵测试", responsible: ["\(call.township.slug).grid"],
                idKey: nil, phoneKey: nil, householdKey: nil),
            by: KeyPersonAuthor(username: nil, name: "矩阵"), at: Date())
        return made.id
    }

    static let keyPersonEndpoints: [Endpoint] = {
        let a = "重点人员与风险规则 Key persons and risk rules"
        @Sendable func person(_ call: Call, _ suffix: String) async throws -> String {
            "/key-persons/\(try await freshKeyPerson(call))\(suffix)"
        }
        let thresholds = ["blue": 20, "yellow": 40, "orange": 60, "red": 80]
        return [
            Endpoint(area: a, label: "GET /key-persons", door: .web),
            Endpoint(area: a, label: "GET /key-persons/new", door: .web),
            Endpoint(area: a, label: "POST /key-persons", door: .web, scoped: true) { call in
                formBody(
                    "/key-persons",
                    [
                        ("_csrf", call.csrf), ("name", "矩阵登记\(call.n)"), ("address", "矩阵地址\(call.n)号"),
                        ("gridCode", call.township.grid), ("class", "green"), ("reason", "矩阵测试"),
                        ("responsible", "\(call.township.slug).grid"),
                    ])
            },
            Endpoint(area: a, label: "GET /key-persons/{keyPerson}", door: .web, scoped: true) { call in
                Outgoing(uri: try await person(call, ""))
            },
            Endpoint(area: a, label: "POST /key-persons/{keyPerson}/visits", door: .web, scoped: true) { call in
                formBody(
                    try await person(call, "/visits"),
                    [("_csrf", call.csrf), ("outcome", "counselled"), ("note", "矩阵走访")])
            },
            Endpoint(area: a, label: "POST /key-persons/{keyPerson}/class", door: .web, scoped: true) { call in
                formBody(
                    try await person(call, "/class"), [("_csrf", call.csrf), ("class", "red"), ("reason", "矩阵调整")])
            },
            Endpoint(area: a, label: "POST /key-persons/{keyPerson}/responsible", door: .web, scoped: true) { call in
                formBody(
                    try await person(call, "/responsible"),
                    [("_csrf", call.csrf), ("responsible", "\(call.township.slug).center")])
            },
            Endpoint(area: a, label: "GET /admin/risk", door: .web),
            Endpoint(area: a, label: "POST /admin/risk", door: .web) { call in
                formBody(
                    "/admin/risk",
                    [("_csrf", call.csrf), ("action", "care-plan"), ("interval-red", "5"), ("interval-yellow", "10")]
                        + [("interval-green", "22"), ("effectiveFrom", "2098-01-05")])
            },
            Endpoint(area: a, label: "GET /api/v1/risk/indicators", door: .api),
            Endpoint(area: a, label: "PUT /api/v1/risk/indicators", door: .api) { _ in
                jsonBody(
                    "/api/v1/risk/indicators",
                    ["effectiveFrom": "2098-01-05", "weights": [:] as [String: Int], "thresholds": thresholds])
            },
            Endpoint(area: a, label: "GET /api/v1/key-persons", door: .api),
            Endpoint(area: a, label: "POST /api/v1/key-persons", door: .api, scoped: true) { call in
                jsonBody(
                    "/api/v1/key-persons",
                    [
                        "name": "矩阵接口\(call.n)", "address": "矩阵地址\(call.n)号", "gridCode": call.township.grid,
                        "class": "green", "reason": "矩阵测试", "responsible": ["\(call.township.slug).grid"],
                    ])
            },
            Endpoint(area: a, label: "GET /api/v1/key-persons/{keyPerson}", door: .api, scoped: true) { call in
                Outgoing(uri: "/api/v1" + (try await person(call, "")))
            },
            Endpoint(area: a, label: "PATCH /api/v1/key-persons/{keyPerson}", door: .api, scoped: true) { call in
                jsonBody("/api/v1" + (try await person(call, "")), ["class": "red", "reason": "矩阵调整"])
            },
            Endpoint(area: a, label: "GET /api/v1/key-persons/{keyPerson}/visits", door: .api, scoped: true) {
                call in
                Outgoing(uri: "/api/v1" + (try await person(call, "/visits")))
            },
            Endpoint(area: a, label: "POST /api/v1/key-persons/{keyPerson}/visits", door: .api, scoped: true) {
                call in
                jsonBody("/api/v1" + (try await person(call, "/visits")), ["outcome": "supported"])
            },
        ]
    }()
}
