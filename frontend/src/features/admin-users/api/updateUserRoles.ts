import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import type { RolesBody } from '../../../lib/api/types';
import { meQueryKey } from '../../../lib/auth/me';
import { usersQueryKey } from './getUsers';

export interface UpdateRolesInput {
  id: string;
  /** The `version` the admin saw; sent as the ETag in If-Match. */
  version: number;
  body: RolesBody;
}

/** 412 means someone else changed the user since it was loaded. */
export function updateUserRoles({ id, version, body }: UpdateRolesInput) {
  return unwrap(
    api.PUT('/api/v1/users/{id}/roles', {
      params: { path: { id }, header: { 'If-Match': `"${version}"` } },
      body,
    }),
  );
}

export function useUpdateUserRoles() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUserRoles,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: usersQueryKey }),
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
      ]);
    },
  });
}
