import FengqiaoCore
import FengqiaoStore
import Foundation
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

/// The server reads the time from one injected clock, once per request.
@Suite("The clock")
struct ClockTests {
    @Test("a case registered through the API carries the injected clock's time, and its number that day")
    func injectedClock() async throws {
        let fixed = try #require(ChinaTime.parse("2026-03-02T09:30:00+08:00")?.lowerBound)
        try await TestApp.run(seeded: true, clock: .fixed(fixed)) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let reply = try await desk.call(.post, "/api/v1/cases", CaseAPITests.intake, key: "clock")
            let id = try #require(reply.json["id"] as? Int)
            let found = try #require(try await services.cases.find(id: Case.ID(Int64(id))))
            #expect(found.createdAt == fixed)
            #expect(found.number.contains("20260302"))
        }
    }
}
