import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { assignmentQueryKey } from '../../../lib/queryKeys/reviews';

/** One of my assignments; before the declaration only acronym, title and partners (404 if not mine). */
export function assignmentQueryOptions(id: string) {
  return queryOptions({
    queryKey: assignmentQueryKey(id),
    queryFn: () => unwrap(api.GET('/api/v1/assignments/{id}', { params: { path: { id } } })),
  });
}

export function useAssignment(id: string) {
  return useQuery(assignmentQueryOptions(id));
}
