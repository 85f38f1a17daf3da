import Foundation
import Testing

@testable import QRCode

// Reference matrices below were produced once, during development, by independent Python
// encoders: `qrcode` 8.2 (`QRCode(error_correction=…, mask_pattern=…, border=0)` with
// `QRData(data, mode=MODE_8BIT_BYTE)`) and `segno` 1.6.6 (`segno.make(data, mode="byte",
// boost_error=False, micro=False)`). Both gave the same matrices, except that segno 1.6.6 adds
// a stray 0x00 codeword after the terminator when the bit stream is already byte-aligned (always
// so in byte mode); it was compared with that padding step corrected. "#" is dark, "." light.

/// `http://host:8080/r/339921101001`, version 3-M, mask 5 forced (qrcode 8.2 and segno).
private let referenceURLMediumMask5 = """
    #######......###....#.#######
    #.....#.####...#..#.#.#.....#
    #.###.#.#..#..#.#.....#.###.#
    #.###.#.#.###.##.###..#.###.#
    #.###.#..##..###...#..#.###.#
    #.....#..###.##.###.#.#.....#
    #######.#.#.#.#.#.#.#.#######
    ........#.#.##....##.........
    #.....#.###...##.##.###..###.
    .##.#..#..###.#....###..#.##.
    ....#.###.#.#.....#.###......
    #.#.#...#..##.###..#.........
    .....##...##.##...##.##.....#
    .#.###.##..####....#.##.#.###
    .#...##.#..#.####.#.##..#.#..
    #####...#...###.#..#..###.#.#
    ..##..#.#.##..##.###.#.#..#..
    ####.#.###.#....#..#.########
    ###.###..#..###.######......#
    #.#.##..#.#...###.##....#....
    #.#######.#......##.#####.###
    ........#....#..#..##...##...
    #######.....#####.###.#.###..
    #.....#.....##.....##...##.##
    #.###.#....#.#.#..########...
    #.###.#..###...#...##..#..##.
    #.###.#....##.##..###.###..#.
    #.....#...#.#.#.#.#...##.##.#
    #######.##.##.#####..#.#..#..
    """

/// The same URL at 3-Q with the mask chosen by penalty: both libraries pick mask 6.
private let referenceURLQuartileAuto = """
    #######..#####..##..#.#######
    #.....#.#.###...#..##.#.....#
    #.###.#...#.##....##..#.###.#
    #.###.#.####.....##...#.###.#
    #.###.#.#.##.#.#.#.#..#.###.#
    #.....#.....#.#.###.#.#.....#
    #######.#.#.#.#.#.#.#.#######
    ........#.#....#....#........
    .#.####.##.####..######.##.#.
    ..##.#....##...#.#.###..#.##.
    ##....#.##.#.###..#...#.#....
    #.####.#.#..###..##..#.#....#
    .#.#.###..#####...##.###.#.#.
    ..####..#.#.##.#......#.#.###
    #...#.####.....##.####...#..#
    ###..#.#..#..##...##.##..###.
    ..##########.##...##.#...#..#
    ####.#..##.#.......#.#.####..
    ##...###......#.####........#
    #####..##.###..##.#####.#####
    ##.####.##.#.....########.#..
    ........###...###...#...###..
    #######..##.##.#.####.#.#.##.
    #.....#.#.......#####...##..#
    #.###.#.##..##..#.#######..##
    #.###.#.##..###....###.#.###.
    #.###.#...#..#.#..####..#.###
    #.....#.##......#.##..#.#.#.#
    #######...#.#..##.#.######...
    """

/// A 109-byte URL with Chinese text, version 7-M (has version information), mask 3 forced.
private let referenceVersion7Text =
    "http://host:8080/r/339921101001?from=网格&print=1&lang=zh-CN&note=fengqiao-governance-centre-mediation-desk"
