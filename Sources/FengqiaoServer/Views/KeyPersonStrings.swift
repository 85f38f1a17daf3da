import FengqiaoCore
import FengqiaoStore
import Foundation

/// The words of the key-person pages, the grid worker's and the leader's panels, and the risk administration page.
enum KeyPersonStrings {
    static let title = Localized(zh: "重点人员", en: "Key persons")
    static let lead = Localized(
        zh: "重点人员按绿、黄、红三色管理，按类别定期走访；每次查看都记入访问日志。",
        en: "Key persons are managed in three colours and visited on their class's care plan; every view is logged.")
    static let newTitle = Localized(zh: "登记重点人员", en: "Register a key person")
    static let fileTitle = Localized(zh: "重点人员档案", en: "Key person's file")
    static let amongParties = Localized(
        zh: "当事人中有登记在册的重点人员", en: "Registered key persons among the parties")
    static let allClasses = Localized(zh: "全部类别", en: "All classes")
    static let allRegions = Localized(zh: "全部区域", en: "All regions")
    static let filter = Localized(zh: "筛选", en: "Filter")
    static let name = Localized(zh: "姓名", en: "Name")
    static let idNumber = Localized(zh: "身份证号", en: "ID number")
    static let phone = Localized(zh: "联系电话", en: "Phone")
    static let address = Localized(zh: "住址", en: "Address")
    static let grid = Localized(zh: "所属网格", en: "Grid")
    static let region = Localized(zh: "区域", en: "Region")
    static let personClass = Localized(zh: "人员类别", en: "Class")
    static let reason = Localized(zh: "评估理由", en: "Reason (assessment)")
    static let changeReason = Localized(zh: "调整理由（必填）", en: "Reason for the change (required)")
    static let responsible = Localized(zh: "包保责任人", en: "Responsible staff")
    static let responsibleHint = Localized(
        zh: "可选多人；只列出有权查看该处重点人员的工作人员（网格员、综治中心、派出所、司法所）。",
        en:
            "Tick one or more; only staff who read key persons there are listed (grid, center, police, justice)."
    )
    static let changeStaff = Localized(zh: "更换包保责任人", en: "Change the responsible staff")
    static let saveStaff = Localized(zh: "保存包保责任人", en: "Save the responsible staff")
    static let staffSaved = Localized(zh: "已更换包保责任人。", en: "The responsible staff were changed.")
    static let nextVisit = Localized(zh: "下次走访期限", en: "Next visit due")
    static let overdue = Localized(zh: "已超期", en: "Overdue")
    static let dueOn = Localized(zh: "按期", en: "On time")
    static let save = Localized(zh: "登记", en: "Register")
    static let count = Localized(zh: "人", en: "people")
    static let none = Localized(zh: "暂无重点人员。", en: "No key persons.")
    static let events = Localized(zh: "档案记录", en: "File")
    static let visits = Localized(zh: "走访记录", en: "Visits")
    static let recordVisit = Localized(zh: "记录走访", en: "Record a visit")
    static let outcome = Localized(zh: "走访结果", en: "Outcome")
    static let note = Localized(zh: "走访情况", en: "What was done")
    static let changeClass = Localized(zh: "调整类别", en: "Change the class")
    static let submitVisit = Localized(zh: "保存走访", en: "Save the visit")
    static let submitClass = Localized(zh: "调整类别", en: "Change the class")
    static let when = Localized(zh: "时间", en: "When")
    static let who = Localized(zh: "经办人", en: "By")
    static let what = Localized(zh: "事项", en: "What")
    static let due = Localized(zh: "期限", en: "Due")
    static let done = Localized(zh: "完成时间", en: "Done")
    static let masked = Localized(
        zh: "个人信息已遮蔽：仅包保责任人和中心工作人员可见完整信息。",
        en: "Personal data masked: only the responsible staff and the center's staff see it in full.")
    static let shown = Localized(
        zh: "您是包保责任人或中心工作人员，可见完整个人信息；本次查看已记入访问日志。",
        en: "You see personal data in full as responsible staff or center staff; this view is logged.")
    static let registered = Localized(zh: "已登记重点人员。", en: "The key person was registered.")
    static let visitSaved = Localized(zh: "已记录走访，下次走访期限已更新。", en: "Visit recorded; the next visit is due.")
    static let classChanged = Localized(
        zh: "已调整类别，走访期限已按新类别重新计算。", en: "Class changed; the next visit is due by the new class.")
    static let backToList = Localized(zh: "返回重点人员列表", en: "Back to key persons")

    // The grid worker's section and the leader's panel.
    static let gridSection = Localized(zh: "重点人员走访", en: "Key-person visits")
    static let gridSectionNote = Localized(
        zh: "本网格重点人员的走访期限，超期的排在最前。", en: "Visits due to your grid's key persons, overdue first.")
    static let noVisitsDue = Localized(zh: "暂无待走访的重点人员。", en: "No key-person visits due.")
    static let responsibleSection = Localized(zh: "我包保的重点人员走访", en: "Visits of the key persons I answer for")
    static let responsibleSectionNote = Localized(
        zh: "您作为包保责任人的重点人员，按走访期限排列，超期的标为红色。",
        en: "The key persons you are responsible for, soonest visit first; overdue in red.")
    static let panel = Localized(zh: "重点人员", en: "Key persons")
    static let overdueVisits = Localized(zh: "超期未走访", en: "Overdue visits")

