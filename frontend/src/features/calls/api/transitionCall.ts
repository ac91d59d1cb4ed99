import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { CallStatus } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import { callQueryKey } from '../../../lib/api/call';
import { callsQueryKey } from './getCalls';

export interface TransitionCallInput {
  id: string;
  to: Exclude<CallStatus, 'draft'>;
}

/** 422 lists every reason the call cannot open; 409 is a wrong order or closing too early. */
export function transitionCall({ id, to }: TransitionCallInput) {
  return unwrap(api.POST('/api/v1/calls/{id}/transitions', { params: { path: { id } }, body: { to } }));
}

export function useTransitionCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: transitionCall,
    onSuccess: async (call) => {
      queryClient.setQueryData(callQueryKey(call.id), call);
      await queryClient.invalidateQueries({ queryKey: [...callsQueryKey, 'list'] });
    },
  });
}
