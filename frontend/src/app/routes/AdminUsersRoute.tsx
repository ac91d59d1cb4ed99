import { Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useUsers } from '../../features/admin-users/api/getUsers';
import { EditRolesModal } from '../../features/admin-users/components/EditRolesModal';
import { UsersTable } from '../../features/admin-users/components/UsersTable';
import { useMessages } from '../../i18n';
import type { User } from '../../lib/api/types';

export function AdminUsersRoute() {
  const t = useMessages();
  const users = useUsers();
  const [editing, setEditing] = useState<User | null>(null);
  return (
    <Stack gap="lg">
      <Title order={1}>{t.admin.usersTitle}</Title>
      {users.isPending ? (
        <PageLoader />
      ) : users.isError ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.length === 0 ? (
        <EmptyState>{t.admin.usersEmpty}</EmptyState>
      ) : (
        <UsersTable users={users.data} onEdit={setEditing} />
      )}
      <EditRolesModal user={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}
