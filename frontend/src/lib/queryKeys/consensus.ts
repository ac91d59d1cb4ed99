export const consensusRootKey = ['consensus'] as const;

export function consensusQueryKey(proposalId: string) {
  return [...consensusRootKey, 'report', proposalId] as const;
}

export function replyQueryKey(proposalId: string) {
  return [...consensusRootKey, 'reply', proposalId] as const;
}
