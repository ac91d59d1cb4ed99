import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useQuery } from '@tanstack/react-query';
import { callQueryOptions } from '../../lib/api/call';
import { useProposal } from '../../features/proposals/api/getProposal';
import { BudgetsPanel } from '../../features/proposals/components/BudgetsPanel';
import { ChecklistPanel } from '../../features/proposals/components/ChecklistPanel';
import { ConsortiumPanel } from '../../features/proposals/components/ConsortiumPanel';
import { DocumentsPanel } from '../../features/proposals/components/DocumentsPanel';
import { ProposalOverviewForm } from '../../features/proposals/components/ProposalOverviewForm';
import { ProposalStatusBadge } from '../../components/ProposalStatusBadge';
import { SubmissionPanel } from '../../features/proposals/components/SubmissionPanel';
import { SECTION_IDS, goToAnchor, type SectionKey } from '../../features/proposals/checklistLinks';
import { useDeadlineState } from '../../features/calls/countdown';
import { useMessages } from '../../i18n';
import type { Proposal } from '../../lib/api/types';
import { formatInZone, viewerTimeZone } from '../../lib/datetime';
import { isApiError } from '../../lib/problem';

function Section({ section, title, children }: { section: SectionKey; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" id={SECTION_IDS[section]} tabIndex={-1} aria-label={title}>
      <Stack gap="md">
        <Title order={2}>{title}</Title>
        {children}
      </Stack>
    </Paper>
  );
}

const ORDER: SectionKey[] = ['overview', 'consortium', 'budgets', 'documents', 'checklist', 'submission'];

export function ProposalRoute() {
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
  return <ProposalPage proposal={proposal.data} />;
}

function ProposalPage({ proposal: p }: { proposal: Proposal }) {
  const t = useMessages();
  const call = useQuery(callQueryOptions(p.call_id));
  // The server refuses changes after the deadline anyway; this only greys the buttons out in time.
  const { passed: deadlinePassed } = useDeadlineState(p.deadline ?? '', false);
  const editable = p.status === 'draft' && !deadlinePassed;
  const callTimeZone = call.data?.settings.time_zone;
  const deadline = p.deadline
    ? formatInZone(p.deadline, callTimeZone ?? viewerTimeZone(), t.format.locale)
    : null;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/calls/${p.call_id}`} size="sm">
        ← {t.proposals.back}
      </Anchor>
      <Stack gap={4}>
        <Group gap="sm" align="center">
          <Title order={1}>{p.acronym}</Title>
          <ProposalStatusBadge status={p.status} size="lg" />
          <Badge variant="outline">{t.proposals.stages[p.stage] ?? p.stage}</Badge>
          {p.is_coordinator && <Badge variant="light">{t.proposals.coordinatorBadge}</Badge>}
        </Group>
        <Text>{p.title}</Text>
        {call.data && (
          <Text size="sm" c="dimmed">
            {call.data.title}
          </Text>
        )}
        {call.data?.status === 'decided' && (
          <Group gap="sm" mt="xs">
            <Button component={Link} to={`/proposals/${p.id}/result`} variant="light" size="sm">
              {t.results.link}
            </Button>
            <Anchor component={Link} to={`/proposals/${p.id}/redress`} size="sm">
              {t.results.redress}
            </Anchor>
          </Group>
        )}
        {deadline && (
          <Text size="sm" c={deadlinePassed ? 'red' : undefined}>
            {t.proposals.deadline(`${deadline.date} ${deadline.time}${callTimeZone ? ` (${callTimeZone})` : ''}`)}
          </Text>
        )}
      </Stack>
      <Group gap="xs" component="nav" aria-label={t.proposals.sections.overview}>
        {ORDER.map((key) => (
          <Anchor
            key={key}
            href={`#${SECTION_IDS[key]}`}
            size="sm"
            onClick={(event) => {
              if (goToAnchor(SECTION_IDS[key])) event.preventDefault();
            }}
          >
            {t.proposals.sections[key]}
          </Anchor>
        ))}
      </Group>
      {!editable && (
        <Text size="sm" c="dimmed">
          {t.proposals.readOnly}
        </Text>
      )}
      <Section section="overview" title={t.proposals.sections.overview}>
        <ProposalOverviewForm key={p.id} proposal={p} editable={editable} />
      </Section>
      <Section section="consortium" title={t.proposals.sections.consortium}>
        <ConsortiumPanel proposal={p} editable={editable} />
      </Section>
      <Section section="budgets" title={t.proposals.sections.budgets}>
        <BudgetsPanel proposal={p} editable={editable} />
      </Section>
      <Section section="documents" title={t.proposals.sections.documents}>
        {call.isError ? (
          <QueryError error={call.error} onRetry={() => void call.refetch()} />
        ) : call.data ? (
          <DocumentsPanel proposal={p} requirements={call.data.settings.documents} editable={editable} />
        ) : (
          <PageLoader />
        )}
      </Section>
      <Section section="checklist" title={t.proposals.sections.checklist}>
        <ChecklistPanel proposalId={p.id} partnerIds={p.partners.map((x) => x.id)} />
      </Section>
      <Section section="submission" title={t.proposals.sections.submission}>
        <SubmissionPanel proposal={p} deadlinePassed={deadlinePassed} />
      </Section>
    </Stack>
  );
}
