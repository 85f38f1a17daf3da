import FengqiaoCore
import FengqiaoStore
import Foundation
import Plot

/// The class as a coloured badge with its word (colour is never the only signal).
func keyPersonBadge(_ personClass: KeyPersonClass, _ language: DisplayLanguage) -> any Component {
    Span(personClass.name.text(language)).class("clock \(personClass.rawValue)")
}

/// On a case page: the parties who are registered key persons, for those who read the register, masked as on its
/// list, each with their class and a link to the file (which shows more, by the register's rules, and logs it).
struct KeyPersonsAmongParties {
    let people: [(person: KeyPersonRecord, role: Party.Role)]

    func component(_ language: DisplayLanguage) -> any Component {
        ComponentGroup {
            if !people.isEmpty {
                Element(name: "section") {
                    H2(KeyPersonStrings.amongParties.text(language))
                    List(people) { found in
                        ListItem {
                            Text("\(found.role.name.text(language))：")
                            Link(found.person.name, url: Paths.keyPerson(found.person.id))
                            Text(" ")
                            keyPersonBadge(found.person.personClass, language)
                        }
                    }
                }.class("notice").attribute(named: "id", value: "key-persons-among-parties")
            }
        }
    }
}

/// The responsible staff (包保责任人) as boxes to tick: the staff who read key persons there (`candidates`), by name
/// and organisation; without JavaScript, several may be ticked.
func keyPersonResponsibleChoices(
    _ candidates: [KeyPersonRegister.Candidate], checked: Set<String>, _ language: DisplayLanguage
) -> any Component {
    Element(name: "fieldset") {
        Element(name: "legend") { Text(KeyPersonStrings.responsible.text(language)) }
        for user in candidates {
            Label(user.organisation.isEmpty ? user.name : "\(user.name)（\(user.organisation)）") {
                Input(type: .checkbox, name: "responsible", value: Widgets.escapeAttribute(user.username))
                    .flag("checked", checked.contains(user.username))
            }.class("choice")
        }
        Paragraph(KeyPersonStrings.responsibleHint.text(language)).class("note")
    }.attribute(named: "id", value: "responsible-choices")
}

/// A due time, marked overdue when past.
func keyPersonDue(_ due: Date?, now: Date, _ language: DisplayLanguage) -> any Component {
    guard let due else { return Text("—") }
    let overdue = now > due
    return ComponentGroup {
        Widgets.time(due)
        Text(" ")
        Span((overdue ? KeyPersonStrings.overdue : KeyPersonStrings.dueOn).text(language))
            .class(overdue ? "clock red" : "clock green")
    }
}

private func frame(
    title: Localized, language: DisplayLanguage, nav: StaffNav, path: String,
    @ComponentBuilder _ content: () -> any Component
) -> String {
    let body = content()
    return Layout(title: title.text(language), language: language, path: path).render {
        nav.component(language)
        H1(title.text(language))
        body
    }
}

/// `/key-persons`.
struct KeyPersonListPage {
    let language: DisplayLanguage
    let nav: StaffNav
    let people: [KeyPersonRecord]
    let counts: [KeyPersonClass: Int]
    let grids: [Region]
    let personClass: KeyPersonClass?
    let region: String?
    let now: Date
    /// Display names of the responsible staff, by username.
    let staff: [String: String]

