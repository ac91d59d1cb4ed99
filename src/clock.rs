//! The server clock. Deadlines are decided by it; tests may move it through a
//! test-only hook (enabled by `JOINTCALL_TEST_HOOKS=1`, refused in production).

use chrono::{DateTime, Duration, SubsecRound, Utc};
use std::sync::atomic::{AtomicI64, Ordering};

#[derive(Debug, Default)]
pub struct Clock {
    offset_micros: AtomicI64,
}

impl Clock {
    /// The time, to the microsecond: the precision both databases keep, so a
    /// stored and re-read timestamp compares equal on either.
    pub fn now(&self) -> DateTime<Utc> {
        (Utc::now() + Duration::microseconds(self.offset_micros.load(Ordering::Relaxed)))
            .trunc_subsecs(6)
    }

    /// Makes `now()` return `target` at this instant, then run on from there.
    pub fn set(&self, target: DateTime<Utc>) {
        let offset = (target - Utc::now()).num_microseconds().unwrap_or(0);
        self.offset_micros.store(offset, Ordering::Relaxed);
    }

    pub fn reset(&self) {
        self.offset_micros.store(0, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_clock_runs_on_from_the_target() {
        let clock = Clock::default();
        let target = Utc::now() + Duration::days(100);
        clock.set(target);
        let diff = (clock.now() - target).num_milliseconds();
        assert!((0..1000).contains(&diff), "{diff}");
        clock.reset();
        assert!((clock.now() - Utc::now()).num_seconds().abs() < 1);
    }
}
