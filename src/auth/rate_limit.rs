//! Limits on what a client can make the portal do: sign-in attempts, and the
//! anonymous or mailing actions (register, password reset, verification
//! mails, invitations), each counted in a sliding window (`RateWindow`).
//!
//! Sign-in failures block the pair (account, client address): an attacker
//! elsewhere cannot lock the owner out. Failures against one account from
//! everywhere only slow its sign-ins down (`LoginLimiter::delay`), so a
//! distributed guess gets a few attempts a minute while the owner still gets in.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::{AbuseLimits, LoginLimits};
use crate::domain::rate_window::RateWindow;
use crate::error::ApiError;

fn wait_error(wait: Duration) -> ApiError {
    ApiError::TooManyRequests {
        retry_after_secs: wait.as_secs().max(1),
    }
}

fn lock(window: &Mutex<RateWindow>) -> std::sync::MutexGuard<'_, RateWindow> {
    window.lock().unwrap_or_else(|p| p.into_inner())
}

pub struct LoginLimiter {
    /// Failures per (account, address): past the limit, 429 for that pair.
    per_pair: Mutex<RateWindow>,
    /// Attempts per address, whatever the account.
    per_address: Mutex<RateWindow>,
    /// Failures per account from anywhere: past the pair limit, each further
    /// one makes the next sign-in wait longer (never a block).
    per_account: Mutex<RateWindow>,
    slow_after: u32,
}

/// The longest a sign-in is slowed down.
const MAX_DELAY: Duration = Duration::from_secs(5);

impl LoginLimiter {
    pub fn new(limits: LoginLimits) -> Self {
        Self {
            per_pair: Mutex::new(RateWindow::new(limits.per_account, limits.window)),
            per_address: Mutex::new(RateWindow::new(limits.per_address, limits.window)),
            // Counted far past the point where slowing starts.
            per_account: Mutex::new(RateWindow::new(u32::MAX, limits.window)),
            slow_after: limits.per_account.saturating_mul(2),
        }
    }

    fn pair(account: &str, address: &str) -> String {
        format!("{account}\u{0}{address}")
    }

    /// Counts an attempt from `address`, refusing it if this address used up
    /// its attempts, or failed too often on this account.
    pub fn admit(&self, account: &str, address: &str) -> Result<(), ApiError> {
        let now = Instant::now();
        lock(&self.per_pair)
            .check(&Self::pair(account, address), now)
            .map_err(wait_error)?;
        let mut addresses = lock(&self.per_address);
        addresses.check(address, now).map_err(wait_error)?;
        addresses.record(address, now);
        addresses.sweep(now);
        Ok(())
    }

    /// Refuses a second sign-in step where this address failed too often on
    /// this account. The step continues an attempt `admit` counted already,
    /// so it is not counted against the address again.
    pub fn admit_continuation(&self, account: &str, address: &str) -> Result<(), ApiError> {
        lock(&self.per_pair)
            .check(&Self::pair(account, address), Instant::now())
            .map_err(wait_error)
    }

    /// How long to wait before checking a password for `account`: nothing
    /// until it has failed twice the pair limit in the window, then a second
    /// more for each failure, up to `MAX_DELAY`.
    pub fn delay(&self, account: &str) -> Duration {
        let failures = lock(&self.per_account).count(account, Instant::now());
        let beyond = failures.saturating_sub(self.slow_after as usize);
        Duration::from_secs(beyond as u64).min(MAX_DELAY)
    }

    pub fn record_failure(&self, account: &str, address: &str) {
        let now = Instant::now();
        let mut pairs = lock(&self.per_pair);
        pairs.record(&Self::pair(account, address), now);
        pairs.sweep(now);
        drop(pairs);
        let mut accounts = lock(&self.per_account);
        accounts.record(account, now);
        accounts.sweep(now);
    }

    pub fn record_success(&self, account: &str, address: &str) {
        lock(&self.per_pair).clear(&Self::pair(account, address));
    }
}

/// The actions limited per key and hour beyond signing in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Per client address: each costs a password hash and a mail.
    Register,
    /// Per client address.
    ResetRequest,
    /// Per client address: each costs a password hash.
    ResetConfirm,
    /// Per address mailed to, by registration, reset or verification resend:
    /// no one's inbox is flooded, from however many client addresses.
    MailTo,
    /// Per inviting account: consortium and expert invitations.
    Invitation,
    /// Per account: wrong second-factor codes after the right password.
    /// Counted by `record`, not `admit`: right codes do not count.
    WrongCode,
}

/// Per-action sliding windows of one hour.
pub struct Throttles {
    windows: HashMap<Action, Mutex<RateWindow>>,
}

