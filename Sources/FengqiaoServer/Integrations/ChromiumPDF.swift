import Foundation

/// Prints a self-contained HTML document to PDF with headless Chromium, where it is installed.
///
/// The document is written to a private temporary folder and opened as a `file://` path, never as a URL back to
/// this server; host names other than 127.0.0.1 do not resolve, so a document cannot make Chromium reach out.
/// Chromium runs with its own throwaway profile and is killed after `timeout`.
struct ChromiumPDF: Sendable {
    /// The program names looked for on `PATH`, in this order.
    static let programNames = ["chromium", "chromium-browser"]

    enum Failure: Error {
        case timedOut
        case failed(status: Int32)
        case noOutput
    }

    let executable: URL
    var timeout: Duration = .seconds(30)

    /// Chromium on `PATH`, or nil when it is not installed.
    static func locate(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> ChromiumPDF? {
        let folders = (path ?? "").split(separator: ":").map(String.init)
        for name in programNames {
            for folder in folders where !folder.isEmpty {
                let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) {
                    return ChromiumPDF(executable: candidate)
                }
            }
        }
        return nil
    }

    /// The PDF of `html` (which must carry its own styles: nothing else is loaded).
    func render(html: String) async throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fengqiao-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("agreement.html")
        let output = folder.appendingPathComponent("agreement.pdf")
        try Data(html.utf8).write(to: page)

        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-sync", "--disable-component-update",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
            "--no-pdf-header-footer", "--print-to-pdf=\(output.path)", page.absoluteString,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()

        let deadline = ContinuousClock.now.advanced(by: timeout)
        do {
            while process.isRunning {
                if ContinuousClock.now >= deadline { throw Failure.timedOut }
                try await Task.sleep(for: .milliseconds(50))
            }
        } catch {
            // Timed out, or the request went away: Chromium must not outlive it.
            process.terminate()
            for _ in 0..<40 where process.isRunning { usleep(50_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            throw error
        }
        guard process.terminationStatus == 0 else { throw Failure.failed(status: process.terminationStatus) }
        let data = try Data(contentsOf: output)
        guard data.starts(with: Array("%PDF".utf8)) else { throw Failure.noOutput }
        return data
    }
}
