import { ActionsHeader } from '../../../components/ActionsHeader';
import { Button, Group, Paper, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
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

interface Option {
  value: string;
  label: string;
}

/** Adds an affiliation; the organisation is found by a server-side name search. */
function AddAffiliationForm({ excluded }: { excluded: ReadonlySet<string> }) {
  const t = useMessages();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const organisations = useOrganisations({ q, pageSize: 20 });
  const [chosen, setChosen] = useState<Option | null>(null);
  const add = useAddAffiliation();
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm<{ organisation_id: string | null; position: string }>({
    mode: 'controlled',
    initialValues: { organisation_id: null, position: '' },
    validate: {
      organisation_id: (value) => (value ? null : t.errors.required),
    },
  });

  const found: Option[] = (organisations.data?.items ?? [])
    .filter((o) => !excluded.has(o.id))
    .map((o) => ({ value: o.id, label: o.name }));
  // Keep the chosen organisation selectable while the search text changes.
  const options = chosen && !found.some((o) => o.value === chosen.value) ? [chosen, ...found] : found;

  const handleSubmit = form.onSubmit((values) => {
    if (!values.organisation_id) return;
    setGeneral(null);
    const position = values.position.trim();
    add.mutate(
      { organisation_id: values.organisation_id, ...(position ? { position } : {}) },
      {
        onSuccess: () => {
          form.reset();
          setChosen(null);
          setSearch('');
          notifications.show({ color: 'green', message: t.profile.affiliationAdded });
        },
        onError: (error) => setGeneral(applyProblemToForm(form, error, t)),
      },
    );
  });

  const organisationInput = form.getInputProps('organisation_id');
  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        <FormError message={general} />
        {organisations.isError && (
          <QueryError error={organisations.error} onRetry={() => void organisations.refetch()} />
        )}
        <Group align="flex-start" grow>
          <Select
            label={t.profile.organisation}
            placeholder={t.profile.searchOrganisation}
            data={options}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            // The server has filtered already.
            filter={({ options: all }) => all}
            nothingFoundMessage={organisations.isFetching ? t.app.loading : t.profile.noOrganisationsToJoin}
            required
            {...organisationInput}
            onChange={(value: string | null) => {
              setChosen(options.find((o) => o.value === value) ?? null);
              form.setFieldValue('organisation_id', value);
            }}
          />
          <TextInput label={t.profile.position} {...form.getInputProps('position')} />
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
            <ActionsHeader />
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
