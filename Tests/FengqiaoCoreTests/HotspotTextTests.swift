import Foundation
import Testing

@testable import FengqiaoCore

@Suite("Hotspot text: normalisation, stop list, tokens, keywords")
struct HotspotTextTests {
    @Test("full-width letters and digits become half-width and lower case")
    func normalisation() {
        #expect(HotspotText.normalise("ＫＴＶ１４９路　Ａ") == "ktv149路 a")
        #expect(HotspotText.features("１４９路") == HotspotText.features("149路"))
    }

    @Test("stop words, particles and punctuation carry no topic: a report of only them has no features")
    func stopList() {
        #expect(HotspotText.features("希望有关部门尽快解决！我们群众反映的问题一直很严重。").isEmpty)
        #expect(HotspotText.features("反映停水问题") == ["停水"])
        // a stop word breaks the run: no pair across it
        #expect(!HotspotText.features("停水希望修").contains("水希"))
        #expect(HotspotText.features("小区的电梯") == ["电梯"])
    }

    @Test("numbered things stay whole: bus lines, buildings, road codes; bare numbers, times and dates are dropped")
    func tokens() {
        let bus = HotspotText.features("149路公交车早高峰")
        #expect(bus.contains("149路"))
        #expect(!bus.contains("14") && !bus.contains("49") && !bus.contains("9路"))
        #expect(bus.contains("公交") && bus.contains("高峰"))
        #expect(HotspotText.features("149公交等不到").contains("149路"))
        #expect(HotspotText.features("3号楼电梯").contains("3号楼"))
        #expect(HotspotText.features("七号楼电梯").contains("7号楼"))
        #expect(HotspotText.features("十二号楼漏气").contains("12号楼"))
        #expect(HotspotText.features("二单元").contains("2单元"))
        #expect(HotspotText.features("G60高速").contains("g60"))
        #expect(HotspotText.features("金嗓子KTV").contains("ktv"))
        #expect(HotspotText.features("6月3号8:20等了40分钟，交了2000元").isEmpty)
        #expect(HotspotText.features("四十多分钟").isEmpty)
    }

    @Test("a line names a thing that spans villages; a building does not")
    func lines() {
        #expect(HotspotText.isLineToken("149路"))
        #expect(HotspotText.isLineToken("2号线"))
        #expect(HotspotText.isLineToken("g60"))
        #expect(!HotspotText.isLineToken("3号楼"))
        #expect(!HotspotText.isLineToken("ktv"))
    }

    @Test("weights: a feature common in the corpus weighs less than a rare one, never below 0.01")
    func weights() {
        let vocabulary = HotspotVocabulary(texts: ["公交晚点", "公交拥挤", "公交很好", "剧院门口"])
        #expect(vocabulary.weight("公交") < vocabulary.weight("剧院"))
        #expect(vocabulary.weight("从未见过") > vocabulary.weight("剧院"))
        #expect(HotspotVocabulary(documentCount: 1, documentFrequency: ["公交": 5]).weight("公交") == 0.01)
    }

    @Test("keywords join overlapping pairs back into words: 149路 and 甘肃大剧院, not 14, 49 or 肃大")
    func keywords() {
        let texts = [
            "149路公交早高峰等不到车，甘肃大剧院站台挤满了人",
            "甘肃大剧院站乘坐149路，发车间隔太长",
            "网格员：甘肃大剧院公交站149路长时间不来车",
            "149路怎么回事，大剧院到新港城堵得动不了",
        ]
        let vocabulary = HotspotVocabulary(texts: texts + ["邻居装修噪音", "停水三天", "公交司机态度差", "站台太小"])
        let keywords = HotspotKeywords.extract(texts, vocabulary: vocabulary)
        #expect(keywords.contains("149路"))
        #expect(keywords.contains("甘肃大剧院"))
        #expect(!keywords.contains("肃大") && !keywords.contains("大剧院") && !keywords.contains("甘肃大剧院站"))
        #expect(keywords.count <= 5)
    }
}
