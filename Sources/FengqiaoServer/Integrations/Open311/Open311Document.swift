import FengqiaoCore
import Foundation
import Hummingbird

/// The two formats of GeoReport v2, chosen by the resource's suffix (`services.json`, `requests/42.xml`).
enum Open311Format: String, Sendable, CaseIterable {
    case json
    case xml

    /// The HTTP content type, UTF-8 as the specification requires.
    var contentType: String {
        switch self {
        case .json: "application/json; charset=utf-8"
        case .xml: "text/xml; charset=utf-8"
        }
    }

    /// The MIME type as discovery lists it.
    var mediaType: String {
        switch self {
        case .json: "application/json"
        case .xml: "text/xml"
        }
    }

    /// Splits `services.json` into `services` and `.json`; nil without a known suffix.
    static func split(_ component: String) -> (name: String, format: Open311Format)? {
        guard let dot = component.lastIndex(of: "."),
            let format = Open311Format(rawValue: String(component[component.index(after: dot)...]).lowercased())
        else { return nil }
        return (String(component[..<dot]), format)
    }
}

/// One value of an Open311 answer, written as JSON or as XML from the same tree, so that both formats always carry
/// the same fields in the same order. Arrays name their XML elements (`<services><service>…`).
indirect enum Open311Value: Sendable, Equatable {
    case text(String?)
    case integer(Int)
    case number(Double?)
    case boolean(Bool)
    case object([(String, Open311Value)])
    case array(element: String, [Open311Value])

    static func == (lhs: Open311Value, rhs: Open311Value) -> Bool {
        switch (lhs, rhs) {
        case (.text(let a), .text(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.boolean(let a), .boolean(let b)): a == b
        case (.object(let a), .object(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        case (.array(let e1, let a), .array(let e2, let b)): e1 == e2 && a == b
        default: false
        }
    }
}

/// A whole answer: the XML root element's name and the value under it (JSON writes the value alone).
struct Open311Document: Sendable {
    let root: String
    let value: Open311Value

    func render(_ format: Open311Format) -> String {
        switch format {
        case .json:
            var out = ""
            Self.json(value, into: &out)
            return out
        case .xml:
            var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            Self.xml(element: root, value, into: &out)
            out += "\n"
            return out
        }
    }

    func response(_ format: Open311Format, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: format.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: render(format))))
    }

    // MARK: JSON

    private static func json(_ value: Open311Value, into out: inout String) {
        switch value {
        case .text(let text):
            if let text { jsonString(text, into: &out) } else { out += "null" }
        case .integer(let number):
            out += String(number)
        case .number(let number):
            if let number, number.isFinite { out += String(number) } else { out += "null" }
        case .boolean(let flag):
            out += flag ? "true" : "false"
        case .object(let fields):
            out += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { out += "," }
                jsonString(field.0, into: &out)
                out += ":"
                json(field.1, into: &out)
            }
            out += "}"
        case .array(_, let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                json(item, into: &out)
            }
            out += "]"
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped; everything else as UTF-8.
    static func jsonString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    // MARK: XML

    private static func xml(element name: String, _ value: Open311Value, into out: inout String) {
        switch value {
        case .text(let text):
            guard let text, !text.isEmpty else {
                out += "<\(name)/>"
                return
            }
            out += "<\(name)>" + escapeXML(text) + "</\(name)>"
        case .integer(let number):
            out += "<\(name)>\(number)</\(name)>"
        case .number(let number):
            if let number, number.isFinite { out += "<\(name)>\(number)</\(name)>" } else { out += "<\(name)/>" }
        case .boolean(let flag):
            out += "<\(name)>\(flag ? "true" : "false")</\(name)>"
        case .object(let fields):
            out += "<\(name)>"
            for (key, field) in fields { xml(element: key, field, into: &out) }
            out += "</\(name)>"
        case .array(let element, let items):
            guard !items.isEmpty else {
                out += "<\(name)/>"
                return
            }
            out += "<\(name)>"
            for item in items { xml(element: element, item, into: &out) }
            out += "</\(name)>"
        }
    }

    /// Text content or an attribute value: the five markup characters as entities, and characters XML 1.0 does not
    /// allow (most control characters, unpaired surrogates cannot occur in a Swift string) dropped.
    static func escapeXML(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = scalar.value
                let allowed =
                    v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
                    || (0x10000...0x10FFFF).contains(v)
                if allowed { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}

/// The errors answer of the specification: `[{"code": 404, "description": "…"}]`, or
/// `<errors><error><code>404</code><description>…</description></error></errors>`, with `code` the HTTP status.
struct Open311Error: Error, Sendable {
    let status: HTTPResponse.Status
    let descriptions: [String]

    init(_ status: HTTPResponse.Status, _ description: String) {
        self.status = status
        self.descriptions = [description]
    }

    init(_ status: HTTPResponse.Status, _ message: Localized) {
        self.init(status, message.zh + " / " + message.en)
    }

    var document: Open311Document {
        Open311Document(
            root: "errors",
            value: .array(
                element: "error",
                descriptions.map { .object([("code", .integer(Int(status.code))), ("description", .text($0))]) }))
    }
}
