import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { Stage } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import { invalidateEvaluation } from '../../../lib/queryKeys/evaluation';

export interface AutoAssignInput {
  callId: string;
  stage: Stage;
}

/** Runs the solver for a stage; the report says what it added and which proposals it could not staff, and why. */
export function autoAssign({ callId, stage }: AutoAssignInput) {
  return unwrap(api.POST('/api/v1/calls/{id}/assignments/auto', { params: { path: { id: callId } }, body: { stage } }));
}

export function useAutoAssign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: autoAssign,
    onSuccess: () => invalidateEvaluation(queryClient),
  });
}
