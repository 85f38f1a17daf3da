import FengqiaoCore
import FengqiaoStore
import Foundation

/// Possible duplicates of a report: cases the reader may see in the same village or community (the whole region
/// when it lies above village level), registered in the 30 days before, not withdrawn or merged, whose words are
/// similar (`DuplicateSuggestions`).
struct DuplicateSearch: Sendable {
    let regions: RegionRepository
    let cases: CaseRepository
    static let window: TimeInterval = 30 * 86_400
    /// How many recent cases of the place are compared (the newest first).
    static let candidatesRead = 200

    func candidates(
        text: String, regionID: Region.ID, before: Date, excluding: Case.ID? = nil,
        visibleTo visibility: CaseRepository.Visibility
    ) async throws -> [DuplicateCandidate] {
        guard !text.trimmingWhitespace.isEmpty else { return [] }
        var region = try await regions.find(id: regionID)
        while let found = region, found.level > .village, let parent = found.parentID {
            region = try await regions.find(id: parent)
        }
        guard let place = region, let path = try await regions.path(of: place.id) else { return [] }
        var filter = CaseRepository.Filter()
        filter.regionPath = path
        filter.createdFrom = before.addingTimeInterval(-Self.window)
        filter.createdBefore = before
        filter.states = CaseState.allCases.filter { $0 != .withdrawn && $0 != .merged }
        let recent = try await cases.list(
            filter, visibleTo: visibility, limit: Self.candidatesRead, after: nil
        ).filter { $0.id != excluding }
        let byID = Dictionary(uniqueKeysWithValues: recent.map { ($0.id, $0) })
        let ranked = DuplicateSuggestions.rank(
            text, among: recent.map { .init(id: $0.id, text: $0.title + $0.description) })
        return ranked.compactMap { id, score in
            byID[id].map {
                DuplicateCandidate(id: $0.id, number: $0.number, title: $0.title, state: $0.state, similarity: score)
            }
        }
    }
}
