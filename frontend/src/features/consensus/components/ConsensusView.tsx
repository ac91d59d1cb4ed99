import { Alert, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMessages } from '../../../i18n';
import type { Consensus, ConsensusStatus, Criterion } from '../../../lib/api/types';
import { instantLine } from '../../../lib/zoned';
import { ReviewContentView } from '../../../components/scoring/ReviewContentView';
import { ScoringForm } from '../../../components/scoring/ScoringForm';
import { toReviewFormValues } from '../../../lib/scoring';
import { ApproveConsensus } from './ApproveConsensus';
import { ConsensusEditor } from './ConsensusEditor';
import { OutcomePanel } from './OutcomePanel';
import { ReplyPanel } from './ReplyPanel';
import { ReviewsSideBySide } from './ReviewsSideBySide';

const STATUS_COLORS: Record<ConsensusStatus, string> = {
  awaiting_rapporteur: 'gray',
  draft: 'yellow',
  approved: 'green',
};

export function ConsensusStatusBadge({ status }: { status: ConsensusStatus }) {
  const t = useMessages();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {t.consensus.statuses[status]}
    </Badge>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby={id}>
      <Stack gap="md">
        <Title order={2} id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * A proposal's consensus: the reviews side by side with the flagged spreads,
 * the report (written by the rapporteur once every review is in), the
 * outcome by the thresholds, the consortium's reply and, for the operator,
 * the approval.
 */
export function ConsensusView({
  consensus: c,
  criteria,
  overallThreshold,
  timeZone,
  isOperator,
}: {
  consensus: Consensus;
  criteria: readonly Criterion[];
  overallThreshold: number | null;
  timeZone: string | undefined;
  isOperator: boolean;
}) {
  const t = useMessages();
  const editable = c.you_are_rapporteur && c.all_reviews_in && c.status === 'draft';
  let form: ReactNode;
  if (editable) {
    form = <ConsensusEditor consensus={c} criteria={criteria} />;
  } else if (c.you_are_rapporteur && !c.all_reviews_in) {
    form = (
      <Stack gap="md">
        <Alert color="blue" variant="light">
          {t.consensus.waitingForReviews}
        </Alert>
        <ScoringForm
          criteria={criteria}
          values={toReviewFormValues(c.content, criteria)}
          onChange={() => undefined}
          disabled
          idPrefix="consensus"
        />
      </Stack>
    );
  } else {
    form = (
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {c.status === 'approved' && c.approved_at
            ? t.consensus.readOnlyApproved(instantLine(c.approved_at, timeZone, t))
            : !c.all_reviews_in
              ? t.consensus.waitingForReviews
              : t.consensus.readOnlyNotRapporteur}
        </Text>
        <ReviewContentView criteria={criteria} content={c.content} />
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={1}>{t.consensus.title(c.acronym)}</Title>
          <ConsensusStatusBadge status={c.status} />
          <Badge variant="outline">{t.proposals.stages[c.stage] ?? c.stage}</Badge>
        </Group>
        <Text size="sm">{c.rapporteur ? t.consensus.rapporteurIs(c.rapporteur) : t.consensus.noRapporteur}</Text>
        {c.you_are_rapporteur && <Text size="sm">{t.consensus.youAreRapporteur}</Text>}
      </Stack>
      {!c.all_reviews_in && !c.you_are_rapporteur && (
        <Alert color="blue" variant="light">
          {t.consensus.waitingForReviews}
        </Alert>
      )}
      <Section id="consensus-reviews" title={t.consensus.reviewsTitle}>
        <ReviewsSideBySide criteria={criteria} reviews={c.reviews} spreadFlags={c.spread_flags} />
      </Section>
      <Section id="consensus-form" title={t.consensus.formTitle}>
        {form}
      </Section>
      <Section id="consensus-outcome" title={t.consensus.outcomeTitle}>
        <OutcomePanel outcome={c.outcome} criteria={criteria} overallThreshold={overallThreshold} />
        {isOperator && c.status === 'draft' && <ApproveConsensus proposalId={c.proposal_id} criteria={criteria} />}
      </Section>
      <Section id="consensus-reply" title={t.consensus.replyTitle}>
        <ReplyPanel reply={c.reply} timeZone={timeZone} />
      </Section>
    </Stack>
  );
}
