import FengqiaoCore
import Foundation
import Plot

/// The words of the time-limit and calendar administration pages (`AdminRulesController`).
enum RulesStrings {
    static let timeLimitsTitle = Localized(zh: "时限规则与调解层级", en: "Time limits and escalation ladders")
    static let timeLimitsNote = Localized(
        zh: "修改会生成新版本，并从所选生效日期起适用于此后登记的案件；已登记的案件保留登记时适用的版本。尚未生效的版本可以撤回。",
        en:
            "Each change is a new version that applies to cases registered from its effective date on; cases already registered keep the version that applied to them. A version that has not taken effect can be withdrawn."
    )
    static let policies = Localized(zh: "时限规则（现行）", en: "Time-limit policies (current)")
    static let ladders = Localized(zh: "调解层级（现行）", en: "Escalation ladders (current)")
    static let versions = Localized(zh: "版本记录", en: "Versions")
    static let edit = Localized(zh: "修改", en: "Edit")
    static let newPolicy = Localized(zh: "新增时限规则", en: "New policy")
    static let newLadder = Localized(zh: "新增调解层级", en: "New ladder")
    static let editPolicy = Localized(zh: "修改时限规则", en: "Edit a policy")
    static let editLadder = Localized(zh: "修改调解层级", en: "Edit a ladder")
    static let code = Localized(zh: "编码", en: "Code")
    static let name = Localized(zh: "名称", en: "Name")
    static let rule = Localized(zh: "规则", en: "Rule")
    static let status = Localized(zh: "状态", en: "Status")
    static let effectiveFrom = Localized(zh: "生效日期", en: "Takes effect")
    static let changedBy = Localized(zh: "修改人", en: "Changed by")
    static let changedAt = Localized(zh: "修改时间", en: "Changed at")
    static let shipped = Localized(zh: "系统预置", en: "Shipped")
    static let retired = Localized(zh: "停用", en: "Retired")
    static let withdraw = Localized(zh: "撤回", en: "Withdraw")
    static let save = Localized(zh: "保存新版本", en: "Save a new version")
    static let categoryPrefix = Localized(zh: "适用事项", en: "Categories")
    static let allCategories = Localized(zh: "全部事项", en: "All categories")
    static let urgency = Localized(zh: "紧急程度", en: "Urgency")
    static let channel = Localized(zh: "来源渠道", en: "Channel")
    static let any = Localized(zh: "不限", en: "Any")
    static let warningShare = Localized(zh: "预警比例（%，用时达到该比例时转黄）", en: "Warning at (% of the limit used)")
    static let amount = Localized(zh: "时长", en: "Amount")
    static let unit = Localized(zh: "单位", en: "Unit")
    static let automatic = Localized(zh: "本级用尽后自动移交上一级", en: "Move up by itself when a level is exhausted")
    static let steps = Localized(zh: "调解层级（自下而上，不用的层级留空）", en: "Levels (bottom up; leave unused rows empty)")
    static let level = Localized(zh: "层级", en: "Level")
    static let maxSessions = Localized(zh: "最多调解次数", en: "At most sessions")
    static let minSessions = Localized(zh: "至少调解次数", en: "At least sessions")
    static let within = Localized(zh: "本级时限", en: "Time at this level")
    static let none = Localized(zh: "（不设）", en: "(none)")
    static let effectiveHint = Localized(
        zh: "默认为下一个工作日；不能早于今天。选今天则立即生效。",
        en: "The next working day by default; not in the past. Today takes effect at once.")
    static let backToTimeLimits = Localized(zh: "返回时限规则", en: "Back to time limits")

    static func unitName(_ code: String) -> Localized {
        switch code {
        case "m": Localized(zh: "分钟", en: "minutes")
        case "h": Localized(zh: "小时", en: "hours")
        case "d": Localized(zh: "自然日", en: "days")
        case "wh": Localized(zh: "工作小时", en: "working hours")
        default: Localized(zh: "工作日", en: "working days")
        }
    }

    static let unitCodes = ["m", "h", "wh", "wd", "d"]

    static func missing(_ field: Localized) -> Localized {
        Localized(zh: "请填写“\(field.zh)”。", en: "\(field.en) is required.")
    }

    static func invalid(_ field: Localized) -> Localized {
        Localized(zh: "“\(field.zh)”填写有误。", en: "\(field.en) is not valid.")
    }

    // MARK: Calendar

