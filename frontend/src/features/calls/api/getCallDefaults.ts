import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { callsQueryKey } from './getCalls';

/** The Joint Call defaults a new call starts from. */
export function callDefaultsQueryOptions() {
  return queryOptions({
    queryKey: [...callsQueryKey, 'defaults'],
    queryFn: () => unwrap(api.GET('/api/v1/calls/defaults')),
    staleTime: 5 * 60_000,
  });
}

export function useCallDefaults() {
  return useQuery(callDefaultsQueryOptions());
}
