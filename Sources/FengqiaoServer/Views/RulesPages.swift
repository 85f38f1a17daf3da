import FengqiaoCore
import FengqiaoStore
import Foundation
import Plot

/// A code the API takes (a policy's or a ladder's): shown as typed, not as a word.
private func codeText(_ text: String) -> any Component {
    Element(name: "code") { Text(text) }.attribute(named: "translate", value: "no")
}

/// A category prefix as people read it: the category's or the domain's name; an unknown prefix as a code.
private func prefixName(
    _ prefix: String, _ categories: [FengqiaoCore.Category], _ language: DisplayLanguage
)
    -> any Component
{
    if let category = categories.first(where: { $0.code == prefix }) { return Text(category.label(language)) }
    if let domain = GovernanceDomain(rawValue: prefix) { return Text(domain.name.text(language)) }
    return codeText(prefix)
}

/// The choices of a category prefix: every domain, then every category.
private func prefixOptions(
    _ categories: [FengqiaoCore.Category], _ language: DisplayLanguage
) -> [(
    value: String, text: String
)] {
    GovernanceDomain.allCases.map { ($0.rawValue, $0.name.text(language)) }
        + categories.map { ($0.code, $0.label(language)) }
}

/// `/admin/time-limits`: the policies and ladders in force, each with a link to edit it, and every version.
struct RulesTimeLimitsPage {
    var frame: AdminFrame
    let history: TimeLimitHistory
    let now: Date
    let categories: [FengqiaoCore.Category]
    let editable: Bool

    func render() -> String {
        let s = RulesStrings.self
        let a = AdminStrings.self
        let t = frame.t
        let book = history.book(at: now)
        let policyCells: [[any Component]] = book.policies.map { policy in
            [
                codeText(policy.code), Text(policy.name),
                policy.categoryPrefix.map { prefixName($0, categories, frame.language) } ?? Text(t(s.allCategories)),
                Text(policy.urgency.map { t($0.name) } ?? t(s.any)),
                Text(policy.channel.map { t($0.name) } ?? t(s.any)),
            ]
                + ClockKind.policyClocks.map { kind in Text(policy.limits[kind].map { t($0.name) } ?? "—") }
                + [Text(AdminStrings.percent(policy.warningShare))]
                + (editable ? [Link(t(s.edit), url: "\(Paths.adminPolicy)?code=\(policy.code)")] : [])
        }
        let policyHeaders =
            [t(s.code), t(s.name), t(s.categoryPrefix), t(s.urgency), t(s.channel)]
            + ClockKind.policyClocks.map { t($0.name) } + [t(a.warningAt)] + (editable ? [""] : [])
        let ladderCells: [[any Component]] = book.ladders.map { ladder in
            [
                codeText(ladder.code), Text(ladder.name),
                ComponentGroup(
                    members: ladder.categoryPrefixes.enumerated().map { index, prefix in
                        ComponentGroup(
                            members: index == 0
                                ? [prefixName(prefix, categories, frame.language)]
                                : [Text("、"), prefixName(prefix, categories, frame.language)])
                    }),
                Text(t(ladder.automatic ? a.automaticYes : a.automaticNo)),
                Text(ladder.steps.map { t(AdminStrings.step($0)) }.joined(separator: " → ")),
            ] + (editable ? [Link(t(s.edit), url: "\(Paths.adminLadder)?code=\(ladder.code)")] : [])
        }
        let versions = history.versions.sorted {
            ($0.kind.rawValue, $0.code, $1.effectiveFrom, $1.id) < ($1.kind.rawValue, $1.code, $0.effectiveFrom, $0.id)
        }
        let versionCells: [[any Component]] = versions.map { version in
            let status = history.status(of: version, at: now)
            let withdraw: any Component =
                editable && status == .scheduled
                ? Form(url: Paths.adminTimeLimits, method: .post) {
                    Widgets.csrf(frame.csrfToken)
                    Input(type: .hidden, name: "version", value: "\(version.id)")
                    SubmitButton(t(s.withdraw))
                }.class("inline") : Text("")
            return [
                codeText(version.code), Text(version.name ?? t(s.retired)),
                Span(t(status.name)).class("version-\(status.rawValue)"),
                version.effectiveFrom.timeIntervalSince1970 <= 0
                    ? Text(t(s.shipped)) : Widgets.time(version.effectiveFrom),
                Span(version.createdBy ?? t(s.shipped)).attribute(named: "translate", value: "no"),
                version.createdAt.timeIntervalSince1970 <= 0 ? Text("—") : Widgets.time(version.createdAt), withdraw,
            ]
        }
        return frame.render(title: s.timeLimitsTitle, path: Paths.adminTimeLimits) {
            Paragraph(t(s.timeLimitsNote)).class("note").attribute(named: "id", value: "time-limits-note")
            H2(t(s.policies))
            Div { Widgets.table(policyHeaders, policyCells) }.attribute(named: "id", value: "policy-list")
            if editable { Paragraph { Link(t(s.newPolicy), url: Paths.adminPolicy) } }
            H2(t(s.ladders))
            Div {
                Widgets.table(
                    [t(s.code), t(s.name), t(s.categoryPrefix), t(a.automatic), t(a.steps)] + (editable ? [""] : []),
                    ladderCells)
            }.attribute(named: "id", value: "ladder-list")
            if editable { Paragraph { Link(t(s.newLadder), url: Paths.adminLadder) } }
            H2(t(s.versions))
            Div {
                Widgets.table(
                    [t(s.code), t(s.name), t(s.status), t(s.effectiveFrom), t(s.changedBy), t(s.changedAt), ""],
                    versionCells)
            }.attribute(named: "id", value: "version-list")
        }
    }
}

