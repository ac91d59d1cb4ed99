/**
 * Money is integer euro cents on the wire. People see and type euros.
 *
 * Parsing never goes through floating point: the decimal text is split into
 * its whole and fractional digits and assembled into cents with BigInt, so
 * "0.1" is exactly 10 cents and "1,234.56" exactly 123456.
 */

export type EuroParseError = 'empty' | 'format' | 'negative' | 'precision' | 'too_large';

export type EuroParseResult = { ok: true; cents: number } | { ok: false; error: EuroParseError };

const MAX_CENTS = BigInt(Number.MAX_SAFE_INTEGER);

/** Whole euros (plain, or grouped by thousands with commas), then an optional fraction. */
const AMOUNT = /^(\d+|\d{1,3}(?:,\d{3})+)?(?:\.(\d*))?$/;

/**
 * Reads an amount of euros as typed ("700000", "700,000.00", "€ 1,234.56",
 * "0.1", ".5") into cents. Refuses negative amounts, more than two decimals
 * ("12.345"), badly grouped thousands ("1,23") and anything else.
 */
export function parseEurosToCents(input: string): EuroParseResult {
  // Spaces (also the no-break spaces some locales group with) and the euro sign are decoration.
  let text = input.replace(/[\s\u00a0\u202f]/g, '');
  if (text.startsWith('€')) text = text.slice(1);
  else if (text.endsWith('€')) text = text.slice(0, -1);
  if (text === '') return { ok: false, error: 'empty' };
  if (/^[-\u2212]\d|^[-\u2212]\.\d|^[-\u2212]€\d/.test(text)) return { ok: false, error: 'negative' };
  const match = AMOUNT.exec(text);
  if (!match) return { ok: false, error: 'format' };
  const whole = (match[1] ?? '').replaceAll(',', '');
  const fraction = match[2] ?? '';
  if (whole === '' && fraction === '') return { ok: false, error: 'format' };
  if (fraction.length > 2) return { ok: false, error: 'precision' };
  const cents = BigInt(whole === '' ? '0' : whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (cents > MAX_CENTS) return { ok: false, error: 'too_large' };
  return { ok: true, cents: Number(cents) };
}

function splitCents(cents: number): { negative: boolean; whole: bigint; fraction: string } {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not a whole number of cents: ${cents}`);
  const abs = BigInt(Math.abs(cents));
  return { negative: cents < 0, whole: abs / 100n, fraction: String(abs % 100n).padStart(2, '0') };
}

/**
 * Euros with the currency sign for people: 70000000 -> "€700,000.00" (en-GB).
 * The whole euros are formatted as a BigInt and the cents put in as digits,
 * so no amount is ever rounded.
 */
export function formatEuros(cents: number, locale: string): string {
  const { negative, whole, fraction } = splitCents(cents);
  const text = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })
    .formatToParts(whole)
    .map((part) => (part.type === 'fraction' ? fraction : part.value))
    .join('');
  return negative ? `-${text}` : text;
}

/**
 * The text an amount input starts with: 70000000 -> "700,000.00". It reads
 * back into the same cents with `parseEurosToCents`.
 */
export function centsToEuroInput(cents: number): string {
  const { negative, whole, fraction } = splitCents(cents);
  const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${fraction}`;
}

/** Basis points as a percentage for people: 1500 -> "15%", 1250 -> "12.5%". */
export function formatBasisPoints(basisPoints: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(basisPoints / 10_000);
}