    // Administration of the risk model.
    static let adminTitle = Localized(zh: "风险预警指标与重点人员走访周期", en: "Risk indicators and care plans")
    static let adminBlurb = Localized(
        zh: "设置预警指标分值、四级预警阈值和红黄绿三色人员的走访周期，按生效日期分版本保存。",
        en: "Indicator weights, the four thresholds and the visit interval of each class, versioned by date.")
    static let weights = Localized(zh: "指标分值", en: "Indicator weights")
    static let defaultWeight = Localized(zh: "默认分值", en: "Default")
    static let currentWeight = Localized(zh: "现行分值", en: "Weight")
    static let window = Localized(zh: "有效期（天）", en: "Window (days)")
    static let thresholds = Localized(zh: "预警阈值", en: "Thresholds")
    static let carePlan = Localized(zh: "走访周期（工作日）", en: "Visit intervals (working days)")
    static let effectiveFrom = Localized(zh: "生效日期", en: "Effective from")
    static let effectiveHint = Localized(
        zh: "默认下一个工作日起生效；不能早于今天。生效前可以撤回。",
        en: "By default from the next working day; never in the past. It can be withdrawn before it applies.")
    static let saveModel = Localized(zh: "保存指标与阈值新版本", en: "Save a new model version")
    static let saveCarePlan = Localized(zh: "保存走访周期新版本", en: "Save a new care plan version")
    static let versions = Localized(zh: "版本记录", en: "Versions")
    static let version = Localized(zh: "版本", en: "Version")
    static let kind = Localized(zh: "类型", en: "Kind")
    static let status = Localized(zh: "状态", en: "Status")
    static let createdBy = Localized(zh: "修改人", en: "By")
    static let withdraw = Localized(zh: "撤回", en: "Withdraw")
    static let modelKind = Localized(zh: "指标与阈值", en: "Weights and thresholds")
    static let carePlanKind = Localized(zh: "走访周期", en: "Care plan")
    static let standard = Localized(zh: "系统默认", en: "Standard")
    static let modelSaved = Localized(zh: "已保存指标与阈值的新版本。", en: "A new model version was saved.")
    static let carePlanSaved = Localized(zh: "已保存走访周期的新版本。", en: "A new care plan version was saved.")
    static let withdrawn = Localized(zh: "已撤回待生效的版本。", en: "The scheduled version was withdrawn.")

    static func intervalDays(_ limit: TimeLimit) -> Int {
        switch limit {
        case .workingDays(let days), .naturalDays(let days): days
        default: 0
        }
    }

    /// One entry of a person's file in words.
    static func describe(_ event: KeyPersonEvent) -> Localized {
        switch event.kind {
        case .registered:
            let name = event.toClass?.name ?? Localized(zh: "", en: "")
            return Localized(zh: "登记为\(name.zh)", en: "Registered as \(name.en)")
        case .classChanged:
            let from = event.fromClass?.name ?? Localized(zh: "", en: "")
            let to = event.toClass?.name ?? Localized(zh: "", en: "")
            return Localized(zh: "类别由\(from.zh)调整为\(to.zh)", en: "Class changed from \(from.en) to \(to.en)")
        case .visited:
            let outcome = event.outcome?.name ?? Localized(zh: "", en: "")
            return Localized(zh: "走访：\(outcome.zh)", en: "Visited: \(outcome.en)")
        case .overdue:
            return Localized(zh: "走访超期提醒", en: "Visit overdue alert")
        case .staffChanged:
            return Localized(zh: "调整包保责任人", en: "Responsible staff changed")
        }
    }
}

/// The access log's entries of the key-person register and the risk administration in words.
enum KeyPersonLogText {
    static func action(_ code: String) -> Localized? {
        switch code {
        case "key-person.register": Localized(zh: "登记重点人员", en: "Registered a key person")
        case "key-person.page": Localized(zh: "查看重点人员档案", en: "Opened a key person's file")
        case "key-person.view": Localized(zh: "通过接口读取重点人员", en: "Read a key person through the API")
        case "key-person.change": Localized(zh: "调整重点人员类别或包保责任人", en: "Changed a key person's class or staff")
        case "key-person.visit": Localized(zh: "记录重点人员走访", en: "Recorded a key-person visit")
        case "key-person.visits": Localized(zh: "查看重点人员走访记录", en: "Read a key person's visits")
        case "key-persons.list": Localized(zh: "查看重点人员列表", en: "Listed key persons")
        case "risk-model.save": Localized(zh: "保存风险预警指标新版本", en: "Saved a risk model version")
        case "care-plan.save": Localized(zh: "保存重点人员走访周期新版本", en: "Saved a care plan version")
        case "risk-rule.withdraw": Localized(zh: "撤回待生效的风险规则版本", en: "Withdrew a scheduled risk rule version")
        default: nil
        }
    }

    static func detail(_ text: String) -> String? {
        if let match = text.firstMatch(of: /^key person (\d+)(, personal data shown)?$/) {
            return "重点人员 #\(match.1)" + (match.2 == nil ? "（个人信息遮蔽）" : "（显示了个人信息）")
        }
        if let match = text.firstMatch(of: /^key persons (\d+)$/) { return "重点人员\(match.1)名（个人信息遮蔽）" }
        if let match = text.firstMatch(of: /^(model|care-plan) version (\d+) from (\S+)$/) {
            return (match.1 == "model" ? "指标与阈值" : "走访周期") + "第\(match.2)号版本，\(match.3)起生效"
        }
        return nil
    }
}