/// The limit of one clock as two fields: amount and unit.
private func limitFields(
    _ prefix: String, label: String, limit: TimeLimit?, language: DisplayLanguage
) -> any Component {
    let unit: String? = limit.map { String($0.code.drop(while: { $0.isNumber })) }
    return Element(name: "fieldset") {
        Element(name: "legend") { Text(label) }
        Widgets.textField(
            "\(prefix)Amount", label: RulesStrings.amount.text(language), type: .number,
            value: limit.map { "\($0.count)" })
        Widgets.select(
            "\(prefix)Unit", label: RulesStrings.unit.text(language),
            options: RulesStrings.unitCodes.map { ($0, RulesStrings.unitName($0).text(language)) }, selected: unit)
    }.class("limit")
}

/// `/admin/time-limits/policy`: a new version of a policy (or a new policy).
struct RulesPolicyPage {
    var frame: AdminFrame
    let policy: TimeLimitPolicy?
    /// What was typed, when a refusal shows the form again.
    let form: WebForm?
    let categories: [FengqiaoCore.Category]
    let defaultDate: WorkingCalendar.CivilDate

    func render() -> String {
        let s = RulesStrings.self
        let t = frame.t
        let language = frame.language
        let typed = form.map { (try? RulesForm.policy($0)) } ?? nil
        let shown = typed ?? policy
        return frame.render(title: policy == nil ? s.newPolicy : s.editPolicy, path: Paths.adminPolicy) {
            Paragraph { Link(t(s.backToTimeLimits), url: Paths.adminTimeLimits) }.class("note")
            Form(url: Paths.adminPolicy, method: .post) {
                Widgets.csrf(frame.csrfToken)
                if let policy {
                    Input(type: .hidden, name: "code", value: Widgets.escapeAttribute(policy.code))
                    Paragraph {
                        Text(t(s.code) + "："); codeText(policy.code)
                    }
                } else {
                    Widgets.textField("code", label: t(s.code), required: true, value: form?["code"])
                }
                Widgets.textField("name", label: t(s.name), required: true, value: form?["name"] ?? shown?.name)
                Widgets.select(
                    "categoryPrefix", label: t(s.categoryPrefix), options: prefixOptions(categories, language),
                    selected: form?["categoryPrefix"] ?? shown?.categoryPrefix, blank: t(s.allCategories))
                Widgets.select(
                    "urgency", label: t(s.urgency), options: Urgency.allCases.map { ($0.rawValue, t($0.name)) },
                    selected: form?["urgency"] ?? shown?.urgency?.rawValue, blank: t(s.any))
                Widgets.select(
                    "channel", label: t(s.channel), options: Channel.allCases.map { ($0.rawValue, t($0.name)) },
                    selected: form?["channel"] ?? shown?.channel?.rawValue, blank: t(s.any))
                for kind in ClockKind.policyClocks {
                    limitFields(kind.rawValue, label: t(kind.name), limit: shown?.limits[kind], language: language)
                }
                Widgets.textField(
                    "warningPercent", label: t(s.warningShare), type: .number, required: true,
                    value: form?["warningPercent"] ?? "\(Int(((shown?.warningShare ?? 0.75) * 100).rounded()))")
                Widgets.textField(
                    "effectiveFrom", label: t(s.effectiveFrom), type: .date, required: true,
                    value: form?["effectiveFrom"] ?? defaultDate.description)
                Paragraph(t(s.effectiveHint)).class("note")
                SubmitButton(t(s.save))
            }.class("stacked").attribute(named: "id", value: "policy-form")
        }
    }
}

