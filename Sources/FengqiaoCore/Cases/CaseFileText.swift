import Foundation

/// The platform's own entries in a case file (time limits, alerts, ladder moves, automatic 督办, a flare-up
/// reopening), told in both languages from the facts: the event itself, the case just before it, and the entries
/// written with it. Events carry facts, never sentences, so a reader sees their own language and the wording can
/// be corrected without touching the hash-chained file. `note` holds only what a person typed.
public enum CaseFileText {
    /// One entry of a case file with what its text is told from.
    public struct Entry: Sendable {
        public var event: CaseEvent
        /// The case as it stood before this event (nil for the registration).
        public var before: Case?
        /// The entries written at the same moment before this one (the alerts before an automatic 督办).
        public var batch: [CaseEvent]
    }

    /// The file's events, each with the case before it, folded once.
    public static func entries(of events: [CaseEvent]) -> [Entry] {
        var entries: [Entry] = []
        var current: Case?
        var batch: [CaseEvent] = []
        for event in events {
            if batch.last.map({ $0.at != event.at || $0.actor != event.actor }) ?? false { batch = [] }
            entries.append(Entry(event: event, before: current, batch: batch))
            batch.append(event)
            current = current.map { CaseLifecycle.apply(event, to: $0) } ?? CaseLifecycle.replay([event])
        }
        return entries
    }

    /// The platform's sentence for an entry the platform wrote, nil for a person's step.
    public static func platformLine(_ entry: Entry) -> Localized? {
        let event = entry.event
        let ladder = entry.before?.timing.ladder
        func level(_ step: Int) -> Localized {
            ladder.flatMap { $0.ladder.steps.indices.contains(step) ? $0.ladder.steps[step].level.name : nil }
                ?? Localized(zh: "本级", en: "This")
        }
        let ladderName = ladder?.ladder.name ?? "调解层级"
        switch event.change {
        case .timeLimitsApplied(let limits):
            if let applied = limits.ladder {
                return Localized(
                    zh: "按“\(limits.policy.name)”计时，调解层级“\(applied.name)”。",
                    en: "Time limits “\(limits.policy.name)” apply, with the mediation ladder “\(applied.name)”.")
            }
            return Localized(
                zh: "按“\(limits.policy.name)”计时。", en: "Time limits “\(limits.policy.name)” apply.")
        case .clockAlerted(let alert):
            let kind = alert.kind.name
            return alert.level == .red
                ? Localized(zh: "“\(kind.zh)”时限已超期。", en: "The “\(kind.en)” limit has passed.")
                : Localized(zh: "“\(kind.zh)”时限即将到期（预警）。", en: "The “\(kind.en)” limit is close (warning).")
        case .ladderExhausted(let step, let reason):
            let name = level(step)
            switch reason {
            case .sessions:
                let held = ladder?.failedSessions ?? 0
                return Localized(
                    zh: "\(name.zh)调解\(held)次未成功，按“\(ladderName)”移交上一级。",
                    en: "\(name.en) level: \(held) sessions without agreement; the case moves up “\(ladderName)”.")
            case .time:
                return Localized(
                    zh: "\(name.zh)调解时限已到，按“\(ladderName)”移交上一级。",
                    en: "The \(name.en.lowercased()) level's time ran out; the case moves up “\(ladderName)”.")
            }
        case .ladderClimbed:
            let name = level(ladder?.stepIndex ?? 0)
            let why =
                ladder?.exhausted == .time
                ? Localized(zh: "调解时限已到", en: "its time ran out")
                : Localized(zh: "调解次数已用完", en: "its sessions were held without agreement")
            return Localized(
                zh: "按“\(ladderName)”移交上一级：\(name.zh)\(why.zh)。",
                en: "Moved up the mediation ladder “\(ladderName)”: at the \(name.en.lowercased()) level \(why.en).")
        case .ladderStepReached(let step):
            let name = level(step)
            return Localized(
                zh: "进入\(name.zh)调解（“\(ladderName)”第\(step + 1)级）。",
                en: "Now at the \(name.en.lowercased()) level (step \(step + 1) of “\(ladderName)”).")
        case .supervised where event.actor.kind == .system:
            let overdue = entry.batch.compactMap { earlier -> Localized? in
                guard case .clockAlerted(let alert) = earlier.change, alert.level == .red,
                    alert.kind != .mediationLevel
                else { return nil }
                return alert.kind.name
            }
            return Localized(
                zh: "超期自动督办：“\(overdue.map(\.zh).joined(separator: "”“"))”时限已过，请尽快办理并反馈。",
                en: "Automatic supervision: the \(overdue.map { "“\($0.en)”" }.joined(separator: ", ")) limit has "
                    + "passed; finish it and report back.")
        case .reopened:
            for earlier in entry.batch.reversed() {
                if case .termChecked(let term, false) = earlier.change {
                    return Localized(
                        zh: "协议第\(term + 1)项未按期履行，重新办理（反弹）。",
                        en: "Term \(term + 1) of the agreement was not fulfilled: handled again (a flare-up).")
                }
            }
            return nil
        case .resolved(.guidedToLitigation, _):
            for earlier in entry.batch.reversed() {
                if case .mediationRefused(let party, .litigation) = earlier.change {
                    return Localized(
                        zh: "\(party)不同意调解，已告知通过诉讼途径解决。",
                        en: "\(party) refused mediation and was guided to the courts.")
                }
            }
            return nil
        case .mediatorAssigned, .mediatorDeclined:
            return requestAnsweredByDispatch(entry)
        case .returnedToCourt:
            guard let outcome = entry.before?.outcome else { return nil }
            return Localized(
                zh: "调解结果反馈法院：\(outcome.name.zh)。", en: "Outcome reported to the court: \(outcome.name.en).")
        default:
            return nil
        }
    }

