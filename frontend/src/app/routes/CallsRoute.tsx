import { Button, Group, Select, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { ListPager } from '../../components/ListPager';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useCalls } from '../../features/calls/api/getCalls';
import { CallsList } from '../../features/calls/components/CallsList';
import { useCanManageCalls } from '../../features/calls/status';
import { useMessages } from '../../i18n';
import { CALL_STATUSES, PAGE_SIZE, type CallStatus } from '../../lib/api/types';

const ALL = 'all';

function isCallStatus(value: string | null): value is CallStatus {
  return CALL_STATUSES.some((s) => s === value);
}

export function CallsRoute() {
  const t = useMessages();
  const canManage = useCanManageCalls();
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get('status');
  const status = isCallStatus(statusParam) ? statusParam : null;
  const [page, setPage] = useState(1);
  const calls = useCalls({ status, page });
  // Only operators and administrators ever see drafts.
  const statuses = CALL_STATUSES.filter((s) => canManage || s !== 'draft');

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t.calls.title}</Title>
        {canManage && (
          <Button component={Link} to="/calls/new">
            {t.calls.newCall}
          </Button>
        )}
      </Group>
      <Select
        label={t.calls.statusFilter}
        data={[
          { value: ALL, label: t.calls.allStatuses },
          ...statuses.map((s) => ({ value: s, label: t.calls.statuses[s] })),
        ]}
        value={status ?? ALL}
        allowDeselect={false}
        onChange={(value) => {
          setPage(1);
          setSearchParams(isCallStatus(value) ? { status: value } : {}, { replace: true });
        }}
        maw={260}
      />
      {calls.isPending ? (
        <PageLoader />
      ) : calls.isError ? (
        <QueryError error={calls.error} onRetry={() => void calls.refetch()} />
      ) : calls.data.items.length === 0 ? (
        <EmptyState>{status ? t.calls.emptyFiltered : t.calls.empty}</EmptyState>
      ) : (
        <>
          <CallsList calls={calls.data.items} />
          <ListPager total={calls.data.total} pageSize={PAGE_SIZE} page={page} onPageChange={setPage} />
        </>
      )}
    </Stack>
  );
}
