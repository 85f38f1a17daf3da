extension Migration {
    /// The queues (cases in some states, within the reader's jurisdiction or organisations, newest first) read
    /// their page of ids from `cases_state` alone: with the region path and the id in the index, neither the
    /// jurisdiction test nor the sort has to read a case's row (`CaseRepository.list` fetches the snapshots of the
    /// page only). The old index had only the state and the time.
    static let m0011QueueIndex = Migration(
        version: 11,
        name: "queue index",
        statements: [
            "DROP INDEX cases_state",
            "CREATE INDEX cases_state ON cases(state, created_at, id, region_path)",
        ])
}
