import FengqiaoStore
import Foundation
import Logging

/// The risk warnings' part of each scheduler round (docs/RISK.md): overdue visits alerted and charged once (the
/// store's conditional UPDATE lets one instance win each), and `case_people` written for the cases registered before
/// M0022 (until done; one read per round afterwards).
public struct RiskTick: Sendable {
    let risk: RiskStore
    let personKey: PersonKey
    let logger: Logger

    public init(services: AppServices, logger: Logger) {
        self.risk = services.risk
        self.personKey = services.personKey
        self.logger = logger
    }

    /// Returns how many overdue visits it alerted.
    @discardableResult
    public func run(at now: Date) async throws -> Int {
        let backfilled = try await risk.backfill(key: personKey)
        if backfilled > 0 { logger.info("case_people backfilled", metadata: ["cases": "\(backfilled)"]) }
        let alerted = try await risk.alertOverdueVisits(at: now)
        if alerted > 0 { logger.info("risk visits overdue", metadata: ["visits": "\(alerted)"]) }
        return alerted
    }
}
