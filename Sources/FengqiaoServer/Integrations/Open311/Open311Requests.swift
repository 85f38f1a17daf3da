import FengqiaoCore
import Foundation

/// A case as the public reads it through Open311: everything needed to follow the matter, nothing about the people
/// in it. Parties are never written; the description and the address are redacted (`Open311Redaction`).
struct Open311Request: Sendable {
    /// Our states in the two statuses of GeoReport v2. Closed: the matter has been resolved (resolved, followed up,
    /// closed) or ended (withdrawn, merged into another case). A reopened case is open again.
    static func status(of state: CaseState) -> String {
        isClosed(state) ? "closed" : "open"
    }

    static func isClosed(_ state: CaseState) -> Bool {
        switch state {
        case .resolved, .followedUp, .closed, .withdrawn, .merged: true
        case .registered, .assessed, .dispatched, .accepted, .returned, .inProgress: false
        }
    }

    static func states(for status: String) -> [CaseState]? {
        switch status {
        case "open": CaseState.allCases.filter { !isClosed($0) }
        case "closed": CaseState.allCases.filter(isClosed)
        default: nil
        }
    }

    /// The marker line that keeps a posted `media_url` in the description (Open311 clients post links, not files).
    static let mediaMarker = "【媒体链接 media_url】"

    let current: Case
    let events: [CaseEvent]
    let category: Category?
    /// Organisation names by id ("" when unknown).
    let names: [Organisation.ID: String]
    let calendar: WorkingCalendar
    let now: Date

    func organisationName(_ id: Organisation.ID) -> String { names[id] ?? "" }

    func value(_ language: DisplayLanguage, extensions: Bool) -> Open311Value {
        let (description, media) = Self.splitMedia(current.description)
        let open = !Self.isClosed(current.state)
        var fields: [(String, Open311Value)] = [
            ("service_request_id", .text(String(current.id.rawValue))),
            ("status", .text(Self.status(of: current.state))),
            ("status_notes", .text(statusNotes.text(language))),
            ("service_name", .text(category.map { $0.name.text(language) } ?? current.categoryCode)),
            ("service_code", .text(current.categoryCode)),
            ("description", .text(Open311Redaction.publicText(description, parties: current.parties))),
            (
                "agency_responsible",
                .text(
                    (current.holderOrganisationID ?? current.centerOrganisationID).map(organisationName)
                        .flatMap { $0.isEmpty ? nil : $0 })
            ),
            ("service_notice", .text(serviceNotice.text(language))),
            ("requested_datetime", .text(ChinaTime.iso8601(current.createdAt))),
            ("updated_datetime", .text(ChinaTime.iso8601(current.updatedAt))),
            (
                "expected_datetime",
                .text(open ? CaseClocks.finishDeadline(of: current, calendar: calendar).map(ChinaTime.iso8601) : nil)
            ),
            ("address", .text(current.address.map(Masking.address).flatMap { $0.isEmpty ? nil : $0 })),
            ("address_id", .text(nil)),
            ("zipcode", .text(nil)),
            ("lat", .number(current.latitude)),
            ("long", .number(current.longitude)),
            ("media_url", .text(media)),
        ]
        if extensions {
            fields.append(
                (
                    "extended_attributes",
                    .object([
                        ("channel", .text(current.channel.rawValue)),
                        ("channel_name", .text(current.channel.name.text(language))),
                        ("case_number", .text(current.number)),
                        ("state", .text(current.state.rawValue)),
                        ("state_name", .text(current.state.name.text(language))),
                        (
                            "updates",
                            .array(
                                element: "update",
                                history.map { line in
                                    .object([
                                        ("datetime", .text(ChinaTime.iso8601(line.at))),
                                        ("text", .text(line.text.text(language))),
                                    ])
                                })
                        ),
                    ])
                ))
        }
        return .object(fields)
    }

