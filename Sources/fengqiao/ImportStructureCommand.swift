import ArgumentParser
import FengqiaoCore
import FengqiaoServer
import FengqiaoStore
import Foundation

struct ImportStructureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-structure",
        abstract: "Import a county's structure (regions, grids, organisations, users, mediators) from a spreadsheet.",
        discussion: """
            FILE is an .xlsx workbook with the sheets 区划, 网格, 组织, 用户, 调解员, a .zip of CSV files, or CSV files \
            named after their sheet (UTF-8 or GB18030); columns and rules: docs/ONBOARDING.md. The whole upload is \
            checked first and every problem listed by file, line and column. Without --apply nothing is written. \
            With --apply everything is added in one transaction, or nothing when there is any problem; rows already \
            in the database are left as they are. New users' one-time passwords are printed once. \
            Exit code 0 when there is no problem, 1 otherwise. --template FILE writes the empty template.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Write the structure (default: only check it).") var apply = false
    @Option(help: "Write the empty template to this path instead (.xlsx, or .zip for the CSV files) and stop.")
    var template: String?
    @Argument(help: "The workbook, zip or CSV files.") var files: [String] = []

    func run() async throws {
        if let template {
            let data =
                template.lowercased().hasSuffix(".zip") ? try StructureTemplate.zip() : try StructureTemplate.xlsx()
            try data.write(to: URL(fileURLWithPath: template))
            Console.say(Localized(zh: "已写出模板 \(template)。", en: "Template written to \(template)."))
            return
        }
        guard !files.isEmpty else {
            Console.fail(Localized(zh: "请给出要导入的文件。", en: "Name the files to import."))
            throw ExitCode(2)
        }
        var uploads: [StructureUpload] = []
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                Console.fail(Localized(zh: "无法读取文件 \(path)。", en: "Cannot read the file \(path)."))
                throw ExitCode(2)
            }
            uploads.append(StructureUpload(name: URL(fileURLWithPath: path).lastPathComponent, data: data))
        }
        var failed = false
        try await global.withServices { services in
            let outcome = try await StructureImporter(services: services).run(uploads, scope: nil, apply: apply)
            for problem in outcome.plan.problems {
                print("问题：\(problem.text.zh)\n  Problem: \(problem.text.en)")
            }
            for notice in outcome.plan.notices {
                print("提示：\(notice.text.zh)\n  Note: \(notice.text.en)")
            }
            Console.say(StructureReport.headline(outcome))
            if !outcome.accounts.isEmpty {
                Console.say(StructureReport.passwordsNote)
                for account in outcome.accounts {
                    print("\(account.username)\t\(account.displayName)\t\(account.password)")
                }
            }
            if !outcome.applied && outcome.plan.canApply && !outcome.plan.changesNothing {
                Console.say(Localized(zh: "加上 --apply 即可导入。", en: "Add --apply to import."))
            }
            failed = !outcome.plan.canApply
        }
        if failed { throw ExitCode.failure }
    }
}
