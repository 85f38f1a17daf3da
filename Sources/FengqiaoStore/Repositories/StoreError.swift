import FengqiaoCore

/// Failures of the store itself that a user can understand.
public enum StoreError: UserFacingError, Equatable {
    case notFound(String)

    public var code: String {
        switch self {
        case .notFound: "store.not_found"
        }
    }

    public var message: Localized {
        switch self {
        case .notFound(let what):
            Localized(zh: "找不到：\(what)", en: "Not found: \(what)")
        }
    }
}