    func render() -> String {
        let s = KeyPersonStrings.self
        let t = { (text: Localized) in text.text(language) }
        let names = Dictionary(grids.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return frame(title: s.title, language: language, nav: nav, path: Paths.keyPersons) {
            Paragraph(t(s.lead)).class("note")
            Div { Link(t(s.newTitle), url: Paths.keyPersonNew).class("button primary") }.class("actions")
            Element(name: "ul") {
                for personClass in KeyPersonClass.allCases.reversed() {
                    ListItem {
                        Link(url: "\(Paths.keyPersons)?class=\(personClass.rawValue)") {
                            keyPersonBadge(personClass, language)
                            Text(" \(counts[personClass] ?? 0) \(t(s.count))")
                        }
                    }.attribute(named: "id", value: "count-\(personClass.rawValue)")
                }
            }.class("tiles").attribute(named: "id", value: "key-person-counts")
            Form(url: Paths.keyPersons, method: .get) {
                Widgets.select(
                    "class", label: t(s.personClass),
                    options: KeyPersonClass.allCases.reversed().map { ($0.rawValue, t($0.name)) },
                    selected: personClass?.rawValue, blank: t(s.allClasses))
                Widgets.select(
                    "region", label: t(s.region), options: grids.map { ($0.code, $0.name) }, selected: region,
                    blank: t(s.allRegions))
                SubmitButton(t(s.filter))
            }.class("stacked").attribute(named: "id", value: "key-person-filter")
            if people.isEmpty {
                Paragraph(t(s.none)).class("note")
            } else {
                Widgets.table(
                    [t(s.name), t(s.personClass), t(s.grid), t(s.nextVisit), t(s.responsible)],
                    people.map { person in
                        [
                            Link(person.name, url: Paths.keyPerson(person.id)),
                            keyPersonBadge(person.personClass, language),
                            Text(names[person.regionID] ?? ""), keyPersonDue(person.nextDueAt, now: now, language),
                            Text(person.responsible.map { staff[$0] ?? $0 }.joined(separator: "、")),
                        ]
                    })
            }
        }
    }
}

/// `/key-persons/new`.
struct KeyPersonNewPage {
    let language: DisplayLanguage
    let nav: StaffNav
    let csrfToken: String
    let grids: [Region]
    let form: WebForm?
    let error: Localized?
    let me: String
    /// Who may be named responsible (`KeyPersonRegister.candidates`).
    let candidates: [KeyPersonRegister.Candidate]

    func render() -> String {
        let s = KeyPersonStrings.self
        let t = { (text: Localized) in text.text(language) }
        return frame(title: s.newTitle, language: language, nav: nav, path: Paths.keyPersonNew) {
            Paragraph { Link(t(s.backToList), url: Paths.keyPersons) }.class("note")
            if let error {
                Paragraph(t(error)).class("error").attribute(named: "role", value: "alert")
                    .attribute(named: "id", value: "key-person-error")
            }
            Form(url: Paths.keyPersons, method: .post) {
                Widgets.csrf(csrfToken)
                Widgets.textField("name", label: t(s.name), required: true, value: form?["name"])
                Widgets.textField("idNumber", label: t(s.idNumber), value: form?["idNumber"])
                Widgets.textField("phone", label: t(s.phone), type: .tel, value: form?["phone"])
                Widgets.textField("address", label: t(s.address), required: true, value: form?["address"])
                Widgets.select(
                    "gridCode", label: t(s.grid), options: grids.map { ($0.code, $0.name) },
                    selected: form?["gridCode"] ?? grids.first?.code, required: true)
                Widgets.select(
                    "class", label: t(s.personClass),
                    options: KeyPersonClass.allCases.map { ($0.rawValue, t($0.name)) },
                    selected: form?["class"] ?? KeyPersonClass.green.rawValue, required: true)
                Widgets.textArea("reason", label: t(s.reason), value: form?["reason"] ?? "")
                keyPersonResponsibleChoices(
                    candidates, checked: Set(form.map { $0.all("responsible") } ?? [me]), language)
                SubmitButton(t(s.save))
            }.class("stacked").attribute(named: "id", value: "key-person-form")
        }
    }
}

/// `/key-persons/{id}`.
struct KeyPersonFilePage {
    let language: DisplayLanguage
    let nav: StaffNav
    let csrfToken: String
    let seen: KeyPersonRegister.Seen
    let grid: Region?
    let events: [KeyPersonEvent]
    let visits: [KeyPersonVisit]
    let now: Date
    let notice: Localized?
    let error: Localized?
    let staff: [String: String]
    /// Who may be named responsible for this person (`KeyPersonRegister.candidates`).
    let candidates: [KeyPersonRegister.Candidate]

