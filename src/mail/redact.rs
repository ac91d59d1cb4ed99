//! Mail bodies as staff may read them in the outbox: the single-use tokens
//! of mailed links (password reset, address confirmation, invitations) are
//! secrets of their addressee. An operator who could read them could reset
//! an administrator's password and sign in as them.

const MARK: &str = "token=";
pub const HIDDEN: &str = "[hidden]";

/// `body` with the value of every `token=` in it replaced by `[hidden]`.
pub fn hide_link_tokens(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find(MARK) {
        let (before, after) = rest.split_at(at + MARK.len());
        out.push_str(before);
        let secret_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(after.len());
        if secret_len > 0 {
            out.push_str(HIDDEN);
        }
        rest = &after[secret_len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_token_is_hidden_and_the_rest_kept() {
        let body =
            "Open https://p.lu/reset-password?token=Ab_9-z.\nOr https://p.lu/x?token=QQ&x=1 now.";
        assert_eq!(
            hide_link_tokens(body),
            "Open https://p.lu/reset-password?token=[hidden].\nOr https://p.lu/x?token=[hidden]&x=1 now."
        );
    }

    #[test]
    fn bodies_without_tokens_are_unchanged() {
        for body in ["", "Receipt JC-2026-000001", "a token= alone"] {
            assert_eq!(hide_link_tokens(body), body);
        }
    }
}
