/// Tells a file's type from its first bytes, never from its name or the type the uploader claims:
/// only photos (JPEG, PNG, WebP) and PDF documents are accepted as attachments.
public enum ContentSniffer {
    public static func contentType(of bytes: some Collection<UInt8>) -> String? {
        let head = Array(bytes.prefix(12))
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if head.count == 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) {
            return "image/webp"
        }
        if head.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        return nil
    }
}
