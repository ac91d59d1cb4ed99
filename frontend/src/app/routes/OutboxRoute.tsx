import { Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ListPager } from '../../components/ListPager';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useOutbox } from '../../features/outbox/api/getOutbox';
import { OutboxTable } from '../../features/outbox/components/OutboxTable';
import { useMessages } from '../../i18n';
import { MAIL_STATUSES, PAGE_SIZE, type MailStatus } from '../../lib/api/types';

/** /outbox: the mails the portal queued, for operators and administrators. */
export function OutboxRoute() {
  const t = useMessages();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<MailStatus | null>(null);
  const mails = useOutbox(page, status);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t.outbox.title}</Title>
        <Text c="dimmed">{t.outbox.intro}</Text>
      </Stack>
      <Group gap="sm">
        <Text size="sm" fw={600} id="outbox-filter">
          {t.outbox.filter}
        </Text>
        <SegmentedControl
          aria-labelledby="outbox-filter"
          value={status ?? 'all'}
          onChange={(value) => {
            setStatus(value === 'all' ? null : value);
            setPage(1);
          }}
          data={[
            { value: 'all', label: t.outbox.all },
            ...MAIL_STATUSES.map((s) => ({ value: s, label: t.outbox.statuses[s] })),
          ]}
        />
      </Group>
      {mails.isPending ? (
        <PageLoader />
      ) : mails.isError ? (
        <QueryError error={mails.error} onRetry={() => void mails.refetch()} />
      ) : mails.data.items.length === 0 ? (
        <EmptyState>{t.outbox.empty}</EmptyState>
      ) : (
        <>
          <OutboxTable mails={mails.data.items} />
          <ListPager total={mails.data.total} pageSize={PAGE_SIZE} page={page} onPageChange={setPage} />
        </>
      )}
    </Stack>
  );
}
