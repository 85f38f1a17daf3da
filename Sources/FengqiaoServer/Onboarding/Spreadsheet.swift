import FengqiaoCore
import Foundation
import ZIPFoundation

/// A worksheet as rows of text: what `XLSXReader` reads and `XLSXWriter` writes.
struct Worksheet: Sendable, Equatable {
    var name: String
    /// Rows by their row number (1-based) and their cells from column A, gaps filled with "".
    var rows: [CSVTable.Row]
}

/// The few parts of XML that an `.xlsx` file's parts use: elements, attributes, text, the five entities and
/// character references; comments, processing instructions and CDATA are handled. Not a general XML parser.
struct XMLScanner {
    enum Token: Equatable {
        case open(name: String, attributes: [String: String], selfClosing: Bool)
        case close(name: String)
        case text(String)
    }

    static func tokens(_ data: Data) -> [Token] {
        let text = String(decoding: data, as: UTF8.self)
        var tokens: [Token] = []
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "<" {
                if text[index...].hasPrefix("<![CDATA[") {
                    let start = text.index(index, offsetBy: 9)
                    let end = text.range(of: "]]>", range: start..<text.endIndex)
                    tokens.append(.text(String(text[start..<(end?.lowerBound ?? text.endIndex)])))
                    index = end?.upperBound ?? text.endIndex
                    continue
                }
                if text[index...].hasPrefix("<!--") {
                    index = text.range(of: "-->", range: index..<text.endIndex)?.upperBound ?? text.endIndex
                    continue
                }
                guard let close = text[index...].firstIndex(of: ">") else { break }
                let inner = text[text.index(after: index)..<close]
                index = text.index(after: close)
                if inner.first == "?" || inner.first == "!" { continue }
                if inner.first == "/" {
                    tokens.append(.close(name: localName(inner.dropFirst().trimmingCharacters(in: .whitespaces))))
                    continue
                }
                let selfClosing = inner.last == "/"
                let body = selfClosing ? inner.dropLast() : inner
                let nameEnd = body.firstIndex(where: { $0.isWhitespace }) ?? body.endIndex
                tokens.append(
                    .open(
                        name: localName(String(body[..<nameEnd])), attributes: attributes(body[nameEnd...]),
                        selfClosing: selfClosing))
            } else {
                let end = text[index...].firstIndex(of: "<") ?? text.endIndex
                tokens.append(.text(unescape(text[index..<end])))
                index = end
            }
        }
        return tokens
    }

    /// "x:sheet" → "sheet": Excel writes no prefixes, other writers do.
    static func localName(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    static func attributes(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var rest = text
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].trimmingCharacters(in: .whitespacesAndNewlines)
            var after = rest[rest.index(after: equals)...].drop(while: \.isWhitespace)
            guard let quote = after.first, quote == "\"" || quote == "'" else { break }
            after = after.dropFirst()
            guard let end = after.firstIndex(of: quote) else { break }
            result[name] = unescape(after[..<end])
            rest = after[after.index(after: end)...]
        }
        return result
    }

    static func unescape(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var result = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semicolon) <= 10
            else {
                result += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp)..<semicolon]
            switch entity {
            case "lt": result += "<"
            case "gt": result += ">"
            case "amp": result += "&"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                let number: UInt32? =
                    entity.hasPrefix("#x") || entity.hasPrefix("#X")
                    ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let number, let scalar = Unicode.Scalar(number) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += "&" + entity + ";"
                }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default:
                // Control characters other than tab and newlines are not allowed in XML 1.0.
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

enum SpreadsheetError: Error, Equatable {
    case notAnArchive
    case tooLarge
    case missingPart(String)
}

/// Reads the worksheets of an `.xlsx` workbook (Office Open XML, as Excel, WPS and LibreOffice save it): shared
/// strings, inline strings, numbers and booleans, by the sheet names of the workbook. A number is read back as its
/// digits (a phone number or a code stored as a number is 13800138000, not 1.38E+10); formulas give their cached
/// value.
enum XLSXReader {
    /// Uncompressed, all parts together: a county's structure is far smaller; a "zip bomb" stops here.
    static let maximumBytes: UInt64 = 50 * 1024 * 1024

