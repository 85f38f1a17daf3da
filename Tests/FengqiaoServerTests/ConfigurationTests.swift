import FengqiaoStore
import Testing

@testable import FengqiaoServer

@Suite("Configuration")
struct ConfigurationTests {
    @Test("with nothing set, development defaults apply: SQLite in ./data, 127.0.0.1:8080")
    func defaults() throws {
        let configuration = try AppConfiguration.load(environment: [:])
        #expect(configuration.mode == .development)
        #expect(configuration.database == .sqlite(path: "./data/fengqiao.sqlite"))
        #expect(configuration.hostname == "127.0.0.1" && configuration.port == 8080)
        #expect(!configuration.autoMigrate)
    }

    @Test("the environment overrides the file, and the file overrides the defaults")
    func precedence() throws {
        let file = """
            # a comment
            FENGQIAO_PORT = 9000
            FENGQIAO_HOSTNAME="0.0.0.0"
            """
        let configuration = try AppConfiguration.load(
            environment: ["FENGQIAO_PORT": "9100", "HOME": "/root"], file: file)
        #expect(configuration.port == 9100)
        #expect(configuration.hostname == "0.0.0.0")
    }

    @Test(
        "a bad value stops with a message that names the setting and the value",
        arguments: [
            ("FENGQIAO_PORT", "80800"), ("FENGQIAO_MODE", "staging"), ("FENGQIAO_DATABASE_URL", "mysql://x"),
            ("FENGQIAO_LOG_LEVEL", "loud"), ("FENGQIAO_AUTO_MIGRATE", "maybe"), ("FENGQIAO_DATABASE_POOL_SIZE", "0"),
        ])
    func badValueNamed(key: String, value: String) {
        do {
            _ = try AppConfiguration.load(environment: [key: value])
            Issue.record("\(key)=\(value) was accepted")
        } catch {
            #expect(error.key == key)
            #expect(error.message.zh.contains(key) && error.message.zh.contains(value))
            #expect(error.message.en.contains(key) && error.message.en.contains(value))
        }
    }

    @Test("production mode refuses the default session secret, and never prints a secret")
    func productionNeedsSecret() throws {
        #expect(throws: ConfigurationError.self) {
            try AppConfiguration.load(environment: ["FENGQIAO_MODE": "production"])
        }
        do {
            _ = try AppConfiguration.load(environment: [
                "FENGQIAO_MODE": "production", "FENGQIAO_SESSION_SECRET": "short",
            ])
            Issue.record("a short secret was accepted")
        } catch {
            #expect(error.key == "FENGQIAO_SESSION_SECRET")
            #expect(!error.message.zh.contains("short"))
        }
        let secret = String(repeating: "k", count: 40)
        let configuration = try AppConfiguration.load(
            environment: ["FENGQIAO_MODE": "production", "FENGQIAO_SESSION_SECRET": secret])
        #expect(configuration.sessionSecret == secret)
    }

    @Test("an unknown key or a malformed line in the file is refused with its line")
    func badFile() {
        #expect(throws: ConfigurationError.self) {
            try AppConfiguration.load(environment: [:], file: "FENGQIAO_PROT=1")
        }
        do {
            _ = try AppConfiguration.load(environment: [:], file: "\nnot a setting")
            Issue.record("a malformed line was accepted")
        } catch {
            #expect(error.key == "line 2")
        }
    }

    @Test("grants typed on the command line are ROLE:ORGANISATION:REGION")
    func grantArguments() throws {
        let grant = try GrantArgument(parsing: "centerStaff:清溪县社会治理中心:339921")
        #expect(grant == (try GrantArgument(parsing: "centerStaff:清溪县社会治理中心:339921")))
        #expect(grant.role == .centerStaff && grant.organisation == "清溪县社会治理中心" && grant.regionCode == "339921")
        #expect(throws: GrantArgumentError.unknownRole("boss")) { try GrantArgument(parsing: "boss:1:339921") }
        #expect(throws: GrantArgumentError.malformed("leader:1")) { try GrantArgument(parsing: "leader:1") }
    }
}
