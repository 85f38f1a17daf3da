import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

/// Requests schemathesis found to break the server (scripts/schemathesis.sh), kept as regression tests.
@Suite("Fuzzing findings")
struct FuzzFindingsTests {
    @Test("a date beyond any range is clamped, not a crash")
    func hugeDates() {
        #expect(Date(timeIntervalSince1970: 1e300).unixMilliseconds == 1 << 62)
        #expect(Date(timeIntervalSince1970: -1e300).unixMilliseconds == -(1 << 62))
        #expect(Date(timeIntervalSince1970: 1_796_000_000.123).unixMilliseconds == 1_796_000_000_123)
    }

    @Test("dueWithinHours far in the future is refused by name (400) instead of killing the server")
    func hugeDueWithinHours() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let answer = try await desk.call(.get, "/api/v1/cases?dueWithinHours=4591964682341")
            #expect(answer.status == .badRequest && answer.text.contains("dueWithinHours"))
            #expect(try await desk.call(.get, "/api/v1/cases?dueWithinHours=8760").status == .ok)
        }
    }

    @Test("a repeated query key is not a server error")
    func repeatedQueryKey() async throws {
        // Found on `GET /api/v1/track?x=a&x=b` (Hummingbird's query decoder); the look-up is now a POST whose code
        // and digits are in the body, and the query is not read.
        try await TestApp.run(seeded: true) { client, _ in
            try await client.execute(
                uri: "/api/v1/track?x=a&x=b", method: .post, headers: TrackLookup.headers(),
                body: TrackLookup.body(code: "ZZZZZZZZZZ", phone: "1234")
            ) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/track?x=a&x=b", method: .get) { #expect($0.status.code < 500) }
        }
    }
}
