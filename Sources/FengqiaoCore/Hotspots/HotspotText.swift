import Foundation

/// How a citizen's report becomes the pieces that hotspot clustering compares: Chinese character pairs (bigrams)
/// and whole tokens for numbered things.
///
/// Chinese has no spaces between words, so the text is cut into runs of Chinese characters at punctuation,
/// particles (的、了、吗…), pronouns (我、你、他…) and the words of the stop list; every run gives its overlapping
/// character pairs. Line numbers, building numbers and codes are kept whole ("149路", "3号楼", "g60", "ktv"):
/// their pieces ("14", "49") would match any other number. Bare numbers (times, amounts, dates, phone numbers) are
/// dropped: "四十分钟" or "8:20" says nothing about the topic.
public enum HotspotText {
    /// One piece of a report: a run of Chinese characters (compared by its pairs) or a whole token.
    public enum Segment: Sendable, Hashable {
        case han([Character])
        case token(String)
    }

    /// Full-width letters, digits and signs become half-width (ＫＴＶ → KTV, １４９ → 149), the ideographic space a
    /// space, and everything lower case.
    public static func normalise(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return String(scalars).lowercased()
    }

    /// Words that appear in reports about any topic: how people ask ("希望", "请求", "尽快"), who asks ("群众",
    /// "居民", "来电人"), the channel's own boilerplate ("网格员上报", "热线", "窗口来访"), time words ("最近",
    /// "一直", "现在") and vague weight ("严重", "影响", "特别"). They break a run like punctuation does, so they
    /// neither count as shared nor glue unrelated characters into pairs. Place-type words ("社区", "小区", "街道")
    /// are in the list too: the names before them ("新港城", "南河") carry the place, the type word would link
    /// every report from any compound. Deliberately NOT in the list: topic words that happen to be frequent
    /// ("停水", "噪音", "工资", "物业", "公交"): the inverse document frequency lowers them where they are common,
    /// and they are exactly what two reports of one problem share.
    public static let stopWords: Set<String> = [
        // asking, demanding, thanking
        "反映", "反应", "投诉", "举报", "诉求", "希望", "请求", "要求", "建议", "恳请", "请问", "解决", "处理", "帮忙",
        "帮助", "麻烦", "谢谢", "感谢", "尽快", "及时", "赶紧", "能否", "能不能", "可以", "管一管", "管管", "一下",
        "说法", "回复", "答复", "重视", "关心", "落实",
        // who
        "群众", "老百姓", "居民", "村民", "市民", "业主们", "我们", "你们", "他们", "大家", "有人", "没人", "人员",
        "工作人员", "领导", "政府", "有关部门", "相关部门", "有关", "相关", "部门",
        // channels and their boilerplate
        "来电人", "来电", "来访人", "来访", "反映人", "网格员", "网格", "上报", "巡查", "走访", "热线", "电话",
        "小程序", "窗口", "信访件", "信访", "转来", "警情",
        // vague weight, quantity and manner
        "问题", "情况", "严重", "影响", "非常", "特别", "很多", "好多", "一些", "多次", "经常", "总是", "十分",
        "到底", "根本", "实在", "真的", "确实", "存在", "出现", "发生", "导致", "造成", "不管", "不了", "一个",
        // time
        "一直", "现在", "目前", "最近", "今天", "昨天", "明天", "今年", "去年", "已经", "每天", "天天", "时间",
        "小时", "分钟", "之前", "以后", "的时候", "时候",
        // function words
        "这个", "那个", "这里", "那里", "这边", "那边", "这样", "什么", "怎么", "为什么", "没有", "因为", "所以",
        "由于", "但是", "还是", "就是", "不是", "是否", "如果", "而且", "并且", "或者", "还有", "以及",
        // place types (the name before them is kept)
        "社区", "小区", "街道", "附近", "周边", "一带",
    ]

