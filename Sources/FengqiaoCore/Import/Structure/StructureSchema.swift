import Foundation

/// The five sheets (or CSV files) of a county's structure spreadsheet (docs/ONBOARDING.md): 区划, 网格, 组织, 用户, 调解员.
public enum StructureSheet: String, Sendable, CaseIterable, Codable {
    case regions
    case grids
    case organisations
    case users
    case mediators

    /// The sheet's name in the template, and the CSV file's name without `.csv`.
    public var title: Localized {
        switch self {
        case .regions: Localized(zh: "区划", en: "Regions")
        case .grids: Localized(zh: "网格", en: "Grids")
        case .organisations: Localized(zh: "组织", en: "Organisations")
        case .users: Localized(zh: "用户", en: "Users")
        case .mediators: Localized(zh: "调解员", en: "Mediators")
        }
    }

    /// Words that name the sheet in a sheet or file name, Chinese and English.
    var keywords: [String] {
        switch self {
        case .regions: ["区划", "区域", "行政区", "regions", "region"]
        case .grids: ["网格", "grids", "grid"]
        case .organisations: ["组织", "单位", "机构", "organisations", "organizations", "organisation", "organization"]
        case .users: ["用户", "账号", "帐号", "人员", "users", "user", "accounts"]
        case .mediators: ["调解员", "mediators", "mediator"]
        }
    }

    /// The sheet a sheet or file name (extension dropped) names: the keyword that ends last in the name wins, so
    /// that "组织架构-区划.csv" is the regions file. Nil for a name that names none (the template's 说明 sheet).
    public static func named(_ name: String) -> StructureSheet? {
        var text = name.lowercased()
        for suffix in [".csv", ".txt"] where text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        var best: (sheet: StructureSheet, end: Int, length: Int)?
        for sheet in allCases {
            for keyword in sheet.keywords {
                guard let range = text.range(of: keyword, options: .backwards) else { continue }
                let end = text.distance(from: text.startIndex, to: range.upperBound)
                if best == nil || end > best!.end || (end == best!.end && keyword.count > best!.length) {
                    best = (sheet, end, keyword.count)
                }
            }
        }
        return best?.sheet
    }

    public var columns: [StructureColumn] {
        switch self {
        case .regions:
            [
                .init(.code, "代码", ["区划代码", "code"], required: true, example: "331021101"),
                .init(.name, "名称", ["区划名称", "name"], required: true, example: "城关镇"),
                .init(.level, "级别", ["层级", "level"], required: true, example: "乡镇"),
                .init(.parentCode, "上级代码", ["上级区划代码", "parent", "parent code"], required: false, example: "331021"),
                .init(.households, "户数", ["households"], required: false, example: "12000"),
            ]
        case .grids:
            [
                .init(.code, "网格代码", ["代码", "code"], required: true, example: "331021101001-01"),
                .init(.name, "网格名称", ["名称", "name"], required: true, example: "第一网格"),
                .init(
                    .parentCode, "所属村（社区）代码", ["所属村社区代码", "上级代码", "parent", "parent code"], required: true,
                    example: "331021101001"),
                .init(.households, "户数", ["households"], required: false, example: "420"),
            ]
        case .organisations:
            [
                .init(.name, "单位名称", ["名称", "组织名称", "name"], required: true, example: "城关镇综治中心"),
                .init(.kind, "类型", ["单位类型", "kind", "type"], required: true, example: "综治中心"),
                .init(.regionCode, "所在区划代码", ["区划代码", "region", "region code"], required: true, example: "331021101"),
                .init(.specialties, "擅长纠纷类型", ["擅长", "specialties"], required: false, example: "邻里纠纷、婚姻家庭纠纷"),
                .init(.phone, "电话", ["联系电话", "phone"], required: false, example: "0576-83012345"),
            ]
        case .users:
            [
                .init(.username, "用户名", ["登录名", "username"], required: true, example: "zhang.wei"),
                .init(.displayName, "姓名", ["name", "display name"], required: true, example: "张伟"),
                .init(.phone, "手机", ["手机号", "电话", "phone"], required: false, example: "13800138000"),
                .init(.roles, "角色", ["roles", "role"], required: true, example: "中心工作人员、领导"),
                .init(
                    .organisation, "所属单位", ["单位", "organisation", "organization"], required: true, example: "城关镇综治中心"),
                .init(
                    .organisationRegion, "单位所在区划代码", ["organisation region"], required: false, example: "331021101"),
                .init(.jurisdiction, "管辖区划代码", ["管辖范围", "jurisdiction"], required: false, example: "331021101"),
            ]
        case .mediators:
            [
                .init(.name, "姓名", ["name"], required: true, example: "王建国"),
                .init(
                    .organisation, "所属单位", ["单位", "organisation", "organization"], required: true, example: "城关镇人民调解委员会"
                ),
                .init(
                    .organisationRegion, "单位所在区划代码", ["organisation region"], required: false, example: "331021101"),
                .init(.specialties, "擅长纠纷类型", ["擅长", "specialties"], required: false, example: "邻里纠纷、土地纠纷"),
                .init(.levels, "服务层级", ["levels"], required: false, example: "村（社区）、乡镇（街道）"),
                .init(.languages, "语言", ["languages"], required: false, example: "普通话、台州话"),
                .init(.goldMedal, "金牌调解员", ["gold medal"], required: false, example: "否"),
                .init(.available, "接受案件", ["接案", "available"], required: false, example: "是"),
                .init(.profile, "简介", ["profile"], required: false, example: "从事人民调解二十年。"),
                .init(.account, "账号用户名", ["用户名", "account", "username"], required: false, example: "wang.jianguo"),
            ]
        }
    }
}

