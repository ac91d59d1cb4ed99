import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { proposalPartsKey } from '../../../lib/queryKeys/proposals';

/** What still stands in the way of submission. */
export function checklistQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...proposalPartsKey(id), 'checklist'] as const,
    queryFn: () => unwrap(api.GET('/api/v1/proposals/{id}/checklist', { params: { path: { id } } })),
  });
}

export function useChecklist(id: string) {
  return useQuery(checklistQueryOptions(id));
}
