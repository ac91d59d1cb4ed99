//! Deadlines: wall-clock times in a call's time zone, enforced in UTC to the second.
//!
//! A deadline "14 July, 14:00 Europe/Luxembourg" is stored as the UTC instant
//! it names (12:00Z in summer, 13:00Z in winter), so daylight-saving changes
//! never move it. A proposal submitted at 13:59:59 local is in; at 14:00:00 it is out.

use chrono::{
    DateTime, Datelike, Days, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
    Utc,
};

use crate::error::FieldError;

/// The years a date of this portal can be in (a project's start, a deadline,
/// a reply window): anything else is a typing error, and far years break the
/// databases' own ranges.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// `date` within `YEARS`, else a 422 at `field`.
pub fn within_years(date: NaiveDate, field: &str) -> Result<(), FieldError> {
    if YEARS.contains(&date.year()) {
        Ok(())
    } else {
        Err(FieldError::new(
            field,
            "out_of_range",
            format!(
                "A date between the years {} and {}.",
                YEARS.start(),
                YEARS.end()
            ),
        ))
    }
}
use chrono_tz::Tz;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeadlineError {
    UnknownTimeZone(String),
    /// The wall-clock time is skipped by a daylight-saving change (e.g. 02:30 on the last Sunday of March).
    DoesNotExist(NaiveDateTime),
    /// The wall-clock time happens twice (the autumn change); a deadline must be unambiguous.
    Ambiguous(NaiveDateTime),
    /// Outside `YEARS`.
    OutOfRange(NaiveDateTime),
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
            Self::OutOfRange(at) => write!(
                f,
                "{at} is not between the years {} and {}",
                YEARS.start(),
                YEARS.end()
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
    if !YEARS.contains(&local.year()) {
        return Err(DeadlineError::OutOfRange(local));
    }
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

/// The end of a period of `days` calendar days that starts at `start`, in the
/// call's zone: the last second (23:59:59 local) of the day `days` days after
/// `start`'s local day. Counted in local days, so a daylight-saving change in
/// between moves neither the day nor the hour.
pub fn end_of_day_after(
    start: DateTime<Utc>,
    days: u32,
    time_zone: &str,
) -> Result<DateTime<Utc>, DeadlineError> {
    let tz = parse_time_zone(time_zone)?;
    let last_day = start.with_timezone(&tz).date_naive() + Days::new(u64::from(days));
    let next_midnight = (last_day + Days::new(1)).and_time(NaiveTime::MIN);
    // The first instant of the next day: midnight, or (in the few zones whose
    // clocks skip midnight) the first hour that exists.
    let next_day = (0..=2)
        .find_map(|h| {
            tz.from_local_datetime(&(next_midnight + Duration::hours(h)))
                .earliest()
        })
        .ok_or(DeadlineError::DoesNotExist(next_midnight))?;
    Ok(next_day.with_timezone(&Utc) - Duration::seconds(1))
}

/// An instant as people read it in a mail, in the call's zone:
/// `14 July 2027, 14:00 CEST`. The one format of every deadline in mails.
pub fn local_text(at: DateTime<Utc>, time_zone: &str) -> String {
    match in_zone(at, time_zone) {
        Ok(local) => local.format("%-d %B %Y, %H:%M %Z").to_string(),
        Err(_) => at.format("%-d %B %Y, %H:%M UTC").to_string(),
    }
}

/// Whether `now` still falls in a period whose last second is `last_second`
/// (`end_of_day_after`): that whole second is in, the next one is out.
pub fn is_within(now: DateTime<Utc>, last_second: DateTime<Utc>) -> bool {
    now.timestamp() <= last_second.timestamp()
}

/// The reminder to send now for something due at `deadline` (a review, a
/// submission), if any: the most urgent of the `days_before` whose time has
/// come, unless it went out already. (Whoever comes in late gets one
/// reminder, not every one that was missed.)
pub fn due_reminder(
    deadline: DateTime<Utc>,
    days_before: &[u32],
    now: DateTime<Utc>,
    sent: &[u32],
) -> Option<u32> {
    if now >= deadline {
        return None;
    }
    let most_urgent = days_before
        .iter()
        .copied()
        .filter(|d| deadline - Duration::days(i64::from(*d)) <= now)
        .min()?;
    (!sent.contains(&most_urgent)).then_some(most_urgent)
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

    #[test]
    fn a_period_ends_at_the_end_of_its_last_local_day_whatever_daylight_saving_does() {
        let zone = "Europe/Luxembourg";
        // Released 3 December 2026, 00:28 local (23:28Z the day before): 30 days
        // later is 2 January 2027, and the period ends at its last second.
        let released = "2026-12-02T23:28:00Z".parse::<DateTime<Utc>>().unwrap();
        let end = end_of_day_after(released, 30, zone).unwrap();
        assert_eq!(end.to_rfc3339(), "2027-01-02T22:59:59+00:00");
        assert_eq!(local_text(end, zone), "2 January 2027, 23:59 CET");
        // Across the spring change (28 March 2027) the end is still 23:59:59 local.
        let spring = "2027-03-10T23:28:00Z".parse::<DateTime<Utc>>().unwrap();
        let end = end_of_day_after(spring, 30, zone).unwrap();
        assert_eq!(end.to_rfc3339(), "2027-04-10T21:59:59+00:00");
        assert_eq!(local_text(end, zone), "10 April 2027, 23:59 CEST");
        // And across the autumn change (31 October 2027).
        let autumn = "2027-10-20T10:00:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(
            end_of_day_after(autumn, 30, zone).unwrap().to_rfc3339(),
            "2027-11-19T22:59:59+00:00"
        );
        assert!(end_of_day_after(autumn, 30, "Mars/Olympus").is_err());
        let last = end_of_day_after(released, 30, zone).unwrap();
        assert!(is_within(last + Duration::milliseconds(999), last));
        assert!(!is_within(last + Duration::seconds(1), last));
    }

    #[test]
    fn one_reminder_at_a_time_and_never_twice() {
        let deadline: DateTime<Utc> = "2027-09-15T16:00:00Z".parse().unwrap();
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let days = [7, 1];
        assert_eq!(
            due_reminder(deadline, &days, at("2027-09-08T15:59:59Z"), &[]),
            None
        );
        assert_eq!(
            due_reminder(deadline, &days, at("2027-09-08T16:00:00Z"), &[]),
            Some(7)
        );
        assert_eq!(
            due_reminder(deadline, &days, at("2027-09-10T00:00:00Z"), &[7]),
            None
        );
        assert_eq!(
            due_reminder(deadline, &days, at("2027-09-14T16:00:00Z"), &[7]),
            Some(1)
        );
        // Assigned the day before: only the last reminder.
        assert_eq!(
            due_reminder(deadline, &days, at("2027-09-14T20:00:00Z"), &[]),
            Some(1)
        );
        assert_eq!(
            due_reminder(deadline, &days, at("2027-09-15T16:00:00Z"), &[]),
            None
        );
    }
}
