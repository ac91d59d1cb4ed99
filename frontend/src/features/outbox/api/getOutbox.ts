import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { PAGE_SIZE, type MailStatus } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';

export const outboxQueryKey = ['outbox'] as const;

/** One page (1-based) of queued mails, newest first, optionally of one status. */
export function outboxQueryOptions(page: number, status: MailStatus | null) {
  const query = { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...(status ? { status } : {}) };
  return queryOptions({
    queryKey: [...outboxQueryKey, query],
    queryFn: () => unwrap(api.GET('/api/v1/outbox', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useOutbox(page: number, status: MailStatus | null) {
  return useQuery(outboxQueryOptions(page, status));
}
