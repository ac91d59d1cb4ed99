import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useCall } from '../../lib/api/call';
import { CallDetails } from '../../features/calls/components/CallDetails';
import { CallStatusBadge } from '../../features/calls/components/CallStatusBadge';
import { CallTransitionButton } from '../../features/calls/components/CallTransitionButton';
import { isEditable, useCanManageCalls } from '../../features/calls/status';
import { useCanSeeFunding } from '../../features/funding/roles';
import { useMessages } from '../../i18n';
import { formatDate } from '../../lib/format';
import { isApiError } from '../../lib/problem';
import { CallProposals } from '../../features/proposals/components/CallProposals';

export function CallRoute() {
  const t = useMessages();
  const { id = '' } = useParams();
  const call = useCall(id);
  const canManage = useCanManageCalls();
  const canSeeFunding = useCanSeeFunding();

  if (call.isPending) return <PageLoader />;
  if (call.isError) {
    return (
      <Stack gap="md">
        <Anchor component={Link} to="/calls">
          {t.calls.back}
        </Anchor>
        {/* A 404 (no such call, or a draft this user may not see) does not go away by retrying. */}
        <QueryError
          error={call.error}
          onRetry={isApiError(call.error) && call.error.status < 500 ? undefined : () => void call.refetch()}
        />
      </Stack>
    );
  }
  const c = call.data;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/calls" size="sm">
        ← {t.calls.back}
      </Anchor>
      <Stack gap={4}>
        <Group gap="sm" align="center">
          <Title order={1}>{c.title}</Title>
          <CallStatusBadge status={c.status} size="lg" />
        </Group>
        <Text size="sm" c="dimmed">
          {c.opened_at
            ? t.calls.openedOn(formatDate(c.opened_at, t.format.locale))
            : t.calls.createdOn(formatDate(c.created_at, t.format.locale))}
        </Text>
      </Stack>
      {canManage && (
        <Group gap="sm">
          {isEditable(c.status) && (
            <Button component={Link} to={`/calls/${c.id}/edit`} variant="default">
              {t.calls.edit}
            </Button>
          )}
          <CallTransitionButton call={c} />
          {c.status !== 'draft' && (
            <Button component={Link} to={`/calls/${c.id}/evaluation`} variant="light">
              {t.evaluation.open}
            </Button>
          )}
          {(c.status === 'in_evaluation' || c.status === 'decided') && (
            <Button component={Link} to={`/calls/${c.id}/funding`} variant="light">
              {t.funding.open}
            </Button>
          )}
        </Group>
      )}
      {!canManage && canSeeFunding && (c.status === 'in_evaluation' || c.status === 'decided') && (
        <Group gap="sm">
          <Button component={Link} to={`/calls/${c.id}/funding`} variant="light">
            {t.funding.open}
          </Button>
        </Group>
      )}
      {c.status !== 'draft' && <CallProposals callId={c.id} canStart={c.status === 'open'} />}
      <CallDetails call={c} />
    </Stack>
  );
}
