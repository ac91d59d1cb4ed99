import type { QueryClient } from '@tanstack/react-query';
import type { ExpertAssignment } from '../../../lib/api/types';
import { myAssignmentsQueryKey } from '../../../lib/queryKeys/reviews';

/**
 * Keeps "My reviews" in step with a change to one assignment (a declaration, a saved draft, a
 * submission): the cached list gets the new state at once, and is marked stale so that its next
 * showing reads the server's (not 30 s later).
 */
export function patchMyAssignment(
  queryClient: QueryClient,
  assignmentId: string,
  patch: Partial<ExpertAssignment> | ((current: ExpertAssignment) => ExpertAssignment),
) {
  queryClient.setQueryData<ExpertAssignment[]>(myAssignmentsQueryKey, (list) =>
    list?.map((entry) =>
      entry.assignment.id === assignmentId ? (typeof patch === 'function' ? patch(entry) : { ...entry, ...patch }) : entry,
    ),
  );
  return queryClient.invalidateQueries({ queryKey: myAssignmentsQueryKey });
}
