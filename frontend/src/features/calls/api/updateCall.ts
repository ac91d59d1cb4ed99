import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { CallBody } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import { callQueryKey } from '../../../lib/api/call';
import { callsQueryKey } from './getCalls';

export interface UpdateCallInput {
  id: string;
  /** The `version` the editor started from; sent as the ETag in If-Match. */
  version: number;
  body: CallBody;
}

/** 412: changed by someone else since loaded; 409: the call is closed for changes. */
export function updateCall({ id, version, body }: UpdateCallInput) {
  return unwrap(
    api.PUT('/api/v1/calls/{id}', {
      params: { path: { id }, header: { 'If-Match': `"${version}"` } },
      body,
    }),
  );
}

export function useUpdateCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCall,
    onSuccess: async (call) => {
      queryClient.setQueryData(callQueryKey(call.id), call);
      await queryClient.invalidateQueries({ queryKey: [...callsQueryKey, 'list'] });
    },
  });
}
