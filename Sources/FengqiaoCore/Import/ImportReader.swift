import Foundation

/// CSV or JSON.
public enum ImportFileType: String, CaseIterable, Sendable, Codable {
    case csv
    case json

    /// From the file name's extension; otherwise from the first character of the content (`[` or `{`: JSON).
    public static func detect(fileName: String, data: Data) throws(ImportFileError) -> ImportFileType {
        let name = fileName.lowercased()
        if name.hasSuffix(".csv") { return .csv }
        if name.hasSuffix(".json") { return .json }
        let first = data.first { !(" \t\r\n".utf8.contains($0)) }
        if first == UInt8(ascii: "[") || first == UInt8(ascii: "{") { return .json }
        throw .unknownType(fileName)
    }
}

/// One record of an import file: the line it starts on and its values by field (blank values left out).
public struct ImportRecord: Sendable, Equatable {
    public var line: Int
    public var values: [ImportField: String]
    /// A problem found while reading (a row with too few or too many fields, a JSON value that is not text).
    public var problem: ImportProblem?

    public init(line: Int, values: [ImportField: String], problem: ImportProblem? = nil) {
        self.line = line
        self.values = values
        self.problem = problem
    }
}

/// Reads an export file into records of one format. Columns the format does not know are ignored.
public enum ImportReader {
    public static func read(
        _ data: Data, as type: ImportFileType, format: ImportFormat
    ) throws(ImportFileError) -> [ImportRecord] {
        guard let text = decode(data) else { throw .notUTF8 }
        switch type {
        case .csv: return try readCSV(text, format: format)
        case .json: return try readJSON(Data(text.utf8), text: text, format: format)
        }
    }

    /// GB18030: what Chinese Excel and WPS write for "CSV" by default, and what many hotline systems export.
    public static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// An export file's text: UTF-8 (a byte-order mark dropped), else GB18030; nil when it is neither.
    public static func decode(_ data: Data) -> String? {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        return String(data: data, encoding: gb18030)
    }

    static func readCSV(_ text: String, format: ImportFormat) throws(ImportFileError) -> [ImportRecord] {
        let table = try CSVTable.parse(text)
        guard !table.header.isEmpty else { throw .noRecords }
        var indexOf: [ImportField: Int] = [:]
        for column in format.columns {
            if let index = table.header.firstIndex(where: column.matches) { indexOf[column.field] = index }
        }
        let missing = format.columns.filter { $0.required && indexOf[$0.field] == nil }.map(\.header)
        guard missing.isEmpty else { throw .missingColumns(missing) }
        return table.rows.map { row in
            var values: [ImportField: String] = [:]
            for (field, index) in indexOf where index < row.fields.count {
                let value = row.fields[index].trimmingWhitespace
                if !value.isEmpty { values[field] = value }
            }
            let problem: ImportProblem? =
                row.fields.count == table.header.count
                ? nil : .columnCount(expected: table.header.count, found: row.fields.count)
            return ImportRecord(line: row.line, values: values, problem: problem)
        }
    }

    static func readJSON(_ data: Data, text: String, format: ImportFormat) throws(ImportFileError) -> [ImportRecord] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw .json(reason: "\(error.localizedDescription)")
        }
        let objects: [Any]
        let elementDepth: Int
        if let array = parsed as? [Any] {
            objects = array
            elementDepth = 1
        } else if let wrapper = parsed as? [String: Any], let array = wrapper["records"] as? [Any] {
            objects = array
            elementDepth = 2
        } else {
            throw .json(reason: "no array")
        }
        let lines = objectLines(in: data, depth: elementDepth)
        var records: [ImportRecord] = []
        for (index, element) in objects.enumerated() {
            guard let object = element as? [String: Any] else { throw .json(reason: "element \(index + 1)") }
            let line = lines.count == objects.count ? lines[index] : index + 1
            var values: [ImportField: String] = [:]
            var problem: ImportProblem?
            for column in format.columns {
                guard let key = object.keys.first(where: column.matches), let value = object[key] else { continue }
                switch value {
                case let text as String:
                    let trimmed = text.trimmingWhitespace
                    if !trimmed.isEmpty { values[column.field] = trimmed }
                case let number as NSNumber:
                    values[column.field] = number.stringValue
                case is NSNull:
                    break
                default:
                    problem = problem ?? .notText(column: key)
                }
            }
            records.append(ImportRecord(line: line, values: values, problem: problem))
        }
        return records
    }

    /// The line each object at `depth` (1: the top array's elements) starts on, scanning the bytes once.
    static func objectLines(in data: Data, depth target: Int) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        for byte in data {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if byte == UInt8(ascii: "{") && depth == target { lines.append(line) }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return lines
    }
}
