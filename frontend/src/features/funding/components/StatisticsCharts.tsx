import { Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { PageLoader } from '../../../components/PageLoader';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import type { FunderFigures, ScoreDistribution } from '../../../lib/api/types';
import { formatEuros } from '../../../lib/money';
import { useStatistics } from '../api/getStatistics';
import { SCORE_BUCKETS } from '../chart';

function scoreText(score: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(score);
}

/** Columns for the 11 half-point buckets of one criterion, with the counts in the label. */
export function ScoreHistogram({ distribution: d }: { distribution: ScoreDistribution }) {
  const t = useMessages();
  const locale = t.format.locale;
  const max = Math.max(1, ...d.counts);
  const width = 220;
  const height = 90;
  const bar = width / SCORE_BUCKETS.length;
  const counts = SCORE_BUCKETS.map((score, i) => t.funding.scoreCount(scoreText(score, locale), d.counts[i] ?? 0)).join(', ');
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {d.label}
      </Text>
      <svg role="img" aria-label={t.funding.scoresLabel(d.label, counts)} viewBox={`0 0 ${width} ${height + 14}`} width="100%">
        {SCORE_BUCKETS.map((score, i) => {
          const n = d.counts[i] ?? 0;
          const h = (n / max) * (height - 12);
          return (
            <g key={score}>
              <rect x={i * bar + 2} y={height - h} width={bar - 4} height={h} fill="var(--mantine-color-blue-8)" />
              {n > 0 && (
                <text x={i * bar + bar / 2} y={height - h - 2} fontSize={9} textAnchor="middle" fill="currentColor">
                  {n}
                </text>
              )}
              {i % 2 === 0 && (
                <text x={i * bar + bar / 2} y={height + 11} fontSize={9} textAnchor="middle" fill="currentColor">
                  {score}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </Stack>
  );
}

const MONEY_PARTS = [
  { key: 'requested_cents', color: 'var(--mantine-color-gray-6)' },
  { key: 'approved_cents', color: 'var(--mantine-color-teal-7)' },
  { key: 'granted_cents', color: 'var(--mantine-color-blue-8)' },
] as const;

/** Requested, approved and granted for one funder as three horizontal bars against its envelope. */
export function FunderMoneyChart({ figures: f }: { figures: FunderFigures }) {
  const t = useMessages();
  const euros = (cents: number) => formatEuros(cents, t.format.locale);
  const max = Math.max(1, f.envelope_cents, f.requested_cents, f.approved_cents, f.granted_cents);
  const width = 300;
  const labels = { requested_cents: t.funding.requested, approved_cents: t.funding.approved, granted_cents: t.funding.granted };
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {f.agency}
      </Text>
      <svg
        role="img"
        aria-label={t.funding.moneyLabel(f.agency, euros(f.requested_cents), euros(f.approved_cents), euros(f.granted_cents), euros(f.envelope_cents))}
        viewBox={`0 0 ${width} 54`}
        width="100%"
      >
        {MONEY_PARTS.map((part, i) => (
          <rect key={part.key} x={0} y={i * 18} width={(f[part.key] / max) * width} height={14} fill={part.color} />
        ))}
        <line x1={(f.envelope_cents / max) * width - 1} x2={(f.envelope_cents / max) * width - 1} y1={0} y2={54} stroke="currentColor" strokeDasharray="3 2" />
      </svg>
      <Group gap="md" aria-hidden>
        {MONEY_PARTS.map((part) => (
          <Text key={part.key} size="xs">
            <span style={{ display: 'inline-block', width: 10, height: 10, background: part.color, marginRight: 4 }} />
            {labels[part.key]}: {euros(f[part.key])}
          </Text>
        ))}
        <Text size="xs">
          {t.funding.envelope}: {euros(f.envelope_cents)}
        </Text>
      </Group>
    </Stack>
  );
}

/** The call's figures: scores per criterion, money per funder, proposals by status, partners by kind. */
export function StatisticsCharts({ callId }: { callId: string }) {
  const t = useMessages();
  const stats = useStatistics(callId);
  if (stats.isPending) return <PageLoader />;
  if (stats.isError) return <QueryError error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data;
  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Title order={3}>{t.funding.scoresTitle}</Title>
        {s.score_distributions.every((d) => d.counts.every((n) => n === 0)) ? (
          <Text c="dimmed">{t.funding.scoresEmpty}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            {s.score_distributions.map((d) => (
              <ScoreHistogram key={d.criterion} distribution={d} />
            ))}
          </SimpleGrid>
        )}
      </Stack>
      <Stack gap="sm">
        <Title order={3}>{t.funding.moneyTitle}</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {s.funders.map((f) => (
            <FunderMoneyChart key={f.agency} figures={f} />
          ))}
        </SimpleGrid>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Stack gap="xs">
          <Title order={3}>{t.funding.byStatusTitle}</Title>
          <List size="sm">
            {s.proposals_by_status.map((c) => (
              <List.Item key={c.key}>
                {(t.proposals.statuses as Record<string, string | undefined>)[c.key] ?? c.key}: {c.count}
              </List.Item>
            ))}
          </List>
        </Stack>
        <Stack gap="xs">
          <Title order={3}>{t.funding.byKindTitle}</Title>
          <List size="sm">
            {s.partners_by_kind.map((c) => (
              <List.Item key={c.key}>
                {(t.organisations.kinds as Record<string, string | undefined>)[c.key] ?? c.key}: {c.count}
              </List.Item>
            ))}
          </List>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