private let referenceVersion7Mask3 = """
    #######.#.##...#......##.#....#..#..#.#######
    #.....#.###.#..#....#.##.#.#..#.#..#..#.....#
    #.###.#..#.##..#.#.####.#.##...##..#..#.###.#
    #.###.#.##..#.#########.#.##..##...##.#.###.#
    #.###.#..####.#.###.######.#....#####.#.###.#
    #.....#...#..#..#..##...##.#.##.......#.....#
    #######.#.#.#.#.#.#.#.#.#.#.#.#.#.#.#.#######
    ........#.#.####...##...#.###.#..##..........
    #.##.###.###...#...######.#.###..#..#.#..#.##
    ..##.#.##..#.##..##..#..#...#.##...##..###.##
    #.#..##.#.###...##..###.##.####.###.....#.###
    .##.#...##.######...###.##.###..#.##..#..#.#.
    .##.#.###.#####.#.#.####.#.#.###...###......#
    .#.#....##.#.#....##...##.##.....####.##.....
    #..#####.##...##########.##.###....#..###.#..
    .##.....#..#####.###.#.....##..##.##.#.####.#
    ##..#.#.##....###..#.#..#..#.#..#.######.##.#
    #.##.#.###..###.#..#..#.#......#.###.#..##.##
    ...##.##....######..#..##.#..#..###.###..##..
    ..#..#..#.#....#.####.....####....#####.##...
    ###.#####.#.###.##.######...#.#..########.#.#
    ##..#...#...#.#..#.##...#..#.###...##...#####
    .####.#.###...#...#.#.#.####.###..#.#.#.##..#
    ..#.#...#....#..#.#.#...##...####.#.#...##...
    ##.########.####.#.#########.###..########...
    ##.###.##.#..#####.#####..#.#..###.#..##.....
    .##.#.#.#####.###.##.####.#.#.####.....#..#..
    .###...#....#..#.#....#.##.#..#.#..#..#.####.
    .##...#.######.............##.#.#.##.#.##.##.
    #.#.#..##.#.########.#..#....#.#...##.#.###.#
    ##.#########.##..#..#..##.#.#..####....#...#.
    #.#..#.#.###.#..##..##.#.#.###.#.#..........#
    ...#..#.#.#.##.#...#..##.####..#.#.##.#...#..
    .#..##.##.##......#####.##..#.#.#..#.#...#...
    ....#.#..#....#.#.#..####..####..###.#.#...##
    .####........##...###..#..##..####.#####.#..#
    #..##.##....#..#..#######.#..##...#.#####....
    ........#...#..######...##..#....#..#...#..#.
    #######.#.#...##.##.#.#.##.#..#.#..##.#.#..#.
    #.....#.###.#...#####...#.#.###.#..##...###..
    #.###.#..#..#..#....########..###...#####.#.#
    #.###.#.#.##.#.###...#.#.#.#.#....#.#.##...##
    #.###.#.##..#......###..###.#.....####.....#.
    #.....#..#........##...###...###.....####...#
    #######.#.#..###.#.#.###.#..#####.#.####..#..
    """

/// `http://h/r/1` at 1-M under each mask 0–7 (one line per mask, qrcode 8.2 and segno): the 441 modules
/// row by row as bits (dark = 1), padded with zeros to 448 bits, in hex.
private let referenceMasks1M = """
    fe03fc16d06e9ebb7415dba9aec12907faafe00400aa68926dbc6cd4ef52f92fbb140069cff9b2f04412ba8d55d06eaeb22b045bafed0580
    fed3fc10506eaabb74b5dba4aec14107faafe00e00a33928c716f981bbf8538aee41004367fae7b04eb8ba5805d2c42ea77f04f10fe85080
    fe63fc12106ea6bb7525dbafaec16507faafe01700be0be4455fe2ec0cd8c1cc352c8067f7f83cd0579cbaeeddd48d2eaac904634feb3d00
    fee3fc14d06e9cbb7525dba22ec11107faafe01c00b7625c455fcfdad76a1aac352c804a43fb8a10579cba35b5d7e0aeaac904d59fede600
    fea3fc10106e88bb7555dbabaec14507faafe010008bcfcfcb6701e235c0b00b295d00447bfadf504080baa9c5d2b5ee84f104128fef4c80
    fe53fc14106ea6bb75e5dba7aec10507faafe01f00828e758243a2ec0cf843caee41004777f83cd04bedba6eddd2852e877f04e14feb3d00
    fed3fc14106eaebb74e5dbaeaec11d07faafe00f009facbd8243abc89ee0224aee4100447bfaae905bedbafc95d7032e877f04ed7fe97400
    fe03fc13d06e9abb7415dba3aec16107faafe0000096fd026dbc7e9dcb1bddbfbb14007b87f9fbd05412ba29c5d4fcee922b04128fec2100
    """

