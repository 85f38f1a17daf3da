import Foundation

/// The one state machine of the closed loop (闭环). Every entry point (web page, JSON API, Open311, import, worker)
/// goes through it: `register` and `decide` check and return events, `apply` folds an event into the case,
/// `replay` rebuilds a case from its file. Pure: no I/O, and the time is always a parameter.
///
/// Who may do what, and from which states: `CasePermissions`. The transitions: `CaseState.successors`.
public enum CaseLifecycle {
    /// Registration: validates the intake and the actor (staff of any role except leader covering the region, a
    /// citizen for channel `.citizenReport`, or the system for imports) and returns the new case with its first
    /// event. The receiving center holds the case; when none is given and a center's staff registers it, their
    /// center does.
    public static func register(
        _ intake: Intake, id: Case.ID, number: String, trackingCode: String, regionPath: String,
        receivingCenter: Organisation.ID?, by actor: Actor, at now: Date
    ) throws(CaseError) -> (Case, CaseEvent) {
        guard regionPath.hasPrefix("/"), regionPath.count > 1 else { throw .invalidIntake(.regionPath) }
        let grant = try CasePermissions.authoriseRegistration(
            channel: intake.channel, regionPath: regionPath, by: actor)
        try intake.validate()
        let center = receivingCenter ?? (grant?.role == .centerStaff ? grant?.organisationID : nil)
        let event = CaseEvent(
            caseID: id, sequence: 1, at: now, actor: actor.stamp(grant),
            change: .registered(
                intake: intake, number: number, trackingCode: trackingCode,
                regionPath: Actor.Grant.normalised(regionPath), centerOrganisationID: center),
            note: nil)
        guard let created = start(event) else { throw .inconsistentHistory }
        return (created, event)
    }

