/// What a mediator's directory card must hold, checked once for the admin page, the API and the spreadsheet
/// onboarding.
extension NewMediator {
    public static let maximumNameLength = 50
    public static let maximumProfileLength = 1000
    public static let maximumLanguages = 10
    public static let maximumLanguageLength = 20

    /// A name of 1–50 characters, at least one specialty, at least one level served (village, township or county),
    /// at most 10 languages of at most 20 characters each, a profile of at most 1000 characters.
    public func validate() throws(MediatorError) {
        guard !name.trimmingWhitespace.isEmpty, name.count <= Self.maximumNameLength else { throw .invalidName }
        guard !specialties.isEmpty else { throw .noSpecialty }
        guard !levels.isEmpty, levels.allSatisfy(MediatorRules.levels.contains) else { throw .invalidLevels }
        guard languages.count <= Self.maximumLanguages,
            languages.allSatisfy({ !$0.trimmingWhitespace.isEmpty && $0.count <= Self.maximumLanguageLength })
        else { throw .invalidLanguages }
        guard profile.count <= Self.maximumProfileLength else { throw .profileTooLong }
    }
}

public enum MediatorRules {
    /// The levels a mediator may serve at.
    public static let levels: [RegionLevel] = [.village, .township, .county]
}

public enum MediatorError: UserFacingError, Equatable {
    case invalidName
    case noSpecialty
    case invalidLevels
    case invalidLanguages
    case profileTooLong
    case notFound
    /// The account to link signs in elsewhere: it holds no mediator role at the card's organisation.
    case accountNotMediator(String)
    /// The account is already linked to another card.
    case accountTaken(String)
    /// A retired mediator's card is not changed (reinstate it first).
    case retired
    /// The photo is not a JPEG, PNG or WebP image.
    case photoNotImage

    public var code: String {
        switch self {
        case .invalidName: "mediator.invalid_name"
        case .noSpecialty: "mediator.no_specialty"
        case .invalidLevels: "mediator.invalid_levels"
        case .invalidLanguages: "mediator.invalid_languages"
        case .profileTooLong: "mediator.profile_too_long"
        case .notFound: "mediator.not_found"
        case .accountNotMediator: "mediator.account_not_mediator"
        case .accountTaken: "mediator.account_taken"
        case .retired: "mediator.retired"
        case .photoNotImage: "mediator.photo_not_image"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .notFound: .notFound
        case .accountTaken, .retired: .conflict
        default: .invalid
        }
    }

    public var message: Localized {
        switch self {
        case .invalidName:
            Localized(zh: "调解员姓名不能为空，且不超过50个字。", en: "A mediator's name of at most 50 characters is required.")
        case .noSpecialty:
            Localized(zh: "擅长领域至少选一项。", en: "Choose at least one specialty.")
        case .invalidLevels:
            Localized(
                zh: "服务层级至少选一项（村（社区）、乡镇（街道）或县）。",
                en: "Choose at least one level served (village, township or county).")
        case .invalidLanguages:
            Localized(
                zh: "语言最多10种，每种不超过20个字，不能为空。",
                en: "At most 10 languages, each of 1–20 characters.")
        case .profileTooLong:
            Localized(zh: "简介不超过1000个字。", en: "The profile may be at most 1000 characters long.")
        case .notFound:
            Localized(zh: "找不到这位调解员。", en: "No such mediator.")
        case .accountNotMediator(let name):
            Localized(
                zh: "账号“\(name)”在该调解组织没有调解员角色，不能关联。",
                en: "Account \"\(name)\" holds no mediator role at this organisation and cannot be linked.")
        case .accountTaken(let name):
            Localized(
                zh: "账号“\(name)”已关联另一位调解员。", en: "Account \"\(name)\" is already linked to another mediator.")
        case .retired:
            Localized(
                zh: "这位调解员已退出，请先恢复再修改。", en: "This mediator has retired; reinstate them before changing the card.")
        case .photoNotImage:
            Localized(
                zh: "照片须为 JPEG、PNG 或 WebP 图片。", en: "The photo must be a JPEG, PNG or WebP image.")
        }
    }
}
