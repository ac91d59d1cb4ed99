import type { Messages } from '../i18n/en';
import { viewerTimeZone } from './datetime';
import { describeDeadline } from './deadlines';

export interface InstantTexts {
  /** In the call's time zone, e.g. "14 July 2027, 14:00 (Europe/Luxembourg)"; the viewer's when no zone is known. */
  primary: string;
  /** In the viewer's time zone, when it differs from the call's; else null. */
  viewer: string | null;
}

/** Any instant of a call (review deadline, reply window) as people read it: in the call's zone and in theirs. */
export function describeInstant(utc: string, callZone: string | undefined, t: Messages, viewerZone = viewerTimeZone()): InstantTexts {
  const zone = callZone ?? viewerZone;
  const texts = describeDeadline({ utc, local: utc }, zone, viewerZone, t);
  return {
    primary: texts.inCallZone,
    viewer: zone !== viewerZone ? texts.inViewerZone : null,
  };
}

/** One line: "14 July 2027, 14:00 (Europe/Luxembourg); your time: 14 July 2027, 08:00 (America/New_York)". */
export function instantLine(utc: string, callZone: string | undefined, t: Messages): string {
  const { primary, viewer } = describeInstant(utc, callZone, t);
  return viewer ? `${primary}; ${t.zoned.yourTime(viewer)}` : primary;
}
