import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';

export const auditQueryKey = ['audit'] as const;

export interface AuditFilters {
  entity_type: string;
  entity_id: string;
  actor_id: string;
}

export const AUDIT_PAGE_SIZE = 100;

/** Records in sequence order after `afterSeq`, filtered; empty filters are left out. */
export function fetchAudit(filters: AuditFilters, afterSeq: number | null) {
  const query = {
    ...(filters.entity_type.trim() ? { entity_type: filters.entity_type.trim() } : {}),
    ...(filters.entity_id.trim() ? { entity_id: filters.entity_id.trim() } : {}),
    ...(filters.actor_id.trim() ? { actor_id: filters.actor_id.trim() } : {}),
    limit: AUDIT_PAGE_SIZE,
    ...(afterSeq !== null ? { after_seq: afterSeq } : {}),
  };
  return unwrap(api.GET('/api/v1/audit', { params: { query } }));
}

/** Pages forward by sequence number: the next page starts after the last record seen. */
export function auditQueryOptions(filters: AuditFilters) {
  return infiniteQueryOptions({
    queryKey: [...auditQueryKey, filters],
    queryFn: ({ pageParam }) => fetchAudit(filters, pageParam),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.length < AUDIT_PAGE_SIZE ? undefined : (last[last.length - 1]?.seq ?? undefined)),
  });
}

export function useAudit(filters: AuditFilters) {
  return useInfiniteQuery(auditQueryOptions(filters));
}