    /// Decides a command: checks the actor's role, jurisdiction and the case's state (`CasePermissions.check`),
    /// then the arguments, and returns the events to append, numbered on from `current.version`. A refused command
    /// throws and changes nothing.
    ///
    /// `.markDuplicate` returns the duplicate's side only; `merge(duplicate:into:by:at:)` returns both sides.
    public static func decide(
        _ command: CaseCommand, on current: Case, by actor: Actor, at now: Date
    ) throws(CaseError) -> [CaseEvent] {
        let authority = try CasePermissions.check(command.action, on: current, by: actor)
        let stamp = actor.stamp(authority.grant)
        var events: [CaseEvent] = []
        func emit(_ change: CaseChange, note: String? = nil) {
            events.append(
                CaseEvent(
                    caseID: current.id, sequence: current.version + events.count + 1, at: now, actor: stamp,
                    change: change, note: note))
        }

        switch command {
        case .answerConsultation(let answer):
            emit(.answered, note: try text(answer, else: .answerRequired))
            emit(.closed)

        case .assess(let categoryCode, let urgency, let difficulty, let competentLevel):
            if let categoryCode, !CaseRules.isCategoryCode(categoryCode) { throw .invalidCategory }
            emit(
                .assessed(
                    categoryCode: categoryCode, urgency: urgency, difficulty: difficulty,
                    competentLevel: competentLevel))

        case .dispatch(let lead, let assisting, let whistle):
            guard !assisting.contains(lead), Set(assisting).count == assisting.count,
                assisting.count <= CaseRules.maximumAssisting
            else { throw .invalidDispatch }
            guard let dispatcher = current.centerOrganisationID ?? authority.grant?.organisationID else {
                throw .forbiddenRole(.dispatch)
            }
            emit(
                .dispatched(dispatcherOrganisationID: dispatcher, lead: lead, assisting: assisting, whistle: whistle))
            // A citizen's 点单 still waiting is answered by the dispatch: dispatched to the mediator's organisation,
            // the mediator asked for handles it; dispatched elsewhere, the request is not taken up. Either way the
            // citizen reads what became of it.
            if let asked = current.mediation.requestedMediator {
                if current.mediation.requestedOrganisation == lead {
                    emit(.mediatorAssigned(mediatorID: asked, organisationID: lead))
                } else {
                    emit(.mediatorDeclined(mediatorID: asked))
                }
            }

        case .accept:
            guard let organisation = authority.grant?.organisationID else { throw .notAParticipant }
            emit(.accepted(organisationID: organisation))

        case .giveBack(let reason):
            guard let organisation = authority.grant?.organisationID else { throw .notAParticipant }
            emit(.returned(organisationID: organisation), note: try text(reason, else: .reasonRequired))

        case .addProgress(let note, let tellCitizen, let attachments):
            try Self.checkStepFiles(attachments)
            emit(
                .progressed(
                    tellCitizen: tellCitizen ? true : nil, attachments: attachments.isEmpty ? nil : attachments),
                note: try text(note, else: .noteRequired))

        case .requestExtension(let workingDays, let reason):
            guard (1...CaseRules.maximumExtensionWorkingDays).contains(workingDays) else { throw .invalidExtension }
            emit(.extensionRequested(workingDays: workingDays), note: try text(reason, else: .reasonRequired))

        case .decideExtension(let approved, let note):
            let note = try optionalText(note)
            if !approved && note == nil { throw .reasonRequired }
            emit(.extensionDecided(approved: approved), note: note)

        case .resolve(let outcome, let summary, let attachments):
            try Self.checkStepFiles(attachments)
            emit(
                .resolved(outcome: outcome, attachments: attachments.isEmpty ? nil : attachments),
                note: try text(summary, else: .summaryRequired))

        case .followUp(let satisfaction, let note):
            let note = try optionalText(note)
            emit(.followedUp(satisfaction: satisfaction), note: note)
            if satisfaction == .dissatisfied {
                emit(reopening(current), note: note)
            }

        case .close:
            emit(.closed)

        case .escalate(let toCenter, let reason):
            guard let toCenter else { throw .noCenterAbove }
            guard toCenter != current.centerOrganisationID else { throw .alreadyAtCenter }
            let reason = try text(reason, else: .reasonRequired)
            emit(.escalated(fromCenter: current.centerOrganisationID, toCenter: toCenter), note: reason)

        case .supervise(let note, let deadline):
            let note = try text(note, else: .noteRequired)
            guard deadline > now else { throw .deadlineNotInFuture }
            emit(.supervised(deadline: deadline, organisationID: current.holderOrganisationID), note: note)

        case .nudge(let note):
            emit(.nudged(organisationID: current.holderOrganisationID), note: try optionalText(note))

        case .reopen(let reason):
            emit(reopening(current), note: try text(reason, else: .reasonRequired))

        case .withdraw(let reason):
            emit(.withdrawn, note: try text(reason, else: .reasonRequired))

        case .markDuplicate(let master):
            guard master != current.id else { throw .cannotMergeIntoItself }
            emit(.merged(into: master))

        case .requestInformation(let note):
            emit(.informationRequested, note: try text(note, else: .noteRequired))

        case .supplyInformation(let note):
            emit(.informationSupplied, note: try text(note, else: .noteRequired))

        case .recordSession(let result, let heldAt, let note, let details):
            let note = try text(note, else: .noteRequired)
            let heldAt = heldAt ?? now
            guard heldAt <= now.addingTimeInterval(300) else { throw .sessionInFuture }
            let ladder = current.timing.ladder
            emit(
                .sessionHeld(
                    MediationSession(
                        heldAt: heldAt, result: result, level: ladder?.step.level,
                        organisationID: authority.grant?.organisationID, details: details,
                        mediatorID: current.mediation.mediatorID)),
                note: note)
            if result == .failed, let ladder, ladder.exhausted == nil, !ladder.isLastStep,
                let limit = ladder.step.exhaustingSessions, ladder.failedSessions + 1 >= limit
            {
                emit(.ladderExhausted(step: ladder.stepIndex, reason: .sessions))
            }

        case .climbLadder(let toCenter):
            guard let toCenter else { throw .ladderNotExhausted }
            emit(.ladderClimbed(step: (current.timing.ladder?.stepIndex ?? 0) + 1, toCenter: toCenter))

        case .applyTimeLimits(let limits):
            emit(.timeLimitsApplied(limits))

        case .placeOnLadder(let step):
            guard let ladder = current.timing.ladder, ladder.ladder.steps.indices.contains(step) else {
                throw .ladderNotExhausted
            }
            emit(.ladderStepReached(step: step))

        case .raiseAlerts(let alerts, let supervisionDeadline):
            guard !alerts.isEmpty else { throw .noAlerts }
            var overdue: [ClockKind] = []
            for alert in alerts {
                emit(
                    .clockAlerted(
                        ClockAlert(
                            kind: alert.kind, level: alert.level, clockStartedAt: alert.clockStartedAt,
                            dueAt: alert.dueAt, organisationID: current.holderOrganisationID)))
                if alert.level == .red {
                    if alert.kind == .mediationLevel, let ladder = current.timing.ladder {
                        emit(.ladderExhausted(step: ladder.stepIndex, reason: .time))
                    } else {
                        overdue.append(alert.kind)
                    }
                }
            }
            if !overdue.isEmpty {
                emit(.supervised(deadline: supervisionDeadline, organisationID: current.holderOrganisationID))
            }

        case .requestMediator(let mediator, let organisation):
            guard let organisation else { throw .unknownMediator }
            emit(.mediatorRequested(mediatorID: mediator, organisationID: organisation))

        case .takeMediation(let mediator):
            guard let mediator else { throw .unknownMediator }
            guard let organisation = current.mediation.requestedOrganisation,
                let dispatcher = current.centerOrganisationID ?? authority.grant?.organisationID
            else { throw .noMediatorRequested }
            emit(.mediatorAssigned(mediatorID: mediator, organisationID: organisation))
            emit(.dispatched(dispatcherOrganisationID: dispatcher, lead: organisation, assisting: [], whistle: nil))
            emit(.accepted(organisationID: organisation))

        case .declineMediation(let reason):
            guard let mediator = current.mediation.requestedMediator else { throw .noMediatorRequested }
            emit(.mediatorDeclined(mediatorID: mediator), note: try text(reason, else: .reasonRequired))

        case .assignMediator(let mediator):
            guard let organisation = authority.grant?.organisationID else { throw .notTheLead }
            emit(.mediatorAssigned(mediatorID: mediator, organisationID: organisation))

        case .recordConsent(let party, let consents, let nextStep, let note):
            let party = try text(party, else: .noteRequired)
            let note = try optionalText(note)
            emit(.consentRecorded(party: party, consents: consents), note: note)
            if !consents {
                guard let nextStep else { throw .nextStepRequired }
                emit(.mediationRefused(party: party, nextStep: nextStep), note: note)
                if nextStep == .litigation {
                    emit(.resolved(outcome: .guidedToLitigation), note: note)
                }
            }

        case .draftAgreement(let draft):
            guard !draft.parties.isEmpty, draft.parties.allSatisfy({ !$0.name.trimmingWhitespace.isEmpty }),
                !draft.facts.trimmingWhitespace.isEmpty, draft.facts.count <= CaseRules.maximumTextLength,
                !draft.terms.isEmpty, draft.terms.count <= 50,
                draft.terms.allSatisfy({ !$0.text.trimmingWhitespace.isEmpty && $0.text.count <= 1_000 })
            else { throw .invalidAgreement }
            emit(
                .agreementDrafted(
                    MediationAgreement(
                        version: current.mediation.agreements.count + 1, draft: draft, draftedAt: now,
                        organisationID: authority.grant?.organisationID, mediatorID: current.mediation.mediatorID)))

        case .signAgreement(let signedAt):
            guard let agreement = current.mediation.agreement else { throw .noAgreement }
            emit(.agreementSigned(version: agreement.version, at: min(signedAt ?? now, now)))

        case .requestConfirmation(let court):
            guard let signed = current.mediation.signedAgreement else { throw .agreementNotSigned }
            emit(.confirmationRequested(court: court, agreementVersion: signed.version))

        case .recordRuling(let confirmed, let note):
            emit(.confirmationRuled(confirmed: confirmed), note: try optionalText(note))

        case .checkTerm(let term, let fulfilled, let note):
            guard let signed = current.mediation.signedAgreement, signed.draft.terms.indices.contains(term),
                signed.draft.terms[term].dueDate != nil
            else { throw .invalidTerm }
            let note = try optionalText(note)
            emit(.termChecked(term: term, fulfilled: fulfilled), note: note)
            if !fulfilled && current.state.isResolved {
                emit(reopening(current))
            }

        case .rateMediation(let party, let score, let comment):
            guard (1...5).contains(score) else { throw .invalidScore }
            let who = try optionalText(party) ?? (actor.kind == .citizen ? actor.displayName : nil) ?? actor.displayName
            emit(
                .mediationRated(MediationRating(party: who, score: score, comment: try optionalText(comment), at: now)))

        case .returnToCourt(let court):
            emit(.returnedToCourt(court: court))

        case .editParties(let edit):
            switch edit {
            case .add(let party):
                guard current.parties.count < Intake.maximumParties else { throw .invalidIntake(.tooManyParties) }
                emit(.partyAdded(try checkedParty(party, number: current.parties.count + 1)))
            case .correct(let index, let party):
                guard current.parties.indices.contains(index) else { throw .noSuchParty(index: index) }
                var remaining = current.parties
                remaining[index] = party
                if !current.anonymous, !remaining.contains(where: Self.isContact) { throw .lastContactParty }
                emit(.partyCorrected(index: index, party: try checkedParty(party, number: index + 1)))
            case .remove(let index, let reason):
                guard current.parties.indices.contains(index) else { throw .noSuchParty(index: index) }
                var remaining = current.parties
                remaining.remove(at: index)
                if !current.anonymous, current.parties.contains(where: Self.isContact),
                    !remaining.contains(where: Self.isContact)
                {
                    throw .lastContactParty
                }
                emit(.partyRemoved(index: index), note: try text(reason, else: .reasonRequired))
            }
        }
        return events
    }

