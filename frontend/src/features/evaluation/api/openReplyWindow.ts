import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { ReplyWindowBody } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import { consensusRootKey } from '../../../lib/queryKeys/consensus';

export interface OpenReplyWindowInput {
  callId: string;
  body: ReplyWindowBody;
}

/** Once per stage; 409 no right to reply, opened already or consensus drafts not ready; 422 bad date. */
export function openReplyWindow({ callId, body }: OpenReplyWindowInput) {
  return unwrap(api.POST('/api/v1/calls/{id}/reply-windows', { params: { path: { id: callId } }, body }));
}

export function useOpenReplyWindow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: openReplyWindow,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consensusRootKey }),
  });
}
