import { Alert, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { PageLoader } from '../../../components/PageLoader';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import { COST_CATEGORIES, type Budget, type Partner } from '../../../lib/api/types';
import { formatEuros } from '../../../lib/money';
import { errorMessage, isApiError } from '../../../lib/problem';
import { fetchBudget, useBudget } from '../api/getBudget';
import { useUpdateBudget } from '../api/updateBudget';
import {
  budgetTotals,
  canRemoveLastYear,
  cellForServerField,
  cellKey,
  readCell,
  toBudgetLines,
  toBudgetTable,
  type BudgetTableState,
} from '../budgetTable';

interface EditorProps {
  proposalId: string;
  partner: Partner;
  budget: Budget;
  durationMonths: number | null | undefined;
  editable: boolean;
}

/** The grid of one partner: years down, categories across, with live totals. */
export function BudgetEditor({ proposalId, partner, budget, durationMonths, editable }: EditorProps) {
  const t = useMessages();
  const update = useUpdateBudget();
  const locale = t.format.locale;
  const [version, setVersion] = useState(budget.version);
  const [table, setTable] = useState<BudgetTableState>(() => toBudgetTable(budget.lines, durationMonths));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [reloading, setReloading] = useState(false);
  const totals = budgetTotals(table);

  const setCell = (key: string, value: string) => {
    setTable((prev) => ({ ...prev, cells: { ...prev.cells, [key]: value } }));
    setServerErrors((prev) => {
      if (!(key in prev)) return prev;
      const next = { ...prev };
      delete next[key];
      return next;
    });
  };

  const save = () => {
    setGeneral(null);
    const built = toBudgetLines(table);
    if (!built.ok) {
      setGeneral(t.proposals.fixCells);
      return;
    }
    update.mutate(
      { id: proposalId, partnerId: partner.id, version, lines: built.lines },
      {
        onSuccess: (saved) => {
          setVersion(saved.version);
          setTable(toBudgetTable(saved.lines, durationMonths));
          setServerErrors({});
          setStale(false);
          notifications.show({ color: 'green', message: t.proposals.budgetSaved });
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 412) {
            setStale(true);
            return;
          }
          const placed: Record<string, string> = {};
          const rest: string[] = [];
          for (const entry of isApiError(error) ? (error.problem.errors ?? []) : []) {
            const key = cellForServerField(entry.field, built.keys);
            if (key) placed[key] = entry.message;
            else rest.push(entry.message);
          }
          setServerErrors(placed);
          setGeneral(rest.length > 0 ? rest.join(' ') : Object.keys(placed).length > 0 ? null : errorMessage(error, t));
        },
      },
    );
  };

  const reload = async () => {
    setReloading(true);
    try {
      // Keep the user's figures; only the version moves on, so saving again overwrites knowingly.
      const latest = await fetchBudget(proposalId, partner.id);
      setVersion(latest.version);
      setStale(false);
    } catch (error) {
      setGeneral(errorMessage(error, t));
    } finally {
      setReloading(false);
    }
  };

  const years = Array.from({ length: table.years }, (_, i) => i + 1);
  return (
    <Stack gap="sm">
      {!editable && (
        <Text size="sm" c="dimmed">
          {t.proposals.budgetReadOnly}
        </Text>
      )}
      {stale && (
        <Alert color="orange" variant="light" role="alert">
          <Stack gap="xs">
            <Text size="sm">{t.proposals.budgetConflict}</Text>
            <Group>
              <Button size="xs" loading={reloading} onClick={() => void reload()}>
                {t.proposals.reloadBudget}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <FormError message={general} />
      <Table.ScrollContainer minWidth={900}>
        <Table withColumnBorders withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.proposals.year}</Table.Th>
              {COST_CATEGORIES.map((c) => (
                <Table.Th key={c}>{t.proposals.categories[c]}</Table.Th>
              ))}
              <Table.Th ta="right">{t.proposals.total}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {years.map((year) => (
              <Table.Tr key={year}>
                <Table.Th scope="row">{t.proposals.yearN(year)}</Table.Th>
                {COST_CATEGORIES.map((category) => {
                  const key = cellKey(year, category);
                  const text = table.cells[key] ?? '';
                  const cell = readCell(text);
                  const label = `${t.proposals.categories[category]}, ${t.proposals.yearN(year)}`;
                  const error =
                    serverErrors[key] ?? (cell.kind === 'error' ? t.proposals.cellErrors[cell.error] : undefined);
                  return (
                    <Table.Td key={category}>
                      {editable ? (
                        <TextInput
                          size="xs"
                          aria-label={label}
                          inputMode="decimal"
                          value={text}
                          placeholder="0.00"
                          error={error}
                          onChange={(e) => setCell(key, e.currentTarget.value)}
                          styles={{ input: { textAlign: 'right' } }}
                        />
                      ) : (
                        <Text size="sm" ta="right">
                          {cell.kind === 'ok' ? formatEuros(cell.cents, locale) : t.common.none}
                        </Text>
                      )}
                    </Table.Td>
                  );
                })}
                <Table.Td ta="right" data-testid={`year-total-${year}`}>
                  <Text size="sm" fw={600}>
                    {formatEuros(totals.perYear[year - 1] ?? 0, locale)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>{t.proposals.total}</Table.Th>
              {COST_CATEGORIES.map((c) => (
                <Table.Td key={c} ta="right">
                  <Text size="sm">{formatEuros(totals.perCategory[c], locale)}</Text>
                </Table.Td>
              ))}
              <Table.Td ta="right" data-testid="partner-total">
                <Text fw={700}>{formatEuros(totals.total, locale)}</Text>
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      {editable && (
        <Group gap="sm">
          <Button onClick={save} loading={update.isPending} disabled={stale}>
            {t.proposals.saveBudget}
          </Button>
          <Button variant="default" onClick={() => setTable((p) => ({ ...p, years: p.years + 1 }))}>
            {t.proposals.addYear}
          </Button>
          {canRemoveLastYear(table) && (
            <Button variant="subtle" onClick={() => setTable((p) => ({ ...p, years: p.years - 1 }))}>
              {t.proposals.removeYear}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}

/** Loads one partner's budget and shows its editor (or a read-only grid). */
export function BudgetTable({
  proposalId,
  partner,
  durationMonths,
  editable,
}: Omit<EditorProps, 'budget'>) {
  const budget = useBudget(proposalId, partner.id);
  if (budget.isPending) return <PageLoader />;
  if (budget.isError) return <QueryError error={budget.error} onRetry={() => void budget.refetch()} />;
  return (
    <BudgetEditor
      // A new version from elsewhere (e.g. after save) starts the editor afresh only when not editable.
      key={editable ? partner.id : `${partner.id}:${budget.data.version}`}
      proposalId={proposalId}
      partner={partner}
      budget={budget.data}
      durationMonths={durationMonths}
      editable={editable}
    />
  );
}
