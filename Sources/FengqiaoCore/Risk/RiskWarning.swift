import Foundation

/// What a warning is about.
public enum RiskSubjectKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A person recognised across cases (`PersonIdentifiers`), by the keyed hash of their identifiers.
    case person
    /// A household, by its address within a grid.
    case household
    /// One dispute (a case).
    case dispute

    public var name: Localized {
        switch self {
        case .person: Localized(zh: "人员", en: "Person")
        case .household: Localized(zh: "家庭", en: "Household")
        case .dispute: Localized(zh: "纠纷", en: "Dispute")
        }
    }
}

/// Who is sent to visit (巡查走访): the grid worker, the police station and the justice office of the place.
public enum VisitorRole: String, Sendable, Hashable, Codable, CaseIterable {
    case gridWorker
    case policeStation
    case justiceOffice

    public var name: Localized {
        switch self {
        case .gridWorker: Localized(zh: "网格员", en: "Grid worker")
        case .policeStation: Localized(zh: "派出所", en: "Police station")
        case .justiceOffice: Localized(zh: "司法所", en: "Justice office")
        }
    }

    /// Which visitor an organisation sends, if any: a police station (派出所), or a justice office (司法所). The
    /// organisation kinds have no justice office: it is a department whose name ends in 司法所 (a county's 司法局 is
    /// not one). The one rule for who visits and who reads key persons besides the grid and the center.
    public static func of(kind: OrganisationKind, name: String) -> VisitorRole? {
        switch kind {
        case .policeStation: .policeStation
        case .department where name.trimmingCharacters(in: .whitespaces).hasSuffix("司法所"): .justiceOffice
        default: nil
        }
    }
}

/// A graded warning (风险预警) and the visits it sent people on: raised when a subject's score crosses a threshold,
/// raised again (higher) when it climbs, lowered or closed by what the visits did. It keeps what its precision is
/// measured by: when it was raised, whether it was visited on time, when it closed, and whether a police incident
/// or a new case followed.
public struct RiskWarning: Sendable, Hashable, Codable {
    public struct Visit: Sendable, Hashable, Codable {
        public var visitor: VisitorRole
        public var due: Date
        public var doneAt: Date?
        public var outcome: VisitOutcome?
        public var note: String?
        /// Indicators recorded on the visit (codes of `.visit` indicators).
        public var recorded: [String]

        public var isDone: Bool { doneAt != nil }

        public func isOverdue(at now: Date) -> Bool { doneAt == nil && now > due }
    }

    public var subject: RiskSubjectKind
    public var grade: RiskGrade
    /// The grade it was first raised with, and the highest it reached.
    public var raisedGrade: RiskGrade
    public var highestGrade: RiskGrade
    public var assessment: RiskAssessment
    public var raisedAt: Date
    public var visits: [Visit]
    public var closedAt: Date?
    /// A police incident or a new case about the subject after the warning was raised (set when one arrives).
    public var followedByIncident: Bool

    public var isOpen: Bool { closedAt == nil }

    /// Every visit done by its due time (the warning's "visited on time").
    public var visitedOnTime: Bool {
        !visits.isEmpty && visits.allSatisfy { visit in visit.doneAt.map { $0 <= visit.due } ?? false }
    }

    public func overdueVisits(at now: Date) -> [Visit] { visits.filter { $0.isOverdue(at: now) } }
}

/// The rules of a warning's life: how soon each grade must be visited, raising, re-raising, visiting.
public enum RiskWarnings {
    /// How soon the visits are due, by grade: red within 1 working day, orange 2, yellow 3, blue 5.
    public static func visitLimit(for grade: RiskGrade) -> TimeLimit {
        switch grade {
        case .red: .workingDays(1)
        case .orange: .workingDays(2)
        case .yellow: .workingDays(3)
        case .blue: .workingDays(5)
        }
    }

    /// Who visits, by grade: everyone from yellow up; the grid worker alone for blue.
    public static func visitors(for grade: RiskGrade) -> [VisitorRole] {
        grade >= .yellow ? VisitorRole.allCases : [.gridWorker]
    }

