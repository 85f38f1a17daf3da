import FengqiaoCore
import FengqiaoTestSupport
import Foundation
import Testing

@testable import FengqiaoStore

@Suite("Settings")
struct SettingsRepositoryTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test(
        "the ranking minimum is 10 until set; each change is kept with who made it, a repeat changes nothing",
        arguments: TestEngine.available)
    func rankingMinimum(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let settings = SettingsRepository(database: database)
            #expect(try await settings.rankingMinimum() == 10)
            #expect(try await settings.changes(of: RankingMinimum.settingName).isEmpty)
            try await settings.setRankingMinimum(3, by: nil, at: now)
            try await settings.setRankingMinimum(3, by: nil, at: now.addingTimeInterval(60))
            try await settings.setRankingMinimum(25, by: nil, at: now.addingTimeInterval(120))
            #expect(try await settings.rankingMinimum() == 25)
            let changes = try await settings.changes(of: RankingMinimum.settingName)
            #expect(changes.map(\.newValue) == ["25", "3"])
            #expect(changes.map(\.oldValue) == ["3", nil])
            #expect(changes.first?.at == now.addingTimeInterval(120))
            // A value stored outside the allowed range (by hand) is not used.
            try await settings.set(RankingMinimum.settingName, to: "0", by: nil, at: now)
            #expect(try await settings.rankingMinimum() == 10)
        }
    }
}
