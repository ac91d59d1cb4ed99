import { Badge, Group } from '@mantine/core';
import { useMessages } from '../i18n/index';
import type { AssignmentStatus, ReviewStatus } from '../lib/api/types';

const ASSIGNMENT_COLORS: Record<AssignmentStatus, string> = {
  assigned: 'yellow',
  cleared: 'green',
  declined: 'gray',
  removed: 'gray',
};

export function AssignmentStatusBadge({ status }: { status: AssignmentStatus }) {
  const t = useMessages();
  return (
    <Badge color={ASSIGNMENT_COLORS[status]} variant="light">
      {t.reviews.assignmentStatuses[status]}
    </Badge>
  );
}

export function ReviewStatusBadge({ status }: { status: ReviewStatus | null | undefined }) {
  const t = useMessages();
  const key = status ?? 'none';
  return (
    <Badge color={key === 'submitted' ? 'blue' : key === 'draft' ? 'cyan' : 'gray'} variant="light">
      {t.reviews.reviewStatuses[key]}
    </Badge>
  );
}

/** Assignment status, review status and, for the rapporteur, a badge saying so. */
export function AssignmentBadges({
  status,
  reviewStatus,
  rapporteur,
}: {
  status: AssignmentStatus;
  reviewStatus: ReviewStatus | null | undefined;
  rapporteur: boolean;
}) {
  const t = useMessages();
  return (
    <Group gap={4}>
      <AssignmentStatusBadge status={status} />
      {status === 'cleared' && <ReviewStatusBadge status={reviewStatus} />}
      {rapporteur && (
        <Badge color="grape" variant="light">
          {t.reviews.rapporteurBadge}
        </Badge>
      )}
    </Group>
  );
}
