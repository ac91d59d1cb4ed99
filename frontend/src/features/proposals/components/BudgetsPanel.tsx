import { Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { PageLoader } from '../../../components/PageLoader';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import type { Proposal } from '../../../lib/api/types';
import { formatBasisPoints, formatEuros } from '../../../lib/money';
import { useGrants } from '../api/getGrants';
import { budgetAnchorId } from '../checklistLinks';
import { BudgetTable } from './BudgetTable';

function GrantsSummary({ proposal }: { proposal: Proposal }) {
  const t = useMessages();
  const grants = useGrants(proposal.id);
  const locale = t.format.locale;
  if (grants.isPending) return <PageLoader />;
  if (grants.isError) return <QueryError error={grants.error} onRetry={() => void grants.refetch()} />;
  const g = grants.data;
  const nameOf = (partnerId: string) =>
    proposal.partners.find((p) => p.id === partnerId)?.organisation.name ?? partnerId;
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={3}>{t.proposals.grantsTitle}</Title>
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.organisations.name}</Table.Th>
                <Table.Th>{t.proposals.funder}</Table.Th>
                <Table.Th ta="right">{t.proposals.costs}</Table.Th>
                <Table.Th ta="right">{t.proposals.overheads}</Table.Th>
                <Table.Th ta="right">{t.proposals.rate}</Table.Th>
                <Table.Th ta="right">{t.proposals.requestedGrant}</Table.Th>
                <Table.Th>{t.proposals.workings}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {g.partners.map((p) => (
                <Table.Tr key={p.partner_id}>
                  <Table.Td>{nameOf(p.partner_id)}</Table.Td>
                  <Table.Td>{p.funder ?? t.common.none}</Table.Td>
                  <Table.Td ta="right">{formatEuros(p.costs_cents, locale)}</Table.Td>
                  <Table.Td ta="right">{formatEuros(p.overheads_cents, locale)}</Table.Td>
                  <Table.Td ta="right">{formatBasisPoints(p.rate_basis_points, locale)}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatEuros(p.requested_grant_cents, locale)}
                  </Table.Td>
                  <Table.Td>
                    <List size="xs" spacing={2}>
                      {p.workings.map((w, i) => (
                        <List.Item key={`${w.code}-${i}`}>{w.explanation}</List.Item>
                      ))}
                    </List>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Stack gap={4}>
            <Text fw={600}>{t.proposals.perFunder}</Text>
            {g.funders.map((f) => (
              <Group key={f.agency} justify="space-between" maw={320}>
                <Badge variant="light">{f.agency}</Badge>
                <Text size="sm">{formatEuros(f.requested_grant_cents, locale)}</Text>
              </Group>
            ))}
          </Stack>
          <Stack gap={4}>
            <Group justify="space-between" maw={360}>
              <Text size="sm">{t.proposals.totalCosts}</Text>
              <Text size="sm">{formatEuros(g.total_costs_cents, locale)}</Text>
            </Group>
            <Group justify="space-between" maw={360}>
              <Text size="sm" fw={700}>
                {t.proposals.totalGrant}
              </Text>
              <Text size="sm" fw={700}>
                {formatEuros(g.total_requested_grant_cents, locale)}
              </Text>
            </Group>
          </Stack>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/** One budget table per partner (editable for the caller's own partners) and the computed grants. */
export function BudgetsPanel({ proposal, editable }: { proposal: Proposal; editable: boolean }) {
  const t = useMessages();
  return (
    <Stack gap="lg">
      {proposal.partners.map((partner) => (
        <Stack key={partner.id} gap="xs" id={budgetAnchorId(partner.id)} tabIndex={-1}>
          <Title order={3}>{t.proposals.budgetOf(partner.organisation.name)}</Title>
          <BudgetTable
            proposalId={proposal.id}
            partner={partner}
            durationMonths={proposal.duration_months}
            editable={editable && proposal.my_partner_ids.includes(partner.id)}
          />
        </Stack>
      ))}
      <GrantsSummary proposal={proposal} />
    </Stack>
  );
}
