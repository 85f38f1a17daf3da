import Foundation

/// One sheet of an upload (an `.xlsx` worksheet or a CSV file) as rows of text.
public struct StructureTable: Sendable, Equatable {
    /// The file name (CSV) or "文件名 › 工作表" (xlsx), as problems name it.
    public var source: String
    public var sheet: StructureSheet
    public var header: [String]
    /// Rows after the header, with the line (CSV) or row number (xlsx) they start on.
    public var rows: [CSVTable.Row]
    /// Columns are named by letter (A, B, …) in a spreadsheet, by number in a CSV file.
    public var lettered: Bool

    public init(source: String, sheet: StructureSheet, header: [String], rows: [CSVTable.Row], lettered: Bool) {
        self.source = source
        self.sheet = sheet
        self.header = header
        self.rows = rows
        self.lettered = lettered
    }

    /// "B" for the second column of a spreadsheet, "2" in a CSV file.
    public func columnReference(_ index: Int) -> String {
        guard lettered else { return "\(index + 1)" }
        var number = index + 1
        var letters = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            number = (number - 1) / 26
        }
        return letters
    }
}

/// A problem of an upload, where it is: the file or sheet, the line (row) and the column, when it has them.
public struct StructureProblem: Sendable, Equatable, Codable {
    public var source: String
    public var line: Int?
    /// The column's header as the file writes it.
    public var column: String?
    /// "B" in a spreadsheet, "2" in a CSV file.
    public var columnReference: String?
    public var message: Localized

    public init(source: String, line: Int?, column: String?, columnReference: String?, message: Localized) {
        self.source = source
        self.line = line
        self.column = column
        self.columnReference = columnReference
        self.message = message
    }

    /// "区划.csv 第3行 第4列“上级代码”" / "区划.csv line 3, column 4 (上级代码)".
    public var location: Localized {
        var zh = source
        var en = source
        if let line {
            zh += " 第\(line)行"
            en += ", line \(line)"
        }
        if let column {
            let reference = columnReference ?? ""
            let lettered = reference.first?.isLetter == true
            zh += lettered ? " \(reference)列“\(column)”" : " 第\(reference)列“\(column)”"
            en += ", column \(reference) (\(column))"
        }
        return Localized(zh: zh, en: en)
    }

    /// The location and the message: one line of a report.
    public var text: Localized {
        Localized(zh: location.zh + "：" + message.zh, en: location.en + ": " + message.en)
    }
}

/// What the database already holds, as `StructureImport` compares against it: regions by code, organisations by
/// name and region code, users by username, mediators by name and organisation.
public struct ExistingStructure: Sendable, Equatable {
    /// A role grant as the structure names it (organisation key, jurisdiction code).
    public typealias Grant = CountyStructure.GrantSpec

    public struct User: Sendable, Equatable {
        public var username: String
        public var displayName: String
        public var phone: String?
        public var grants: Set<Grant>

        public init(username: String, displayName: String, phone: String?, grants: Set<Grant>) {
            self.username = username
            self.displayName = displayName
            self.phone = phone
            self.grants = grants
        }
    }

    public var regions: [String: CountyStructure.RegionSpec]
    public var organisations: [String: CountyStructure.OrganisationSpec]
    public var users: [String: User]
    /// By `StructureImport.mediatorKey`.
    public var mediators: [String: CountyStructure.MediatorSpec]

    public init(
        regions: [String: CountyStructure.RegionSpec] = [:],
        organisations: [String: CountyStructure.OrganisationSpec] = [:], users: [String: User] = [:],
        mediators: [String: CountyStructure.MediatorSpec] = [:]
    ) {
        self.regions = regions
        self.organisations = organisations
        self.users = users
        self.mediators = mediators
    }
}

/// The outcome of validating an upload: what would be added (a `CountyStructure` of the new rows only, parents
/// before children), how many rows are already there unchanged, the problems that stop it (apply only when there
/// are none) and the notices that do not (rows already there with other values: left as they are).
public struct StructurePlan: Sendable, Equatable {
    public var additions: CountyStructure
    public var unchanged: [StructureSheet: Int]
    public var problems: [StructureProblem]
    public var notices: [StructureProblem]

