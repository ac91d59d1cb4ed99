import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { Review } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import type { SuccessNotice } from '../../../lib/mutationNotice';
import { assignmentQueryKey, reviewQueryKey } from '../../../lib/queryKeys/reviews';
import { patchMyAssignment } from './patchMyAssignment';

/** Submits the saved draft; 422 lists every missing part (`scores.impact.comment`, `overall_comment`, ...). */
export function submitReview(assignmentId: string) {
  return unwrap(api.POST('/api/v1/assignments/{id}/review/submission', { params: { path: { id: assignmentId } } }));
}

/** `onSuccess` runs before the submitted review replaces the editor in the cache (see SuccessNotice). */
export function useSubmitReview({ onSuccess }: SuccessNotice<Review> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitReview,
    onSuccess: async (review, assignmentId) => {
      onSuccess?.(review);
      queryClient.setQueryData(reviewQueryKey(assignmentId), review);
      await Promise.all([
        patchMyAssignment(queryClient, assignmentId, { review_status: review.status }),
        queryClient.invalidateQueries({
          queryKey: assignmentQueryKey(assignmentId),
          predicate: (q) => q.queryKey[3] !== 'review',
        }),
      ]);
    },
  });
}
