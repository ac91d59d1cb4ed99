import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { proposalAssignmentsQueryKey } from '../../../lib/queryKeys/evaluation';

/** A proposal's experts at its current stage, with review status and declared conflicts. */
export function proposalAssignmentsQueryOptions(proposalId: string) {
  return queryOptions({
    queryKey: proposalAssignmentsQueryKey(proposalId),
    queryFn: () => unwrap(api.GET('/api/v1/proposals/{id}/assignments', { params: { path: { id: proposalId } } })),
  });
}

export function useProposalAssignments(proposalId: string) {
  return useQuery(proposalAssignmentsQueryOptions(proposalId));
}