    public var canApply: Bool { problems.isEmpty }
    public var changesNothing: Bool {
        additions.regions.isEmpty && additions.organisations.isEmpty && additions.users.isEmpty
            && additions.mediators.isEmpty
    }

    public func added(_ sheet: StructureSheet) -> Int {
        switch sheet {
        case .regions: additions.regions.filter { $0.level != .grid }.count
        case .grids: additions.regions.filter { $0.level == .grid }.count
        case .organisations: additions.organisations.count
        case .users: additions.users.count
        case .mediators: additions.mediators.count
        }
    }

    /// "新增：区划 3、网格 10…；已有未变：…" for the report's head.
    public var summary: Localized {
        let sheets = StructureSheet.allCases
        let new = sheets.map { "\($0.title.zh) \(self.added($0))" }.joined(separator: "、")
        let newEN = sheets.map { "\(self.added($0)) \($0.title.en.lowercased())" }.joined(separator: ", ")
        let same = sheets.map { "\($0.title.zh) \(unchanged[$0] ?? 0)" }.joined(separator: "、")
        let sameEN = sheets.map { "\(unchanged[$0] ?? 0) \($0.title.en.lowercased())" }.joined(separator: ", ")
        return Localized(zh: "新增：\(new)；已有且相同：\(same)。", en: "New: \(newEN); already there: \(sameEN).")
    }
}

/// Validates a whole upload against itself and the database (docs/ONBOARDING.md) and plans what to add: every
/// problem found, by file, line and column; nothing is partly applied.
public struct StructureImport: Sendable {
    public var existing: ExistingStructure
    /// The region codes of the administrator's jurisdiction (nil: no limit, the command line). Every row must lie
    /// in it: new regions under a region in it, organisations, jurisdictions and mediators' organisations in it.
    public var scope: Set<String>?

    public init(existing: ExistingStructure, scope: Set<String>? = nil) {
        self.existing = existing
        self.scope = scope
    }

    public static func organisationKey(name: String, regionCode: String) -> String { regionCode + "/" + name }
    public static func mediatorKey(name: String, organisationKey: String) -> String { organisationKey + "#" + name }

    /// One row's cells by field, and where each came from.
    struct Record {
        var table: StructureTable
        var line: Int
        var values: [StructureField: String]
        var columns: [StructureField: Int]

        subscript(field: StructureField) -> String? { values[field] }
    }

    struct Collector {
        var problems: [StructureProblem] = []
        var notices: [StructureProblem] = []

        mutating func problem(_ record: Record, _ field: StructureField?, _ message: Localized) {
            problems.append(Self.make(record, field, message))
        }

        mutating func notice(_ record: Record, _ field: StructureField?, _ message: Localized) {
            notices.append(Self.make(record, field, message))
        }

        static func make(_ record: Record, _ field: StructureField?, _ message: Localized) -> StructureProblem {
            let index = field.flatMap { record.columns[$0] }
            return StructureProblem(
                source: record.table.source, line: record.line,
                column: index.map { record.table.header[$0].trimmingWhitespace }
                    ?? field.flatMap { f in record.table.sheet.columns.first { $0.field == f }?.header },
                columnReference: index.map(record.table.columnReference), message: message)
        }
    }

    public func plan(_ tables: [StructureTable]) -> StructurePlan {
        var out = Collector()
        var records: [StructureSheet: [Record]] = [:]
        for table in tables {
            records[table.sheet, default: []] += read(table, &out)
        }
        var unchanged: [StructureSheet: Int] = [:]
        let regions = planRegions(
            (records[.regions] ?? []) + (records[.grids] ?? []), &out, &unchanged)
        var this = self
        this.scopeCodes = regions.inScope
        let organisations = this.planOrganisations(
            records[.organisations] ?? [], regions: regions, &out, &unchanged)
        let users = this.planUsers(
            records[.users] ?? [], regions: regions, organisations: organisations, &out, &unchanged)
        let mediators = this.planMediators(
            records[.mediators] ?? [], organisations: organisations, users: users, &out, &unchanged)
        let additions = CountyStructure(
            regions: regions.added, organisations: organisations.added, users: users.added, mediators: mediators)
        return StructurePlan(additions: additions, unchanged: unchanged, problems: out.problems, notices: out.notices)
    }

