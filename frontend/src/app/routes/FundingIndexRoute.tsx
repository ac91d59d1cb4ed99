import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useCalls } from '../../features/calls/api/getCalls';
import { CallStatusBadge } from '../../features/calls/components/CallStatusBadge';
import { useMessages } from '../../i18n';

/** /funding: the calls a funder decides on (in evaluation) or has decided, each linking to its funding page. */
export function FundingIndexRoute() {
  const t = useMessages();
  const inEvaluation = useCalls({ status: 'in_evaluation' });
  const decided = useCalls({ status: 'decided' });
  const error = inEvaluation.error ?? decided.error;
  if (error) {
    return (
      <QueryError
        error={error}
        onRetry={() => {
          void inEvaluation.refetch();
          void decided.refetch();
        }}
      />
    );
  }
  if (!inEvaluation.data || !decided.data) return <PageLoader />;
  const calls = [...inEvaluation.data.items, ...decided.data.items];
  return (
    <Stack gap="lg">
      <Title order={1}>{t.funding.indexTitle}</Title>
      <Text>{t.funding.indexIntro}</Text>
      {calls.length === 0 ? (
        <EmptyState>{t.funding.indexEmpty}</EmptyState>
      ) : (
        <Table withTableBorder striped>
          <Table.Tbody>
            {calls.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Th scope="row">
                  <Anchor component={Link} to={`/calls/${c.id}/funding`}>
                    {c.title}
                  </Anchor>
                </Table.Th>
                <Table.Td>
                  <CallStatusBadge status={c.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
