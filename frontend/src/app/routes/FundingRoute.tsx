import { Alert, Anchor, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useCall } from '../../lib/api/call';
import { CallStatusBadge } from '../../features/calls/components/CallStatusBadge';
import { useCanManageCalls } from '../../features/calls/status';
import { rankingQueryOptions } from '../../features/evaluation/api/getRanking';
import { useFundingPlan } from '../../features/funding/api/getFundingPlan';
import { EnvelopeChart } from '../../features/funding/components/EnvelopeChart';
import { ExportButtons } from '../../features/funding/components/ExportButtons';
import { FundingPlanTable } from '../../features/funding/components/FundingPlanTable';
import { PromoteProposalForm } from '../../features/funding/components/PromoteProposalForm';
import { ProposalDecisionsPanel } from '../../features/funding/components/ProposalDecisionsPanel';
import { ReleaseResults } from '../../features/funding/components/ReleaseResults';
import { StatisticsCharts } from '../../features/funding/components/StatisticsCharts';
import { WhatIfPanel } from '../../features/funding/components/WhatIfPanel';
import { useMe } from '../../lib/auth/me';
import { useMessages } from '../../i18n';
import type { Call, FundingPlan, PlanEntry, RankedProposal, ReleaseResponse } from '../../lib/api/types';
import { isApiError } from '../../lib/problem';

/** /calls/:id/funding: the funding plan, envelopes, what-if, decisions, exports, statistics and the release. */
export function FundingRoute() {
  const t = useMessages();
  const { id = '' } = useParams();
  const call = useCall(id);
  const plan = useFundingPlan(id);
  const error = call.error ?? plan.error;
  if (error) {
    return (
      <Stack gap="md">
        <Anchor component={Link} to={`/calls/${id}`} size="sm">
          ← {t.funding.back}
        </Anchor>
        <QueryError
          error={error}
          onRetry={
            isApiError(error) && error.status < 500
              ? undefined
              : () => {
                  void call.refetch();
                  void plan.refetch();
                }
          }
        />
      </Stack>
    );
  }
  if (!call.data || !plan.data) return <PageLoader />;
  return <Funding call={call.data} stored={plan.data} />;
}

function Funding({ call, stored }: { call: Call; stored: FundingPlan }) {
  const t = useMessages();
  const me = useMe();
  const isOperator = useCanManageCalls();
  const agency = me.data?.roles.includes('funder') ? (me.data.agency ?? null) : null;
  const ranking = useQuery(rankingQueryOptions(call.id, 'full'));
  const rankedById = useMemo(
    () => new Map<string, RankedProposal>((ranking.data?.main_list ?? []).map((r) => [r.proposal_id, r])),
    [ranking.data],
  );
  const [whatIf, setWhatIf] = useState<FundingPlan | null>(null);
  const [decisionsOf, setDecisionsOf] = useState<PlanEntry | null>(null);
  // Kept here: once released, the call is decided and the release is no longer offered.
  const [released, setReleased] = useState<ReleaseResponse | null>(null);
  const shown = whatIf ?? stored;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/calls/${call.id}`} size="sm">
        ← {t.funding.back}
      </Anchor>
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={1}>{t.funding.title(call.title)}</Title>
          <CallStatusBadge status={call.status} size="lg" />
        </Group>
        {agency && <Text size="sm">{t.funding.yourAgency(agency)}</Text>}
      </Stack>
      <ExportButtons callId={call.id} acronym={call.title.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40)} />
      {isOperator && (call.status === 'in_evaluation' || released) && (
        <Paper withBorder p="lg" radius="md">
          <ReleaseResults callId={call.id} timeZone={call.settings.time_zone} result={released} onReleased={setReleased} />
        </Paper>
      )}
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="envelopes-title">
        <Stack gap="md">
          <Title order={2} id="envelopes-title">
            {t.funding.envelopesTitle}
          </Title>
          {whatIf && (
            <Alert color="orange" variant="light" role="status">
              {t.funding.whatIfBanner}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            {shown.envelopes.map((e) => (
              <EnvelopeChart key={e.agency} envelope={e} />
            ))}
          </SimpleGrid>
        </Stack>
      </Paper>
      <Paper withBorder p="lg" radius="md">
        <WhatIfPanel callId={call.id} plan={stored} onResult={setWhatIf} />
      </Paper>
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="plan-title">
        <Stack gap="md">
          <Group justify="space-between">
            <Title order={2} id="plan-title">
              {t.funding.planTitle}
            </Title>
            {whatIf && (
              <Button variant="default" size="xs" onClick={() => setWhatIf(null)}>
                {t.funding.reset}
              </Button>
            )}
          </Group>
          {whatIf && (
            <Alert color="orange" variant="light">
              {t.funding.whatIfBanner}
            </Alert>
          )}
          <FundingPlanTable
            plan={shown}
            ranking={rankedById}
            onOpenDecisions={agency || isOperator ? setDecisionsOf : undefined}
          />
        </Stack>
      </Paper>
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="statistics-title">
        <Stack gap="md">
          <Title order={2} id="statistics-title">
            {t.funding.statisticsTitle}
          </Title>
          <StatisticsCharts callId={call.id} />
        </Stack>
      </Paper>
      <Modal
        opened={decisionsOf !== null}
        onClose={() => setDecisionsOf(null)}
        title={decisionsOf ? t.funding.decisionsTitle(decisionsOf.acronym) : ''}
        size="lg"
      >
        {decisionsOf && (
          <Stack gap="lg">
            {isOperator && call.status === 'in_evaluation' && decisionsOf.status === 'reserve' && !decisionsOf.promotion && (
              <PromoteProposalForm entry={decisionsOf} onDone={() => setDecisionsOf(null)} />
            )}
            <ProposalDecisionsPanel proposalId={decisionsOf.proposal_id} agency={agency} />
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
