import FengqiaoCore
import Foundation
import Plot

/// `/cases/{id}`: one case for staff: its facts, clocks, parties (masked unless the role needs them), the whole
/// case file (一案一档), possible duplicates, and exactly the actions its state allows this reader, one form each.
struct CasePage {
    struct Choices {
        var categories: [Category] = []
        /// Organisations a dispatch may name (departments, police, courts, mediation organisations).
        var dispatchTargets: [Organisation] = []
        var mediators: [Mediator] = []
        var courts: [Organisation] = []
        /// The mediator a citizen asked for (点单) while the request waits: the dispatch form names them and
        /// proposes their organisation as the lead.
        var requestedMediator: Mediator?
    }

    let language: DisplayLanguage
    let csrfToken: String
    let nav: StaffNav
    /// The case as the reader may see it (`PersonalDataPolicy.view`): masked unless `showsPersonalData`.
    let current: Case
    let showsPersonalData: Bool
    let regionName: String
    let organisationName: [Organisation.ID: String]
    let clocks: [ClockStatus]
    let file: [CaseFileEntries.Line]
    let actions: [CaseAction]
    let choices: Choices
    let duplicates: [DuplicateCandidate]
    /// A refused action's reason, shown above the forms.
    var error: Localized? = nil
    /// The confirmation of the action just done, and the list to go back to (`ListReturn`).
    var notice: Localized? = nil
    var back: String? = nil
    /// 此前涉及同一当事人的纠纷 (`EarlierDisputesSection`).
    var earlier: EarlierDisputesSection? = nil
    /// The registered key persons among the parties, for readers of the register (`KeyPersonsAmongParties`).
    var keyPersons: KeyPersonsAmongParties? = nil

    private func t(_ text: Localized) -> String { text.text(language) }
    private func name(_ id: Organisation.ID?) -> String? { id.flatMap { organisationName[$0] } }

    func render() -> String {
        let path = Paths.caseFile(current.id)
        return Layout(title: current.number, language: language, path: path).render {
            nav.component(language)
            H1(current.title)
            Paragraph {
                Span(t(current.state.name)).class("badge state \(current.state.rawValue)")
                Text(" \(current.number) · \(t(current.urgency.name))")
            }.class("status").attribute(named: "id", value: "case-status")
            if let error {
                Paragraph(t(error)).class("error").attribute(named: "role", value: "alert")
                    .attribute(named: "id", value: "action-error")
            }
            ListReturn.component(notice: notice, back: back, language: language)
            clocksSection()
            actionsSection()
            H2(t(WorkspaceStrings.caseDetails))
            Widgets.facts([
                (t(WorkspaceStrings.fieldDescription), current.description),
                (t(WorkspaceStrings.channel), t(current.channel.name)),
                (t(WorkspaceStrings.category), categoryName(current.categoryCode)),
                (t(WorkspaceStrings.place), regionName),
                (
                    t(WorkspaceStrings.address),
                    current.address
                ),
                (t(WorkspaceStrings.difficulty), current.difficulty.map { t($0.name) }),
                (t(WorkspaceStrings.competentLevel), current.competentLevel.map { t($0.name) }),
                (t(WorkspaceStrings.fieldWhistle), current.whistle.map { t($0.name) }),
                (t(WorkspaceStrings.holder), name(current.holderOrganisationID)),
                (t(WorkspaceStrings.center), name(current.centerOrganisationID)),
                (
                    t(WorkspaceStrings.participants),
                    current.participants.map { participant in
                        (name(participant.organisationID) ?? "")
                            + (participant.isLead ? t(WorkspaceStrings.leadMark) : "")
                            + (participant.accepted ? t(WorkspaceStrings.acceptedMark) : "")
                    }.joined(separator: "、")
                ),
                (t(WorkspaceStrings.outcome), current.outcome.map { t($0.name) }),
                (t(WorkspaceStrings.summary), current.resolutionSummary),
                (t(WorkspaceStrings.satisfaction), current.satisfaction.map { t($0.name) }),
                (t(WorkspaceStrings.created), ChinaTime.minute(current.createdAt)),
            ])
            partiesSection()
            if let keyPersons { keyPersons.component(language) }
            if !current.attachments.isEmpty {
                H2(t(WorkspaceStrings.attachments))
                List(current.attachments) { file in
                    ListItem {
                        Link(url: Widgets.escapeAttribute(Paths.caseAttachment(current.id, file.sha256))) {
                            if file.contentType.hasPrefix("image/") {
                                Image(
                                    url: Widgets.escapeAttribute(Paths.caseAttachment(current.id, file.sha256)),
                                    description: ""
                                )
                                .class("thumbnail").attribute(named: "loading", value: "lazy")
                            }
                            Text(file.fileName)
                        }
                    }
                }.class("attachments")
            }
            if !current.timing.sessions.isEmpty { sessionsSection() }
            if let agreement = current.mediation.agreement, agreement.signedAt == nil, showsPersonalData,
                agreement.draft.parties != AgreementDraft.from(current).parties
            {
                Paragraph(t(PartyStrings.redraftHint)).class("notice").attribute(named: "id", value: "redraft-hint")
            }
            if !current.mediation.agreements.isEmpty {
                Paragraph {
                    Link(t(WorkspaceStrings.printAgreement), url: Paths.agreement(caseID: current.id)).class("button")
                }
            }
            if !duplicates.isEmpty { duplicatesSection() }
            if let earlier { earlier.component(language) }
            H2(t(WorkspaceStrings.caseFile))
            List(file.filter { !$0.repeatsItsBatch }) { line in
                ListItem {
                    Widgets.time(line.event.at)
                    Text(" \(t(line.actor))：\(t(line.text))")
                    if let note = line.note, !note.isEmpty { Paragraph(note).class("note") }
                }
            }.class("timeline").attribute(named: "id", value: "case-file")
        }
    }

