/// What arrives through a channel: everything needed to register a case. `CaseLifecycle.register` validates it.
public struct Intake: Sendable, Codable, Equatable {
    public static let maximumTitleLength = 100
    public static let maximumDescriptionLength = 4000
    public static let maximumParties = 20
    public static let maximumAttachments = 20
    public static let maximumAddressLength = 200
    public static let maximumReferenceLength = 100
    public static let maximumCategoryCodeLength = 64
    public static let maximumNameLength = 50

    public var channel: Channel
    /// The source system's own reference (12345 work-order number, 110 incident number, court case number…).
    public var sourceReference: String?
    public var title: String
    public var description: String
    /// A code from the administrator-editable category catalogue.
    public var categoryCode: String?
    public var urgency: Urgency
    public var kind: CaseKind
    /// The region or grid where the matter is.
    public var regionID: Region.ID
    public var address: String?
    public var latitude: Double?
    public var longitude: Double?
    public var parties: [Party]
    public var attachments: [Attachment]
    /// The reporter does not want to be known; no reporter is then required.
    public var anonymous: Bool
    /// The reporter asked for text messages (短信通知) about the case's main steps at their phone. nil: not asked.
    public var smsNotifications: Bool? = nil

    public init(
        channel: Channel, sourceReference: String? = nil, title: String, description: String,
        categoryCode: String? = nil, urgency: Urgency, kind: CaseKind, regionID: Region.ID, address: String? = nil,
        latitude: Double? = nil, longitude: Double? = nil, parties: [Party] = [], attachments: [Attachment] = [],
        anonymous: Bool = false
    ) {
        self.channel = channel
        self.sourceReference = sourceReference
        self.title = title
        self.description = description
        self.categoryCode = categoryCode
        self.urgency = urgency
        self.kind = kind
        self.regionID = regionID
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.parties = parties
        self.attachments = attachments
        self.anonymous = anonymous
    }

    /// The first party in the reporter role, if any.
    public var reporter: Party? { parties.first { $0.role == .reporter } }

    /// Checks every field; the first problem found is thrown as `CaseError.invalidIntake`.
    ///
    /// Title 1–100 and description 1–4,000 characters (Chinese text: counted as characters, not bytes), optional
    /// fields within their limits, latitude and longitude both given and in range or both absent, at most 20 parties
    /// and 20 attachments, phone numbers of 7–20 digits (a leading + and hyphens allowed), ID numbers of 15 digits or
    /// 17 digits and a check character (digit or X), and a reporter with a name or a phone unless anonymous.
    public func validate() throws(CaseError) {
        guard Self.fits(title, maximum: Self.maximumTitleLength) else { throw .invalidIntake(.title) }
        guard Self.fits(description, maximum: Self.maximumDescriptionLength) else {
            throw .invalidIntake(.description)
        }
        if let sourceReference, !Self.fits(sourceReference, maximum: Self.maximumReferenceLength) {
            throw .invalidIntake(.sourceReference)
        }
        if let categoryCode, !CaseRules.isCategoryCode(categoryCode) { throw .invalidIntake(.categoryCode) }
        if let address, address.count > Self.maximumAddressLength { throw .invalidIntake(.address) }
        switch (latitude, longitude) {
        case (nil, nil):
            break
        case (let latitude?, let longitude?):
            guard latitude.isFinite, longitude.isFinite, (-90...90).contains(latitude),
                (-180...180).contains(longitude)
            else { throw .invalidIntake(.coordinates) }
        default:
            throw .invalidIntake(.coordinates)
        }
        guard parties.count <= Self.maximumParties else { throw .invalidIntake(.tooManyParties) }
        for (index, party) in parties.enumerated() {
            try Self.validate(party, number: index + 1)
        }
        if !anonymous {
            guard parties.contains(where: { $0.role == .reporter && $0.isIdentified }) else {
                throw .invalidIntake(.reporterRequired)
            }
        }
        guard attachments.count <= Self.maximumAttachments else { throw .invalidIntake(.tooManyAttachments) }
        for attachment in attachments {
            try attachment.validate()
        }
    }

    static func validate(_ party: Party, number: Int) throws(CaseError) {
        if let name = party.name, name.count > maximumNameLength { throw .invalidIntake(.partyName(party: number)) }
        if let phone = party.phone, !CaseRules.isPhoneNumber(phone) { throw .invalidIntake(.phone(party: number)) }
        if let idNumber = party.idNumber, !CaseRules.isIDNumber(idNumber) {
            throw .invalidIntake(.idNumber(party: number))
        }
        if let address = party.address, address.count > maximumAddressLength {
            throw .invalidIntake(.partyAddress(party: number))
        }
    }

    private static func fits(_ text: String, maximum: Int) -> Bool {
        let trimmed = text.trimmingWhitespace
        return !trimmed.isEmpty && trimmed.count <= maximum
    }
}

/// What is wrong with an intake. Never repeats personal data (a phone or ID number) back in the message: parties
/// are named by their position in the form.
public enum IntakeProblem: Sendable, Codable, Equatable {
    case title
    case description
    case sourceReference
    case categoryCode
    case address
    case coordinates
    case tooManyParties
    case partyName(party: Int)
    case phone(party: Int)
    case idNumber(party: Int)
    case partyAddress(party: Int)
    case reporterRequired
    case tooManyAttachments
    case attachmentName
    case attachmentType(fileName: String, contentType: String)
    case attachmentSize(fileName: String)
    case attachmentChecksum(fileName: String)
    case regionPath

