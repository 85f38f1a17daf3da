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

/// An error a user can act on: a stable code for machines, a message in both languages for people, and its kind,
/// which the server maps to an HTTP status in one place (`ErrorStatus`) for the API, the pages and Open311.
public protocol UserFacingError: Error {
    var code: String { get }
    var message: Localized { get }
    var kind: ErrorKind { get }
}

extension UserFacingError {
    /// Most refusals are about what was sent.
    public var kind: ErrorKind { .invalid }
}

/// What kind of refusal an error is, whatever layer raised it.
public enum ErrorKind: String, Sendable, CaseIterable {
    /// The request cannot be read: a field of the wrong type, an unknown value, a missing header (HTTP 400).
    case malformed
    /// It was read, and what it asks is not acceptable: a rule of the domain refuses it (422).
    case invalid
    /// No such thing, or not one the asker may see: the two are not told apart (404).
    case notFound
    /// Not this person's to do: role, jurisdiction, organisation (403).
    case forbidden
    /// Not now: the state of the thing, or someone else's change in between (409).
    case conflict
}
