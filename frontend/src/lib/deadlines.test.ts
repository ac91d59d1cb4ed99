import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { describeDeadline } from './deadlines';

const summerDeadline = { utc: '2027-07-14T12:00:00Z', local: '2027-07-14T14:00:00+02:00' };
const winterDeadline = { utc: '2027-01-14T13:00:00Z', local: '2027-01-14T14:00:00+01:00' };

describe('describeDeadline', () => {
  it("shows the call's wall-clock time in its zone and the viewer's own", () => {
    expect(describeDeadline(summerDeadline, 'Europe/Luxembourg', 'America/New_York', en)).toEqual({
      inCallZone: '14 July 2027, 14:00 (Europe/Luxembourg)',
      inViewerZone: '14 July 2027, 08:00 (America/New_York)',
    });
  });

  it('follows daylight saving time of each zone', () => {
    // CET (UTC+1) in January; New York is on EST (UTC-5).
    expect(describeDeadline(winterDeadline, 'Europe/Luxembourg', 'America/New_York', en)).toEqual({
      inCallZone: '14 January 2027, 14:00 (Europe/Luxembourg)',
      inViewerZone: '14 January 2027, 08:00 (America/New_York)',
    });
  });

  it('moves to the next day where the viewer is already past midnight', () => {
    expect(describeDeadline(summerDeadline, 'Europe/Luxembourg', 'Pacific/Auckland', en).inViewerZone).toBe(
      '15 July 2027, 00:00 (Pacific/Auckland)',
    );
  });

  it('is the same text twice when the viewer is in the call zone', () => {
    const texts = describeDeadline(summerDeadline, 'Europe/Luxembourg', 'Europe/Luxembourg', en);
    expect(texts.inViewerZone).toBe(texts.inCallZone);
  });

  it('shows seconds when a deadline has them', () => {
    expect(
      describeDeadline(
        { utc: '2027-07-14T11:59:59Z', local: '2027-07-14T13:59:59+02:00' },
        'Europe/Luxembourg',
        'UTC',
        en,
      ),
    ).toEqual({
      inCallZone: '14 July 2027, 13:59:59 (Europe/Luxembourg)',
      inViewerZone: '14 July 2027, 11:59:59 (UTC)',
    });
  });

  it("falls back to the server's local time when the browser lacks the call's zone", () => {
    expect(describeDeadline(summerDeadline, 'Mars/Olympus_Mons', 'Europe/Paris', en)).toEqual({
      inCallZone: '14 July 2027, 14:00 (Mars/Olympus_Mons)',
      inViewerZone: '14 July 2027, 14:00 (Europe/Paris)',
    });
  });
});
