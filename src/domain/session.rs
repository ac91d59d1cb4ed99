//! When a session may go on: the absolute lifetime from sign-in and the idle
//! timeout since its last use (a refresh). The numbers are the
//! configuration's (`config::SessionLimits`).

use chrono::{Duration, NaiveDateTime};

/// When a session begun at `started_at` ends at the latest: at the end it
/// was given at sign-in, or earlier if the account's roles now give a
/// shorter `lifetime` (someone made an operator during a 30-day session has a
/// staff session from then on).
pub fn ends_at(
    started_at: NaiveDateTime,
    expires_at: NaiveDateTime,
    lifetime: std::time::Duration,
) -> NaiveDateTime {
    Duration::from_std(lifetime)
        .ok()
        .and_then(|lifetime| started_at.checked_add_signed(lifetime))
        .map_or(expires_at, |by_roles| by_roles.min(expires_at))
}

/// The earliest start of a session still within `lifetime` at `now`.
pub fn started_after(now: NaiveDateTime, lifetime: std::time::Duration) -> NaiveDateTime {
    Duration::from_std(lifetime)
        .ok()
        .and_then(|lifetime| now.checked_sub_signed(lifetime))
        .unwrap_or(NaiveDateTime::MIN)
}

/// Why a live session may not go on at `now`, if it may not. `lifetime`
/// and `idle` are those of the account's roles now.
pub fn over(
    started_at: NaiveDateTime,
    expires_at: NaiveDateTime,
    last_active_at: NaiveDateTime,
    (lifetime, idle): (std::time::Duration, std::time::Duration),
    now: NaiveDateTime,
) -> Option<&'static str> {
    if ends_at(started_at, expires_at, lifetime) <= now {
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
        let staff = (
            std::time::Duration::from_secs(12 * 3600),
            std::time::Duration::from_secs(30 * 60),
        );
        assert_eq!(
            over(start, ends, start, staff, start + Duration::minutes(29)),
            None
        );
        assert!(
            over(start, ends, start, staff, start + Duration::minutes(30))
                .unwrap()
                .contains("unused")
        );
        let used = start + Duration::hours(11) + Duration::minutes(50);
        assert_eq!(
            over(start, ends, used, staff, ends - Duration::seconds(1)),
            None
        );
        assert!(
            over(start, ends, used, staff, ends)
                .unwrap()
                .contains("longest lifetime")
        );
    }

    #[test]
    fn a_session_follows_the_lifetime_of_the_roles_held_now() {
        let start = chrono::NaiveDate::from_ymd_opt(2027, 1, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let applicants_end = start + Duration::days(30);
        let twelve_hours = std::time::Duration::from_secs(12 * 3600);
        let a_week = std::time::Duration::from_secs(7 * 24 * 3600);
        // Made staff after signing in: the session ends 12 hours after it began.
        assert_eq!(
            ends_at(start, applicants_end, twelve_hours),
            start + Duration::hours(12)
        );
        let used = start + Duration::hours(11) + Duration::minutes(59);
        assert!(
            over(
                start,
                applicants_end,
                used,
                (twelve_hours, a_week),
                start + Duration::hours(12)
            )
            .is_some()
        );
        // A longer lifetime never lengthens the end given at sign-in.
        let staff_end = start + Duration::hours(12);
        assert_eq!(
            ends_at(start, staff_end, std::time::Duration::from_secs(30 * 86400)),
            staff_end
        );
        assert_eq!(
            started_after(start + Duration::hours(12), twelve_hours),
            start
        );
    }
}
