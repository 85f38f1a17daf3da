import FengqiaoCore
import Foundation
import Hummingbird

/// Text in both languages, as the API returns it.
struct LocalizedText: Codable, Sendable, Equatable {
    let zh: String
    let en: String

    init(_ text: Localized) {
        zh = text.zh
        en = text.en
    }
}
