import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { myAssignmentsQueryKey } from '../../../lib/queryKeys/reviews';

/** Every proposal assigned to the signed-in expert, in any call, oldest first. */
export function myAssignmentsQueryOptions() {
  return queryOptions({
    queryKey: myAssignmentsQueryKey,
    queryFn: () => unwrap(api.GET('/api/v1/me/assignments')),
  });
}

export function useMyAssignments() {
  return useQuery(myAssignmentsQueryOptions());
}
