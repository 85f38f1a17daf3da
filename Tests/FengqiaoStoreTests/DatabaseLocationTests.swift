import Testing

@testable import FengqiaoStore

@Suite("Database URL")
struct DatabaseLocationTests {
    @Test("sqlite:PATH and postgres:// URLs choose the engine")
    func parses() throws {
        #expect(try DatabaseLocation(parsing: "sqlite:./data/x.sqlite") == .sqlite(path: "./data/x.sqlite"))
        #expect(try DatabaseLocation(parsing: "sqlite:///var/lib/fq.sqlite") == .sqlite(path: "/var/lib/fq.sqlite"))
        let url = "postgres://fq:secret@127.0.0.1:5432/fengqiao"
        #expect(try DatabaseLocation(parsing: url) == .postgres(url: url))
        #expect(try DatabaseLocation(parsing: url).engine == .postgres)
    }

    @Test(
        "bad URLs are refused with the reason",
        arguments: [
            ("sqlite:", DatabaseLocationError.emptySQLitePath),
            ("sqlite::memory:", .memoryNotSupported),
            ("mysql://x", .unknownScheme("mysql://x")),
            ("postgres://", .malformedPostgres),
            ("postgres://host-only", .malformedPostgres),
        ])
    func refuses(text: String, error: DatabaseLocationError) {
        #expect(throws: error) { try DatabaseLocation(parsing: text) }
    }

    @Test("a PostgreSQL password never appears when the location is printed")
    func hidesPassword() throws {
        let location = try DatabaseLocation(parsing: "postgres://fq:secret@db:5432/fengqiao")
        #expect(location.description == "postgres://fq:***@db:5432/fengqiao")
    }
}
