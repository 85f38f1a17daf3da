import FengqiaoCore
import HummingbirdBcrypt

/// Password hashing with bcrypt. The cost is a parameter so that tests and demo seeding can go faster;
/// accounts created by people use the default. bcrypt reads only the first 72 bytes: `UserRules` refuses longer
/// passwords when they are set, and `verify` never matches one (it would match any tail).
public enum Passwords {
    public static let defaultCost: UInt8 = 12

    public static func hash(_ password: String, cost: UInt8 = defaultCost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        guard password.utf8.count <= UserRules.maximumPasswordBytes else { return false }
        return Bcrypt.verify(password, hash: hash)
    }

    /// The cost a stored hash was made with (`$2b$12$…` → 12), or nil for something that is not a bcrypt hash.
    public static func cost(of hash: String) -> UInt8? {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: true)
        guard parts.count >= 3, parts[0].hasPrefix("2") else { return nil }
        return UInt8(parts[1])
    }
}
