import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { PAGE_SIZE } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import { callProposalsQueryKey } from '../../../lib/queryKeys/proposals';

/** The caller's own proposals in a call (operators also see submitted ones). */
export function callProposalsQueryOptions(callId: string) {
  return queryOptions({
    queryKey: callProposalsQueryKey(callId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/calls/{id}/proposals', {
          params: { path: { id: callId }, query: { limit: PAGE_SIZE, offset: 0 } },
        }),
      ),
  });
}

export function useCallProposals(callId: string) {
  return useQuery(callProposalsQueryOptions(callId));
}
