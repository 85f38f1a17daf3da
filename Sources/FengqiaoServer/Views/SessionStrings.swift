import FengqiaoCore
import Foundation

/// The words of mediation sessions (调解记录) on the case page and in the session form.
enum SessionStrings {
    static let heading = Localized(zh: "调解记录", en: "Mediation sessions")
    static let online = Localized(zh: "线上调解", en: "Held online")
    static let attendeesField = Localized(
        zh: "参加人员（每行一人：姓名，身份，如“王律师，律师”；身份可填当事人、调解员、律师、心理咨询师、乡贤、民警、法官、检察官、网格员）",
        en: "Attendees (one per line: name, role, e.g. \"Wang, lawyer\")")

    /// Where, how and who: "地点：村委会调解室 · 面对面 · 参加：张*（当事人）、王律师（律师）".
    static func describe(_ details: SessionDetails) -> Localized {
        let place =
            details.online
            ? Localized(zh: "线上", en: "Online")
            : Localized(zh: "地点：\(details.place ?? "未填")", en: "Place: \(details.place ?? "not given")")
        var zh = [place.zh, details.mode.name.zh]
        var en = [place.en, details.mode.name.en]
        if !details.attendees.isEmpty {
            zh.append("参加：" + details.attendees.map { "\($0.name)（\($0.role.name.zh)）" }.joined(separator: "、"))
            en.append(
                "Attending: " + details.attendees.map { "\($0.name) (\($0.role.name.en))" }.joined(separator: ", "))
        }
        return Localized(zh: zh.joined(separator: " · "), en: en.joined(separator: " · "))
    }

    /// The attendees typed in the form, one per line as "name, role" (a Chinese or English comma, or a space);
    /// a role not recognised, or none, is 其他. At most 30 lines.
    static func attendees(from text: String?) throws -> [Attendee] {
        guard let text else { return [] }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard lines.count <= 30 else {
            throw WebFormError.tooMany(Localized(zh: "参加人员最多填写30人。", en: "At most 30 attendees."))
        }
        return lines.map { line in
            let parts = line.split(maxSplits: 1, whereSeparator: { "，,、 ".contains($0) })
            let name = String(parts[0]).trimmingCharacters(in: .whitespaces)
            let typed = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
            let role = AttendeeRole.allCases.first { role in
                role.name.zh.hasPrefix(typed) && !typed.isEmpty || role.name.en.lowercased() == typed.lowercased()
                    || role.rawValue == typed
            }
            return Attendee(name: String(name.prefix(100)), role: role ?? .other)
        }
    }
}
