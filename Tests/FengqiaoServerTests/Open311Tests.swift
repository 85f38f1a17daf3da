import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import FengqiaoServer

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Calls `/open311/v2` as an Open311 client would: GET with a query string, POST with a form-encoded body.
struct Open311Client {
    let client: any TestClientProtocol

    struct Reply {
        let status: HTTPResponse.Status
        let contentType: String
        let text: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }
        var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
    }

    func get(_ uri: String) async throws -> Reply {
        try await client.execute(uri: uri, method: .get) { response in
            Reply(
                status: response.status, contentType: response.headers[.contentType] ?? "",
                text: String(buffer: response.body))
        }
    }

    func post(_ uri: String, _ fields: [(String, String)]) async throws -> Reply {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map {
            "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)="
                + $0.1.addingPercentEncoding(withAllowedCharacters: allowed)!
        }.joined(separator: "&")
        return try await client.execute(
            uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded; charset=utf-8"],
            body: ByteBuffer(string: body)
        ) { response in
            Reply(
                status: response.status, contentType: response.headers[.contentType] ?? "",
                text: String(buffer: response.body))
        }
    }
}

/// A parsed XML document, or nil when the text is not well-formed: the root, and every element with its path and
/// text.
final class XMLTree: NSObject, XMLParserDelegate {
    struct Element {
        let path: String
        var text: String
    }

    private(set) var root: String?
    private(set) var elements: [Element] = []
    private var stack: [Int] = []
    private var names: [String] = []

    static func parse(_ text: String) -> XMLTree? {
        let tree = XMLTree()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = tree
        return parser.parse() ? tree : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if root == nil { root = elementName }
        names.append(elementName)
        elements.append(Element(path: names.joined(separator: "/"), text: ""))
        stack.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let index = stack.last { elements[index].text += string }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        stack.removeLast()
        names.removeLast()
    }

    func texts(_ path: String) -> [String] { elements.filter { $0.path == path }.map(\.text) }
    func count(_ path: String) -> Int { elements.filter { $0.path == path }.count }
}

@Suite("Open311 GeoReport v2")
struct Open311Tests {
    static let key = DemoSeeder.open311DemoKey
    /// A W3C date-time with its offset (`Z` or ±HH:MM), as the specification requires.
    static func isW3C(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.wholeMatch(of: #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)/#) != nil
    }

    /// A point well inside a grid of 桃源镇 and that grid.
    static func gridPoint(_ services: AppServices) async throws -> (Region, GeoPolygon.Point) {
        let grids = try await services.regions.list(level: .grid).filter { $0.code.hasPrefix("339921101") }
        let grid = try #require(grids.first { $0.boundary != nil })
        return (grid, try #require(grid.boundary).centroid)
    }

    static func report(
        _ code: String = "livelihood.neighbour", description: String = "楼上邻居每天深夜装修，噪音很大。",
        extra: [(String, String)] = []
    ) -> [(String, String)] {
        [("api_key", key), ("service_code", code), ("description", description)] + extra
    }

    static func errors(_ reply: Open311Client.Reply, _ status: Int) -> Bool {
        let items = reply.array
        return reply.status.code == status && !items.isEmpty
            && items.allSatisfy { ($0["code"] as? Int) == status && !(($0["description"] as? String) ?? "").isEmpty }
            && items.allSatisfy { Set($0.keys) == ["code", "description"] }
    }

    @Test("discovery lists the v2 endpoint with both formats, in JSON and well-formed XML")
    func discovery() async throws {
        try await TestApp.run(seeded: true) { client, _ in
            let o311 = Open311Client(client: client)
            let json = try await o311.get("/open311/v2/discovery.json")
            #expect(json.status == .ok && json.contentType.hasPrefix("application/json"))
            let endpoint = try #require((json.object["endpoints"] as? [[String: Any]])?.first)
            #expect(endpoint["specification"] as? String == "http://wiki.open311.org/GeoReport_v2")
            #expect(Set(endpoint["formats"] as? [String] ?? []) == ["text/xml", "application/json"])
            #expect((endpoint["url"] as? String)?.hasSuffix("/open311/v2") == true)
            #expect(Self.isW3C(json.object["changeset"] as? String))
            let xml = try await o311.get("/open311/v2/discovery.xml")
            #expect(
                xml.contentType.hasPrefix("text/xml")
                    && xml.text.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>"))
            let tree = try #require(XMLTree.parse(xml.text))
            #expect(tree.root == "discovery")
            #expect(
                tree.texts("discovery/endpoints/endpoint/formats/format").sorted() == ["application/json", "text/xml"])
        }
    }

    @Test("services are the active categories: code, zh name, domain as group, metadata where a definition exists")
    func services() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let o311 = Open311Client(client: client)
            let reply = try await o311.get("/open311/v2/services.json")
            #expect(reply.status == .ok)
            let active = try await services.categories.list()
            #expect(reply.array.count == active.count)
            for item in reply.array {
                #expect(
                    Set(item.keys) == [
                        "service_code", "service_name", "description", "metadata", "type", "keywords", "group",
                    ])
                #expect(item["type"] as? String == "realtime")
            }
            let neighbour = try #require(reply.array.first { $0["service_code"] as? String == "livelihood.neighbour" })
            #expect(neighbour["service_name"] as? String == "邻里纠纷")
            #expect(neighbour["group"] as? String == "社会民生")
            #expect(neighbour["metadata"] as? Bool == true)
            let roads = try #require(reply.array.first { $0["service_code"] as? String == "livelihood.infrastructure" })
            #expect(roads["metadata"] as? Bool == false)
            let english = try await o311.get("/open311/v2/services.json?locale=en")
            #expect(english.array.contains { $0["service_name"] as? String == "Neighbours" })