    private func categoryName(_ code: String?) -> String? {
        guard let code else { return nil }
        return choices.categories.first { $0.code == code }.map { $0.label(language) } ?? code
    }

    private func clocksSection() -> any Component {
        Div {
            if !clocks.isEmpty {
                H2(t(WorkspaceStrings.clocks))
                List(clocks) { clock in
                    ListItem {
                        Widgets.level(clock.level, t(clock.level.name))
                        Text(" \(t(clock.kind.name))：\(t(clock.text))")
                        if let due = clock.dueAt { Text("（\(ChinaTime.minute(due))）") }
                    }
                }.class("clocks").attribute(named: "id", value: "case-clocks")
            }
            if current.timing.isAwaitingCitizen {
                Paragraph(
                    "\(t(WorkspaceStrings.awaitingCitizen))：\(current.timing.informationRequested ?? "")"
                ).class("note")
            }
        }
    }

    private func partiesSection() -> any Component {
        Div {
            if !current.parties.isEmpty {
                H2(t(WorkspaceStrings.parties))
                if !showsPersonalData { Paragraph(t(WorkspaceStrings.maskedNote)).class("note") }
                List(Array(current.parties.enumerated())) { index, shown in
                    ListItem {
                        Text(
                            [t(shown.role.name), shown.name, shown.phone, shown.idNumber, shown.address]
                                .compactMap { $0 }.joined(separator: " · "))
                        // Corrections start from the details in clear: a masked value typed back would overwrite them.
                        if actions.contains(.editParties) && showsPersonalData {
                            partyCorrection(index: index, party: shown)
                        }
                    }
                }.class("parties").attribute(named: "id", value: "case-parties")
            }
        }
    }

    /// 更正 / 删除 one party: its details prefilled, and a removal that needs a reason.
    private func partyCorrection(index: Int, party: Party) -> any Component {
        let url = Paths.caseAction(current.id, CaseAction.editParties.rawValue)
        return Element(name: "details") {
            Element(name: "summary") { Text(t(PartyStrings.correct)) }
            Form(url: url, method: .post) {
                Widgets.csrf(csrfToken)
                Input(type: .hidden, name: "expectedVersion", value: "\(current.version)")
                Input(type: .hidden, name: "operation", value: "correct")
                Input(type: .hidden, name: "index", value: "\(index)")
                partyFields(party)
                SubmitButton(t(PartyStrings.saveCorrection))
            }.class("stacked")
            Form(url: url, method: .post) {
                Widgets.csrf(csrfToken)
                Input(type: .hidden, name: "expectedVersion", value: "\(current.version)")
                Input(type: .hidden, name: "operation", value: "remove")
                Input(type: .hidden, name: "index", value: "\(index)")
                Widgets.textField("reason", label: t(PartyStrings.removeReason), required: true)
                SubmitButton(t(PartyStrings.remove))
            }.class("stacked")
        }.class("party-edit").attribute(named: "id", value: "party-\(index)")
    }

