import { Badge, Stack, Table, Text } from '@mantine/core';
import { useMessages } from '../../../i18n';
import type { Criterion, ReviewSummary } from '../../../lib/api/types';
import { ScoreBadge } from '../../../components/scoring/ReviewContentView';
import { formatScore } from '../../../lib/scoring';
import { sideBySide } from '../spread';

const FLAG_BG = 'var(--mantine-color-orange-light)';

/**
 * Every review under its letter, one column each, one row per criterion;
 * rows the server flagged (scores 2 points or more apart) are highlighted and
 * labelled, with the lowest and highest scores marked.
 */
export function ReviewsSideBySide({
  criteria,
  reviews,
  spreadFlags,
}: {
  criteria: readonly Criterion[];
  reviews: readonly ReviewSummary[];
  spreadFlags: readonly string[];
}) {
  const t = useMessages();
  const locale = t.format.locale;
  const rows = sideBySide(criteria, reviews, spreadFlags);
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t.consensus.spreadLegend}
      </Text>
      <Table.ScrollContainer minWidth={220 + reviews.length * 260}>
        <Table withTableBorder withColumnBorders verticalSpacing="sm" style={{ tableLayout: 'fixed' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={200}>{t.consensus.criterion}</Table.Th>
              {reviews.map((r) => (
                <Table.Th key={r.label}>
                  {r.label}
                  {r.status !== 'submitted' && (
                    <Text size="xs" c="dimmed" fw={400}>
                      {t.consensus.notSubmitted}
                    </Text>
                  )}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr
                key={row.criterion.key}
                data-flagged={row.flagged || undefined}
                aria-label={row.criterion.label}
                style={row.flagged ? { background: FLAG_BG } : undefined}
              >
                <Table.Th scope="row" style={{ verticalAlign: 'top' }}>
                  <Text fw={600}>{row.criterion.label}</Text>
                  {row.flagged && (
                    <Badge
                      color="orange"
                      variant="filled"
                      size="sm"
                      mt={4}
                      h="auto"
                      py={2}
                      styles={{ root: { textTransform: 'none' }, label: { whiteSpace: 'normal', overflow: 'visible' } }}
                    >
                      {t.consensus.spreadFlag}
                    </Badge>
                  )}
                  {row.spread !== null && (
                    <Text size="xs" mt={4}>
                      {t.consensus.spreadOf(formatScore(row.spread, locale))}
                    </Text>
                  )}
                </Table.Th>
                {row.cells.map((cell) => {
                  const extreme = row.flagged && cell.score !== null && (cell.score === row.low || cell.score === row.high);
                  return (
                    <Table.Td key={cell.label} style={{ verticalAlign: 'top' }} data-extreme={extreme || undefined}>
                      {cell.submitted ? (
                        <Stack gap={4}>
                          <div style={extreme ? { outline: '2px solid var(--mantine-color-orange-filled)', borderRadius: 4, padding: 2 } : undefined}>
                            <ScoreBadge score={cell.score} />
                          </div>
                          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                            {cell.comment}
                          </Text>
                        </Stack>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t.consensus.notSubmitted}
                        </Text>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Th scope="row" style={{ verticalAlign: 'top' }}>
                {t.consensus.overall}
              </Table.Th>
              {reviews.map((r) => (
                <Table.Td key={r.label} style={{ verticalAlign: 'top' }}>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={r.content ? undefined : 'dimmed'}>
                    {r.content ? r.content.overall_comment : t.consensus.notSubmitted}
                  </Text>
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
