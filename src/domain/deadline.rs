//! Deadlines: wall-clock times in a call's time zone, enforced in UTC to the second.
//!
//! A deadline "14 July, 14:00 Europe/Luxembourg" is stored as the UTC instant
//! it names (12:00Z in summer, 13:00Z in winter), so daylight-saving changes
//! never move it. A proposal submitted at 13:59:59 local is in; at 14:00:00 it is out.

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeadlineError {
    UnknownTimeZone(String),
    /// The wall-clock time is skipped by a daylight-saving change (e.g. 02:30 on the last Sunday of March).
    DoesNotExist(NaiveDateTime),
    /// The wall-clock time happens twice (the autumn change); a deadline must be unambiguous.
    Ambiguous(NaiveDateTime),
}

impl std::fmt::Display for DeadlineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownTimeZone(tz) => write!(
                f,
                "`{tz}` is not an IANA time zone such as Europe/Luxembourg"
            ),
            Self::DoesNotExist(at) => {
                write!(f, "{at} does not exist in this time zone (clocks skip it)")
            }
            Self::Ambiguous(at) => write!(
                f,
                "{at} happens twice in this time zone (clocks go back); choose another time"
            ),
        }
    }
}

pub fn parse_time_zone(name: &str) -> Result<Tz, DeadlineError> {
    name.parse::<Tz>()
        .map_err(|_| DeadlineError::UnknownTimeZone(name.to_owned()))
}

/// The UTC instant of a local wall-clock deadline.
pub fn to_utc(local: NaiveDateTime, time_zone: &str) -> Result<DateTime<Utc>, DeadlineError> {
    let tz = parse_time_zone(time_zone)?;
    match tz.from_local_datetime(&local) {
        LocalResult::Single(at) => Ok(at.with_timezone(&Utc)),
        LocalResult::None => Err(DeadlineError::DoesNotExist(local)),
        LocalResult::Ambiguous(_, _) => Err(DeadlineError::Ambiguous(local)),
    }
}

/// The instant shown in the call's zone, with its offset (`2027-07-14T14:00:00+02:00`).
pub fn in_zone(at: DateTime<Utc>, time_zone: &str) -> Result<DateTime<Tz>, DeadlineError> {
    Ok(at.with_timezone(&parse_time_zone(time_zone)?))
}

/// Whether `now` is still before the deadline: the deadline second itself is too late.
pub fn is_before(now: DateTime<Utc>, deadline: DateTime<Utc>) -> bool {
    now < deadline
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn summer_and_winter_deadlines_keep_their_wall_clock_time() {
        let summer = to_utc(local(2027, 7, 14, 14, 0), "Europe/Luxembourg").unwrap();
        assert_eq!(summer.to_rfc3339(), "2027-07-14T12:00:00+00:00");
        let winter = to_utc(local(2027, 3, 26, 14, 0), "Europe/Luxembourg").unwrap();
        assert_eq!(winter.to_rfc3339(), "2027-03-26T13:00:00+00:00");
        // Across the spring change (28 March 2027): still 14:00 local.
        let after_change = to_utc(local(2027, 3, 31, 14, 0), "Europe/Luxembourg").unwrap();
        assert_eq!(after_change.to_rfc3339(), "2027-03-31T12:00:00+00:00");
        assert_eq!(
            in_zone(after_change, "Europe/Luxembourg")
                .unwrap()
                .to_rfc3339(),
            "2027-03-31T14:00:00+02:00"
        );
    }

    #[test]
    fn the_deadline_second_is_too_late() {
        let deadline = to_utc(local(2027, 7, 14, 14, 0), "Europe/Luxembourg").unwrap();
        assert!(is_before(deadline - Duration::seconds(1), deadline));
        assert!(!is_before(deadline, deadline));
        assert!(!is_before(deadline + Duration::milliseconds(1), deadline));
    }

    #[test]
    fn skipped_and_repeated_times_are_refused() {
        assert_eq!(
            to_utc(local(2027, 3, 28, 2, 30), "Europe/Luxembourg"),
            Err(DeadlineError::DoesNotExist(local(2027, 3, 28, 2, 30)))
        );
        assert_eq!(
            to_utc(local(2027, 10, 31, 2, 30), "Europe/Luxembourg"),
            Err(DeadlineError::Ambiguous(local(2027, 10, 31, 2, 30)))
        );
        assert!(matches!(
            to_utc(local(2027, 1, 1, 0, 0), "Mars/Olympus"),
            Err(DeadlineError::UnknownTimeZone(_))
        ));
    }
}
