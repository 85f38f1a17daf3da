import FengqiaoCore
import FengqiaoStore
import Foundation

/// One uploaded file: its name (which names the sheet of a CSV file) and its bytes.
public struct StructureUpload: Sendable, Equatable {
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }
}

/// Reads uploads into sheets (docs/ONBOARDING.md): an `.xlsx` workbook (its sheets by name), a `.zip` of CSV
/// files, or CSV files (UTF-8 with or without a byte-order mark, or GB18030), each named after its sheet.
public enum StructureFiles {
    public static func tables(_ uploads: [StructureUpload]) -> (tables: [StructureTable], problems: [StructureProblem])
    {
        var tables: [StructureTable] = []
        var problems: [StructureProblem] = []
        func fail(_ source: String, _ message: Localized) {
            problems.append(
                StructureProblem(source: source, line: nil, column: nil, columnReference: nil, message: message))
        }
        func csv(_ name: String, _ data: Data) {
            guard let sheet = StructureSheet.named(name) else {
                fail(
                    name,
                    Localized(
                        zh: "无法从文件名看出是哪张表：文件名应含“区划”“网格”“组织”“用户”或“调解员”。",
                        en: "The file name names no sheet: it must contain 区划, 网格, 组织, 用户 or 调解员."))
                return
            }
            guard let text = ImportReader.decode(data) else {
                fail(
                    name, Localized(zh: "文件既不是UTF-8也不是GB18030编码的文本。", en: "The file is neither UTF-8 nor GB18030 text.")
                )
                return
            }
            do {
                let table = try CSVTable.parse(text)
                tables.append(
                    StructureTable(source: name, sheet: sheet, header: table.header, rows: table.rows, lettered: false))
            } catch {
                fail(name, error.message)
            }
        }
        for upload in uploads {
            let lower = upload.name.lowercased()
            guard XLSXReader.isZip(upload.data) else {
                if lower.hasSuffix(".xls") || upload.data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
                    fail(
                        upload.name,
                        Localized(
                            zh: "这是旧版Excel（.xls）文件：请另存为“Excel工作簿（.xlsx）”或CSV后再上传。",
                            en: "This is an old Excel (.xls) file: save it as an Excel workbook (.xlsx) or CSV first."))
                } else {
                    csv(upload.name, upload.data)
                }
                continue
            }
            do {
                let parts = try XLSXReader.entries(upload.data)
                if parts["xl/workbook.xml"] != nil {
                    var found = false
                    for sheet in try XLSXReader.read(parts: parts) {
                        guard let kind = StructureSheet.named(sheet.name) else { continue }
                        found = true
                        let header = sheet.rows.first?.fields ?? []
                        tables.append(
                            StructureTable(
                                source: "\(upload.name)「\(sheet.name)」", sheet: kind, header: header,
                                rows: Array(sheet.rows.dropFirst()), lettered: true))
                    }
                    if !found {
                        fail(
                            upload.name,
                            Localized(
                                zh: "工作簿中没有名为“区划”“网格”“组织”“用户”或“调解员”的工作表。",
                                en: "The workbook has no sheet named 区划, 网格, 组织, 用户 or 调解员."))
                    }
                } else {
                    let names = parts.keys.filter { $0.lowercased().hasSuffix(".csv") && !$0.hasPrefix("__MACOSX") }
                    if names.isEmpty {
                        fail(upload.name, Localized(zh: "压缩包中没有CSV文件。", en: "The zip holds no CSV file."))
                    }
                    for name in names.sorted() {
                        let file = String(name.split(separator: "/").last ?? Substring(name))
                        // The template's notes travel with it.
                        if StructureSheet.named(file) == nil
                            && (file.hasPrefix("说明") || file.lowercased().hasPrefix("readme"))
                        {
                            continue
                        }
                        csv(file, parts[name] ?? Data())
                    }
                }
            } catch SpreadsheetError.tooLarge {
                fail(upload.name, Localized(zh: "文件解压后过大。", en: "The file is too large once unpacked."))
            } catch {
                fail(
                    upload.name,
                    Localized(
                        zh: "无法读取这个Excel或压缩文件（文件可能已损坏）。", en: "This workbook or zip cannot be read (it may be damaged)."
                    ))
            }
        }
        // Sheets in the order parents come first, whatever the order of the upload.
        let order = Dictionary(uniqueKeysWithValues: StructureSheet.allCases.enumerated().map { ($1, $0) })
        tables.sort { order[$0.sheet]! < order[$1.sheet]! }
        if tables.isEmpty && problems.isEmpty {
            problems.append(
                StructureProblem(
                    source: "", line: nil, column: nil, columnReference: nil,
                    message: Localized(zh: "没有上传文件。", en: "No file was uploaded.")))
        }
        return (tables, problems)
    }
}

/// Validates an upload against the database and, when asked and nothing is wrong, applies it in one transaction
/// (docs/ONBOARDING.md). New users get one-time passwords, returned once in the outcome and stored only as hashes.
public struct StructureImporter: Sendable {
    let database: Database
    let clock: AppClock
    let passwordCost: UInt8
    let passwords: PasswordHasher

    public init(
        database: Database, clock: AppClock, passwords: PasswordHasher, passwordCost: UInt8 = Passwords.defaultCost
    ) {
        self.database = database
        self.clock = clock
        self.passwords = passwords
        self.passwordCost = passwordCost
    }

    public init(services: AppServices) {
        self.init(database: services.database, clock: services.clock, passwords: services.passwords)
    }

    /// A new account and its one-time password: shown once, never stored in clear.
    public struct NewAccount: Sendable, Equatable {
        public var username: String
        public var displayName: String
        public var password: String
    }

    public struct Outcome: Sendable, Equatable {
        public var plan: StructurePlan
        /// True when the additions were written.
        public var applied: Bool
        public var accounts: [NewAccount]
    }

    /// `scope`: the region codes of an administrator's jurisdiction; nil on the command line.
    public func run(_ uploads: [StructureUpload], scope: Set<String>?, apply: Bool) async throws -> Outcome {
        let (tables, fileProblems) = StructureFiles.tables(uploads)
        let existing = try await StructureImportStore.existing(in: database)
        var plan = StructureImport(existing: existing, scope: scope).plan(tables)
        plan.problems = fileProblems + plan.problems
        guard apply, plan.canApply, !plan.changesNothing else {
            return Outcome(plan: plan, applied: false, accounts: [])
        }
        var accounts: [NewAccount] = []
        var hashes: [String: String] = [:]
        for user in plan.additions.users {
            let password = OneTimePassword.make()
            accounts.append(NewAccount(username: user.username, displayName: user.displayName, password: password))
            hashes[user.username] = try await passwords.hash(password, cost: passwordCost)
        }
        _ = try await StructureImportStore.apply(plan.additions, hashes: hashes, now: clock.now(), into: database)
        return Outcome(plan: plan, applied: true, accounts: accounts)
    }
}