    /// Single characters that end a run: particles and pronouns (they join any two words into a meaningless pair).
    static let breakCharacters: Set<Character> = [
        "的", "了", "吗", "呢", "吧", "啊", "呀", "嘛", "哦", "么", "我", "你", "他", "她", "它", "这", "那",
    ]

    /// Chinese numerals: a pair made of two of them ("四十", "两万") is an amount, not a topic.
    static let numeralCharacters: Set<Character> = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "两", "几", "半", "多", "余", "零",
    ]

    /// What may follow a number to make it a thing with a name: a bus line ("149路"), a metro or road line
    /// ("2号线"), a building ("3号楼", "5栋", "2单元"), a courtyard ("2号院"), a village group ("4组"), a lane.
    /// Longest first. "层" and "楼" alone are left out: "住20层", "3楼" say where in a building, not which.
    static let numberUnits: [String] = [
        "号楼", "号院", "号线", "单元", "路", "栋", "幢", "号", "组", "线", "巷", "弄",
    ]

    /// Units that name something spanning many villages: a bus or metro line, a numbered road ("g60"). Two reports
    /// sharing one are close in place wherever the reporters live.
    static func isLineToken(_ token: String) -> Bool {
        if token.hasSuffix("路") || token.hasSuffix("线") { return true }
        // a road code: letters then digits, such as g60 or s101
        guard let first = token.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        return token.unicodeScalars.contains { ("0"..."9").contains($0) } && !token.hasSuffix("号")
    }

    /// The segments of a report, in order: Chinese runs (stop words, particles and numbers removed) and tokens.
    public static func segments(_ text: String) -> [Segment] {
        let characters = Array(normalise(text))
        var segments: [Segment] = []
        var run: [Character] = []
        func endRun() {
            if !run.isEmpty { segments.append(.han(run)) }
            run = []
        }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if isASCIILetterOrDigit(character) {
                endRun()
                var end = index
                while end < characters.count, isASCIILetterOrDigit(characters[end]) { end += 1 }
                let word = String(characters[index..<end])
                let (token, next) = numberedToken(
                    word, after: index > 0 ? characters[index - 1] : nil,
                    in: characters, from: end)
                if let token { segments.append(.token(token)) }
                index = next
                continue
            }
            if let (value, length) = chineseNumeralToken(in: characters, from: index) {
                endRun()
                segments.append(.token(value))
                index += length
                continue
            }
            if !isHan(character) || breakCharacters.contains(character) {
                endRun()
                index += 1
                continue
            }
            if let length = stopWordLength(in: characters, at: index) {
                endRun()
                index += length
                continue
            }
            run.append(character)
            index += 1
        }
        endRun()
        return segments
    }

    /// The features of a report: its tokens and the pairs of its Chinese runs, each once; with `unigrams`, also
    /// the single characters of the runs (as "1:水"), which catch the same topic in other words ("停电", "断电",
    /// "没电" share "电").
    public static func features(_ text: String, unigrams: Bool = false) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for segment in segments(text) {
            var pieces = features(of: segment)
            if unigrams, case .han(let characters) = segment { pieces += self.unigrams(characters) }
            for feature in pieces where seen.insert(feature).inserted {
                result.append(feature)
            }
        }
        return result
    }

    /// The single characters of a run as features ("1:电"), numerals left out.
    static func unigrams(_ characters: [Character]) -> [String] {
        characters.filter { !numeralCharacters.contains($0) }.map { "1:" + String($0) }
    }

    static func features(of segment: Segment) -> [String] {
        switch segment {
        case .token(let token): return [token]
        case .han(let characters): return bigrams(characters).compactMap { $0 }
        }
    }

    /// The pairs of a run, position by position; nil where the pair is two numerals ("四十").
    static func bigrams(_ characters: [Character]) -> [String?] {
        guard characters.count > 1 else { return [] }
        return (0..<(characters.count - 1)).map { index in
            let first = characters[index]
            let second = characters[index + 1]
            if numeralCharacters.contains(first) && numeralCharacters.contains(second) { return nil }
            return String([first, second])
        }
    }

    // MARK: - Pieces

    private static func isASCIILetterOrDigit(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isLetter || character.isNumber
    }

    private static func isHan(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }

    /// The length of the longest stop word starting at `index`, if any.
    private static func stopWordLength(in characters: [Character], at index: Int) -> Int? {
        // by first character, longest first: most characters start no stop word (this ran for every character of
        // every report and was most of an insertion's cost when it built a string per length)
        guard let words = stopWordsByFirst[characters[index]] else { return nil }
        for word in words where word.count >= 2 && index + word.count <= characters.count {
            if characters[index..<(index + word.count)].elementsEqual(word) { return word.count }
        }
        return nil
    }

    private static let stopWordsByFirst: [Character: [[Character]]] = Dictionary(
        grouping: stopWords.map(Array.init).filter { !$0.isEmpty }, by: { $0[0] }
    ).mapValues { $0.sorted { ($0.count, String($0)) > ($1.count, String($1)) } }

    /// An ASCII word as a token: a number followed by a unit ("149" + "路"), "149公交" read as "149路", a code of
    /// letters and digits ("g60"), a word of letters ("ktv"); nil for a bare number, a single letter or a day of
    /// the month ("6月3号"). Returns where reading continues.
    private static func numberedToken(
        _ word: String, after previous: Character?, in characters: [Character], from end: Int
    ) -> (String?, Int) {
        let hasDigit = word.contains { $0.isNumber }
        guard hasDigit else { return (word.count >= 2 ? word : nil, end) }
        for unit in numberUnits {
            let unitCharacters = Array(unit)
            guard end + unitCharacters.count <= characters.count,
                Array(characters[end..<(end + unitCharacters.count)]) == unitCharacters
            else { continue }
            if unit == "号" && previous == "月" { return (nil, end + 1) }
            return (word + unit, end + unitCharacters.count)
        }
        if end + 1 < characters.count, characters[end] == "公", characters[end + 1] == "交",
            word.allSatisfy(\.isNumber)
        {
            return (word + "路", end)
        }
        if word.contains(where: \.isLetter) { return (word, end) }
        return (nil, end)
    }

    private static let numeralValues: [Character: Int] = [
        "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
    ]
    private static let numeralUnits = ["号楼", "号院", "号线", "单元", "栋", "幢", "组"]

    /// "七号楼" → "7号楼", "十二号楼" → "12号楼", "二单元" → "2单元": Chinese numerals (up to 99) before a building
    /// or group unit, so that they match the same thing written in digits. Returns the token and its length.
    private static func chineseNumeralToken(in characters: [Character], from index: Int) -> (String, Int)? {
        guard numeralValues[characters[index]] != nil else { return nil }
        var end = index
        while end < characters.count, end - index < 3, numeralValues[characters[end]] != nil { end += 1 }
        guard let value = numeralValue(Array(characters[index..<end])) else { return nil }
        for unit in numeralUnits {
            let unitCharacters = Array(unit)
            guard end + unitCharacters.count <= characters.count,
                Array(characters[end..<(end + unitCharacters.count)]) == unitCharacters
            else { continue }
            return ("\(value)" + unit, end - index + unitCharacters.count)
        }
        return nil
    }

    /// 七 → 7, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23; nil for anything else.
    private static func numeralValue(_ characters: [Character]) -> Int? {
        let values = characters.compactMap { numeralValues[$0] }
        guard values.count == characters.count else { return nil }
        switch values.count {
        case 1: return values[0]
        case 2:
            if values[0] == 10, values[1] < 10 { return 10 + values[1] }
            if values[0] < 10, values[1] == 10 { return values[0] * 10 }
            return nil
        case 3:
            guard values[0] < 10, values[1] == 10, values[2] < 10 else { return nil }
            return values[0] * 10 + values[2]
        default: return nil
        }
    }
}