    /// Merge: the duplicate goes to `.merged` with `masterCaseID` set; the master records the duplicate and takes its
    /// named reporter as an extra party ("the duplicate's reporter follows the master"). The actor must be able to
    /// merge the duplicate (`CasePermissions`) and have the master in their jurisdiction; the master must be open.
    public static func merge(
        duplicate: Case, into master: Case, by actor: Actor, at now: Date
    ) throws(CaseError) -> (duplicate: [CaseEvent], master: [CaseEvent]) {
        let authority = try CasePermissions.check(.merge, on: duplicate, by: actor)
        guard duplicate.id != master.id else { throw .cannotMergeIntoItself }
        if let grant = authority.grant, !grant.covers(regionPath: master.regionPath) { throw .outsideJurisdiction }
        guard master.state.isOpen else { throw .masterNotOpen(master.state) }
        let stamp = actor.stamp(authority.grant)
        let reporter = duplicate.anonymous ? nil : duplicate.reporter.flatMap { $0.isIdentified ? $0 : nil }
        let duplicateEvent = CaseEvent(
            caseID: duplicate.id, sequence: duplicate.version + 1, at: now, actor: stamp,
            change: .merged(into: master.id), note: master.number)
        let masterEvent = CaseEvent(
            caseID: master.id, sequence: master.version + 1, at: now, actor: stamp,
            change: .duplicateAttached(duplicateID: duplicate.id, reporter: reporter), note: duplicate.number)
        return ([duplicateEvent], [masterEvent])
    }

