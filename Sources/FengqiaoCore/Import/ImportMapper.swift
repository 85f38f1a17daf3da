import Foundation

/// A record ready to register: the intake, and when the source system received it.
public struct ImportedIntake: Sendable, Equatable {
    public var line: Int
    public var intake: Intake
    public var receivedAt: Date

    /// The source id, which the intake carries as its `sourceReference`.
    public var sourceReference: String { intake.sourceReference ?? "" }
}

/// Turns one record of a format into an `Intake`, or says why it cannot.
///
/// - `sourceReference` is the source id (工单编号, 警情编号, 案号, 信访件编号), required, at most 100 characters.
/// - The title is the content's first line (cut to 50 characters with "…"); the description is the content, then
///   the source, its time and its type on lines of their own (the case file keeps what the other system said).
/// - The category comes from the source's type where `ImportFormat.categoryCode(forType:)` has a clear mapping,
///   else nil (the desk classifies); urgency is the default (烦心事协商办), kind a request (12345 咨询: consultation).
/// - The reporter is the caller, the person reporting, the petitioner or the plaintiff; a court referral adds the
///   defendant as a second party. A hotline, 110 or petition record with neither name nor phone is anonymous.
/// - The region is looked up by its code through `region`; an unknown code is refused.
public enum ImportMapper {
    public static let maximumTitleLength = 50

    public static func map(
        _ record: ImportRecord, format: ImportFormat, now: Date, region: (String) -> Region.ID?
    ) -> Result<ImportedIntake, ImportRefusal> {
        let sourceID = record.values[.sourceID]
        func refuse(_ problem: ImportProblem) -> Result<ImportedIntake, ImportRefusal> {
            .failure(ImportRefusal(line: record.line, sourceReference: sourceID, problem: problem))
        }
        let columns = Dictionary(format.columns.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
        func header(_ field: ImportField) -> String { columns[field]?.header ?? field.rawValue }

        if let problem = record.problem { return refuse(problem) }
        for column in format.columns where column.required && record.values[column.field] == nil {
            return refuse(.missing(column: column.header))
        }
        guard let sourceID, let content = record.values[.content], let regionCode = record.values[.regionCode],
            let receivedText = record.values[.receivedAt]
        else { return refuse(.missing(column: header(.sourceID))) }
        guard sourceID.count <= Intake.maximumReferenceLength else {
            return refuse(.tooLong(column: header(.sourceID), maximum: Intake.maximumReferenceLength))
        }
        guard let receivedAt = ImportDate.parse(receivedText) else {
            return refuse(.badDate(column: header(.receivedAt), value: receivedText))
        }
        guard receivedAt <= now.addingTimeInterval(24 * 3600) else {
            return refuse(.futureDate(column: header(.receivedAt)))
        }
        guard let regionID = region(regionCode) else { return refuse(.unknownRegion(code: regionCode)) }
        for field in [ImportField.reporterPhone, .otherPhone] {
            if let phone = record.values[field], !CaseRules.isPhoneNumber(phone) {
                return refuse(.badPhone(column: header(field)))
            }
        }
        if let idNumber = record.values[.reporterIDNumber], !CaseRules.isIDNumber(idNumber) {
            return refuse(.badIDNumber(column: header(.reporterIDNumber)))
        }

        var reporterName = record.values[.reporterName]
        if reporterName == "匿名" { reporterName = nil }
        let reporterPhone = record.values[.reporterPhone]
        var parties: [Party] = []
        if reporterName != nil || reporterPhone != nil || record.values[.reporterIDNumber] != nil {
            parties.append(
                Party(
                    role: .reporter, name: reporterName, phone: reporterPhone,
                    idNumber: record.values[.reporterIDNumber]))
        }
        if let otherName = record.values[.otherName] {
            parties.append(Party(role: .other, name: otherName, phone: record.values[.otherPhone]))
        }
        let type = record.values[.type] ?? ""
        let intake = Intake(
            channel: format.channel, sourceReference: sourceID, title: title(of: content),
            description: description(
                content, format: format, sourceID: sourceID, received: (header(.receivedAt), receivedText),
                type: type.isEmpty ? nil : (header(.type), type)),
            categoryCode: format.categoryCode(forType: type), urgency: .troublesome, kind: format.kind(forType: type),
            regionID: regionID, address: record.values[.address], parties: parties,
            anonymous: !parties.contains { $0.role == .reporter && ($0.name != nil || $0.phone != nil) })
        do {
            try intake.validate()
        } catch {
            switch error {
            case .invalidIntake(let problem): return refuse(.intake(problem))
            default: return refuse(.refused(code: error.code, message: error.message))
            }
        }
        return .success(ImportedIntake(line: record.line, intake: intake, receivedAt: receivedAt))
    }

    /// The first non-blank line of the content, cut to `maximumTitleLength` characters with "…".
    public static func title(of content: String) -> String {
        let first =
            content.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace }.first { !$0.isEmpty } ?? ""
        guard first.count > maximumTitleLength else { return first }
        return String(first.prefix(maximumTitleLength - 1)) + "…"
    }

    static func description(
        _ content: String, format: ImportFormat, sourceID: String, received: (String, String),
        type: (String, String)?
    ) -> String {
        var lines = [
            content.trimmingWhitespace, "", "——", "来源：\(format.name.zh) \(sourceID)", "\(received.0)：\(received.1)",
        ]
        if let type { lines.append("\(type.0)：\(type.1)") }
        return lines.joined(separator: "\n")
    }
}

/// Dates as the source systems write them, in Beijing time unless an offset is given: `2025-03-01`,
/// `2025/3/1 9:05`, `2025-03-01 09:05:30`, `2025年3月1日 09:05`, `2025-03-01T09:05:30+08:00`, `…Z`.
public enum ImportDate {
    public static func parse(_ text: String) -> Date? {
        var rest = Substring(text.trimmingWhitespace)
        var offset = ChinaTime.offsetSeconds
        if rest.hasSuffix("Z") {
            offset = 0
            rest = rest.dropLast()
        } else if rest.count > 6, let sign = rest.dropLast(5).last, sign == "+" || sign == "-",
            rest.suffix(5).dropFirst(2).first == ":", rest.contains(where: { $0 == "T" || $0 == " " })
        {
            let digits = rest.suffix(5).filter(\.isASCIIDigit)
            guard digits.count == 4, let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)) else {
                return nil
            }
            offset = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
            rest = rest.dropLast(6)
        }
        let parts = rest.split(omittingEmptySubsequences: true) { $0 == " " || $0 == "T" }
        guard (1...2).contains(parts.count) else { return nil }
        let dateFields = parts[0].split(omittingEmptySubsequences: false) { "-/年月日".contains($0) }
            .filter { !$0.isEmpty }
        guard dateFields.count == 3, dateFields[0].count == 4,
            dateFields.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) })
        else { return nil }
        var time = [0, 0, 0]
        if parts.count == 2 {
            let timeFields = parts[1].split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(timeFields.count),
                timeFields.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) })
            else { return nil }
            for (index, field) in timeFields.enumerated() { time[index] = Int(field) ?? 0 }
        }
        let (year, month, day) = (Int(dateFields[0]) ?? 0, Int(dateFields[1]) ?? 0, Int(dateFields[2]) ?? 0)
        guard (1900...2999).contains(year), (1...12).contains(month), (1...31).contains(day), time[0] < 24,
            time[1] < 60, time[2] < 60, let zone = TimeZone(secondsFromGMT: offset)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: year, month: month, day: day, hour: time[0], minute: time[1], second: time[2])
        guard let date = calendar.date(from: components),
            calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month
        else { return nil }
        return date
    }
}
