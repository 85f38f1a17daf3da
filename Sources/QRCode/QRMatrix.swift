/// A symbol under construction: module colours plus which modules belong to
/// function patterns (and so are neither data nor masked).
struct QRMatrix {
    let version: Int
    let size: Int
    private(set) var modules: [Bool]
    private(set) var isFunction: [Bool]

    /// A blank symbol with finder, timing and alignment patterns drawn and the
    /// format information, dark module and version information areas reserved
    /// (light until `drawFormatAndVersion` fills them).
    init(version: Int) {
        self.version = version
        size = 4 * version + 17
        modules = [Bool](repeating: false, count: size * size)
        isFunction = [Bool](repeating: false, count: size * size)
        drawFunctionPatterns()
    }

    subscript(x: Int, y: Int) -> Bool {
        modules[y * size + x]
    }

    private mutating func setFunction(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }

    private mutating func drawFunctionPatterns() {
        for i in 0..<size {
            setFunction(6, i, i % 2 == 0)
            setFunction(i, 6, i % 2 == 0)
        }
        drawFinder(centreX: 3, centreY: 3)
        drawFinder(centreX: size - 4, centreY: 3)
        drawFinder(centreX: 3, centreY: size - 4)

        let centres = QRTables.alignmentCentres[version - 1]
        if let last = centres.last {
            for cy in centres {
                for cx in centres {
                    let underFinder = (cx == 6 && cy == 6) || (cx == 6 && cy == last) || (cx == last && cy == 6)
                    if !underFinder {
                        drawAlignment(centreX: cx, centreY: cy)
                    }
                }
            }
        }
        drawFormatBits(0, darkModule: false)
        drawVersionBits(0)
    }

