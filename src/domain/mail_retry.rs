//! A mail's way through the outbox: waiting until the mail server accepts it,
//! and when to try again after it refused or was unreachable. Mails are never
//! given up: the delay grows to a ceiling and stays there.

use serde::{Deserialize, Serialize};
use std::time::Duration;
use utoipa::ToSchema;

/// Where a mail in the outbox is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MailStatus {
    /// Not yet accepted by the mail server.
    Pending,
    /// Accepted by the mail server.
    Sent,
}

text_enum!(MailStatus {
    Pending => "pending",
    Sent => "sent",
});

pub const MAX_RETRY: Duration = Duration::from_secs(60 * 60);

/// The wait after the `attempts`-th failed attempt (1 for the first failure):
/// `first`, twice that, four times, ... up to one hour.
pub fn retry_delay(attempts: u32, first: Duration) -> Duration {
    let doublings = attempts.saturating_sub(1).min(16);
    first.saturating_mul(1u32 << doublings).min(MAX_RETRY)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEN: Duration = Duration::from_secs(10);

    #[test]
    fn delays_double_up_to_the_ceiling() {
        assert_eq!(retry_delay(1, TEN), Duration::from_secs(10));
        assert_eq!(retry_delay(2, TEN), Duration::from_secs(20));
        assert_eq!(retry_delay(3, TEN), Duration::from_secs(40));
        assert_eq!(retry_delay(10, TEN), MAX_RETRY);
        assert_eq!(retry_delay(u32::MAX, TEN), MAX_RETRY);
        assert_eq!(retry_delay(0, TEN), TEN);
    }

    #[test]
    fn delays_never_shrink() {
        for n in 1..100 {
            assert!(retry_delay(n + 1, TEN) >= retry_delay(n, TEN));
        }
    }
}
