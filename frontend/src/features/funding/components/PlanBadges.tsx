import { Badge } from '@mantine/core';
import { useMessages } from '../../../i18n';
import type { DecisionOutcome, PlanStatus } from '../../../lib/api/types';

const PLAN_COLORS: Record<PlanStatus, string> = { funded: 'green', rejected: 'red', fundable: 'blue', reserve: 'yellow' };
const OUTCOME_COLORS: Record<DecisionOutcome, string> = { funded: 'green', rejected: 'red', pending: 'gray' };

/** `miw`: a badge in a narrow table column keeps its whole word rather than an ellipsis. */
export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const t = useMessages();
  return (
    <Badge color={PLAN_COLORS[status]} variant="light" miw="max-content">
      {t.funding.planStatuses[status]}
    </Badge>
  );
}

export function OutcomeBadge({ outcome }: { outcome: DecisionOutcome }) {
  const t = useMessages();
  return (
    <Badge color={OUTCOME_COLORS[outcome]} variant="outline" miw="max-content">
      {t.funding.outcomes[outcome]}
    </Badge>
  );
}
