/// Masks personal data for screens that do not need it in full. Every function is total: empty and short inputs
/// come back masked too (never longer than needed to hide them), surrounding whitespace is dropped.
public enum Masking {
    /// The mask character.
    public static let star: Character = "*"

    /// The family name stays: 张三丰 → 张**, 张三 → 张*, a one-character name → *.
    public static func name(_ name: String) -> String {
        let characters = Array(name.trimmingWhitespace)
        guard characters.count > 1 else { return stars(characters.count) }
        return String(characters[0]) + stars(characters.count - 1)
    }

    /// 13812341234 → 138****1234: with 11 characters or more the first 3 and last 4 stay around four stars; shorter
    /// numbers (landline extensions) keep only their last 4 when at least 7 long; anything shorter is all stars.
    public static func phone(_ phone: String) -> String {
        let characters = Array(phone.trimmingWhitespace)
        switch characters.count {
        case 11...:
            return String(characters.prefix(3)) + stars(4) + String(characters.suffix(4))
        case 7..<11:
            return stars(characters.count - 4) + String(characters.suffix(4))
        default:
            return stars(characters.count)
        }
    }

    /// 110101199001011234 → 110101********1234: the first 6 (the region) and last 4 stay; shorter than 11
    /// characters is all stars.
    public static func idNumber(_ idNumber: String) -> String {
        let characters = Array(idNumber.trimmingWhitespace)
        guard characters.count >= 11 else { return stars(characters.count) }
        return String(characters.prefix(6)) + stars(characters.count - 10) + String(characters.suffix(4))
    }

    /// The first 6 characters (usually county and township) then ****; an address of 6 characters or fewer keeps
    /// only its first half.
    public static func address(_ address: String) -> String {
        let characters = Array(address.trimmingWhitespace)
        guard !characters.isEmpty else { return "" }
        let kept = characters.count > 6 ? 6 : characters.count / 2
        return String(characters.prefix(kept)) + stars(4)
    }

    private static func stars(_ count: Int) -> String { String(repeating: star, count: max(0, count)) }
}
