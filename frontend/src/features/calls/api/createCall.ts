import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { CallBody } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import { callQueryKey } from '../../../lib/api/call';
import { callsQueryKey } from './getCalls';

/** Creates a draft call; 422 lists every invalid field. */
export function createCall(body: CallBody) {
  return unwrap(api.POST('/api/v1/calls', { body }));
}

export function useCreateCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCall,
    onSuccess: async (call) => {
      queryClient.setQueryData(callQueryKey(call.id), call);
      await queryClient.invalidateQueries({ queryKey: [...callsQueryKey, 'list'] });
    },
  });
}
