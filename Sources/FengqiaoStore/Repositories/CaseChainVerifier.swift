import FengqiaoCore
import Foundation
import SQLKit

/// Walks every case file and reports the cases whose stored events were altered, removed or reordered,
/// or whose stored state no longer follows from its events (`fengqiao verify`).
public struct CaseChainVerifier: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let caseID: Case.ID
        public let number: String
        public let reason: Localized

        public var description: String { "\(number) (#\(caseID)): \(reason.zh) / \(reason.en)" }
    }

    public struct Report: Sendable, Equatable {
        public var casesChecked = 0
        public var eventsChecked = 0
        public var problems: [Problem] = []
    }

    /// Checks every case, `batchSize` at a time (memory stays flat however many cases there are).
    public func verifyAll(batchSize: Int = 500) async throws -> Report {
        var report = Report()
        var after: Int64 = 0
        while true {
            let start = after
            let batch = try await database.withConnection { sql in
                try await sql.select().columns("id", "number", "version", "head_hash", "snapshot").from("cases")
                    .where("id", .greaterThan, start).orderBy("id").limit(batchSize).all()
                    .map { row in
                        (
                            id: Case.ID(try row.decode(column: "id", as: Int64.self)),
                            number: try row.decode(column: "number", as: String.self),
                            version: try row.decode(column: "version", as: Int.self),
                            head: try row.decode(column: "head_hash", as: String.self),
                            snapshot: try row.decode(column: "snapshot", as: String.self)
                        )
                    }
            }
            guard let last = batch.last else { return report }
            after = last.id.rawValue
            for item in batch {
                let rows = try await database.withConnection { sql in
                    try await sql.select().columns("sequence", "payload", "previous_hash", "hash").from("case_events")
                        .where("case_id", .equal, item.id.rawValue).orderBy("sequence").all()
                        .map { row in
                            (
                                sequence: try row.decode(column: "sequence", as: Int.self),
                                payload: try row.decode(column: "payload", as: String.self),
                                previous: try row.decode(column: "previous_hash", as: String.self),
                                hash: try row.decode(column: "hash", as: String.self)
                            )
                        }
                }
                report.casesChecked += 1
                report.eventsChecked += rows.count
                if let reason = check(
                    id: item.id, version: item.version, head: item.head, snapshot: item.snapshot, rows: rows)
                {
                    report.problems.append(Problem(caseID: item.id, number: item.number, reason: reason))
                }
            }
        }
    }

    private func check(
        id: Case.ID, version: Int, head: String, snapshot: String,
        rows: [(sequence: Int, payload: String, previous: String, hash: String)]
    ) -> Localized? {
        var previous = CaseRepository.genesis
        var events: [CaseEvent] = []
        for (index, row) in rows.enumerated() {
            guard row.sequence == index + 1 else {
                return Localized(zh: "第\(index + 1)条事件缺失。", en: "event \(index + 1) is missing.")
            }
            let expected = CaseCodec.chainHash(
                previous: previous, caseID: id, sequence: row.sequence, payload: row.payload)
            guard row.previous == previous, row.hash == expected else {
                return Localized(zh: "第\(row.sequence)条事件被改动过。", en: "event \(row.sequence) was altered.")
            }
            guard let event = try? CaseCodec.decoder.decode(CaseEvent.self, from: Data(row.payload.utf8)) else {
                return Localized(zh: "第\(row.sequence)条事件无法读取。", en: "event \(row.sequence) cannot be read.")
            }
            events.append(event)
            previous = row.hash
        }
        guard rows.count == version else {
            return Localized(
                zh: "案件版本为\(version)，但只有\(rows.count)条事件：事件被删除。",
                en: "the case is at version \(version) but has \(rows.count) events: events were removed.")
        }
        guard previous == head else {
            return Localized(zh: "事件链的末端与案件记录不符。", en: "the end of the event chain does not match the case.")
        }
        guard let stored = try? CaseCodec.decoder.decode(Case.self, from: Data(snapshot.utf8)),
            CaseLifecycle.replay(events) == stored
        else {
            return Localized(
                zh: "案件当前状态不能由其事件推出。", en: "the stored state does not follow from the case's events.")
        }
        return nil
    }
}
