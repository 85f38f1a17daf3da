import Foundation

/// One case as a script the real state machine replays (the demo cases, generated load, imports of history): the intake registered by `registeredBy` at `registeredAt`,
/// then each step decided by `CaseLifecycle.decide` (or, for a merge, `CaseLifecycle.merge` into an earlier script's
/// case). Replay scripts in order: a merge names an earlier script by its index.
public struct CaseScript: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        /// For a merge, `.markDuplicate(of:)` with a placeholder identifier (the master's script index + 1): use
        /// `mergeInto` and the store's merge instead.
        public var command: CaseCommand
        public var actor: Actor
        public var at: Date
        /// The index of an earlier script whose case this one is merged into.
        public var mergeInto: Int?

        public init(command: CaseCommand, actor: Actor, at: Date, mergeInto: Int? = nil) {
            self.command = command
            self.actor = actor
            self.at = at
            self.mergeInto = mergeInto
        }
    }

    public var intake: Intake
    /// The path of `intake.regionID` (the grid), as the directory gives it.
    public var regionPath: String
    public var registeredBy: Actor
    public var registeredAt: Date
    public var receivingCenter: Organisation.ID
    public var steps: [Step]
    /// Unique and the same for the same seed: `demo-<seed>-<index>`.
    public var idempotencyKey: String
    /// Unique, from `CaseNumbering.trackingCode(using:)` with a seeded generator.
    public var trackingCode: String

    public init(
        intake: Intake, regionPath: String, registeredBy: Actor, registeredAt: Date, receivingCenter: Organisation.ID,
        steps: [Step], idempotencyKey: String, trackingCode: String
    ) {
        self.intake = intake
        self.regionPath = regionPath
        self.registeredBy = registeredBy
        self.registeredAt = registeredAt
        self.receivingCenter = receivingCenter
        self.steps = steps
        self.idempotencyKey = idempotencyKey
        self.trackingCode = trackingCode
    }
}
