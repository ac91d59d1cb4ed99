import type { EnvelopeUse } from '../../lib/api/types';

export interface EnvelopeSegments {
  /** Fractions of the bar's width (0–1) for each part, in drawing order. */
  committed: number;
  proposed: number;
  remaining: number;
  /** By how much committed + proposed exceed the total (0 when they fit). */
  overCents: number;
}

/**
 * Splits an envelope's bar into committed / proposed / remaining. When committed and proposed
 * exceed the total (a what-if with a smaller envelope), the bar is scaled to their sum and
 * nothing remains.
 */
export function envelopeSegments(e: EnvelopeUse): EnvelopeSegments {
  const committed = Math.max(0, e.committed_cents);
  const proposed = Math.max(0, e.proposed_cents);
  const used = committed + proposed;
  const scale = Math.max(e.total_cents, used, 1);
  const remaining = Math.max(0, e.total_cents - used);
  return {
    committed: committed / scale,
    proposed: proposed / scale,
    remaining: remaining / scale,
    overCents: Math.max(0, used - e.total_cents),
  };
}

/** The half-point scores of the 11 buckets of a score distribution: 0, 0.5, … 5. */
export const SCORE_BUCKETS: readonly number[] = Array.from({ length: 11 }, (_, i) => i / 2);
