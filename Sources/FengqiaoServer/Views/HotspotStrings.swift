import FengqiaoCore
import FengqiaoStore
import Foundation

/// The words of the hotspot pages and panels (zh-Hans first).
enum HotspotStrings {
    static let title = Localized(zh: "热点发现", en: "Hotspots")
    static let mapHeading = Localized(zh: "热点分布", en: "Where the cases are")
    static let mapNote = Localized(
        zh: "涂色网格为本热点案件所在网格，数字为件数；圆点为反映人提供的位置。",
        en: "Shaded grids hold this hotspot's cases (the number is how many); dots are locations reporters gave.")
    static let mapEmpty = Localized(
        zh: "所在村（社区）尚未绘制网格边界，案件也没有位置信息，暂无法显示分布图。",
        en: "No map: the villages have no grid boundaries and no case has a location.")
    static let intro = Localized(
        zh: "多人通过不同渠道、在相近的时间和地点反映同一件事，系统自动归为热点（至少3件、2位反映人，72小时内）。",
        en: "Several people reporting one matter through different channels, close in time and place, form a hotspot "
            + "(at least 3 cases from 2 reporters within 72 hours).")
    static let none = Localized(zh: "目前没有热点。", en: "No hotspots at present.")
    static let keywords = Localized(zh: "关键词", en: "Keywords")
    static let size = Localized(zh: "件数", en: "Cases")
    static let reporters = Localized(zh: "反映人", en: "Reporters")
    static let channels = Localized(zh: "渠道", en: "Channels")
    static let places = Localized(zh: "地点", en: "Places")
    static let first = Localized(zh: "首次反映", en: "First report")
    static let last = Localized(zh: "最近反映", en: "Latest report")
    static let state = Localized(zh: "状态", en: "State")
    static let open = Localized(zh: "查看", en: "Open")
    static let cases = Localized(zh: "案件", en: "Cases")
    static let allHotspots = Localized(zh: "全部热点", en: "All hotspots")
    static let deskPanel = Localized(zh: "正在形成的热点", en: "Hotspots forming")
    static let dashboardPanel = Localized(zh: "热点", en: "Hotspots")
    static let history = Localized(zh: "处置记录", en: "What was done")
    static func hidden(_ n: Int) -> Localized {
        Localized(zh: "另有\(n)件不在您的辖区，未列出。", en: "\(n) more outside your jurisdiction, not listed.")
    }
    static func count(_ n: Int) -> Localized { Localized(zh: "\(n)件", en: "\(n) cases") }

    // Actions
    static let mergeHeading = Localized(zh: "合并为一件主办案件", en: "Merge into one lead case")
    static let mergeHelp = Localized(
        zh: "选择主办案件，其余案件作为重复件并入，主办案件继续办理。", en: "Choose the lead case; the others end as its duplicates.")
    static let leadCase = Localized(zh: "主办案件", en: "Lead case")
    static let mergeButton = Localized(zh: "合并…", en: "Merge…")
    static let mergeConfirmTitle = Localized(zh: "确认合并热点案件", en: "Confirm merging the hotspot's cases")
    static let mergeConfirmIntro = Localized(
        zh: "以下案件将作为重复件结束办理，并入主办案件；合并不能撤销。",
        en: "These cases will end as duplicates of the lead case; merging cannot be undone.")
    static let mergeConfirm = Localized(zh: "确认合并", en: "Merge")
    static let back = Localized(zh: "返回，不合并", en: "Back, do not merge")
    static let dispatchHeading = Localized(zh: "一次派给一个部门", en: "Dispatch once to one department")
    static let dispatchHelp = Localized(
        zh: "本热点中尚未派出的案件一并派给所选单位；尚未研判的案件按其原有分类和紧急程度先行研判。",
        en: "The hotspot's cases not yet dispatched all go to the organisation chosen; a case not yet assessed is "
            + "assessed first with its own category and urgency.")
    static let organisation = Localized(zh: "承办单位", en: "Organisation")
    static let note = Localized(zh: "派单说明", en: "Note")
    static let dispatchButton = Localized(zh: "派单", en: "Dispatch")
    static let notRelatedHeading = Localized(zh: "标记为不相关", en: "Mark not related")
    static let notRelatedHelp = Localized(
        zh: "选中的案件今后不再与本热点的其他案件归为一类；不选则整个热点不相关。",
        en: "The cases ticked are never grouped with this hotspot's other cases again; none ticked: the whole hotspot.")
    static let notRelatedButton = Localized(zh: "标记不相关", en: "Mark not related")
    static let choose = Localized(zh: "请选择", en: "Choose")

    // Outcomes
    static let notDispatchable = Localized(
        zh: "该案件当前状态不能派单，或您无权派单。", en: "This case cannot be dispatched now, or not by you.")
    static func merged(_ n: Int) -> Localized { Localized(zh: "已合并\(n)件。", en: "\(n) cases merged.") }
    static func dispatched(_ n: Int) -> Localized { Localized(zh: "已派单\(n)件。", en: "\(n) cases dispatched.") }
    static let markedNotRelated = Localized(zh: "已标记为不相关。", en: "Marked not related.")
    static func skipped(_ n: Int) -> Localized {
        Localized(zh: "\(n)件未处理（见各案件）。", en: "\(n) cases left as they were (see each case).")
    }

    /// The note a hotspot dispatch carries: the hotspot named by its keywords.
    static func dispatchNote(_ keywords: [String]) -> String {
        "热点：" + (keywords.isEmpty ? "多渠道反映" : keywords.joined(separator: "、"))
    }

    static func actionText(_ action: HotspotRepository.Action) -> Localized {
        switch action.kind {
        case .merge:
            Localized(
                zh: "合并\(action.caseIDs.count)件至主办案件", en: "merged \(action.caseIDs.count) cases into the lead case")
        case .dispatch:
            Localized(zh: "派单\(action.caseIDs.count)件", en: "dispatched \(action.caseIDs.count) cases")
        case .notRelated:
            Localized(zh: "标记\(action.caseIDs.count)件不相关", en: "marked \(action.caseIDs.count) cases not related")
        }
    }
}
