/// The passwords that guessers try first: the most common ones in published leak lists (international and Chinese
/// sites), those of 10 characters or more that would otherwise pass the length and mix rules, in lower case, and
/// the demo county's published password. Compared without regard to case.
public enum CommonPasswords {
    static let list: Set<String> = [
        "fengqiao2026", "password123", "password1234", "password12", "password01", "password!1", "p@ssw0rd123",
        "passw0rd123", "qwerty12345", "qwerty123456", "qwertyuiop1", "qwe123456789", "1qaz2wsx3edc", "1q2w3e4r5t",
        "1q2w3e4r5t6y", "q1w2e3r4t5", "q1w2e3r4t5y6", "zaq12wsxcde", "abc1234567", "abcd123456", "abc123456789",
        "a123456789", "a1234567890", "aa123456789", "a1b2c3d4e5", "123456789a", "1234567890a", "123456789abc",
        "123456abcd", "iloveyou123", "iloveyou1314", "woaini1314", "woaini520", "woaini123456", "5201314woaini",
        "admin12345", "admin123456", "administrator1", "welcome123", "welcome1234", "changeme123", "letmein123",
        "sunshine123", "football123", "baseball123", "monkey12345", "dragon12345", "master12345", "superman123",
        "princess123", "trustno1234", "starwars123", "computer123", "whatever123", "asdfghjkl1", "asdfghjkl123",
        "zxcvbnm123", "zxcvbnm1234", "1qazxsw23edc", "qazwsx123456", "qweasdzxc123", "asd123456789",
        "wang123456", "zhang123456", "li12345678", "liu123456789", "chen123456", "huang123456", "zhao123456",
        "aini1314520", "5201314abc", "abc5201314", "china123456", "beijing2008", "shanghai123", "root123456",
        "test123456", "test12345678", "guest12345", "user123456", "user12345678", "default123", "secret1234",
        "fengqiao123", "fengqiao2025", "fengqiao2027", "zonghe123456", "mediation123", "12345678910a",
    ]

    public static func contains(_ password: String) -> Bool {
        list.contains(password.lowercased())
    }
}
