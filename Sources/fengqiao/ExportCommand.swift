import ArgumentParser
import FengqiaoCore
import FengqiaoServer
import FengqiaoStore
import Foundation

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the cases a user may see as CSV (UTF-8 with BOM, Chinese headers), as that user.",
        discussion: """
            The same columns and masking as GET /api/v1/exports/cases.csv: personal data in clear only where the \
            user's role needs it. The export is written to the access log under the user's name.
            """)

    enum Format: String, ExpressibleByArgument {
        case csv
    }

    @OptionGroup var global: GlobalOptions
    @Option(help: "csv.") var format: Format = .csv
    @Option(help: "Only cases in this region's subtree (a region or grid code).") var region: String?
    @Option(help: "Only cases in this state (repeatable), e.g. registered, resolved.") var state: [String] = []
    @Option(help: "Act as this user: their jurisdiction and role decide what is exported and masked.") var user: String
    @Argument(help: "The file to write (- for standard output).") var file: String

    func run() async throws {
        try await global.withServices { services in
            var filter = CaseRepository.Filter()
            var filterText: [String] = []
            for name in state {
                guard let parsed = CaseState(rawValue: name) else {
                    Console.fail(
                        Localized(
                            zh: "没有名为“\(name)”的状态。可选：\(CaseState.allCases.map(\.rawValue).joined(separator: ", "))。",
                            en: "No state named \"\(name)\". Choose from "
                                + "\(CaseState.allCases.map(\.rawValue).joined(separator: ", "))."))
                    throw ExitCode.failure
                }
                filter.states.append(parsed)
                filterText.append("state=\(name)")
            }
            if let region {
                guard let found = try await services.regions.find(code: region) else {
                    Console.fail(Localized(zh: "区划代码“\(region)”不存在。", en: "No region with code \"\(region)\"."))
                    throw ExitCode.failure
                }
                filter.regionPath = try await services.regions.path(of: found.id)
                filterText.append("region=\(region)")
            }
            guard
                let export = try await CaseExporter(services: services).csv(
                    filter, asUser: user, filterText: "cli " + filterText.joined(separator: "&"))
            else {
                Console.fail(Localized(zh: "没有可用的账号“\(user)”。", en: "No enabled user \"\(user)\"."))
                throw ExitCode.failure
            }
            if file == "-" {
                FileHandle.standardOutput.write(export.data)
            } else {
                do {
                    try export.data.write(to: URL(fileURLWithPath: file), options: .atomic)
                } catch {
                    Console.fail(Localized(zh: "无法写入 \(file)：\(error)", en: "Cannot write \(file): \(error)"))
                    throw ExitCode.failure
                }
                Console.say(
                    Localized(
                        zh: "已导出 \(export.count) 个案件到 \(file)（\(export.clear) 个显示个人信息明文）。",
                        en: "Exported \(export.count) cases to \(file) (\(export.clear) with personal data in clear)."))
            }
        }
    }
}
