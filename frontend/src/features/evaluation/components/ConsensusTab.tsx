import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { PageLoader } from '../../../components/PageLoader';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import type { Stage } from '../../../lib/api/types';
import { errorMessage } from '../../../lib/problem';
import { consensusQueryOptions } from '../../consensus/api/getConsensus';
import { ConsensusStatusBadge } from '../../consensus/components/ConsensusView';
import { formatScore } from '../../../lib/scoring';
import { useEligibility } from '../api/getEligibility';
import { ActionsHeader } from '../../../components/ActionsHeader';

/** Where each eligible proposal's consensus stands, with a link to the report (approval happens there). */
export function ConsensusTab({ callId, stage }: { callId: string; stage: Stage }) {
  const t = useMessages();
  const eligibility = useEligibility(callId, stage);
  const eligible = (eligibility.data ?? []).filter((e) => e.status === 'eligible');
  const reports = useQueries({ queries: eligible.map((e) => consensusQueryOptions(e.proposal_id)) });
  if (eligibility.isPending) return <PageLoader />;
  if (eligibility.isError) return <QueryError error={eligibility.error} onRetry={() => void eligibility.refetch()} />;
  if (eligible.length === 0) return <EmptyState>{t.evaluation.consensusEmpty}</EmptyState>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.evaluation.acronym}</Table.Th>
            <Table.Th>{t.evaluation.consensusStatus}</Table.Th>
            <Table.Th>{t.evaluation.rapporteur}</Table.Th>
            <Table.Th>{t.evaluation.reviewsIn}</Table.Th>
            <Table.Th>{t.evaluation.outcome}</Table.Th>
            <ActionsHeader />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {eligible.map((e, i) => {
            const report = reports[i];
            const c = report?.data;
            return (
              <Table.Tr key={e.proposal_id}>
                <Table.Td>
                  <Anchor component={Link} to={`/proposals/${e.proposal_id}/evaluation`} fw={600}>
                    {e.acronym}
                  </Anchor>
                </Table.Td>
                {report?.isError ? (
                  <Table.Td colSpan={4}>
                    <Text size="sm" c="red">
                      {errorMessage(report.error, t)}
                    </Text>
                  </Table.Td>
                ) : !c ? (
                  <Table.Td colSpan={4}>
                    <Text size="sm" c="dimmed">
                      {t.app.loading}
                    </Text>
                  </Table.Td>
                ) : (
                  <>
                    <Table.Td>
                      <ConsensusStatusBadge status={c.status} />
                    </Table.Td>
                    <Table.Td>{c.rapporteur ?? t.common.none}</Table.Td>
                    <Table.Td>
                      <Badge color={c.all_reviews_in ? 'green' : 'yellow'} variant="light">
                        {c.all_reviews_in ? t.evaluation.allIn : t.evaluation.outstanding}
                      </Badge>
                      {c.spread_flags.length > 0 && (
                        <Badge color="orange" variant="light" ml={4} style={{ textTransform: 'none' }}>
                          {t.consensus.spreadFlag}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {c.outcome ? (
                        <Badge color={c.outcome.passed ? 'green' : 'red'} variant="filled">
                          {c.outcome.passed ? t.evaluation.pass : t.evaluation.fail} · {formatScore(c.outcome.total, t.format.locale)}
                        </Badge>
                      ) : (
                        t.common.none
                      )}
                    </Table.Td>
                  </>
                )}
                <Table.Td ta="right">
                  <Button component={Link} to={`/proposals/${e.proposal_id}/consensus`} size="xs" variant="light">
                    {t.evaluation.openConsensus}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
