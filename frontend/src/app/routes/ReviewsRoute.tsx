import { Stack, Text, Title } from '@mantine/core';
import { EmptyState } from '../../components/EmptyState';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useMyAssignments } from '../../features/reviews/api/getMyAssignments';
import { MyAssignmentsTable } from '../../features/reviews/components/MyAssignmentsTable';
import { useMessages } from '../../i18n';

/** /reviews: the expert's assignments (the mails link here). */
export function ReviewsRoute() {
  const t = useMessages();
  const assignments = useMyAssignments();
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t.reviews.title}</Title>
        <Text c="dimmed">{t.reviews.intro}</Text>
      </Stack>
      {assignments.isPending ? (
        <PageLoader />
      ) : assignments.isError ? (
        <QueryError error={assignments.error} onRetry={() => void assignments.refetch()} />
      ) : assignments.data.length === 0 ? (
        <EmptyState>{t.reviews.empty}</EmptyState>
      ) : (
        <MyAssignmentsTable assignments={assignments.data} />
      )}
    </Stack>
  );
}