    static func isZip(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    static func entries(_ data: Data) throws -> [String: Data] {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw SpreadsheetError.notAnArchive
        }
        var total: UInt64 = 0
        var parts: [String: Data] = [:]
        for entry in archive where entry.type == .file {
            total += entry.uncompressedSize
            guard total <= maximumBytes else { throw SpreadsheetError.tooLarge }
            var content = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { content.append($0) }
            } catch {
                throw SpreadsheetError.notAnArchive
            }
            parts[entry.path] = content
        }
        return parts
    }

    static func read(_ data: Data) throws -> [Worksheet] {
        try read(parts: entries(data))
    }

    static func read(parts: [String: Data]) throws -> [Worksheet] {
        guard let workbook = parts["xl/workbook.xml"] else { throw SpreadsheetError.missingPart("xl/workbook.xml") }
        var targets: [String: String] = [:]
        if let relations = parts["xl/_rels/workbook.xml.rels"] {
            for case .open("Relationship", let attributes, _) in XMLScanner.tokens(relations) {
                guard let id = attributes["Id"], let target = attributes["Target"] else { continue }
                targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        let shared = parts["xl/sharedStrings.xml"].map(sharedStrings) ?? []
        var sheets: [Worksheet] = []
        var number = 0
        for case .open("sheet", let attributes, _) in XMLScanner.tokens(workbook) {
            number += 1
            let name = attributes["name"] ?? "Sheet\(number)"
            let id = attributes["r:id"] ?? attributes.first { $0.key.hasSuffix(":id") }?.value
            let path = id.flatMap { targets[$0] } ?? "xl/worksheets/sheet\(number).xml"
            guard let part = parts[path] else { throw SpreadsheetError.missingPart(path) }
            sheets.append(Worksheet(name: name, rows: rows(part, shared: shared)))
        }
        return sheets
    }

    /// The shared strings: each `<si>`'s text runs joined; phonetic guides (`<rPh>`, furigana) left out.
    static func sharedStrings(_ data: Data) -> [String] {
        var strings: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        for token in XMLScanner.tokens(data) {
            switch token {
            case .open("si", _, let selfClosing):
                current = ""
                if selfClosing { strings.append("") }
            case .close("si"): strings.append(current)
            case .open("rPh", _, false): phonetic += 1
            case .close("rPh"): phonetic -= 1
            case .open("t", _, let selfClosing): inText = !selfClosing
            case .close("t"): inText = false
            case .text(let text) where inText && phonetic == 0: current += text
            default: break
            }
        }
        return strings
    }

    static func rows(_ data: Data, shared: [String]) -> [CSVTable.Row] {
        var rows: [CSVTable.Row] = []
        var rowNumber = 0
        var cells: [Int: String] = [:]
        var cellColumn = 0
        var cellType = "n"
        var value = ""
        var inValue = false
        var inInline = false
        var phonetic = 0
        var nextColumn = 0
        func finishRow() {
            guard let last = cells.keys.max() else { return }
            rows.append(CSVTable.Row(line: rowNumber, fields: (0...last).map { cells[$0] ?? "" }))
        }
        for token in XMLScanner.tokens(data) {
            switch token {
            case .open("row", let attributes, let selfClosing):
                rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
                cells = [:]
                nextColumn = 0
                if selfClosing { cells = [:] }
            case .close("row"):
                finishRow()
            case .open("c", let attributes, let selfClosing):
                cellColumn = attributes["r"].flatMap(columnIndex) ?? nextColumn
                nextColumn = cellColumn + 1
                cellType = attributes["t"] ?? "n"
                value = ""
                if selfClosing { cellType = "" }
            case .close("c"):
                let text: String
                switch cellType {
                case "s": text = Int(value).flatMap { $0 < shared.count ? shared[$0] : nil } ?? ""
                case "inlineStr", "str": text = value
                case "b": text = value == "1" ? "TRUE" : "FALSE"
                case "e": text = ""
                default: text = numberText(value)
                }
                if !text.isEmpty { cells[cellColumn] = text }
            case .open("v", _, let selfClosing): inValue = !selfClosing
            case .close("v"): inValue = false
            case .open("is", _, _): inInline = true
            case .close("is"): inInline = false
            case .open("rPh", _, false): phonetic += 1
            case .close("rPh"): phonetic -= 1
            case .open("t", _, let selfClosing): inValue = inInline && !selfClosing
            case .close("t"): inValue = false
            case .text(let text) where inValue && phonetic == 0: value += text
            default: break
            }
        }
        return rows
    }

    /// "B12" → 1.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.properties.isAlphabetic, scalar.isASCII else { break }
            index = index * 26 + Int(scalar.value & 0x1F)
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }

    /// A number cell's text: integral values as their digits ("1.3800138E10" → "13800138000"); others as written.
    static func numberText(_ raw: String) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return "" }
        if trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) { return trimmed }
        guard let decimal = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")) else { return trimmed }
        var rounded = Decimal()
        var copy = decimal
        NSDecimalRound(&rounded, &copy, 0, .plain)
        if rounded == decimal { return NSDecimalNumber(decimal: rounded).stringValue }
        // 12.5 stays 12.5; binary noise such as 0.30000000000000004 is cut to 15 significant digits.
        if let double = Double(trimmed) { return String(format: "%.15g", double) }
        return trimmed
    }
}