    // MARK: Reading

    func read(_ table: StructureTable, _ out: inout Collector) -> [Record] {
        var columns: [StructureField: Int] = [:]
        for column in table.sheet.columns {
            if let index = table.header.firstIndex(where: column.matches) { columns[column.field] = index }
        }
        let head = Record(table: table, line: 1, values: [:], columns: [:])
        for column in table.sheet.columns where column.required && columns[column.field] == nil {
            out.problem(
                head, nil,
                Localized(
                    zh: "缺少“\(column.header)”列（表头应与模板一致）。",
                    en: "The column \(column.header) is missing (the header row must follow the template)."))
        }
        for (index, header) in table.header.enumerated()
        where !header.trimmingWhitespace.isEmpty && !columns.values.contains(index) {
            out.notices.append(
                StructureProblem(
                    source: table.source, line: 1, column: header.trimmingWhitespace,
                    columnReference: table.columnReference(index),
                    message: Localized(zh: "模板中没有这一列，已忽略。", en: "The template has no such column; ignored.")))
        }
        return table.rows.compactMap { row in
            var values: [StructureField: String] = [:]
            for (field, index) in columns where index < row.fields.count {
                let value = row.fields[index].trimmingWhitespace
                if !value.isEmpty { values[field] = value }
            }
            return values.isEmpty ? nil : Record(table: table, line: row.line, values: values, columns: columns)
        }
    }

    func required(_ record: Record, _ field: StructureField, _ out: inout Collector) -> String? {
        if let value = record[field] { return value }
        out.problem(record, field, Localized(zh: "不能为空。", en: "must not be empty."))
        return nil
    }

    func inScope(_ code: String) -> Bool { scope.map { $0.contains(code) } ?? true }

    static let outOfScope = Localized(
        zh: "不在您的管辖范围内。", en: "lies outside your jurisdiction.")

    // MARK: Regions and grids

    struct RegionPlan {
        var added: [CountyStructure.RegionSpec] = []
        /// Every code of the upload and the database, with its level.
        var levels: [String: RegionLevel] = [:]
        /// Codes of the upload and the database that lie in the administrator's jurisdiction.
        var inScope: Set<String> = []
        /// Each known code's parent code.
        var parents: [String: String] = [:]

        /// `code` is `ancestor` or lies below it.
        func isWithin(_ code: String, _ ancestor: String) -> Bool {
            var current: String? = code
            var steps = 0
            while let here = current, steps < 64 {
                if here == ancestor { return true }
                current = parents[here]
                steps += 1
            }
            return false
        }
    }

