export const resultsQueryKey = ['results'] as const;

export function resultQueryKey(proposalId: string) {
  return [...resultsQueryKey, 'result', proposalId] as const;
}

export function redressQueryKey(proposalId: string) {
  return [...resultsQueryKey, 'redress', proposalId] as const;
}
