/// The other systems whose exports become cases: each has its channel, the system actor its cases are registered by,
/// its columns (the Chinese headers the system exports, and English aliases), and how its own type maps to the
/// category catalogue. docs/IMPORTS.md shows each with an example.
public enum ImportFormat: String, CaseIterable, Sendable, Codable {
    /// 12345 政务服务便民热线 work orders.
    case hotline12345
    /// 110 警情 handed over for mediation (警调对接).
    case police110
    /// 法院诉前委派调解 (诉调对接).
    case court
    /// 信访件 (访调对接).
    case petition

    public var channel: Channel {
        switch self {
        case .hotline12345: .hotline12345
        case .police110: .police110
        case .court: .courtReferral
        case .petition: .petition
        }
    }

    public var name: Localized {
        switch self {
        case .hotline12345: Localized(zh: "12345热线工单", en: "12345 hotline work orders")
        case .police110: Localized(zh: "110警情", en: "110 police incidents")
        case .court: Localized(zh: "法院诉前委派", en: "Court pre-litigation referrals")
        case .petition: Localized(zh: "信访件", en: "Petitions")
        }
    }

    /// Who the case file says registered the case.
    public var actor: Actor {
        switch self {
        case .hotline12345: .system(name: "12345热线导入 / 12345 hotline import")
        case .police110: .system(name: "110警情导入 / 110 incident import")
        case .court: .system(name: "法院委派导入 / Court referral import")
        case .petition: .system(name: "信访导入 / Petition import")
        }
    }

    /// The columns this format reads, in the order the example files use.
    public var columns: [ImportColumn] {
        switch self {
        case .hotline12345:
            [
                .init(.sourceID, ["工单编号", "sourceId", "orderNumber"], required: true),
                .init(.receivedAt, ["来电时间", "receivedAt", "callTime"], required: true),
                .init(.reporterName, ["来电人", "callerName", "reporterName"]),
                .init(.reporterPhone, ["联系电话", "callerPhone", "phone"]),
                .init(.type, ["诉求类型", "type", "requestType"]),
                .init(.content, ["诉求内容", "content"], required: true),
                .init(.address, ["事发地址", "address"]),
                .init(.regionCode, ["所属区划代码", "regionCode"], required: true),
            ]
        case .police110:
            [
                .init(.sourceID, ["警情编号", "sourceId", "incidentNumber"], required: true),
                .init(.receivedAt, ["报警时间", "receivedAt", "reportedAt"], required: true),
                .init(.reporterName, ["报警人", "reporterName", "callerName"]),
                .init(.reporterPhone, ["电话", "联系电话", "phone", "reporterPhone"]),
                .init(.type, ["警情类别", "type", "incidentType"]),
                .init(.content, ["简要警情", "content", "summary"], required: true),
                .init(.address, ["发生地址", "address"]),
                .init(.regionCode, ["辖区代码", "regionCode"], required: true),
            ]
        case .court:
            [
                .init(.sourceID, ["案号", "sourceId", "caseNumber"], required: true),
                .init(.receivedAt, ["委派日期", "receivedAt", "referredOn"], required: true),
                .init(.reporterName, ["原告", "plaintiff"], required: true),
                .init(.reporterPhone, ["原告电话", "plaintiffPhone"]),
                .init(.otherName, ["被告", "defendant"], required: true),
                .init(.otherPhone, ["被告电话", "defendantPhone"]),
                .init(.type, ["案由", "type", "causeOfAction"]),
                .init(.content, ["诉讼请求", "纠纷简述", "content", "claims"], required: true),
                .init(.address, ["地址", "address"]),
                .init(.regionCode, ["区划代码", "regionCode"], required: true),
            ]
        case .petition:
            [
                .init(.sourceID, ["信访件编号", "sourceId", "petitionNumber"], required: true),
                .init(.receivedAt, ["登记日期", "receivedAt", "registeredOn"], required: true),
                .init(.reporterName, ["信访人", "petitionerName", "reporterName"]),
                .init(.reporterPhone, ["电话", "联系电话", "phone", "petitionerPhone"]),
                .init(.reporterIDNumber, ["身份证号", "证件号码", "idNumber"]),
                .init(.type, ["信访类别", "type", "petitionType"]),
                .init(.content, ["信访事项", "content", "matter"], required: true),
                .init(.address, ["问题发生地", "地址", "address"]),
                .init(.regionCode, ["区划代码", "regionCode"], required: true),
            ]
        }
    }

