import FengqiaoAPI
import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OpenAPIKit
import Testing

@testable import FengqiaoServer

/// A JSON value with its exact type: an integer stays an integer, `true` never passes for `1`.
indirect enum JSONValue: Decodable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    static func parse(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }
    static func parse(_ text: String) throws -> JSONValue { try parse(Data(text.utf8)) }

    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var object: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .integer(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        case .array(let value): "[\(value.map(\.description).joined(separator: ","))]"
        case .object(let value): "{\(value.keys.sorted().map { "\($0):\(value[$0]!)" }.joined(separator: ","))}"
        }
    }
}

/// The subset of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that the document uses: `$ref`, `type` (a name or a
/// list of names, so `["string", "null"]` is nullable), `properties`, `required`, `additionalProperties`, `items`,
/// `enum`, `format` (date-time, date, binary), `pattern`, `minimum`, `maximum`, `minLength`, `maxLength`. A keyword
/// it does not know is itself a failure, so the document cannot quietly say more than the tests check.
struct SchemaValidator {
    let document: JSONValue

    static let known: Set<String> = [
        "$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "format", "pattern",
        "minimum", "maximum", "minLength", "maxLength", "description",
    ]

    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: JSONValue? = document
        for part in reference.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    func problems(_ value: JSONValue, _ schema: JSONValue, at path: String = "$") -> [String] {
        var found: [String] = []
        validate(value, schema, path, &found)
        return found
    }

