import { Button, Stack, Table, Text } from '@mantine/core';
import { EmptyState } from '../../../components/EmptyState';
import { useMessages } from '../../../i18n';
import type { Agency, FundingPlan, PlanEntry, RankedProposal } from '../../../lib/api/types';
import { formatEuros } from '../../../lib/money';
import { OutcomeBadge, PlanStatusBadge } from './PlanBadges';

function formatScore(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/**
 * The main list in rank order: plan status, outcome, the grant requested from each agency and, in
 * detail, the partners the viewer may see (a funder's own agency's).
 */
export function FundingPlanTable({
  plan,
  ranking,
  onOpenDecisions,
}: {
  plan: FundingPlan;
  /** The ranking's entries by proposal, for the plain total next to the weighted one. */
  ranking: ReadonlyMap<string, RankedProposal>;
  onOpenDecisions?: (entry: PlanEntry) => void;
}) {
  const t = useMessages();
  const locale = t.format.locale;
  const agencies: Agency[] = plan.envelopes.map((e) => e.agency);
  if (plan.entries.length === 0) return <EmptyState>{t.funding.planEmpty}</EmptyState>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped withTableBorder verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t.funding.rank}</Table.Th>
            <Table.Th scope="col">{t.funding.acronym}</Table.Th>
            <Table.Th scope="col">{t.funding.score}</Table.Th>
            <Table.Th scope="col">{t.funding.planStatus}</Table.Th>
            <Table.Th scope="col">{t.funding.outcome}</Table.Th>
            {agencies.map((a) => (
              <Table.Th scope="col" key={a} ta="right">
                {t.funding.requestedBy(a)}
              </Table.Th>
            ))}
            {onOpenDecisions && <Table.Th scope="col">{t.funding.actions}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.entries.map((entry) => {
            const ranked = ranking.get(entry.proposal_id);
            return (
              <Table.Tr key={entry.proposal_id}>
                <Table.Td>{entry.rank}</Table.Td>
                <Table.Th scope="row" fw={400}>
                  <Stack gap={4}>
                    <Text fw={600}>{entry.acronym}</Text>
                    {entry.promotion && (
                      <Text size="xs" c="orange.9">
                        {t.funding.promotedBecause(entry.promotion.reason)}
                      </Text>
                    )}
                    {ranked && (
                      <Text size="xs" c="dimmed">
                        {ranked.title}
                      </Text>
                    )}
                    {entry.partners.length > 0 && (
                      <Stack gap={0} aria-label={t.funding.partnersOf(entry.acronym)} component="ul" style={{ paddingLeft: 16, margin: 0 }}>
                        {entry.partners.map((p) => (
                          <Text key={p.partner_id} size="xs" component="li">
                            {p.organisation} ({p.agency}): {t.funding.requested} {formatEuros(p.requested_cents, locale)}
                            {' · '}
                            {p.decision === 'approved'
                              ? `${t.funding.approvedAmount} ${formatEuros(p.amount_cents ?? 0, locale)}`
                              : p.decision === 'rejected'
                                ? t.funding.planStatuses.rejected
                                : t.funding.noDecision}
                          </Text>
                        ))}
                      </Stack>
                    )}
                  </Stack>
                </Table.Th>
                <Table.Td>
                  {ranked
                    ? t.funding.weightedTotal(formatScore(entry.weighted_total, locale), formatScore(ranked.total, locale))
                    : formatScore(entry.weighted_total, locale)}
                </Table.Td>
                <Table.Td miw={110}>
                  <PlanStatusBadge status={entry.status} />
                </Table.Td>
                <Table.Td miw={110}>
                  <OutcomeBadge outcome={entry.outcome} />
                </Table.Td>
                {agencies.map((a) => {
                  const amount = entry.requested.find((r) => r.agency === a)?.requested_cents ?? 0;
                  return (
                    <Table.Td key={a} ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {amount > 0 ? formatEuros(amount, locale) : '—'}
                    </Table.Td>
                  );
                })}
                {onOpenDecisions && (
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => onOpenDecisions(entry)} aria-label={`${t.funding.decide}: ${entry.acronym}`}>
                      {t.funding.decide}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