    /// Applies one event (the fold). Pure and total: an event that does not fit the case still bumps the version
    /// and changes what it can, so a stored history always folds (`replay` is the strict reader).
    public static func apply(_ event: CaseEvent, to current: Case) -> Case {
        var next = current
        next.version += 1
        next.updatedAt = event.at
        if event.actor.kind == .staff { next.timing.stop(.respond, at: event.at) }
        switch event.change {
        case .registered:
            break

        case .answered:
            next.state = .resolved
            next.answer = event.note
            next.outcome = .solved
            next.resolutionSummary = event.note
            next.resolvedAt = event.at
            next.holderOrganisationID = next.centerOrganisationID
            next.timing.stop(.respond, .start, at: event.at)

        case .assessed(let categoryCode, let urgency, let difficulty, let competentLevel):
            next.state = .assessed
            next.categoryCode = categoryCode ?? next.categoryCode
            next.urgency = urgency
            next.difficulty = difficulty
            next.competentLevel = competentLevel
            if next.centerOrganisationID == nil { next.centerOrganisationID = event.actor.organisationID }
            if next.holderOrganisationID == nil { next.holderOrganisationID = next.centerOrganisationID }

        case .dispatched(let dispatcher, let lead, let assisting, let whistle):
            next.state = .dispatched
            next.dispatcherOrganisationID = dispatcher
            if next.centerOrganisationID == nil { next.centerOrganisationID = dispatcher }
            next.holderOrganisationID = lead
            next.participants =
                [Case.Participant(organisationID: lead, isLead: true)]
                + assisting.map { Case.Participant(organisationID: $0, isLead: false) }
            next.whistle = whistle
            next.dispatchCount += 1
            next.dispatchedAt = event.at
            next.acceptedAt = nil
            lapseExtensions(&next, at: event.at)
            next.timing.stop(.start, at: event.at)
            next.timing.start(.accept, at: event.at)
            next.timing.startIfStopped(.finish, at: event.at)

        case .accepted(let organisation):
            guard let index = next.participants.firstIndex(where: { $0.organisationID == organisation }) else { break }
            next.participants[index].accepted = true
            next.participants[index].acceptedAt = event.at
            if next.participants[index].isLead && next.state == .dispatched {
                next.state = .accepted
                next.acceptedAt = event.at
                next.timing.stop(.accept, at: event.at)
            }

        case .returned(let organisation):
            guard let index = next.participants.firstIndex(where: { $0.organisationID == organisation }) else { break }
            if next.participants[index].isLead {
                next.state = .returned
                next.participants = []
                next.whistle = nil
                next.holderOrganisationID = next.dispatcherOrganisationID ?? next.centerOrganisationID
                next.returnCount += 1
                lapseExtensions(&next, at: event.at)
                next.timing.stop(.accept, at: event.at)
            } else {
                next.participants.remove(at: index)
            }

        case .progressed(_, let attachments):
            if next.state == .accepted { next.state = .inProgress }
            addFiles(attachments, to: &next)

        case .extensionRequested(let workingDays):
            next.extensions.append(
                Case.ExtensionRequest(
                    workingDays: workingDays, reason: event.note ?? "", organisationID: event.actor.organisationID,
                    requestedAt: event.at))

        case .extensionDecided(let approved):
            guard let index = next.extensions.lastIndex(where: { $0.status == .pending }) else { break }
            next.extensions[index].status = approved ? .approved : .rejected
            if approved { next.timing.extendFinish(byWorkingDays: next.extensions[index].workingDays) }
            next.extensions[index].decidedAt = event.at
            next.extensions[index].decisionNote = event.note

        case .resolved(let outcome, let attachments):
            addFiles(attachments, to: &next)
            next.state = .resolved
            next.outcome = outcome
            next.resolutionSummary = event.note
            next.satisfaction = nil
            next.resolvedAt = event.at
            next.holderOrganisationID = next.dispatcherOrganisationID ?? next.centerOrganisationID
            lapseExtensions(&next, at: event.at)
            next.timing.stop(.respond, .start, .accept, .finish, at: event.at)
            next.timing.endWait(at: event.at)
            next.timing.start(.followUp, at: event.at)

        case .followedUp(let satisfaction):
            next.state = .followedUp
            next.satisfaction = satisfaction
            next.timing.stop(.followUp, at: event.at)

        case .closed:
            next.state = .closed
            next.holderOrganisationID = nil
            next.closedAt = event.at
            next.timing.stopAll(at: event.at)

        case .escalated(_, let toCenter):
            next.state = .registered
            next.centerOrganisationID = toCenter
            next.holderOrganisationID = toCenter
            next.dispatcherOrganisationID = nil
            next.participants = []
            next.whistle = nil
            next.escalationCount += 1
            lapseExtensions(&next, at: event.at)
            next.timing.stop(.accept, .finish, at: event.at)
            next.timing.start(.start, at: event.at)
            if let step = next.timing.ladder?.stepIndex {
                next.timing.ladder?.moveTo(step: step + 1, at: event.at, climbing: true)
            }

        case .supervised(let deadline, let organisation):
            next.supervisions.append(
                Case.Supervision(note: event.note ?? "", deadline: deadline, organisationID: organisation, at: event.at)
            )

        case .nudged:
            break

        case .reopened(let state, let holder):
            next.state = state
            next.holderOrganisationID = holder
            next.outcome = nil
            next.satisfaction = nil
            next.closedAt = nil
            next.reopenCount += 1
            next.timing.stop(.followUp, at: event.at)
            next.timing.startIfStopped(state == .registered ? .start : .finish, at: event.at)

        case .withdrawn:
            next.state = .withdrawn
            next.holderOrganisationID = nil
            lapseExtensions(&next, at: event.at)
            next.timing.stopAll(at: event.at)

        case .merged(let master):
            next.state = .merged
            next.masterCaseID = master
            next.holderOrganisationID = nil
            lapseExtensions(&next, at: event.at)
            next.timing.stopAll(at: event.at)

        case .duplicateAttached(let duplicate, let reporter):
            if !next.duplicateIDs.contains(duplicate) { next.duplicateIDs.append(duplicate) }
            if let reporter, !next.parties.contains(reporter) { next.parties.append(reporter) }

        case .timeLimitsApplied(let limits):
            next.timing.limits = limits
            if let ladder = limits.ladder {
                if var progress = next.timing.ladder, progress.ladder.code == ladder.code {
                    progress.ladder = ladder
                    progress.stepIndex = min(progress.stepIndex, ladder.steps.count - 1)
                    next.timing.ladder = progress
                } else {
                    next.timing.ladder = LadderProgress(
                        ladder: ladder, stepIndex: min(limits.ladderStartStep ?? 0, ladder.steps.count - 1),
                        stepStartedAt: event.at)
                }
            } else {
                next.timing.ladder = nil
            }

        case .informationRequested:
            next.timing.awaitingCitizenSince = event.at
            next.timing.informationRequested = event.note

        case .informationSupplied:
            next.timing.endWait(at: event.at)

        case .sessionHeld(let session):
            next.timing.sessions.append(session)
            if session.result == .failed, next.timing.ladder != nil { next.timing.ladder!.failedSessions += 1 }
            if next.state == .accepted { next.state = .inProgress }

        case .clockAlerted(let alert):
            next.timing.alerts.append(alert)

        case .ladderExhausted(let step, let reason):
            if next.timing.ladder?.stepIndex == step { next.timing.ladder!.exhausted = reason }

        case .ladderStepReached(let step):
            next.timing.ladder?.moveTo(step: step, at: event.at, climbing: false)

        case .mediatorRequested(let mediator, let organisation):
            next.mediation.requestedMediator = mediator
            next.mediation.requestedOrganisation = organisation

        case .mediatorAssigned(let mediator, let organisation):
            next.mediation.mediatorID = mediator
            next.mediation.mediatorOrganisationID = organisation
            next.mediation.assignedAt = event.at
            next.mediation.requestedMediator = nil
            next.mediation.requestedOrganisation = nil

        case .mediatorDeclined(let mediator):
            next.mediation.declines.append(.init(mediatorID: mediator, reason: event.note ?? "", at: event.at))
            next.mediation.requestedMediator = nil
            next.mediation.requestedOrganisation = nil

        case .consentRecorded(let party, let consents):
            next.mediation.consents.append(.init(party: party, consents: consents, at: event.at))

        case .mediationRefused(let party, let nextStep):
            next.mediation.refusal = .init(party: party, nextStep: nextStep, at: event.at)
            if nextStep == .otherHandling {
                next.state = .returned
                next.participants = []
                next.whistle = nil
                next.holderOrganisationID = next.dispatcherOrganisationID ?? next.centerOrganisationID
                lapseExtensions(&next, at: event.at)
                next.timing.stop(.accept, at: event.at)
            }

        case .agreementDrafted(let agreement):
            next.mediation.agreements.append(agreement)

        case .agreementSigned(let version, let at):
            if let index = next.mediation.agreements.lastIndex(where: { $0.version == version }) {
                next.mediation.agreements[index].signedAt = at
            }

        case .confirmationRequested(let court, let version):
            next.mediation.confirmation = JudicialConfirmation(
                court: court, requestedAt: event.at, agreementVersion: version)

        case .confirmationRuled(let confirmed):
            next.mediation.confirmation?.confirmed = confirmed
            next.mediation.confirmation?.ruledAt = event.at

        case .termChecked(let term, let fulfilled):
            next.mediation.termChecks.append(.init(term: term, fulfilled: fulfilled, at: event.at))

        case .mediationRated(let rating):
            next.mediation.ratings.append(rating)

        case .returnedToCourt(let court):
            next.mediation.returnedToCourt = court

        case .partyAdded(let party):
            next.parties.append(party)

        case .partyCorrected(let index, let party):
            if next.parties.indices.contains(index) { next.parties[index] = party }

        case .partyRemoved(let index):
            if next.parties.indices.contains(index) { next.parties.remove(at: index) }

        case .ladderClimbed(let step, let toCenter):
            if toCenter != next.centerOrganisationID {
                next.state = .registered
                next.centerOrganisationID = toCenter
                next.dispatcherOrganisationID = nil
                next.escalationCount += 1
                next.timing.stop(.finish, at: event.at)
                next.timing.start(.start, at: event.at)
            } else if !next.participants.isEmpty {
                next.state = .returned
            }
            next.holderOrganisationID = toCenter
            next.participants = []
            next.whistle = nil
            lapseExtensions(&next, at: event.at)
            next.timing.stop(.accept, at: event.at)
            next.timing.ladder?.moveTo(step: step, at: event.at, climbing: true)
        }
        return next
    }

