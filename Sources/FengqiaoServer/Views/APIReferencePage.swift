import FengqiaoCore
import Foundation
import Plot

/// What the API reference page shows, read from the OpenAPI document (`OpenAPIContract`, generated from openapi.yaml): every operation with its
/// summary, parameters, body and responses, then every schema. Built once; the page is only a view of it.
struct APIReference: Sendable {
    struct Parameter: Sendable {
        let name: String
        let location: String
        let required: Bool
        let type: String
        let description: String
    }

    struct Response: Sendable {
        let status: String
        let description: String
        let contentTypes: [String]
        let type: String?
    }

    struct Operation: Sendable {
        let method: String
        let path: String
        let summary: Localized
        let description: String?
        let needsToken: Bool
        let parameters: [Parameter]
        let bodyContentTypes: [String]
        let bodyType: String?
        let responses: [Response]

        var anchor: String { "op-\(method.lowercased())-\(APIReference.slug(path))" }
    }

    struct Property: Sendable {
        let name: String
        let type: String
        let required: Bool
        let description: String
    }

    struct Schema: Sendable {
        let name: String
        let description: String?
        /// The values of an enumeration, or empty.
        let values: [String]
        let properties: [Property]
        /// Whether a response may carry fields that are not listed (`additionalProperties` not false).
        let closed: Bool
    }

    let title: String
    let version: String
    let description: String
    let operations: [Operation]
    let schemas: [Schema]

    /// Reads the document; a document that is not JSON gives an empty reference (the tests make sure it is JSON).
    init(json: String) {
        let root = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:]
        let info = root["info"] as? [String: Any] ?? [:]
        title = info["title"] as? String ?? ""
        version = info["version"] as? String ?? ""
        description = info["description"] as? String ?? ""
        let components = root["components"] as? [String: Any] ?? [:]
        func component(_ object: [String: Any], _ kind: String) -> [String: Any] {
            guard let reference = object["$ref"] as? String else { return object }
            let name = reference.split(separator: "/").last.map(String.init) ?? ""
            return (components[kind] as? [String: Any])?[name] as? [String: Any] ?? [:]
        }
        let globalSecurity = !((root["security"] as? [Any]) ?? []).isEmpty
        var operations: [Operation] = []
        let paths = root["paths"] as? [String: Any] ?? [:]
        for path in paths.keys.sorted() {
            guard let item = paths[path] as? [String: Any] else { continue }
            for method in ["get", "post", "put", "delete"] {
                guard let operation = item[method] as? [String: Any] else { continue }
                let parameters = (operation["parameters"] as? [[String: Any]] ?? []).map {
                    let parameter = component($0, "parameters")
                    return Parameter(
                        name: parameter["name"] as? String ?? "", location: parameter["in"] as? String ?? "",
                        required: parameter["required"] as? Bool ?? false,
                        type: Self.typeText(parameter["schema"] as? [String: Any] ?? [:]),
                        description: parameter["description"] as? String ?? "")
                }
                let body = operation["requestBody"] as? [String: Any]
                let bodyContent = body?["content"] as? [String: Any] ?? [:]
                let responses = (operation["responses"] as? [String: Any] ?? [:]).keys.sorted().map { status in
                    let response = component(
                        (operation["responses"] as? [String: Any])?[status] as? [String: Any] ?? [:], "responses")
                    let content = response["content"] as? [String: Any] ?? [:]
                    let schema = content.values.compactMap { ($0 as? [String: Any])?["schema"] as? [String: Any] }
                        .first
                    return Response(
                        status: status, description: response["description"] as? String ?? "",
                        contentTypes: content.keys.sorted(), type: schema.map(Self.typeText))
                }
                let security = operation["security"] as? [Any]
                operations.append(
                    Operation(
                        method: method.uppercased(), path: path,
                        summary: Self.split(operation["summary"] as? String ?? ""),
                        description: operation["description"] as? String,
                        needsToken: security.map { !$0.isEmpty } ?? globalSecurity, parameters: parameters,
                        bodyContentTypes: bodyContent.keys.sorted(),
                        bodyType: bodyContent.values.compactMap {
                            (($0 as? [String: Any])?["schema"] as? [String: Any]).map(Self.typeText)
                        }.first,
                        responses: responses))
            }
        }
        self.operations = operations
        let schemas = components["schemas"] as? [String: Any] ?? [:]
        self.schemas = schemas.keys.sorted().compactMap { name in
            guard let schema = schemas[name] as? [String: Any] else { return nil }
            let required = Set(schema["required"] as? [String] ?? [])
            let properties = schema["properties"] as? [String: Any] ?? [:]
            return Schema(
                name: name, description: schema["description"] as? String,
                values: (schema["enum"] as? [Any] ?? []).map { "\($0)" },
                properties: properties.keys.sorted().map { key in
                    let property = properties[key] as? [String: Any] ?? [:]
                    return Property(
                        name: key, type: Self.typeText(property), required: required.contains(key),
                        description: property["description"] as? String ?? "")
                },
                closed: (schema["additionalProperties"] as? Bool) == false)
        }
    }

    /// A schema in a few words: `CaseResource`, `array of CaseState`, `string (date-time)`, `"a" | "b"`.
    static func typeText(_ schema: [String: Any]) -> String {
        if let reference = schema["$ref"] as? String {
            return reference.split(separator: "/").last.map(String.init) ?? reference
        }
        if let values = schema["enum"] as? [Any] { return values.map { "\($0)" }.joined(separator: " | ") }
        let type = (schema["type"] as? String) ?? (schema["type"] as? [String])?.joined(separator: " | ") ?? "any"
        if type == "array" { return "array of " + typeText(schema["items"] as? [String: Any] ?? [:]) }
        var text = type
        if let format = schema["format"] as? String { text += " (\(format))" }
        if let pattern = schema["pattern"] as? String { text += " \(pattern)" }
        var bounds: [String] = []
        if let minimum = schema["minimum"] { bounds.append("≥ \(minimum)") }
        if let maximum = schema["maximum"] { bounds.append("≤ \(maximum)") }
        if let maximum = schema["maxLength"] { bounds.append("≤ \(maximum) chars") }
        if !bounds.isEmpty { text += ", " + bounds.joined(separator: ", ") }
        return text
    }

    /// "登记案件 / Register a case" → zh and en.
    static func split(_ summary: String) -> Localized {
        let parts = summary.components(separatedBy: " / ")
        guard parts.count >= 2 else { return Localized(zh: summary, en: summary) }
        return Localized(zh: parts[0], en: parts.dropFirst().joined(separator: " / "))
    }

    static func slug(_ path: String) -> String {
        String(path.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }
}