    func planRegions(
        _ records: [Record], _ out: inout Collector, _ unchanged: inout [StructureSheet: Int]
    ) -> RegionPlan {
        var plan = RegionPlan()
        for (code, spec) in existing.regions {
            plan.levels[code] = spec.level
            plan.parents[code] = spec.parentCode
        }
        plan.inScope = Set(existing.regions.keys.filter(inScope))
        var seen: [String: Record] = [:]
        var candidates: [(record: Record, spec: CountyStructure.RegionSpec)] = []
        for record in records {
            let isGrid = record.table.sheet == .grids
            let code = required(record, .code, &out)
            let name = required(record, .name, &out)
            var level: RegionLevel? = isGrid ? .grid : nil
            if !isGrid, let text = required(record, .level, &out) {
                level = StructureVocabulary.level(text)
                if level == nil {
                    out.problem(
                        record, .level,
                        Localized(
                            zh: "级别“\(text)”无法识别：应为 省、市、县（区）、乡镇（街道）、村（社区）或 网格。",
                            en: "The level \"\(text)\" is unknown: province, city, county, township, village or grid."))
                }
            }
            let parent = isGrid ? required(record, .parentCode, &out) : record[.parentCode]
            var households = 0
            if let text = record[.households] {
                if let number = Int(text), number >= 0 {
                    households = number
                } else {
                    out.problem(
                        record, .households,
                        Localized(zh: "户数“\(text)”应为不小于0的整数。", en: "Households \"\(text)\" must be a whole number ≥ 0.")
                    )
                }
            }
            guard let code, let name, let level else { continue }
            var valid = true
            do {
                try NewRegion(code: code, name: name, level: level, parentID: nil).validate(parent: nil)
            } catch {
                out.problem(record, error == .invalidName ? .name : .code, error.message)
                valid = false
            }
            if valid, let message = Self.codeFormatProblem(code: code, level: level, parent: parent) {
                out.problem(record, .code, message)
                valid = false
            }
            if let first = seen[code] {
                out.problem(
                    record, .code,
                    Localized(
                        zh: "代码“\(code)”重复（\(first.table.source) 第\(first.line)行已有）。",
                        en: "The code \"\(code)\" is repeated (first at \(first.table.source) line \(first.line))."))
                continue
            }
            seen[code] = record
            guard valid else { continue }
            if plan.levels[code] == nil { plan.levels[code] = level }
            candidates.append(
                (
                    record,
                    CountyStructure.RegionSpec(
                        code: code, name: name, level: level, parentCode: parent, households: households, boundary: nil)
                ))
        }
        // Parents, levels, jurisdiction; then the new ones in an order where every parent comes first.
        var pending: [(record: Record, spec: CountyStructure.RegionSpec)] = []
        for (record, spec) in candidates {
            if let old = existing.regions[spec.code] {
                guard inScope(spec.code) else {
                    out.problem(record, .code, Self.outOfScope)
                    continue
                }
                if old.name == spec.name && old.level == spec.level && old.parentCode == spec.parentCode
                    && (record[.households] == nil || old.households == spec.households)
                {
                    unchanged[record.table.sheet, default: 0] += 1
                } else {
                    out.notice(
                        record, nil,
                        Localized(
                            zh: "代码“\(spec.code)”已存在，但名称、级别、上级或户数与系统中的不同：本次不修改，请在“区域管理”中修改。",
                            en:
                                "The code \"\(spec.code)\" exists with another name, level, parent or households: left as it is; change it in the regions page."
                        ))
                }
                continue
            }
            if let parentCode = spec.parentCode {
                guard let parentLevel = plan.levels[parentCode] else {
                    out.problem(
                        record, .parentCode,
                        Localized(
                            zh: "上级代码“\(parentCode)”在本次导入和系统中都不存在。",
                            en: "The parent code \"\(parentCode)\" is neither in this upload nor in the system."))
                    continue
                }
                guard spec.level.mayHaveParent(parentLevel) else {
                    let message =
                        spec.level == .grid
                        ? Localized(
                            zh: "网格只能设在村（社区）或网格之下，“\(parentCode)”是\(parentLevel.name.zh)。",
                            en:
                                "A grid belongs under a village or a grid; \"\(parentCode)\" is a \(parentLevel.name.en.lowercased())."
                        )
                        : RegionError.levelMismatch(child: spec.level, parent: parentLevel).message
                    out.problem(record, .parentCode, message)
                    continue
                }
            } else if scope != nil {
                out.problem(record, .parentCode, Self.outOfScope)
                continue
            }
            pending.append((record, spec))
        }
        // Parents first: repeatedly take the rows whose parent is known; what is left refers in a circle.
        var placed = Set(existing.regions.keys)
        while !pending.isEmpty {
            let ready = pending.filter { $0.spec.parentCode.map(placed.contains) ?? true }
            if ready.isEmpty {
                for (record, spec) in pending {
                    out.problem(
                        record, .parentCode,
                        Localized(
                            zh: "上级代码“\(spec.parentCode ?? "")”形成循环，或其上级本身有错误。",
                            en:
                                "The parent code \"\(spec.parentCode ?? "")\" forms a circle or its parent has a problem."
                        ))
                }
                break
            }
            for (record, spec) in ready {
                placed.insert(spec.code)
                if let parentCode = spec.parentCode, scope != nil, !plan.inScope.contains(parentCode) {
                    out.problem(record, .parentCode, Self.outOfScope)
                    continue
                }
                plan.inScope.insert(spec.code)
                plan.parents[spec.code] = spec.parentCode
                plan.added.append(spec)
            }
            pending.removeAll { item in ready.contains { $0.spec.code == item.spec.code } }
        }
        // A code the upload refused is not "known" to the sheets that refer to it.
        let refused = Set(candidates.map(\.spec.code)).subtracting(plan.added.map(\.code))
            .subtracting(existing.regions.keys)
        for code in refused { plan.levels[code] = nil }
        return plan
    }

