import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { assignmentQueryKey, myAssignmentsQueryKey, reviewQueryKey } from './keys';

/** Submits the saved draft; 422 lists every missing part (`scores.impact.comment`, `overall_comment`, ...). */
export function submitReview(assignmentId: string) {
  return unwrap(api.POST('/api/v1/assignments/{id}/review/submission', { params: { path: { id: assignmentId } } }));
}

export function useSubmitReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitReview,
    onSuccess: async (review, assignmentId) => {
      queryClient.setQueryData(reviewQueryKey(assignmentId), review);
      await Promise.all([
        queryClient.invalidateQueries({
          queryKey: assignmentQueryKey(assignmentId),
          predicate: (q) => q.queryKey[3] !== 'review',
        }),
        queryClient.invalidateQueries({ queryKey: myAssignmentsQueryKey }),
      ]);
    },
  });
}