    /// The identity fields of a party (身份信息), as the add and correct forms take them.
    @ComponentBuilder private func partyFields(_ party: Party?) -> any Component {
        Widgets.select(
            "role", label: t(PartyStrings.role),
            options: PartyStrings.roles.map { ($0.rawValue, t($0.name)) }, selected: party?.role.rawValue,
            required: true)
        Widgets.textField("name", label: t(PartyStrings.name), required: true, value: party?.name)
        Widgets.textField("phone", label: t(PartyStrings.phone), type: .tel, value: party?.phone)
        Widgets.textField("idNumber", label: t(PartyStrings.idNumber), value: party?.idNumber)
        Widgets.textField("address", label: t(PartyStrings.address), value: party?.address)
    }

    /// 调解记录: every session with where, how and who attended.
    private func sessionsSection() -> any Component {
        Div {
            H2(t(SessionStrings.heading))
            List(current.timing.sessions) { session in
                ListItem {
                    Widgets.time(session.heldAt)
                    Text(" \(t(session.result.name))")
                    if let level = session.level { Text(" · \(t(level.name))") }
                    if let details = session.details {
                        Paragraph(SessionStrings.describe(details).text(language)).class("note")
                    }
                }
            }.class("sessions").attribute(named: "id", value: "case-sessions")
        }
    }

    private func duplicatesSection() -> any Component {
        Div {
            H2(t(WorkspaceStrings.possibleDuplicates))
            List(duplicates) { candidate in
                ListItem {
                    Link("\(candidate.number) \(candidate.title)", url: Paths.caseFile(candidate.id))
                    Text(" · \(t(candidate.state.name)) · \(Int((candidate.similarity * 100).rounded()))%")
                    if actions.contains(.merge) {
                        Form(url: Paths.caseAction(current.id, CaseAction.merge.rawValue), method: .post) {
                            Widgets.csrf(csrfToken)
                            Input(type: .hidden, name: "expectedVersion", value: "\(current.version)")
                            Input(type: .hidden, name: "master", value: "\(candidate.id)")
                            SubmitButton(t(WorkspaceStrings.mergeInto))
                        }.class("inline")
                    }
                }
            }.class("duplicates")
        }
    }

    // MARK: Actions

    private func actionsSection() -> any Component {
        Div {
            H2(t(WorkspaceStrings.actionsHeading))
            if actions.isEmpty {
                Paragraph(t(WorkspaceStrings.noActions)).class("note")
            }
            for action in actions where action != .merge || duplicates.isEmpty {
                Element(name: "details") {
                    Element(name: "summary") { Text(t(action.name)) }
                    Form(url: Paths.caseAction(current.id, action.rawValue), method: .post) {
                        Widgets.csrf(csrfToken)
                        Input(type: .hidden, name: "expectedVersion", value: "\(current.version)")
                        fields(for: action)
                        SubmitButton(t(action.name))
                    }.class("stacked action").attribute(named: "id", value: "action-\(action.rawValue)")
                        .attribute(
                            named: "enctype",
                            value: action == .progress || action == .resolve ? "multipart/form-data" : nil,
                            ignoreValueIfEmpty: true)
                }
                .class("action")
                .attribute(named: "open", value: nil, ignoreValueIfEmpty: !Self.opensByDefault.contains(action))
            }
        }.class("actions-panel")
    }

    /// The main line's next step is open at once; side moves stay folded.
    static let opensByDefault: Set<CaseAction> = [.assess, .dispatch, .accept, .resolve, .close, .takeMediation]