/// `GET /api/v1/docs`: the API reference, rendered on the server from the OpenAPI document (no JavaScript).
struct APIReferencePage {
    let language: DisplayLanguage
    let reference: APIReference

    private func t(_ text: Localized) -> String { text.text(language) }

    private enum S {
        static let title = Localized(zh: "接口参考", en: "API reference")
        static let intro = Localized(
            zh: "本页由 OpenAPI 文档生成，机器可读的版本见",
            en: "This page is rendered from the OpenAPI document; the machine-readable version is")
        static let operations = Localized(zh: "接口", en: "Operations")
        static let schemas = Localized(zh: "数据结构", en: "Schemas")
        static let parameters = Localized(zh: "参数", en: "Parameters")
        static let body = Localized(zh: "请求体", en: "Request body")
        static let responses = Localized(zh: "响应", en: "Responses")
        static let name = Localized(zh: "名称", en: "Name")
        static let location = Localized(zh: "位置", en: "In")
        static let type = Localized(zh: "类型", en: "Type")
        static let required = Localized(zh: "必填", en: "Required")
        static let yes = Localized(zh: "是", en: "yes")
        static let no = Localized(zh: "否", en: "no")
        static let status = Localized(zh: "状态码", en: "Status")
        static let content = Localized(zh: "内容类型", en: "Content type")
        static let description = Localized(zh: "说明", en: "Description")
        static let token = Localized(zh: "需要 Bearer 令牌", en: "Needs a Bearer token")
        static let noToken = Localized(zh: "无需令牌", en: "No token needed")
        static let values = Localized(zh: "取值", en: "Values")
        static let closed = Localized(zh: "响应中不会出现未列出的字段。", en: "Responses carry no other fields.")
        static let fieldNote = Localized(
            zh: "没有值的字段不出现在响应中。", en: "Fields without a value are left out of responses.")
    }

