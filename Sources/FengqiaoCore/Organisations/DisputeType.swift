/// The dispute types the seeds name; mediators and professional committees specialise in them,
/// and the category catalogue is built from them.
public enum DisputeType: String, Sendable, CaseIterable, Codable {
    case marriageFamily
    case neighbour
    case land
    case forest
    case homestead
    case unpaidWages
    case landTransferRent
    case propertyManagement
    case medical
    case trafficAccident
    case construction
    case contract
    case demolition
    case consumer
    case environment
    case publicOrder

    public var name: Localized {
        switch self {
        case .marriageFamily: Localized(zh: "婚姻家庭纠纷", en: "Marriage and family")
        case .neighbour: Localized(zh: "邻里纠纷", en: "Neighbours")
        case .land: Localized(zh: "土地纠纷", en: "Land")
        case .forest: Localized(zh: "山林纠纷", en: "Forest")
        case .homestead: Localized(zh: "宅基地纠纷", en: "Homestead boundaries")
        case .unpaidWages: Localized(zh: "欠薪纠纷", en: "Unpaid wages")
        case .landTransferRent: Localized(zh: "土地流转租金纠纷", en: "Land-transfer rent")
        case .propertyManagement: Localized(zh: "物业纠纷", en: "Property management")
        case .medical: Localized(zh: "医疗纠纷", en: "Medical")
        case .trafficAccident: Localized(zh: "交通事故纠纷", en: "Traffic accidents")
        case .construction: Localized(zh: "建设工程纠纷", en: "Construction")
        case .contract: Localized(zh: "合同纠纷", en: "Contracts")
        case .demolition: Localized(zh: "征地拆迁纠纷", en: "Demolition and resettlement")
        case .consumer: Localized(zh: "消费纠纷", en: "Consumer")
        case .environment: Localized(zh: "环境污染纠纷", en: "Environment")
        case .publicOrder: Localized(zh: "治安纠纷", en: "Public order")
        }
    }

    /// Reads a comma-separated list as stored; unknown names are dropped, not fatal,
    /// so that a catalogue change never makes a stored row unreadable.
    public static func list(from stored: String) -> [DisputeType] {
        stored.split(separator: ",").compactMap { DisputeType(rawValue: String($0)) }
    }

    public static func stored(_ list: [DisputeType]) -> String {
        list.map(\.rawValue).joined(separator: ",")
    }
}