    /// The case file in plain words, oldest first: the citizen's own lines (`CaseNarrative`), except that free text
    /// written to the citizen (an answer, a request for information) is told without its words: it may name people.
    var history: [CaseNarrative.Line] {
        events.flatMap { event -> [CaseNarrative.Line] in
            switch event.change {
            case .answered:
                return [
                    CaseNarrative.Line(
                        at: event.at, text: Localized(zh: "工作人员已答复反映人。", en: "Staff answered the reporter."))
                ]
            case .informationRequested:
                return [
                    CaseNarrative.Line(
                        at: event.at,
                        text: Localized(zh: "已请反映人补充材料。", en: "The reporter was asked for more information."))
                ]
            default:
                return CaseNarrative(case: current, events: [event], organisationName: organisationName).lines
            }
        }
    }

    /// Where the case stands and what comes next (and by when), in the citizen's plain words (`CaseNarrative`).
    var statusNotes: Localized {
        let next: Localized
        if current.timing.isAwaitingCitizen {
            next = Localized(
                zh: "等待反映人补充材料，收到前办理时限暂停计算。",
                en: "Waiting for the reporter's information; the time limits are paused until then.")
        } else {
            next =
                CaseNarrative(
                    case: current, events: [],
                    clocks: CaseClocks.status(of: current, calendar: calendar, at: now),
                    organisationName: organisationName
                ).next
        }
        let state = current.state.name
        return Localized(zh: state.zh + "：" + next.zh, en: state.en + ": " + next.en)
    }

    /// The time limit the case is handled within.
    var serviceNotice: Localized {
        if let finish = current.timing.limits?.policy.limits[.finish] {
            return Localized(
                zh: "按时限规则，\(finish.name.zh)内办结并反馈。", en: "To be finished and reported back within \(finish.name.en).")
        }
        return Localized(
            zh: "30分钟响应、24小时分类办理、5个工作日办结反馈。",
            en: "Response within 30 minutes, handling started within 24 hours, finished within 5 working days.")
    }

    /// The description without the media marker line, and the media URL it held.
    static func splitMedia(_ description: String) -> (String, String?) {
        var media: String?
        let kept = description.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            guard line.hasPrefix(mediaMarker) else { return true }
            if media == nil { media = String(line.dropFirst(mediaMarker.count)).trimmingWhitespace }
            return false
        }
        return (kept.joined(separator: "\n").trimmingWhitespace, media)
    }
}

/// Free text made fit for the public: the parties' own names, phone numbers, ID numbers and addresses masked where
/// they appear, and anything that looks like a phone number, an ID number or an e-mail address masked too.
enum Open311Redaction {
    static func publicText(_ text: String, parties: [Party]) -> String {
        var out = text
        for party in parties {
            let pairs: [(String?, (String) -> String)] = [
                (party.idNumber, Masking.idNumber), (party.phone, Masking.phone), (party.address, Masking.address),
                (party.name, Masking.name),
            ]
            for (value, mask) in pairs {
                guard let value = value?.trimmingWhitespace, value.count >= 2 else { continue }
                out = out.replacingOccurrences(of: value, with: mask(value))
            }
        }
        out = replacing(#"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])|(?<![0-9])[0-9]{15}(?![0-9])"#, in: out) {
            Masking.idNumber($0)
        }
        out = replacing(#"\+?[0-9][0-9 \-]{5,22}[0-9]"#, in: out) { match in
            match.filter(\.isNumber).count >= 7 ? Masking.phone(match.filter { $0.isNumber || $0 == "+" }) : match
        }
        out = replacing(#"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"#, in: out) { match in
            let parts = match.split(separator: "@", maxSplits: 1)
            return String(parts[0].prefix(1)) + "***@" + (parts.count > 1 ? String(parts[1]) : "")
        }
        return out
    }

    private static func replacing(_ pattern: String, in text: String, with mask: (String) -> String) -> String {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return text }
        let whole = NSRange(text.startIndex..., in: text)
        var out = text
        for match in expression.matches(in: text, range: whole).reversed() {
            guard let range = Range(match.range, in: out) else { continue }
            out.replaceSubrange(range, with: mask(String(out[range])))
        }
        return out
    }
}
