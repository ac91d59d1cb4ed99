import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { PAGE_SIZE } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';

export const usersQueryKey = ['users'] as const;

/** One page of users (1-based `page`). */
export function usersQueryOptions(page: number) {
  const query = { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  return queryOptions({
    queryKey: [...usersQueryKey, query],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useUsers(page: number) {
  return useQuery(usersQueryOptions(page));
}
