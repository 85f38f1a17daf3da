/// The five domains of grassroots governance (五事) that the category catalogue is organised by.
public enum GovernanceDomain: String, Sendable, CaseIterable, Codable {
    case livelihood
    case agriculture
    case safety
    case environment
    case production

    public var name: Localized {
        switch self {
        case .livelihood: Localized(zh: "社会民生", en: "Livelihood")
        case .agriculture: Localized(zh: "农业产业", en: "Agriculture")
        case .safety: Localized(zh: "平安建设", en: "Public safety")
        case .environment: Localized(zh: "生态环境", en: "Environment")
        case .production: Localized(zh: "安全生产", en: "Work safety")
        }
    }
}

/// One entry of the category catalogue: administrators add, rename and retire entries; a retired one stays on the
/// cases that used it but is offered no more.
public struct Category: Sendable, Hashable, Codable {
    /// `domain.topic`, e.g. `livelihood.neighbour`: stable, stored on cases.
    public var code: String
    public var domain: GovernanceDomain
    public var name: Localized
    /// The dispute type mediators specialise in, when the category is a dispute.
    public var disputeType: DisputeType?
    public var active: Bool

    public init(
        code: String, domain: GovernanceDomain, name: Localized, disputeType: DisputeType?, active: Bool = true
    ) {
        self.code = code
        self.domain = domain
        self.name = name
        self.disputeType = disputeType
        self.active = active
    }

    public func validate() throws(CategoryError) {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == Substring(domain.rawValue), !parts[1].isEmpty, code.count <= 64,
            parts[1].allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
        else { throw .invalidCode(code) }
        guard !name.zh.trimmingWhitespace.isEmpty, name.zh.count <= 50, name.en.count <= 100 else {
            throw .invalidName
        }
    }
}

public enum CategoryError: UserFacingError, Equatable {
    case invalidCode(String)
    case invalidName
    case unknown(String)

    public var code: String {
        switch self {
        case .invalidCode: "category.invalid_code"
        case .invalidName: "category.invalid_name"
        case .unknown: "category.unknown"
        }
    }

    public var message: Localized {
        switch self {
        case .invalidCode(let code):
            Localized(
                zh: "分类代码“\(code)”无效：格式为 领域.主题，如 livelihood.neighbour，主题只用小写字母、数字和连字符。",
                en:
                    "Category code \"\(code)\" is invalid: domain.topic, e.g. livelihood.neighbour; lowercase, digits, hyphens."
            )
        case .invalidName:
            Localized(zh: "分类需要中文名称（不超过50个字）。", en: "A category needs a Chinese name of at most 50 characters.")
        case .unknown(let code):
            Localized(
                zh: "分类“\(code)”不存在或已停用。", en: "Category \"\(code)\" does not exist or is no longer in use.")
        }
    }
}

/// The catalogue a new installation starts with (migration 5 writes the same rows).
public enum CategoryCatalogue {
    public static let defaults: [Category] = [
        Category(
            code: "livelihood.marriage-family", domain: .livelihood,
            name: Localized(zh: "婚姻家庭纠纷", en: "Marriage and family"), disputeType: .marriageFamily),
        Category(
            code: "livelihood.neighbour", domain: .livelihood, name: Localized(zh: "邻里纠纷", en: "Neighbours"),
            disputeType: .neighbour),
        Category(
            code: "livelihood.property-management", domain: .livelihood,
            name: Localized(zh: "物业纠纷", en: "Property management"), disputeType: .propertyManagement),
        Category(
            code: "livelihood.unpaid-wages", domain: .livelihood, name: Localized(zh: "欠薪纠纷", en: "Unpaid wages"),
            disputeType: .unpaidWages),
        Category(
            code: "livelihood.medical", domain: .livelihood, name: Localized(zh: "医疗纠纷", en: "Medical disputes"),
            disputeType: .medical),
        Category(
            code: "livelihood.consumer", domain: .livelihood, name: Localized(zh: "消费纠纷", en: "Consumer disputes"),
            disputeType: .consumer),
        Category(
            code: "livelihood.contract", domain: .livelihood, name: Localized(zh: "合同纠纷", en: "Contracts"),
            disputeType: .contract),
        Category(
            code: "livelihood.public-transport", domain: .livelihood,
            name: Localized(zh: "公共交通", en: "Public transport"), disputeType: nil),
        Category(
            code: "livelihood.infrastructure", domain: .livelihood,
            name: Localized(zh: "道路与公共设施", en: "Roads and public facilities"), disputeType: nil),
        Category(
            code: "livelihood.social-assistance", domain: .livelihood,
            name: Localized(zh: "社保与救助", en: "Social security and assistance"), disputeType: nil),
        Category(
            code: "agriculture.land", domain: .agriculture, name: Localized(zh: "土地纠纷", en: "Land"), disputeType: .land),
        Category(
            code: "agriculture.forest", domain: .agriculture, name: Localized(zh: "山林纠纷", en: "Forest"),
            disputeType: .forest),
        Category(
            code: "agriculture.homestead", domain: .agriculture,
            name: Localized(zh: "宅基地纠纷", en: "Homestead boundaries"), disputeType: .homestead),
        Category(
            code: "agriculture.land-transfer-rent", domain: .agriculture,
            name: Localized(zh: "土地流转租金纠纷", en: "Land-transfer rent"), disputeType: .landTransferRent),
        Category(
            code: "agriculture.production", domain: .agriculture, name: Localized(zh: "农业生产", en: "Farming"),
            disputeType: nil),
        Category(
            code: "safety.public-order", domain: .safety, name: Localized(zh: "治安纠纷", en: "Public order"),
            disputeType: .publicOrder),
        Category(
            code: "safety.traffic-accident", domain: .safety, name: Localized(zh: "交通事故纠纷", en: "Traffic accidents"),
            disputeType: .trafficAccident),
        Category(
            code: "safety.demolition", domain: .safety,
            name: Localized(zh: "征地拆迁纠纷", en: "Demolition and resettlement"), disputeType: .demolition),
        Category(
            code: "safety.petition", domain: .safety, name: Localized(zh: "信访诉求", en: "Petitions"), disputeType: nil),
        Category(
            code: "environment.pollution", domain: .environment, name: Localized(zh: "环境污染纠纷", en: "Pollution"),
            disputeType: .environment),
        Category(
            code: "environment.sanitation", domain: .environment, name: Localized(zh: "环境卫生", en: "Sanitation"),
            disputeType: nil),
        Category(
            code: "production.construction", domain: .production, name: Localized(zh: "建设工程纠纷", en: "Construction"),
            disputeType: .construction),
        Category(
            code: "production.workplace-hazard", domain: .production,
            name: Localized(zh: "安全生产隐患", en: "Workplace safety hazards"), disputeType: nil),
        Category(
            code: "production.fire-hazard", domain: .production, name: Localized(zh: "消防隐患", en: "Fire hazards"),
            disputeType: nil),
    ]
}
