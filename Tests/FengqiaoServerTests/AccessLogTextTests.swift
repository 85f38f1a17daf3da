import FengqiaoCore
import Foundation
import Plot
import Testing

@testable import FengqiaoServer

@Suite("The access log in words")
struct AccessLogTextTests {
    static func rendered(_ detail: String, _ language: DisplayLanguage = .zhHans) -> String {
        Div { AccessLogText.detail(detail, language: language) }.render()
    }

    @Test("every action the platform records has a Chinese name; details are told in Chinese, codes kept as codes")
    func chinese() {
        for code in [
            "case.page", "case.view", "case.file", "cases.export", "users.export", "agreement.view", "setup.done",
        ] {
            #expect(AccessLogText.action(code).zh != "其他操作", "\(code)")
        }
        #expect(Self.rendered("personal data shown") == "<div>显示了个人信息</div>")
        #expect(Self.rendered("personal data shown: agreement version 2 as pdf").contains("协议第2版（PDF）"))
        #expect(Self.rendered("case file exported, 12 events, personal data masked").contains("共12条记录，个人信息遮蔽"))
        let filter = Self.rendered("filter: state=registered; count: 3")
        #expect(filter.contains("筛选条件：") && filter.contains(#"<code translate="no">state=registered</code>"#))
        #expect(Self.rendered("county 330122 桐庐县; center 桐庐县社会治理中心") == "<div>本县桐庐县（330122），综治中心：桐庐县社会治理中心</div>")
        #expect(Self.rendered("personal data shown", .en) == "<div>personal data shown</div>")
    }
}
