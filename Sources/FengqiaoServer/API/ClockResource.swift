import FengqiaoCore
import Foundation
import Hummingbird

struct ClockResource: Codable, Sendable {
    let kind: ClockKind
    let name: LocalizedText
    let limit: String
    let limitName: LocalizedText
    let startedAt: Date
    let dueAt: Date?
    let warningAt: Date?
    let paused: Bool
    let level: AlertLevel
    /// Seconds left in the limit's own time (working seconds for working limits); negative when overdue.
    let remainingSeconds: Int
    let text: LocalizedText

    init(_ status: ClockStatus) {
        kind = status.kind
        name = LocalizedText(status.kind.name)
        limit = status.limit.code
        limitName = LocalizedText(status.limit.name)
        startedAt = status.startedAt
        dueAt = status.dueAt
        warningAt = status.warningAt
        paused = status.paused
        level = status.level
        remainingSeconds = Int(status.remaining.rounded())
        text = LocalizedText(status.text)
    }
}
struct LadderResource: Codable, Sendable {
    let code: String
    let name: String
    let automatic: Bool
    let step: Int
    let level: RegionLevel
    let failedSessions: Int
    let maxSessions: Int?
    let minSessions: Int?
    let exhausted: LadderProgress.Exhaustion?
    let lastStep: Bool
    let summary: LocalizedText

    init(_ progress: LadderProgress) {
        code = progress.ladder.code
        name = progress.ladder.name
        automatic = progress.ladder.automatic
        step = progress.stepIndex
        level = progress.step.level
        failedSessions = progress.failedSessions
        maxSessions = progress.step.maxSessions
        minSessions = progress.step.minSessions
        exhausted = progress.exhausted
        lastStep = progress.isLastStep
        summary = LocalizedText(progress.summary)
    }
}
