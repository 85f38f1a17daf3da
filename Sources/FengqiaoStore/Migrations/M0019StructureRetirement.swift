import SQLKit

extension Migration {
    /// Administering the county's structure (issue 16): regions and organisations are retired (撤销), not deleted, so
    /// that old cases keep naming them. `retired_at` is when (milliseconds), NULL while in use.
    static let m0019StructureRetirement = Migration(
        version: 19,
        name: "retired regions and organisations",
        statements: [
            "ALTER TABLE regions ADD COLUMN retired_at BIGINT",
            "ALTER TABLE organisations ADD COLUMN retired_at BIGINT",
        ])
}
