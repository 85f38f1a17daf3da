import FengqiaoCore
import Foundation
import Hummingbird

/// One entry of the case file. The registration's personal data is not repeated here: read it from the case.
struct CaseEventResource: ResponseEncodable, Sendable {
    let sequence: Int
    let at: Date
    let change: String
    let actor: String
    let role: Role?
    let organisationID: Organisation.ID?
    let note: String?

    init(_ event: CaseEvent) {
        sequence = event.sequence
        at = event.at
        change = event.change.name
        actor = event.actor.displayName
        role = event.actor.role
        organisationID = event.actor.organisationID
        note = event.note
    }
}
struct CaseEventListResource: ResponseEncodable, Sendable {
    let items: [CaseEventResource]
}
