import FengqiaoCore
import FengqiaoStore
import Testing

@testable import FengqiaoServer

/// One mapping from an error's kind to its HTTP status, for the API, the pages and Open311.
@Suite("Error statuses")
struct ErrorStatusTests {
    @Test("each kind has its status")
    func kinds() {
        #expect(ErrorStatus.status(of: .malformed) == .badRequest)
        #expect(ErrorStatus.status(of: .invalid) == .unprocessableContent)
        #expect(ErrorStatus.status(of: .notFound) == .notFound)
        #expect(ErrorStatus.status(of: .forbidden) == .forbidden)
        #expect(ErrorStatus.status(of: .conflict) == .conflict)
    }

    @Test("a missing case is 404 wherever it is met (the case page said 409), a version conflict 409")
    func storeErrors() {
        #expect(ErrorStatus.status(of: CaseStoreError.caseNotFound) == .notFound)
        #expect(ErrorStatus.status(of: CaseStoreError.conflict(expected: 2, actual: 3)) == .conflict)
        #expect(ErrorStatus.status(of: CaseStoreError.invalidIdempotencyKey) == .badRequest)
        #expect(ErrorStatus.status(of: CaseStoreError.idempotencyKeyReused) == .unprocessableContent)
    }

    @Test("a refusal of who is asking is 403, of the case's state 409, of what was sent 422")
    func caseErrors() {
        #expect(ErrorStatus.status(of: CaseError.outsideJurisdiction) == .forbidden)
        #expect(ErrorStatus.status(of: CaseError.notAParticipant) == .forbidden)
        #expect(ErrorStatus.status(of: CaseError.notAllowedInState(.dispatch, .closed)) == .conflict)
        #expect(ErrorStatus.status(of: CaseError.reasonRequired) == .unprocessableContent)
        #expect(ErrorStatus.status(of: APIError.notFound) == .notFound)
    }
}