    /// The catalogue code for the source system's type, when the mapping is clear; nil leaves it to the desk.
    /// Exact names first, then the first rule whose words the type contains.
    public func categoryCode(forType type: String) -> String? {
        let type = type.trimmingWhitespace
        guard !type.isEmpty else { return nil }
        for (words, code) in categoryRules where words.contains(where: { type.contains($0) }) {
            return code
        }
        return nil
    }

    /// A consultation (咨询) is answered at intake; everything else is a request.
    public func kind(forType type: String) -> CaseKind {
        self == .hotline12345 && type.contains("咨询") ? .consultation : .request
    }

    /// Ordered: the first rule that matches wins, so the narrower words come first.
    private var categoryRules: [([String], String)] {
        let common: [([String], String)] = [
            (["物业"], "livelihood.property-management"),
            (["欠薪", "拖欠工资", "劳动报酬", "劳动争议", "劳资", "劳动保障"], "livelihood.unpaid-wages"),
            (["婚姻", "家庭", "离婚", "抚养", "赡养", "继承", "婚约"], "livelihood.marriage-family"),
            (["相邻", "邻里"], "livelihood.neighbour"),
            (["医疗"], "livelihood.medical"),
            (["消费"], "livelihood.consumer"),
            (["交通事故"], "safety.traffic-accident"),
            (["建设工程"], "production.construction"),
            (["土地承包", "土地流转"], "agriculture.land-transfer-rent"),
            (["宅基地"], "agriculture.homestead"),
            (["山林", "林权"], "agriculture.forest"),
            (["土地"], "agriculture.land"),
            (["征收", "拆迁"], "safety.demolition"),
            (["环境污染", "噪声", "噪音", "环境保护"], "environment.pollution"),
            (["环境卫生", "市容"], "environment.sanitation"),
            (["消防", "火灾"], "production.fire-hazard"),
            (["安全生产"], "production.workplace-hazard"),
            (["公共交通"], "livelihood.public-transport"),
            (["社会救助", "低保"], "livelihood.social-assistance"),
        ]
        switch self {
        case .hotline12345:
            return common
        case .police110:
            return common + [(["治安"], "safety.public-order"), (["经济纠纷", "合同"], "livelihood.contract")]
        case .court:
            return common + [(["合同", "借贷", "借款"], "livelihood.contract")]
        case .petition:
            return [(["申诉求决", "涉法涉诉"], "safety.petition")]
        }
    }
}

/// What a column holds, whatever the source system calls it.
public enum ImportField: String, Sendable, CaseIterable {
    case sourceID
    case receivedAt
    case reporterName
    case reporterPhone
    case reporterIDNumber
    case otherName
    case otherPhone
    case type
    case content
    case address
    case regionCode
}

/// One column of a format: the field, the headers it is known by (the source system's Chinese header first), and
/// whether the file must have it.
public struct ImportColumn: Sendable {
    public var field: ImportField
    public var headers: [String]
    public var required: Bool

    init(_ field: ImportField, _ headers: [String], required: Bool = false) {
        self.field = field
        self.headers = headers
        self.required = required
    }

    /// The header as the source system writes it.
    public var header: String { headers[0] }

    /// Headers compare without case, spaces, underscores and hyphens: `Source ID`, `source_id` and `sourceId` match.
    static func normalised(_ header: String) -> String {
        String(header.trimmingWhitespace.lowercased().filter { !$0.isWhitespace && $0 != "_" && $0 != "-" })
    }

    func matches(_ header: String) -> Bool {
        let key = Self.normalised(header)
        return headers.contains { Self.normalised($0) == key }
    }
}
