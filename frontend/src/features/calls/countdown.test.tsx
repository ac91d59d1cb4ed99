import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COUNTDOWN_WINDOW_MS, countdownTo, nextTickIn, useDeadlineState } from './countdown';

const HOUR = 3600_000;
const deadline = Date.parse('2027-07-14T12:00:00Z');

describe('countdownTo', () => {
  it('is null while the deadline is 48 hours away or more', () => {
    expect(countdownTo(deadline, deadline - 72 * HOUR)).toBeNull();
    expect(countdownTo(deadline, deadline - COUNTDOWN_WINDOW_MS)).toBeNull();
  });

  it('counts down under 48 hours', () => {
    expect(countdownTo(deadline, deadline - COUNTDOWN_WINDOW_MS + 1000)).toEqual({
      hours: 47,
      minutes: 59,
      seconds: 59,
      totalSeconds: 47 * 3600 + 59 * 60 + 59,
    });
    expect(countdownTo(deadline, deadline - (2 * HOUR + 3 * 60_000 + 4000))).toMatchObject({
      hours: 2,
      minutes: 3,
      seconds: 4,
    });
  });

  it('rounds up, so the last second shows 1 s until the deadline itself', () => {
    expect(countdownTo(deadline, deadline - 1)).toMatchObject({ hours: 0, minutes: 0, seconds: 1 });
    expect(countdownTo(deadline, deadline - 1500)).toMatchObject({ seconds: 2 });
  });

  it('is null once the deadline has come (13:59:59 is in, 14:00:00 is out)', () => {
    expect(countdownTo(deadline, deadline)).toBeNull();
    expect(countdownTo(deadline, deadline + 1)).toBeNull();
  });
});

describe('nextTickIn', () => {
  it('sleeps until the 48-hour window opens, then ticks with the seconds', () => {
    expect(nextTickIn(deadline, deadline - 49 * HOUR)).toBe(HOUR + 1);
    expect(nextTickIn(deadline, deadline - 10 * HOUR - 250)).toBe(250);
    expect(nextTickIn(deadline, deadline - 10 * HOUR)).toBe(1000);
    expect(nextTickIn(deadline, deadline)).toBeNull();
  });

  it('never asks for a timer longer than the browser can hold', () => {
    expect(nextTickIn(deadline, deadline - 400 * 24 * HOUR)).toBe(2 ** 31 - 1);
  });
});

function Probe({ utc, passed }: { utc: string; passed: boolean }) {
  const state = useDeadlineState(utc, passed);
  return (
    <p>
      {state.passed ? 'passed' : state.countdown ? `left ${state.countdown.totalSeconds}` : 'far'}
    </p>
  );
}

describe('useDeadlineState', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts counting when the deadline comes within 48 hours and turns to passed at the deadline', () => {
    vi.setSystemTime(deadline - COUNTDOWN_WINDOW_MS - 2000);
    render(<Probe utc="2027-07-14T12:00:00Z" passed={false} />);
    expect(screen.getByText('far')).toBeInTheDocument();
    // The first tick comes as the deadline enters the window: 47:59:59.999 left shows as 48 h.
    act(() => {
      vi.advanceTimersByTime(2001);
    });
    expect(screen.getByText(`left ${48 * 3600}`)).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(999);
    });
    expect(screen.getByText(`left ${48 * 3600 - 1}`)).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByText(`left ${48 * 3600 - 2}`)).toBeInTheDocument();
    act(() => {
      vi.setSystemTime(deadline - 1500);
    });
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByText(/left [12]$/)).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(screen.getByText('passed')).toBeInTheDocument();
  });

  it("believes the server when it says the deadline has passed, whatever this browser's clock says", () => {
    vi.setSystemTime(deadline - HOUR);
    render(<Probe utc="2027-07-14T12:00:00Z" passed />);
    expect(screen.getByText('passed')).toBeInTheDocument();
  });
});