/// Writes a small `.xlsx` workbook: every cell an inline string (codes and phone numbers stay text when the
/// template is filled in), the first row bold and frozen.
enum XLSXWriter {
    static func write(_ sheets: [Worksheet]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count),
                modificationDate: Date(timeIntervalSince1970: 1_767_225_600), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let overrides = sheets.indices.map {
            "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        try add(
            "[Content_Types].xml",
            header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                + overrides + "</Types>")
        try add(
            "_rels/.rels",
            header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>")
        let sheetList = sheets.enumerated().map { index, sheet in
            "<sheet name=\"\(XMLScanner.escape(sheet.name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }.joined()
        try add(
            "xl/workbook.xml",
            header + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><sheets>\(sheetList)</sheets></workbook>"
        )
        let sheetRelations = sheets.indices.map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }.joined()
        try add(
            "xl/_rels/workbook.xml.rels",
            header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + sheetRelations
                + "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/>"
                + "</Relationships>")
        try add(
            "xl/styles.xml",
            header + "<styleSheet xmlns=\"\(main)\">"
                + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"宋体\"/></font>"
                + "<font><b/><sz val=\"11\"/><name val=\"宋体\"/></font></fonts>"
                + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
                + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
                + "<borders count=\"1\"><border/></borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
                + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
                + "</cellStyles></styleSheet>")
        for (index, sheet) in sheets.enumerated() {
            let width = sheet.rows.map(\.fields.count).max() ?? 1
            let columns = (0..<max(width, 1)).map {
                "<col min=\"\($0 + 1)\" max=\"\($0 + 1)\" width=\"22\" style=\"2\" customWidth=\"1\"/>"
            }.joined()
            let rows = sheet.rows.map { row in
                let cells = row.fields.enumerated().map { column, text in
                    let reference =
                        StructureTable(source: "", sheet: .regions, header: [], rows: [], lettered: true)
                        .columnReference(column) + "\(row.line)"
                    let style = row.line == 1 ? " s=\"1\"" : " s=\"2\""
                    return "<c r=\"\(reference)\"\(style) t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                        + XMLScanner.escape(text) + "</t></is></c>"
                }.joined()
                return "<row r=\"\(row.line)\">\(cells)</row>"
            }.joined()
            try add(
                "xl/worksheets/sheet\(index + 1).xml",
                header + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(relationships)\">"
                    + "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" "
                    + "activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
                    + "<cols>\(columns)</cols><sheetData>\(rows)</sheetData></worksheet>")
        }
        guard let data = archive.data else { throw SpreadsheetError.notAnArchive }
        return data
    }

    /// A zip of files (the CSV templates).
    static func zip(_ files: [(name: String, data: Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: .utf8)
        for file in files {
            try archive.addEntry(
                with: file.name, type: .file, uncompressedSize: Int64(file.data.count),
                modificationDate: Date(timeIntervalSince1970: 1_767_225_600), compressionMethod: .deflate
            ) { position, size in
                file.data.subdata(in: Int(position)..<min(Int(position) + size, file.data.count))
            }
        }
        guard let data = archive.data else { throw SpreadsheetError.notAnArchive }
        return data
    }
}