    @ComponentBuilder private func fields(for action: CaseAction) -> any Component {
        let s = WorkspaceStrings.self
        switch action {
        case .answer: Widgets.textArea("answer", label: t(s.fieldAnswer))
        case .editParties:
            Input(type: .hidden, name: "operation", value: "add")
            partyFields(nil)
        case .assess:
            Widgets.select(
                "categoryCode", label: t(s.category),
                options: choices.categories.map { ($0.code, $0.label(language)) },
                selected: current.categoryCode, blank: t(s.keepAsIs))
            Widgets.choice(
                "urgency", label: t(s.urgency), Urgency.self, language: language, selected: current.urgency
            ) { $0.name }
            Widgets.choice(
                "difficulty", label: t(s.difficulty), Difficulty.self, language: language,
                selected: current.difficulty ?? .ordinary
            ) { $0.name }
            Widgets.choice(
                "competentLevel", label: t(s.competentLevel), RegionLevel.self, language: language,
                selected: current.competentLevel ?? .township
            ) { $0.name }
        case .dispatch:
            if let asked = choices.requestedMediator {
                Paragraph(
                    t(
                        Localized(
                            zh: "群众点单：调解员 \(asked.name)（\(name(asked.organisationID) ?? "")）。派给该单位即采用点单；"
                                + "派给其他单位，点单不予采用，群众会看到。",
                            en: "The citizen asked for mediator \(asked.name) (\(name(asked.organisationID) ?? "")). "
                                + "Dispatching to that organisation takes the request up; dispatching elsewhere "
                                + "does not, and the citizen is told."))
                )
                .class("notice").attribute(named: "id", value: "requested-mediator")
            }
            Widgets.select(
                "lead", label: t(s.fieldLead), options: choices.dispatchTargets.map { ("\($0.id)", $0.name) },
                selected: choices.requestedMediator.map { "\($0.organisationID)" }, blank: t(s.choose), required: true)
            Label(t(s.fieldAssisting)) {
                Element(name: "select") {
                    for organisation in choices.dispatchTargets {
                        Widgets.option("\(organisation.id)", organisation.name, selected: false)
                    }
                }
                .attribute(named: "name", value: "assisting")
                .attribute(named: "id", value: "field-assisting")
                .attribute(named: "multiple", value: "multiple")
                .attribute(named: "size", value: "4")
            }
            Widgets.choice(
                "whistle", label: t(s.fieldWhistle), WhistleGrade.self, language: language, blank: t(s.none),
                required: false
            ) { $0.name }
        case .accept, .close, .climbLadder, .takeMediation: Paragraph(t(s.confirmHint)).class("note")
        case .return, .escalate, .reopen, .withdraw, .declineMediation:
            Widgets.textArea("reason", label: t(s.fieldReason))
        case .progress:
            Widgets.textArea("note", label: t(s.fieldNote))
            Label(t(CitizenStrings.tellCitizen)) {
                Input(type: .checkbox, name: "tellCitizen", value: "true")
                    .attribute(named: "id", value: "field-tellCitizen").attribute(named: "checked", value: "checked")
            }.class("choice")
            Paragraph(t(CitizenStrings.tellCitizenHint)).class("note")
            Label(t(CitizenStrings.stepPhotos)) {
                Input(type: .file, name: "photo")
                    .attribute(named: "accept", value: "image/jpeg,image/png,image/webp,application/pdf")
                    .attribute(named: "multiple", value: nil, ignoreValueIfEmpty: false)
                    .attribute(named: "id", value: "field-photo")
            }
        case .requestInformation, .supplyInformation: Widgets.textArea("note", label: t(s.fieldNote))
        case .requestExtension:
            Widgets.textField("workingDays", label: t(s.fieldWorkingDays), type: .number, required: true, value: "3")
            Widgets.textArea("reason", label: t(s.fieldReason))
        case .decideExtension:
            Widgets.select(
                "approved", label: t(s.fieldApproved), options: [("true", t(s.yes)), ("false", t(s.no))],
                required: true)
            Widgets.textArea("note", label: t(s.fieldNoteOptional), required: false)
        case .resolve:
            Widgets.choice("outcome", label: t(s.outcome), Outcome.self, language: language, blank: t(s.choose)) {
                $0.name
            }
            Widgets.textArea("summary", label: t(s.summary))
            Label(t(CitizenStrings.resultFiles)) {
                Input(type: .file, name: "photo")
                    .attribute(named: "accept", value: "image/jpeg,image/png,image/webp,application/pdf")
                    .attribute(named: "multiple", value: nil, ignoreValueIfEmpty: false)
                    .attribute(named: "id", value: "field-photo-resolve")
            }
        case .followUp:
            Widgets.choice(
                "satisfaction", label: t(s.satisfaction), Satisfaction.self, language: language, blank: t(s.choose)
            ) { $0.name }
            Widgets.textArea("note", label: t(s.fieldNoteOptional), required: false)
        case .supervise:
            Widgets.textArea("note", label: t(s.fieldNote))
            Widgets.textField("deadline", label: t(s.fieldDeadline), type: .date, required: true)
        case .nudge: Widgets.textArea("note", label: t(s.fieldNoteOptional), required: false)
        case .merge: Widgets.textField("master", label: t(s.fieldMaster), required: true)
        case .recordSession:
            Widgets.choice(
                "result", label: t(s.fieldResult), MediationSession.Result.self, language: language,
                blank: t(s.choose)
            ) { $0.name }
            Widgets.textField("heldAt", label: t(s.fieldHeldAt), type: .datetimeLocal)
            Widgets.textField("place", label: t(s.fieldPlace))
            Label(t(SessionStrings.online)) { Input(type: .checkbox, name: "online", value: "true") }.class("choice")
            Widgets.choice("mode", label: t(s.fieldMode), SessionMode.self, language: language) { $0.name }
            Widgets.textArea("attendees", label: t(SessionStrings.attendeesField), required: false)
            Widgets.textArea("note", label: t(s.fieldNote))
        case .requestMediator, .assignMediator:
            Widgets.select(
                "mediator", label: t(s.fieldMediator),
                options: choices.mediators.map { ("\($0.id)", $0.name) }, blank: t(s.choose), required: true)
        case .recordConsent:
            Widgets.textField("party", label: t(s.fieldParty), required: true)
            Widgets.select(
                "consents", label: t(s.fieldConsents), options: [("true", t(s.yes)), ("false", t(s.no))],
                required: true)
            Widgets.choice(
                "nextStep", label: t(s.fieldNextStep), MediationNextStep.self, language: language, blank: t(s.none),
                required: false
            ) { $0.name }
            Widgets.textArea("note", label: t(s.fieldNoteOptional), required: false)
        case .draftAgreement: agreementEditor()
        case .signAgreement: Widgets.textField("signedAt", label: t(s.fieldSignedAt), type: .date)
        case .requestConfirmation, .returnToCourt:
            Widgets.select(
                "court", label: t(s.fieldCourt), options: choices.courts.map { ("\($0.id)", $0.name) },
                blank: t(s.choose), required: true)
        case .recordRuling:
            Widgets.select(
                "confirmed", label: t(s.fieldConfirmed), options: [("true", t(s.yes)), ("false", t(s.no))],
                required: true)
            Widgets.textArea("note", label: t(s.fieldNoteOptional), required: false)
        case .checkTerm:
            Widgets.select(
                "term", label: t(s.fieldTerm),
                options: (current.mediation.agreement?.draft.terms ?? []).enumerated().map {
                    ("\($0.offset)", "\($0.offset + 1). \($0.element.text)")
                }, required: true)
            Widgets.select(
                "fulfilled", label: t(s.fieldFulfilled), options: [("true", t(s.yes)), ("false", t(s.no))],
                required: true)
            Widgets.textArea("note", label: t(s.fieldNoteOptional), required: false)
        case .rateMediation:
            Widgets.select(
                "score", label: t(s.fieldScore), options: (1...5).reversed().map { ("\($0)", "\($0)") },
                required: true)
            Widgets.textField("party", label: t(s.fieldPartyOptional))
            Widgets.textArea("comment", label: t(s.fieldNoteOptional), required: false)
        case .register, .applyTimeLimits, .raiseAlerts: EmptyComponent()
        }
    }

