import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { DeclarationBody, ExpertAssignment } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import type { SuccessNotice } from '../../../lib/mutationNotice';
import { assignmentQueryKey } from '../../../lib/queryKeys/reviews';
import { patchMyAssignment } from './patchMyAssignment';

export interface DeclareInput {
  id: string;
  body: DeclarationBody;
}

/** Once only: no conflict opens the content; a conflict (with a `note`, 422 without) declines. 409 declared already. */
export function declare({ id, body }: DeclareInput) {
  return unwrap(api.POST('/api/v1/assignments/{id}/declaration', { params: { path: { id } }, body }));
}

/** `onSuccess` runs before the cleared assignment replaces the declaration form (see SuccessNotice). */
export function useDeclare({ onSuccess }: SuccessNotice<ExpertAssignment> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: declare,
    onSuccess: async (assignment, { id }) => {
      onSuccess?.(assignment);
      queryClient.setQueryData(assignmentQueryKey(id), assignment);
      await patchMyAssignment(queryClient, id, assignment);
    },
  });
}
