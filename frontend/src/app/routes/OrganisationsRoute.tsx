import { Stack, Title } from '@mantine/core';
import { EmptyState } from '../../components/EmptyState';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useOrganisations } from '../../features/organisations/api/getOrganisations';
import { CreateOrganisationForm } from '../../features/organisations/components/CreateOrganisationForm';
import { OrganisationsTable } from '../../features/organisations/components/OrganisationsTable';
import { useMessages } from '../../i18n';

export function OrganisationsRoute() {
  const t = useMessages();
  const organisations = useOrganisations();
  return (
    <Stack gap="lg">
      <Title order={1}>{t.organisations.title}</Title>
      {organisations.isPending ? (
        <PageLoader />
      ) : organisations.isError ? (
        <QueryError error={organisations.error} onRetry={() => void organisations.refetch()} />
      ) : organisations.data.length === 0 ? (
        <EmptyState>{t.organisations.empty}</EmptyState>
      ) : (
        <OrganisationsTable organisations={organisations.data} />
      )}
      <CreateOrganisationForm />
    </Stack>
  );
}
