import FengqiaoCore
import Foundation
import Testing

@testable import FengqiaoDemo

@Suite("Prevention benchmark workload")
struct PreventionWorkloadTests {
    let end = Date(timeIntervalSince1970: 1_796_000_000)

    @Test("reports are in time order, filled in, reproducible, and people come back")
    func reports() {
        var first = PreventionWorkload(seed: 1, count: 500, end: end, days: 30)
        var second = PreventionWorkload(seed: 1, count: 500, end: end, days: 30)
        var previous = Date.distantPast
        var reporters: [String: Int] = [:]
        for _ in 0..<500 {
            let report = first.next()
            #expect(report.item.text == second.next().item.text)
            #expect(report.view.registeredAt > previous)
            #expect(report.view.registeredAt <= end)
            #expect(!report.item.text.contains("{"))
            previous = report.view.registeredAt
            reporters[report.reporter, default: 0] += 1
        }
        #expect(reporters.values.contains { $0 > 1 })
    }
}
