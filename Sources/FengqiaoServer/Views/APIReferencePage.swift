import FengqiaoCore
import Foundation
import OpenAPIKit
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

    /// Reads the document with OpenAPIKit; a document it cannot read gives an empty reference (the tests make sure it
    /// reads and validates).
    init(json: String) {
        guard let document = try? JSONDecoder().decode(OpenAPI.Document.self, from: Data(json.utf8)) else {
            self.init(title: "", version: "", description: "", operations: [], schemas: [])
            return
        }
        self.init(document)
    }

    private init(title: String, version: String, description: String, operations: [Operation], schemas: [Schema]) {
        self.title = title
        self.version = version
        self.description = description
        self.operations = operations
        self.schemas = schemas
    }

    init(_ document: OpenAPI.Document) {
        let components = document.components
        func typeText(_ either: Either<OpenAPI.Reference<JSONSchema>, JSONSchema>?) -> String? {
            switch either {
            case .a(let reference): reference.name ?? reference.absoluteString
            case .b(let schema): Self.typeText(schema)
            case nil: nil
            }
        }
        var operations: [Operation] = []
        for (path, item) in document.paths.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard let item = item.pathItemValue else { continue }
            for endpoint in item.endpoints {
                let operation = endpoint.operation
                let parameters = operation.parameters.compactMap { try? components.lookup($0) }.map { parameter in
                    Parameter(
                        name: parameter.name, location: parameter.location.rawValue, required: parameter.required,
                        type: typeText(parameter.schemaOrContent.schemaContextValue?.schema) ?? "any",
                        description: parameter.description ?? "")
                }
                let body = operation.requestBody.flatMap { try? components.lookup($0) }
                let responses = operation.responses.sorted(by: { $0.key.rawValue < $1.key.rawValue }).map {
                    status, either in
                    let response = try? components.lookup(either)
                    let content = response?.content ?? [:]
                    return Response(
                        status: status.rawValue, description: response?.description ?? "",
                        contentTypes: content.keys.map(\.rawValue).sorted(),
                        type: content.values.compactMap { $0.contentValue?.schema }.first.map(Self.typeText))
                }
                operations.append(
                    Operation(
                        method: endpoint.method.rawValue, path: path.rawValue,
                        summary: Self.split(operation.summary ?? ""), description: operation.description,
                        needsToken: !(operation.security ?? document.security).isEmpty, parameters: parameters,
                        bodyContentTypes: (body?.content.keys).map { $0.map(\.rawValue).sorted() } ?? [],
                        bodyType: body?.content.values.compactMap { $0.contentValue?.schema }.first.map(Self.typeText),
                        responses: responses))
            }
        }
        let schemas = components.schemas.sorted(by: { $0.key.rawValue < $1.key.rawValue }).map { name, schema in
            var properties: [Property] = []
            var closed = false
            if case .object(_, let object) = schema.value {
                let required = Set(object.requiredProperties)
                properties = object.properties.sorted(by: { $0.key < $1.key }).map { key, property in
                    Property(
                        name: key, type: Self.typeText(property), required: required.contains(key),
                        description: property.description ?? "")
                }
                closed = object.additionalProperties?.booleanValue == false
            }
            return Schema(
                name: name.rawValue, description: schema.description,
                values: (schema.allowedValues ?? []).map { "\($0.value)" }, properties: properties, closed: closed)
        }
        self.init(
            title: document.info.title, version: document.info.version, description: document.info.description ?? "",
            operations: operations, schemas: schemas)
    }

    /// A schema in a few words: `CaseResource`, `array of CaseState`, `string (date-time)`, `"a" | "b"`.
    static func typeText(_ schema: JSONSchema) -> String {
        if let values = schema.allowedValues { return values.map { "\($0.value)" }.joined(separator: " | ") }
        var bounds: [String] = []
        let text: String
        switch schema.value {
        case .reference(let reference, _):
            return reference.name ?? reference.absoluteString
        case .array(_, let array):
            return "array of " + (array.items.map(typeText) ?? "any")
        case .string(_, let string):
            text = "string" + (schema.formatString.map { " (\($0))" } ?? "") + (string.pattern.map { " \($0)" } ?? "")
            if let maximum = string.maxLength { bounds.append("≤ \(maximum) chars") }
        case .integer(_, let integer):
            text = "integer" + (schema.formatString.map { " (\($0))" } ?? "")
            if let minimum = integer.minimum { bounds.append("≥ \(minimum.value)") }
            if let maximum = integer.maximum { bounds.append("≤ \(maximum.value)") }
        case .number(_, let number):
            text = "number" + (schema.formatString.map { " (\($0))" } ?? "")
            if let minimum = number.minimum { bounds.append("≥ \(minimum.value)") }
            if let maximum = number.maximum { bounds.append("≤ \(maximum.value)") }
        default:
            text = schema.jsonType.map { "\($0.rawValue)" } ?? "any"
        }
        return bounds.isEmpty ? text : text + ", " + bounds.joined(separator: ", ")
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