    func render() -> String {
        let names = Set(reference.schemas.map(\.name))
        return Layout(title: t(S.title), language: language, path: OpenAPIController.docsPath).render {
            H1(t(S.title) + " · " + reference.title + " v" + reference.version)
            Paragraph {
                Text(t(S.intro) + " ")
                Link(OpenAPIController.documentPath, url: OpenAPIController.documentPath)
                Text(language == .zhHans ? "。" : ".")
            }
            Paragraph(reference.description)
            H2(t(S.operations))
            Element(name: "ul") {
                for operation in reference.operations {
                    ListItem {
                        Link(url: "#" + Widgets.escapeAttribute(operation.anchor)) {
                            Element(name: "code") { Text(operation.method + " " + operation.path) }
                            Text(" " + t(operation.summary))
                        }
                    }
                }
            }
            for operation in reference.operations {
                section(operation, names: names)
            }
            H2(t(S.schemas)).id("schemas")
            Paragraph(t(S.fieldNote))
            for schema in reference.schemas {
                section(schema, names: names)
            }
        }
    }

    private func section(_ operation: APIReference.Operation, names: Set<String>) -> any Component {
        Element(name: "section") {
            H3 {
                Element(name: "code") { Text(operation.method + " " + operation.path) }
                Text(" " + t(operation.summary))
            }
            Paragraph(t(operation.needsToken ? S.token : S.noToken))
            if let description = operation.description { Paragraph(description) }
            if !operation.parameters.isEmpty {
                H4(t(S.parameters))
                Table(
                    header: TableRow {
                        TableHeaderCell(t(S.name))
                        TableHeaderCell(t(S.location))
                        TableHeaderCell(t(S.type))
                        TableHeaderCell(t(S.required))
                        TableHeaderCell(t(S.description))
                    }
                ) {
                    for parameter in operation.parameters {
                        TableRow {
                            TableCell { Element(name: "code") { Text(parameter.name) } }
                            TableCell(parameter.location)
                            TableCell { typeLink(parameter.type, names: names) }
                            TableCell(t(parameter.required ? S.yes : S.no))
                            TableCell(parameter.description)
                        }
                    }
                }.class("definitions")
            }
            if !operation.bodyContentTypes.isEmpty {
                H4(t(S.body))
                Paragraph {
                    Element(name: "code") { Text(operation.bodyContentTypes.joined(separator: ", ")) }
                    if let type = operation.bodyType {
                        Text(" ")
                        typeLink(type, names: names)
                    }
                }
            }
            H4(t(S.responses))
            Table(
                header: TableRow {
                    TableHeaderCell(t(S.status))
                    TableHeaderCell(t(S.description))
                    TableHeaderCell(t(S.content))
                    TableHeaderCell(t(S.type))
                }
            ) {
                for response in operation.responses {
                    TableRow {
                        TableCell(response.status)
                        TableCell(response.description)
                        TableCell(response.contentTypes.joined(separator: ", "))
                        TableCell { response.type.map { typeLink($0, names: names) } ?? Text("") }
                    }
                }
            }.class("definitions")
        }.id(Widgets.escapeAttribute(operation.anchor))
    }

    private func section(_ schema: APIReference.Schema, names: Set<String>) -> any Component {
        Element(name: "section") {
            H3 { Element(name: "code") { Text(schema.name) } }
            if let description = schema.description { Paragraph(description) }
            if !schema.values.isEmpty {
                Paragraph {
                    Text(t(S.values) + ": ")
                    Element(name: "code") { Text(schema.values.joined(separator: " | ")) }
                }
            }
            if !schema.properties.isEmpty {
                Table(
                    header: TableRow {
                        TableHeaderCell(t(S.name))
                        TableHeaderCell(t(S.type))
                        TableHeaderCell(t(S.required))
                        TableHeaderCell(t(S.description))
                    }
                ) {
                    for property in schema.properties {
                        TableRow {
                            TableCell { Element(name: "code") { Text(property.name) } }
                            TableCell { typeLink(property.type, names: names) }
                            TableCell(t(property.required ? S.yes : S.no))
                            TableCell(property.description)
                        }
                    }
                }.class("definitions")
                if schema.closed { Paragraph(t(S.closed)) }
            }
        }.id("schema-" + Widgets.escapeAttribute(schema.name))
    }

    /// A type, linked to its schema when it names one (`CaseResource`, `array of CaseState`).
    private func typeLink(_ type: String, names: Set<String>) -> any Component {
        let prefix = "array of "
        let inner = type.hasPrefix(prefix) ? String(type.dropFirst(prefix.count)) : type
        guard names.contains(inner) else { return Text(type) }
        return ComponentGroup {
            if type.hasPrefix(prefix) { Text(prefix) }
            Link(inner, url: "#schema-" + Widgets.escapeAttribute(inner))
        }
    }
}
