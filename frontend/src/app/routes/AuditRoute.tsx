import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useAudit, type AuditFilters } from '../../features/audit/api/getAudit';
import { useVerifyAudit } from '../../features/audit/api/verifyAudit';
import { AuditTable } from '../../features/audit/components/AuditTable';
import { useMessages } from '../../i18n';
import { errorMessage } from '../../lib/problem';

const NO_FILTERS: AuditFilters = { entity_type: '', entity_id: '', actor_id: '' };

function VerifyChain() {
  const t = useMessages();
  const verify = useVerifyAudit();
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="light" loading={verify.isPending} onClick={() => verify.mutate()}>
          {t.audit.verify}
        </Button>
      </Group>
      {verify.isSuccess && (
        <Alert color={verify.data.valid ? 'green' : 'red'} variant="light" role="status">
          {verify.data.valid
            ? t.audit.valid(verify.data.records)
            : t.audit.broken(verify.data.records, verify.data.problem ?? '')}
        </Alert>
      )}
      {verify.isError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(verify.error, t)}
        </Alert>
      )}
    </Stack>
  );
}

/** /admin/audit: the hash-chained audit log, filtered by entity or actor, and the chain's verification. */
export function AuditRoute() {
  const t = useMessages();
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const audit = useAudit(filters);
  const apply = (next: AuditFilters) => {
    setDraft(next);
    setFilters(next);
  };
  const records = audit.data?.pages.flat() ?? [];
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t.audit.title}</Title>
        <Text c="dimmed">{t.audit.intro}</Text>
      </Stack>
      <VerifyChain />
      <Paper withBorder p="md" radius="md">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setFilters(draft);
          }}
        >
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t.audit.entityType}
                value={draft.entity_type}
                onChange={(e) => setDraft({ ...draft, entity_type: e.currentTarget.value })}
              />
              <TextInput
                label={t.audit.entityId}
                value={draft.entity_id}
                onChange={(e) => setDraft({ ...draft, entity_id: e.currentTarget.value })}
              />
              <TextInput
                label={t.audit.actorId}
                value={draft.actor_id}
                onChange={(e) => setDraft({ ...draft, actor_id: e.currentTarget.value })}
              />
            </SimpleGrid>
            <Group>
              <Button type="submit">{t.audit.filter}</Button>
              <Button variant="default" onClick={() => apply(NO_FILTERS)}>
                {t.audit.clear}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {audit.isPending ? (
        <PageLoader />
      ) : audit.isError ? (
        <QueryError error={audit.error} onRetry={() => void audit.refetch()} />
      ) : records.length === 0 ? (
        <EmptyState>{t.audit.empty}</EmptyState>
      ) : (
        <>
          <AuditTable records={records} onFilter={(field, value) => apply({ ...filters, [field]: value })} />
          {audit.hasNextPage && (
            <Group justify="center">
              <Button variant="default" loading={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
                {t.audit.more}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