            let xml = try #require(XMLTree.parse(try await o311.get("/open311/v2/services.xml").text))
            #expect(xml.root == "services" && xml.count("services/service") == active.count)
            #expect(xml.texts("services/service/service_code").contains("livelihood.neighbour"))
            #expect(xml.texts("services/service/metadata").allSatisfy { $0 == "true" || $0 == "false" })
        }
    }

    @Test("a service definition lists its attributes; an unknown service is a 404 errors answer in both formats")
    func serviceDefinition() async throws {
        try await TestApp.run(seeded: true) { client, _ in
            let o311 = Open311Client(client: client)
            let reply = try await o311.get("/open311/v2/services/livelihood.neighbour.json")
            #expect(reply.status == .ok && reply.object["service_code"] as? String == "livelihood.neighbour")
            let attribute = try #require((reply.object["attributes"] as? [[String: Any]])?.first)
            #expect(attribute["code"] as? String == "other_party_name")
            #expect(attribute["variable"] as? Bool == true && attribute["required"] as? Bool == false)
            #expect(attribute["datatype"] as? String == "string" && attribute["order"] as? Int == 1)
            let none = try await o311.get("/open311/v2/services/livelihood.infrastructure.json")
            #expect((none.object["attributes"] as? [Any])?.isEmpty == true)

            let missing = try await o311.get("/open311/v2/services/no.such.json")
            #expect(Self.errors(missing, 404))
            let xml = try await o311.get("/open311/v2/services/no.such.xml")
            #expect(xml.status == .notFound)
            let tree = try #require(XMLTree.parse(xml.text))
            #expect(tree.root == "errors" && tree.texts("errors/error/code") == ["404"])
            #expect(tree.texts("errors/error/description").first?.isEmpty == false)
            #expect(Self.errors(try await o311.get("/open311/v2/nothing.json"), 404))
            #expect(Self.errors(try await o311.get("/open311/v2/services.json?jurisdiction_id=110000"), 404))
            #expect(try await o311.get("/open311/v2/services.json?jurisdiction_id=339921").status == .ok)
        }
    }

    @Test("POST requests needs a valid api_key (403), a service_code (400) that exists (404) and a place (400)")
    func postRefusals() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let o311 = Open311Client(client: client)
            let uri = "/open311/v2/requests.json"
            #expect(Self.errors(try await o311.post(uri, Array(Self.report().dropFirst())), 403))
            var wrong = Self.report(extra: [("region_code", "339921101")])
            wrong[0] = ("api_key", "o311_not_a_key")
            #expect(Self.errors(try await o311.post(uri, wrong), 403))
            #expect(
                Self.errors(
                    try await o311.post(
                        uri, [("api_key", Self.key), ("description", "x"), ("region_code", "339921101")]), 400))
            #expect(Self.errors(try await o311.post(uri, Self.report("no.such", extra: [("lat", "29.7")])), 404))
            #expect(Self.errors(try await o311.post(uri, Self.report()), 400))
            #expect(
                Self.errors(try await o311.post(uri, Self.report(extra: [("lat", "40.7"), ("long", "-74.0")])), 400))
            #expect(Self.errors(try await o311.post(uri, Self.report(extra: [("lat", "29.7")])), 400))
            #expect(Self.errors(try await o311.post(uri, Self.report(extra: [("address_id", "17")])), 400))
            #expect(
                Self.errors(
                    try await o311.post(
                        uri, Self.report(extra: [("region_code", "339921101"), ("jurisdiction_id", "110000")])), 404))
            let xml = try await o311.post("/open311/v2/requests.xml", Array(Self.report().dropFirst()))
            #expect(xml.status == .forbidden && XMLTree.parse(xml.text)?.texts("errors/error/code") == ["403"])
            #expect(try await services.cases.count() == 0)
        }
    }

    @Test("POST registers one case through the common path: grid from lat/long, reporter and other party, token")
    func postCreates() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let o311 = Open311Client(client: client)
            let (grid, point) = try await Self.gridPoint(services)
            let form = Self.report(
                description: "楼上邻居每天深夜装修，噪音很大。我的电话13812341234。",
                extra: [
                    ("lat", String(point.latitude)), ("long", String(point.longitude)),
                    ("address_string", "溪城街道文昌路12号3单元"), ("first_name", "三丰"), ("last_name", "张"),
                    ("phone", "13812341234"), ("email", "zhang@example.cn"),
                    ("media_url", "https://photos.example.cn/a.jpg"), ("attribute[other_party_name]", "李四海"),
                    ("jurisdiction_id", "339921"),
                ])
            let first = try await o311.post("/open311/v2/requests.json", form)
            #expect(first.status == .created)
            let answer = try #require(first.array.first)
            let id = try #require(answer["service_request_id"] as? String)
            let number = try #require(Int64(id))
            let stored = try #require(try await services.cases.find(id: Case.ID(number)))
            #expect(answer["token"] as? String == stored.trackingCode)
            #expect((answer["service_notice"] as? String)?.isEmpty == false)
            #expect(stored.channel == .citizenReport && stored.state == .registered)
            #expect(stored.regionID == grid.id && stored.categoryCode == "livelihood.neighbour")
            #expect(
                stored.parties.first
                    == Party(role: .reporter, name: "张三丰", phone: "13812341234", address: "zhang@example.cn"))
            #expect(stored.parties.contains(Party(role: .other, name: "李四海")))
            #expect(stored.description.contains("https://photos.example.cn/a.jpg") && !stored.anonymous)
            #expect(stored.centerOrganisationID != nil)

            let again = try await o311.post("/open311/v2/requests.json", form)
            #expect(again.status == .ok && again.array.first?["service_request_id"] as? String == id)
            #expect(try await services.cases.count() == 1)

            // The place by name of the address alone, and by region_code (our extension).
            let byAddress = try await o311.post(
                "/open311/v2/requests.json", Self.report(extra: [("address_string", "桃源镇上坞村村口")]))
            let byAddressID = try #require(Int64(byAddress.array.first?["service_request_id"] as? String ?? ""))
            let village = try #require(try await services.regions.list(level: .village).first { $0.name == "上坞村" })
            #expect(try await services.cases.find(id: Case.ID(byAddressID))?.regionID == village.id)
            #expect(try await services.cases.find(id: Case.ID(byAddressID))?.anonymous == true)
            let byCode = try await o311.post(
                "/open311/v2/requests.xml",
                Self.report("livelihood.infrastructure", extra: [("region_code", grid.code)]))
            #expect(byCode.status == .created)
            let tree = try #require(XMLTree.parse(byCode.text))
            #expect(tree.root == "service_requests" && tree.count("service_requests/request/service_request_id") == 1)
            #expect(tree.texts("service_requests/request/token").first?.count == 10)

            // A key whose account is the hotline: its reports arrive by that channel.
            let center = try #require(try await services.users.find(username: "county.center"))
            let hotline = try await services.open311Keys.create(
                for: center.id, label: "12345 bridge", channel: .hotline12345, at: Date())
            var viaHotline = Self.report(extra: [("region_code", grid.code)])
            viaHotline[0] = ("api_key", hotline)
            let bridged = try await o311.post("/open311/v2/requests.json", viaHotline)
            let bridgedID = try #require(Int64(bridged.array.first?["service_request_id"] as? String ?? ""))
            #expect(try await services.cases.find(id: Case.ID(bridgedID))?.channel == .hotline12345)
        }
    }

    @Test("keys are stored only as SHA-256; a revoked key is refused")
    func keys() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let user = try #require(try await services.users.find(username: "xicheng.center"))
            let key = try await services.open311Keys.create(for: user.id, label: "app", channel: nil, at: Date())
            #expect(key.hasPrefix("o311_") && key.count == 69)
            let hashes = try await services.database.withConnection { sql in
                try await sql.select().column("key_hash").from("open311_keys").all().map {
                    try $0.decode(column: "key_hash", as: String.self)
                }
            }
            #expect(hashes.contains(Open311KeyRepository.digest(key)) && !hashes.contains(key))
            #expect(!hashes.contains(Self.key) && hashes.contains(Open311KeyRepository.digest(Self.key)))
            let found = try #require(try await services.open311Keys.find(key: key))
            #expect(found.userID == user.id && found.label == "app" && found.channel == nil)
            try await services.open311Keys.revoke(id: found.id)
            #expect(try await services.open311Keys.find(key: key) == nil)
            var form = Self.report(extra: [("region_code", "339921001")])
            form[0] = ("api_key", key)
            #expect(Self.errors(try await Open311Client(client: client).post("/open311/v2/requests.json", form), 403))
        }
    }

    @Test("a request reads back with the spec's fields, W3C dates, masked address and no personal data")
    func readBack() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let o311 = Open311Client(client: client)
            let (_, point) = try await Self.gridPoint(services)
            let posted = try await o311.post(
                "/open311/v2/requests.json",
                Self.report(
                    description: "噪音 <很大> & 持续，联系我13812341234或zhang@example.cn，身份证110101199001011234",
                    extra: [
                        ("lat", String(point.latitude)), ("long", String(point.longitude)),
                        ("address_string", "溪城街道文昌路12号3单元"), ("first_name", "三丰"), ("last_name", "张"),
                        ("phone", "13812341234"), ("media_url", "https://photos.example.cn/a.jpg"),
                        ("attribute[other_party_name]", "李四海"),
                    ]))
            let id = try #require(posted.array.first?["service_request_id"] as? String)
            let number = try #require(Int64(id))
            let stored = try #require(try await services.cases.find(id: Case.ID(number)))
            let reply = try await o311.get("/open311/v2/requests/\(id).json")
            #expect(reply.status == .ok && reply.array.count == 1)
            let item = try #require(reply.array.first)
            for field in [
                "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
                "address", "address_id", "zipcode", "lat", "long", "media_url",
            ] {
                #expect(item.keys.contains(field), "missing \(field)")
            }
            #expect(item["extended_attributes"] == nil)
            #expect(item["service_request_id"] as? String == id && item["status"] as? String == "open")
            #expect(
                item["service_code"] as? String == "livelihood.neighbour" && item["service_name"] as? String == "邻里纠纷")
            #expect(Self.isW3C(item["requested_datetime"] as? String))
            #expect(Self.isW3C(item["updated_datetime"] as? String))
            let due = CaseClocks.finishDeadline(of: stored, calendar: services.calendar)
            #expect((item["expected_datetime"] as? String) == due.map(ChinaTime.iso8601))
            #expect(item["address"] as? String == Masking.address("溪城街道文昌路12号3单元"))
            #expect(item["media_url"] as? String == "https://photos.example.cn/a.jpg")
            #expect((item["lat"] as? Double).map { abs($0 - point.latitude) < 1e-9 } == true)
            #expect((item["status_notes"] as? String)?.hasPrefix("已受理：") == true)
            #expect((item["agency_responsible"] as? String)?.isEmpty == false)
            let description = try #require(item["description"] as? String)
            #expect(description.contains("<很大> & 持续") && !description.contains("媒体链接"))
            for secret in ["13812341234", "zhang@example.cn", "110101199001011234", "三丰", "李四海", "文昌路12号"] {
                #expect(!reply.text.contains(secret), "\(secret) leaked")
            }

            let xml = try await o311.get("/open311/v2/requests/\(id).xml")
            let tree = try #require(XMLTree.parse(xml.text))
            #expect(
                tree.root == "service_requests" && tree.texts("service_requests/request/service_request_id") == [id])
            #expect(tree.texts("service_requests/request/description").first?.contains("<很大> & 持续") == true)
            #expect(tree.texts("service_requests/request/status") == ["open"])
            #expect(!xml.text.contains("13812341234") && !xml.text.contains("李四海"))

            let extended = try await o311.get("/open311/v2/requests/\(id).json?extensions=true")
            let attributes = try #require(extended.array.first?["extended_attributes"] as? [String: Any])
            #expect(
                attributes["channel"] as? String == "citizenReport"
                    && attributes["case_number"] as? String == stored.number)
            let updates = try #require(attributes["updates"] as? [[String: Any]])
            #expect(!updates.isEmpty && updates.allSatisfy { Self.isW3C($0["datetime"] as? String) })
            #expect(!extended.text.contains("13812341234"))
            let extendedXML = try #require(
                XMLTree.parse(try await o311.get("/open311/v2/requests/\(id).xml?extensions=true").text))
            #expect(extendedXML.count("service_requests/request/extended_attributes/updates/update") == updates.count)

            #expect(Self.errors(try await o311.get("/open311/v2/requests/999999.json"), 404))
            #expect(Self.errors(try await o311.get("/open311/v2/requests/abc.json"), 404))
            #expect(Self.errors(try await o311.get("/open311/v2/requests/\(id).json?jurisdiction_id=1"), 404))

            let token = try await o311.get("/open311/v2/tokens/\(stored.trackingCode).json")
            #expect(token.status == .ok)
            #expect(token.array.first?["service_request_id"] as? String == id)
            #expect(token.array.first?["token"] as? String == stored.trackingCode)
            let tokenXML = try #require(
                XMLTree.parse(try await o311.get("/open311/v2/tokens/\(stored.trackingCode).xml").text))
            #expect(tokenXML.texts("service_requests/request/service_request_id") == [id])
            #expect(Self.errors(try await o311.get("/open311/v2/tokens/NOPE.json"), 404))
        }
    }

    @Test("GET requests filters by id list, service codes, status, dates, and pages by page and page_size")
    func filters() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let o311 = Open311Client(client: client)
            let region = [("region_code", "339921001")]
            var ids: [String] = []
            for (code, text) in [
                ("livelihood.neighbour", "邻居噪音扰民一"), ("livelihood.infrastructure", "路灯坏了两周"),
                ("livelihood.neighbour", "邻居占用楼道"),
            ] {
                let reply = try await o311.post(
                    "/open311/v2/requests.json", Self.report(code, description: text, extra: region))
                ids.append(try #require(reply.array.first?["service_request_id"] as? String))
            }
            func idsOf(_ query: String) async throws -> [String] {
                let reply = try await o311.get("/open311/v2/requests.json" + query)
                #expect(reply.status == .ok, "\(query): \(reply.text)")
                return reply.array.compactMap { $0["service_request_id"] as? String }
            }
            #expect(try await idsOf("") == ids.reversed())
            #expect(try await idsOf("?service_code=livelihood.neighbour") == [ids[2], ids[0]])
            #expect(try await idsOf("?service_code=livelihood.neighbour,livelihood.infrastructure") == ids.reversed())
            #expect(try await idsOf("?service_code=agriculture.land").isEmpty)

            // Withdrawn counts as closed.
            let withdrawn = Case.ID(try #require(Int64(ids[1])))
            _ = try await services.cases.act(
                .withdraw(reason: "已自行解决"), on: withdrawn, expectedVersion: nil, by: .citizen(displayName: "群众"),
                at: Date())
            #expect(try await idsOf("?status=closed") == [ids[1]])
            #expect(try await idsOf("?status=open") == [ids[2], ids[0]])
            #expect(try await idsOf("?status=open,closed") == ids.reversed())
            #expect(Self.errors(try await o311.get("/open311/v2/requests.json?status=pending"), 400))
            let closed = try await o311.get("/open311/v2/requests/\(ids[1]).json")
            #expect(closed.array.first?["status"] as? String == "closed")
            #expect(closed.array.first?["expected_datetime"] is NSNull)

            // service_request_id overrides every other argument.
            #expect(try await idsOf("?service_request_id=\(ids[0]),\(ids[1]),424242&status=open") == [ids[0], ids[1]])

            // Dates: W3C, inclusive, at most 90 days apart.
            #expect(try await idsOf("?end_date=2020-01-01T00:00:00Z").isEmpty)
            let soon = ChinaTime.iso8601(Date().addingTimeInterval(3600)).replacingOccurrences(of: "+", with: "%2B")
            let past = ChinaTime.iso8601(Date().addingTimeInterval(-86_400)).replacingOccurrences(of: "+", with: "%2B")
            #expect(try await idsOf("?start_date=\(past)&end_date=\(soon)").count == 3)
            #expect(try await idsOf("?start_date=2026-01-01T00:00:00.000Z&end_date=2026-02-01T00:00:00Z").isEmpty)
            #expect(
                Self.errors(
                    try await o311.get(
                        "/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-06-01T00:00:00Z"),
                    400))
            #expect(Self.errors(try await o311.get("/open311/v2/requests.json?start_date=yesterday"), 400))

            // Pages, newest first.
            #expect(try await idsOf("?page_size=2") == [ids[2], ids[1]])
            #expect(try await idsOf("?page_size=2&page=2") == [ids[0]])
            #expect(Self.errors(try await o311.get("/open311/v2/requests.json?page_size=1001"), 400))
            #expect(Self.errors(try await o311.get("/open311/v2/requests.json?page=0"), 400))

            // jurisdiction: ours or none; any other is a 404.
            #expect(try await idsOf("?jurisdiction_id=339921").count == 3)
            #expect(Self.errors(try await o311.get("/open311/v2/requests.json?jurisdiction_id=339922"), 404))

            let xml = try await o311.get("/open311/v2/requests.xml?extensions=true")
            let tree = try #require(XMLTree.parse(xml.text))
            #expect(tree.count("service_requests/request") == 3)
            #expect(
                tree.texts("service_requests/request/extended_attributes/channel")
                    == Array(repeating: "citizenReport", count: 3))
            #expect(tree.texts("service_requests/request/requested_datetime").allSatisfy { Self.isW3C($0) })
        }
    }

    @Test("redaction masks the parties and anything shaped like a phone, an ID number or an e-mail")
    func redaction() {
        let parties = [Party(role: .reporter, name: "张三丰", phone: "13812341234"), Party(role: .other, name: "李四海")]
        let text = Open311Redaction.publicText(
            "张三丰说李四海欠钱，电话 138-1234-1234，身份证 11010119900101123X，邮箱 a.b@example.cn，3路车晚点20分钟", parties: parties)
        #expect(!text.contains("张三丰") && !text.contains("李四海") && text.contains("张**") && text.contains("李**"))
        #expect(!text.contains("1234-1234") && !text.contains("11010119900101123X") && !text.contains("a.b@example.cn"))
        #expect(text.contains("3路车晚点20分钟"))
        #expect(ChinaTime.iso8601(Date(timeIntervalSince1970: 0)) == "1970-01-01T08:00:00+08:00")
        #expect(ChinaTime.parse("1994-11-05T08:15:30-05:00") == ChinaTime.parse("1994-11-05T13:15:30Z"))
        #expect(Open311Document.escapeXML("a<b>&\"'\u{1}") == "a&lt;b&gt;&amp;&quot;&apos;")
    }
}
