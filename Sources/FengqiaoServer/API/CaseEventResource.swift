import FengqiaoCore
import Foundation
import Hummingbird

/// One entry of the case file. The registration's personal data is not repeated here: read it from the case.
struct CaseEventResource: ResponseEncodable, Sendable {
    let sequence: Int
    let at: Date
    let change: String
    let actor: String
    let actorName: LocalizedText
    /// The entry told in each language from its facts (the case file's line).
    let text: LocalizedText
    let role: Role?
    let organisationID: Organisation.ID?
    /// Only what a person typed.
    let note: String?

    init(_ line: CaseFileEntries.Line) {
        sequence = line.event.sequence
        at = line.event.at
        change = line.event.change.name
        actor = line.event.actor.displayName
        actorName = LocalizedText(line.actor)
        text = LocalizedText(line.text)
        role = line.event.actor.role
        organisationID = line.event.actor.organisationID
        note = line.note
    }
}
struct CaseEventListResource: ResponseEncodable, Sendable {
    let items: [CaseEventResource]
}
