import ArgumentParser

@main
struct Fengqiao: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fengqiao",
        abstract: "枫桥：基层社会治理一站式平台 · Fengqiao, one-stop grassroots governance.",
        discussion: """
            Configuration comes from FENGQIAO_* environment variables and an optional file (--config or \
            FENGQIAO_CONFIG); the environment wins. Run `fengqiao config` to see every setting.
            """,
        subcommands: [
            Serve.self, Worker.self, Migrate.self, SeedDemo.self, UserCommand.self, TokenCommand.self,
            Open311KeyCommand.self, Verify.self,
            ConfigCommand.self, Backup.self, Restore.self, Generate.self, BenchFloor.self, BenchTick.self,
            BenchPrevention.self,
            ImportCommand.self, ImportStructureCommand.self, ExportCommand.self, DoctorCommand.self, SetupCommand.self,
        ])
}
