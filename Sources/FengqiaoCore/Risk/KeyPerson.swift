import Foundation

/// The class of a key person (重点人员三色管理), set by an assessment: green gets talks and a monthly visit, yellow a
/// care group and visits every two weeks, red a guardianship group and weekly visits (驻马店's model, DOMAIN.md).
public enum KeyPersonClass: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case green
    case yellow
    case red

    public var name: Localized {
        switch self {
        case .green: Localized(zh: "绿色（一般关注）", en: "Green (watch)")
        case .yellow: Localized(zh: "黄色（重点关注）", en: "Yellow (close attention)")
        case .red: Localized(zh: "红色（高度关注）", en: "Red (high attention)")
        }
    }

    /// The short name on lists and tiles: 绿 / 黄 / 红.
    public var short: Localized {
        switch self {
        case .green: Localized(zh: "绿", en: "Green")
        case .yellow: Localized(zh: "黄", en: "Yellow")
        case .red: Localized(zh: "红", en: "Red")
        }
    }

    var rank: Int {
        switch self {
        case .green: 0
        case .yellow: 1
        case .red: 2
        }
    }

    public static func < (left: KeyPersonClass, right: KeyPersonClass) -> Bool { left.rank < right.rank }
}

/// The care plan of each class: how often the person is visited, on the working-day clock of cases. The county's
/// administrators set it; the standard is red every week, yellow every two weeks, green every month.
public struct CarePlan: Sendable, Hashable, Codable {
    /// The visit interval of each class.
    public var intervals: [KeyPersonClass: TimeLimit]

    public init(intervals: [KeyPersonClass: TimeLimit]) { self.intervals = intervals }

    public static let standard = CarePlan(intervals: [
        .red: .workingDays(5), .yellow: .workingDays(10), .green: .workingDays(22),
    ])

    public func interval(for personClass: KeyPersonClass) -> TimeLimit {
        intervals[personClass] ?? Self.standard.intervals[personClass] ?? .workingDays(22)
    }

    /// When the next visit is due: the interval of the class on the working calendar from the last visit (or from
    /// the time the person was registered or re-classed, whichever is later).
    public func nextVisitDue(
        class personClass: KeyPersonClass, lastVisit: Date?, classedAt: Date, calendar: WorkingCalendar
    ) -> Date {
        let from = max(lastVisit ?? classedAt, classedAt)
        return calendar.deadline(for: interval(for: personClass), from: from)
    }

    /// Every problem: an interval that is not a positive number of days (working or natural), or a class visited
    /// less often than a milder one.
    public func problems(calendar: WorkingCalendar) -> [Localized] {
        var found: [Localized] = []
        for personClass in KeyPersonClass.allCases {
            switch interval(for: personClass) {
            case .workingDays(let days) where days > 0, .naturalDays(let days) where days > 0: continue
            default:
                found.append(
                    Localized(
                        zh: "\(personClass.name.zh)的走访周期应为正整数天。",
                        en: "The visit interval of \(personClass.name.en) must be a positive number of days."))
            }
        }
        let lengths = KeyPersonClass.allCases.map { calendar.length(of: interval(for: $0)) }
        if found.isEmpty, !(lengths[0] >= lengths[1] && lengths[1] >= lengths[2]) {
            found.append(
                Localized(
                    zh: "红色人员的走访应不少于黄色，黄色不少于绿色。",
                    en: "Red must be visited at least as often as yellow, yellow as often as green."))
        }
        return found
    }
}

/// How people and households are recognised across cases (never by name): the ID number and the phone number in one
/// normal form each, which the store turns into keyed hashes (`PersonKey` in the store: HMAC with the server's
/// secret, never the clear value as a key), and a household by its address within a grid.
public enum PersonIdentifiers {
    /// An 18-character ID number with a capital X, or a 15-digit first-generation one, without spaces; nil when it
    /// is not an ID number.
    public static func idNumber(_ text: String) -> String? {
        let compact = text.filter { !$0.isWhitespace }.uppercased()
        return CaseRules.isIDNumber(compact) ? compact : nil
    }

    /// A mainland mobile number as its 11 digits (a leading +86, 86 or 0086 and separators dropped); other phone
    /// numbers as their digits when there are at least 7; nil otherwise.
    public static func phone(_ text: String) -> String? {
        var digits = text.filter(\.isASCIIDigit)
        for prefix in ["0086", "86"] where digits.hasPrefix(prefix) && digits.count == prefix.count + 11 {
            digits.removeFirst(prefix.count)
        }
        return digits.count >= 7 ? digits : nil
    }

    /// The keys to hash for one person: `id:` and `phone:` forms of what is known.
    public static func keys(idNumber: String?, phone: String?) -> [String] {
        [idNumber.flatMap(Self.idNumber).map { "id:\($0)" }, phone.flatMap(Self.phone).map { "phone:\($0)" }]
            .compactMap { $0 }
    }

    /// A household's key within its grid: the address without spaces and punctuation, full-width letters and
    /// digits made half-width, Chinese numerals before 号/组/栋/幢/单元/室/楼 made digits ("三组" → "3组"), and the
    /// grid code in front; nil for an empty address.
    public static func household(address: String, gridCode: String) -> String? {
        var text = ""
        for scalar in address.unicodeScalars {
            if (0xFF01...0xFF5E).contains(scalar.value), let half = Unicode.Scalar(scalar.value - 0xFEE0) {
                text.unicodeScalars.append(half)
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        text = text.lowercased().filter { $0.isLetter || $0.isNumber }
        guard !text.isEmpty else { return nil }
        return "\(gridCode)/" + numeralsBeforeUnits(text)
    }

    private static let numerals: [Character: Int] = [
        "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
    ]
    private static let units: Set<Character> = ["号", "组", "栋", "幢", "单", "室", "楼", "排", "户"]

    /// "三组" → "3组", "十二号" → "12号", "二十一栋" → "21栋": runs of Chinese numerals right before a unit word.
    static func numeralsBeforeUnits(_ text: String) -> String {
        var result = ""
        var run = ""
        func flush(before next: Character?) {
            defer { run = "" }
            guard !run.isEmpty else { return }
            guard let next, units.contains(next), let value = value(of: run) else {
                result += run
                return
            }
            result += String(value)
        }
        for character in text {
            if numerals[character] != nil {
                run.append(character)
            } else {
                flush(before: character)
                result.append(character)
            }
        }
        flush(before: nil)
        return result
    }

    /// The value of up to two-digit Chinese numerals (一 … 九十九), nil otherwise.
    static func value(of run: String) -> Int? {
        let digits = run.compactMap { numerals[$0] }
        switch digits.count {
        case 1: return digits[0]
        case 2 where digits[0] == 10: return 10 + digits[1]
        case 2 where digits[1] == 10: return digits[0] * 10
        case 3 where digits[1] == 10: return digits[0] * 10 + digits[2]
        default: return nil
        }
    }
}