    /// 行政区划代码: 6 digits for a province, city or county, 9 for a township, 12 for a village, each starting with
    /// its parent's; a grid's code is its parent's code, "-" and 1 to 3 digits.
    static func codeFormatProblem(code: String, level: RegionLevel, parent: String?) -> Localized? {
        let digits = code.allSatisfy(\.isASCIIDigit)
        switch level {
        case .province, .city, .county:
            if digits && code.count == 6 { return nil }
            return Localized(
                zh: "\(level.name.zh)代码应为6位数字。", en: "A \(level.name.en.lowercased()) code is 6 digits.")
        case .township:
            guard digits && code.count == 9 else {
                return Localized(zh: "乡镇（街道）代码应为9位数字。", en: "A township code is 9 digits.")
            }
            if let parent, parent.count == 6, !code.hasPrefix(parent) {
                return Localized(
                    zh: "乡镇（街道）代码应以上级代码“\(parent)”开头。", en: "A township code starts with its parent's \"\(parent)\".")
            }
            return nil
        case .village:
            guard digits && code.count == 12 else {
                return Localized(zh: "村（社区）代码应为12位数字。", en: "A village code is 12 digits.")
            }
            if let parent, parent.count == 9, !code.hasPrefix(parent) {
                return Localized(
                    zh: "村（社区）代码应以上级代码“\(parent)”开头。", en: "A village code starts with its parent's \"\(parent)\".")
            }
            return nil
        case .grid:
            guard let parent else { return nil }
            let tail = code.hasPrefix(parent + "-") ? code.dropFirst(parent.count + 1) : ""
            if (1...3).contains(tail.count) && tail.allSatisfy(\.isASCIIDigit) { return nil }
            return Localized(
                zh: "网格代码应为所属村（社区）代码加“-”和1至3位数字，如“\(parent)-01”。",
                en: "A grid code is its parent's code, \"-\" and 1 to 3 digits, e.g. \"\(parent)-01\".")
        }
    }

    // MARK: Organisations

    struct OrganisationPlan {
        var added: [CountyStructure.OrganisationSpec] = []
        /// Every organisation of the upload and the database by key.
        var all: [String: CountyStructure.OrganisationSpec] = [:]
        var regionLevels: [String: RegionLevel] = [:]
    }

    func planOrganisations(
        _ records: [Record], regions: RegionPlan, _ out: inout Collector,
        _ unchanged: inout [StructureSheet: Int]
    ) -> OrganisationPlan {
        var plan = OrganisationPlan(all: existing.organisations, regionLevels: regions.levels)
        var seen: [String: Record] = [:]
        for record in records {
            let name = required(record, .name, &out)
            let kindText = required(record, .kind, &out)
            let regionCode = required(record, .regionCode, &out)
            let kind = kindText.flatMap(StructureVocabulary.kind)
            if let kindText, kind == nil {
                out.problem(
                    record, .kind,
                    Localized(
                        zh: "类型“\(kindText)”无法识别：应为 综治中心、职能部门、派出所、法院（法庭）、调解委员会 或 个人调解工作室。",
                        en:
                            "The kind \"\(kindText)\" is unknown: center, department, police station, court, mediation committee or studio."
                    ))
            }
            if let name, name.count > 100 {
                out.problem(record, .name, OrganisationError.invalidName.message)
            }
            if let regionCode, regions.levels[regionCode] == nil {
                out.problem(record, .regionCode, unknownRegion(regionCode))
            } else if let regionCode, !regions.inScope.contains(regionCode), scope != nil {
                out.problem(record, .regionCode, Self.outOfScope)
            }
            let specialties = disputeTypes(record, &out)
            let phone = record[.phone]
            if let phone, !CaseRules.isPhoneNumber(phone) { out.problem(record, .phone, badPhone) }
            guard let name, let kind, let regionCode, regions.levels[regionCode] != nil, name.count <= 100 else {
                continue
            }
            let key = Self.organisationKey(name: name, regionCode: regionCode)
            if let first = seen[key] {
                out.problem(
                    record, .name,
                    Localized(
                        zh: "同一区划下的单位“\(name)”重复（第\(first.line)行已有）。",
                        en: "The organisation \"\(name)\" is repeated in the same region (first at line \(first.line))."
                    ))
                continue
            }
            seen[key] = record
            let spec = CountyStructure.OrganisationSpec(
                key: key, name: name, kind: kind, regionCode: regionCode, specialties: specialties, phone: phone)
            if let old = existing.organisations[key] {
                if old.kind == spec.kind && Set(old.specialties) == Set(spec.specialties) && old.phone == spec.phone {
                    unchanged[.organisations, default: 0] += 1
                } else {
                    out.notice(
                        record, nil,
                        Localized(
                            zh: "单位“\(name)”已存在，但类型、擅长或电话与系统中的不同：本次不修改。",
                            en:
                                "The organisation \"\(name)\" exists with another kind, specialties or phone: left as it is."
                        ))
                }
                continue
            }
            plan.added.append(spec)
            plan.all[key] = spec
        }
        return plan
    }

