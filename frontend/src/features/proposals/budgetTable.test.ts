import { describe, expect, it } from 'vitest';
import {
  budgetTotals,
  canRemoveLastYear,
  cellForServerField,
  cellKey,
  readCell,
  toBudgetLines,
  toBudgetTable,
  yearsFor,
} from './budgetTable';

describe('readCell', () => {
  it('reads euros exactly into cents, empty as no line', () => {
    expect(readCell('')).toEqual({ kind: 'empty' });
    expect(readCell('   ')).toEqual({ kind: 'empty' });
    expect(readCell('0.1')).toEqual({ kind: 'ok', cents: 10 });
    expect(readCell('1,234.56')).toEqual({ kind: 'ok', cents: 123456 });
    expect(readCell('€ 700,000')).toEqual({ kind: 'ok', cents: 70_000_000 });
  });

  it('refuses negative, over-precise and malformed amounts', () => {
    expect(readCell('-5')).toEqual({ kind: 'error', error: 'negative' });
    expect(readCell('12.345')).toEqual({ kind: 'error', error: 'precision' });
    expect(readCell('1,23')).toEqual({ kind: 'error', error: 'format' });
    expect(readCell('abc')).toEqual({ kind: 'error', error: 'format' });
  });
});

describe('toBudgetTable', () => {
  it('puts each line in its cell and sizes the table by the duration', () => {
    const table = toBudgetTable(
      [
        { year: 1, category: 'personnel', amount_cents: 1_000_000 },
        { year: 2, category: 'travel', amount_cents: 250 },
      ],
      30,
    );
    expect(table.years).toBe(3);
    expect(table.cells[cellKey(1, 'personnel')]).toBe('10,000.00');
    expect(table.cells[cellKey(2, 'travel')]).toBe('2.50');
  });

  it('adds up duplicate lines of one cell and grows to the last year used', () => {
    const table = toBudgetTable(
      [
        { year: 4, category: 'other', amount_cents: 100 },
        { year: 4, category: 'other', amount_cents: 5 },
      ],
      12,
    );
    expect(table.years).toBe(4);
    expect(table.cells[cellKey(4, 'other')]).toBe('1.05');
  });

  it('starts with one year when there is no duration', () => {
    expect(yearsFor(null, [])).toBe(1);
    expect(yearsFor(0, [])).toBe(1);
    expect(yearsFor(13, [])).toBe(2);
  });
});

describe('budgetTotals', () => {
  it('sums per year, per category and in all, without floating point drift', () => {
    const totals = budgetTotals({
      years: 2,
      cells: {
        [cellKey(1, 'personnel')]: '0.10',
        [cellKey(1, 'equipment')]: '0.20',
        [cellKey(2, 'personnel')]: '1,000',
        [cellKey(2, 'travel')]: '',
      },
    });
    expect(totals.perYear).toEqual([30, 100_000]);
    expect(totals.perCategory.personnel).toBe(100_010);
    expect(totals.perCategory.equipment).toBe(20);
    expect(totals.total).toBe(100_030);
    expect(totals.invalid).toEqual([]);
  });

  it('counts unreadable cells as zero and lists them', () => {
    const totals = budgetTotals({
      years: 1,
      cells: { [cellKey(1, 'personnel')]: '12.345', [cellKey(1, 'travel')]: '5' },
    });
    expect(totals.total).toBe(500);
    expect(totals.invalid).toEqual([cellKey(1, 'personnel')]);
  });

  it('ignores cells of years beyond the table (after removing a year)', () => {
    expect(budgetTotals({ years: 1, cells: { [cellKey(2, 'travel')]: '5' } }).total).toBe(0);
  });
});

describe('toBudgetLines', () => {
  it('builds one line per filled non-zero cell, by year then category', () => {
    const built = toBudgetLines({
      years: 2,
      cells: {
        [cellKey(2, 'travel')]: '3',
        [cellKey(1, 'other')]: '1.5',
        [cellKey(1, 'personnel')]: '100,000.00',
        [cellKey(1, 'equipment')]: '0',
        [cellKey(2, 'consumables')]: '',
      },
    });
    expect(built).toEqual({
      ok: true,
      lines: [
        { year: 1, category: 'personnel', amount_cents: 10_000_000 },
        { year: 1, category: 'other', amount_cents: 150 },
        { year: 2, category: 'travel', amount_cents: 300 },
      ],
      keys: [cellKey(1, 'personnel'), cellKey(1, 'other'), cellKey(2, 'travel')],
    });
  });

  it('refuses to build while a cell cannot be read', () => {
    expect(toBudgetLines({ years: 1, cells: { [cellKey(1, 'travel')]: '-3' } })).toEqual({
      ok: false,
      invalid: [cellKey(1, 'travel')],
    });
  });
});

describe('cellForServerField', () => {
  const keys = [cellKey(1, 'personnel'), cellKey(1, 'other'), cellKey(2, 'travel')];
  it('maps lines[i] errors back to the cell the line came from', () => {
    expect(cellForServerField('lines[2].amount_cents', keys)).toBe(cellKey(2, 'travel'));
    expect(cellForServerField('lines[0].year', keys)).toBe(cellKey(1, 'personnel'));
    expect(cellForServerField('/lines/1/amount_cents', keys)).toBe(cellKey(1, 'other'));
  });
  it('returns null for other fields and unknown indexes', () => {
    expect(cellForServerField('lines', keys)).toBeNull();
    expect(cellForServerField('lines[9].amount_cents', keys)).toBeNull();
    expect(cellForServerField('budget', keys)).toBeNull();
  });
});

describe('canRemoveLastYear', () => {
  it('only when the last year is empty and more than one year remains', () => {
    expect(canRemoveLastYear({ years: 1, cells: {} })).toBe(false);
    expect(canRemoveLastYear({ years: 2, cells: { [cellKey(1, 'travel')]: '1' } })).toBe(true);
    expect(canRemoveLastYear({ years: 2, cells: { [cellKey(2, 'travel')]: '1' } })).toBe(false);
  });
});
