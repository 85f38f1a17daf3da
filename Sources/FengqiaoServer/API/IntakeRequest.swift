import FengqiaoCore
import Foundation
import Hummingbird

/// The body of `POST /api/v1/cases`.
struct IntakeRequest: Decodable, Sendable {
    struct PartyRequest: Decodable, Sendable {
        let role: Party.Role?
        let name: String?
        let phone: String?
        let idNumber: String?
        let address: String?
    }

    let channel: Channel
    let sourceReference: String?
    let title: String
    let description: String
    let categoryCode: String?
    let urgency: Urgency?
    let kind: CaseKind?
    /// The region or grid code (行政区划代码 or grid code) where it happened.
    let regionCode: String
    let address: String?
    let latitude: Double?
    let longitude: Double?
    let parties: [PartyRequest]?
    let anonymous: Bool?
    /// 短信通知: the reporter asked for text messages (docs/NOTIFICATIONS.md).
    let smsNotifications: Bool?
    /// Files uploaded first through `POST /api/v1/files`, named by their SHA-256.
    let attachments: [AttachmentRequest]?

    struct AttachmentRequest: Decodable, Sendable {
        let sha256: String
        let fileName: String
    }

    func intake(regionID: Region.ID, attachments: [Attachment]) -> Intake {
        var intake = Intake(
            channel: channel, sourceReference: sourceReference, title: title, description: description,
            categoryCode: categoryCode, urgency: urgency ?? .troublesome, kind: kind ?? .request, regionID: regionID,
            address: address, latitude: latitude, longitude: longitude,
            parties: (parties ?? []).map {
                Party(
                    role: $0.role ?? .reporter, name: $0.name, phone: $0.phone, idNumber: $0.idNumber,
                    address: $0.address)
            },
            attachments: attachments, anonymous: anonymous ?? false)
        intake.smsNotifications = smsNotifications == true && anonymous != true ? true : nil
        return intake
    }
}
