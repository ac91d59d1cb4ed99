import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { PAGE_SIZE, type CallStatus } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import { callsQueryKey } from '../../../lib/queryKeys/calls';
export { callsQueryKey };

export interface CallsQuery {
  /** Only calls in this status; all (that the user may see) when absent. */
  status?: CallStatus | null;
  /** 1-based page number. */
  page?: number;
}

/** One page of calls, newest first. */
export function callsQueryOptions({ status = null, page = 1 }: CallsQuery = {}) {
  const query = { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...(status ? { status } : {}) };
  return queryOptions({
    queryKey: [...callsQueryKey, 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/calls', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useCalls(query: CallsQuery = {}) {
  return useQuery(callsQueryOptions(query));
}
