import SQLKit

extension Migration {
    /// Hotspots across channels (issue 17, docs/HOTSPOTS.md): the desk's decisions, remembered across instances and
    /// recomputations. The clusters themselves are not stored: every instance computes them from the cases registered
    /// within the window (`cases_created`, an index range), so there is nothing to keep in step.
    /// - `hotspot_exclusions`: "not related" (不相关), one row per pair of cases never clustered together again
    ///   (`first_case_id` < `second_case_id`); `second_case_id` is indexed so that only the pairs touching the window's
    ///   cases are read, and `id` lets an instance read just the rows added since its last look.
    /// - `hotspot_actions`: what was done with a hotspot (merged into a 主办 case, dispatched to an organisation,
    ///   marked not related), by whom and when, with the cases it touched (JSON).
    static let m0024Hotspots = Migration(
        version: 24,
        name: "hotspot decisions",
        statements: [
            """
            CREATE TABLE hotspot_exclusions (
                id {pk},
                first_case_id BIGINT NOT NULL,
                second_case_id BIGINT NOT NULL,
                hotspot_id BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                user_id BIGINT NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX hotspot_exclusions_pair ON hotspot_exclusions(first_case_id, second_case_id)",
            "CREATE INDEX hotspot_exclusions_second ON hotspot_exclusions(second_case_id)",
            "CREATE INDEX hotspot_exclusions_hotspot ON hotspot_exclusions(hotspot_id)",
            """
            CREATE TABLE hotspot_actions (
                id {pk},
                hotspot_id BIGINT NOT NULL,
                kind TEXT NOT NULL,
                lead_case_id BIGINT,
                organisation_id BIGINT,
                note TEXT,
                case_ids TEXT NOT NULL,
                user_id BIGINT NOT NULL,
                username TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX hotspot_actions_hotspot ON hotspot_actions(hotspot_id, at)",
        ])
}
