import FengqiaoCore

/// Who is asking: a member of staff, signed in by session or by API token.
struct Identity: Sendable {
    let user: User
}
