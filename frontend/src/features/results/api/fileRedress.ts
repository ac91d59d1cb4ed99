import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { redressQueryKey } from './keys';

export interface RedressInput {
  proposalId: string;
  text: string;
}

/** The coordinator, once, until the redress date. 409 filed already or period over; 422 too long. */
export function fileRedress({ proposalId, text }: RedressInput) {
  return unwrap(api.POST('/api/v1/proposals/{id}/redress', { params: { path: { id: proposalId } }, body: { text } }));
}

export function useFileRedress() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fileRedress,
    onSuccess: (redress) => queryClient.setQueryData(redressQueryKey(redress.proposal_id), redress),
  });
}
