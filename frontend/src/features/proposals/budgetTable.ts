import { COST_CATEGORIES, type BudgetLine, type CostCategory } from '../../lib/api/types';
import { centsToEuroInput, parseEurosToCents, type EuroParseError } from '../../lib/money';
import { normaliseField } from '../../lib/problem';

/** The typed text of every cell, keyed by `cellKey(year, category)`. */
export type BudgetCells = Record<string, string>;

export interface BudgetTableState {
  years: number;
  cells: BudgetCells;
}

export function cellKey(year: number, category: CostCategory): string {
  return `${year}:${category}`;
}

/** How many years the table starts with: the project's duration, or more when lines need them. */
export function yearsFor(durationMonths: number | null | undefined, lines: readonly BudgetLine[]): number {
  const fromDuration = durationMonths && durationMonths > 0 ? Math.ceil(durationMonths / 12) : 1;
  return Math.max(1, fromDuration, ...lines.map((l) => l.year));
}

/** The table as it starts, from the lines the server has. */
export function toBudgetTable(lines: readonly BudgetLine[], durationMonths?: number | null): BudgetTableState {
  const cells: BudgetCells = {};
  for (const line of lines) {
    const key = cellKey(line.year, line.category);
    const previous = parseEurosToCents(cells[key] ?? '');
    const sum = (previous.ok ? previous.cents : 0) + line.amount_cents;
    cells[key] = centsToEuroInput(sum);
  }
  return { years: yearsFor(durationMonths, lines), cells };
}

export type CellResult = { kind: 'empty' } | { kind: 'ok'; cents: number } | { kind: 'error'; error: EuroParseError };

/** Reads one cell: empty is fine (no line), otherwise an exact amount of euros. */
export function readCell(text: string | undefined): CellResult {
  if (text === undefined || text.trim() === '') return { kind: 'empty' };
  const parsed = parseEurosToCents(text);
  return parsed.ok ? { kind: 'ok', cents: parsed.cents } : { kind: 'error', error: parsed.error };
}

export interface BudgetTotals {
  /** Cents per year, index 0 = year 1. */
  perYear: number[];
  perCategory: Record<CostCategory, number>;
  total: number;
  /** Keys of cells that cannot be read; they count as 0 in the totals. */
  invalid: string[];
}

/** Live totals; unreadable cells count as zero and are listed in `invalid`. */
export function budgetTotals({ years, cells }: BudgetTableState): BudgetTotals {
  const perYear = Array.from({ length: years }, () => 0);
  const perCategory = Object.fromEntries(COST_CATEGORIES.map((c) => [c, 0])) as Record<CostCategory, number>;
  const invalid: string[] = [];
  let total = 0;
  for (let year = 1; year <= years; year += 1) {
    for (const category of COST_CATEGORIES) {
      const key = cellKey(year, category);
      const cell = readCell(cells[key]);
      if (cell.kind === 'error') invalid.push(key);
      if (cell.kind !== 'ok') continue;
      perYear[year - 1] = (perYear[year - 1] ?? 0) + cell.cents;
      perCategory[category] += cell.cents;
      total += cell.cents;
    }
  }
  return { perYear, perCategory, total, invalid };
}

export type BuildResult =
  | { ok: true; lines: BudgetLine[]; /** cell key of each line, by index, to place server errors */ keys: string[] }
  | { ok: false; invalid: string[] };

/**
 * The PUT body's lines: one per filled, non-zero cell, by year then category.
 * Refuses to build when a cell cannot be read.
 */
export function toBudgetLines({ years, cells }: BudgetTableState): BuildResult {
  const lines: BudgetLine[] = [];
  const keys: string[] = [];
  const invalid: string[] = [];
  for (let year = 1; year <= years; year += 1) {
    for (const category of COST_CATEGORIES) {
      const key = cellKey(year, category);
      const cell = readCell(cells[key]);
      if (cell.kind === 'error') invalid.push(key);
      else if (cell.kind === 'ok' && cell.cents > 0) {
        lines.push({ year, category, amount_cents: cell.cents });
        keys.push(key);
      }
    }
  }
  return invalid.length > 0 ? { ok: false, invalid } : { ok: true, lines, keys };
}

/**
 * Places a server error such as `lines[2].amount_cents` on the cell that line
 * came from; null when the field names no line.
 */
export function cellForServerField(field: string, keys: readonly string[]): string | null {
  const match = /^lines\[(\d+)\]/.exec(normaliseField(field)) ?? /^lines\.(\d+)/.exec(normaliseField(field));
  if (!match) return null;
  return keys[Number(match[1])] ?? null;
}

/** Drops the last year when it is empty; never below one year. */
export function canRemoveLastYear({ years, cells }: BudgetTableState): boolean {
  return years > 1 && COST_CATEGORIES.every((c) => readCell(cells[cellKey(years, c)]).kind === 'empty');
}