private func rows(_ code: QRCode) -> String {
    (0..<code.size).map { y in
        String((0..<code.size).map { x in code.isDark(x: x, y: y) ? Character("#") : Character(".") })
    }.joined(separator: "\n")
}

private func hex(_ string: String) -> [UInt8] {
    let digits = Array(string.filter { !$0.isWhitespace })
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...($0 + 1)]), radix: 16)! }
}

@Suite("QR code encoding")
struct QRCodeEncodingTests {
    @Test("a grid URL at 3-M with a forced mask matches the reference matrix")
    func referenceForcedMask() throws {
        let code = try QRCode.encode("http://host:8080/r/339921101001", correction: .medium, mask: 5)
        #expect(code.version == 3)
        #expect(code.size == 29)
        #expect(code.mask == 5)
        #expect(rows(code) == referenceURLMediumMask5)
    }

    @Test("automatic mask selection picks the same mask as the reference encoders")
    func referenceAutomaticMask() throws {
        let code = try QRCode.encode("http://host:8080/r/339921101001", correction: .quartile)
        #expect(code.version == 3)
        #expect(code.mask == 6)
        #expect(rows(code) == referenceURLQuartileAuto)
    }

    @Test("version 7 carries version information and matches the reference matrix")
    func referenceVersion7() throws {
        let code = try QRCode.encode(referenceVersion7Text, correction: .medium, mask: 3)
        #expect(Array(referenceVersion7Text.utf8).count == 109)
        #expect(code.version == 7)
        #expect(code.size == 45)
        #expect(rows(code) == referenceVersion7Mask3)
    }

    @Test("every mask pattern 0–7 gives the reference symbol")
    func referenceEachMask() throws {
        let expected = referenceMasks1M.split(separator: "\n").map(String.init)
        for mask in 0...7 {
            let code = try QRCode.encode("http://h/r/1", correction: .medium, mask: mask)
            #expect(code.version == 1)
            var bits = code.modules + [Bool](repeating: false, count: 7)
            var packed = ""
            while !bits.isEmpty {
                let nibble = bits.prefix(4).reduce(0) { $0 << 1 | ($1 ? 1 : 0) }
                packed += String(nibble, radix: 16)
                bits.removeFirst(4)
            }
            #expect(packed == expected[mask], "mask \(mask)")
        }
    }

    @Test(
        "automatic mask selection agrees with segno 1.6.6 (padding corrected) for each mask it can pick",
        arguments: [
            ("http://host:8080/r/339921401922", QRErrorCorrection.medium, 3, 0),
            ("http://host:8080/r/339921124757", .medium, 3, 1),
            ("http://host:8080/r/339921180190", .low, 2, 2),
            ("http://host:8080/r/339921140595", .medium, 3, 3),
            ("http://host:8080/r/339921354408", .quartile, 3, 4),
            ("http://host:8080/r/339921108919", .low, 2, 5),
            ("http://host:8080/r/339921116838", .low, 2, 6),
            ("http://host:8080/r/339921132676", .medium, 3, 7),
        ] as [(String, QRErrorCorrection, Int, Int)])
    func automaticMaskChoice(text: String, correction: QRErrorCorrection, version: Int, mask: Int) throws {
        let code = try QRCode.encode(text, correction: correction)
        #expect(code.version == version)
        #expect(code.mask == mask)
    }

