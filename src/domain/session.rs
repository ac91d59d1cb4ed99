//! When a session may go on: the absolute lifetime from sign-in and the idle
//! timeout since its last use (a refresh). The numbers are the
//! configuration's (`config::SessionLimits`).

use chrono::{Duration, NaiveDateTime};

/// Why a live session may not go on at `now`, if it may not.
pub fn over(
    expires_at: NaiveDateTime,
    last_active_at: NaiveDateTime,
    idle: std::time::Duration,
    now: NaiveDateTime,
) -> Option<&'static str> {
    if expires_at <= now {
        return Some("The session reached its longest lifetime; sign in again.");
    }
    let idle = Duration::from_std(idle).unwrap_or(Duration::MAX);
    (last_active_at + idle <= now).then_some("The session was unused too long; sign in again.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_ends_at_its_lifetime_or_after_the_idle_timeout() {
        let start = chrono::NaiveDate::from_ymd_opt(2027, 1, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let ends = start + Duration::hours(12);
        let idle = std::time::Duration::from_secs(30 * 60);
        assert_eq!(over(ends, start, idle, start + Duration::minutes(29)), None);
        assert!(
            over(ends, start, idle, start + Duration::minutes(30))
                .unwrap()
                .contains("unused")
        );
        let used = start + Duration::hours(11) + Duration::minutes(50);
        assert_eq!(over(ends, used, idle, ends - Duration::seconds(1)), None);
        assert!(
            over(ends, used, idle, ends)
                .unwrap()
                .contains("longest lifetime")
        );
    }
}
