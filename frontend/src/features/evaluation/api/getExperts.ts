import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { expertsQueryKey } from '../../../lib/queryKeys/evaluation';

/** The call's expert pool, in order of invitation. */
export function expertsQueryOptions(callId: string) {
  return queryOptions({
    queryKey: expertsQueryKey(callId),
    queryFn: () => unwrap(api.GET('/api/v1/calls/{id}/experts', { params: { path: { id: callId } } })),
  });
}

export function useExperts(callId: string) {
  return useQuery(expertsQueryOptions(callId));
}
