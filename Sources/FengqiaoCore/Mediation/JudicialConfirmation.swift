import Foundation

/// 司法确认: the request to a court and its ruling.
public struct JudicialConfirmation: Sendable, Codable, Equatable, Hashable {
    public var court: Organisation.ID
    public var requestedAt: Date
    public var agreementVersion: Int
    /// Nil until the court rules.
    public var confirmed: Bool?
    public var ruledAt: Date?

    public init(
        court: Organisation.ID, requestedAt: Date, agreementVersion: Int, confirmed: Bool? = nil, ruledAt: Date? = nil
    ) {
        self.court = court
        self.requestedAt = requestedAt
        self.agreementVersion = agreementVersion
        self.confirmed = confirmed
        self.ruledAt = ruledAt
    }
}
