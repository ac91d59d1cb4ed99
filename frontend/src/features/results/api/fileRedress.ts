import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { Redress } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import type { SuccessNotice } from '../../../lib/mutationNotice';
import { redressQueryKey } from '../../../lib/queryKeys/results';

export interface RedressInput {
  proposalId: string;
  text: string;
}

/** The coordinator, once, until the redress date. 409 filed already or period over; 422 too long. */
export function fileRedress({ proposalId, text }: RedressInput) {
  return unwrap(api.POST('/api/v1/proposals/{id}/redress', { params: { path: { id: proposalId } }, body: { text } }));
}

/** `onSuccess` runs before the cached request replaces the form (see SuccessNotice). */
export function useFileRedress({ onSuccess }: SuccessNotice<Redress> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fileRedress,
    onSuccess: (redress) => {
      onSuccess?.(redress);
      queryClient.setQueryData(redressQueryKey(redress.proposal_id), redress);
    },
  });
}
