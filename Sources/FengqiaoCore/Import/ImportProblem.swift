/// Why one record of an import file did not become a case. Never repeats a phone or ID number back: the column is
/// named instead.
public enum ImportProblem: Sendable, Equatable {
    /// The row has another number of fields than the header.
    case columnCount(expected: Int, found: Int)
    /// A value the format needs is empty or absent (the column's header as the file names it).
    case missing(column: String)
    case tooLong(column: String, maximum: Int)
    /// A JSON value that is neither text nor a number.
    case notText(column: String)
    case badDate(column: String, value: String)
    /// More than a day after the import ran: a typo in the year, most likely.
    case futureDate(column: String)
    case unknownRegion(code: String)
    case badPhone(column: String)
    case badIDNumber(column: String)
    /// The intake itself is invalid (`Intake.validate`).
    case intake(IntakeProblem)
    /// The platform refused to register it (e.g. a retired category): the error's code and message.
    case refused(code: String, message: Localized)

    public var message: Localized {
        switch self {
        case .columnCount(let expected, let found):
            Localized(zh: "应有\(expected)列，实有\(found)列。", en: "\(found) fields where the header has \(expected).")
        case .missing(let column):
            Localized(zh: "缺少“\(column)”。", en: "\(column) is missing.")
        case .tooLong(let column, let maximum):
            Localized(zh: "“\(column)”超过\(maximum)个字符。", en: "\(column) is longer than \(maximum) characters.")
        case .notText(let column):
            Localized(zh: "“\(column)”应为文字或数字。", en: "\(column) must be text or a number.")
        case .badDate(let column, let value):
            Localized(
                zh: "“\(column)”的日期“\(value)”无法识别：应为 2025-03-01 或 2025-03-01 09:30。",
                en: "\(column): the date \"\(value)\" is not understood; write 2025-03-01 or 2025-03-01 09:30.")
        case .futureDate(let column):
            Localized(zh: "“\(column)”晚于今天。", en: "\(column) is later than today.")
        case .unknownRegion(let code):
            Localized(zh: "区划或网格代码“\(code)”不存在。", en: "No region or grid with code \"\(code)\".")
        case .badPhone(let column):
            Localized(
                zh: "“\(column)”的电话号码格式不正确：应为7至20位数字，可含“+”和“-”。",
                en: "\(column): the phone number must be 7 to 20 digits; + and - are allowed.")
        case .badIDNumber(let column):
            Localized(
                zh: "“\(column)”的身份证号码格式不正确：应为15位数字，或17位数字加1位数字或X。",
                en: "\(column): the ID number must be 15 digits, or 17 digits and a digit or X.")
        case .intake(let problem):
            problem.message
        case .refused(_, let message):
            message
        }
    }
}

/// One record that was not imported: where it is in the file, its source id if it has one, and why.
public struct ImportRefusal: Error, Sendable, Equatable {
    /// The line of the file the record starts on (1-based; a CSV file's header is line 1).
    public var line: Int
    public var sourceReference: String?
    public var problem: ImportProblem

    public init(line: Int, sourceReference: String?, problem: ImportProblem) {
        self.line = line
        self.sourceReference = sourceReference
        self.problem = problem
    }

    public var message: Localized {
        let reference = sourceReference.map { "（\($0)）" } ?? ""
        let referenceEn = sourceReference.map { " (\($0))" } ?? ""
        return Localized(
            zh: "第\(line)行\(reference)：\(problem.message.zh)", en: "Line \(line)\(referenceEn): \(problem.message.en)")
    }
}

/// The file as a whole cannot be read: nothing is imported.
public enum ImportFileError: UserFacingError, Equatable {
    case unreadable(path: String)
    case notUTF8
    case unknownType(String)
    case csv(line: Int, reason: Localized)
    case json(reason: String)
    case noRecords
    case missingColumns([String])

    public var code: String {
        switch self {
        case .unreadable: "import.unreadable"
        case .notUTF8: "import.not_utf8"
        case .unknownType: "import.unknown_type"
        case .csv: "import.bad_csv"
        case .json: "import.bad_json"
        case .noRecords: "import.no_records"
        case .missingColumns: "import.missing_columns"
        }
    }

    public var message: Localized {
        switch self {
        case .unreadable(let path):
            Localized(zh: "无法读取文件 \(path)。", en: "Cannot read the file \(path).")
        case .notUTF8:
            Localized(
                zh: "文件既不是 UTF-8 也不是 GB18030（GBK）编码，无法读取。请在导出或另存时选择“CSV UTF-8”。",
                en: "The file is neither UTF-8 nor GB18030 (GBK). Export or save it as \"CSV UTF-8\".")
        case .unknownType(let name):
            Localized(
                zh: "无法判断“\(name)”是 CSV 还是 JSON：请用 .csv 或 .json 扩展名，或加 --type csv|json。",
                en: "Cannot tell whether \"\(name)\" is CSV or JSON: name it .csv or .json, or add --type csv|json.")
        case .csv(let line, let reason):
            Localized(zh: "CSV 第\(line)行格式错误：\(reason.zh)", en: "CSV line \(line) is malformed: \(reason.en)")
        case .json(let reason):
            Localized(
                zh: "JSON 格式错误：应为对象数组，或含 records 数组的对象（\(reason)）。",
                en: "Malformed JSON: expected an array of objects or an object with a records array (\(reason)).")
        case .noRecords:
            Localized(zh: "文件中没有记录。", en: "The file holds no records.")
        case .missingColumns(let columns):
            Localized(
                zh: "文件缺少必需的列：\(columns.joined(separator: "、"))。",
                en: "The file lacks required columns: \(columns.joined(separator: ", ")).")
        }
    }
}
