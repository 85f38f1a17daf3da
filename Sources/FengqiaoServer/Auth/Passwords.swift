import HummingbirdBcrypt

/// Password hashing with bcrypt. The cost is a parameter so that tests and demo seeding can go faster;
/// accounts created by people use the default.
public enum Passwords {
    public static let defaultCost: UInt8 = 12

    public static func hash(_ password: String, cost: UInt8 = defaultCost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }
}
