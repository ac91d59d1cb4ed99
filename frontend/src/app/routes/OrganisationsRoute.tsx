import { Stack, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ListPager } from '../../components/ListPager';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useOrganisations } from '../../features/organisations/api/getOrganisations';
import { CreateOrganisationForm } from '../../features/organisations/components/CreateOrganisationForm';
import { OrganisationsTable } from '../../features/organisations/components/OrganisationsTable';
import { useMessages } from '../../i18n';
import { PAGE_SIZE } from '../../lib/api/types';

export function OrganisationsRoute() {
  const t = useMessages();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [page, setPage] = useState(1);
  const organisations = useOrganisations({ q, page });
  return (
    <Stack gap="lg">
      <Title order={1}>{t.organisations.title}</Title>
      <TextInput
        label={t.organisations.search}
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          setPage(1);
        }}
        maw={400}
      />
      {organisations.isPending ? (
        <PageLoader />
      ) : organisations.isError ? (
        <QueryError error={organisations.error} onRetry={() => void organisations.refetch()} />
      ) : organisations.data.items.length === 0 ? (
        <EmptyState>{q.trim() ? t.organisations.noMatch : t.organisations.empty}</EmptyState>
      ) : (
        <>
          <OrganisationsTable organisations={organisations.data.items} />
          <ListPager total={organisations.data.total} pageSize={PAGE_SIZE} page={page} onPageChange={setPage} />
        </>
      )}
      <CreateOrganisationForm />
    </Stack>
  );
}
