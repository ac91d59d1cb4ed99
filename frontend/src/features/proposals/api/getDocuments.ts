import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { proposalPartsKey } from '../../../lib/queryKeys/proposals';

export function documentsQueryKey(id: string) {
  return [...proposalPartsKey(id), 'documents'] as const;
}

export function documentsQueryOptions(id: string) {
  return queryOptions({
    queryKey: documentsQueryKey(id),
    queryFn: () => unwrap(api.GET('/api/v1/proposals/{id}/documents', { params: { path: { id } } })),
  });
}

export function useDocuments(id: string) {
  return useQuery(documentsQueryOptions(id));
}
