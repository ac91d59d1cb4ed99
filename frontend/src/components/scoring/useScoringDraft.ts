import { useRef, useState } from 'react';
import type { Criterion, ReviewContent } from '../../lib/api/types';
import { useAutosave, type AutosaveState } from '../../lib/autosave';
import { isApiError } from '../../lib/problem';
import {
  placeReviewErrors,
  toReviewContent,
  toReviewFormValues,
  type PlacedReviewErrors,
  type ReviewFieldPath,
  type ReviewFormValues,
} from '../../lib/scoring';

/** The paths whose value differs between two versions of the form. */
export function changedPaths(before: ReviewFormValues, after: ReviewFormValues): ReviewFieldPath[] {
  const paths: ReviewFieldPath[] = [];
  for (const [key, entry] of Object.entries(after.scores)) {
    if (before.scores[key]?.score !== entry.score) paths.push(`scores.${key}.score`);
    if (before.scores[key]?.comment !== entry.comment) paths.push(`scores.${key}.comment`);
  }
  if (before.overall_comment !== after.overall_comment) paths.push('overall_comment');
  return paths;
}

/** A saved draft as the server returns it. */
export interface VersionedContent {
  version: number;
  content: ReviewContent;
}

export interface ScoringDraftOptions<T extends VersionedContent> {
  criteria: readonly Criterion[];
  initial: T;
  /** PUT with If-Match: `version`. */
  save: (version: number, content: ReviewContent) => Promise<T>;
  /** GET the latest version, after a 412. */
  fetchLatest: () => Promise<T>;
  /** Puts what the server returned (a save, or the latest version) into the query cache. */
  store: (stored: T) => void;
  /** What to tell the user once the latest version replaced their input. */
  conflictMessage: string;
  /** The message for a 409 without detail. */
  notEditableMessage: string;
}

export interface ScoringDraft {
  values: ReviewFormValues;
  onChange: (next: ReviewFormValues) => void;
  errors: PlacedReviewErrors['fields'];
  /** A message above the form (errors about nothing it shows, a 409, ...). */
  general: string | null;
  notice: string | null;
  dismissNotice: () => void;
  /** Shows the errors of a refused request (e.g. a submission) at their fields; returns what is left over. */
  showProblem: (error: unknown) => PlacedReviewErrors;
  setGeneral: (message: string | null) => void;
  autosave: AutosaveState<ReviewFormValues>;
}

/**
 * The state of a scoring form saved by itself: values, errors at their
 * fields, and an autosave whose 412 loads the latest version and says so.
 * Shared by the expert's review and the rapporteur's consensus report.
 */
export function useScoringDraft<T extends VersionedContent>({
  criteria,
  initial,
  save,
  fetchLatest,
  store,
  conflictMessage,
  notEditableMessage,
}: ScoringDraftOptions<T>): ScoringDraft {
  const [values, setValues] = useState<ReviewFormValues>(() => toReviewFormValues(initial.content, criteria));
  const [errors, setErrors] = useState<PlacedReviewErrors['fields']>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const version = useRef(initial.version);
  const keys = criteria.map((c) => c.key);

  const showProblem = (error: unknown): PlacedReviewErrors => {
    const placed = placeReviewErrors(isApiError(error) ? (error.problem.errors ?? []) : [], keys);
    setErrors(placed.fields);
    return placed;
  };

  const autosave = useAutosave<ReviewFormValues>(
    async (draft) => {
      try {
        const saved = await save(version.current, toReviewContent(draft));
        version.current = saved.version;
        store(saved);
      } catch (error) {
        if (isApiError(error) && error.status === 422) {
          const placed = placeReviewErrors(error.problem.errors ?? [], keys);
          setErrors((current) => ({ ...current, ...placed.fields }));
          setGeneral(placed.general.length > 0 ? placed.general.join(' ') : null);
        } else if (isApiError(error) && error.status === 409) {
          setGeneral(error.problem.detail ?? notEditableMessage);
        }
        throw error;
      }
    },
    {
      resolveConflict: async () => {
        const latest = await fetchLatest();
        store(latest);
        version.current = latest.version;
        setValues(toReviewFormValues(latest.content, criteria));
        setErrors({});
        setNotice(conflictMessage);
      },
    },
  );

  const onChange = (next: ReviewFormValues) => {
    const touched = changedPaths(values, next);
    if (touched.some((p) => errors[p])) {
      setErrors((current) => {
        const rest = { ...current };
        for (const p of touched) delete rest[p];
        return rest;
      });
    }
    setValues(next);
    autosave.change(next);
  };

  return {
    values,
    onChange,
    errors,
    general,
    notice,
    dismissNotice: () => setNotice(null),
    showProblem,
    setGeneral,
    autosave,
  };
}
