import { Badge, Button, Group, Table } from '@mantine/core';
import { RoleBadges } from '../../../components/RoleBadges';
import { useMessages } from '../../../i18n';
import type { User } from '../../../lib/api/types';
import { ActionsHeader } from '../../../components/ActionsHeader';

export function UsersTable({
  users,
  onEdit,
  onResetSecondFactor,
}: {
  users: readonly User[];
  onEdit: (user: User) => void;
  onResetSecondFactor: (user: User) => void;
}) {
  const t = useMessages();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.auth.fullName}</Table.Th>
            <Table.Th>{t.auth.email}</Table.Th>
            <Table.Th>{t.profile.roles}</Table.Th>
            <Table.Th>{t.profile.agency}</Table.Th>
            <Table.Th>{t.profile.emailVerified}</Table.Th>
            <ActionsHeader />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td>{user.full_name}</Table.Td>
              <Table.Td>{user.email}</Table.Td>
              <Table.Td>
                <RoleBadges roles={user.roles} />
              </Table.Td>
              <Table.Td>{user.agency ?? t.common.none}</Table.Td>
              <Table.Td>
                <Badge color={user.email_verified ? 'green' : 'yellow'} variant="light" size="sm">
                  {user.email_verified ? t.common.yes : t.common.no}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button size="xs" variant="light" onClick={() => onEdit(user)}>
                    {t.admin.editRoles}
                  </Button>
                  <Button size="xs" variant="subtle" color="red" onClick={() => onResetSecondFactor(user)}>
                    {t.twoStep.reset}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
