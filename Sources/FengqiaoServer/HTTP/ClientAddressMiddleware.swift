import Foundation
import HTTPTypes
import Hummingbird

/// Behind a reverse proxy (nginx) every request comes from the proxy's address, so the per-address abuse limits
/// would be shared by the whole public. When the TCP peer is one of the configured trusted proxies
/// (`FENGQIAO_TRUSTED_PROXIES`), the client is the address the proxy appended to `X-Forwarded-For`; anyone else's
/// `X-Forwarded-For` is ignored, so a client cannot choose its own address.
struct ClientAddressMiddleware: RouterMiddleware {
    let trustedProxies: Set<String>

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard !trustedProxies.isEmpty else { return try await next(request, context) }
        var context = context
        context.clientAddress = Self.client(
            peer: context.clientAddress, forwardedFor: request.headers[values: .xForwardedFor],
            trusted: trustedProxies)
        return try await next(request, context)
    }

    /// The client a chain of proxies names: walking `X-Forwarded-For` from its right end (the entry the nearest
    /// proxy added), the first address that is not itself a trusted proxy. The peer when it is not trusted.
    static func client(peer: String, forwardedFor: [String], trusted: Set<String>) -> String {
        guard trusted.contains(peer) else { return peer }
        let chain = forwardedFor.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for address in chain.reversed() where !trusted.contains(address) {
            return String(address.prefix(64))
        }
        return chain.first.map { String($0.prefix(64)) } ?? peer
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
