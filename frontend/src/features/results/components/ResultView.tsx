import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import type { ProposalResult, ReleasedOutcome } from '../../../lib/api/types';
import { formatEuros } from '../../../lib/money';
import { errorMessage } from '../../../lib/problem';
import { instantLine } from '../../../lib/zoned';
import { downloadLetter } from '../api/downloadLetter';

const OUTCOME_COLORS: Record<ReleasedOutcome, string> = {
  funded: 'green',
  rejected: 'red',
  reserve: 'yellow',
  below_threshold: 'gray',
};

function score(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(value);
}

/** A released result: outcome, evaluation summary, grants per partner, the letter and the redress date. */
export function ResultView({ result: r }: { result: ProposalResult }) {
  const timeZone = r.time_zone;
  const t = useMessages();
  const locale = t.format.locale;
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={1}>{t.results.title(r.acronym)}</Title>
          <Badge color={OUTCOME_COLORS[r.outcome]} variant="light" size="lg">
            {t.funding.releasedOutcomes[r.outcome]}
          </Badge>
        </Group>
        <Text>{r.title}</Text>
        <Text size="sm" c="dimmed">
          {r.call_title} · {t.results.releasedAt(instantLine(r.released_at, timeZone, t))}
        </Text>
      </Stack>
      <Group>
        <Button
          loading={downloading}
          onClick={() => {
            setDownloading(true);
            setError(null);
            downloadLetter(r.proposal_id, `${r.acronym}-decision-letter.pdf`)
              .catch((e: unknown) => setError(errorMessage(e, t)))
              .finally(() => setDownloading(false));
          }}
        >
          {t.results.letter}
        </Button>
        <Anchor component={Link} to={`/proposals/${r.proposal_id}/redress`}>
          {t.results.redress}
        </Anchor>
      </Group>
      <FormError message={error} />
      <Text size="sm">{t.results.redressUntil(instantLine(r.redress_until, timeZone, t))}</Text>
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="result-summary">
        <Stack gap="md">
          <Title order={2} id="result-summary">
            {t.results.summaryTitle}
          </Title>
          <Table.ScrollContainer minWidth={560}>
            <Table withTableBorder verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t.results.criterion}</Table.Th>
                  <Table.Th scope="col">{t.results.score}</Table.Th>
                  <Table.Th scope="col">{t.results.threshold}</Table.Th>
                  <Table.Th scope="col">{t.results.comment}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.summary.criteria.map((c) => (
                  <Table.Tr key={c.key}>
                    <Table.Th scope="row">{c.label}</Table.Th>
                    <Table.Td c={c.score < c.threshold ? 'red.8' : undefined}>{score(c.score, locale)}</Table.Td>
                    <Table.Td>{score(c.threshold, locale)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{c.comment}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group gap="sm">
            <Text fw={600}>{t.results.total}:</Text>
            <Text>{t.results.totalLine(score(r.summary.total, locale), score(r.summary.overall_threshold, locale))}</Text>
            <Badge color={r.summary.passed ? 'green' : 'red'} variant="light">
              {r.summary.passed ? t.results.passed : t.results.failed}
            </Badge>
          </Group>
          <Stack gap={4}>
            <Text fw={600}>{t.results.overallComment}</Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{r.summary.overall_comment}</Text>
          </Stack>
        </Stack>
      </Paper>
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="result-grants">
        <Stack gap="md">
          <Title order={2} id="result-grants">
            {t.results.grantsTitle}
          </Title>
          <Table withTableBorder verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t.results.organisation}</Table.Th>
                <Table.Th scope="col">{t.results.funder}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t.results.requested}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t.results.granted}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.partners.map((p) => (
                <Table.Tr key={p.partner_id}>
                  <Table.Th scope="row">{p.organisation}</Table.Th>
                  <Table.Td>{p.agency ?? '—'}</Table.Td>
                  <Table.Td ta="right">{formatEuros(p.requested_cents, locale)}</Table.Td>
                  <Table.Td ta="right">{formatEuros(p.granted_cents, locale)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Paper>
    </Stack>
  );
}
