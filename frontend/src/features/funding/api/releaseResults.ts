import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { ReleaseResponse } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import type { SuccessNotice } from '../../../lib/mutationNotice';
import { callsQueryKey } from '../../../lib/queryKeys/calls';
import { invalidateFunding } from '../../../lib/queryKeys/funding';

export interface ReleaseInput {
  callId: string;
  /** Release although some proposals have no decision: they go on the reserve list. */
  allowPending: boolean;
}

/** Freezes the results, mails the letters, marks the call decided. 409: not ready or decisions pending. */
export function releaseResults({ callId, allowPending }: ReleaseInput) {
  return unwrap(
    api.POST('/api/v1/calls/{id}/release', { params: { path: { id: callId } }, body: { allow_pending: allowPending } }),
  );
}

/**
 * `onSuccess` runs before the refetched call (now decided) replaces the release panel (see
 * SuccessNotice): the caller keeps the response to show it.
 */
export function useReleaseResults({ onSuccess }: SuccessNotice<ReleaseResponse> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: releaseResults,
    onSuccess: async (response) => {
      onSuccess?.(response);
      await Promise.all([invalidateFunding(queryClient), queryClient.invalidateQueries({ queryKey: callsQueryKey })]);
    },
  });
}