    /// What became of a citizen's 点单 when the center dispatched the case before the mediator answered: the
    /// dispatch to the mediator's organisation assigns them, a dispatch elsewhere does not take the request up.
    /// Nil for an assignment or decline a person made.
    public static func requestAnsweredByDispatch(_ entry: Entry) -> Localized? {
        guard let dispatch = entry.batch.last(where: { if case .dispatched = $0.change { true } else { false } }),
            case .dispatched(_, let lead, _, _) = dispatch.change
        else { return nil }
        switch entry.event.change {
        case .mediatorAssigned(_, lead):
            return Localized(
                zh: "已按群众点单，交所点调解员办理。", en: "Dispatched as the citizen asked: the mediator they chose handles it.")
        case .mediatorDeclined:
            return Localized(
                zh: "中心已另行派单，所点调解员未被采用。",
                en: "The center dispatched it elsewhere; the mediator asked for was not taken up.")
        default:
            return nil
        }
    }

    /// Whether an entry only repeats a step written with it: taking a requested mediation (接单调解) writes the
    /// mediator's assignment, the dispatch to their organisation and its acceptance at once. A reader is told it
    /// once, as the mediator's 接单; the file keeps all three.
    public static func repeatsItsBatch(_ entry: Entry) -> Bool {
        switch entry.event.change {
        case .dispatched(_, let organisation, _, _), .accepted(let organisation):
            entry.batch.contains {
                if case .mediatorAssigned(_, organisation) = $0.change { true } else { false }
            }
        default: false
        }
    }

    /// Whether an entry's note can only have been written by the platform: files written before events held facts
    /// only kept the platform's bilingual sentence there. Such a note is not shown; the sentence above replaces it.
    public static func noteIsPlatformWritten(_ entry: Entry) -> Bool {
        switch entry.event.change {
        case .timeLimitsApplied, .clockAlerted, .ladderExhausted, .ladderClimbed, .ladderStepReached, .returnedToCourt:
            true
        case .supervised: entry.event.actor.kind == .system
        case .reopened: platformLine(entry) != nil
        default: false
        }
    }

    /// The note a reader is shown for an entry: what a person typed, nothing the platform wrote.
    public static func personalNote(_ entry: Entry) -> String? {
        noteIsPlatformWritten(entry) ? nil : entry.event.note
    }
}