    func unknownRegion(_ code: String) -> Localized {
        Localized(
            zh: "区划代码“\(code)”在本次导入和系统中都不存在（或该行有错误）。",
            en: "The region code \"\(code)\" is neither in this upload nor in the system (or its row has a problem).")
    }

    var badPhone: Localized {
        Localized(
            zh: "电话号码格式不正确：应为7至20位数字，可含“+”和“-”。",
            en: "The phone number must be 7 to 20 digits; + and - are allowed.")
    }

    func disputeTypes(_ record: Record, _ out: inout Collector) -> [DisputeType] {
        var types: [DisputeType] = []
        for item in StructureVocabulary.items(record[.specialties] ?? "") {
            if let type = StructureVocabulary.disputeType(item) {
                if !types.contains(type) { types.append(type) }
            } else {
                out.problem(
                    record, .specialties,
                    Localized(
                        zh: "纠纷类型“\(item)”无法识别：应为 \(DisputeType.allCases.map(\.name.zh).joined(separator: "、")) 之一。",
                        en: "The dispute type \"\(item)\" is unknown."))
            }
        }
        return types
    }

    /// The organisation a user or mediator row names: by name, and by region code when the row gives one or the
    /// name is not unique.
    func organisation(
        _ record: Record, _ organisations: OrganisationPlan, _ out: inout Collector
    ) -> CountyStructure.OrganisationSpec? {
        guard let name = required(record, .organisation, &out) else { return nil }
        let matches = organisations.all.values.filter {
            $0.name == name && (record[.organisationRegion].map($0.regionCode.elementsEqual) ?? true)
        }
        if matches.count == 1, let match = matches.first {
            if scope != nil, !inScopeOrNew(match.regionCode, organisations) {
                out.problem(record, .organisation, Self.outOfScope)
                return nil
            }
            return match
        }
        if matches.isEmpty {
            out.problem(
                record, .organisation,
                Localized(
                    zh: "单位“\(name)”在本次导入和系统中都不存在（或该行有错误）。",
                    en:
                        "The organisation \"\(name)\" is neither in this upload nor in the system (or its row has a problem)."
                ))
        } else {
            out.problem(
                record, .organisation,
                Localized(
                    zh: "有多个名为“\(name)”的单位：请在“单位所在区划代码”列写明是哪一个。",
                    en:
                        "Several organisations are named \"\(name)\": give its region code in the organisation region column."
                ))
        }
        return nil
    }

    func inScopeOrNew(_ code: String, _ organisations: OrganisationPlan) -> Bool {
        scope == nil || scopeCodes.contains(code)
    }

    /// Set by `plan` once the regions are known: the codes in the jurisdiction, new ones included.
    var scopeCodes: Set<String> = []

    // MARK: Users

    struct UserPlan {
        var added: [CountyStructure.UserSpec] = []
        /// Usernames of the upload (valid rows) and the database.
        var known: Set<String> = []
        var roles: [String: Set<Role>] = [:]
    }