    /// Rebuilds a case from its full event list: the first must be the registration with sequence 1, and every
    /// later one must belong to the same case, carry the next sequence number and not be a registration.
    /// Nil if the list is empty or inconsistent.
    public static func replay(_ events: [CaseEvent]) -> Case? {
        guard let first = events.first, var current = start(first) else { return nil }
        for event in events.dropFirst() {
            guard event.caseID == current.id, event.sequence == current.version + 1 else { return nil }
            if case .registered = event.change { return nil }
            current = apply(event, to: current)
        }
        return current
    }

    /// The case a registration event creates, or nil when the event is not a first registration.
    static func start(_ event: CaseEvent) -> Case? {
        guard event.sequence == 1,
            case .registered(let intake, let number, let trackingCode, let regionPath, let center) = event.change
        else { return nil }
        var created = Case(
            id: event.caseID, number: number, trackingCode: trackingCode, version: 1, state: .registered,
            channel: intake.channel, sourceReference: intake.sourceReference?.trimmingWhitespace,
            title: intake.title.trimmingWhitespace, description: intake.description.trimmingWhitespace,
            categoryCode: intake.categoryCode, urgency: intake.urgency, kind: intake.kind, regionID: intake.regionID,
            regionPath: regionPath, address: intake.address, latitude: intake.latitude, longitude: intake.longitude,
            parties: intake.parties, attachments: intake.attachments, anonymous: intake.anonymous,
            centerOrganisationID: center, holderOrganisationID: center, createdAt: event.at, updatedAt: event.at)
        created.smsNotifications = intake.smsNotifications == true && !intake.anonymous ? true : nil
        var timing = CaseTiming()
        timing.start(.respond, at: event.at)
        timing.start(.start, at: event.at)
        if event.actor.kind == .staff { timing.stop(.respond, at: event.at) }
        created.timing = timing
        return created
    }