    private func validate(_ value: JSONValue, _ schema: JSONValue, _ path: String, _ found: inout [String]) {
        guard let rules = schema.object else { return found.append("\(path): the schema is not an object") }
        for key in rules.keys where !Self.known.contains(key) { found.append("\(path): unsupported keyword \(key)") }
        if let reference = rules["$ref"]?.string {
            guard let target = resolve(reference) else { return found.append("\(path): unresolved \(reference)") }
            validate(value, target, path, &found)
        }
        if let type = rules["type"] {
            let names = type.string.map { [$0] } ?? type.array?.compactMap(\.string) ?? []
            guard names.contains(where: { Self.matches(value, $0) }) else {
                return found.append("\(path): \(value) is not of type \(names.joined(separator: " or "))")
            }
        }
        if let values = rules["enum"]?.array, !values.contains(value) {
            found.append("\(path): \(value) is not one of \(values)")
        }
        switch value {
        case .string(let text):
            if let format = rules["format"]?.string, !Self.conforms(text, format: format) {
                found.append("\(path): \"\(text)\" is not a \(format)")
            }
            if let pattern = rules["pattern"]?.string, text.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): \"\(text)\" does not match \(pattern)")
            }
            if case .integer(let maximum) = rules["maxLength"], text.count > maximum {
                found.append("\(path): longer than \(maximum)")
            }
            if case .integer(let minimum) = rules["minLength"], text.count < minimum {
                found.append("\(path): shorter than \(minimum)")
            }
        case .integer, .number:
            let number = Self.double(value) ?? 0
            if let minimum = rules["minimum"].flatMap(Self.double), number < minimum {
                found.append("\(path): \(number) < \(minimum)")
            }
            if let maximum = rules["maximum"].flatMap(Self.double), number > maximum {
                found.append("\(path): \(number) > \(maximum)")
            }
        case .object(let object):
            for key in rules["required"]?.array?.compactMap(\.string) ?? [] where object[key] == nil {
                found.append("\(path): the required field \(key) is missing")
            }
            let properties = rules["properties"]?.object ?? [:]
            for (key, member) in object {
                if let property = properties[key] {
                    validate(member, property, "\(path).\(key)", &found)
                } else if let additional = rules["additionalProperties"] {
                    if additional == .bool(false) {
                        found.append("\(path): \(key) is not in the schema")
                    } else if additional.object != nil {
                        validate(member, additional, "\(path).\(key)", &found)
                    }
                }
            }
        case .array(let items):
            if let schema = rules["items"] {
                for (index, item) in items.enumerated() { validate(item, schema, "\(path)[\(index)]", &found) }
            }
        case .null, .bool:
            break
        }
    }

    static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (value, type) {
        case (.null, "null"), (.bool, "boolean"), (.integer, "integer"), (.integer, "number"), (.number, "number"),
            (.string, "string"), (.array, "array"), (.object, "object"):
            true
        default: false
        }
    }

    static func double(_ value: JSONValue) -> Double? {
        switch value {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    static func conforms(_ text: String, format: String) -> Bool {
        switch format {
        case "date-time":
            text.range(
                of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"#, options: .regularExpression)
                != nil
        case "date": text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
        default: true
        }
    }
}

/// Calls the app and checks each answer against the document: the status must be documented for the operation,
/// the content type must be one the document names for it, and a JSON body must validate against its schema.
final class ConformanceProbe: @unchecked Sendable {
    let client: any TestClientProtocol
    let validator: SchemaValidator
    /// "METHOD template" of every operation that answered 2xx.
    private(set) var succeeded: Set<String> = []
    /// "METHOD template status" of every answer checked.
    private(set) var checked: Set<String> = []

    init(client: any TestClientProtocol, document: JSONValue) {
        self.client = client
        self.validator = SchemaValidator(document: document)
    }

    struct Answer {
        let status: HTTPResponse.Status
        let contentType: String?
        let body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ template: String, _ uri: String? = nil, token: String?,
        json: Any? = nil, raw: [UInt8]? = nil, headers extra: HTTPFields = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Answer {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        } else if let raw {
            headers[.contentType] = "application/octet-stream"
            body = ByteBuffer(bytes: raw)
        }
        let answer = try await client.execute(uri: uri ?? template, method: method, headers: headers, body: body) {
            Answer(status: $0.status, contentType: $0.headers[.contentType], body: Data(buffer: $0.body))
        }
        let problems = self.problems(method, template, answer)
        #expect(
            problems.isEmpty, "\(method) \(uri ?? template) → \(answer.status.code): \(problems)",
            sourceLocation: sourceLocation)
        checked.insert("\(method) \(template) \(answer.status.code)")
        if (200..<300).contains(answer.status.code) { succeeded.insert("\(method) \(template)") }
        return answer
    }

    func problems(_ method: HTTPRequest.Method, _ template: String, _ answer: Answer) -> [String] {
        guard let operation = validator.document["paths"]?[template]?[method.rawValue.lowercased()] else {
            return ["the operation is not documented"]
        }
        guard var response = operation["responses"]?[String(answer.status.code)] else {
            return ["status \(answer.status.code) is not documented: \(answer.text.prefix(300))"]
        }
        if let reference = response["$ref"]?.string, let target = validator.resolve(reference) { response = target }
        guard let content = response["content"]?.object else {
            return answer.body.isEmpty ? [] : ["a body where the document says none"]
        }
        let mediaType = answer.contentType?.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard let mediaType, let schema = content[mediaType]?["schema"] else {
            return ["content type \(answer.contentType ?? "none") is not one of \(content.keys.sorted())"]
        }
        guard mediaType.hasSuffix("json") else { return [] }
        guard let value = try? JSONValue.parse(answer.body) else { return ["the body is not JSON"] }
        return validator.problems(value, schema)
    }
}

@Suite("OpenAPI document")
struct OpenAPITests {
    static let document: JSONValue = {
        do { return try JSONValue.parse(OpenAPIContract.json) } catch { return .null }
    }()

    static let methods = ["get", "put", "post", "delete", "patch", "head", "options"]

    /// "METHOD /path" of every documented operation.
    static var documented: Set<String> {
        var operations: Set<String> = []
        for (path, item) in document["paths"]?.object ?? [:] {
            for method in methods where item[method] != nil { operations.insert("\(method.uppercased()) \(path)") }
        }
        return operations
    }

    /// "METHOD /path" of every route the app registers under /api/v1, read from Hummingbird's router trie.
    static func registered(_ services: AppServices) -> Set<String> {
        let router = buildRouter(services: services, logger: Logger(label: "openapi-test"))
        return Set(
            router.routes.map { "\($0.method.rawValue) \($0.path.description)" }.filter {
                $0.split(separator: " ")[1].hasPrefix("/api/v1/") || $0.hasSuffix(" /api/v1")
            })
    }

    @Test("the document is OpenAPI 3.1 JSON, every $ref resolves and every schema uses only the checked keywords")
    func wellFormed() throws {
        #expect(Self.document["openapi"] == .string("3.1.0"))
        let validator = SchemaValidator(document: Self.document)
        var unresolved: [String] = []
        var unsupported: [String] = []
        // Every $ref anywhere in the document resolves.
        func references(_ value: JSONValue, _ path: String) {
            if let reference = value["$ref"]?.string, validator.resolve(reference) == nil {
                unresolved.append("\(path): \(reference)")
            }
            for (key, member) in value.object ?? [:] { references(member, "\(path).\(key)") }
            for (index, member) in (value.array ?? []).enumerated() { references(member, "\(path)[\(index)]") }
        }
        // Every schema (components, parameters, bodies, responses, and the schemas inside them) uses only keywords
        // the validator checks.
        func keywords(_ schema: JSONValue, _ path: String) {
            for key in (schema.object ?? [:]).keys where !SchemaValidator.known.contains(key) {
                unsupported.append("\(path).\(key)")
            }
            for (name, property) in schema["properties"]?.object ?? [:] { keywords(property, "\(path).\(name)") }
            if let items = schema["items"] { keywords(items, "\(path)[]") }
            if let additional = schema["additionalProperties"], additional.object != nil {
                keywords(additional, "\(path).*")
            }
        }
        func schemas(_ value: JSONValue, _ path: String) {
            for (key, member) in value.object ?? [:] {
                if key == "schema" { keywords(member, "\(path).schema") } else { schemas(member, "\(path).\(key)") }
            }
            for (index, member) in (value.array ?? []).enumerated() { schemas(member, "\(path)[\(index)]") }
        }
        references(Self.document, "$")
        for (name, schema) in Self.document["components"]?["schemas"]?.object ?? [:] { keywords(schema, name) }
        schemas(Self.document["paths"] ?? .null, "paths")
        schemas(Self.document["components"]?["parameters"] ?? .null, "parameters")
        schemas(Self.document["components"]?["responses"] ?? .null, "responses")
        #expect(unresolved.isEmpty, "\(unresolved)")
        #expect(unsupported.isEmpty, "\(unsupported)")
        for operation in Self.documented {
            let parts = operation.split(separator: " ")
            let item = Self.document["paths"]?[String(parts[1])]?[parts[0].lowercased()]
            #expect(item?["summary"]?.string?.contains(" / ") == true, "\(operation) needs a summary 中文 / English")
            #expect(item?["responses"]?.object?.isEmpty == false, "\(operation) has no responses")
        }
    }

    @Test(
        "OpenAPIKit reads the served document without warnings, validates it, and the reference page is built from it")
    func openAPIKit() throws {
        let document = try JSONDecoder().decode(OpenAPI.Document.self, from: Data(OpenAPIContract.json.utf8))
        #expect(document.warnings.isEmpty, "\(document.warnings)")
        try document.validate()
        #expect(Set(document.allOperationIds).count == Self.documented.count)
        let reference = APIReference(document)
        #expect(Set(reference.operations.map { "\($0.method) \($0.path)" }) == Self.documented)
        let dispatch = try #require(reference.operations.first { $0.path == "/api/v1/cases/{id}/actions/dispatch" })
        #expect(dispatch.bodyType == "DispatchBody" && dispatch.needsToken && dispatch.summary.zh == "派单")
        let body = try #require(reference.schemas.first { $0.name == "DispatchBody" })
        #expect(body.properties.first { $0.name == "lead" }?.required == true)
        #expect(reference.schemas.first { $0.name == "Urgency" }?.values == Urgency.allCases.map(\.rawValue))
    }

    @Test("every route registered under /api/v1 is documented, and every documented operation is registered")
    func routesMatch() async throws {
        try await TestApp.run(migrated: false) { _, services in
            let registered = Self.registered(services)
            #expect(registered.count > 20)
            let undocumented = registered.subtracting(Self.documented)
            let missing = Self.documented.subtracting(registered)
            #expect(undocumented.isEmpty, "registered but not in the document: \(undocumented.sorted())")
            #expect(missing.isEmpty, "documented but not registered: \(missing.sorted())")
        }
    }

    @Test("the document's enumerations are the domain's")
    func enumerations() {
        func values(_ name: String) -> [String] {
            Self.document["components"]?["schemas"]?[name]?["enum"]?.array?.compactMap(\.string) ?? []
        }
        #expect(values("Channel") == Channel.allCases.map(\.rawValue))
        #expect(values("Urgency") == Urgency.allCases.map(\.rawValue))
        #expect(values("CaseKind") == CaseKind.allCases.map(\.rawValue))
        #expect(values("CaseState") == CaseState.allCases.map(\.rawValue))
        #expect(values("Difficulty") == Difficulty.allCases.map(\.rawValue))
        #expect(values("RegionLevel") == RegionLevel.allCases.map(\.rawValue))
        #expect(values("Outcome") == Outcome.allCases.map(\.rawValue))
        #expect(values("Satisfaction") == Satisfaction.allCases.map(\.rawValue))
        #expect(values("WhistleGrade") == WhistleGrade.allCases.map(\.rawValue))
        #expect(values("PartyRole") == Party.Role.allCases.map(\.rawValue))
        #expect(values("Role") == Role.allCases.map(\.rawValue))
        #expect(values("ClockKind") == ClockKind.allCases.map(\.rawValue))
        #expect(values("AlertLevel") == AlertLevel.allCases.map(\.rawValue))
        #expect(values("SessionResult") == MediationSession.Result.allCases.map(\.rawValue))
        #expect(values("SessionMode") == SessionMode.allCases.map(\.rawValue))
        #expect(values("AttendeeRole") == AttendeeRole.allCases.map(\.rawValue))
        #expect(values("MediationNextStep") == MediationNextStep.allCases.map(\.rawValue))
        #expect(values("GovernanceDomain") == GovernanceDomain.allCases.map(\.rawValue))
        #expect(values("DisputeType") == DisputeType.allCases.map(\.rawValue))
        #expect(values("RateKind") == RateDefinition.Kind.allCases.map(\.rawValue))
        #expect(values("CalendarEntryKind") == WorkingCalendar.Kind.allCases.map(\.rawValue))
        #expect(Set(values("LadderExhaustion")) == ["sessions", "time"])
        #expect(
            LadderProgress.Exhaustion(rawValue: "sessions") != nil && LadderProgress.Exhaustion(rawValue: "time") != nil
        )
        // Registration has its own route and the platform alone applies time limits and raises alerts.
        let platformOnly: Set<CaseAction> = [.register, .applyTimeLimits, .raiseAlerts]
        #expect(values("CaseAction") == CaseAction.allCases.filter { !platformOnly.contains($0) }.map(\.rawValue))
        for policy in TimeLimitPolicy.defaults {
            for limit in policy.limits.values {
                #expect(limit.code.range(of: "^[0-9]{1,6}(m|h|d|wh|wd)$", options: .regularExpression) != nil)
            }
        }
    }

    @Test("the validator refuses an undocumented field, a wrong type, a missing field and an unknown value")
    func validatorIsStrict() throws {
        let validator = SchemaValidator(document: Self.document)
        let problem =
            #"{"type":"about:blank","title":"Not Found","status":404,"code":"not_found","#
            + #""message":{"zh":"找不到","en":"No such resource."},"requestId":"0123456789abcdef"}"#
        let schema = JSONValue.object(["$ref": .string("#/components/schemas/Problem")])
        #expect(validator.problems(try JSONValue.parse(problem), schema).isEmpty)
        let extra = problem.replacingOccurrences(of: #""status":404"#, with: #""status":404,"detail":"x""#)
        #expect(validator.problems(try JSONValue.parse(extra), schema).contains { $0.contains("detail") })
        let wrongType = problem.replacingOccurrences(of: #""status":404"#, with: #""status":"404""#)
        #expect(!validator.problems(try JSONValue.parse(wrongType), schema).isEmpty)
        let boolean = problem.replacingOccurrences(of: #""status":404"#, with: #""status":true"#)
        #expect(!validator.problems(try JSONValue.parse(boolean), schema).isEmpty)
        let fraction = problem.replacingOccurrences(of: #""status":404"#, with: #""status":404.5"#)
        #expect(!validator.problems(try JSONValue.parse(fraction), schema).isEmpty)
        let missing = problem.replacingOccurrences(of: #""code":"not_found","#, with: "")
        #expect(validator.problems(try JSONValue.parse(missing), schema).contains { $0.contains("code") })
        let nested = problem.replacingOccurrences(of: #""en":"No such resource.""#, with: #""en":3"#)
        #expect(validator.problems(try JSONValue.parse(nested), schema).contains { $0.contains("message.en") })
        let state = JSONValue.object(["$ref": .string("#/components/schemas/CaseState")])
        #expect(validator.problems(.string("closed"), state).isEmpty)
        #expect(!validator.problems(.string("teleported"), state).isEmpty)
        let date = JSONValue.object(["type": .string("string"), "format": .string("date-time")])
        #expect(validator.problems(.string("2026-11-23T08:00:00Z"), date).isEmpty)
        #expect(!validator.problems(.string("yesterday"), date).isEmpty)
        let nullable = JSONValue.object(["type": .array([.string("string"), .string("null")])])
        #expect(validator.problems(.null, nullable).isEmpty && !validator.problems(.integer(1), nullable).isEmpty)
        #expect(!validator.problems(.integer(1), .object(["oneOf": .array([])])).isEmpty)
    }

    @Test("the document and its reference page are served without a token; the page shows every operation")
    func served() async throws {
        try await TestApp.run { client, _ in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect((try? JSONValue.parse(Data(buffer: response.body))) == Self.document)
            }
            for language in ["zh-Hans", "en"] {
                try await client.execute(uri: "/api/v1/docs?lang=\(language)", method: .get) { response in
                    #expect(response.status == .ok)
                    let html = String(buffer: response.body)
                    #expect(html.contains(#"lang="\#(language)""#))
                    #expect(!html.contains("<script"))
                    #expect(html.contains(language == "en" ? "API reference" : "接口参考"))
                    for operation in Self.documented {
                        let parts = operation.split(separator: " ")
                        let item = Self.document["paths"]?[String(parts[1])]?[parts[0].lowercased()]
                        let summary = APIReference.split(item?["summary"]?.string ?? "")
                        #expect(html.contains(operation), "\(operation) is not on the page")
                        let shown = language == "en" ? summary.en : summary.zh
                        #expect(html.contains(shown), "the summary \(shown) is not on the page")
                    }
                    #expect(html.contains(#"id="schema-CaseResource""#) && html.contains("expectedVersion"))
                    #expect(html.contains("Idempotency-Key") && html.contains("application/problem+json"))
                }
            }
        }
    }

    @Test("real answers of every operation validate against the documented schema of their status")
    func answersConform() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let probe = ConformanceProbe(client: client, document: Self.document)
            let registered = Self.registered(services)
            func token(_ username: String) async throws -> String {
                let user = try #require(try await services.users.find(username: username))
                return try await services.tokens.create(for: user.id, label: "openapi", at: Date())
            }
            let desk = try await token("taoyuan.center")
            let handler = try await token("taoyuan.dept")
            let admin = try await token("county.admin")
            let stranger = try await token("xicheng.center")
            let key: HTTPFields = [.init("Idempotency-Key")!: "openapi-1"]

            try await probe.call(.get, "/api/v1/openapi.json", token: nil)
            try await probe.call(.get, "/api/v1/docs", token: nil)

            // Intake.
            var intake = CaseAPITests.intake
            intake["latitude"] = 29.1
            intake["longitude"] = 121.2
            intake["address"] = "桃源镇幸福路8号"
            let created = try await probe.call(.post, "/api/v1/cases", token: desk, json: intake, headers: key)
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? Int)
            let code = try #require(created.json["trackingCode"] as? String)
            #expect(try await probe.call(.post, "/api/v1/cases", token: desk, json: intake, headers: key).status == .ok)
            #expect(try await probe.call(.post, "/api/v1/cases", token: desk, json: intake).status == .badRequest)
            #expect(
                try await probe.call(.post, "/api/v1/cases", token: nil, json: intake, headers: key).status
                    == .unauthorized)
            var nowhere = intake
            nowhere["regionCode"] = "000000"
            #expect(
                try await probe.call(
                    .post, "/api/v1/cases", token: desk, json: nowhere, headers: [.init("Idempotency-Key")!: "x"]
                ).status == .unprocessableContent)
            #expect(
                try await probe.call(
                    .post, "/api/v1/cases", token: desk, json: ["title": 1], headers: [.init("Idempotency-Key")!: "y"]
                ).status == .badRequest)

            // Reading.
            let item = "/api/v1/cases/{id}"
            try await probe.call(.get, item, "/api/v1/cases/\(id)", token: desk)
            try await probe.call(.get, item, "/api/v1/cases/\(id)", token: try await token("taoyuan.leader"))
            #expect(try await probe.call(.get, item, "/api/v1/cases/\(id)", token: stranger).status == .notFound)
            #expect(try await probe.call(.get, item, "/api/v1/cases/\(id)", token: nil).status == .unauthorized)
            try await probe.call(.get, "/api/v1/cases/{id}/events", "/api/v1/cases/\(id)/events", token: desk)
            #expect(
                try await probe.call(.get, "/api/v1/cases/{id}/events", "/api/v1/cases/999999/events", token: desk)
                    .status == .notFound)
            let list = "/api/v1/cases"
            try await probe.call(.get, list, token: desk)
            try await probe.call(.get, list, "/api/v1/cases?state=registered&state=assessed&limit=1", token: desk)
            try await probe.call(
                .get, list, "/api/v1/cases?sort=deadline&region=339921&q=%E5%99%AA%E9%9F%B3", token: desk)
            #expect(try await probe.call(.get, list, "/api/v1/cases?sort=oldest", token: desk).status == .badRequest)
            #expect(try await probe.call(.get, list, "/api/v1/cases?region=nowhere", token: desk).status == .notFound)
            #expect(try await probe.call(.get, list, token: nil).status == .unauthorized)

            // The loop, with its refusals.
            let justice = try #require(
                try await services.organisations.list(inSubtreeOf: Region.ID(1), kind: .department)
                    .first { $0.name.contains("桃源") && $0.name.hasSuffix("司法所") })
            // Each action is its own operation; any other name answers at the `{action}` fallback.
            func step(
                _ token: String, _ name: String, _ body: [String: Any] = [:], on caseID: Int? = nil
            ) async throws -> ConformanceProbe.Answer {
                let own = "/api/v1/cases/{id}/actions/\(name)"
                let template = Self.documented.contains("POST \(own)") ? own : "/api/v1/cases/{id}/actions/{action}"
                return try await probe.call(
                    .post, template, "/api/v1/cases/\(caseID ?? id)/actions/\(name)", token: token, json: body)
            }
            let assessed = try await step(
                desk, "assess",
                ["expectedVersion": 2, "urgency": "troublesome", "difficulty": "simple", "competentLevel": "township"])
            #expect(assessed.status == .ok)
            #expect(
                try await step(desk, "dispatch", ["expectedVersion": 2, "lead": justice.id.rawValue]).status
                    == .conflict)
            #expect(try await step(desk, "dispatch", [:]).status == .badRequest)
            #expect(try await step(desk, "teleport").status == .notFound)
            #expect(try await step(desk, "register").status == .badRequest)
            #expect(try await step(desk, "raise-alerts").status == .forbidden)
            #expect(try await step(desk, "escalate", ["reason": 7]).status == .badRequest)
            #expect(try await step(desk, "request-mediator", ["mediator": 999_999]).status == .unprocessableContent)
            #expect(try await step(desk, "dispatch", ["lead": justice.id.rawValue]).status == .ok)
            #expect(try await step(desk, "accept").status == .forbidden)
            #expect(try await step(handler, "accept").status == .ok)
            #expect(try await step(handler, "progress", ["note": "已联系双方。"]).status == .ok)
            #expect(
                try await step(handler, "resolve", ["outcome": "agreementReached", "summary": "双方约定晚八点后停止施工。"])
                    .status == .ok)
            #expect(try await step(stranger, "close").status == .notFound)

            if registered.contains("GET /api/v1/cases/{id}/file") {
                let file = try await probe.call(
                    .get, "/api/v1/cases/{id}/file", "/api/v1/cases/\(id)/file", token: desk)
                #expect(file.status == .ok)
                #expect(
                    try await probe.call(.get, "/api/v1/cases/{id}/file", "/api/v1/cases/\(id)/file", token: stranger)
                        .status == .notFound)
            }
            if registered.contains("GET /api/v1/exports/cases.csv") {
                let csv = "/api/v1/exports/cases.csv"
                #expect(try await probe.call(.get, csv, "\(csv)?state=resolved", token: desk).status == .ok)
                #expect(try await probe.call(.get, csv, token: nil).status == .unauthorized)
            }

            // Files.
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
            let uploaded = try await probe.call(.post, "/api/v1/files", token: desk, raw: png)
            #expect(uploaded.status == .created)
            let sha = try #require(uploaded.json["sha256"] as? String)
            #expect(
                try await probe.call(.post, "/api/v1/files", token: desk, raw: Array("<html>".utf8)).status
                    == .unprocessableContent)
            #expect(try await probe.call(.post, "/api/v1/files", token: nil, raw: png).status == .unauthorized)
            var withPhoto = CaseAPITests.intake
            withPhoto["attachments"] = [["sha256": sha, "fileName": "现场.png"]]
            try await probe.call(
                .post, "/api/v1/cases", token: desk, json: withPhoto, headers: [.init("Idempotency-Key")!: "photo"])
            let download = "/api/v1/files/{sha256}"
            #expect(try await probe.call(.get, download, "/api/v1/files/\(sha)", token: desk).status == .ok)
            #expect(try await probe.call(.get, download, "/api/v1/files/\(sha)", token: stranger).status == .notFound)

            // Catalogue, metrics, access log.
            try await probe.call(.get, "/api/v1/categories", token: desk)
            try await probe.call(.get, "/api/v1/categories", "/api/v1/categories?retired=true", token: desk)
            let category: [String: Any] = [
                "code": "livelihood.parking", "domain": "livelihood", "nameZh": "停车纠纷", "disputeType": "neighbour",
            ]
            #expect(try await probe.call(.post, "/api/v1/categories", token: desk, json: category).status == .forbidden)
            #expect(try await probe.call(.post, "/api/v1/categories", token: admin, json: category).status == .ok)
            #expect(
                try await probe.call(
                    .post, "/api/v1/categories", token: admin,
                    json: ["code": "x", "domain": "livelihood", "nameZh": "x"]
                ).status == .unprocessableContent)
            #expect(
                try await probe.call(.post, "/api/v1/categories", token: admin, json: ["code": 1]).status == .badRequest
            )
            try await StructureAPITests.probe(probe, admin: admin, other: desk)
            let metrics = "/api/v1/metrics"
            #expect(try await probe.call(.get, metrics, token: desk).status == .ok)
            #expect(
                try await probe.call(.get, metrics, "\(metrics)?channel=window&region=339921", token: desk).status
                    == .ok)
            #expect(
                try await probe.call(.get, metrics, "\(metrics)?from=2026-02-01&to=2026-01-01", token: desk).status
                    == .badRequest)
            #expect(try await probe.call(.get, metrics, "\(metrics)?region=nowhere", token: desk).status == .notFound)
            let log = try await probe.call(.get, "/api/v1/access-log", token: admin)
            #expect((log.json["items"] as? [Any])?.isEmpty == false)
            #expect(try await probe.call(.get, "/api/v1/access-log", token: desk).status == .forbidden)
            // The structure import: a check, an import, a refusal with its problems, someone not an administrator.
            let structure = "/api/v1/imports/structure"
            let grid = Array("网格代码,网格名称,所属村（社区）代码\r\n339921101201-90,接口测试网格,339921101201\r\n".utf8)
            let checked = try await probe.call(
                .post, structure, "\(structure)?filename=grids.csv", token: admin, raw: grid)
            #expect(checked.json["canApply"] as? Bool == true && checked.json["applied"] as? Bool == false)
            let applied = try await probe.call(
                .post, structure, "\(structure)?filename=grids.csv&apply=true", token: admin, raw: grid)
            #expect(applied.json["applied"] as? Bool == true)
            let orphan = Array("网格代码,网格名称,所属村（社区）代码\r\n339921101299-01,孤网格,339921101299\r\n".utf8)
            #expect(
                try await probe.call(
                    .post, structure, "\(structure)?filename=grids.csv&apply=true", token: admin, raw: orphan
                ).status == .unprocessableContent)
            #expect(try await probe.call(.post, structure, token: admin, raw: []).status == .badRequest)
            #expect(try await probe.call(.post, structure, token: desk, raw: grid).status == .forbidden)

            // Time limits.
            let policies = try await probe.call(.get, "/api/v1/time-limits/policies", token: desk)
            let standard = try #require(
                (policies.json["items"] as? [[String: Any]])?.first { $0["code"] as? String == "standard" })
            let policy = "/api/v1/time-limits/policies/{code}"
            #expect(
                try await probe.call(
                    .put, policy, "/api/v1/time-limits/policies/standard", token: admin, json: standard
                ).status == .ok)
            #expect(
                try await probe.call(.put, policy, "/api/v1/time-limits/policies/other", token: admin, json: standard)
                    .status == .badRequest)
            #expect(
                try await probe.call(.put, policy, "/api/v1/time-limits/policies/standard", token: desk, json: standard)
                    .status == .forbidden)
            var night = standard
            night["code"] = "night"
            night["channel"] = "hotline12345"
            #expect(
                try await probe.call(.put, policy, "/api/v1/time-limits/policies/night", token: admin, json: night)
                    .status == .ok)
            night["warningShare"] = 2
            #expect(
                try await probe.call(.put, policy, "/api/v1/time-limits/policies/night", token: admin, json: night)
                    .status
                    == .unprocessableContent)
            #expect(
                try await probe.call(.delete, policy, "/api/v1/time-limits/policies/night", token: admin).status
                    == .noContent)
            #expect(
                try await probe.call(.delete, policy, "/api/v1/time-limits/policies/night", token: admin).status
                    == .unprocessableContent)
            let ladders = try await probe.call(.get, "/api/v1/time-limits/ladders", token: desk)
            var ladder = try #require((ladders.json["items"] as? [[String: Any]])?.first)
            let ladderPath = "/api/v1/time-limits/ladders/{code}"
            ladder["code"] = "copy"
            #expect(
                try await probe.call(.put, ladderPath, "/api/v1/time-limits/ladders/copy", token: admin, json: ladder)
                    .status == .ok)
            #expect(
                try await probe.call(.delete, ladderPath, "/api/v1/time-limits/ladders/copy", token: desk).status
                    == .forbidden)
            #expect(
                try await probe.call(.delete, ladderPath, "/api/v1/time-limits/ladders/copy", token: admin).status
                    == .noContent)
            try await probe.call(.get, "/api/v1/time-limits/calendar", token: desk)
            // A version scheduled for a date ahead, listed as scheduled, withdrawn once (then refused).
            var scheduled = standard
            scheduled["effectiveFrom"] = "2099-01-05"
            #expect(
                try await probe.call(
                    .put, policy, "/api/v1/time-limits/policies/standard", token: admin, json: scheduled
                ).status == .ok)
            scheduled["effectiveFrom"] = "2001-01-01"
            #expect(
                try await probe.call(
                    .put, policy, "/api/v1/time-limits/policies/standard", token: admin, json: scheduled
                ).status == .unprocessableContent)
            let versions = try await probe.call(.get, "/api/v1/time-limits/policies", token: desk)
            let pending = try #require(
                (versions.json["versions"] as? [[String: Any]])?.first { $0["status"] as? String == "scheduled" })
            let withdrawal = "/api/v1/time-limits/versions/{id}/withdraw"
            let withdrawURI = "/api/v1/time-limits/versions/\(try #require(pending["id"] as? Int))/withdraw"
            #expect(try await probe.call(.post, withdrawal, withdrawURI, token: desk).status == .forbidden)
            #expect(try await probe.call(.post, withdrawal, withdrawURI, token: admin).status == .ok)
            #expect(try await probe.call(.post, withdrawal, withdrawURI, token: admin).status == .unprocessableContent)
            // MADE-UP FIXTURE: a fictitious year, not an official schedule.
            let uploads = "/api/v1/time-limits/calendar/uploads"
            let fictitious = Array("2099-01-01,holiday,元旦\n2099-01-03,workday,元旦调休上班\n".utf8)
            let dry = try await probe.call(.post, uploads, "\(uploads)?dryRun=true", token: admin, raw: fictitious)
            #expect(dry.status == .ok && dry.json["saved"] as? Bool == false)
            #expect(try await probe.call(.post, uploads, token: desk, raw: fictitious).status == .forbidden)
            let bad = try await probe.call(
                .post, uploads, token: admin, raw: Array("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:休\n".utf8))
            #expect(bad.status == .unprocessableContent)
            #expect(
                try await probe.call(.post, uploads, "\(uploads)?name=2099.csv", token: admin, raw: fictitious).status
                    == .ok)
            let calendar = try await probe.call(.get, "/api/v1/time-limits/calendar", token: desk)
            #expect((calendar.json["years"] as? [Int])?.last == 2099)
            let years = "/api/v1/time-limits/calendar/years/{year}"
            #expect(
                try await probe.call(.delete, years, "/api/v1/time-limits/calendar/years/2099", token: admin).status
                    == .noContent)
            #expect(
                try await probe.call(.delete, years, "/api/v1/time-limits/calendar/years/2099", token: admin).status
                    == .notFound)
            try await probe.call(.get, "/api/v1/oversight/charges", token: desk)
            #expect(try await probe.call(.get, "/api/v1/oversight/charges", token: handler).status == .forbidden)

            // Mediation.
            try await probe.call(
                .get, "/api/v1/mediation/ranking", "/api/v1/mediation/ranking?from=2025-01-01", token: desk)
            let weights = try await probe.call(.get, "/api/v1/mediation/point-weights", token: desk)
            let weightsPath = "/api/v1/mediation/point-weights"
            #expect(try await probe.call(.put, weightsPath, token: admin, json: weights.json).status == .ok)
            #expect(try await probe.call(.put, weightsPath, token: desk, json: weights.json).status == .forbidden)
            #expect(
                try await probe.call(.put, weightsPath, token: admin, json: ["simple": "one"]).status == .badRequest)
            try await probe.call(
                .get, "/api/v1/fulfilment-tasks", "/api/v1/fulfilment-tasks?dueBefore=2030-01-01", token: desk)

            // Citizens and the directory, no token.
            let track = "/api/v1/track"
            let found = try await probe.call(.post, track, token: nil, json: ["code": code, "phone": "1234"])
            #expect(found.status == .ok && found.json["canRate"] as? Bool == true)
            #expect(
                try await probe.call(.post, track, token: nil, json: ["code": code, "phone": "0000"]).status
                    == .notFound)
            #expect(try await probe.call(.post, track, token: nil, json: ["code": code]).status == .badRequest)
            let actions = "/api/v1/track/actions"
            #expect(
                try await probe.call(.post, actions, token: nil, json: ["code": code, "phone": "1234"]).status
                    == .badRequest)
            #expect(
                try await probe.call(
                    .post, actions, token: nil, json: ["code": code, "phone": "1234", "mediator": 999_999]
                )
                .status == .unprocessableContent)
            #expect(
                try await probe.call(.post, actions, token: nil, json: ["code": code, "phone": "0000", "reason": "x"])
                    .status == .notFound)
            let rated = try await probe.call(
                .post, actions, token: nil, json: ["code": code, "phone": "1234", "satisfaction": "satisfied"])
            #expect(rated.status == .ok)
            // A followed-up case has its outcome rated: withdrawing it now is refused (撤回 is for cases before 办结).
            let withdraw: [String: Any] = ["code": code, "phone": "1234", "reason": "不需要了"]
            let late = try await probe.call(.post, actions, token: nil, json: withdraw)
            #expect(late.status == .conflict, "\(late.status): \(late.text)")
            let mediators = "/api/v1/mediators"
            let directory = try await probe.call(.get, mediators, token: nil)
            #expect((directory.json["items"] as? [Any])?.isEmpty == false)
            #expect(
                try await probe.call(.get, mediators, "\(mediators)?specialty=neighbour&region=339921", token: nil)
                    .status == .ok)
            #expect(
                try await probe.call(.get, mediators, "\(mediators)?specialty=dragons", token: nil).status
                    == .badRequest)
            #expect(
                try await probe.call(.get, mediators, "\(mediators)?region=nowhere", token: nil).status == .notFound)
            try await PeopleAPITests.probe(probe, admin: admin, desk: desk, services: services)
            try await RiskAPITests.probe(probe, desk: desk, handler: handler, services: services)
            var limited = false
            for _ in 0..<31 where !limited {
                let answer = try await probe.call(
                    .post, track, token: nil, json: ["code": "ZZZZZZZZZZ", "phone": "0000"])
                limited = answer.status == .tooManyRequests
            }
            #expect(limited)

            // Every case action is registered from the contract and answers someone who may not see the case with a
            // documented 404 problem; they share one success schema (the case), validated above on those the loop
            // takes, and the journeys take the others.
            let caseActions = Self.documented.filter { $0.contains("/actions/") && !$0.hasSuffix("{action}") }
            #expect(caseActions.count == 34)
            for operation in caseActions {
                let name = String(operation.split(separator: "/").last ?? "")
                // A body missing its required fields is refused before the case is looked up (400).
                let status = try await step(stranger, name, [:]).status
                #expect(status == .notFound || status == .badRequest, "\(operation)")
            }

            try await KeyPersonTests.probe(probe, services)
            try await HotspotTests.probe(probe, client, services)
            // Every other documented operation that the app registers answered 2xx at least once above.
            let untried = Self.documented.intersection(registered).subtracting(probe.succeeded)
                .subtracting(caseActions).subtracting(["POST /api/v1/cases/{id}/actions/{action}"])
            #expect(untried.isEmpty, "never answered 2xx in this test: \(untried.sorted())")
        }
    }
}
