import { describe, expect, it } from 'vitest';
import { centsToEuroInput, formatBasisPoints, formatEuros, parseEurosToCents } from './money';

function cents(input: string): number | string {
  const result = parseEurosToCents(input);
  return result.ok ? result.cents : result.error;
}

describe('parseEurosToCents', () => {
  it('reads plain and grouped amounts exactly', () => {
    expect(cents('700000')).toBe(70_000_000);
    expect(cents('700,000.00')).toBe(70_000_000);
    expect(cents('1,234.56')).toBe(123_456);
    expect(cents('1234.56')).toBe(123_456);
    expect(cents('1,000,000')).toBe(100_000_000);
  });

  it('has no floating-point drift', () => {
    expect(cents('0.1')).toBe(10);
    expect(cents('0.29')).toBe(29); // 0.29 * 100 = 28.999999999999996 in floating point
    expect(cents('4.35')).toBe(435); // 4.35 * 100 = 434.99999999999994
    expect(cents('90,071,992,547,409.91')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('accepts a euro sign, spaces and a lone fraction', () => {
    expect(cents('€700,000.00')).toBe(70_000_000);
    expect(cents(' € 1 234.5 ')).toBe(123_450);
    expect(cents('12 €')).toBe(1200);
    expect(cents('.5')).toBe(50);
    expect(cents('0')).toBe(0);
    expect(cents('5.')).toBe(500);
  });

  it('refuses more than two decimals', () => {
    expect(cents('12.345')).toBe('precision');
    expect(cents('0.001')).toBe('precision');
  });

  it('refuses negative amounts', () => {
    expect(cents('-5')).toBe('negative');
    expect(cents('-0.50')).toBe('negative');
    expect(cents('−1,000')).toBe('negative');
  });

  it('refuses what is not an amount', () => {
    expect(cents('')).toBe('empty');
    expect(cents('   ')).toBe('empty');
    expect(cents('abc')).toBe('format');
    expect(cents('1,23')).toBe('format');
    expect(cents('12,34.56')).toBe('format');
    expect(cents('1.234,56')).toBe('format');
    expect(cents('1e6')).toBe('format');
    expect(cents('-')).toBe('format');
    expect(cents('.')).toBe('format');
  });

  it('refuses amounts beyond what a JSON number carries exactly', () => {
    expect(cents('90,071,992,547,409.92')).toBe('too_large');
  });
});

describe('formatEuros', () => {
  it('shows cents as euros with the sign and grouping', () => {
    expect(formatEuros(70_000_000, 'en-GB')).toBe('€700,000.00');
    expect(formatEuros(123_456, 'en-GB')).toBe('€1,234.56');
    expect(formatEuros(5, 'en-GB')).toBe('€0.05');
    expect(formatEuros(0, 'en-GB')).toBe('€0.00');
  });

  it('never rounds, even where floating point cannot hold the cents', () => {
    expect(formatEuros(Number.MAX_SAFE_INTEGER, 'en-GB')).toBe('€90,071,992,547,409.91');
  });
});

describe('centsToEuroInput', () => {
  it('gives text that reads back into the same cents', () => {
    for (const value of [0, 1, 10, 99, 100, 123_456, 70_000_000, 250_000_000, Number.MAX_SAFE_INTEGER]) {
      const text = centsToEuroInput(value);
      expect(parseEurosToCents(text)).toEqual({ ok: true, cents: value });
    }
    expect(centsToEuroInput(250_000_000)).toBe('2,500,000.00');
  });
});

describe('formatBasisPoints', () => {
  it('shows basis points as percent', () => {
    expect(formatBasisPoints(1500, 'en-GB')).toBe('15%');
    expect(formatBasisPoints(10_000, 'en-GB')).toBe('100%');
    expect(formatBasisPoints(1250, 'en-GB')).toBe('12.5%');
    expect(formatBasisPoints(1, 'en-GB')).toBe('0.01%');
  });
});
