import FengqiaoCore
import FengqiaoTestSupport
import Foundation
import Testing

@testable import FengqiaoStore

@Suite("Sessions and API tokens")
struct AccessRepositoryTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    private func makeUser(in database: Database) async throws -> User {
        let tree = try await SmallTree.make(in: database)
        let center = try await OrganisationRepository(database: database).create(
            NewOrganisation(name: "青溪镇综治中心", kind: .center, regionID: tree.township.id))
        return try await UserRepository(database: database).create(
            NewUser(
                username: "qingxi.center", displayName: "王芳",
                grants: [RoleGrant(role: .centerStaff, organisationID: center.id, jurisdictionID: tree.township.id)]),
            passwordHash: "x", now: now)
    }

    @Test("a session is found by its cookie value until it expires or is deleted", arguments: TestEngine.available)
    func sessions(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let user = try await makeUser(in: database)
            let sessions = SessionRepository(database: database)
            let (id, session) = try await sessions.create(for: user.id, at: now, lifetime: 3600)
            #expect(id.count == 64 && session.csrfToken.count == 64 && id != session.csrfToken)
            #expect(try await sessions.find(id, at: now + 60) == session)
            #expect(try await sessions.find(id, at: now + 3601) == nil)
            #expect(try await sessions.find(String(repeating: "0", count: 64), at: now) == nil)
            try await sessions.delete(id)
            #expect(try await sessions.find(id, at: now + 60) == nil)
        }
    }

    @Test("an API token finds its user until revoked; only its hash is stored", arguments: TestEngine.available)
    func tokens(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let user = try await makeUser(in: database)
            let tokens = TokenRepository(database: database)
            let token = try await tokens.create(for: user.id, label: "12345 bridge", at: now)
            #expect(token.hasPrefix("fq_") && token.count == 67)
            #expect(try await tokens.userID(for: token) == user.id)
            #expect(try await tokens.userID(for: "fq_" + String(repeating: "a", count: 64)) == nil)
            #expect(try await tokens.userID(for: "nonsense") == nil)
            let stored = try await database.withConnection { sql in
                try await sql.raw("SELECT token_hash FROM api_tokens").first(
                    decodingColumn: "token_hash", as: String.self)
            }
            #expect(stored != nil && stored != token && stored?.contains(token.dropFirst(3)) == false)
            try await tokens.revokeAll(for: user.id)
            #expect(try await tokens.userID(for: token) == nil)
        }
    }

    @Test(
        "a password change ends the user's other sessions and tokens; a disable ends all, and enabling brings none back",
        arguments: TestEngine.available)
    func credentialsChangeEndsSessions(engine: TestEngine) async throws {
        // Probed: after a password change the other sessions and API tokens kept working, and a re-enabled user
        // got their old sessions back.
        try await engine.withDatabase { database in
            let user = try await makeUser(in: database)
            let users = UserRepository(database: database)
            let sessions = SessionRepository(database: database)
            let tokens = TokenRepository(database: database)
            let (current, _) = try await sessions.create(for: user.id, at: now, lifetime: 3600)
            let (other, _) = try await sessions.create(for: user.id, at: now, lifetime: 3600)
            let token = try await tokens.create(for: user.id, label: "bridge", at: now)
            try await users.setPasswordHash(username: user.username, to: "y", now: now, keepingSession: current)
            #expect(try await sessions.find(current, at: now + 60) != nil)
            #expect(try await sessions.find(other, at: now + 60) == nil)
            #expect(try await tokens.userID(for: token) == nil)

            let (again, _) = try await sessions.create(for: user.id, at: now, lifetime: 3600)
            let second = try await tokens.create(for: user.id, label: "bridge", at: now)
            try await users.setDisabled(username: user.username, true, now: now)
            try await users.setDisabled(username: user.username, false, now: now)
            for id in [current, again] { #expect(try await sessions.find(id, at: now + 60) == nil) }
            #expect(try await tokens.userID(for: second) == nil)

            // An administrator's reset (no session kept) ends them all.
            let (last, _) = try await sessions.create(for: user.id, at: now, lifetime: 3600)
            try await users.setPasswordHash(username: user.username, to: "z", now: now)
            #expect(try await sessions.find(last, at: now + 60) == nil)
        }
    }
}
