import Crypto
import FengqiaoCore
import Foundation

/// Keyed hashes that recognise a person or a household across cases without storing the clear value as a key: the
/// HMAC-SHA256 of a normal form (`PersonIdentifiers`) under the server's person key. Without the key, a stored hash
/// cannot be matched against a guessed ID number or phone, which an unkeyed hash of an 18-digit ID number would
/// allow.
public struct PersonKey: Sendable {
    private let key: SymmetricKey

    /// A key from a secret; a label keeps it apart from other uses of the same secret.
    public init(secret: String) {
        let label = Data("fengqiao person key v1".utf8)
        let derived = HMAC<SHA256>.authenticationCode(for: label, using: SymmetricKey(data: Data(secret.utf8)))
        self.key = SymmetricKey(data: Data(derived))
    }

    /// The lower-case hex HMAC of one normal form (`id:…`, `phone:…`, or a household key).
    public func hash(_ normalised: String) -> String {
        Hex.lowercase(HMAC<SHA256>.authenticationCode(for: Data(normalised.utf8), using: key))
    }

    /// The keys of one person: one per identifier known (ID number, phone), none for a person known only by name.
    public func person(idNumber: String?, phone: String?) -> [String] {
        PersonIdentifiers.keys(idNumber: idNumber, phone: phone).map(hash)
    }

    /// The key of a household: its address within its grid; nil for an empty address.
    public func household(address: String?, gridCode: String) -> String? {
        guard let address, let normal = PersonIdentifiers.household(address: address, gridCode: gridCode) else {
            return nil
        }
        return hash("household:" + normal)
    }
}
