import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './unwrap';
import { callsQueryKey } from '../queryKeys/calls';

export function callQueryKey(id: string) {
  return [...callsQueryKey, 'detail', id] as const;
}

/** One call; its `version` is the ETag to send in If-Match. */
export function callQueryOptions(id: string) {
  return queryOptions({
    queryKey: callQueryKey(id),
    queryFn: () => unwrap(api.GET('/api/v1/calls/{id}', { params: { path: { id } } })),
  });
}

export function useCall(id: string) {
  return useQuery(callQueryOptions(id));
}
