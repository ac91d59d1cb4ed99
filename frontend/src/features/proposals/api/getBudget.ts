import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { proposalPartsKey } from '../../../lib/queryKeys/proposals';

export function budgetQueryKey(id: string, partnerId: string) {
  return [...proposalPartsKey(id), 'budget', partnerId] as const;
}

/** One partner's budget; its `version` is the ETag for If-Match. */
export function budgetQueryOptions(id: string, partnerId: string) {
  return queryOptions({
    queryKey: budgetQueryKey(id, partnerId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/proposals/{id}/partners/{partner_id}/budget', {
          params: { path: { id, partner_id: partnerId } },
        }),
      ),
  });
}

export function useBudget(id: string, partnerId: string) {
  return useQuery(budgetQueryOptions(id, partnerId));
}

/** Reads the budget afresh, e.g. after a 412. */
export function fetchBudget(id: string, partnerId: string) {
  return unwrap(
    api.GET('/api/v1/proposals/{id}/partners/{partner_id}/budget', {
      params: { path: { id, partner_id: partnerId } },
    }),
  );
}
