/// A piece of user-facing text in both of the product's languages.
/// zh-Hans is always first: it is what users see unless they switch to English.
public struct Localized: Sendable, Hashable, Codable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func text(_ language: DisplayLanguage) -> String {
        switch language {
        case .zhHans: zh
        case .en: en
        }
    }
}

public enum DisplayLanguage: String, Sendable, CaseIterable, Codable {
    case zhHans = "zh-Hans"
    case en
}

/// An error a user can act on: a stable code for machines, a message in both languages for people.
public protocol UserFacingError: Error {
    var code: String { get }
    var message: Localized { get }
}
