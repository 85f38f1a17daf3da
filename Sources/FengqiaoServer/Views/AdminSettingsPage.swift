import FengqiaoCore
import FengqiaoStore
import Foundation
import Plot

/// `/admin/settings`: the ranking minimum of the 红黑榜, its form (administrators of the county or above) and its
/// latest changes.
struct AdminSettingsPage {
    var frame: AdminFrame
    let rankingMinimum: Int
    let editable: Bool
    let changes: [(change: SettingsRepository.Change, by: String?)]
    /// What was typed, when it was refused.
    var typed: String? = nil

    func render() -> String {
        let s = AdminSettingsStrings.self
        let t = frame.t
        return frame.render(title: s.title, path: Paths.adminSettings) {
            H2(t(s.rankingHeading))
            Paragraph(t(s.rankingBlurb)).class("note")
            if editable {
                Form(url: Paths.adminSettings, method: .post) {
                    Widgets.csrf(frame.csrfToken)
                    Label(t(s.rankingMinimum)) {
                        Input(
                            type: .number, name: "rankingMinimum",
                            value: Widgets.escapeAttribute(typed ?? "\(rankingMinimum)"), isRequired: true
                        )
                        .attribute(named: "id", value: "field-rankingMinimum")
                        .attribute(named: "min", value: "\(RankingMinimum.allowed.lowerBound)")
                        .attribute(named: "max", value: "\(RankingMinimum.allowed.upperBound)")
                        .attribute(named: "step", value: "1")
                    }
                    SubmitButton(t(s.save))
                }.class("stacked").attribute(named: "id", value: "settings-form")
            } else {
                Paragraph("\(t(s.rankingMinimum))：\(rankingMinimum)").attribute(named: "id", value: "ranking-minimum")
                Paragraph(t(s.countyOnly)).class("note")
            }
            H2(t(s.changesHeading))
            if changes.isEmpty {
                Paragraph(t(s.noChanges)).class("note")
            } else {
                Widgets.table(
                    [t(s.when), t(s.who), t(s.from), t(s.to)],
                    changes.map { item -> [any Component] in
                        [
                            Widgets.time(item.change.at), Text(item.by ?? "—"),
                            Text(item.change.oldValue ?? "\(RankingMinimum.standard)"), Text(item.change.newValue),
                        ]
                    })
            }
        }
    }
}

/// The settings page's text.
enum AdminSettingsStrings {
    static let title = Localized(zh: "统计设置", en: "Statistics settings")
    static let blurb = Localized(zh: "红黑榜参与排名的最少办件数。", en: "How many cases a unit needs to be ranked.")
    static let rankingHeading = Localized(zh: "红黑榜", en: "Red and black list")
    static let rankingBlurb = Localized(
        zh: "办件少于此数的单位不参与红黑榜排名，只在榜下合计件数，以免一两件案件决定名次。",
        en: "Units with fewer cases are not ranked, only counted below the list, so that one or two cases do not"
            + " decide a place.")
    static let rankingMinimum = Localized(zh: "参与排名的最少办件数", en: "Minimum cases to be ranked")
    static let save = Localized(zh: "保存", en: "Save")
    static let saved = Localized(zh: "已保存设置。", en: "Setting saved.")
    static let countyOnly = Localized(
        zh: "此设置全县通用，由县级及以上管理员修改。", en: "The setting is county-wide: county administrators change it.")
    static let changesHeading = Localized(zh: "修改记录", en: "Changes")
    static let noChanges = Localized(zh: "尚未修改，使用默认值。", en: "Never changed: the default applies.")
    static let when = Localized(zh: "时间", en: "When")
    static let who = Localized(zh: "修改人", en: "By")
    static let from = Localized(zh: "原值", en: "From")
    static let to = Localized(zh: "新值", en: "To")
}