    func render() -> String {
        let s = KeyPersonStrings.self
        let t = { (text: Localized) in text.text(language) }
        let person = seen.person
        return frame(title: s.fileTitle, language: language, nav: nav, path: Paths.keyPerson(person.id)) {
            Paragraph { Link(t(s.backToList), url: Paths.keyPersons) }.class("note")
            if let notice {
                Paragraph(t(notice)).class("notice").attribute(named: "role", value: "status")
                    .attribute(named: "id", value: "key-person-notice")
            }
            if let error {
                Paragraph(t(error)).class("error").attribute(named: "role", value: "alert")
                    .attribute(named: "id", value: "key-person-error")
            }
            H2 {
                Text(person.name + " ")
                keyPersonBadge(person.personClass, language)
            }.attribute(named: "id", value: "key-person-name")
            Paragraph { keyPersonDue(person.nextDueAt, now: now, language) }.attribute(named: "id", value: "next-visit")
            Widgets.facts([
                (t(s.nextVisit), person.nextDueAt.map(ChinaTime.minute)),
                (t(s.idNumber), person.idNumber), (t(s.phone), person.phone), (t(s.address), person.address),
                (t(s.grid), grid?.name),
                (t(s.responsible), person.responsible.map { staff[$0] ?? $0 }.joined(separator: "、")),
            ])
            Paragraph(t(seen.personalDataShown ? s.shown : s.masked)).class("note")
            Form(url: Paths.keyPerson(person.id) + "/visits", method: .post) {
                H2(t(s.recordVisit))
                Widgets.csrf(csrfToken)
                Widgets.select(
                    "outcome", label: t(s.outcome), options: VisitOutcome.allCases.map { ($0.rawValue, t($0.name)) },
                    required: true)
                Widgets.textArea("note", label: t(s.note), required: false)
                SubmitButton(t(s.submitVisit))
            }.class("stacked").attribute(named: "id", value: "visit-form")
            Form(url: Paths.keyPerson(person.id) + "/class", method: .post) {
                H2(t(s.changeClass))
                Widgets.csrf(csrfToken)
                Widgets.select(
                    "class", label: t(s.personClass),
                    options: KeyPersonClass.allCases.map { ($0.rawValue, t($0.name)) },
                    selected: person.personClass.rawValue, required: true)
                Widgets.textArea("reason", label: t(s.changeReason))
                SubmitButton(t(s.submitClass))
            }.class("stacked").attribute(named: "id", value: "class-form")
            Form(url: Paths.keyPerson(person.id) + "/responsible", method: .post) {
                H2(t(s.changeStaff))
                Widgets.csrf(csrfToken)
                keyPersonResponsibleChoices(candidates, checked: Set(person.responsible), language)
                SubmitButton(t(s.saveStaff))
            }.class("stacked").attribute(named: "id", value: "staff-form")
            H2(t(s.events))
            Widgets.table(
                [t(s.when), t(s.what), t(s.reason), t(s.who)],
                events.reversed().map { event in
                    [
                        Widgets.time(event.at), Text(t(KeyPersonStrings.describe(event))),
                        event.kind == .staffChanged
                            ? Span(event.reason ?? "").attribute(named: "translate", value: "no") as any Component
                            : Text(event.reason ?? ""),
                        Text(event.actorName.components(separatedBy: " / ").first ?? event.actorName),
                    ]
                })
            H2(t(s.visits))
            Widgets.table(
                [t(s.due), t(s.done), t(s.outcome), t(s.note), t(s.who)],
                visits.map { visit in
                    [
                        keyPersonDue(visit.doneAt == nil ? visit.dueAt : nil, now: now, language)
                            as any Component,
                        visit.doneAt.map { Widgets.time($0) } ?? Text("—"),
                        Text(visit.outcome.map { t($0.name) } ?? ""), Text(visit.note ?? ""),
                        Text(visit.visitorName ?? ""),
                    ]
                })
        }
    }
}

/// The grid worker's section "重点人员走访" on `/grid`, and the leader's panel "重点人员" on the dashboard.
struct KeyPersonPanels: Sendable {
    let register: KeyPersonRegister

