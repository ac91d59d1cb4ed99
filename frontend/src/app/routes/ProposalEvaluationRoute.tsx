import { Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useExperts } from '../../features/evaluation/api/getExperts';
import { ProposalAssignments } from '../../features/evaluation/components/ProposalAssignments';
import { useProposal } from '../../features/proposals/api/getProposal';
import { ProposalStatusBadge } from '../../components/ProposalStatusBadge';
import { useMessages } from '../../i18n';
import type { Proposal } from '../../lib/api/types';
import { isApiError } from '../../lib/problem';

/** /proposals/:id/evaluation: one proposal's experts for the operator (the conflict-of-interest mail links here). */
export function ProposalEvaluationRoute() {
  const { id = '' } = useParams();
  const proposal = useProposal(id);
  if (proposal.isPending) return <PageLoader />;
  if (proposal.isError) {
    return (
      <QueryError
        error={proposal.error}
        onRetry={isApiError(proposal.error) && proposal.error.status < 500 ? undefined : () => void proposal.refetch()}
      />
    );
  }
  return <ProposalEvaluation proposal={proposal.data} />;
}

function ProposalEvaluation({ proposal: p }: { proposal: Proposal }) {
  const t = useMessages();
  const experts = useExperts(p.call_id);
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/calls/${p.call_id}/evaluation?tab=assignments&stage=${p.stage}`} size="sm">
        ← {t.evaluation.toCallEvaluation}
      </Anchor>
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={1}>{t.evaluation.proposalEvaluation(p.acronym)}</Title>
          <ProposalStatusBadge status={p.status} size="lg" />
          <Badge variant="outline">{t.proposals.stages[p.stage] ?? p.stage}</Badge>
        </Group>
        <Text>{p.title}</Text>
      </Stack>
      <Group>
        <Button component={Link} to={`/proposals/${p.id}`} variant="default">
          {t.evaluation.openProposal}
        </Button>
        <Button component={Link} to={`/proposals/${p.id}/consensus`} variant="light">
          {t.evaluation.tabs.consensus}
        </Button>
      </Group>
      {experts.isPending ? (
        <PageLoader />
      ) : experts.isError ? (
        <QueryError error={experts.error} onRetry={() => void experts.refetch()} />
      ) : (
        <ProposalAssignments proposalId={p.id} acronym={p.acronym} experts={experts.data} />
      )}
    </Stack>
  );
}
