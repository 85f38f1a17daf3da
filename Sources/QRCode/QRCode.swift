/// Error correction level of a QR code: roughly 7 %, 15 %, 25 % or 30 % of the
/// codewords can be restored.
public enum QRErrorCorrection: Sendable, CaseIterable {
    case low, medium, quartile, high

    /// Row in the ISO/IEC 18004 tables (L, M, Q, H).
    var tableIndex: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }

    /// The two bits that stand for this level in the format information.
    var formatIndicator: Int {
        switch self {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }
}

/// Why a QR code could not be made.
public enum QRCodeError: Error, Sendable, Equatable {
    /// The data does not fit even in version 40 at the requested level.
    case tooLong
    /// A forced mask pattern outside 0–7.
    case invalidMask(Int)
}

/// A QR code (model 2) symbol encoded in byte mode, per ISO/IEC 18004.
public struct QRCode: Sendable, Equatable {
    /// Version 1–40; the symbol is `4 * version + 17` modules wide.
    public let version: Int
    /// Modules per side, without quiet zone.
    public let size: Int
    public let correction: QRErrorCorrection
    /// The mask pattern 0–7 applied to the data.
    public let mask: Int
    /// Module colours row by row, `true` for dark.
    public let modules: [Bool]

    /// Whether the module in column `x`, row `y` is dark; outside the symbol is light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, x < size, y >= 0, y < size else { return false }
        return modules[y * size + x]
    }

    /// Encodes `text` as UTF-8 bytes in the smallest version that fits.
    /// - Parameter mask: a mask pattern 0–7 to force; `nil` picks the one with the lowest penalty.
    public static func encode(
        _ text: String, correction: QRErrorCorrection = .medium, mask: Int? = nil
    ) throws(QRCodeError) -> QRCode {
        try encode(bytes: Array(text.utf8), correction: correction, mask: mask)
    }

    /// Encodes raw bytes in byte mode in the smallest version that fits. Without a forced
    /// mask, each of the eight is scored (`QRMatrix.penalty()`) before format and version
    /// information are drawn, and the lowest score wins; ties go to the lower mask number.
    public static func encode(
        bytes: [UInt8], correction: QRErrorCorrection = .medium, mask: Int? = nil
    ) throws(QRCodeError) -> QRCode {
        if let mask, !(0...7).contains(mask) {
            throw .invalidMask(mask)
        }
        guard let version = (1...40).first(where: { bytes.count <= byteCapacity(version: $0, correction: correction) })
        else {
            throw .tooLong
        }
        let data = dataCodewords(bytes, version: version, correction: correction)
        var matrix = QRMatrix(version: version)
        matrix.placeCodewords(interleaved(data, version: version, correction: correction))

        let chosenMask: Int
        if let mask {
            chosenMask = mask
        } else {
            var best = (mask: 0, penalty: Int.max)
            for candidate in 0...7 {
                var trial = matrix
                trial.applyMask(candidate)
                let penalty = trial.penalty()
                if penalty < best.penalty {
                    best = (candidate, penalty)
                }
            }
            chosenMask = best.mask
        }
        matrix.applyMask(chosenMask)
        matrix.drawFormatAndVersion(level: correction, mask: chosenMask)
        return QRCode(
            version: version, size: matrix.size, correction: correction, mask: chosenMask, modules: matrix.modules)
    }

    /// Data codewords (without error correction) for `version` at `correction`.
    static func dataCodewordCount(version: Int, correction: QRErrorCorrection) -> Int {
        let level = correction.tableIndex
        return QRTables.totalCodewords(version: version) - QRTables.blockCount[level][version - 1]
            * QRTables.eccCodewordsPerBlock[level][version - 1]
    }

    /// Bits of the byte-mode character count indicator.
    static func countBits(version: Int) -> Int {
        version <= 9 ? 8 : 16
    }

    /// Most bytes a byte-mode symbol of `version` at `correction` holds.
    public static func byteCapacity(version: Int, correction: QRErrorCorrection) -> Int {
        (dataCodewordCount(version: version, correction: correction) * 8 - 4 - countBits(version: version)) / 8
    }

    /// Mode indicator, count, data, terminator and pad codewords 0xEC/0x11.
    static func dataCodewords(_ bytes: [UInt8], version: Int, correction: QRErrorCorrection) -> [UInt8] {
        let capacityBits = dataCodewordCount(version: version, correction: correction) * 8
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: countBits(version: version))
        for byte in bytes {
            bits.append(Int(byte), count: 8)
        }
        bits.append(0, count: min(4, capacityBits - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        var pad: UInt8 = 0xEC
        while codewords.count * 8 < capacityBits {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Splits data into blocks (the shorter ones first), adds each block's
    /// error correction, and interleaves data then error correction codewords.
    static func interleaved(_ data: [UInt8], version: Int, correction: QRErrorCorrection) -> [UInt8] {
        let level = correction.tableIndex
        let blocks = QRTables.blockCount[level][version - 1]
        let eccLength = QRTables.eccCodewordsPerBlock[level][version - 1]
        let shortLength = data.count / blocks
        let longBlocks = data.count % blocks
        let generator = QRReedSolomon.generator(degree: eccLength)

        var dataBlocks: [[UInt8]] = []
        var eccBlocks: [[UInt8]] = []
        var start = 0
        for index in 0..<blocks {
            let length = shortLength + (index >= blocks - longBlocks ? 1 : 0)
            let block = Array(data[start..<(start + length)])
            start += length
            dataBlocks.append(block)
            eccBlocks.append(QRReedSolomon.remainder(of: block, generator: generator))
        }

        var result: [UInt8] = []
        result.reserveCapacity(data.count + blocks * eccLength)
        for column in 0...shortLength {
            for block in dataBlocks where column < block.count {
                result.append(block[column])
            }
        }
        for column in 0..<eccLength {
            for block in eccBlocks {
                result.append(block[column])
            }
        }
        return result
    }
}

/// Bits appended most significant first.
struct BitBuffer {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    mutating func append(_ value: Int, count length: Int) {
        for shift in stride(from: length - 1, through: 0, by: -1) {
            if count % 8 == 0 {
                bytes.append(0)
            }
            if (value >> shift) & 1 != 0 {
                bytes[bytes.count - 1] |= 0x80 >> UInt8(count % 8)
            }
            count += 1
        }
    }
}
