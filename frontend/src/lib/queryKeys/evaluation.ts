import type { QueryClient } from '@tanstack/react-query';
import { consensusRootKey } from './consensus';
import type { Stage } from '../api/types';

/** Everything the operator's evaluation screens read; invalidated together after a change. */
export const evaluationQueryKey = ['evaluation'] as const;

export function eligibilityQueryKey(callId: string, stage: Stage) {
  return [...evaluationQueryKey, 'eligibility', callId, stage] as const;
}

export function expertsQueryKey(callId: string) {
  return [...evaluationQueryKey, 'experts', callId] as const;
}

export function proposalAssignmentsQueryKey(proposalId: string) {
  return [...evaluationQueryKey, 'assignments', proposalId] as const;
}

export function rankingQueryKey(callId: string, stage: Stage) {
  return [...evaluationQueryKey, 'ranking', callId, stage] as const;
}

/** After a change to assignments: the operator's lists and every consensus (reviews in, rapporteur) may differ. */
export function invalidateEvaluation(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: evaluationQueryKey }),
    queryClient.invalidateQueries({ queryKey: consensusRootKey }),
  ]);
}
