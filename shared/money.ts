/**
 * Money is integer minor units (fen/cents) everywhere. Conversions from decimal text or rates round ONCE,
 * half away from zero (0.005 → 0.01, -0.005 → -0.01), the rule finance uses for 人民币 amounts.
 */

/** Currencies with their minor-unit exponent (JPY/KRW have none). */
const EXPONENT: Record<string, number> = { JPY: 0, KRW: 0 };
export const minorExponent = (currency = 'CNY') => EXPONENT[currency] ?? 2;

/**
 * Parses a decimal string exactly (no float arithmetic) into minor units, rounding half away from zero
 * beyond the currency's precision. Accepts '-1234.565', '1234', '.5'. Returns null if it is not a number.
 */
export function decimalToMinor(text: string, currency = 'CNY'): number | null {
  const m = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (!m[2] && !m[3])) return null;
  const exp = minorExponent(currency);
  const neg = m[1] === '-';
  const int = m[2] || '0';
  const frac = (m[3] ?? '').padEnd(exp + 1, '0');
  const kept = BigInt(int + frac.slice(0, exp));
  const roundUp = Number(frac[exp]) >= 5;
  const abs = kept + (roundUp ? 1n : 0n);
  if (abs > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const n = Number(abs);
  return neg && n !== 0 ? -n : n;
}

/** A major-unit number (from JSON, e.g. a program's tier threshold 500000.5) to minor units, exactly as written. */
export function majorToMinor(value: number, currency = 'CNY'): number {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite amount: ${value}`);
  // Shortest round-trip decimal text of the double is what the user wrote in the file.
  const text = Math.abs(value) < 1e21 ? String(value) : value.toFixed(0);
  const r = decimalToMinor(text.includes('e') ? value.toFixed(minorExponent(currency) + 1) : text, currency);
  if (r === null) throw new RangeError(`Not an amount: ${value}`);
  return r;
}

/** Rounds a real number of minor units to an integer, half away from zero (for values already computed in floating point). */
export function roundHalfAwayFromZero(x: number): number {
  const mag = Math.abs(x);
  // Tolerate representation error: 2.4999999999999996 is 2.5 as written.
  const rounded = Math.floor(mag + 0.5 + 1e-9);
  return x < 0 ? -rounded : rounded;
}

/** A number as an exact fraction num / 10^scale, from its shortest decimal text (0.035 → 35 / 10^3). */
function toFraction(rate: number): { num: bigint; scale: number } {
  if (!Number.isFinite(rate)) throw new RangeError(`Not a finite rate: ${rate}`);
  const text = rate.toFixed(Math.min(20, Math.max(0, (String(rate).split('.')[1] ?? '').length + (String(rate).includes('e') ? 12 : 0))));
  const [i, f = ''] = text.replace('-', '').split('.');
  return { num: BigInt(i + f) * (rate < 0 ? -1n : 1n), scale: f.length };
}

/** Divides with rounding half away from zero, in exact integer arithmetic. */
function divRound(n: bigint, d: bigint): bigint {
  const neg = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (2n * an + ad) / (2n * ad);
  return neg ? -q : q;
}

/** amountMinor × rate, computed exactly and rounded once, half away from zero (rate as written: 0.035). */
export function applyRate(amountMinor: number, rate: number): number {
  const { num, scale } = toFraction(rate);
  return Number(divRound(BigInt(amountMinor) * num, 10n ** BigInt(scale)));
}

/** amountMinor × numerator ÷ denominator, exact, rounded once half away from zero (pro-rating, per-unit amounts). */
export function mulDivRound(amountMinor: number, numerator: number, denominator: number): number {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || denominator === 0) throw new RangeError('mulDivRound takes integers');
  return Number(divRound(BigInt(amountMinor) * BigInt(numerator), BigInt(denominator)));
}

/** 1234567 → '12,345.67' (minus sign in front for negatives). */
export function formatMinor(minor: number, currency = 'CNY', { grouping = true } = {}): string {
  const exp = minorExponent(currency);
  const neg = minor < 0;
  const abs = Math.abs(minor);
  const unit = 10 ** exp;
  const int = Math.floor(abs / unit);
  const frac = exp ? `.${String(abs % unit).padStart(exp, '0')}` : '';
  const intText = grouping ? groupThousands(String(int)) : String(int);
  return `${neg ? '-' : ''}${intText}${frac}`;
}

/**
 * Thousands separators by hand: toLocaleString goes through ICU (~50 µs a call) and a look-ahead regex is a third of
 * the time a payout run spends writing its explanations (10k lines, ~10 amounts each).
 */
function groupThousands(digits: string): string {
  const n = digits.length;
  if (n <= 3 || digits.includes('e')) return n <= 3 ? digits : digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let head = n % 3 || 3;
  let out = digits.slice(0, head);
  for (; head < n; head += 3) out += `,${digits.slice(head, head + 3)}`;
  return out;
}

const SYMBOL: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', HKD: 'HK$', JPY: '¥', GBP: '£' };
/** 1234567, 'CNY' → '¥12,345.67' */
export function formatMoney(minor: number, currency = 'CNY'): string {
  const s = formatMinor(Math.abs(minor), currency);
  return `${minor < 0 ? '-' : ''}${SYMBOL[currency] ?? `${currency} `}${s}`;
}
