import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { BudgetLine } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import { budgetQueryKey } from './getBudget';
import { proposalPartsKey, proposalQueryKey } from '../../../lib/queryKeys/proposals';

export interface UpdateBudgetInput {
  id: string;
  partnerId: string;
  /** The budget's version (= partner.budget_version), sent in If-Match. */
  version: number;
  lines: BudgetLine[];
}

/** Only the partner's contacts may write it (403); 412 stale; 422 e.g. `lines[2].amount_cents`. */
export function updateBudget({ id, partnerId, version, lines }: UpdateBudgetInput) {
  return unwrap(
    api.PUT('/api/v1/proposals/{id}/partners/{partner_id}/budget', {
      params: { path: { id, partner_id: partnerId }, header: { 'If-Match': `"${version}"` } },
      body: { lines },
    }),
  );
}

export function useUpdateBudget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateBudget,
    onSuccess: async (budget, { id, partnerId }) => {
      queryClient.setQueryData(budgetQueryKey(id, partnerId), budget);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: proposalQueryKey(id) }),
        queryClient.invalidateQueries({
          queryKey: proposalPartsKey(id),
          predicate: (q) => !(q.queryKey[3] === 'budget' && q.queryKey[4] === partnerId),
        }),
      ]);
    },
  });
}
