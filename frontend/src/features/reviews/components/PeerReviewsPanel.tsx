import { Stack, Text, Title } from '@mantine/core';
import { PageLoader } from '../../../components/PageLoader';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import type { Criterion } from '../../../lib/api/types';
import { instantLine } from '../../../lib/zoned';
import { usePeerReviews } from '../api/getPeerReviews';
import { ReviewContentView } from '../../../components/scoring/ReviewContentView';

/** The other experts' submitted reviews, under letters; locked until the expert's own is submitted. */
export function PeerReviewsPanel({
  assignmentId,
  submitted,
  criteria,
  timeZone,
}: {
  assignmentId: string;
  submitted: boolean;
  criteria: readonly Criterion[];
  timeZone: string | undefined;
}) {
  const t = useMessages();
  const peers = usePeerReviews(assignmentId, submitted);
  let body;
  if (!submitted) {
    body = <Text c="dimmed">{t.reviews.peersLocked}</Text>;
  } else if (peers.isPending) {
    body = <PageLoader />;
  } else if (peers.isError) {
    body = <QueryError error={peers.error} onRetry={() => void peers.refetch()} />;
  } else {
    body = (
      <Stack gap="md">
        <Text size="sm">{t.reviews.youAre(peers.data.you_are)}</Text>
        {peers.data.reviews.length === 0 && <Text c="dimmed">{t.reviews.peersNone}</Text>}
        {peers.data.reviews.map((review) => (
          <Stack key={review.label} gap="xs" component="article" aria-label={review.label}>
            <div>
              <Title order={3} size="h4">
                {review.label}
              </Title>
              {review.submitted_at && (
                <Text size="xs" c="dimmed">
                  {t.reviews.submittedAt(instantLine(review.submitted_at, timeZone, t))}
                </Text>
              )}
            </div>
            <ReviewContentView criteria={criteria} content={review.content} />
          </Stack>
        ))}
      </Stack>
    );
  }
  return (
    <Stack gap="sm" component="section" aria-labelledby="peers-title">
      <Title order={2} id="peers-title">
        {t.reviews.peersTitle}
      </Title>
      {body}
    </Stack>
  );
}
