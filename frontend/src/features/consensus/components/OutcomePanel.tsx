import { Badge, Group, Stack, Text } from '@mantine/core';
import { useMessages } from '../../../i18n';
import type { Criterion, Outcome } from '../../../lib/api/types';
import { formatScore } from '../../../lib/scoring';

/** Pass or fail by the call's thresholds: the failed criteria and the total against the overall threshold. */
export function OutcomePanel({
  outcome,
  criteria,
  overallThreshold,
}: {
  outcome: Outcome | null | undefined;
  criteria: readonly Criterion[];
  overallThreshold: number | null;
}) {
  const t = useMessages();
  const locale = t.format.locale;
  if (!outcome) return <Text c="dimmed">{t.consensus.outcomePending}</Text>;
  const labelOf = (key: string) => criteria.find((c) => c.key === key)?.label ?? key;
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Badge color={outcome.passed ? 'green' : 'red'} variant="filled" size="lg">
          {outcome.passed ? t.consensus.passed : t.consensus.failed}
        </Badge>
        <Text>
          {overallThreshold !== null
            ? t.consensus.total(formatScore(outcome.total, locale), formatScore(overallThreshold, locale))
            : t.consensus.totalNoThreshold(formatScore(outcome.total, locale))}
        </Text>
      </Group>
      {outcome.below_overall && <Text c="red">{t.consensus.belowOverall}</Text>}
      {outcome.failed_criteria.length > 0 && (
        <Text c="red">{t.consensus.failedCriteria(outcome.failed_criteria.map(labelOf).join(', '))}</Text>
      )}
    </Stack>
  );
}
