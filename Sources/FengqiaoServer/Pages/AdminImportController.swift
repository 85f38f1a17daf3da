import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/admin/import` (导入组织架构, docs/ONBOARDING.md): an administrator uploads the county's structure, sees every
/// problem, and confirms. Between the two steps nothing is kept on the server: the confirmation form carries the
/// upload back, and it is read and checked again in full, against the administrator's jurisdiction, before it is
/// applied in one transaction. The applied import goes to the access log (counts only, never a password).
struct AdminImportController {
    let services: AppServices

    /// The upload carried from the check to the confirmation.
    struct Staged: Codable {
        var files: [File]
        struct File: Codable {
            var name: String
            var data: Data
        }
    }

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let router = router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.admin))
        router.get(RouterPath(Paths.adminImport)) { _, context in
            let identity = try context.requireIdentity()
            return HTMLPage(html: AdminImportPage(frame: frame(identity, context)).render())
        }
        router.get(RouterPath(Paths.adminImportTemplateXLSX)) { _, _ in
            Self.download(
                try StructureTemplate.xlsx(), name: StructureTemplate.xlsxName, fallback: "structure-template.xlsx",
                type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
        router.get(RouterPath(Paths.adminImportTemplateZip)) { _, _ in
            Self.download(
                try StructureTemplate.zip(), name: StructureTemplate.zipName, fallback: "structure-template-csv.zip",
                type: "application/zip")
        }
        router.post(RouterPath(Paths.adminImport)) { request, context in
            let identity = try context.requireIdentity()
            let upload = try await MultipartForm.read(request)
            try upload.form.requireCSRF(context)
            var page = AdminImportPage(frame: frame(identity, context))
            let apply = upload.form["action"] == "apply"
            let files: [StructureUpload]
            if apply {
                guard let text = upload.form["staged"], let json = Data(base64Encoded: text),
                    let staged = try? JSONDecoder().decode(Staged.self, from: json)
                else {
                    page.frame.error = AdminImportStrings.staleStage
                    return HTMLPage.response(status: .unprocessableContent, html: page.render())
                }
                files = staged.files.map { StructureUpload(name: $0.name, data: $0.data) }
            } else {
                files = upload.files.map { StructureUpload(name: $0.fileName, data: Data($0.bytes)) }
            }
            guard !files.isEmpty else {
                page.frame.error = AdminImportStrings.noFile
                return HTMLPage.response(status: .unprocessableContent, html: page.render())
            }
            let scope = try await AdminScope.load(for: identity, services.regions)
            let outcome = try await StructureImporter(services: services).run(
                files, scope: Set(scope.rows.map(\.region.code)), apply: apply)
            if outcome.applied {
                try await services.accessLog.record(
                    AccessLogRepository.Entry(
                        at: context.now, userID: identity.user.id, username: identity.user.username,
                        action: "structure.import", caseID: nil, detail: Self.logDetail(outcome.plan),
                        requestID: context.requestID))
            }
            page.outcome = outcome
            if !outcome.applied {
                let staged = Staged(files: files.map { Staged.File(name: $0.name, data: $0.data) })
                page.staged = try JSONEncoder().encode(staged).base64EncodedString()
            }
            let status: HTTPResponse.Status = outcome.plan.canApply ? .ok : .unprocessableContent
            return HTMLPage.response(status: status, html: page.render())
        }
    }

    /// "regions 7, grids 10, organisations 6, users 8, mediators 4": what an import added, for the access log.
    static func logDetail(_ plan: StructurePlan) -> String {
        "structure import: "
            + StructureSheet.allCases.map { "\($0.rawValue) \(plan.added($0))" }.joined(separator: ", ")
    }

    static func download(_ data: Data, name: String, fallback: String, type: String) -> Response {
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? fallback
        return Response(
            status: .ok,
            headers: [
                .contentType: type,
                .contentDisposition: "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func frame(_ identity: Identity, _ context: AppRequestContext) -> AdminFrame {
        AdminFrame(
            language: context.language,
            nav: StaffNav(identity: identity, context: context, current: Paths.admin),
            csrfToken: context.csrfToken ?? "")
    }
}
