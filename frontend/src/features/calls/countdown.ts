import { useEffect, useState } from 'react';

/** A countdown is shown only when a deadline is less than this far away. */
export const COUNTDOWN_WINDOW_MS = 48 * 60 * 60 * 1000;

export interface Countdown {
  hours: number;
  minutes: number;
  seconds: number;
  /** Whole seconds left, rounded up: 1 until the very last millisecond. */
  totalSeconds: number;
}

/**
 * Time left until `deadlineMs`, when it is in the future and less than
 * 48 hours away; null otherwise (far off, or passed).
 */
export function countdownTo(deadlineMs: number, nowMs: number): Countdown | null {
  const left = deadlineMs - nowMs;
  if (!(left > 0) || left >= COUNTDOWN_WINDOW_MS) return null;
  const totalSeconds = Math.ceil(left / 1000);
  return {
    hours: Math.floor(totalSeconds / 3600),
    minutes: Math.floor((totalSeconds % 3600) / 60),
    seconds: totalSeconds % 60,
    totalSeconds,
  };
}

/** How long to wait before the countdown of `deadlineMs` needs redrawing; null when never. */
export function nextTickIn(deadlineMs: number, nowMs: number): number | null {
  const left = deadlineMs - nowMs;
  if (left <= 0) return null;
  if (left >= COUNTDOWN_WINDOW_MS) {
    // Sleep until the deadline comes within 48 hours (timers hold at most ~24.8 days).
    return Math.min(left - COUNTDOWN_WINDOW_MS + 1, 2 ** 31 - 1);
  }
  // Wake up when the displayed second changes.
  const intoSecond = left % 1000;
  return intoSecond === 0 ? 1000 : intoSecond;
}

export interface DeadlineState {
  passed: boolean;
  countdown: Countdown | null;
}

/**
 * The live state of a deadline: passed (by the server's word at load time,
 * or since then by this browser's clock) or, within 48 hours, the time left.
 */
export function useDeadlineState(utcIso: string, passedOnServer: boolean): DeadlineState {
  const deadlineMs = Date.parse(utcIso);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (passedOnServer || Number.isNaN(deadlineMs)) return;
    const wait = nextTickIn(deadlineMs, now);
    if (wait === null) return;
    const timer = window.setTimeout(() => setNow(Date.now()), wait);
    return () => window.clearTimeout(timer);
  }, [deadlineMs, now, passedOnServer]);
  if (Number.isNaN(deadlineMs)) return { passed: passedOnServer, countdown: null };
  const passed = passedOnServer || deadlineMs <= now;
  return { passed, countdown: passed ? null : countdownTo(deadlineMs, now) };
}
