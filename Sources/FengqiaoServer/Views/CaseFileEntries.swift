import FengqiaoCore
import FengqiaoStore
import Foundation

/// A case's file (一案一档) as staff read it, on the case page and in the API: every entry told in both languages
/// from its facts (`CaseNarrative.staffLine`), who did it, and only the note a person typed; the names of the
/// organisations it mentions are read in one query.
struct CaseFileEntries: Sendable {
    struct Line: Sendable {
        let event: CaseEvent
        let actor: Localized
        let text: Localized
        let note: String?
        /// Only repeats a step written with it (`CaseFileText.repeatsItsBatch`): pages leave it out, the API keeps it.
        let repeatsItsBatch: Bool
    }

    let lines: [Line]
    /// The names of the organisations the case and its file mention.
    let names: [Organisation.ID: String]

    static func load(
        _ current: Case, events: [CaseEvent], organisations: OrganisationRepository
    ) async throws -> CaseFileEntries {
        let names = try await organisations.names(of: mentioned(in: current, events: events))
        let lines = CaseFileText.entries(of: events).map { entry in
            Line(
                event: entry.event, actor: entry.event.actor.name,
                text: CaseNarrative.staffLine(entry, current: current) { names[$0] ?? "" },
                note: CaseFileText.personalNote(entry), repeatsItsBatch: CaseFileText.repeatsItsBatch(entry))
        }
        return CaseFileEntries(lines: lines, names: names)
    }

    /// The organisations a case and its file name: participants, holder, center, who acted, and those the changes
    /// name (`CaseChange.organisationsNamed`). The case page, the API's file, the tracking page and Open311 read
    /// their names in one query from this set.
    static func mentioned(in current: Case, events: [CaseEvent]) -> Set<Organisation.ID> {
        var ids = Set(current.participants.map(\.organisationID))
        ids.formUnion([current.holderOrganisationID, current.centerOrganisationID].compactMap { $0 })
        for event in events {
            if let organisation = event.actor.organisationID { ids.insert(organisation) }
            ids.formUnion(event.change.organisationsNamed)
        }
        return ids
    }
}
