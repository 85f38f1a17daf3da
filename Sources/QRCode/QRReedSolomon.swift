/// Reed–Solomon error correction over GF(256) with the QR field polynomial
/// x⁸ + x⁴ + x³ + x² + 1 (0x11D) and generator roots α⁰ … αⁿ⁻¹.
enum QRReedSolomon {
    /// `exp[i]` is αⁱ for i in 0..<510 (doubled so products need no modulo);
    /// `log[v]` is the exponent of v for v in 1...255.
    private static let tables: (exp: [UInt8], log: [Int]) = {
        var exp = [UInt8](repeating: 0, count: 510)
        var log = [Int](repeating: 0, count: 256)
        var value = 1
        for power in 0..<255 {
            exp[power] = UInt8(value)
            log[value] = power
            value <<= 1
            if value & 0x100 != 0 {
                value ^= 0x11D
            }
        }
        for power in 255..<510 {
            exp[power] = exp[power - 255]
        }
        return (exp, log)
    }()

    /// Product of two field elements.
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 {
            return 0
        }
        return tables.exp[tables.log[Int(a)] + tables.log[Int(b)]]
    }

    /// Coefficients of ∏(x − αⁱ) for i in 0..<degree, highest power first,
    /// without the leading 1.
    static func generator(degree: Int) -> [UInt8] {
        // Start from the constant polynomial 1 and multiply by (x + αⁱ) in turn.
        var poly: [UInt8] = [1]
        for i in 0..<degree {
            let root = tables.exp[i]
            var next = [UInt8](repeating: 0, count: poly.count + 1)
            for (j, coefficient) in poly.enumerated() {
                next[j] ^= coefficient
                next[j + 1] ^= multiply(coefficient, root)
            }
            poly = next
        }
        return Array(poly.dropFirst())
    }

    /// The error correction codewords for `data`: the remainder of data(x)·xⁿ
    /// divided by the generator polynomial `gen` of degree n (see `generator(degree:)`).
    static func remainder(of data: [UInt8], generator gen: [UInt8]) -> [UInt8] {
        let degree = gen.count
        var rem = [UInt8](repeating: 0, count: degree)
        for byte in data {
            let factor = byte ^ rem[0]
            rem.removeFirst()
            rem.append(0)
            for j in 0..<degree {
                rem[j] ^= multiply(gen[j], factor)
            }
        }
        return rem
    }
}
