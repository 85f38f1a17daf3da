import FengqiaoCore
import Foundation

/// The words of the party (当事人) forms on the case page.
enum PartyStrings {
    /// The roles offered, dispute roles first; 当事人 (a side not said) last.
    static let roles: [Party.Role] = [.applicant, .respondent, .thirdParty, .reporter, .other]
    static let role = Localized(zh: "身份", en: "Role")
    static let name = Localized(zh: "姓名", en: "Name")
    static let phone = Localized(zh: "联系电话", en: "Phone")
    static let idNumber = Localized(zh: "身份证号码", en: "ID number")
    static let address = Localized(zh: "住址", en: "Address")
    static let correct = Localized(zh: "更正或删除", en: "Correct or remove")
    static let saveCorrection = Localized(zh: "保存更正", en: "Save the correction")
    static let removeReason = Localized(zh: "删除理由", en: "Why remove this party")
    static let remove = Localized(zh: "删除该当事人", en: "Remove this party")
    static let redraftHint = Localized(
        zh: "当事人已变更，协议书仍按上一版列明当事人；请重新起草调解协议。",
        en: "The parties changed since the last draft; draft the agreement again to list them.")
}
