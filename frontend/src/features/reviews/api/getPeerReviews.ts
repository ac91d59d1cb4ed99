import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { peerReviewsQueryKey } from '../../../lib/queryKeys/reviews';

/** The others' submitted reviews under letters; 403 until my own is submitted. */
export function peerReviewsQueryOptions(assignmentId: string) {
  return queryOptions({
    queryKey: peerReviewsQueryKey(assignmentId),
    queryFn: () => unwrap(api.GET('/api/v1/assignments/{id}/peer-reviews', { params: { path: { id: assignmentId } } })),
  });
}

export function usePeerReviews(assignmentId: string, enabled: boolean) {
  return useQuery({ ...peerReviewsQueryOptions(assignmentId), enabled });
}
