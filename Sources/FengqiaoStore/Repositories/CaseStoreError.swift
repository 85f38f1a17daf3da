import Crypto
import FengqiaoCore
import Foundation
import SQLKit

public enum CaseStoreError: UserFacingError, Equatable {
    case caseNotFound
    case conflict(expected: Int, actual: Int)
    case invalidIdempotencyKey
    case idempotencyKeyReused

    public var kind: ErrorKind {
        switch self {
        case .caseNotFound: .notFound
        case .conflict: .conflict
        case .invalidIdempotencyKey: .malformed
        case .idempotencyKeyReused: .invalid
        }
    }

    public var code: String {
        switch self {
        case .caseNotFound: "case.not_found"
        case .conflict: "case.conflict"
        case .invalidIdempotencyKey: "case.invalid_idempotency_key"
        case .idempotencyKeyReused: "case.idempotency_key_reused"
        }
    }

    public var message: Localized {
        switch self {
        case .caseNotFound:
            Localized(zh: "找不到该案件。", en: "No such case.")
        case .conflict:
            Localized(
                zh: "该案件已被他人更新，请刷新后再操作。",
                en: "Someone else changed this case in the meantime; reload it and try again.")
        case .invalidIdempotencyKey:
            Localized(
                zh: "提交需要一个幂等键（1到200个字符），以免重复提交产生两个案件。",
                en:
                    "A submission needs an idempotency key (1–200 characters) so that a retry never makes a second case."
            )
        case .idempotencyKeyReused:
            Localized(
                zh: "这个幂等键（Idempotency-Key）已用于内容不同的另一次提交；新的提交请使用新的键。",
                en: "This Idempotency-Key was already used for a submission with a different body; use a new key.")
        }
    }
}
