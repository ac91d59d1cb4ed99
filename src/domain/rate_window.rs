//! A sliding-window counter of attempts per key, for login rate limiting.
//! Time is passed in, so the rule is testable without waiting.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct RateWindow {
    limit: u32,
    window: Duration,
    attempts: HashMap<String, VecDeque<Instant>>,
}

impl RateWindow {
    pub fn new(limit: u32, window: Duration) -> Self {
        Self {
            limit,
            window,
            attempts: HashMap::new(),
        }
    }

    fn prune(&mut self, key: &str, now: Instant) {
        if let Some(times) = self.attempts.get_mut(key) {
            while times
                .front()
                .is_some_and(|t| now.duration_since(*t) >= self.window)
            {
                times.pop_front();
            }
            if times.is_empty() {
                self.attempts.remove(key);
            }
        }
    }

    /// `Err(wait)` when the key has used its attempts in the window:
    /// the wait is until the oldest attempt leaves the window.
    pub fn check(&mut self, key: &str, now: Instant) -> Result<(), Duration> {
        self.prune(key, now);
        match self.attempts.get(key) {
            Some(times) if times.len() >= self.limit as usize => {
                let oldest = times.front().copied().unwrap_or(now);
                Err(self.window.saturating_sub(now.duration_since(oldest)))
            }
            _ => Ok(()),
        }
    }

    pub fn record(&mut self, key: &str, now: Instant) {
        self.prune(key, now);
        self.attempts
            .entry(key.to_owned())
            .or_default()
            .push_back(now);
    }

    /// The attempts of `key` still in the window.
    pub fn count(&mut self, key: &str, now: Instant) -> usize {
        self.prune(key, now);
        self.attempts.get(key).map_or(0, VecDeque::len)
    }

    pub fn clear(&mut self, key: &str) {
        self.attempts.remove(key);
    }

    /// Drops keys whose attempts have all left the window, bounding memory.
    pub fn sweep(&mut self, now: Instant) {
        let window = self.window;
        self.attempts.retain(|_, times| {
            times
                .back()
                .is_some_and(|t| now.duration_since(*t) < window)
        });
    }

    pub fn tracked_keys(&self) -> usize {
        self.attempts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_blocks_until_the_oldest_attempt_expires() {
        let start = Instant::now();
        let mut w = RateWindow::new(3, Duration::from_secs(60));
        for i in 0..3 {
            assert!(w.check("a", start + Duration::from_secs(i)).is_ok());
            w.record("a", start + Duration::from_secs(i));
        }
        let wait = w.check("a", start + Duration::from_secs(10)).unwrap_err();
        assert_eq!(wait, Duration::from_secs(50));
        assert!(w.check("b", start).is_ok(), "keys are independent");
        assert!(w.check("a", start + Duration::from_secs(60)).is_ok());
    }

    #[test]
    fn clearing_and_sweeping_forget_attempts() {
        let start = Instant::now();
        let mut w = RateWindow::new(1, Duration::from_secs(60));
        w.record("a", start);
        w.record("b", start);
        w.clear("a");
        assert!(w.check("a", start).is_ok());
        w.sweep(start + Duration::from_secs(61));
        assert_eq!(w.tracked_keys(), 0);
    }
}