/// `/admin/time-limits/ladder`: a new version of a ladder (or a new ladder).
struct RulesLadderPage {
    var frame: AdminFrame
    let ladder: EscalationLadder?
    let form: WebForm?
    let categories: [FengqiaoCore.Category]
    let defaultDate: WorkingCalendar.CivilDate

    func render() -> String {
        let s = RulesStrings.self
        let t = frame.t
        let language = frame.language
        let prefixes = form.map { $0.all("categoryPrefixes") } ?? ladder?.categoryPrefixes ?? []
        let automatic = form.map { $0["automatic"] == "on" } ?? ladder?.automatic ?? true
        let levels = RegionLevel.allCases.reversed().map { ($0.rawValue, t($0.name)) }
        return frame.render(title: ladder == nil ? s.newLadder : s.editLadder, path: Paths.adminLadder) {
            Paragraph { Link(t(s.backToTimeLimits), url: Paths.adminTimeLimits) }.class("note")
            Form(url: Paths.adminLadder, method: .post) {
                Widgets.csrf(frame.csrfToken)
                if let ladder {
                    Input(type: .hidden, name: "code", value: Widgets.escapeAttribute(ladder.code))
                    Paragraph {
                        Text(t(s.code) + "："); codeText(ladder.code)
                    }
                } else {
                    Widgets.textField("code", label: t(s.code), required: true, value: form?["code"])
                }
                Widgets.textField("name", label: t(s.name), required: true, value: form?["name"] ?? ladder?.name)
                Element(name: "fieldset") {
                    Element(name: "legend") { Text(t(s.categoryPrefix)) }
                    for option in prefixOptions(categories, language) {
                        Element(name: "label") {
                            Input(
                                type: .checkbox, name: "categoryPrefixes", value: Widgets.escapeAttribute(option.value)
                            )
                            .flag("checked", prefixes.contains(option.value))
                            Text(option.text)
                        }.class("choice")
                    }
                }.class("choices")
                Element(name: "label") {
                    Input(type: .checkbox, name: "automatic", value: "on").flag("checked", automatic)
                    Text(t(s.automatic))
                }.class("choice")
                Element(name: "fieldset") {
                    Element(name: "legend") { Text(t(s.steps)) }
                    for row in 0..<RulesForm.stepRows {
                        let step = form == nil ? ladder.flatMap { row < $0.steps.count ? $0.steps[row] : nil } : nil
                        Div {
                            Widgets.select(
                                "step\(row)Level", label: t(s.level), options: levels,
                                selected: form?["step\(row)Level"] ?? step?.level.rawValue, blank: t(s.none))
                            Widgets.textField(
                                "step\(row)Max", label: t(s.maxSessions), type: .number,
                                value: form?["step\(row)Max"] ?? step?.maxSessions.map(String.init))
                            Widgets.textField(
                                "step\(row)Min", label: t(s.minSessions), type: .number,
                                value: form?["step\(row)Min"] ?? step?.minSessions.map(String.init))
                            limitFields("step\(row)Within", label: t(s.within), limit: step?.within, language: language)
                        }.class("ladder-step")
                    }
                }
                Widgets.textField(
                    "effectiveFrom", label: t(s.effectiveFrom), type: .date, required: true,
                    value: form?["effectiveFrom"] ?? defaultDate.description)
                Paragraph(t(s.effectiveHint)).class("note")
                SubmitButton(t(s.save))
            }.class("stacked").attribute(named: "id", value: "ladder-form")
        }
    }
}

