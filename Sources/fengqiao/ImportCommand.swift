import ArgumentParser
import FengqiaoCore
import FengqiaoServer
import FengqiaoStore
import Foundation

extension ImportFormat: ExpressibleByArgument {}
extension ImportFileType: ExpressibleByArgument {}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an export file of 12345, 110, the court or the petition office as cases.",
        discussion: """
            Formats: hotline12345, police110, court, petition (columns and examples: docs/IMPORTS.md). CSV or JSON, \
            from the extension or --type. Every record is registered through the case lifecycle, once per source id: \
            importing a file again adds nothing. Bad records are listed with their line and reason; the good ones \
            go in. Exit code 0 when the file was read (even with refused records; add --strict for 1 then), \
            2 when the file itself cannot be read.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "hotline12345, police110, court or petition.") var format: ImportFormat
    @Option(help: "csv or json (default: from the file's extension).") var type: ImportFileType?
    @Option(help: "Print progress every N records.") var progressEvery = 500
    @Flag(help: "Exit with code 1 when any record was refused.") var strict = false
    @Argument(help: "The export file.") var file: String

    func run() async throws {
        var refused = 0
        try await global.withServices { services in
            let started = ContinuousClock.now
            let report: CaseImporter.Report
            do {
                report = try await CaseImporter(services: services).importFile(
                    at: file, format: format, type: type, progressEvery: progressEvery
                ) { progress in
                    let seconds = Generate.seconds(since: started)
                    let line =
                        "\r\(progress.done)/\(progress.total) 条 records, \(progress.imported) 新 new, "
                        + "\(progress.alreadyPresent) 已有 present, \(progress.refused) 拒收 refused, "
                        + String(format: "%.1f s", seconds)
                    FileHandle.standardError.write(Data((progress.done == progress.total ? line + "\n" : line).utf8))
                }
            } catch let error as ImportFileError {
                Console.fail(error.message)
                throw ExitCode(2)
            }
            for refusal in report.refusals {
                print("\(refusal.message.zh)\n  \(refusal.message.en)")
            }
            let seconds = String(format: "%.1f", Generate.seconds(since: started))
            Console.say(
                Localized(zh: report.summary.zh + "用时 \(seconds) 秒。", en: report.summary.en + " \(seconds) s."))
            refused = report.refusals.count
        }
        if strict && refused > 0 { throw ExitCode.failure }
    }
}
