import Foundation

/// Time left and time amounts as people read them on a case: "剩余2个工作日3小时" / "2 working days 3 hours left".
///
/// At most two units are shown, the largest first: days and hours, or hours and minutes. Smaller units are cut off,
/// not rounded, so the text never promises more time than there is. Working time counts days of the calendar's
/// working-day length ("工作日"); natural time counts days of 24 hours ("天").
public enum WorkingTimeText {
    /// "剩余2个工作日3小时" / "2 working days 3 hours left"; "已超期5小时" / "5 hours overdue";
    /// natural limits say "剩余2天4小时" / "2 days 4 hours left"; under an hour "剩余25分钟" / "25 minutes left";
    /// under a minute "剩余不到1分钟" / "less than 1 minute left"; exactly due "已到期" / "due now".
    /// `remaining` is seconds (negative = overdue) in the limit's own time; `dayLength` is the calendar's
    /// working-day length.
    public static func remaining(_ remaining: TimeInterval, working: Bool, dayLength: TimeInterval) -> Localized {
        guard remaining != 0, !remaining.isNaN else { return Localized(zh: "已到期", en: "due now") }
        let amount = amount(remaining, working: working, dayLength: dayLength)
        return remaining > 0
            ? Localized(zh: "剩余\(amount.zh)", en: "\(amount.en) left")
            : Localized(zh: "已超期\(amount.zh)", en: "\(amount.en) overdue")
    }

    /// Same words for an amount (its sign ignored): "2个工作日3小时" / "2 working days 3 hours", "3小时20分钟" /
    /// "3 hours 20 minutes", "0分钟" / "0 minutes", "不到1分钟" / "less than 1 minute".
    public static func amount(_ seconds: TimeInterval, working: Bool, dayLength: TimeInterval) -> Localized {
        let seconds = seconds.isFinite ? min(abs(seconds), 1e15) : 0  // 1e15 s: far beyond any case, safe for Int
        if seconds == 0 { return Localized(zh: "0分钟", en: "0 minutes") }
        if seconds < 60 { return Localized(zh: "不到1分钟", en: "less than 1 minute") }
        let dayLength = working && dayLength > 0 ? dayLength : 86_400
        let days = (seconds / dayLength).rounded(.down)
        let rest = seconds - days * dayLength
        let hours = Int(rest / 3600)
        let minutes = Int((rest - TimeInterval(hours) * 3600) / 60)
        var parts: [Localized] = []
        if days > 0 {
            parts.append(dayUnit(Int(days), working: working))
            if hours > 0 { parts.append(Localized(zh: "\(hours)小时", en: TimeLimit.english(hours, "hour"))) }
        } else {
            if hours > 0 { parts.append(Localized(zh: "\(hours)小时", en: TimeLimit.english(hours, "hour"))) }
            if minutes > 0 || hours == 0 {
                parts.append(Localized(zh: "\(minutes)分钟", en: TimeLimit.english(minutes, "minute")))
            }
        }
        return Localized(
            zh: parts.map(\.zh).joined(), en: parts.map(\.en).joined(separator: " "))
    }

    private static func dayUnit(_ days: Int, working: Bool) -> Localized {
        working
            ? Localized(zh: "\(days)个工作日", en: TimeLimit.english(days, "working day"))
            : Localized(zh: "\(days)天", en: TimeLimit.english(days, "day"))
    }
}