    func planUsers(
        _ records: [Record], regions: RegionPlan, organisations: OrganisationPlan, _ out: inout Collector,
        _ unchanged: inout [StructureSheet: Int]
    ) -> UserPlan {
        var plan = UserPlan(known: Set(existing.users.keys))
        for (name, user) in existing.users { plan.roles[name] = Set(user.grants.map(\.role)) }
        var seen: [String: Record] = [:]
        for record in records {
            let username = required(record, .username, &out)
            let displayName = required(record, .displayName, &out)
            if let username {
                do { try UserRules.validateUsername(username) } catch { out.problem(record, .username, error.message) }
            }
            if let displayName, displayName.count > 50 {
                out.problem(record, .displayName, UserError.invalidDisplayName.message)
            }
            let phone = record[.phone]
            if let phone, !CaseRules.isPhoneNumber(phone) { out.problem(record, .phone, badPhone) }
            var roles: [Role] = []
            for item in StructureVocabulary.items(required(record, .roles, &out) ?? "") {
                if let role = StructureVocabulary.role(item) {
                    if !roles.contains(role) { roles.append(role) }
                } else {
                    out.problem(
                        record, .roles,
                        Localized(
                            zh: "角色“\(item)”无法识别：应为 \(Role.allCases.map(\.name.zh).joined(separator: "、")) 之一。",
                            en: "The role \"\(item)\" is unknown."))
                }
            }
            let organisation = organisation(record, organisations, &out)
            var jurisdiction = record[.jurisdiction] ?? organisation?.regionCode
            if let code = record[.jurisdiction] {
                if regions.levels[code] == nil {
                    out.problem(record, .jurisdiction, unknownRegion(code))
                    jurisdiction = nil
                } else if scope != nil, !regions.inScope.contains(code) {
                    out.problem(record, .jurisdiction, Self.outOfScope)
                    jurisdiction = nil
                }
            }
            if phone == nil, roles.contains(.gridWorker) || roles.contains(.departmentHandler) {
                out.notice(
                    record, .phone,
                    Localized(zh: "没有手机号：收不到短信提醒。", en: "No mobile number: no text-message reminders."))
            }
            if let username {
                if let first = seen[username] {
                    out.problem(
                        record, .username,
                        Localized(
                            zh: "用户名“\(username)”重复（第\(first.line)行已有）。",
                            en: "The username \"\(username)\" is repeated (first at line \(first.line))."))
                    continue
                }
                seen[username] = record
            }
            if let organisation, let jurisdiction, !regions.isWithin(jurisdiction, organisation.regionCode) {
                out.notice(
                    record, .jurisdiction,
                    Localized(
                        zh: "管辖区划“\(jurisdiction)”不在所属单位所在区划“\(organisation.regionCode)”之内，请核对。",
                        en:
                            "The jurisdiction \"\(jurisdiction)\" is not within the organisation's region \"\(organisation.regionCode)\"; check it."
                    ))
            }
            guard let username, let displayName, let organisation, let jurisdiction, !roles.isEmpty else { continue }
            guard (try? UserRules.validateUsername(username)) != nil, displayName.count <= 50,
                phone.map(CaseRules.isPhoneNumber) ?? true
            else { continue }
            let grants = roles.map {
                CountyStructure.GrantSpec(role: $0, organisationKey: organisation.key, jurisdictionCode: jurisdiction)
            }
            if let old = existing.users[username] {
                let same =
                    old.displayName == displayName && old.phone == phone
                    && old.grants
                        == Set(
                            grants.map {
                                ExistingStructure.Grant(
                                    role: $0.role, organisationKey: $0.organisationKey,
                                    jurisdictionCode: $0.jurisdictionCode)
                            })
                if same {
                    unchanged[.users, default: 0] += 1
                } else {
                    out.notice(
                        record, .username,
                        Localized(
                            zh: "用户“\(username)”已存在，但姓名、手机、角色或单位与系统中的不同：本次不修改，请在“用户管理”中修改。",
                            en:
                                "The user \"\(username)\" exists with another name, phone, roles or organisation: left as it is; change it in the users page."
                        ))
                }
                continue
            }
            plan.added.append(
                CountyStructure.UserSpec(username: username, displayName: displayName, phone: phone, grants: grants))
            plan.known.insert(username)
            plan.roles[username] = Set(roles)
        }
        return plan
    }

    // MARK: Mediators

