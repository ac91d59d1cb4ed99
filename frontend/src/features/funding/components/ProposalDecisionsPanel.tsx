import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { PageLoader } from '../../../components/PageLoader';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import type { Agency, PartnerDecision } from '../../../lib/api/types';
import { formatEuros } from '../../../lib/money';
import { instantLine } from '../../../lib/zoned';
import { useDecisions } from '../api/getDecisions';
import { DecisionForm } from './DecisionForm';
import { OutcomeBadge } from './PlanBadges';

/** `withDate`: false where the decision form below already says when it was decided. */
function DecisionSummary({ partner: p, withDate }: { partner: PartnerDecision; withDate: boolean }) {
  const t = useMessages();
  const euros = (cents: number) => formatEuros(cents, t.format.locale);
  return (
    <Stack gap={2}>
      <Text size="sm">
        {t.funding.requested}: {euros(p.requested_cents)}
      </Text>
      <Text size="sm">
        {t.funding.decision}:{' '}
        {p.decision === 'approved'
          ? `${t.funding.approve} — ${euros(p.amount_cents ?? 0)}`
          : p.decision === 'rejected'
            ? t.funding.reject
            : t.funding.noDecision}
      </Text>
      {p.comment && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {t.funding.comment}: {p.comment}
        </Text>
      )}
      {withDate && p.decided_at && (
        <Text size="xs" c="dimmed">
          {t.funding.decidedOn(instantLine(p.decided_at, undefined, t))}
        </Text>
      )}
    </Stack>
  );
}

/**
 * A proposal's decisions and outcome. A funder's staff decide for their agency's partners; the
 * others (and everything, for operators) are shown read-only.
 */
export function ProposalDecisionsPanel({
  proposalId,
  agency,
}: {
  proposalId: string;
  agency: Agency | null;
}) {
  const t = useMessages();
  const decisions = useDecisions(proposalId);
  if (decisions.isPending) return <PageLoader />;
  if (decisions.isError) return <QueryError error={decisions.error} onRetry={() => void decisions.refetch()} />;
  const d = decisions.data;
  const visible = agency ? d.partners.filter((p) => p.agency === agency) : d.partners;
  return (
    <Stack gap="md">
      <Group gap="sm">
        <Text fw={600}>{t.funding.proposalOutcome}:</Text>
        <OutcomeBadge outcome={d.outcome} />
        <Anchor component={Link} to={`/proposals/${proposalId}/consensus`} size="sm">
          {t.funding.consensus}
        </Anchor>
      </Group>
      {visible.length === 0 && <Text c="dimmed">{t.funding.decisionsEmpty}</Text>}
      {visible.map((p) => {
        const ours = agency !== null && p.agency === agency;
        return (
          <Paper key={p.partner_id} withBorder p="md" radius="md">
            <Stack gap="sm">
              <Title order={3} size="h4">
                {p.organisation}{' '}
                <Text span c="dimmed" size="sm">
                  ({p.agency})
                </Text>
              </Title>
              <DecisionSummary partner={p} withDate={!ours} />
              {ours && <DecisionForm key={`${p.partner_id}-${p.version}`} proposalId={proposalId} partner={p} />}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