    @Test(
        "the smallest version that holds the bytes is chosen",
        arguments: [
            (QRErrorCorrection.medium, 14, 1), (.medium, 15, 2), (.low, 17, 1), (.low, 18, 2),
            (.quartile, 11, 1), (.quartile, 12, 2), (.high, 7, 1), (.high, 8, 2),
            (.low, 230, 9), (.low, 231, 10), (.low, 271, 10), (.low, 272, 11), (.medium, 2331, 40), (.low, 2953, 40),
            (.high, 1273, 40),
        ] as [(QRErrorCorrection, Int, Int)])
    func versionAtCapacityBoundary(correction: QRErrorCorrection, length: Int, version: Int) throws {
        let code = try QRCode.encode(String(repeating: "a", count: length), correction: correction, mask: 0)
        #expect(code.version == version)
        #expect(code.size == 4 * version + 17)
    }

    @Test("input longer than version 40 holds throws, as does a mask outside 0–7")
    func rejectsTooLongAndBadMask() {
        #expect(throws: QRCodeError.tooLong) {
            try QRCode.encode(String(repeating: "a", count: 2954), correction: .low)
        }
        #expect(throws: QRCodeError.tooLong) {
            try QRCode.encode(String(repeating: "网", count: 778), correction: .medium)
        }
        #expect(throws: QRCodeError.invalidMask(8)) {
            try QRCode.encode("x", mask: 8)
        }
    }

    @Test("each of the eight masks gives a distinct symbol with the same function patterns")
    func masksDiffer() throws {
        let codes = try (0...7).map { try QRCode.encode("http://host:8080/r/339921101001", mask: $0) }
        #expect(Set(codes.map(\.modules)).count == 8)
        for code in codes {
            // Top-left finder centre, timing pattern and the dark module are fixed.
            #expect(code.isDark(x: 3, y: 3) && !code.isDark(x: 7, y: 7))
            #expect((8..<(code.size - 8)).allSatisfy { code.isDark(x: $0, y: 6) == ($0 % 2 == 0) })
            #expect(code.isDark(x: 8, y: code.size - 8))
        }
    }
}

@Suite("QR code codewords")
struct QRCodewordTests {
    @Test("Reed–Solomon: the specification's worked example \"01234567\" at 1-M")
    func reedSolomonSpecificationExample() {
        let data = hex("10 20 0C 56 61 80 EC 11 EC 11 EC 11 EC 11 EC 11")
        let ecc = QRReedSolomon.remainder(of: data, generator: QRReedSolomon.generator(degree: 10))
        #expect(ecc == hex("A5 24 D4 C1 ED 36 C7 87 2C 55"))
    }

    @Test("Reed–Solomon: \"HELLO WORLD\" at 1-M (alphanumeric data codewords)")
    func reedSolomonHelloWorld() {
        let data = hex("20 5B 0B 78 D1 72 DC 4D 43 40 EC 11 EC 11 EC 11")
        let ecc = QRReedSolomon.remainder(of: data, generator: QRReedSolomon.generator(degree: 10))
        #expect(ecc == hex("C4 23 27 77 EB D7 E7 E2 5D 17"))
    }

    @Test("byte mode: indicator, count, data, terminator, then pad codewords with no stray zero byte")
    func byteModeDataCodewords() {
        let codewords = QRCode.dataCodewords(Array("hello".utf8), version: 1, correction: .low)
        #expect(codewords == hex("40 56 86 56 C6 C6 F0 EC 11 EC 11 EC 11 EC 11 EC 11 EC 11"))
    }

    @Test("the character count takes 8 bits up to version 9 and 16 bits from version 10")
    func characterCountWidth() {
        let nine = QRCode.dataCodewords(Array(repeating: 0x61, count: 230), version: 9, correction: .low)
        #expect(Array(nine.prefix(2)) == [0x4E, 0x66])  // 0100 11100110 0110…
        let ten = QRCode.dataCodewords(Array(repeating: 0x61, count: 231), version: 10, correction: .low)
        #expect(Array(ten.prefix(3)) == [0x40, 0x0E, 0x76])  // 0100 0000000011100111 0110…
    }

