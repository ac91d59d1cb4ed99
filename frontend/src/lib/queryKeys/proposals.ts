export const proposalsQueryKey = ['proposals'] as const;

export function proposalQueryKey(id: string) {
  return [...proposalsQueryKey, 'detail', id] as const;
}

/** Everything derived from one proposal (checklist, grants, budgets, documents, ...). */
export function proposalPartsKey(id: string) {
  return [...proposalsQueryKey, 'parts', id] as const;
}

export function callProposalsQueryKey(callId: string) {
  return [...proposalsQueryKey, 'call', callId] as const;
}