impl Throttles {
    pub fn new(limits: AbuseLimits) -> Self {
        let hour = Duration::from_secs(3600);
        let windows = [
            (Action::Register, limits.per_address_hourly),
            (Action::ResetRequest, limits.per_address_hourly),
            (Action::ResetConfirm, limits.per_address_hourly),
            (Action::MailTo, limits.mails_to_address_hourly),
            (Action::Invitation, limits.invitations_per_user_hourly),
            (Action::WrongCode, limits.wrong_codes_per_account_hourly),
        ]
        .into_iter()
        .map(|(action, limit)| (action, Mutex::new(RateWindow::new(limit, hour))))
        .collect();
        Self { windows }
    }

    /// Counts one `action` for `key`, or 429 with the wait when its hour is used up.
    pub fn admit(&self, action: Action, key: &str) -> Result<(), ApiError> {
        self.check(action, key)?;
        self.record(action, key);
        Ok(())
    }

    /// 429 if `key` has used up the action's hour, without counting this call.
    pub fn check(&self, action: Action, key: &str) -> Result<(), ApiError> {
        let Some(window) = self.windows.get(&action) else {
            return Ok(());
        };
        lock(window).check(key, Instant::now()).map_err(wait_error)
    }

    /// Counts one for `key`; true when that used up its hour.
    pub fn record(&self, action: Action, key: &str) -> bool {
        let Some(window) = self.windows.get(&action) else {
            return false;
        };
        let now = Instant::now();
        let mut window = lock(window);
        window.record(key, now);
        window.sweep(now);
        window.check(key, now).is_err()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter() -> LoginLimiter {
        LoginLimiter::new(LoginLimits {
            per_account: 3,
            per_address: 100,
            window: Duration::from_secs(900),
        })
    }

    #[test]
    fn failures_from_elsewhere_never_lock_the_owner_out() {
        let l = limiter();
        for _ in 0..3 {
            l.admit("ada@x.lu", "6.6.6.6").unwrap();
            l.record_failure("ada@x.lu", "6.6.6.6");
        }
        assert!(
            l.admit("ada@x.lu", "6.6.6.6").is_err(),
            "the attacker's pair is blocked"
        );
        assert!(
            l.admit("ada@x.lu", "10.0.0.1").is_ok(),
            "the owner's is not"
        );
        assert!(
            l.admit("bob@x.lu", "6.6.6.6").is_ok(),
            "other accounts are not"
        );
    }

    #[test]
    fn many_failures_on_one_account_slow_it_down_within_a_bound() {
        let l = limiter();
        for i in 0..6 {
            l.record_failure("ada@x.lu", &format!("10.0.0.{i}"));
        }
        assert_eq!(
            l.delay("ada@x.lu"),
            Duration::ZERO,
            "up to twice the pair limit"
        );
        for i in 0..3 {
            l.record_failure("ada@x.lu", &format!("10.0.1.{i}"));
        }
        assert_eq!(l.delay("ada@x.lu"), Duration::from_secs(3));
        for i in 0..20 {
            l.record_failure("ada@x.lu", &format!("10.0.2.{i}"));
        }
        assert_eq!(l.delay("ada@x.lu"), MAX_DELAY);
        assert_eq!(l.delay("bob@x.lu"), Duration::ZERO);
    }

    #[test]
    fn each_action_has_its_own_hour() {
        let t = Throttles::new(AbuseLimits {
            per_address_hourly: 2,
            mails_to_address_hourly: 1,
            invitations_per_user_hourly: 5,
            wrong_codes_per_account_hourly: 2,
        });
        t.admit(Action::Register, "1.2.3.4").unwrap();
        t.admit(Action::Register, "1.2.3.4").unwrap();
        assert!(matches!(
            t.admit(Action::Register, "1.2.3.4"),
            Err(ApiError::TooManyRequests { retry_after_secs }) if retry_after_secs > 3500
        ));
        assert!(t.admit(Action::ResetConfirm, "1.2.3.4").is_ok());
        t.admit(Action::MailTo, "ada@x.lu").unwrap();
        assert!(t.admit(Action::MailTo, "ada@x.lu").is_err());
        // Wrong codes: checking does not count; the second failure fills the hour.
        t.check(Action::WrongCode, "u1").unwrap();
        t.check(Action::WrongCode, "u1").unwrap();
        assert!(!t.record(Action::WrongCode, "u1"));
        assert!(t.record(Action::WrongCode, "u1"));
        assert!(t.check(Action::WrongCode, "u1").is_err());
        assert!(t.check(Action::WrongCode, "u2").is_ok());
    }
}
