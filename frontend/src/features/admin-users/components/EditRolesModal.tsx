import { Alert, Button, Checkbox, Group, Modal, Select, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import { ALL_AGENCIES, ALL_ROLES, type Agency, type Role, type User } from '../../../lib/api/types';
import { applyProblemToForm } from '../../../lib/forms';
import { isApiError } from '../../../lib/problem';
import { usersQueryKey } from '../api/getUsers';
import { useUpdateUserRoles } from '../api/updateUserRoles';

interface Values {
  roles: Role[];
  agency: Agency | null;
}

function EditRolesForm({ user, onDone }: { user: User; onDone: () => void }) {
  const t = useMessages();
  const update = useUpdateUserRoles();
  const queryClient = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { roles: [...user.roles], agency: user.agency ?? null },
    validate: {
      agency: (value, values) => (values.roles.includes('funder') && !value ? t.admin.agencyRequired : null),
    },
  });
  const isFunder = form.values.roles.includes('funder');

  const handleSubmit = form.onSubmit((values) => {
    setGeneral(null);
    setStale(false);
    const roles = ALL_ROLES.filter((r) => values.roles.includes(r));
    update.mutate(
      { id: user.id, version: user.version, body: { roles, agency: roles.includes('funder') ? values.agency : null } },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t.admin.rolesSaved });
          onDone();
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 412) setStale(true);
          else setGeneral(applyProblemToForm(form, error, t));
        },
      },
    );
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        {stale && (
          <Alert color="orange" variant="light" role="alert">
            {t.errors.conflictReload}
          </Alert>
        )}
        <FormError message={general} />
        <Checkbox.Group label={t.profile.roles} {...form.getInputProps('roles')}>
          <Stack gap="xs" mt="xs">
            {ALL_ROLES.map((role) => (
              <Checkbox key={role} value={role} label={t.roles[role]} />
            ))}
          </Stack>
        </Checkbox.Group>
        {isFunder && (
          <Select
            label={t.profile.agency}
            required
            data={ALL_AGENCIES.map((a) => ({ value: a, label: a }))}
            {...form.getInputProps('agency')}
          />
        )}
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => {
              // After a 412 the list is stale too: load the current state before reapplying.
              if (stale) void queryClient.invalidateQueries({ queryKey: usersQueryKey });
              onDone();
            }}
          >
            {stale ? t.admin.reload : t.common.cancel}
          </Button>
          <Button type="submit" loading={update.isPending} disabled={stale}>
            {t.common.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Edits one user's roles; the form is rebuilt for each user opened. */
export function EditRolesModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useMessages();
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? t.admin.editRolesTitle(user.full_name) : ''}>
      {user && <EditRolesForm key={`${user.id}:${user.version}`} user={user} onDone={onClose} />}
    </Modal>
  );
}