    /// A 7×7 finder pattern with its light separator, clipped to the symbol.
    private mutating func drawFinder(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx
                let y = centreY + dy
                guard x >= 0, x < size, y >= 0, y < size else { continue }
                let ring = max(abs(dx), abs(dy))
                setFunction(x, y, ring != 2 && ring != 4)
            }
        }
    }

    private mutating func drawAlignment(centreX: Int, centreY: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                setFunction(centreX + dx, centreY + dy, max(abs(dx), abs(dy)) != 1)
            }
        }
    }

    /// The 15-bit format information for a level and mask: 5 data bits, a
    /// BCH(15,5) remainder of generator 0x537, then XOR with 0x5412.
    static func formatBits(level: QRErrorCorrection, mask: Int) -> Int {
        let data = level.formatIndicator << 3 | mask
        var rem = data << 10
        for bit in stride(from: 14, through: 10, by: -1) where rem & (1 << bit) != 0 {
            rem ^= 0x537 << (bit - 10)
        }
        return (data << 10 | rem) ^ 0x5412
    }

    /// The 18-bit version information: 6 data bits and a BCH(18,6) remainder of
    /// generator 0x1F25.
    static func versionBits(version: Int) -> Int {
        var rem = version << 12
        for bit in stride(from: 17, through: 12, by: -1) where rem & (1 << bit) != 0 {
            rem ^= 0x1F25 << (bit - 12)
        }
        return version << 12 | rem
    }

    /// Writes the format information for `level` and `mask`, the dark module and,
    /// from version 7, the version information.
    mutating func drawFormatAndVersion(level: QRErrorCorrection, mask: Int) {
        drawFormatBits(Self.formatBits(level: level, mask: mask), darkModule: true)
        if version >= 7 {
            drawVersionBits(Self.versionBits(version: version))
        }
    }

    /// Writes both copies of the format information; bit 0 is the least significant.
    private mutating func drawFormatBits(_ bits: Int, darkModule: Bool) {
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 != 0 }
        // Copy beside the top-left finder: down column 8, then left along row 8,
        // skipping the timing pattern.
        for i in 0...5 {
            setFunction(8, i, bit(i))
        }
        setFunction(8, 7, bit(6))
        setFunction(8, 8, bit(7))
        setFunction(7, 8, bit(8))
        for i in 9...14 {
            setFunction(14 - i, 8, bit(i))
        }
        // Copy split between the other two finders.
        for i in 0...7 {
            setFunction(size - 1 - i, 8, bit(i))
        }
        for i in 8...14 {
            setFunction(8, size - 15 + i, bit(i))
        }
        setFunction(8, size - 8, darkModule)
    }

    /// Writes both 6×3 copies of the version information (versions 7 and up).
    private mutating func drawVersionBits(_ bits: Int) {
        guard version >= 7 else { return }
        for i in 0..<18 {
            let dark = (bits >> i) & 1 != 0
            let a = size - 11 + i % 3
            let b = i / 3
            setFunction(a, b, dark)
            setFunction(b, a, dark)
        }
    }

    /// Places codeword bits, most significant first, in the two-column zigzag
    /// from the bottom-right corner, skipping function modules and the vertical
    /// timing column. Remainder modules stay light.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        let totalBits = codewords.count * 8
        var index = 0
        var upward = true
        var right = size - 1
        while right > 0 {
            if right == 6 {
                right = 5
            }
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in [right, right - 1] where !isFunction[y * size + x] {
                    if index < totalBits {
                        modules[y * size + x] = (codewords[index >> 3] >> (7 - UInt8(index & 7))) & 1 != 0
                    }
                    index += 1
                }
            }
            upward.toggle()
            right -= 2
        }
    }

    /// Whether mask pattern `mask` (0–7) inverts the module in row `i`, column `j`.
    static func maskInverts(_ mask: Int, i: Int, j: Int) -> Bool {
        switch mask {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: (i * j) % 2 + (i * j) % 3 == 0
        case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
        }
    }

    /// Inverts the data modules selected by `mask`; applying it twice restores them.
    mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] && Self.maskInverts(mask, i: y, j: x) {
                modules[y * size + x].toggle()
            }
        }
    }

    /// The penalty score of the symbol as it stands (ISO/IEC 18004 §7.8.3), to be
    /// taken after masking and before format and version information are added:
    /// N1 = 3 for each run of 5 same-coloured modules plus 1 per extra module,
    /// N2 = 3 for each 2×2 same-coloured block, N3 = 40 for each 1:1:3:1:1
    /// finder-like run with 4 light modules on either side (the light quiet zone
    /// counts beyond the edge), N4 = 10 per 5 % the dark share strays from 50 %.
    func penalty() -> Int {
        penaltyScores().reduce(0, +)
    }

    /// The four penalty terms N1, N2, N3 and N4 that `penalty()` adds up.
    func penaltyScores() -> [Int] {
        var runs = 0
        var finderLike = 0
        var line = [Bool](repeating: false, count: size)
        for horizontal in [true, false] {
            for a in 0..<size {
                for b in 0..<size {
                    line[b] = horizontal ? modules[a * size + b] : modules[b * size + a]
                }
                runs += Self.runPenalty(line)
                finderLike += Self.finderLikePenalty(line)
            }
        }
        var blocks = 0
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let colour = modules[y * size + x]
                if modules[y * size + x + 1] == colour && modules[(y + 1) * size + x] == colour
                    && modules[(y + 1) * size + x + 1] == colour
                {
                    blocks += 3
                }
            }
        }
        let dark = modules.reduce(0) { $0 + ($1 ? 1 : 0) }
        let total = size * size
        let balance = 10 * (abs(20 * dark - 10 * total) / total)
        return [runs, blocks, finderLike, balance]
    }

    private static func runPenalty(_ line: [Bool]) -> Int {
        var score = 0
        var run = 0
        for (index, colour) in line.enumerated() {
            if index > 0 && colour == line[index - 1] {
                run += 1
            } else {
                run = 1
            }
            let runEnds = index == line.count - 1 || line[index + 1] != colour
            if runEnds && run >= 5 {
                score += run - 2
            }
        }
        return score
    }

    private static func finderLikePenalty(_ line: [Bool]) -> Int {
        let pattern = [true, false, true, true, true, false, true]
        func isLight(_ range: Range<Int>) -> Bool {
            range.allSatisfy { $0 < 0 || $0 >= line.count || !line[$0] }
        }
        var score = 0
        for start in 0...(line.count - pattern.count) {
            guard (0..<pattern.count).allSatisfy({ line[start + $0] == pattern[$0] }) else { continue }
            let end = start + pattern.count
            if isLight((start - 4)..<start) || isLight(end..<(end + 4)) {
                score += 40
            }
        }
        return score
    }
}
