import FengqiaoCore

/// The leader's screen's own text (zh-Hans first, English second), beside `WorkspaceStrings`.
enum DashboardStrings {
    static let from = Localized(zh: "起始日期", en: "From")
    static let to = Localized(zh: "结束日期", en: "To")
    static let show = Localized(zh: "查看", en: "Show")
    static let thisMonth = Localized(zh: "本月", en: "This month")
    static let dateHint = Localized(zh: "按受理日期统计，如 2026-12-03 或 2026年12月3日", en: "By date of registration")

    static func period(_ from: String, _ to: String) -> Localized {
        Localized(zh: "统计期间：\(from) 至 \(to)", en: "Period: \(from) to \(to)")
    }

    static let registered = Localized(zh: "受理", en: "Registered")
    static let open = Localized(zh: "在办", en: "Open")
    static let overdue = Localized(zh: "已超期", en: "Overdue")
    static let whistleHeading = Localized(zh: "吹哨报到", en: "Whistles")

    static let ratesHeading = Localized(zh: "核心指标（本期与上期）", en: "Core rates: this period and the one before")
    static let rate = Localized(zh: "指标", en: "Rate")
    static let current = Localized(zh: "本期", en: "This period")
    static let previous = Localized(zh: "上期", en: "Period before")
    static let trendHeading = Localized(zh: "每日受理与办结", en: "Registered and resolved by day")
    static let trendTable = Localized(zh: "每日数字", en: "The figures by day")
    static let categoryHeading = Localized(zh: "案件类别", en: "By category")
    static let moreCategories = Localized(zh: "其余类别", en: "Other categories")

    static let overdueList = Localized(zh: "超期案件（可拍一拍）", en: "Overdue cases (nudge)")

    static let rankingRegions = Localized(zh: "红黑榜：下辖区域", en: "Red and black list: subordinate regions")
    static let rankingOrganisations = Localized(zh: "红黑榜：承办单位", en: "Red and black list: organisations")
    static let redList = Localized(zh: "红榜", en: "Red list")
    static let blackList = Localized(zh: "黑榜", en: "Black list")
    static let fullRanking = Localized(zh: "完整排名", en: "Full ranking")
    static let unit = Localized(zh: "单位", en: "Unit")
    static let volume = Localized(zh: "办件", en: "Cases")
    static let noneRanked = Localized(zh: "没有单位达到参与排名的办件数。", en: "No unit has enough cases to be ranked.")
    static let rankingNote = Localized(
        zh: "按按期办结率排名，其次办结率、在办件数；括号内为分子/分母。",
        en: "Ranked by on-time rate, then closing rate and open cases; numerator/denominator in brackets.")

    static func belowMinimum(_ count: Int, _ minimum: Int) -> Localized {
        Localized(
            zh: "另有 \(count) 个单位办件少于 \(minimum) 件，不参与排名。",
            en: "\(count) more units have fewer than \(minimum) cases and are not ranked.")
    }

    static let mapHeading = Localized(zh: "网格与村社区案件分布", en: "Cases by grid and village")
    static let mapNote = Localized(
        zh: "点击网格或村社区查看其案件；颜色按在办件数。", en: "Click a grid or village to list its cases; colour by open cases.")
    static let placesTable = Localized(zh: "各村社区、网格的案件数", en: "Cases per village and grid")
    static let place = Localized(zh: "村社区 / 网格", en: "Village / grid")

    /// A date of the range that cannot be used; names the field.
    struct RangeRefusal: UserFacingError {
        enum Field { case from, to }
        enum Reason { case unreadable, beforeStart }
        let field: Field
        let reason: Reason

        var code: String { "request.bad_period" }
        var kind: ErrorKind { .malformed }
        var message: Localized {
            let name = field == .from ? DashboardStrings.from : DashboardStrings.to
            switch reason {
            case .unreadable:
                return Localized(
                    zh: "“\(name.zh)”须为日期，如 2026-12-03 或 2026年12月3日。",
                    en: "\"\(name.en)\" must be a date such as 2026-12-03.")
            case .beforeStart:
                return Localized(
                    zh: "“\(name.zh)”不能早于起始日期。", en: "\"\(name.en)\" cannot be before the start date.")
            }
        }
    }
}
