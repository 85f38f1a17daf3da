import Foundation
import Hummingbird
import HummingbirdTesting

enum Cookies {
    /// The value a response sets for cookie `name`, if any.
    static func value(of name: String, in response: TestResponse) -> String? {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";", maxSplits: 1)[0]
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name { return String(parts[1]) }
        }
        return nil
    }
}