    /// 调解协议书 editor: the facts and up to five terms (text, how, by when); the parties come from the case.
    @ComponentBuilder private func agreementEditor() -> any Component {
        let s = WorkspaceStrings.self
        let draft = current.mediation.agreement?.draft ?? AgreementDraft.from(current)
        Widgets.textArea("facts", label: t(s.fieldFacts), value: draft.facts)
        for index in 0..<5 {
            let term = index < draft.terms.count ? draft.terms[index] : nil
            Element(name: "fieldset") {
                Element(name: "legend") { Text("\(t(s.fieldTerm)) \(index + 1)") }
                Label(t(s.fieldTermText)) {
                    TextArea(text: term?.text ?? "", name: "term\(index)")
                        .attribute(named: "rows", value: "2")
                        .flag("required", index == 0)
                }
                Widgets.textField("method\(index)", label: t(s.fieldTermMethod), value: term?.method)
                Widgets.textField(
                    "due\(index)", label: t(s.fieldTermDue), type: .date,
                    value: term?.dueDate.map { String(ChinaTime.minute($0).prefix(10)) })
            }
        }
    }
}

/// A case that may be the same problem as the one on screen (same village, similar words, last 30 days).
struct DuplicateCandidate: Sendable {
    let id: Case.ID
    let number: String
    let title: String
    let state: CaseState
    let similarity: Double
}
