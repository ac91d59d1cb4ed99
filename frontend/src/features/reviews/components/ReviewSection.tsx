import { Paper, Stack, Text, Title } from '@mantine/core';
import { PageLoader } from '../../../components/PageLoader';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import type { Criterion } from '../../../lib/api/types';
import { instantLine } from '../../../lib/zoned';
import { useReview } from '../api/getReview';
import { PeerReviewsPanel } from './PeerReviewsPanel';
import { ReviewContentView } from '../../../components/scoring/ReviewContentView';
import { ReviewEditor } from './ReviewEditor';
import { ReviewVersions } from './ReviewVersions';

/** A cleared expert's review (editor, or read-only once submitted), the others' reviews and the saved versions. */
export function ReviewSection({
  assignmentId,
  criteria,
  timeZone,
}: {
  assignmentId: string;
  criteria: readonly Criterion[];
  timeZone: string | undefined;
}) {
  const t = useMessages();
  const review = useReview(assignmentId);
  if (review.isPending) return <PageLoader />;
  if (review.isError) return <QueryError error={review.error} onRetry={() => void review.refetch()} />;
  const r = review.data;
  const submitted = r.status === 'submitted';
  return (
    <Stack gap="lg">
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="review-title">
        <Stack gap="md">
          <Title order={2} id="review-title">
            {t.reviews.scoringTitle}
          </Title>
          {submitted ? (
            <>
              <Text size="sm" c="dimmed">
                {t.reviews.submittedOn(r.submitted_at ? instantLine(r.submitted_at, timeZone, t) : '')}
              </Text>
              <ReviewContentView criteria={criteria} content={r.content} />
            </>
          ) : (
            <ReviewEditor key={r.id} assignmentId={assignmentId} review={r} criteria={criteria} />
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="lg" radius="md">
        <PeerReviewsPanel assignmentId={assignmentId} submitted={submitted} criteria={criteria} timeZone={timeZone} />
      </Paper>
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="versions-title">
        <Stack gap="sm">
          <Title order={2} id="versions-title" size="h3">
            {t.reviews.versionsTitle}
          </Title>
          <ReviewVersions assignmentId={assignmentId} criterionKeys={criteria.map((c) => c.key)} timeZone={timeZone} />
        </Stack>
      </Paper>
    </Stack>
  );
}
