import AsyncHTTPClient
import FengqiaoCore
import FengqiaoStore
import Foundation
import NIOCore

/// `fengqiao doctor`: what an operator checks before trusting a server, one line per check in both languages.
/// A problem makes the command fail; a warning is shown and does not.
public struct DoctorCheck: Sendable, Equatable {
    public enum Status: String, Sendable {
        case ok
        case warning
        case problem

        public var mark: String {
            switch self {
            case .ok: "正常"
            case .warning: "注意"
            case .problem: "问题"
            }
        }
    }

    public let name: Localized
    public let status: Status
    public let detail: Localized

    public init(_ name: Localized, _ status: Status, _ detail: Localized) {
        self.name = name
        self.status = status
        self.detail = detail
    }

    /// "[正常] 数据库：…… / Database: ……"
    public var line: String {
        "[\(status.mark)] \(name.zh)：\(detail.zh) / \(status.rawValue.uppercased()) \(name.en): \(detail.en)"
    }
}

public enum Doctor {
    static let databaseName = Localized(zh: "数据库", en: "Database")
    static let schemaName = Localized(zh: "数据库结构版本", en: "Schema version")
    static let calendarName = Localized(zh: "工作日历", en: "Working calendar")
    static let diskName = Localized(zh: "磁盘空间", en: "Free disk space")
    static let backupName = Localized(zh: "备份", en: "Backups")

    /// Reachability and schema of the database.
    public static func database(_ database: Database) async -> [DoctorCheck] {
        do {
            let status = try await Migrator(database: database).status()
            let reach = DoctorCheck(databaseName, .ok, Localized(zh: "可以连接", en: "reachable"))
            switch status {
            case .current(let version):
                return [reach, DoctorCheck(schemaName, .ok, Localized(zh: "\(version)，最新", en: "\(version), current"))]
            case .behind(let current, let expected):
                return [
                    reach,
                    DoctorCheck(
                        schemaName, .problem,
                        Localized(
                            zh: "\(current)，应为 \(expected)：请运行 fengqiao migrate",
                            en: "\(current), expected \(expected): run fengqiao migrate")),
                ]
            case .ahead(let current, let expected):
                return [
                    reach,
                    DoctorCheck(
                        schemaName, .problem,
                        Localized(
                            zh: "\(current)，比本程序（\(expected)）新：请升级程序",
                            en: "\(current), newer than this build's \(expected): upgrade the program")),
                ]
            }
        } catch {
            return [
                DoctorCheck(
                    databaseName, .problem,
                    Localized(zh: "无法连接：\(error)", en: "cannot be reached: \(error)"))
            ]
        }
    }

    /// The calendar must cover today and the open cases' deadlines; a warning in the last 60 days of its last year,
    /// while next year's official schedule is due.
    public static func calendar(
        _ calendar: WorkingCalendar, latestDeadline: Date?, now: Date
    ) -> DoctorCheck {
        guard let years = calendar.years else {
            return DoctorCheck(
                calendarName, .problem,
                Localized(
                    zh: "没有放假安排，只按周末计休息日", en: "no holiday schedule: only weekends are rest days"))
        }
        let thisYear = ChinaTime.civilDate(now).year
        let latestYear = latestDeadline.map { ChinaTime.civilDate($0).year } ?? thisYear
        let covered = Localized(
            zh: "覆盖 \(years.lowerBound)–\(years.upperBound) 年", en: "covers \(years.lowerBound)–\(years.upperBound)")
        if thisYear > years.upperBound || latestYear > years.upperBound {
            return DoctorCheck(
                calendarName, .problem,
                Localized(
                    zh: "\(covered.zh)，但办理时限已排到 \(max(thisYear, latestYear)) 年：请导入新一年的放假安排",
                    en: "\(covered.en), but deadlines run into \(max(thisYear, latestYear)): load next year's schedule")
            )
        }
        let daysLeft =
            (WorkingCalendar.CivilDate(year: years.upperBound, month: 12, day: 31)?.daysSince1970 ?? 0)
            - ChinaTime.daysSince1970(now)
        if daysLeft < 60 {
            return DoctorCheck(
                calendarName, .warning,
                Localized(
                    zh: "\(covered.zh)，还剩 \(daysLeft) 天：国务院公布次年放假安排后请尽快导入",
                    en: "\(covered.en), \(daysLeft) days left: load next year's schedule once it is published"))
        }
        return DoctorCheck(calendarName, .ok, covered)
    }

