import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/unwrap';
import { useSession } from './session';

export const meQueryKey = ['me'] as const;

export function meQueryOptions() {
  return queryOptions({
    queryKey: meQueryKey,
    queryFn: () => unwrap(api.GET('/api/v1/me')),
  });
}

/** The signed-in user; idle while signed out. */
export function useMe() {
  const { isSignedIn } = useSession();
  return useQuery({ ...meQueryOptions(), enabled: isSignedIn });
}
