import FengqiaoAPI
import FengqiaoCore
import Foundation
import Hummingbird
import OpenAPIRuntime

/// `POST /api/v1/cases/{id}/actions/<action>`: one operation per action, each with its own typed body, served from
/// the protocol swift-openapi-generator wrote from `openapi.yaml` (swift-openapi-hummingbird registers the routes).
/// Every operation does the same: the case if the caller may see it, the body's command through `CaseActions`, the
/// case as the caller may see it back.
struct CaseActionAPI: APIProtocol {
    let caseActions: CaseActionsFactory

    /// The request's context, as `RequestScope` carries it past the generated code.
    private func perform(_ body: some CaseActionBody, on id: Int) async throws -> Components.Schemas.CaseResource {
        let context = try RequestScope.current()
        let identity = try context.requireIdentity()
        let actions = caseActions.at(context.now)
        guard let found = try await actions.visible(Int64(id), to: identity) else { throw APIError.notFound }
        let updated = try await actions.perform(
            try body.command(), expectedVersion: body.expectedVersion, on: found, by: identity)
        let resource = try await actions.resource(of: updated, to: identity, requestID: context.requestID)
        return try APIJSON.decoder.decode(Components.Schemas.CaseResource.self, from: APIJSON.encoder.encode(resource))
    }

    func answer(_ input: Operations.Answer.Input) async throws -> Operations.Answer.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func assess(_ input: Operations.Assess.Input) async throws -> Operations.Assess.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func dispatch(_ input: Operations.Dispatch.Input) async throws -> Operations.Dispatch.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func accept(_ input: Operations.Accept.Input) async throws -> Operations.Accept.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func returnCase(_ input: Operations.ReturnCase.Input) async throws -> Operations.ReturnCase.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func progress(_ input: Operations.Progress.Input) async throws -> Operations.Progress.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func requestExtension(_ input: Operations.RequestExtension.Input) async throws -> Operations.RequestExtension.Output
    {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func decideExtension(_ input: Operations.DecideExtension.Input) async throws -> Operations.DecideExtension.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func resolve(_ input: Operations.Resolve.Input) async throws -> Operations.Resolve.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func followUp(_ input: Operations.FollowUp.Input) async throws -> Operations.FollowUp.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func close(_ input: Operations.Close.Input) async throws -> Operations.Close.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func escalate(_ input: Operations.Escalate.Input) async throws -> Operations.Escalate.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func supervise(_ input: Operations.Supervise.Input) async throws -> Operations.Supervise.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func nudge(_ input: Operations.Nudge.Input) async throws -> Operations.Nudge.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func reopen(_ input: Operations.Reopen.Input) async throws -> Operations.Reopen.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func withdraw(_ input: Operations.Withdraw.Input) async throws -> Operations.Withdraw.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func merge(_ input: Operations.Merge.Input) async throws -> Operations.Merge.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func requestInformation(
        _ input: Operations.RequestInformation.Input
    ) async throws -> Operations.RequestInformation.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func supplyInformation(
        _ input: Operations.SupplyInformation.Input
    ) async throws -> Operations.SupplyInformation.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func recordSession(_ input: Operations.RecordSession.Input) async throws -> Operations.RecordSession.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func climbLadder(_ input: Operations.ClimbLadder.Input) async throws -> Operations.ClimbLadder.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func requestMediator(_ input: Operations.RequestMediator.Input) async throws -> Operations.RequestMediator.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func takeMediation(_ input: Operations.TakeMediation.Input) async throws -> Operations.TakeMediation.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func declineMediation(_ input: Operations.DeclineMediation.Input) async throws -> Operations.DeclineMediation.Output
    {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func assignMediator(_ input: Operations.AssignMediator.Input) async throws -> Operations.AssignMediator.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func recordConsent(_ input: Operations.RecordConsent.Input) async throws -> Operations.RecordConsent.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func draftAgreement(_ input: Operations.DraftAgreement.Input) async throws -> Operations.DraftAgreement.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func signAgreement(_ input: Operations.SignAgreement.Input) async throws -> Operations.SignAgreement.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func requestConfirmation(
        _ input: Operations.RequestConfirmation.Input
    ) async throws -> Operations.RequestConfirmation.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func recordRuling(_ input: Operations.RecordRuling.Input) async throws -> Operations.RecordRuling.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func checkTerm(_ input: Operations.CheckTerm.Input) async throws -> Operations.CheckTerm.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func rateMediation(_ input: Operations.RateMediation.Input) async throws -> Operations.RateMediation.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func returnToCourt(_ input: Operations.ReturnToCourt.Input) async throws -> Operations.ReturnToCourt.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }

    func editParties(_ input: Operations.EditParties.Input) async throws -> Operations.EditParties.Output {
        switch input.body {
        case .json(let body): .ok(.init(body: .json(try await perform(body, on: input.path.id))))
        }
    }
}
