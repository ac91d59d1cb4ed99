import type { Criterion, ReviewSummary } from '../../lib/api/types';

export interface ReviewCell {
  label: string;
  submitted: boolean;
  score: number | null;
  comment: string;
}

export interface CriterionRow {
  criterion: Criterion;
  cells: ReviewCell[];
  /** Highest minus lowest submitted score; null with fewer than two scores. */
  spread: number | null;
  /** The server flagged this criterion: the reviews differ by 2 points or more. */
  flagged: boolean;
  /** The lowest and highest submitted scores, to mark the cells that make the spread. */
  low: number | null;
  high: number | null;
}

/**
 * The reviews side by side, one row per criterion. The flag is the server's
 * (`spread_flags`); the spread itself is worked out here only to show it.
 */
export function sideBySide(
  criteria: readonly Criterion[],
  reviews: readonly ReviewSummary[],
  spreadFlags: readonly string[],
): CriterionRow[] {
  return criteria.map((criterion) => {
    const cells = reviews.map((r): ReviewCell => {
      const entry = r.content?.scores?.[criterion.key];
      return {
        label: r.label,
        submitted: r.status === 'submitted',
        score: typeof entry?.score === 'number' ? entry.score : null,
        comment: entry?.comment ?? '',
      };
    });
    const scores = cells.filter((c) => c.submitted && c.score !== null).map((c) => c.score as number);
    const low = scores.length > 0 ? Math.min(...scores) : null;
    const high = scores.length > 0 ? Math.max(...scores) : null;
    return {
      criterion,
      cells,
      spread: scores.length >= 2 && low !== null && high !== null ? high - low : null,
      flagged: spreadFlags.includes(criterion.key),
      low,
      high,
    };
  });
}
