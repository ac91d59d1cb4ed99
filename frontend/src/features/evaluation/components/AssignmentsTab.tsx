import { Alert, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '../../../components/EmptyState';
import { FormError } from '../../../components/FormError';
import { PageLoader } from '../../../components/PageLoader';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import type { AutoAssignmentReport, Stage } from '../../../lib/api/types';
import { errorMessage } from '../../../lib/problem';
import { useAutoAssign } from '../api/autoAssign';
import { useEligibility } from '../api/getEligibility';
import { useExperts } from '../api/getExperts';
import { ProposalAssignments } from './ProposalAssignments';

/** What the solver did: assignments added, the total, the match, and who is still short of reviewers, and why. */
export function AutoAssignReport({ report }: { report: AutoAssignmentReport }) {
  const t = useMessages();
  return (
    <Alert color={report.shortfalls.length > 0 ? 'orange' : 'green'} variant="light" role="status" title={t.evaluation.autoReportTitle}>
      <Stack gap={4}>
        <Text size="sm">{t.evaluation.autoCreated(report.created.length)}</Text>
        <Text size="sm">{t.evaluation.autoTotal(report.total)}</Text>
        <Text size="sm">{t.evaluation.autoObjective(report.objective)}</Text>
        {report.shortfalls.length === 0 ? (
          <Text size="sm">{t.evaluation.shortfallsNone}</Text>
        ) : (
          <>
            <Text size="sm" fw={600}>
              {t.evaluation.shortfallsTitle}
            </Text>
            <List size="sm">
              {report.shortfalls.map((s) => (
                <List.Item key={s.proposal_id}>
                  <Text span fw={600} size="sm">
                    {s.acronym}
                  </Text>
                  {`: ${t.evaluation.missing(s.missing)}. ${s.reason}`}
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </Alert>
  );
}

/** Every eligible proposal of the stage with its experts; the auto-assignment for all of them at once. */
export function AssignmentsTab({ callId, stage }: { callId: string; stage: Stage }) {
  const t = useMessages();
  const eligibility = useEligibility(callId, stage);
  const experts = useExperts(callId);
  const auto = useAutoAssign();
  const [report, setReport] = useState<AutoAssignmentReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (eligibility.isPending || experts.isPending) return <PageLoader />;
  if (eligibility.isError) return <QueryError error={eligibility.error} onRetry={() => void eligibility.refetch()} />;
  if (experts.isError) return <QueryError error={experts.error} onRetry={() => void experts.refetch()} />;
  const eligible = eligibility.data.filter((e) => e.status === 'eligible');
  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t.evaluation.autoAssign}
          </Title>
          <Text size="sm">{t.evaluation.autoAssignHint}</Text>
          <Group>
            <Button
              loading={auto.isPending}
              disabled={eligible.length === 0}
              onClick={() => {
                setError(null);
                setReport(null);
                auto.mutate({ callId, stage }, { onSuccess: setReport, onError: (e) => setError(errorMessage(e, t)) });
              }}
            >
              {t.evaluation.autoAssign}
            </Button>
          </Group>
          <FormError message={error} />
          {report && <AutoAssignReport report={report} />}
        </Stack>
      </Paper>
      {eligible.length === 0 ? (
        <EmptyState>{t.evaluation.assignmentsEmpty}</EmptyState>
      ) : (
        eligible.map((e) => (
          <ProposalAssignments key={e.proposal_id} proposalId={e.proposal_id} acronym={e.acronym} experts={experts.data} />
        ))
      )}
    </Stack>
  );
}