    /// Free space where the data lives: a problem under 1 GiB or 5 %, a warning under 5 GiB or 15 %.
    public static func disk(at path: String) -> DoctorCheck {
        guard let attributes = try? FileManager.default.attributesOfFileSystem(forPath: path),
            let free = (attributes[.systemFreeSize] as? NSNumber)?.doubleValue,
            let total = (attributes[.systemSize] as? NSNumber)?.doubleValue, total > 0
        else {
            return DoctorCheck(diskName, .warning, Localized(zh: "无法读取 \(path)", en: "cannot read \(path)"))
        }
        let gib = free / 1_073_741_824
        let share = free / total
        let text = Localized(
            zh: "\(path) 剩余 \(String(format: "%.1f", gib)) GiB（\(Int((share * 100).rounded()))%）",
            en: "\(String(format: "%.1f", gib)) GiB (\(Int((share * 100).rounded()))%) free at \(path)")
        if gib < 1 || share < 0.05 { return DoctorCheck(diskName, .problem, text) }
        if gib < 5 || share < 0.15 { return DoctorCheck(diskName, .warning, text) }
        return DoctorCheck(diskName, .ok, text)
    }

    /// The newest file in the backup folder must be younger than `maximumAge` (a daily timer: 26 hours).
    public static func backups(in folder: String?, maximumAge: TimeInterval, now: Date) -> DoctorCheck {
        guard let folder else {
            return DoctorCheck(
                backupName, .warning,
                Localized(
                    zh: "未指定备份目录（--backups 或 FENGQIAO_BACKUP_DIR），未检查",
                    en: "no backup folder given (--backups or FENGQIAO_BACKUP_DIR): not checked"))
        }
        let url = URL(fileURLWithPath: folder)
        let files =
            (try? FileManager.default.contentsOfDirectory(
                at: url, includingPropertiesForKeys: [.contentModificationDateKey, .isRegularFileKey])) ?? []
        let newest = files.filter { !$0.lastPathComponent.contains(".partial-") }.compactMap { file -> Date? in
            let values = try? file.resourceValues(forKeys: [.contentModificationDateKey, .isRegularFileKey])
            return values?.isRegularFile == true ? values?.contentModificationDate : nil
        }.max()
        guard let newest else {
            return DoctorCheck(backupName, .problem, Localized(zh: "\(folder) 中没有备份", en: "no backup in \(folder)"))
        }
        let hours = Int(now.timeIntervalSince(newest) / 3600)
        let text = Localized(
            zh: "最新备份 \(ChinaTime.minute(newest))（\(hours) 小时前）", en: "newest backup \(hours) hours old")
        return DoctorCheck(backupName, now.timeIntervalSince(newest) > maximumAge ? .problem : .ok, text)
    }

    /// Whether anything answers at `url`: any HTTP answer counts (a gateway may refuse a request without a body);
    /// no answer within 5 seconds is a problem.
    public static func reachable(_ name: Localized, url: String, client: HTTPClient = .shared) async -> DoctorCheck {
        var request = HTTPClientRequest(url: url)
        request.method = .HEAD
        do {
            let response = try await client.execute(request, timeout: .seconds(5))
            return DoctorCheck(
                name, .ok,
                Localized(zh: "\(url) 有应答（\(response.status.code)）", en: "\(url) answers (\(response.status.code))"))
        } catch {
            return DoctorCheck(
                name, .problem, Localized(zh: "\(url) 无应答：\(error)", en: "\(url) does not answer: \(error)"))
        }
    }
}
