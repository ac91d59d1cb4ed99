import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { DeclarationBody } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import { assignmentQueryKey, myAssignmentsQueryKey } from './keys';

export interface DeclareInput {
  id: string;
  body: DeclarationBody;
}

/** Once only: no conflict opens the content; a conflict (with a `note`, 422 without) declines. 409 declared already. */
export function declare({ id, body }: DeclareInput) {
  return unwrap(api.POST('/api/v1/assignments/{id}/declaration', { params: { path: { id } }, body }));
}

export function useDeclare() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: declare,
    onSuccess: async (assignment, { id }) => {
      queryClient.setQueryData(assignmentQueryKey(id), assignment);
      await queryClient.invalidateQueries({ queryKey: myAssignmentsQueryKey });
    },
  });
}
