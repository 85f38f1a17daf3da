import FengqiaoCore
import Foundation
import Plot

/// The form controls and small pieces every workspace page uses: one place, so that every input has its label.
enum Widgets {
    /// The one attribute escaper. Plot writes attribute values raw (`name="value"`, unlike text nodes, which it
    /// escapes), so every non-literal attribute value (user text, codes typed by administrators, query parameters,
    /// URLs built from data) goes through here exactly once before it reaches an attribute; helpers that escape
    /// internally (`option`, `textField`, `csrf`, `Layout`'s title and language link) take the raw value.
    static func escapeAttribute(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    static func option(_ value: String, _ text: String, selected: Bool) -> any Component {
        Element(name: "option") { Text(text) }
            .attribute(named: "value", value: escapeAttribute(value), ignoreValueIfEmpty: false)
            .attribute(named: "selected", value: nil, ignoreValueIfEmpty: !selected)
    }

    /// A labelled `<select>`; `blank` adds a first, empty choice with that text.
    static func select(
        _ name: String, label: String, options: [(value: String, text: String)], selected: String? = nil,
        blank: String? = nil, required: Bool = false
    ) -> any Component {
        Label(label) {
            Element(name: "select") {
                if let blank { option("", blank, selected: selected == nil) }
                for item in options { option(item.value, item.text, selected: item.value == selected) }
            }
            .attribute(named: "name", value: name)
            .attribute(named: "id", value: "field-\(name)")
            .flag("required", required)
        }
    }

    /// A labelled enum choice: every case with its localised name.
    static func choice<T: CaseIterable & RawRepresentable>(
        _ name: String, label: String, _ type: T.Type, language: DisplayLanguage, selected: T? = nil,
        blank: String? = nil, required: Bool = true, text: (T) -> Localized
    ) -> any Component where T.RawValue == String {
        select(
            name, label: label, options: T.allCases.map { ($0.rawValue, text($0).text(language)) },
            selected: selected?.rawValue, blank: blank, required: required)
    }

    static func textArea(_ name: String, label: String, required: Bool = true, value: String = "") -> any Component {
        Label(label) {
            TextArea(text: value, name: name)
                .attribute(named: "id", value: "field-\(name)")
                .attribute(named: "rows", value: "3")
                .flag("required", required)
        }
    }

    static func textField(
        _ name: String, label: String, type: HTMLInputType = .text, required: Bool = false, value: String? = nil
    ) -> any Component {
        Label(label) {
            Input(type: type, name: name, value: value.map(escapeAttribute), isRequired: required)
                .attribute(named: "id", value: "field-\(name)")
        }
    }

    /// Hidden CSRF token for a form (escaped: before sign-in it comes from a cookie the browser sent).
    static func csrf(_ token: String) -> any Component {
        Input(type: .hidden, name: CSRF.fieldName, value: escapeAttribute(token))
    }

    /// A `<dl>` of label/value pairs; empty values are left out.
    static func facts(_ rows: [(String, String?)]) -> any Component {
        Element(name: "dl") {
            for (label, value) in rows {
                if let value, !value.isEmpty {
                    Element(name: "dt") { Text(label) }
                    Element(name: "dd") { Text(value) }
                }
            }
        }.class("facts")
    }

    /// A table with a header row; `rows` are already-rendered cells.
    static func table(_ headers: [String], _ rows: [[any Component]], caption: String? = nil) -> any Component {
        Div {
            Element(name: "table") {
                if let caption { Element(name: "caption") { Text(caption) } }
                Element(name: "thead") {
                    Element(name: "tr") {
                        for header in headers {
                            Element(name: "th") { Text(header) }.attribute(named: "scope", value: "col")
                        }
                    }
                }
                Element(name: "tbody") {
                    for row in rows {
                        Element(name: "tr") {
                            for cell in row { Element(name: "td") { cell } }
                        }
                    }
                }
            }
        }.class("table-wrap")
    }

    /// "2026-11-23 17:30", China Standard Time.
    static func time(_ date: Date) -> any Component {
        Time(datetime: ISO8601DateFormatter().string(from: date)) { Text(ChinaTime.minute(date)) }
    }

    /// A coloured marker for a clock's level (the word is there too: colour is never the only signal).
    static func level(_ level: AlertLevel, _ text: String) -> any Component {
        Span(text).class("clock \(level.rawValue)")
    }
}

extension Component {
    /// A boolean attribute (`required`, `checked`, `open`…): present with its own name as value, or absent.
    func flag(_ name: String, _ on: Bool) -> any Component {
        attribute(named: name, value: on ? name : nil, ignoreValueIfEmpty: true)
    }
}

extension FengqiaoCore.Category {
    /// How a category reads in a list of choices and on a case: its domain and name ("社会民生 · 邻里纠纷"), never
    /// its code (the code is what forms send and the API takes).
    func label(_ language: DisplayLanguage) -> String {
        "\(domain.name.text(language)) · \(name.text(language))"
    }
}

extension Widgets {
    /// Text in which `backquoted` parts are what users type or copy as they are (paths, file names, environment
    /// variables, column codes): shown as code, marked translate="no" so that they are read as names, not words.
    static func richText(_ text: String) -> any Component {
        ComponentGroup(
            members: text.split(separator: "`", omittingEmptySubsequences: false).enumerated().map { index, part in
                index.isMultiple(of: 2)
                    ? Text(String(part)) as any Component
                    : Element(name: "code") { Text(String(part)) }.attribute(named: "translate", value: "no")
            })
    }
}
