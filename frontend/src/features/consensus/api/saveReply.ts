import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { replyQueryKey } from '../../../lib/queryKeys/consensus';

export interface SaveReplyInput {
  proposalId: string;
  /** The reply's version, sent in If-Match. */
  version: number;
  text: string;
}

/** Any consortium member while the window is open. 409 closed, 412 stale, 422 too long. */
export function saveReply({ proposalId, version, text }: SaveReplyInput) {
  return unwrap(
    api.PUT('/api/v1/proposals/{id}/reply', {
      params: { path: { id: proposalId }, header: { 'If-Match': `"${version}"` } },
      body: { text },
    }),
  );
}

export function useSaveReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveReply,
    onSuccess: (reply) => queryClient.setQueryData(replyQueryKey(reply.proposal_id), reply),
  });
}
