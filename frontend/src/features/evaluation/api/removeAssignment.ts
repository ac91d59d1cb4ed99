import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { invalidateEvaluation } from '../../../lib/queryKeys/evaluation';

/** Withdraws an assignment; 409 when not active, the review is submitted, or the expert is the rapporteur. */
export function removeAssignment(assignmentId: string) {
  return unwrap(api.DELETE('/api/v1/assignments/{id}', { params: { path: { id: assignmentId } } }));
}

export function useRemoveAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeAssignment,
    onSuccess: () => invalidateEvaluation(queryClient),
  });
}
