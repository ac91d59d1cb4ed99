import { Badge, Group } from '@mantine/core';
import { useMessages } from '../i18n';
import type { Role } from '../lib/api/types';

const colors: Record<Role, string> = {
  applicant: 'gray',
  reviewer: 'teal',
  funder: 'grape',
  operator: 'orange',
  admin: 'red',
};

export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  const t = useMessages();
  return (
    <Group gap={4}>
      {roles.map((role) => (
        <Badge key={role} color={colors[role]} variant="light" size="sm">
          {t.roles[role]}
        </Badge>
      ))}
    </Group>
  );
}
