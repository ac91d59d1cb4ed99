import type { Messages } from '../i18n/en';
import type { StageDeadline } from './api/types';
import { formatInZone, formatLocalPart, type ZonedParts } from './datetime';

export interface DeadlineTexts {
  /** e.g. "14 July 2027, 14:00 (Europe/Luxembourg)" */
  inCallZone: string;
  /** e.g. "14 July 2027, 08:00 (America/New_York)"; null when the browser lacks the zone. */
  inViewerZone: string | null;
}

function joined(parts: ZonedParts, zone: string, t: Messages): string {
  return t.calls.inZone(t.calls.dateTime(parts.date, parts.time), zone);
}

/**
 * A deadline as people read it: in the call's time zone, and in the viewer's.
 * When the browser does not know the call's zone, the server's local time
 * (with its offset) is shown as it is.
 */
export function describeDeadline(
  deadline: Pick<StageDeadline, 'utc' | 'local'>,
  callZone: string,
  viewerZone: string,
  t: Messages,
): DeadlineTexts {
  const locale = t.format.locale;
  const inCall = formatInZone(deadline.utc, callZone, locale) ?? formatLocalPart(deadline.local, locale);
  const inViewer = formatInZone(deadline.utc, viewerZone, locale);
  return {
    inCallZone: inCall ? joined(inCall, callZone, t) : deadline.local,
    inViewerZone: inViewer ? joined(inViewer, viewerZone, t) : null,
  };
}
