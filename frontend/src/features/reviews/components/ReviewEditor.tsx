import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useMessages } from '../../../i18n';
import type { Criterion, Review } from '../../../lib/api/types';
import { errorMessage, isApiError } from '../../../lib/problem';
import { fetchReview } from '../api/getReview';
import { reviewQueryKey, reviewVersionsQueryKey } from '../../../lib/queryKeys/reviews';
import { patchMyAssignment } from '../api/patchMyAssignment';
import { saveReview } from '../api/saveReview';
import { useSubmitReview } from '../api/submitReview';
import type { PlacedReviewErrors, ReviewFieldPath } from '../../../lib/scoring';
import { useScoringDraft } from '../../../components/scoring/useScoringDraft';
import { reviewFieldId } from '../../../components/scoring/ScoringForm';
import { ScoringDraftForm } from '../../../components/scoring/ScoringDraftForm';

/** The first field with an error, in the order the form shows them. */
export function firstErrorPath(criteria: readonly Criterion[], errors: PlacedReviewErrors['fields']): ReviewFieldPath | null {
  for (const c of criteria) {
    for (const path of [`scores.${c.key}.score`, `scores.${c.key}.comment`] as const) {
      if (errors[path]) return path;
    }
  }
  return errors.overall_comment ? 'overall_comment' : null;
}

/** Moves the focus to an input of the scoring form (for a score, its first step). */
export function focusReviewField(idPrefix: string, path: string) {
  const element = document.getElementById(reviewFieldId(idPrefix, path));
  if (!element) return;
  const target = element.matches('input, textarea')
    ? element
    : (element.querySelector<HTMLElement>('[role="radio"]') ?? element);
  target.scrollIntoView({ block: 'center' });
  target.focus();
}

interface Props {
  assignmentId: string;
  review: Review;
  criteria: readonly Criterion[];
}

const ID_PREFIX = 'review';

/**
 * The expert's draft: saved by itself about 1.5 s after typing stops (with
 * If-Match; a 412 loads the latest version and says so), submitted once
 * complete; a refused submission marks every field to complete.
 */
export function ReviewEditor({ assignmentId, review, criteria }: Props) {
  const t = useMessages();
  const queryClient = useQueryClient();
  const submit = useSubmitReview({ onSuccess: () => notifications.show({ color: 'green', message: t.reviews.submitted }) });
  const draft = useScoringDraft({
    criteria,
    initial: review,
    save: (version, content) => saveReview({ assignmentId, version, content }),
    fetchLatest: () => fetchReview(assignmentId),
    store: (stored) => {
      queryClient.setQueryData(reviewQueryKey(assignmentId), stored);
      void queryClient.invalidateQueries({ queryKey: reviewVersionsQueryKey(assignmentId) });
      // "My reviews" shows the draft from the first save on.
      void patchMyAssignment(queryClient, assignmentId, { review_status: stored.status });
    },
    conflictMessage: t.reviews.conflictReloaded,
    notEditableMessage: t.reviews.notEditable,
  });
  const { autosave } = draft;

  const onSubmit = async () => {
    if (!window.confirm(t.reviews.submitConfirm)) return;
    draft.setGeneral(null);
    const saved = await autosave.flush();
    if (!saved) return;
    submit.mutate(assignmentId, {
      onError: (error) => {
        if (isApiError(error) && error.status === 422) {
          const placed = draft.showProblem(error);
          draft.setGeneral([t.reviews.submitRefused, ...placed.general].join(' '));
          const first = firstErrorPath(criteria, placed.fields);
          if (first) setTimeout(() => focusReviewField(ID_PREFIX, first), 0);
          return;
        }
        draft.setGeneral(errorMessage(error, t));
      },
    });
  };

  // Submitting while a save is on its way (or the latest version is loading) would submit the wrong draft.
  const busy = autosave.status === 'saving' || autosave.status === 'conflict';
  return (
    <ScoringDraftForm draft={draft} criteria={criteria} idPrefix={ID_PREFIX}>
      <Button onClick={() => void onSubmit()} disabled={busy} loading={submit.isPending}>
        {t.reviews.submit}
      </Button>
    </ScoringDraftForm>
  );
}
