import Testing

@testable import FengqiaoCore

@Suite("Content sniffing")
struct ContentSnifferTests {
    @Test(
        "photos and PDFs are recognised by their bytes; anything else, whatever its name, is not",
        arguments: [
            ([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], "image/jpeg"),
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], "image/png"),
            (Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8), "image/webp"),
            (Array("%PDF-1.7\n".utf8), "application/pdf"),
            (Array("<html><script>".utf8), nil),
            (Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVE".utf8), nil),
            ([], nil),
        ] as [([UInt8], String?)])
    func sniff(bytes: [UInt8], expected: String?) {
        #expect(ContentSniffer.contentType(of: bytes) == expected)
    }
}
