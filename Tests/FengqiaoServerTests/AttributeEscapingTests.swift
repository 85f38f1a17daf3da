import FengqiaoCore
import Foundation
import Testing

@testable import FengqiaoServer

/// Plot writes attribute values raw, so every view passes user data through `Widgets.escapeAttribute` exactly once
/// before it reaches an attribute. These tests render views directly (no database, no server) with a value that
/// would close the attribute and open a form of its own.
@Suite("Attribute escaping")
struct AttributeEscapingTests {
    /// Closes a double-quoted attribute and opens a form posting elsewhere.
    static let hostile = #""><form action="https://evil.example">"#
    /// The sign-in return path of the brief: a same-site path with the same tail.
    static let hostileReturn = #"/desk"><form action="https://evil.example">"#

    /// The hostile value never closes its attribute, appears escaped exactly once, and no form posts elsewhere.
    static func expectEscaped(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!html.contains(#""><form"#), "an attribute was closed by user data", sourceLocation: sourceLocation)
        #expect(html.contains("&quot;&gt;&lt;form"), "the escaped value is missing", sourceLocation: sourceLocation)
        #expect(!html.contains(#"<form action="https://evil.example""#), sourceLocation: sourceLocation)
        #expect(
            !html.contains("&amp;quot;") && !html.contains("&amp;lt;"), "escaped twice", sourceLocation: sourceLocation)
    }

    static let staff = Identity(
        user: User(
            id: 1, username: "admin", displayName: hostile, phone: nil, passwordHash: "", disabled: false, grants: []),
        actor: Actor.staff(
            userID: 1, username: "admin", displayName: hostile,
            grants: [.init(role: .admin, organisationID: 1, jurisdictionPath: "/1/")]))

    @Test("the one helper escapes the five characters that matter and nothing else")
    func helper() {
        #expect(Widgets.escapeAttribute(#"a"b'c<d>e&f"#) == "a&quot;b&#39;c&lt;d&gt;e&amp;f")
        #expect(Widgets.escapeAttribute("桃源镇 · 第3网格/queue?x=1") == "桃源镇 · 第3网格/queue?x=1")
        #expect(
            Widgets.escapeAttribute(Self.hostile) == "&quot;&gt;&lt;form action=&quot;https://evil.example&quot;&gt;")
    }

    @Test("the sign-in page's hidden `next` return path is escaped")
    func signInReturnPath() {
        let html = SignInPage(language: .zhHans, outcome: .form, csrfToken: "token", returnTo: Self.hostileReturn)
            .render()
        Self.expectEscaped(html)
        #expect(html.contains(#"name="next" value="/desk&quot;&gt;&lt;form"#))

        // A query in the return path: `&` written as `&amp;`, once.
        let query = SignInPage(language: .en, outcome: .form, csrfToken: "token", returnTo: "/desk?a=1&b=2").render()
        #expect(query.contains(#"value="/desk?a=1&amp;b=2""#))
    }

    @Test("the sign-in page keeps a refused username, escaped, together with the return path")
    func signInFailedUsername() {
        let html = SignInPage(
            language: .zhHans, outcome: .failed(username: Self.hostile), csrfToken: Self.hostile,
            returnTo: Self.hostileReturn
        ).render()
        Self.expectEscaped(html)
    }

    @Test("a grid code in the QR link: the place field, the language link and the idempotency key are escaped")
    func reportPage() {
        let html = ReportPage(
            language: .zhHans, reporter: .citizen, csrfToken: Self.hostile, idempotencyKey: Self.hostile,
            categories: [], fixedPlace: (code: Self.hostile, label: "桃源镇 · 桃源村 · 第3网格"), places: []
        ).render()
        Self.expectEscaped(html)
        #expect(html.contains(#"href="/r/&quot;&gt;&lt;form"#))
    }

    @Test("a mediator's name (page title, copied into <meta content>) and a typed tracking code are escaped")
    func mediatorPage() {
        let mediator = Mediator(
            id: 7, name: Self.hostile, organisationID: 1, specialties: [], levels: [], languages: [],
            goldMedal: false, available: true, profile: "", userID: nil)
        let html = MediatorPage(
            language: .en, csrfToken: "token", card: MediatorCard(mediator: mediator, organisationName: Self.hostile),
            code: Self.hostile
        ).render()
        Self.expectEscaped(html)
        #expect(html.contains(#"<meta property="og:title" content="&quot;&gt;&lt;form"#))
        #expect(html.contains(#"<meta name="twitter:title" content="&quot;&gt;&lt;form"#))
        #expect(html.contains(#"name="code" value="&quot;&gt;&lt;form"#))
    }

    @Test("the report confirmation's tracking link is escaped")
    func reportConfirmation() {
        let html = ReportConfirmationPage(
            language: .zhHans, number: "FQ-20260301-000001", trackingCode: "ABCD2345",
            trackLink: "/track?code=ABCD2345&x=" + Self.hostile, next: Localized(zh: "等待受理", en: "Waiting")
        )
        .render()
        Self.expectEscaped(html)
        #expect(html.contains(#"href="/track?code=ABCD2345&amp;x=&quot;&gt;&lt;form"#))
    }

    @Test("the QR sheet escapes a grid code typed by an administrator, and the nav a display name")
    func qrCodeSheet() {
        let nav = StaffNav(identity: Self.staff, csrfToken: Self.hostile, current: Paths.admin)
        let html = QRCodePage(
            language: .zhHans, nav: nav,
            cards: [.init(code: Self.hostile, label: Self.hostile, link: "http://127.0.0.1/r/" + Self.hostile)]
        ).render()
        Self.expectEscaped(html)
        #expect(html.contains(#"src="/admin/qr/&quot;&gt;&lt;form"#))
        #expect(html.contains(#"type="submit" value="退出（&quot;&gt;&lt;form"#))
    }

    @Test("a mediator's name in the photo's alt text of the public directory")
    func mediatorPhotoAlt() {
        let mediator = Mediator(
            id: 7, name: Self.hostile, organisationID: 1, specialties: [.neighbour], levels: [.village],
            languages: ["普通话"], goldMedal: false, available: true, profile: "", userID: nil, photo: "ab")
        let html = MediatorDirectoryPage(
            language: .zhHans, csrfToken: "t", specialty: nil, regionCode: nil, townships: [],
            cards: [MediatorCard(mediator: mediator, organisationName: "调委会")]
        ).render()
        Self.expectEscaped(html)
        #expect(html.contains(#"alt="&quot;&gt;&lt;form"#))
    }
}
