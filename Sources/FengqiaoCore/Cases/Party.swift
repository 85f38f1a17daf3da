/// A person involved in a case: the reporter or another party. Every field is personal information: show it masked
/// (`Masking`) unless the screen needs it.
public struct Party: Sendable, Codable, Equatable, Hashable {
    /// 反映人 reports; in a dispute the parties are 申请人 (who asks for mediation), 被申请人 (the other side) and
    /// 第三人 (someone the outcome touches). `other` (当事人) is a party whose side is not said.
    public enum Role: String, CaseIterable, Codable, Sendable {
        case reporter
        case applicant
        case respondent
        case thirdParty
        case other

        public var name: Localized {
            switch self {
            case .reporter: Localized(zh: "反映人", en: "Reporter")
            case .applicant: Localized(zh: "申请人", en: "Applicant")
            case .respondent: Localized(zh: "被申请人", en: "Respondent")
            case .thirdParty: Localized(zh: "第三人", en: "Third party")
            case .other: Localized(zh: "当事人", en: "Other party")
            }
        }
    }

    public var role: Role
    public var name: String?
    public var phone: String?
    /// 居民身份证号码: 15 or 18 characters.
    public var idNumber: String?
    public var address: String?

    public init(
        role: Role, name: String? = nil, phone: String? = nil, idNumber: String? = nil, address: String? = nil
    ) {
        self.role = role
        self.name = name
        self.phone = phone
        self.idNumber = idNumber
        self.address = address
    }

    /// The same party with every personal field masked.
    public var masked: Party {
        Party(
            role: role, name: name.map(Masking.name), phone: phone.map(Masking.phone),
            idNumber: idNumber.map(Masking.idNumber), address: address.map(Masking.address))
    }

    /// A reporter can be called back or visited: they left a name or a phone number.
    var isIdentified: Bool { name.isPresent || phone.isPresent }
}

/// A photo or file attached to a case. The bytes live in storage; the case keeps what identifies them.
public struct Attachment: Sendable, Codable, Equatable, Hashable {
    /// The content types the platform accepts.
    public static let allowedContentTypes: Set<String> = ["image/jpeg", "image/png", "image/webp", "application/pdf"]
    /// 10 MiB.
    public static let maximumSize = 10 * 1024 * 1024

    public var fileName: String
    public var contentType: String
    /// Bytes.
    public var size: Int
    /// SHA-256 of the bytes, 64 lowercase hexadecimal digits.
    public var sha256: String

    public init(fileName: String, contentType: String, size: Int, sha256: String) {
        self.fileName = fileName
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
    }

    /// Checks the name, the type against the allow-list, the size and the checksum's form.
    public func validate() throws(CaseError) {
        let name = fileName.trimmingWhitespace
        guard !name.isEmpty, name.count <= 255, !name.contains(where: { "/\\".contains($0) || $0.isNewline }) else {
            throw .invalidIntake(.attachmentName)
        }
        guard Self.allowedContentTypes.contains(contentType.lowercased()) else {
            throw .invalidIntake(.attachmentType(fileName: name, contentType: contentType))
        }
        guard size > 0, size <= Self.maximumSize else { throw .invalidIntake(.attachmentSize(fileName: name)) }
        guard sha256.utf8.count == 64,
            sha256.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { throw .invalidIntake(.attachmentChecksum(fileName: name)) }
    }
}

extension Optional where Wrapped == String {
    /// Holds text other than whitespace.
    var isPresent: Bool { self.map { !$0.trimmingWhitespace.isEmpty } ?? false }
}
