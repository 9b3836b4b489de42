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
