import { Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ListPager } from '../../components/ListPager';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useUsers } from '../../features/admin-users/api/getUsers';
import { EditRolesModal } from '../../features/admin-users/components/EditRolesModal';
import { ResetSecondFactorModal } from '../../features/admin-users/components/ResetSecondFactorModal';
import { UsersTable } from '../../features/admin-users/components/UsersTable';
import { useMessages } from '../../i18n';
import { PAGE_SIZE, type User } from '../../lib/api/types';

export function AdminUsersRoute() {
  const t = useMessages();
  const [page, setPage] = useState(1);
  const users = useUsers(page);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  return (
    <Stack gap="lg">
      <Title order={1}>{t.admin.usersTitle}</Title>
      {users.isPending ? (
        <PageLoader />
      ) : users.isError ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.items.length === 0 ? (
        <EmptyState>{t.admin.usersEmpty}</EmptyState>
      ) : (
        <>
          <UsersTable users={users.data.items} onEdit={setEditing} onResetSecondFactor={setResetting} />
          <ListPager total={users.data.total} pageSize={PAGE_SIZE} page={page} onPageChange={setPage} />
        </>
      )}
      <EditRolesModal user={editing} onClose={() => setEditing(null)} />
      <ResetSecondFactorModal user={resetting} onClose={() => setResetting(null)} />
    </Stack>
  );
}
