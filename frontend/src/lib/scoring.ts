import type { Messages } from '../i18n/en';
import type { CallSettings, Criterion, ReviewContent, Stage } from './api/types';
import { normaliseField, type ProblemFieldError } from './problem';

/** The scale: 0 to 5 in half points. */
export const SCORE_STEPS = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5] as const;
export type ScoreStep = (typeof SCORE_STEPS)[number];

export function isScoreStep(value: number): value is ScoreStep {
  return (SCORE_STEPS as readonly number[]).includes(value);
}

/** What a score means, e.g. "Good" for 3 and "Between good and very good" for 3.5. */
export function scoreMeaning(score: number, t: Messages): string {
  return isScoreStep(score) ? t.reviews.scale[String(score) as keyof Messages['reviews']['scale']] : '';
}

/** "3.5" in the UI's locale ("3,5" in French). */
export function formatScore(score: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(score);
}

/** The criteria of one stage, in the call's order. */
export function criteriaOf(settings: Pick<CallSettings, 'criteria'>, stage: Stage): Criterion[] {
  return settings.criteria.filter((c) => c.stage === stage);
}

/** The overall threshold of a stage, if the call sets one. */
export function overallThresholdOf(settings: Pick<CallSettings, 'thresholds'>, stage: Stage): number | null {
  return settings.thresholds.find((x) => x.stage === stage)?.overall ?? null;
}

export interface ScoreEntry {
  score: number | null;
  comment: string;
}

/** The scoring form: one entry per criterion of the stage, and the overall comment. */
export interface ReviewFormValues {
  scores: Record<string, ScoreEntry>;
  overall_comment: string;
}

export function toReviewFormValues(content: ReviewContent, criteria: readonly Criterion[]): ReviewFormValues {
  const scores: Record<string, ScoreEntry> = {};
  for (const c of criteria) {
    const entry = content.scores?.[c.key];
    scores[c.key] = { score: entry?.score ?? null, comment: entry?.comment ?? '' };
  }
  return { scores, overall_comment: content.overall_comment ?? '' };
}

/** The PUT body: every criterion of the form, a missing score as null (a draft may be partial). */
export function toReviewContent(values: ReviewFormValues): ReviewContent {
  const scores: NonNullable<ReviewContent['scores']> = {};
  for (const [key, entry] of Object.entries(values.scores)) {
    scores[key] = { score: entry.score, comment: entry.comment };
  }
  return { scores, overall_comment: values.overall_comment };
}

/** The form path of a field: `scores.<key>.score`, `scores.<key>.comment` or `overall_comment`. */
export type ReviewFieldPath = `scores.${string}.score` | `scores.${string}.comment` | 'overall_comment';

export interface PlacedReviewErrors {
  /** Message per form path. */
  fields: Partial<Record<ReviewFieldPath, string>>;
  /** Messages about nothing the form shows. */
  general: string[];
}

/**
 * Puts the `errors[]` of a 422 next to the inputs they are about:
 * `scores.impact.comment` at Impact's comment, `scores.impact.score` and a
 * criterion left out altogether (`scores.impact`) at Impact's score,
 * `overall_comment` at the overall comment; the rest is general.
 */
export function placeReviewErrors(errors: readonly ProblemFieldError[], criterionKeys: readonly string[]): PlacedReviewErrors {
  const fields: Partial<Record<ReviewFieldPath, string>> = {};
  const general: string[] = [];
  const add = (path: ReviewFieldPath, message: string) => {
    fields[path] = fields[path] ? `${fields[path]} ${message}` : message;
  };
  for (const entry of errors) {
    const field = normaliseField(entry.field);
    if (field === 'overall_comment') {
      add('overall_comment', entry.message);
      continue;
    }
    const match = /^scores\.([^.]+)(?:\.(score|comment))?$/.exec(field);
    const key = match?.[1];
    if (match && key !== undefined && criterionKeys.includes(key)) {
      add(`scores.${key}.${match[2] === 'comment' ? 'comment' : 'score'}`, entry.message);
    } else {
      general.push(entry.message);
    }
  }
  return { fields, general };
}
