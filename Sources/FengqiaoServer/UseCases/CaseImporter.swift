import FengqiaoCore
import FengqiaoStore
import Foundation

/// Imports an export file of another system (12345, 110, court, petition): reads it, maps each record to an
/// intake (`ImportMapper`) and registers it through `CaseActions.register` as the format's system actor, so the
/// lifecycle, time limits and case file apply as for every other channel. Registration is idempotent per
/// (channel, source reference) and per key `import:FORMAT:SOURCEID`: importing a file again adds nothing and counts
/// its records as already present. Bad records are refused with their line; the good ones go in.
public struct CaseImporter: Sendable {
    /// Where the records' region codes are looked up.
    let regions: RegionRepository
    /// Registers each record.
    let caseActions: CaseActionsFactory
    /// The time the whole import is registered at.
    let clock: AppClock

    /// What an import did.
    public struct Report: Sendable, Equatable {
        public var format: ImportFormat
        public var type: ImportFileType
        /// Records read from the file.
        public var records: Int
        /// New cases registered.
        public var imported: Int
        /// Records whose case was already there (an earlier import, or the same id earlier in the file).
        public var alreadyPresent: Int
        /// Records not imported, in file order.
        public var refusals: [ImportRefusal]

        public var summary: Localized {
            Localized(
                zh: "\(format.name.zh)：共\(records)条，新导入\(imported)件，已存在\(alreadyPresent)件，拒收\(refusals.count)条。",
                en: "\(format.name.en): \(records) records, \(imported) imported, \(alreadyPresent) already present, "
                    + "\(refusals.count) refused.")
        }
    }

    /// How far an import has got; reported every `progressEvery` records and after the last.
    public struct Progress: Sendable, Equatable {
        public var done: Int
        public var total: Int
        public var imported: Int
        public var alreadyPresent: Int
        public var refused: Int
    }

    /// Reads the file at `path` (type from `type`, else from its extension or content) and imports it.
    /// Throws `ImportFileError` when the file as a whole cannot be read; nothing is imported then.
    public func importFile(
        at path: String, format: ImportFormat, type: ImportFileType? = nil, progressEvery: Int = 500,
        progress: @Sendable (Progress) -> Void = { _ in }
    ) async throws -> Report {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportFileError.unreadable(path: path)
        }
        let fileType = try type ?? ImportFileType.detect(fileName: path, data: data)
        return try await importData(
            data, format: format, type: fileType, progressEvery: progressEvery, progress: progress)
    }

    /// Imports the content of an export file.
    public func importData(
        _ data: Data, format: ImportFormat, type: ImportFileType, progressEvery: Int = 500,
        progress: @Sendable (Progress) -> Void = { _ in }
    ) async throws -> Report {
        let records = try ImportReader.read(data, as: type, format: format)
        guard !records.isEmpty else { throw ImportFileError.noRecords }
        var regions: [String: Region.ID] = [:]
        for code in Set(records.compactMap { $0.values[.regionCode] }) {
            if let found = try await self.regions.find(code: code) { regions[code] = found.id }
        }
        let now = clock.now()
        let actions = caseActions.at(now)
        let actor = format.actor
        var report = Report(
            format: format, type: type, records: records.count, imported: 0, alreadyPresent: 0, refusals: [])
        for (index, record) in records.enumerated() {
            switch ImportMapper.map(record, format: format, now: now, region: { regions[$0] }) {
            case .failure(let refusal):
                report.refusals.append(refusal)
            case .success(let ready):
                do {
                    let created = try await actions.register(
                        ready.intake, idempotencyKey: "import:\(format.rawValue):\(ready.sourceReference)", by: actor)
                    if created.isNew { report.imported += 1 } else { report.alreadyPresent += 1 }
                } catch let error as any UserFacingError {
                    report.refusals.append(
                        ImportRefusal(
                            line: record.line, sourceReference: ready.sourceReference,
                            problem: .refused(code: error.code, message: error.message)))
                }
            }
            let done = index + 1
            if done % max(1, progressEvery) == 0 || done == records.count {
                progress(
                    Progress(
                        done: done, total: records.count, imported: report.imported,
                        alreadyPresent: report.alreadyPresent, refused: report.refusals.count))
            }
        }
        return report
    }
}