    /// The words of an alert's event: "「办结反馈」时限预警" / "Finish and report back: warning".
    /// Where a reopened case goes: back in progress with the lead that handled it, or, when it was never
    /// dispatched (an answered consultation), registered with its center.
    private static func reopening(_ current: Case) -> CaseChange {
        if let lead = current.lead {
            .reopened(state: .inProgress, holderOrganisationID: lead.organisationID)
        } else {
            .reopened(state: .registered, holderOrganisationID: current.centerOrganisationID)
        }
    }

    private static func lapseExtensions(_ current: inout Case, at now: Date) {
        for index in current.extensions.indices where current.extensions[index].status == .pending {
            current.extensions[index].status = .lapsed
            current.extensions[index].decidedAt = now
        }
    }

    /// Required text: trimmed, not empty, at most `CaseRules.maximumTextLength` characters.
    /// A party as staff entered it: trimmed, named, and within the intake's limits.
    private static func checkedParty(_ party: Party, number: Int) throws(CaseError) -> Party {
        func trimmed(_ value: String?) -> String? {
            value.map(\.trimmingWhitespace).flatMap { $0.isEmpty ? nil : $0 }
        }
        let cleaned = Party(
            role: party.role, name: trimmed(party.name), phone: trimmed(party.phone),
            idNumber: trimmed(party.idNumber)?.uppercased(), address: trimmed(party.address))
        guard cleaned.name != nil else { throw .partyNameRequired }
        try Intake.validate(cleaned, number: number)
        return cleaned
    }

