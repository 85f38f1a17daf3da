import Foundation

/// A small RFC 4180 reader for the files other systems export: a header row, then one record per row. Fields may be
/// quoted ("…"), a quote inside a quoted field is doubled (""), a quoted field may span lines; rows end with LF or
/// CRLF (a lone CR too); a UTF-8 byte-order mark before the header is dropped. Blank rows are skipped.
public struct CSVTable: Sendable, Equatable {
    /// One record and the line of the file it starts on (1-based; the header is line 1).
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    public var header: [String]
    public var rows: [Row]

    /// Parses `text`. Throws `ImportFileError.csv` for a quote left open at the end of the file or text after a
    /// closing quote, naming the line.
    public static func parse(_ text: String) throws(ImportFileError) -> CSVTable {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var rows: [Row] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var rowLine = 1
        var quoted = false
        var afterQuote = false
        var index = scalars.startIndex

        func endRow() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(line: rowLine, fields: fields)) }
            fields = []
        }

        while index < scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            if quoted {
                if scalar == "\"" {
                    if index < scalars.endIndex && scalars[index] == "\"" {
                        field.append("\"")
                        index = scalars.index(after: index)
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    if scalar == "\n" || (scalar == "\r" && (index == scalars.endIndex || scalars[index] != "\n")) {
                        line += 1
                    }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
                afterQuote = false
            case "\r", "\n":
                if scalar == "\r" && index < scalars.endIndex && scalars[index] == "\n" {
                    index = scalars.index(after: index)
                }
                endRow()
                afterQuote = false
                line += 1
                rowLine = line
            case "\"" where field.isEmpty && !afterQuote:
                quoted = true
            default:
                if afterQuote {
                    throw .csv(line: line, reason: Localized(zh: "引号后还有多余字符。", en: "text after a closing quote."))
                }
                field.append(scalar)
            }
        }
        if quoted {
            throw .csv(line: rowLine, reason: Localized(zh: "引号没有闭合。", en: "a quote is not closed."))
        }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        guard let first = rows.first else { return CSVTable(header: [], rows: []) }
        return CSVTable(header: first.fields, rows: Array(rows.dropFirst()))
    }

    public init(header: [String], rows: [Row]) {
        self.header = header
        self.rows = rows
    }

    /// Writes one CSV row: a field holding a comma, a quote, CR or LF (or leading/trailing spaces) is quoted, its
    /// quotes doubled; rows end with CRLF as Excel expects.
    public static func row(_ fields: [String]) -> String {
        fields.map { field in
            let needsQuotes =
                field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
                || field.first == " " || field.last == " "
            return needsQuotes ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\r\n"
    }

    /// The characters that make a spreadsheet (Excel, WPS, LibreOffice) read a cell as a formula or a command when
    /// they start it (OWASP, "CSV Injection"): `=`, `+`, `-`, `@`, tab, carriage return and line feed, in their
    /// ASCII and full-width forms.
    static let formulaTriggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\n", "\r\n", "＝", "＋", "－", "＠"]

    /// A cell written for a spreadsheet: one that starts with a formula trigger gets a leading apostrophe, so it
    /// is shown as text (`-2+3+cmd|' /C calc'!A0` stays text; a negative number such as `-5` is shown as `'-5`).
    public static func spreadsheetSafe(_ cell: String) -> String {
        guard let first = cell.first, formulaTriggers.contains(first) else { return cell }
        return "'" + cell
    }

    /// `row`, with every field made `spreadsheetSafe`: what an export for people to open in a spreadsheet writes.
    public static func safeRow(_ fields: [String]) -> String {
        row(fields.map(spreadsheetSafe))
    }
}
