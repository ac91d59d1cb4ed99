/** A moment's wall-clock date and time in one time zone, formatted for people. */
export interface ZonedParts {
  /** e.g. "14 July 2027" */
  date: string;
  /** e.g. "14:00", 24-hour clock */
  time: string;
}

/** The IANA time zone of the browser, e.g. "Europe/Paris"; "UTC" if unknown. */
export function viewerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Whether the browser knows this IANA time zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function partsOf(instant: Date, timeZone: string, locale: string): ZonedParts {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(instant);
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    // Deadlines fall to the second; show seconds only when there are some.
    ...(instant.getUTCSeconds() !== 0 ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    timeZone,
  }).format(instant);
  return { date, time };
}

/**
 * The wall-clock date and time of `utcIso` in `timeZone`. Returns null when
 * the instant is unreadable or the browser does not know the zone.
 */
export function formatInZone(utcIso: string, timeZone: string, locale: string): ZonedParts | null {
  const instant = new Date(utcIso);
  if (Number.isNaN(instant.getTime())) return null;
  try {
    return partsOf(instant, timeZone, locale);
  } catch {
    return null;
  }
}

/**
 * Formats the wall-clock part of an RFC 3339 string with an offset
 * ("2027-07-14T14:00:00+02:00") without converting it: for when the
 * browser lacks the call's time zone but the server sent its local time.
 */
export function formatLocalPart(rfc3339: string, locale: string): ZonedParts | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(rfc3339);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const asUtc = new Date(Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s));
  return partsOf(asUtc, 'UTC', locale);
}

/** The date and time parts of a local wall-clock "YYYY-MM-DDTHH:MM[:SS]" value, for two inputs. */
export function splitLocalDateTime(value: string): { date: string; time: string } {
  const [date = '', time = ''] = value.split('T');
  return { date, time: time.length >= 8 && time.endsWith(':00') ? time.slice(0, 5) : time };
}

/**
 * Joins a date input's "YYYY-MM-DD" and a time input's "HH:MM" or "HH:MM:SS"
 * into the API's "YYYY-MM-DDTHH:MM:SS"; null when either is missing or malformed.
 */
export function joinLocalDateTime(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const t = /^\d{2}:\d{2}$/.test(time) ? `${time}:00` : time;
  if (!/^\d{2}:\d{2}:\d{2}$/.test(t)) return null;
  return `${date}T${t}`;
}
