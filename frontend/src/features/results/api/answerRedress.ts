import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { Redress } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import type { SuccessNotice } from '../../../lib/mutationNotice';
import type { RedressInput } from './fileRedress';
import { redressQueryKey } from '../../../lib/queryKeys/results';

/** The operator, once; the consortium is mailed. 409 answered already. */
export function answerRedress({ proposalId, text }: RedressInput) {
  return unwrap(
    api.PUT('/api/v1/proposals/{id}/redress/answer', { params: { path: { id: proposalId } }, body: { text } }),
  );
}

/** `onSuccess` runs before the cached request replaces the form (see SuccessNotice). */
export function useAnswerRedress({ onSuccess }: SuccessNotice<Redress> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: answerRedress,
    onSuccess: (redress) => {
      onSuccess?.(redress);
      queryClient.setQueryData(redressQueryKey(redress.proposal_id), redress);
    },
  });
}
