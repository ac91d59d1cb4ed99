import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { instantLine } from '../../lib/zoned';
import { useCanManageCalls } from '../../features/calls/status';
import { proposalQueryOptions } from '../../features/proposals/api/getProposal';
import { useRedress } from '../../features/results/api/getRedress';
import { resultQueryOptions } from '../../features/results/api/getResult';
import { RedressTextForm } from '../../features/results/components/RedressForm';
import { useMessages } from '../../i18n';
import { isApiError } from '../../lib/problem';

/**
 * /proposals/:id/redress: the coordinator files a request about the procedure (once, until the
 * result's redress date); everyone concerned reads it and the answer; the operator answers.
 */
export function RedressRoute() {
  const t = useMessages();
  const { id = '' } = useParams();
  const isOperator = useCanManageCalls();
  const redress = useRedress(id);
  const result = useQuery({ ...resultQueryOptions(id), retry: false });
  const proposal = useQuery({ ...proposalQueryOptions(id), retry: false });
  const acronym = result.data?.acronym ?? proposal.data?.acronym ?? '';
  const back = (
    <Anchor component={Link} to={`/proposals/${id}/result`} size="sm">
      ← {t.results.link}
    </Anchor>
  );
  if (redress.isPending || (result.isPending && proposal.isPending)) return <PageLoader />;
  const noRequest = redress.isError && isApiError(redress.error) && redress.error.status === 404;
  if (redress.isError && !noRequest) {
    return (
      <Stack gap="md">
        {back}
        <QueryError error={redress.error} onRetry={() => void redress.refetch()} />
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      {back}
      <Title order={1}>{t.results.redressTitle(acronym)}</Title>
      <Text>{t.results.redressIntro}</Text>
      {result.data && <Text size="sm">{t.results.redressUntil(instantLine(result.data.redress_until, result.data.time_zone, t))}</Text>}
      {redress.data ? (
        <Paper withBorder p="lg" radius="md">
          <Stack gap="md">
            <Stack gap={4}>
              <Title order={2}>{t.results.redressRequest}</Title>
              <Text size="xs" c="dimmed">
                {t.results.redressFiledAt(instantLine(redress.data.filed_at, undefined, t))}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{redress.data.text}</Text>
            </Stack>
            <Stack gap={4}>
              <Title order={2}>{t.results.redressAnswer}</Title>
              {redress.data.answer ? (
                <>
                  {redress.data.answered_at && (
                    <Text size="xs" c="dimmed">
                      {t.results.redressAnsweredAt(instantLine(redress.data.answered_at, undefined, t))}
                    </Text>
                  )}
                  <Text style={{ whiteSpace: 'pre-wrap' }}>{redress.data.answer}</Text>
                </>
              ) : isOperator ? (
                <RedressTextForm proposalId={id} mode="answer" />
              ) : (
                <Text c="dimmed">{t.results.redressAwaiting}</Text>
              )}
            </Stack>
          </Stack>
        </Paper>
      ) : proposal.data?.is_coordinator ? (
        <Paper withBorder p="lg" radius="md">
          <RedressTextForm proposalId={id} mode="file" />
        </Paper>
      ) : (
        <Alert color="gray" variant="light">
          <Stack gap={4}>
            <Text size="sm">{t.results.redressNone}</Text>
            <Text size="sm">{t.results.redressOnlyCoordinator}</Text>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
