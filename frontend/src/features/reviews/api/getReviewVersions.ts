import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { reviewVersionsQueryKey } from '../../../lib/queryKeys/reviews';

/** Every saved version of my review, oldest first. */
export function reviewVersionsQueryOptions(assignmentId: string) {
  return queryOptions({
    queryKey: reviewVersionsQueryKey(assignmentId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/assignments/{id}/review/versions', { params: { path: { id: assignmentId } } })),
  });
}

export function useReviewVersions(assignmentId: string) {
  return useQuery(reviewVersionsQueryOptions(assignmentId));
}
