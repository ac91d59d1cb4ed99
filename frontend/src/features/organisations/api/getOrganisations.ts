import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { PAGE_SIZE } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';

export const organisationsQueryKey = ['organisations'] as const;

export interface OrganisationsQuery {
  /** Only names containing this text (any case); empty means all. */
  q?: string;
  /** 1-based page number. */
  page?: number;
  pageSize?: number;
}

export function organisationsQueryOptions({ q = '', page = 1, pageSize = PAGE_SIZE }: OrganisationsQuery = {}) {
  const search = q.trim();
  const query = { limit: pageSize, offset: (page - 1) * pageSize, ...(search ? { q: search } : {}) };
  return queryOptions({
    queryKey: [...organisationsQueryKey, query],
    queryFn: () => unwrap(api.GET('/api/v1/organisations', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useOrganisations(query: OrganisationsQuery = {}) {
  return useQuery(organisationsQueryOptions(query));
}
