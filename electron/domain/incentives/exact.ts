/**
 * Exact rational arithmetic for payouts: rates as written (0.035 = 35/1000), products summed exactly
 * and rounded ONCE, half away from zero, at the end (the money.ts rule). No floating point touches money.
 */
export interface Fraction {
  num: bigint;
  den: bigint;
}

/** A program's few rates are turned into fractions for every partner: remembered (bounded). */
const fractions = new Map<number, Fraction>();

/** A decimal as written (0.035, 1.5, 2e-3) to an exact fraction. */
export function fraction(x: number): Fraction {
  let f = fractions.get(x);
  if (f === undefined) {
    if (fractions.size > 4096) fractions.clear();
    fractions.set(x, (f = Object.freeze(fractionOf(x))));
  }
  return f;
}

function fractionOf(x: number): Fraction {
  if (!Number.isFinite(x)) throw new RangeError(`Not a finite number: ${x}`);
  let text = String(x);
  if (/e/i.test(text)) text = x.toFixed(20).replace(/0+$/, '');
  const neg = text.startsWith('-');
  const [i, f = ''] = text.replace('-', '').split('.');
  const num = BigInt((i || '0') + f) * (neg ? -1n : 1n);
  return { num, den: 10n ** BigInt(f.length) };
}

/** n / d rounded half away from zero. */
export function divRound(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  const neg = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (2n * an + ad) / (2n * ad);
  return neg ? -q : q;
}

/** Σ amountMinor_i × rate_i, exact, rounded once. */
export function sumOfProducts(parts: Array<{ amountMinor: number; rate: number }>): number {
  if (parts.length === 0) return 0;
  const small = sumOfProductsSafe(parts);
  if (small !== null) return small;
  const fr = parts.map((p) => ({ a: BigInt(p.amountMinor), f: fraction(p.rate) }));
  const den = fr.reduce((d, x) => (x.f.den > d ? x.f.den : d), 1n); // all dens are powers of ten
  const num = fr.reduce((s, x) => s + x.a * x.f.num * (den / x.f.den), 0n);
  return Number(divRound(num, den));
}

/** Compares a / b with the fraction c (b > 0). Returns -1, 0, 1. */
export function compareRatio(a: number, b: number, c: number): number {
  const f = fraction(c);
  const l = BigInt(a) * f.den;
  const r = f.num * BigInt(b);
  return l < r ? -1 : l > r ? 1 : 0;
}

/**
 * sumOfProducts in plain integer arithmetic when every intermediate is a safe integer (< 2^53, where doubles are exact
 * integers) — the normal case: amounts of up to ~10^11 fen at rates like 0.035 — else null (the BigInt path decides).
 * The same result: the same sum, the same rounding rule.
 */
function sumOfProductsSafe(parts: Array<{ amountMinor: number; rate: number }>): number | null {
  let den = 1;
  for (const p of parts) {
    const d = Number(fraction(p.rate).den);
    if (d > den) den = d;
  }
  if (!Number.isSafeInteger(den)) return null;
  let num = 0;
  for (const p of parts) {
    const f = fraction(p.rate);
    const term = p.amountMinor * Number(f.num) * (den / Number(f.den));
    num += term;
    if (!Number.isSafeInteger(term) || !Number.isSafeInteger(num)) return null;
  }
  // Half away from zero: q = ⌊(2|n| + d) / 2d⌋, the quotient corrected by its remainder (a double division may be off by one).
  const an = Math.abs(num);
  const x = 2 * an + den;
  const y = 2 * den;
  if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y)) return null;
  let q = Math.floor(x / y);
  const r = x - q * y;
  if (r < 0) q -= 1;
  else if (r >= y) q += 1;
  return num < 0 && q !== 0 ? -q : q;
}