    /// A new warning for an assessment that reached a grade (nil below blue), with its visits due on the calendar.
    public static func raise(
        _ assessment: RiskAssessment, subject: RiskSubjectKind, at now: Date, calendar: WorkingCalendar
    ) -> RiskWarning? {
        guard let grade = assessment.grade else { return nil }
        let due = calendar.deadline(for: visitLimit(for: grade), from: now)
        return RiskWarning(
            subject: subject, grade: grade, raisedGrade: grade, highestGrade: grade, assessment: assessment,
            raisedAt: now,
            visits: visitors(for: grade).map { RiskWarning.Visit(visitor: $0, due: due, recorded: []) },
            closedAt: nil, followedByIncident: false)
    }

    /// A new assessment of an open warning's subject: a higher grade raises it (and sends whoever was not sent yet,
    /// with the new grade's shorter limit for visits not done); a lower or equal one only keeps the newer reasons.
    public static func reassess(
        _ warning: RiskWarning, with assessment: RiskAssessment, at now: Date, calendar: WorkingCalendar
    ) -> RiskWarning {
        var updated = warning
        updated.assessment = assessment
        guard warning.isOpen, let grade = assessment.grade, grade > warning.grade else { return updated }
        updated.grade = grade
        updated.highestGrade = max(warning.highestGrade, grade)
        let due = calendar.deadline(for: visitLimit(for: grade), from: now)
        for index in updated.visits.indices where !updated.visits[index].isDone {
            updated.visits[index].due = min(updated.visits[index].due, due)
        }
        let sent = Set(updated.visits.map(\.visitor))
        for visitor in visitors(for: grade) where !sent.contains(visitor) {
            updated.visits.append(RiskWarning.Visit(visitor: visitor, due: due, recorded: []))
        }
        return updated
    }

    public enum VisitError: UserFacingError, Equatable {
        case closed
        case notSent(VisitorRole)
        case alreadyDone(VisitorRole)
        case notAVisitIndicator(String)

        public var code: String {
            switch self {
            case .closed: "risk.warning_closed"
            case .notSent: "risk.visitor_not_sent"
            case .alreadyDone: "risk.visit_done"
            case .notAVisitIndicator: "risk.unknown_indicator"
            }
        }

        public var message: Localized {
            switch self {
            case .closed: Localized(zh: "该预警已关闭。", en: "The warning is closed.")
            case .notSent(let role):
                Localized(
                    zh: "该预警没有派\(role.name.zh)走访。", en: "No \(role.name.en.lowercased()) was sent on this warning.")
            case .alreadyDone(let role):
                Localized(
                    zh: "\(role.name.zh)已记录过走访。", en: "The \(role.name.en.lowercased()) already recorded the visit.")
            case .notAVisitIndicator(let code):
                Localized(zh: "“\(code)”不是走访可录入的指标。", en: "\"\(code)\" is not an indicator recorded on visits.")
            }
        }
    }

    /// Records one visitor's visit: its outcome lowers or closes the warning (the most settling outcome of the
    /// visits so far decides); indicators recorded on the visit are returned to be added to the subject's signals.
    public static func recordVisit(
        _ warning: RiskWarning, by visitor: VisitorRole, outcome: VisitOutcome, note: String?, recorded: [String],
        at now: Date, catalogue: [RiskIndicator] = RiskCatalogue.standard
    ) throws(VisitError) -> RiskWarning {
        guard warning.isOpen else { throw .closed }
        guard let index = warning.visits.firstIndex(where: { $0.visitor == visitor }) else {
            throw .notSent(visitor)
        }
        guard !warning.visits[index].isDone else { throw .alreadyDone(visitor) }
        for code in recorded where RiskCatalogue.indicator(code, in: catalogue)?.source != .visit {
            throw .notAVisitIndicator(code)
        }
        var updated = warning
        updated.visits[index].doneAt = now
        updated.visits[index].outcome = outcome
        updated.visits[index].note = note
        updated.visits[index].recorded = recorded
        // Indicators recorded on the visit speak against lowering: the warning then stays as it is.
        guard recorded.isEmpty else { return updated }
        if let lowered = outcome.grade(after: warning.grade) {
            updated.grade = lowered
        } else {
            updated.closedAt = now
        }
        return updated
    }
}