    /// The form field at fault, for forms and API problem documents (`parties[2].phone`, 0-based like JSON).
    public var field: String {
        switch self {
        case .title: "title"
        case .description: "description"
        case .sourceReference: "sourceReference"
        case .categoryCode: "categoryCode"
        case .address: "address"
        case .coordinates: "latitude"
        case .tooManyParties, .reporterRequired: "parties"
        case .partyName(let party): "parties[\(party - 1)].name"
        case .phone(let party): "parties[\(party - 1)].phone"
        case .idNumber(let party): "parties[\(party - 1)].idNumber"
        case .partyAddress(let party): "parties[\(party - 1)].address"
        case .tooManyAttachments, .attachmentName, .attachmentType, .attachmentSize, .attachmentChecksum:
            "attachments"
        case .regionPath: "regionID"
        }
    }

    public var message: Localized {
        switch self {
        case .title:
            Localized(zh: "请填写标题，不超过100个字。", en: "A title of 1 to 100 characters is required.")
        case .description:
            Localized(zh: "请填写事项描述，不超过4000个字。", en: "A description of 1 to 4,000 characters is required.")
        case .sourceReference:
            Localized(zh: "来源编号不能为空白，且不超过100个字符。", en: "The source reference must be 1 to 100 characters.")
        case .categoryCode:
            Localized(zh: "事项分类代码无效。", en: "The category code is invalid.")
        case .address:
            Localized(zh: "地址不超过200个字。", en: "The address must be at most 200 characters.")
        case .coordinates:
            Localized(
                zh: "经纬度须同时填写，纬度在−90至90之间，经度在−180至180之间。",
                en: "Give both latitude (−90 to 90) and longitude (−180 to 180), or neither.")
        case .tooManyParties:
            Localized(zh: "当事人最多20位。", en: "At most 20 parties.")
        case .partyName(let party):
            Localized(zh: "第\(party)位当事人的姓名不超过50个字。", en: "Party \(party): the name must be at most 50 characters.")
        case .phone(let party):
            Localized(
                zh: "第\(party)位当事人的电话号码格式不正确：应为7至20位数字，可含“+”和“-”。",
                en: "Party \(party): the phone number must be 7 to 20 digits; + and - are allowed.")
        case .idNumber(let party):
            Localized(
                zh: "第\(party)位当事人的身份证号码格式不正确：应为15位数字，或17位数字加1位数字或X。",
                en: "Party \(party): the ID number must be 15 digits, or 17 digits and a digit or X.")
        case .partyAddress(let party):
            Localized(
                zh: "第\(party)位当事人的地址不超过200个字。", en: "Party \(party): the address must be at most 200 characters.")
        case .reporterRequired:
            Localized(
                zh: "实名反映须填写反映人的姓名或电话；不愿留名请选择匿名反映。",
                en: "A named report needs the reporter's name or phone; choose an anonymous report otherwise.")
        case .tooManyAttachments:
            Localized(zh: "附件最多20个。", en: "At most 20 attachments.")
        case .attachmentName:
            Localized(zh: "附件文件名无效。", en: "An attachment has an invalid file name.")
        case .attachmentType(let fileName, _):
            Localized(
                zh: "附件“\(fileName)”的类型不受支持：只接受 JPEG、PNG、WebP 图片和 PDF 文件。",
                en: "Attachment \"\(fileName)\" has an unsupported type: only JPEG, PNG, WebP images and PDF files.")
        case .attachmentSize(let fileName):
            Localized(
                zh: "附件“\(fileName)”为空或超过10 MB。", en: "Attachment \"\(fileName)\" is empty or larger than 10 MB.")
        case .attachmentChecksum(let fileName):
            Localized(
                zh: "附件“\(fileName)”的校验值无效。", en: "Attachment \"\(fileName)\" has an invalid checksum.")
        case .regionPath:
            Localized(zh: "事发区域无效。", en: "The region of the case is invalid.")
        }
    }
}

/// Small checks shared by intake and commands.
public enum CaseRules {
    /// Notes, reasons, summaries and answers: at most this many characters.
    public static let maximumTextLength = 4000
    /// An extension asks for 1 to this many working days.
    public static let maximumExtensionWorkingDays = 30
    /// Files added with one progress note (a department's photos of the fix).
    public static let maximumAttachmentsPerStep = 3
    /// At most this many assisting organisations on one dispatch.
    public static let maximumAssisting = 10

    /// 7–20 characters of digits and hyphens, with an optional leading "+", and at least 7 digits.
    public static func isPhoneNumber(_ text: String) -> Bool {
        guard (7...20).contains(text.count) else { return false }
        for (index, character) in text.enumerated() {
            let allowed = character.isASCIIDigit || character == "-" || (character == "+" && index == 0)
            guard allowed else { return false }
        }
        return text.filter(\.isASCIIDigit).count >= 7
    }

    /// 15 digits (first-generation card) or 17 digits followed by a digit or X (x accepted).
    /// The check character itself is not verified: imported records carry numbers with wrong check digits.
    public static func isIDNumber(_ text: String) -> Bool {
        let characters = Array(text)
        switch characters.count {
        case 15:
            return characters.allSatisfy(\.isASCIIDigit)
        case 18:
            let last = characters[17]
            return characters[..<17].allSatisfy(\.isASCIIDigit) && (last.isASCIIDigit || last == "X" || last == "x")
        default:
            return false
        }
    }

    /// 1–64 characters, no whitespace.
    public static func isCategoryCode(_ text: String) -> Bool {
        !text.isEmpty && text.count <= Intake.maximumCategoryCodeLength && !text.contains(where: \.isWhitespace)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