/// `/admin/calendar`: one year as twelve month grids (holidays 休, make-up working days 班), printable without
/// JavaScript; the uploaded years; the upload form and, after an upload, its preview with the save button.
struct RulesCalendarPage {
    var frame: AdminFrame
    let calendar: WorkingCalendar
    let year: Int
    let thisYear: Int
    let uploaded: [CalendarRepository.StoredYear]
    let editable: Bool
    /// The parsed upload, its text (sent back on save) and its file name.
    var preview: (CalendarUpload.Parsed, String, String)? = nil

    func render() -> String {
        let s = RulesStrings.self
        let t = frame.t
        return frame.render(title: s.calendarTitle, path: Paths.adminCalendar) {
            Paragraph { Widgets.richText(t(s.calendarNote)) }.class("note no-print").attribute(
                named: "id", value: "calendar-note")
            if let (parsed, text, fileName) = preview {
                Div {
                    H2(t(s.previewTitle))
                    Element(name: "ul") {
                        for year in parsed.years {
                            Element(name: "li") {
                                Text(
                                    t(
                                        RulesStrings.yearSummary(
                                            year.year, holidays: year.holidays.count, workdays: year.workdays.count)))
                            }
                        }
                    }
                    if parsed.ignoredEvents > 0 {
                        Paragraph(t(RulesStrings.ignored(parsed.ignoredEvents))).class("note")
                    }
                    Widgets.table(
                        [
                            t(AdminStrings.date), t(AdminStrings.weekday), t(AdminStrings.dayKind),
                            t(AdminStrings.occasion),
                        ],
                        parsed.entries.map { entry in
                            [
                                Text(entry.date.description), Text(t(AdminStrings.weekdays[entry.date.weekday - 1])),
                                Text(t(entry.kind == .holiday ? s.holidays : s.workdays)),
                                Span(entry.name).attribute(named: "translate", value: "no"),
                            ]
                        })
                    Form(url: Paths.adminCalendar, method: .post) {
                        Widgets.csrf(frame.csrfToken)
                        AdminFrame.action("save")
                        Input(type: .hidden, name: "fileName", value: Widgets.escapeAttribute(fileName))
                        Element(name: "textarea") { Text(text) }.attribute(named: "name", value: "content")
                            .attribute(named: "hidden", value: "hidden")
                            .attribute(named: "translate", value: "no")
                        SubmitButton(t(s.confirmSave))
                    }
                }.class("preview no-print").attribute(named: "id", value: "calendar-preview")
            }
            if editable {
                Form(url: Paths.adminCalendar, method: .post, contentType: .multipartData) {
                    Widgets.csrf(frame.csrfToken)
                    AdminFrame.action("preview")
                    Label(t(s.file)) {
                        Input(type: .file, name: "file").attribute(
                            named: "accept", value: ".csv,.ics,.txt,text/csv,text/calendar"
                        )
                        .attribute(named: "id", value: "field-file")
                    }
                    SubmitButton(t(s.preview))
                }.class("stacked no-print").attribute(named: "id", value: "calendar-upload")
            }
            if !uploaded.isEmpty {
                H2(t(s.uploadedYears)).class("no-print")
                Div {
                    Widgets.table(
                        [
                            t(s.yearColumn), t(s.holidays), t(s.workdays), t(s.source), t(s.uploadedBy),
                            t(s.uploadedAt), "",
                        ],
                        uploaded.map { stored in
                            [
                                Link(
                                    t(RulesStrings.year(stored.year)), url: "\(Paths.adminCalendar)?year=\(stored.year)"
                                ),
                                Text("\(stored.holidays)"), Text("\(stored.workdays)"),
                                Span(stored.source).attribute(named: "translate", value: "no"),
                                Span(stored.uploadedBy ?? "").attribute(named: "translate", value: "no"),
                                Widgets.time(stored.uploadedAt),
                                editable
                                    ? Form(url: Paths.adminCalendar, method: .post) {
                                        Widgets.csrf(frame.csrfToken)
                                        AdminFrame.action("remove")
                                        Input(type: .hidden, name: "year", value: "\(stored.year)")
                                        SubmitButton(t(s.removeYear))
                                    }.class("inline") : Text(""),
                            ]
                        })
                }.class("no-print").attribute(named: "id", value: "uploaded-years")
            }
            Form(url: Paths.adminCalendar, method: .get) {
                Widgets.select(
                    "year", label: t(s.chooseYear),
                    options: Set(Array(thisYear - 1...thisYear + 2) + uploaded.map(\.year) + [year]).sorted().map {
                        ("\($0)", t(RulesStrings.year($0)))
                    },
                    selected: "\(year)")
                SubmitButton(t(s.show))
            }.class("inline no-print")
            Widgets.facts([
                (
                    t(s.workingHours),
                    calendar.workingHours.intervals.isEmpty ? t(s.wholeDay) : calendar.workingHours.code
                )
            ])
            H2(t(RulesStrings.year(year))).attribute(named: "id", value: "year-title")
            if !calendar.covers(WorkingCalendar.CivilDate(year: year, month: 1, day: 1)!) {
                Paragraph(t(RulesStrings.notCovered(year))).class("error").attribute(named: "id", value: "not-covered")
            }
            Paragraph(t(s.legendHoliday) + "　" + t(s.legendWorkday) + "　" + t(s.print)).class("note")
            Div {
                for month in 1...12 { monthGrid(month) }
            }.class("year-view").attribute(named: "id", value: "calendar-\(year)")
        }
    }

