import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/api/v1/files`: upload a photo or document (the raw bytes as the body) before naming it in a new case's
/// `attachments`; download one you uploaded, or one a case you may see holds.
struct FileAPIController {
    let files: FileRepository
    /// The cases that hold a file, for who may read it.
    let cases: CaseRepository

    struct FileResource: ResponseEncodable {
        let sha256: String
        let contentType: String
        let size: Int
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("files") { request, context in
            let identity = try context.requireIdentity()
            // Past the limit: 413 naming it (`RequestProblems.tooLarge`).
            let body = try await request.body.collect(upTo: Attachment.maximumSize)
            let stored = try await files.store(
                Array(buffer: body), at: context.now, uploader: identity.user.id)
            return EditedResponse(
                status: .created,
                response: FileResource(sha256: stored.sha256, contentType: stored.contentType, size: stored.size))
        }
        group.get("files/:sha256") { _, context in
            let identity = try context.requireIdentity()
            let sha256 = try context.parameters.require("sha256")
            // The uploader reads their own upload; anyone else only through a case that holds it and that they
            // may see. A foreign and an unknown hash get the same 404.
            var visible = try await files.upload(sha256: sha256, by: identity.user.id) != nil
            for id in try await files.cases(holding: sha256) where !visible {
                if let holder = try await cases.find(id: id),
                    CaseVisibility.canView(holder, by: identity.actor)
                {
                    visible = true
                    break
                }
            }
            guard visible, let stored = try await files.find(sha256: sha256),
                let data = try await files.data(sha256: sha256)
            else { throw APIError.notFound }
            return Response(
                status: .ok,
                headers: [.contentType: stored.contentType, .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
