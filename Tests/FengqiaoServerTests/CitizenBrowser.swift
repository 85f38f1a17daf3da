import FengqiaoServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// The tracking page as a citizen's browser walks it: the form (its CSRF cookie), the code and digits posted once,
/// then the page read with the cookies a browser keeps. No digits in any address.
struct CitizenBrowser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    var cookieHeader: String {
        cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
    }
    var csrf: String { cookies["fq_csrf"] ?? "" }

    private mutating func keep(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            guard pair.count >= 1 else { continue }
            let name = pair[0].trimmingCharacters(in: .whitespaces)
            let value = pair.count == 2 ? String(pair[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
    }

    /// GET `uri` with the kept cookies.
    @discardableResult
    mutating func get(_ uri: String) async throws -> (status: HTTPResponse.Status, html: String, location: String?) {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
        keep(response)
        return (response.status, String(buffer: response.body), response.headers[.location])
    }

    /// POST a URL-encoded form with the kept cookies and the CSRF token.
    @discardableResult
    mutating func post(
        _ uri: String, _ fields: [(String, String)], csrf token: String? = nil
    ) async throws -> (
        status: HTTPResponse.Status, html: String, location: String?
    ) {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let body = (fields + [("_csrf", token ?? csrf)]).map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)"
        }.joined(separator: "&")
        let response = try await client.execute(
            uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        return (response.status, String(buffer: response.body), response.headers[.location])
    }

    /// Opens the tracking page for a case: the form, the code and digits posted, the page it redirects to.
    mutating func track(code: String, phone: String) async throws -> (status: HTTPResponse.Status, html: String) {
        try await get(Paths.track)
        let posted = try await post(Paths.track, [("code", code), ("phone", phone)])
        guard posted.status == .seeOther, let location = posted.location else { return (posted.status, posted.html) }
        let page = try await get(location)
        return (page.status, page.html)
    }
}

/// `POST /api/v1/track`'s body: the code and digits travel in it, never in the address.
enum TrackLookup {
    static let uri = "/api/v1/track"

    static func body(code: String, phone: String) -> ByteBuffer {
        ByteBuffer(string: #"{"code":"\#(code)","phone":"\#(phone)"}"#)
    }

    static func headers(_ extra: HTTPFields = [:]) -> HTTPFields {
        var headers = extra
        headers[.contentType] = "application/json"
        return headers
    }
}