    private func monthGrid(_ month: Int) -> any Component {
        let t = frame.t
        let first = WorkingCalendar.CivilDate(year: year, month: month, day: 1)!
        var days: [WorkingCalendar.CivilDate?] = Array(repeating: nil, count: first.weekday - 1)
        var day = first
        while day.month == month && day.year == year {
            days.append(day)
            day = day.next
        }
        while days.count % 7 != 0 { days.append(nil) }
        let weeks = stride(from: 0, to: days.count, by: 7).map { Array(days[$0..<$0 + 7]) }
        return Element(name: "table") {
            Element(name: "caption") { Text(t(RulesStrings.month(month))) }
            Element(name: "thead") {
                Element(name: "tr") {
                    for head in RulesStrings.weekdayHeads {
                        Element(name: "th") { Text(head) }.attribute(named: "scope", value: "col")
                    }
                }
            }
            Element(name: "tbody") {
                for week in weeks {
                    Element(name: "tr") {
                        for cell in week { dayCell(cell) }
                    }
                }
            }
        }.class("month")
    }

    private func dayCell(_ date: WorkingCalendar.CivilDate?) -> any Component {
        guard let date else { return Element(name: "td") { Text("") } }
        let entry = calendar.entry(on: date)
        let kind = entry?.kind
        let mark = kind == .holiday ? "休" : kind == .workday ? "班" : ""
        let css = kind == .holiday ? "holiday" : kind == .workday ? "workday" : date.isWeekend ? "weekend" : "day"
        return Element(name: "td") {
            Text("\(date.day)")
            if !mark.isEmpty { Span(mark).class("mark") }
        }.class(css).attribute(named: "title", value: entry.map { Widgets.escapeAttribute($0.name) } ?? "")
    }
}

/// The year view's grid, and what the print leaves out.
enum RulesStylesheet {
    static let css = """
        .year-view{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem}
        table.month{border-collapse:collapse;width:100%;font-size:.9rem}
        table.month caption{font-weight:bold;text-align:left;padding:.25rem 0}
        table.month th,table.month td{text-align:center;padding:.2rem;border:1px solid #ddd}
        table.month td.weekend{color:#777}
        table.month td.holiday{background:#fde2e1;color:#9b1c1c;font-weight:bold}
        table.month td.workday{background:#e1ecfd;color:#1c3f9b;font-weight:bold}
        table.month .mark{display:block;font-size:.7rem}
        .ladder-step{border-bottom:1px dashed #ccc;padding:.5rem 0}
        fieldset.limit{display:grid;grid-template-columns:1fr 1fr;gap:0 .75rem}
        fieldset.choices{max-height:18rem;overflow-y:auto}
        @media print{.no-print,nav,form.inline{display:none}.year-view{grid-template-columns:repeat(3,1fr)}
        table.month td.holiday,table.month td.workday{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
        """
}
