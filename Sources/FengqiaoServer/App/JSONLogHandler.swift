import Foundation
import Logging
import Synchronization

/// How log lines are written (`FENGQIAO_LOG_FORMAT`).
public enum LogFormat: String, Sendable, CaseIterable {
    /// One JSON object per line (the production default): for log collectors.
    case json
    /// swift-log's text lines (the development default): for people at a terminal.
    case text
}

/// The request being handled, for the log: every line logged while a request is handled carries its id as
/// `request_id`, whichever logger wrote it (the metadata provider reads a task-local the `MetricsMiddleware` sets).
public enum RequestLogContext {
    @TaskLocal public static var requestID: String?

    public static let metadataProvider = Logger.MetadataProvider {
        requestID.map { ["request_id": .string($0)] } ?? [:]
    }

    private static let bootstrapped = Mutex(false)

    /// Bootstraps the process's logging in `format`, to standard error, with the request id provider. Only the first
    /// call counts: swift-log traps on a second bootstrap, and a command may set up its logger more than once
    /// (`worker` did, and crashed).
    public static func bootstrap(_ format: LogFormat) {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        switch format {
        case .json:
            LoggingSystem.bootstrap(
                { label, provider in JSONLogHandler(label: label, metadataProvider: provider) },
                metadataProvider: metadataProvider)
        case .text:
            LoggingSystem.bootstrap(StreamLogHandler.standardError, metadataProvider: metadataProvider)
        }
    }
}

/// A swift-log handler writing one JSON object per line: `ts` (ISO 8601, UTC, milliseconds), `level`, `label`,
/// `message`, `source`, `file`/`line` at debug and below, and every metadata key (the handler's, the provider's and
/// the line's, in that order of precedence upward) as a top-level field. Nested metadata stays nested.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    let label: String
    let write: @Sendable (String) -> Void

    /// `write` receives each line without its newline; by default it goes to standard error.
    public init(
        label: String, metadataProvider: Logger.MetadataProvider? = nil,
        write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError
    ) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: Any] = [:]
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let own = event.metadata { merged.merge(own) { $1 } }
        for (key, value) in merged { fields[key] = Self.json(value) }
        fields["ts"] = Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(AppClock.system.now())
        fields["level"] = event.level.rawValue
        fields["label"] = label
        fields["message"] = event.message.description
        fields["source"] = event.source
        if let error = event.error { fields["error"] = String(describing: error) }
        if event.level <= .debug {
            fields["file"] = event.file
            fields["line"] = Int(event.line)
        }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return }
        write(String(decoding: data, as: UTF8.self))
    }

    static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(json)
        case .dictionary(let values): values.mapValues(json)
        }
    }
}