    func gridSection(_ identity: Identity, _ context: AppRequestContext) async throws -> any Component {
        let s = KeyPersonStrings.self
        let language = context.language
        let paths = identity.actor.grants.filter { $0.role == .gridWorker }.map(\.jurisdictionPath)
        let due = try await register.repository.dueVisits(within: paths, limit: 50)
        return visitsSection(due, heading: s.gridSection, note: s.gridSectionNote, id: "key-person-visits", context)
    }

    /// The section 我包保的重点人员走访 on a police station's or justice office's `/inbox` and the center's `/desk`: the
    /// visits due of the key persons the member of staff is named responsible for (包保责任人); nil when none.
    func responsibleSection(_ identity: Identity, _ context: AppRequestContext) async throws -> (any Component)? {
        let due = try await register.repository.dueVisits(responsible: identity.user.username, limit: 50)
        guard !due.isEmpty else { return nil }
        let s = KeyPersonStrings.self
        return visitsSection(
            due, heading: s.responsibleSection, note: s.responsibleSectionNote, id: "key-person-visits", context)
    }

    private func visitsSection(
        _ due: [(visit: KeyPersonVisit, person: KeyPersonRecord)], heading: Localized, note: Localized, id: String,
        _ context: AppRequestContext
    ) -> any Component {
        let s = KeyPersonStrings.self
        let language = context.language
        return Element(name: "section") {
            H2(heading.text(language))
            Paragraph(note.text(language)).class("note")
            if due.isEmpty {
                Paragraph(s.noVisitsDue.text(language)).class("note")
            } else {
                List(due) { item in
                    ListItem {
                        Link(Masking.name(item.person.name), url: Paths.keyPerson(item.person.id))
                        Text(" ")
                        keyPersonBadge(item.person.personClass, language)
                        Text(" ")
                        keyPersonDue(item.visit.dueAt, now: context.now, language)
                    }
                }.class("overdue")
            }
        }.attribute(named: "id", value: id)
    }

    func dashboardPanel(_ identity: Identity, _ context: AppRequestContext) async throws -> any Component {
        let s = KeyPersonStrings.self
        let language = context.language
        let organisations = identity.riskOrganisations
        let paths = KeyPersonAccess.figuresPaths(for: identity.actor, riskOrganisations: organisations)
        // Leaders see the figures; the people, only those who visit them (`KeyPersonAccess`).
        let readsRegister = !KeyPersonAccess.jurisdictionPaths(
            for: identity.actor, riskOrganisations: organisations
        ).isEmpty
        let counts = try await register.repository.counts(within: paths)
        let overdue = try await register.repository.overdueCount(within: paths, at: context.now)
        return Div {
            if readsRegister {
                H2 { Link(s.panel.text(language), url: Paths.keyPersons) }
            } else {
                H2(s.panel.text(language))
            }
            // one line of figures, like the risk panel above it (the leader's screen keeps to about two screens)
            Div {
                for personClass in KeyPersonClass.allCases.reversed() {
                    Span {
                        keyPersonBadge(personClass, language)
                        Text(" \(counts[personClass] ?? 0) \(s.count.text(language))")
                    }
                }
                Span { Text("\(s.overdueVisits.text(language))：\(overdue)") }
                    .attribute(named: "id", value: "key-person-overdue")
            }.class("figures")
        }.class("risk-panel").attribute(named: "id", value: "key-person-panel")
    }
}
