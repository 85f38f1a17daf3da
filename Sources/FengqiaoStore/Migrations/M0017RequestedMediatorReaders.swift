import FengqiaoCore
import Foundation
import SQLKit

extension Migration {
    /// A citizen's 点单 is read by the mediator's organisation while it waits (`CaseVisibility.readerOrganisations`
    /// gained the requested organisation): before, a mediator outside the case's township never saw the request,
    /// and a dispatch silently left it behind. `case_organisations` is rebuilt from each case's snapshot.
    static let m0017RequestedMediatorReaders = Migration(
        version: 17,
        name: "requested mediators read their cases",
        statements: ["DELETE FROM case_organisations"],
        backfill: { sql, _ in try await Migration.backfillCaseReaders(in: sql) })
}
