import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { ProfileBody } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import { meQueryKey } from '../../../lib/auth/me';

export interface UpdateMeInput {
  /** The account's `version` the form started from; sent as the ETag in If-Match. */
  version: number;
  body: ProfileBody;
}

/** 412: the account changed elsewhere (another tab) since it was loaded. */
export function updateMe({ version, body }: UpdateMeInput) {
  return unwrap(
    api.PUT('/api/v1/me', {
      params: { header: { 'If-Match': `"${version}"` } },
      body,
    }),
  );
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMe,
    onSuccess: (user) => queryClient.setQueryData(meQueryKey, user),
  });
}
