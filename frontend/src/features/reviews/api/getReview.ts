import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { reviewQueryKey } from '../../../lib/queryKeys/reviews';

/** My review of an assignment; its `version` is the ETag for If-Match. 409 before the declaration. */
export function fetchReview(assignmentId: string) {
  return unwrap(api.GET('/api/v1/assignments/{id}/review', { params: { path: { id: assignmentId } } }));
}

export function reviewQueryOptions(assignmentId: string) {
  return queryOptions({
    queryKey: reviewQueryKey(assignmentId),
    queryFn: () => fetchReview(assignmentId),
    // The editor owns the draft while it is open; a background refetch would fight the typing.
    staleTime: Infinity,
  });
}

export function useReview(assignmentId: string, enabled = true) {
  return useQuery({ ...reviewQueryOptions(assignmentId), enabled });
}
