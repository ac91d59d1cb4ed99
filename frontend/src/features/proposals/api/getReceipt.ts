import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { proposalQueryKey } from '../../../lib/queryKeys/proposals';

/** The current submission's receipt (404 when never submitted). */
export function receiptQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...proposalQueryKey(id), 'receipt'] as const,
    queryFn: () => unwrap(api.GET('/api/v1/proposals/{id}/receipt', { params: { path: { id } } })),
  });
}

export function useReceipt(id: string, enabled = true) {
  return useQuery({ ...receiptQueryOptions(id), enabled });
}
