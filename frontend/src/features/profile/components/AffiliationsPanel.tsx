import { Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { EmptyState } from '../../../components/EmptyState';
import { FormError } from '../../../components/FormError';
import { PageLoader } from '../../../components/PageLoader';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import { applyProblemToForm } from '../../../lib/forms';
import { errorMessage } from '../../../lib/problem';
import { useOrganisations } from '../../organisations/api/getOrganisations';
import { useAddAffiliation } from '../api/addAffiliation';
import { useAffiliations } from '../api/getAffiliations';
import { useRemoveAffiliation } from '../api/removeAffiliation';

function AddAffiliationForm({ excluded }: { excluded: ReadonlySet<string> }) {
  const t = useMessages();
  const organisations = useOrganisations();
  const add = useAddAffiliation();
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { organisation_id: '', position: '' },
    validate: {
      organisation_id: (value) => (value ? null : t.errors.required),
      position: (value) => (value.trim() ? null : t.errors.required),
    },
  });

  if (organisations.isPending) return <PageLoader />;
  if (organisations.isError)
    return <QueryError error={organisations.error} onRetry={() => void organisations.refetch()} />;

  const options = organisations.data
    .filter((o) => !excluded.has(o.id))
    .map((o) => ({ value: o.id, label: `${o.name} (${o.country})` }));
  if (options.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t.profile.noOrganisationsToJoin}
      </Text>
    );
  }

  const handleSubmit = form.onSubmit((values) => {
    setGeneral(null);
    add.mutate(
      { organisation_id: values.organisation_id, position: values.position.trim() },
      {
        onSuccess: () => {
          form.reset();
          notifications.show({ color: 'green', message: t.profile.affiliationAdded });
        },
        onError: (error) => setGeneral(applyProblemToForm(form, error, t)),
      },
    );
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        <FormError message={general} />
        <Group align="flex-start" grow>
          <Select
            label={t.profile.organisation}
            data={options}
            searchable
            required
            key={form.key('organisation_id')}
            {...form.getInputProps('organisation_id')}
          />
          <TextInput
            label={t.profile.position}
            required
            key={form.key('position')}
            {...form.getInputProps('position')}
          />
        </Group>
        <Button type="submit" loading={add.isPending} style={{ alignSelf: 'flex-start' }}>
          {t.profile.addAffiliation}
        </Button>
      </Stack>
    </form>
  );
}

export function AffiliationsPanel() {
  const t = useMessages();
  const affiliations = useAffiliations();
  const remove = useRemoveAffiliation();

  let body: ReactNode;
  if (affiliations.isPending) body = <PageLoader />;
  else if (affiliations.isError)
    body = <QueryError error={affiliations.error} onRetry={() => void affiliations.refetch()} />;
  else if (affiliations.data.length === 0) body = <EmptyState>{t.profile.affiliationsEmpty}</EmptyState>;
  else
    body = (
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.profile.organisation}</Table.Th>
            <Table.Th>{t.profile.position}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {affiliations.data.map((a) => (
            <Table.Tr key={a.organisation_id}>
              <Table.Td>{a.organisation_name}</Table.Td>
              <Table.Td>{a.position}</Table.Td>
              <Table.Td ta="right">
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  loading={remove.isPending && remove.variables === a.organisation_id}
                  onClick={() =>
                    remove.mutate(a.organisation_id, {
                      onSuccess: () => notifications.show({ color: 'green', message: t.profile.affiliationRemoved }),
                      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
                    })
                  }
                >
                  {t.common.remove}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );

  const excluded = new Set((affiliations.data ?? []).map((a) => a.organisation_id));
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="md">
        <Title order={3}>{t.profile.affiliationsTitle}</Title>
        {body}
        <AddAffiliationForm excluded={excluded} />
      </Stack>
    </Paper>
  );
}
