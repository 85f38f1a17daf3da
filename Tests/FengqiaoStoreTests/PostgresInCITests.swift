import FengqiaoTestSupport
import Foundation
import Testing

@Test("CI runs the storage contract tests on PostgreSQL as well as SQLite")
func postgresIsConfiguredInCI() {
    if ProcessInfo.processInfo.environment["CI"] == "true" {
        #expect(TestEngine.postgresURL != nil, "CI must set FENGQIAO_TEST_POSTGRES_URL (make test does)")
    }
}
