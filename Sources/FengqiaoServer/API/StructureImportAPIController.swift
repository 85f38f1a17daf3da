import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `POST /api/v1/imports/structure` (docs/ONBOARDING.md): the county's structure from a spreadsheet, for
/// administrators, within their jurisdiction. A check by default; `?apply=true` writes it in one transaction when
/// nothing is wrong. With any problem the answer is 422 with every problem (and nothing is written). The body is one file (`?filename=` names it: its extension
/// and, for CSV, its sheet) or `multipart/form-data` with several. New users' one-time passwords are in the answer,
/// once; an applied import goes to the access log.
struct StructureImportAPIController {
    let services: AppServices

    struct Counts: Codable, Sendable {
        let regions: Int
        let grids: Int
        let organisations: Int
        let users: Int
        let mediators: Int

        init(_ count: (StructureSheet) -> Int) {
            regions = count(.regions)
            grids = count(.grids)
            organisations = count(.organisations)
            users = count(.users)
            mediators = count(.mediators)
        }
    }

    struct ProblemResource: Codable, Sendable {
        let source: String
        let line: Int?
        let column: String?
        let columnReference: String?
        let message: LocalizedText
        let text: LocalizedText

        init(_ problem: StructureProblem) {
            source = problem.source
            line = problem.line
            column = problem.column
            columnReference = problem.columnReference
            message = LocalizedText(problem.message)
            text = LocalizedText(problem.text)
        }
    }

    struct AccountResource: Codable, Sendable {
        let username: String
        let displayName: String
        let oneTimePassword: String
    }

    struct Result: Codable, Sendable {
        let applied: Bool
        let canApply: Bool
        let summary: LocalizedText
        let added: Counts
        let unchanged: Counts
        let problems: [ProblemResource]
        let notices: [ProblemResource]
        let accounts: [AccountResource]
    }

    /// The largest upload: a county's workbook is far smaller.
    static let limit = 20 * 1024 * 1024

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("imports/structure") { request, context in
            let identity = try context.requireIdentity()
            guard identity.user.holds(.admin) else { throw APIError.forbidden }
            let query = StrictQuery(request.uri.queryParameters)
            let apply = try query.boolean("apply") ?? false
            let files: [StructureUpload]
            let type = (request.headers[.contentType] ?? "").lowercased()
            if type.hasPrefix("multipart/form-data"), let boundary = MultipartForm.boundary(in: type) {
                let body = try await request.body.collect(upTo: Self.limit)
                files = try MultipartForm.parse(body, boundary: boundary).files.map {
                    StructureUpload(name: $0.fileName, data: Data($0.bytes))
                }
            } else {
                let body = try await request.body.collect(upTo: Self.limit)
                let name = request.uri.queryParameters.get("filename") ?? "upload.xlsx"
                files = body.readableBytes == 0 ? [] : [StructureUpload(name: name, data: Data(buffer: body))]
            }
            guard !files.isEmpty else {
                throw APIError.badRequest(
                    "import.no_file", Localized(zh: "请求中没有文件。", en: "The request carries no file."))
            }
            let scope = try await AdminScope.load(for: identity, services.regions)
            let outcome = try await StructureImporter(services: services).run(
                files, scope: Set(scope.rows.map(\.region.code)), apply: apply)
            if outcome.applied {
                try await services.accessLog.record(
                    AccessLogRepository.Entry(
                        at: context.now, userID: identity.user.id, username: identity.user.username,
                        action: "structure.import", caseID: nil,
                        detail: AdminImportController.logDetail(outcome.plan), requestID: context.requestID))
            }
            let plan = outcome.plan
            let result = Result(
                applied: outcome.applied, canApply: plan.canApply,
                summary: LocalizedText(StructureReport.headline(outcome)), added: Counts(plan.added),
                unchanged: Counts { plan.unchanged[$0] ?? 0 }, problems: plan.problems.map(ProblemResource.init),
                notices: plan.notices.map(ProblemResource.init),
                accounts: outcome.accounts.map {
                    AccountResource(username: $0.username, displayName: $0.displayName, oneTimePassword: $0.password)
                })
            return Response(
                status: plan.canApply ? .ok : .unprocessableContent,
                headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: try APIJSON.encoder.encode(result))))
        }
    }
}
