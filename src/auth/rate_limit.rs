//! Login throttling per account and per client address.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::LoginLimits;
use crate::domain::rate_window::RateWindow;
use crate::error::ApiError;

pub struct LoginLimiter {
    per_account: Mutex<RateWindow>,
    per_address: Mutex<RateWindow>,
}

fn wait_error(wait: Duration) -> ApiError {
    ApiError::TooManyRequests {
        retry_after_secs: wait.as_secs().max(1),
    }
}

impl LoginLimiter {
    pub fn new(limits: LoginLimits) -> Self {
        Self {
            per_account: Mutex::new(RateWindow::new(limits.per_account, limits.window)),
            per_address: Mutex::new(RateWindow::new(limits.per_address, limits.window)),
        }
    }

    /// Counts an attempt from `address`, refusing it if either limit is used up.
    /// Failed attempts against the account are recorded by [`Self::record_failure`].
    pub fn admit(&self, account: &str, address: &str) -> Result<(), ApiError> {
        let now = Instant::now();
        let mut accounts = self.per_account.lock().unwrap_or_else(|p| p.into_inner());
        accounts.check(account, now).map_err(wait_error)?;
        drop(accounts);
        let mut addresses = self.per_address.lock().unwrap_or_else(|p| p.into_inner());
        addresses.check(address, now).map_err(wait_error)?;
        addresses.record(address, now);
        addresses.sweep(now);
        Ok(())
    }

    pub fn record_failure(&self, account: &str) {
        let now = Instant::now();
        let mut accounts = self.per_account.lock().unwrap_or_else(|p| p.into_inner());
        accounts.record(account, now);
        accounts.sweep(now);
    }

    pub fn record_success(&self, account: &str) {
        let mut accounts = self.per_account.lock().unwrap_or_else(|p| p.into_inner());
        accounts.clear(account);
    }
}
