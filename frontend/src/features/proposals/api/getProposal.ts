import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { proposalQueryKey } from '../../../lib/queryKeys/proposals';

/** One proposal; its `version` is the ETag to send in If-Match. */
export function proposalQueryOptions(id: string) {
  return queryOptions({
    queryKey: proposalQueryKey(id),
    queryFn: () => unwrap(api.GET('/api/v1/proposals/{id}', { params: { path: { id } } })),
  });
}

export function useProposal(id: string) {
  return useQuery(proposalQueryOptions(id));
}

/** Reads the proposal afresh (e.g. after a 412) without touching the cache's consumers' forms. */
export function fetchLatestProposal(id: string) {
  return unwrap(api.GET('/api/v1/proposals/{id}', { params: { path: { id } } }));
}
