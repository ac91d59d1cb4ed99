import { Alert, Anchor, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { callQueryOptions } from '../../lib/api/call';
import { ZonedTime } from '../../components/ZonedTime';
import { useAssignment } from '../../features/reviews/api/getAssignment';
import { AssignmentBadges } from '../../components/AssignmentBadges';
import { DeclarationForm } from '../../features/reviews/components/DeclarationForm';
import { ReviewSection } from '../../features/reviews/components/ReviewSection';
import { criteriaOf } from '../../lib/scoring';
import { useMessages } from '../../i18n';
import type { ExpertAssignment } from '../../lib/api/types';
import { isApiError } from '../../lib/problem';

/** /reviews/:assignmentId: declaration, then the proposal, the scoring form and the others' reviews. */
export function ReviewAssignmentRoute() {
  const t = useMessages();
  const { assignmentId = '' } = useParams();
  const assignment = useAssignment(assignmentId);
  if (assignment.isPending) return <PageLoader />;
  if (assignment.isError) {
    return (
      <Stack gap="md">
        <Anchor component={Link} to="/reviews" size="sm">
          ← {t.reviews.back}
        </Anchor>
        <QueryError
          error={assignment.error}
          onRetry={isApiError(assignment.error) && assignment.error.status < 500 ? undefined : () => void assignment.refetch()}
        />
      </Stack>
    );
  }
  return <AssignmentPage a={assignment.data} />;
}

function AssignmentPage({ a }: { a: ExpertAssignment }) {
  const t = useMessages();
  const call = useQuery(callQueryOptions(a.call_id));
  const timeZone = call.data?.settings.time_zone;
  const status = a.assignment.status;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/reviews" size="sm">
        ← {t.reviews.back}
      </Anchor>
      <Stack gap={4}>
        <Group gap="sm" align="center">
          <Title order={1}>{a.acronym}</Title>
          <AssignmentBadges status={status} reviewStatus={a.review_status} rapporteur={a.rapporteur} />
        </Group>
        <Text>{a.title}</Text>
        <Text size="sm" c="dimmed">
          {a.call_title} · {t.proposals.stages[a.assignment.stage] ?? a.assignment.stage}
        </Text>
      </Stack>
      <Group align="flex-start" gap="xl">
        <Stack gap={2}>
          <Text fw={600} size="sm">
            {t.reviews.partners}
          </Text>
          <List size="sm">
            {a.partners.map((name) => (
              <List.Item key={name}>{name}</List.Item>
            ))}
          </List>
        </Stack>
        {a.review_deadline && (
          <Stack gap={2}>
            <Text fw={600} size="sm">
              {t.reviews.deadline}
            </Text>
            <ZonedTime utc={a.review_deadline} timeZone={timeZone} />
          </Stack>
        )}
      </Group>

      {status === 'assigned' && <DeclarationForm assignmentId={a.assignment.id} />}
      {status === 'declined' && (
        <Alert color="gray" variant="light">
          {t.reviews.declinedInfoNoNote}
        </Alert>
      )}
      {status === 'removed' && (
        <Alert color="gray" variant="light">
          {t.reviews.removedInfo}
        </Alert>
      )}
      {status === 'cleared' && (
        <>
          {a.rapporteur && (
            <Paper withBorder p="md" radius="md" bg="var(--mantine-color-grape-light)">
              <Group justify="space-between">
                <Stack gap={2}>
                  <Text fw={600}>{t.reviews.rapporteurTitle}</Text>
                  <Text size="sm">{t.reviews.rapporteurIntro}</Text>
                </Stack>
                <Button component={Link} to={`/proposals/${a.proposal_id}/consensus`}>
                  {t.reviews.openConsensus}
                </Button>
              </Group>
            </Paper>
          )}
          <Group>
            <Button component={Link} to={`/reviews/${a.assignment.id}/proposal`} variant="light">
              {t.reviews.readProposal}
            </Button>
          </Group>
          {call.isError ? (
            <QueryError error={call.error} onRetry={() => void call.refetch()} />
          ) : call.data ? (
            <ReviewSection
              assignmentId={a.assignment.id}
              criteria={criteriaOf(call.data.settings, a.assignment.stage)}
              timeZone={timeZone}
            />
          ) : (
            <PageLoader />
          )}
        </>
      )}
    </Stack>
  );
}
