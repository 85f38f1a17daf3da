import Foundation

/// What an organisation is, which decides what it can be dispatched and what it shows in directories.
public enum OrganisationKind: String, Sendable, CaseIterable, Codable {
    /// 综治中心 / 矛调中心 at a level: registers, assesses, dispatches, supervises.
    case center
    /// 职能部门: justice office, housing, labour inspection, market regulation, women's federation…
    case department
    /// 派出所
    case policeStation
    /// 人民法庭 / 人民法院
    case court
    /// 人民调解委员会, including professional committees (medical, traffic, property, labour, family).
    case mediationCommittee
    /// A named personal mediation studio such as "老王说和室".
    case mediationStudio

    public var name: Localized {
        switch self {
        case .center: Localized(zh: "综治中心", en: "Governance center")
        case .department: Localized(zh: "职能部门", en: "Department")
        case .policeStation: Localized(zh: "派出所", en: "Police station")
        case .court: Localized(zh: "法院（法庭）", en: "Court")
        case .mediationCommittee: Localized(zh: "调解委员会", en: "Mediation committee")
        case .mediationStudio: Localized(zh: "个人调解工作室", en: "Mediation studio")
        }
    }

    public var isMediation: Bool { self == .mediationCommittee || self == .mediationStudio }
}

public struct Organisation: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<Organisation>

    public var id: ID
    public var name: String
    public var kind: OrganisationKind
    public var regionID: Region.ID
    /// For professional mediation committees and studios: the dispute types they take.
    public var specialties: [DisputeType]
    public var phone: String?
    /// When the organisation was retired (撤销): it leaves dispatch choices, the directory and pick-lists but stays
    /// on old cases.
    public var retiredAt: Date?

    public var isRetired: Bool { retiredAt != nil }

    public init(
        id: ID, name: String, kind: OrganisationKind, regionID: Region.ID, specialties: [DisputeType] = [],
        phone: String? = nil, retiredAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.regionID = regionID
        self.specialties = specialties
        self.phone = phone
        self.retiredAt = retiredAt
    }
}

public struct NewOrganisation: Sendable, Hashable, Codable {
    public var name: String
    public var kind: OrganisationKind
    public var regionID: Region.ID
    public var specialties: [DisputeType]
    public var phone: String?

    public init(
        name: String, kind: OrganisationKind, regionID: Region.ID, specialties: [DisputeType] = [],
        phone: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.regionID = regionID
        self.specialties = specialties
        self.phone = phone
    }

    public func validate() throws(OrganisationError) {
        guard !name.trimmingWhitespace.isEmpty, name.count <= 100 else { throw .invalidName }
        if let phone { try Self.validatePhone(phone) }
    }

    /// A telephone number as people write it ("0571-8888 6666", "+86 138…", "（0571）12345"): digits with spaces,
    /// hyphens, brackets and a leading plus, 3 to 30 characters. Blank means none (the caller passes nil).
    public static func validatePhone(_ phone: String) throws(OrganisationError) {
        let allowed = Set("0123456789 -+()（）")
        guard (3...30).contains(phone.count), phone.allSatisfy(allowed.contains),
            phone.contains(where: \.isNumber)
        else { throw .invalidPhone(phone) }
    }
}

public enum OrganisationError: UserFacingError, Equatable {
    case invalidName
    case regionNotFound
    case notFound
    case invalidPhone(String)

    public var code: String {
        switch self {
        case .invalidName: "organisation.invalid_name"
        case .regionNotFound: "organisation.region_not_found"
        case .notFound: "organisation.not_found"
        case .invalidPhone: "organisation.invalid_phone"
        }
    }

    public var message: Localized {
        switch self {
        case .invalidName:
            Localized(zh: "单位名称不能为空，且不超过100个字。", en: "An organisation needs a name of at most 100 characters.")
        case .regionNotFound:
            Localized(zh: "单位所属区域不存在。", en: "The organisation's region does not exist.")
        case .notFound:
            Localized(zh: "找不到该单位。", en: "No such organisation.")
        case .invalidPhone(let phone):
            Localized(
                zh: "联系电话“\(phone)”无效：只能使用数字、空格、连字符和括号，3到30位。",
                en: "Phone \"\(phone)\" is invalid: digits, spaces, hyphens and brackets, 3 to 30 characters.")
        }
    }
}