    static let calendarTitle = Localized(zh: "工作日历", en: "Working calendar")
    static let calendarNote = Localized(
        zh:
            "每年国务院办公厅公布次年节假日安排后，在此上传次年日历（CSV 或 iCalendar `.ics` 文件），预览无误后保存。保存后立即用于所有时限计算；上传的年份替换内置日历或配置文件（`FENGQIAO_CALENDAR_FILE`）中的同一年份。",
        en:
            "Each year, once the State Council publishes next year's holidays, upload next year's calendar here (CSV or iCalendar `.ics`), check the preview, then save. It applies to every clock at once; an uploaded year replaces that year of the built-in calendar or of the configured file (`FENGQIAO_CALENDAR_FILE`)."
    )
    static let upload = Localized(zh: "上传日历文件", en: "Upload a calendar file")
    static let file = Localized(zh: "日历文件（CSV 或 .ics）", en: "Calendar file (CSV or .ics)")
    static let preview = Localized(zh: "预览", en: "Preview")
    static let previewTitle = Localized(zh: "上传内容预览（尚未保存）", en: "What the upload adds (not saved yet)")
    static let confirmSave = Localized(zh: "确认保存", en: "Save")
    static let uploadedYears = Localized(zh: "已上传的年份", en: "Uploaded years")
    static let removeYear = Localized(zh: "删除该年份", en: "Remove this year")
    static let source = Localized(zh: "文件", en: "File")
    static let uploadedBy = Localized(zh: "上传人", en: "Uploaded by")
    static let uploadedAt = Localized(zh: "上传时间", en: "Uploaded at")
    static let yearColumn = Localized(zh: "年份", en: "Year")
    static let holidays = Localized(zh: "放假日", en: "Holidays")
    static let workdays = Localized(zh: "调休上班日", en: "Make-up working days")
    static let workingHours = Localized(zh: "计时工作时间", en: "Working hours")
    static let wholeDay = Localized(zh: "全天（按自然时长计算工作日）", en: "The whole day")
    static let chooseYear = Localized(zh: "查看年份", en: "Show year")
    static let show = Localized(zh: "查看", en: "Show")
    static let print = Localized(zh: "可直接打印本页。", en: "This page prints as it is.")
    static let legendHoliday = Localized(zh: "休 = 放假", en: "休 = holiday")
    static let legendWorkday = Localized(zh: "班 = 调休上班", en: "班 = make-up working day")
    static let weekdayHeads = ["一", "二", "三", "四", "五", "六", "日"]
    static let noFile = Localized(zh: "请选择要上传的日历文件。", en: "Choose a calendar file to upload.")

    static func ignored(_ count: Int) -> Localized {
        Localized(
            zh: "另有\(count)个日程不是放假或调休上班（如传统节日），已忽略。",
            en: "\(count) other events are neither holidays nor make-up working days and were ignored.")
    }

    static func year(_ year: Int) -> Localized { Localized(zh: "\(year)年", en: "\(year)") }

    static func month(_ month: Int) -> Localized {
        Localized(zh: "\(month)月", en: DateFormatter().monthSymbols[month - 1])
    }

    static func notCovered(_ year: Int) -> Localized {
        Localized(
            zh: "\(year)年尚无节假日安排：只按周六、周日休息计算。请上传该年日历。",
            en: "\(year) has no holiday schedule: only weekends are rest days. Upload that year's calendar.")
    }

    static func yearSummary(_ year: Int, holidays: Int, workdays: Int) -> Localized {
        Localized(
            zh: "\(year)年：放假\(holidays)天，调休上班\(workdays)天",
            en: "\(year): \(holidays) holidays, \(workdays) make-up working days")
    }

    enum Note: String {
        case policySaved = "policy-saved"
        case ladderSaved = "ladder-saved"
        case withdrawn
        case calendarSaved = "calendar-saved"
        case yearRemoved = "year-removed"

        var text: Localized {
            switch self {
            case .policySaved: Localized(zh: "已保存时限规则的新版本。", en: "The policy's new version is saved.")
            case .ladderSaved: Localized(zh: "已保存调解层级的新版本。", en: "The ladder's new version is saved.")
            case .withdrawn: Localized(zh: "已撤回该版本。", en: "The version is withdrawn.")
            case .calendarSaved: Localized(zh: "日历已保存，并已用于时限计算。", en: "The calendar is saved and in use.")
            case .yearRemoved: Localized(zh: "已删除该年份的上传日历。", en: "The uploaded year is removed.")
            }
        }
    }
}

/// The access log's details of the rule changes (`RulesAPI.detail`, `CalendarRules`), in Chinese.
enum RulesLogText {
    static func detail(_ text: String) -> (any Component)? {
        func code(_ value: Substring) -> any Component {
            Element(name: "code") { Text(String(value)) }.attribute(named: "translate", value: "no")
        }
        if let match = text.firstMatch(of: /^(policy|ladder) (\S+) from (\S+) \(version (\d+)\)$/) {
            let instant = (try? Date(String(match.3), strategy: .iso8601)).map(ChinaTime.minute) ?? String(match.3)
            return ComponentGroup {
                Text(match.1 == "policy" ? "时限规则 " : "调解层级 ")
                code(match.2)
                Text("，\(instant)起生效（版本\(match.4)）")
            }
        }
        if let match = text.firstMatch(of: /^(policy|ladder) (\S+)$/) {
            return ComponentGroup {
                Text(match.1 == "policy" ? "时限规则 " : "调解层级 ")
                code(match.2)
            }
        }
        if let match = text.firstMatch(of: /^year (\d+)$/) { return Text("\(match.1)年") }
        if let match = text.firstMatch(of: /^(.*) — (.*)$/) {
            let years = match.2.split(separator: "; ").compactMap { part -> String? in
                guard let numbers = part.firstMatch(of: /^(\d+): (\d+) holidays, (\d+) workdays$/) else { return nil }
                return "\(numbers.1)年放假\(numbers.2)天、调休上班\(numbers.3)天"
            }
            return ComponentGroup {
                Text("文件 ")
                code(match.1)
                Text("：" + years.joined(separator: "；"))
            }
        }
        return nil
    }
}
