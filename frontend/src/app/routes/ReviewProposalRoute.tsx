import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { callQueryOptions } from '../../lib/api/call';
import { proposalQueryOptions } from '../../features/proposals/api/getProposal';
import { BudgetsPanel } from '../../features/proposals/components/BudgetsPanel';
import { ConsortiumPanel } from '../../features/proposals/components/ConsortiumPanel';
import { DocumentsPanel } from '../../features/proposals/components/DocumentsPanel';
import { ProposalOverviewForm } from '../../features/proposals/components/ProposalOverviewForm';
import { useAssignment } from '../../features/reviews/api/getAssignment';
import { useMessages } from '../../i18n';
import type { Proposal } from '../../lib/api/types';
import { isApiError } from '../../lib/problem';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={title}>
      <Stack gap="md">
        <Title order={2}>{title}</Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** /reviews/:assignmentId/proposal: the proposal as a cleared expert reads it, nothing editable. */
export function ReviewProposalRoute() {
  const t = useMessages();
  const { assignmentId = '' } = useParams();
  const assignment = useAssignment(assignmentId);
  const proposalId = assignment.data?.proposal_id ?? '';
  const proposal = useQuery({ ...proposalQueryOptions(proposalId), enabled: assignment.data?.content_open === true });
  const back = (
    <Anchor component={Link} to={`/reviews/${assignmentId}`} size="sm">
      ← {t.reviews.backToAssignment}
    </Anchor>
  );
  const failed = assignment.error ?? proposal.error;
  if (failed) {
    return (
      <Stack gap="md">
        {back}
        <QueryError error={failed} onRetry={isApiError(failed) && failed.status < 500 ? undefined : () => void proposal.refetch()} />
      </Stack>
    );
  }
  if (assignment.data && !assignment.data.content_open) {
    return (
      <Stack gap="md">
        {back}
        <Text>{t.reviews.declarationIntro}</Text>
      </Stack>
    );
  }
  if (!proposal.data) return <PageLoader />;
  return (
    <Stack gap="lg">
      {back}
      <ProposalView proposal={proposal.data} />
    </Stack>
  );
}

function ProposalView({ proposal: p }: { proposal: Proposal }) {
  const t = useMessages();
  const call = useQuery(callQueryOptions(p.call_id));
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Group gap="sm" align="center">
          <Title order={1}>{t.reviews.proposalTitle(p.acronym)}</Title>
          <Badge variant="outline">{t.proposals.stages[p.stage] ?? p.stage}</Badge>
        </Group>
        <Text>{p.title}</Text>
        {call.data && (
          <Text size="sm" c="dimmed">
            {call.data.title}
          </Text>
        )}
      </Stack>
      <Section title={t.proposals.sections.overview}>
        <ProposalOverviewForm key={p.id} proposal={p} editable={false} />
      </Section>
      <Section title={t.proposals.sections.consortium}>
        <ConsortiumPanel proposal={p} editable={false} />
      </Section>
      <Section title={t.proposals.sections.budgets}>
        <BudgetsPanel proposal={p} editable={false} />
      </Section>
      <Section title={t.proposals.sections.documents}>
        {call.isError ? (
          <QueryError error={call.error} onRetry={() => void call.refetch()} />
        ) : call.data ? (
          <DocumentsPanel proposal={p} requirements={call.data.settings.documents} editable={false} />
        ) : (
          <PageLoader />
        )}
      </Section>
    </Stack>
  );
}
