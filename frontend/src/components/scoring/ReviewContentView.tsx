import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useMessages } from '../../i18n/index';
import type { Criterion, ReviewContent } from '../../lib/api/types';
import { formatScore, scoreMeaning } from '../../lib/scoring';

/** A score with its meaning, e.g. "3.5 · Between good and very good"; "Not scored yet" when missing. */
export function ScoreBadge({ score }: { score: number | null | undefined }) {
  const t = useMessages();
  if (score === null || score === undefined) {
    return (
      <Text size="sm" c="dimmed">
        {t.reviews.noScore}
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Badge variant="filled" size="lg">
        {formatScore(score, t.format.locale)}
      </Badge>
      <Text size="sm">{scoreMeaning(score, t)}</Text>
    </Group>
  );
}

/** A review (or consensus report) to read: score and comment per criterion, then the overall comment. */
export function ReviewContentView({
  criteria,
  content,
  showScores = true,
}: {
  criteria: readonly Criterion[];
  content: ReviewContent;
  showScores?: boolean;
}) {
  const t = useMessages();
  return (
    <Stack gap="sm">
      {criteria.map((c) => {
        const entry = content.scores?.[c.key];
        return (
          <Paper key={c.key} withBorder p="sm" radius="md">
            <Stack gap={6}>
              <Group justify="space-between" align="center">
                <Text fw={600}>{c.label}</Text>
                {showScores && <ScoreBadge score={entry?.score} />}
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={entry?.comment ? undefined : 'dimmed'}>
                {entry?.comment || t.reply.noComment}
              </Text>
            </Stack>
          </Paper>
        );
      })}
      <Paper withBorder p="sm" radius="md">
        <Stack gap={6}>
          <Text fw={600}>{t.reviews.overallComment}</Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={content.overall_comment ? undefined : 'dimmed'}>
            {content.overall_comment || t.reply.noComment}
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