/// What a column of a structure sheet holds.
public enum StructureField: String, Sendable, Hashable, Codable {
    case code, name, level, parentCode, households, kind, regionCode, specialties, phone
    case username, displayName, roles, organisation, organisationRegion, jurisdiction
    case levels, languages, goldMedal, available, profile, account
}

/// One column: its Chinese header as the template writes it, the other headers accepted (English among them).
public struct StructureColumn: Sendable, Equatable {
    public var field: StructureField
    public var header: String
    public var aliases: [String]
    public var required: Bool
    public var example: String

    init(_ field: StructureField, _ header: String, _ aliases: [String], required: Bool, example: String) {
        self.field = field
        self.header = header
        self.aliases = aliases
        self.required = required
        self.example = example
    }

    /// A header as written, spaces, case and a trailing note in brackets ("代码（必填）") ignored.
    static func normalised(_ header: String) -> String {
        var text = header.trimmingWhitespace.lowercased()
        for (open, close) in [("（", "）"), ("(", ")")] where text.hasSuffix(close) {
            if let start = text.range(of: open, options: .backwards), start.lowerBound > text.startIndex {
                text = String(text[..<start.lowerBound])
            }
        }
        return text.filter { !$0.isWhitespace && $0 != "*" && $0 != "_" }
    }

    public func matches(_ header: String) -> Bool {
        let key = Self.normalised(header)
        return ([self.header] + aliases).contains { Self.normalised($0) == key }
    }
}

/// The words cells may use for levels, kinds, roles, dispute types and yes/no: the Chinese names the pages show,
/// shorter forms people write, and the English identifiers.
enum StructureVocabulary {
    static func key(_ text: String) -> String {
        text.trimmingWhitespace.lowercased().filter { !$0.isWhitespace && $0 != "_" && $0 != "-" }
    }

    static func level(_ text: String) -> RegionLevel? {
        let table: [String: RegionLevel] = [
            "省": .province, "市": .city, "县": .county, "区": .county, "县区": .county, "县（区）": .county, "县(区)": .county,
            "乡": .township, "镇": .township, "乡镇": .township, "街道": .township, "乡镇（街道）": .township,
            "乡镇(街道)": .township, "村": .village, "社区": .village, "村社区": .village, "村（社区）": .village,
            "村(社区)": .village, "网格": .grid,
        ]
        let key = key(text)
        if let level = table[key] { return level }
        return RegionLevel.allCases.first { $0.rawValue == key || self.key($0.name.en) == key }
    }

    static func kind(_ text: String) -> OrganisationKind? {
        let table: [String: OrganisationKind] = [
            "综治中心": .center, "矛调中心": .center, "中心": .center, "社会治理中心": .center, "职能部门": .department,
            "部门": .department, "派出所": .policeStation, "公安派出所": .policeStation, "法院": .court, "法庭": .court,
            "人民法庭": .court, "人民法院": .court, "法院（法庭）": .court, "法院(法庭)": .court,
            "调解委员会": .mediationCommittee, "人民调解委员会": .mediationCommittee, "调委会": .mediationCommittee,
            "个人调解工作室": .mediationStudio, "调解工作室": .mediationStudio, "工作室": .mediationStudio,
        ]
        let key = key(text)
        if let kind = table[key] { return kind }
        return OrganisationKind.allCases.first { $0.rawValue.lowercased() == key || self.key($0.name.en) == key }
    }

    static func role(_ text: String) -> Role? {
        let table: [String: Role] = ["管理员": .admin, "系统管理员": .admin, "承办人": .departmentHandler, "中心人员": .centerStaff]
        let key = key(text)
        if let role = table[key] { return role }
        return Role.allCases.first {
            self.key($0.name.zh) == key || $0.rawValue.lowercased() == key || self.key($0.name.en) == key
        }
    }

    static func disputeType(_ text: String) -> DisputeType? {
        let key = key(text)
        return DisputeType.allCases.first { type in
            let zh = self.key(type.name.zh)
            return zh == key || zh == key + "纠纷" || type.rawValue.lowercased() == key || self.key(type.name.en) == key
        }
    }

    static func yesNo(_ text: String) -> Bool? {
        switch key(text) {
        case "是", "y", "yes", "true", "1", "√", "✓", "有": true
        case "否", "n", "no", "false", "0", "×", "无", "不": false
        default: nil
        }
    }

    /// A list cell: items separated by 、 , ， ; ； / or spaces.
    static func items(_ text: String) -> [String] {
        text.split(whereSeparator: { "、,，;；/／ \u{3000}\n".contains($0) }).map { String($0).trimmingWhitespace }
            .filter { !$0.isEmpty }
    }
}