    @Test("blocks of two lengths are interleaved as qrcode 8.2 does (5-Q: 2×15 + 2×16 data codewords)")
    func interleavingFiveQuartile() {
        let bytes = Array("http://host:8080/r/339921101001?grid=339921101001&lang=zh".utf8)
        let data = QRCode.dataCodewords(bytes, version: 5, correction: .quartile)
        let expected = hex(
            """
            43030303968303138702130347f7f6034722771203f32666a23396c6f2334316f693d3e686933373f72333d7371393a6
            43139380a30323ec8313131113ec9b8d1fe8a115de591fa4da973416182e4f6a54cef4a0e3a83b94a6e8236cc8d0da28
            ea392b08bb1efc29a3b4db89932049a1b51af38f879bdd7dc740e85c3b38c2a4f148fba41595
            """)
        #expect(QRCode.interleaved(data, version: 5, correction: .quartile) == expected)
    }

    @Test(
        "penalty terms N1–N4 of each mask, before format information, match segno 1.6.6's mask_scores",
        arguments: [
            (
                [UInt8](repeating: 0xAA, count: 17), QRErrorCorrection.low, 1,
                [
                    [294, 144, 720, 0], [171, 132, 720, 0], [308, 405, 720, 10], [191, 156, 720, 0],
                    [190, 219, 720, 0], [260, 282, 720, 10], [252, 264, 720, 10], [215, 138, 720, 0],
                ]
            ),
            (
                Array("http://host:8080/r/339921101001".utf8), .medium, 3,
                [
                    [302, 342, 840, 0], [336, 348, 800, 0], [299, 288, 800, 0], [313, 375, 760, 0],
                    [314, 330, 840, 0], [329, 315, 880, 0], [359, 339, 840, 0], [329, 318, 800, 0],
                ]
            ),
        ] as [([UInt8], QRErrorCorrection, Int, [[Int]])])
    func penaltyTerms(bytes: [UInt8], correction: QRErrorCorrection, version: Int, expected: [[Int]]) {
        let data = QRCode.dataCodewords(bytes, version: version, correction: correction)
        var matrix = QRMatrix(version: version)
        matrix.placeCodewords(QRCode.interleaved(data, version: version, correction: correction))
        for mask in 0...7 {
            var masked = matrix
            masked.applyMask(mask)
            #expect(masked.penaltyScores() == expected[mask], "mask \(mask)")
        }
    }

    @Test("format and version information match the specification's tables")
    func formatAndVersionBits() {
        #expect(QRMatrix.formatBits(level: .medium, mask: 0) == 0b101_0100_0001_0010)
        #expect(QRMatrix.formatBits(level: .low, mask: 0) == 0b111_0111_1100_0100)
        #expect(QRMatrix.formatBits(level: .high, mask: 7) == 0b000_1000_0011_1011)
        #expect(QRMatrix.versionBits(version: 7) == 0x07C94)
        #expect(QRMatrix.versionBits(version: 40) == 0x28C69)
    }

    @Test("codeword capacity per version follows the specification (versions 1, 7, 40)")
    func totalCodewords() {
        #expect(QRTables.totalCodewords(version: 1) == 26)
        #expect(QRTables.totalCodewords(version: 7) == 196)
        #expect(QRTables.totalCodewords(version: 14) == 581)
        #expect(QRTables.totalCodewords(version: 40) == 3706)
    }
}

/// CRC-32 computed bit by bit, independently of the table-driven one in the encoder.
private func bitwiseCRC32(_ bytes: some Sequence<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 {
            crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0)
        }
    }
    return ~crc
}

private func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    bytes.reduce(0) { $0 << 8 | UInt32($1) }
}