    func planMediators(
        _ records: [Record], organisations: OrganisationPlan, users: UserPlan, _ out: inout Collector,
        _ unchanged: inout [StructureSheet: Int]
    ) -> [CountyStructure.MediatorSpec] {
        var added: [CountyStructure.MediatorSpec] = []
        var seen: [String: Record] = [:]
        var accounts: [String: String] = [:]
        for old in existing.mediators.values { if let name = old.username { accounts[name] = old.name } }
        for record in records {
            let name = required(record, .name, &out)
            if let name, name.count > 50 {
                out.problem(record, .name, Localized(zh: "姓名不超过50个字。", en: "A name of at most 50 characters."))
            }
            let organisation = organisation(record, organisations, &out)
            let specialties = disputeTypes(record, &out)
            var levels: [RegionLevel] = []
            for item in StructureVocabulary.items(record[.levels] ?? "") {
                if let level = StructureVocabulary.level(item) {
                    if !levels.contains(level) { levels.append(level) }
                } else {
                    out.problem(
                        record, .levels,
                        Localized(
                            zh: "层级“\(item)”无法识别：应为 村（社区）、乡镇（街道）、县（区） 等。", en: "The level \"\(item)\" is unknown."))
                }
            }
            func flag(_ field: StructureField, default value: Bool) -> Bool {
                guard let text = record[field] else { return value }
                if let parsed = StructureVocabulary.yesNo(text) { return parsed }
                out.problem(record, field, Localized(zh: "应填“是”或“否”。", en: "must be 是 (yes) or 否 (no)."))
                return value
            }
            let goldMedal = flag(.goldMedal, default: false)
            let available = flag(.available, default: true)
            let languages = StructureVocabulary.items(record[.languages] ?? "")
            let account = record[.account]
            if let account {
                if !users.known.contains(account) {
                    out.problem(
                        record, .account,
                        Localized(
                            zh: "账号“\(account)”在“用户”表和系统中都不存在。",
                            en: "The account \"\(account)\" is neither in the users sheet nor in the system."))
                } else if users.roles[account]?.contains(.mediator) != true {
                    out.notice(
                        record, .account,
                        Localized(
                            zh: "账号“\(account)”没有“调解员”角色。",
                            en: "The account \"\(account)\" does not hold the mediator role."))
                }
            }
            guard let name, name.count <= 50, let organisation else { continue }
            if levels.isEmpty {
                levels = [organisations.regionLevels[organisation.regionCode] ?? .village].map {
                    $0 == .grid ? .village : $0
                }
            }
            let key = Self.mediatorKey(name: name, organisationKey: organisation.key)
            if let first = seen[key] {
                out.problem(
                    record, .name,
                    Localized(
                        zh: "同一单位的调解员“\(name)”重复（第\(first.line)行已有）。",
                        en: "The mediator \"\(name)\" of this organisation is repeated (first at line \(first.line))."))
                continue
            }
            seen[key] = record
            let spec = CountyStructure.MediatorSpec(
                name: name, organisationKey: organisation.key, specialties: specialties, levels: levels,
                languages: languages.isEmpty ? ["普通话"] : languages, goldMedal: goldMedal, available: available,
                profile: record[.profile] ?? "", username: account)
            if let old = existing.mediators[key] {
                let same =
                    Set(old.specialties) == Set(spec.specialties) && Set(old.levels) == Set(spec.levels)
                    && old.languages == spec.languages && old.goldMedal == spec.goldMedal
                    && old.available == spec.available && old.profile == spec.profile && old.username == spec.username
                if same {
                    unchanged[.mediators, default: 0] += 1
                } else {
                    out.notice(
                        record, nil,
                        Localized(
                            zh: "调解员“\(name)”已存在，但擅长、层级、语言、金牌、接案、简介或账号与系统中的不同：本次不修改。",
                            en: "The mediator \"\(name)\" exists with other details: left as it is."))
                }
                continue
            }
            if let account, users.known.contains(account) {
                if let holder = accounts[account] {
                    out.problem(
                        record, .account,
                        Localized(
                            zh: "账号“\(account)”已属于调解员“\(holder)”。",
                            en: "The account \"\(account)\" already belongs to the mediator \"\(holder)\"."))
                    continue
                }
                accounts[account] = name
            } else if account != nil {
                continue
            }
            added.append(spec)
        }
        return added
    }
}