    /// A party the platform can contact for the citizen (callbacks, follow-up): a reporter or applicant with a
    /// name or phone.
    private static func isContact(_ party: Party) -> Bool {
        (party.role == .reporter || party.role == .applicant) && party.isIdentified
    }

    private static func text(_ raw: String, else missing: CaseError) throws(CaseError) -> String {
        let trimmed = raw.trimmingWhitespace
        guard !trimmed.isEmpty else { throw missing }
        guard trimmed.count <= CaseRules.maximumTextLength else { throw .textTooLong }
        return trimmed
    }

    /// Optional text: trimmed, nil when empty, at most `CaseRules.maximumTextLength` characters.
    private static func optionalText(_ raw: String?) throws(CaseError) -> String? {
        guard let trimmed = raw?.trimmingWhitespace, !trimmed.isEmpty else { return nil }
        guard trimmed.count <= CaseRules.maximumTextLength else { throw .textTooLong }
        return trimmed
    }
}

extension CaseLifecycle {
    /// The files added at a step: at most `CaseRules.maximumAttachmentsPerStep`, each checked like an intake's.
    static func checkStepFiles(_ attachments: [Attachment]) throws(CaseError) {
        guard attachments.count <= CaseRules.maximumAttachmentsPerStep else {
            throw .invalidIntake(.tooManyAttachments)
        }
        for attachment in attachments { try attachment.validate() }
    }

    /// A step's files join the case's attachments (each content once).
    static func addFiles(_ attachments: [Attachment]?, to current: inout Case) {
        for attachment in attachments ?? []
        where !current.attachments.contains(where: { $0.sha256 == attachment.sha256 }) {
            current.attachments.append(attachment)
        }
    }
}