@Suite("QR code rendering")
struct QRRenderingTests {
    @Test("PNG: signature, IHDR of the right size, valid CRCs, stored zlib blocks, right pixels")
    func png() throws {
        let code = try QRCode.encode(String(repeating: "a", count: 2000), correction: .low)
        #expect(code.version == 33)
        let scale = 2
        let quiet = 4
        let png = code.png(scale: scale, quietZone: quiet)
        let width = (code.size + 2 * quiet) * scale

        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var chunks: [(type: String, data: ArraySlice<UInt8>)] = []
        var offset = 8
        while offset < png.count {
            let length = Int(bigEndian(png[offset..<(offset + 4)]))
            let typeAndData = png[(offset + 4)..<(offset + 8 + length)]
            let crc = bigEndian(png[(offset + 8 + length)..<(offset + 12 + length)])
            #expect(crc == bitwiseCRC32(typeAndData))
            chunks.append((String(decoding: typeAndData.prefix(4), as: UTF8.self), typeAndData.dropFirst(4)))
            offset += 12 + length
        }
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        #expect(Array(png.suffix(12)) == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
        let header = Array(chunks[0].data)
        #expect(bigEndian(header[0..<4]) == UInt32(width))
        #expect(bigEndian(header[4..<8]) == UInt32(width))
        #expect(Array(header[8...]) == [8, 0, 0, 0, 0])

        // Undo the zlib stream of stored blocks by hand.
        let zlib = Array(chunks[1].data)
        #expect((UInt16(zlib[0]) << 8 | UInt16(zlib[1])) % 31 == 0)
        var raw: [UInt8] = []
        var position = 2
        var blocks = 0
        var final = false
        while !final {
            final = zlib[position] & 1 == 1
            #expect(zlib[position] >> 1 == 0)
            let len = Int(zlib[position + 1]) | Int(zlib[position + 2]) << 8
            let nlen = Int(zlib[position + 3]) | Int(zlib[position + 4]) << 8
            #expect(len ^ nlen == 0xFFFF)
            raw += zlib[(position + 5)..<(position + 5 + len)]
            position += 5 + len
            blocks += 1
        }
        #expect(blocks == (width * (width + 1) + 65_534) / 65_535)
        #expect(position + 4 == zlib.count)
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in raw {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        #expect(bigEndian(zlib[position...]) == b << 16 | a)

        #expect(raw.count == width * (width + 1))
        for y in 0..<width {
            #expect(raw[y * (width + 1)] == 0)  // filter type None
            for x in stride(from: 0, to: width, by: scale) {
                let dark = code.isDark(x: x / scale - quiet, y: y / scale - quiet)
                #expect(raw[y * (width + 1) + 1 + x] == (dark ? 0 : 255))
            }
        }
    }

    @Test("SVG: one path whose runs cover exactly the dark modules, in a viewBox with the quiet zone")
    func svg() throws {
        let code = try QRCode.encode("http://host:8080/r/339921101001")
        let svg = code.svg(moduleSize: 8, quietZone: 4)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 37 37\""))
        #expect(svg.contains("width=\"296\" height=\"296\""))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.contains("<rect width=\"37\" height=\"37\" fill=\"#fff\"/>"))
        #expect(svg.components(separatedBy: "<path").count == 2)
        #expect(svg.hasSuffix("</svg>"))

        // Rebuild the matrix from the path's "Mx yhNv1h-Nz" runs.
        let path = svg.components(separatedBy: " d=\"")[1].prefix { $0 != "\"" }
        var dark = Set<Int>()
        for run in path.split(separator: "M") {
            let parts = run.split(whereSeparator: { " hvz".contains($0) })
            let x = Int(parts[0])! - 4
            let y = Int(parts[1])! - 4
            for dx in 0..<Int(parts[2])! {
                dark.insert(y * code.size + x + dx)
            }
        }
        let expected = Set(code.modules.indices.filter { code.modules[$0] })
        #expect(dark == expected)
    }
}
