import FengqiaoAPI
import FengqiaoCore
import Hummingbird

/// `GET /api/v1/openapi.json` (the OpenAPI 3.1 document of the JSON API) and `GET /api/v1/docs` (the same as a page).
/// Both are public: registered on the router itself, outside the `api/v1` group and its bearer-token middleware.
struct OpenAPIController {
    static let documentPath = "/api/v1/openapi.json"
    static let docsPath = "/api/v1/docs"

    /// Read once from the document.
    static let reference = APIReference(json: OpenAPIContract.json)

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(Self.documentPath)) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=300"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIContract.json)))
        }
        router.get(RouterPath(Self.docsPath)) { _, context in
            HTMLPage(html: APIReferencePage(language: context.language, reference: Self.reference).render())
        }
    }
}
