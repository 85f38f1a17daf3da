import FengqiaoCore
import Testing

/// CSV formula injection (OWASP "CSV Injection"): an exported cell never starts a formula in a spreadsheet.
@Suite struct SpreadsheetSafetyTests {
    @Test(arguments: [
        "=1+1", "@SUM(A1:A2)", "+1+HYPERLINK(\"http://evil.example\")", "-2+3+cmd|' /C calc'!A0", "\t=1+1",
        "\r=1+1", "\n=1+1", "-5", "＝1+1", "＋1", "－1", "＠A1",
    ])
    func formulaTriggersAreNeutralised(_ cell: String) {
        #expect(CSVTable.spreadsheetSafe(cell) == "'" + cell)
    }

    @Test(arguments: ["邻里纠纷", "2026-12-05 09:30", "1+1", "", "'=already text", " 空格开头"])
    func ordinaryCellsAreUnchanged(_ cell: String) {
        #expect(CSVTable.spreadsheetSafe(cell) == cell)
    }

    @Test func safeRowNeutralisesEveryFieldAndStillQuotes() {
        #expect(CSVTable.safeRow(["-2+3+cmd|' /C calc'!A0", "a,b", "ok"]) == "'-2+3+cmd|' /C calc'!A0,\"a,b\",ok\r\n")
    }
}
