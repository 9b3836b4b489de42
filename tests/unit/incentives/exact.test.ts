import { describe, expect, it } from 'vitest';
import { divRound, fraction, sumOfProducts } from '../../../electron/domain/incentives/exact';

/** The rule as written, in BigInt only: Σ amount × rate exactly, rounded once, half away from zero. */
function reference(parts: Array<{ amountMinor: number; rate: number }>): number {
  if (parts.length === 0) return 0;
  const den = parts.reduce((d, p) => (fraction(p.rate).den > d ? fraction(p.rate).den : d), 1n);
  const num = parts.reduce((s, p) => s + BigInt(p.amountMinor) * fraction(p.rate).num * (den / fraction(p.rate).den), 0n);
  return Number(divRound(num, den));
}

/**
 * sumOfProducts takes plain integer arithmetic while every intermediate is a safe integer and BigInt beyond: both must
 * give the rule's result, on halves (…5 fen exactly), negatives, tiny and huge amounts and rates with many decimals.
 */
describe('sumOfProducts: exact, rounded once, half away from zero', () => {
  it('rounds halves away from zero in both directions', () => {
    expect(sumOfProducts([{ amountMinor: 50, rate: 0.01 }])).toBe(1); // 0.5 → 1
    expect(sumOfProducts([{ amountMinor: -50, rate: 0.01 }])).toBe(-1);
    expect(sumOfProducts([{ amountMinor: 49, rate: 0.01 }])).toBe(0);
    expect(Object.is(sumOfProducts([{ amountMinor: -49, rate: 0.01 }]), 0)).toBe(true); // 0, not −0
    expect(sumOfProducts([{ amountMinor: 150, rate: 0.035 }, { amountMinor: 100, rate: 0.005 }])).toBe(6); // 5.25 + 0.5 = 5.75
    expect(sumOfProducts([{ amountMinor: 7, rate: 0.5 }])).toBe(4); // 3.5 → 4
  });

  it('matches the BigInt rule on random parts, including products beyond 2^53', () => {
    let seed = 42;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const rates = [0, 0.01, 0.02, 0.035, 0.125, 0.5, 1, 1.5, 0.0001, 0.123456789, 2e-3, 0.3333333333333];
    let beyond = 0;
    for (let i = 0; i < 20_000; i++) {
      const n = 1 + Math.floor(rnd() * 4);
      const scale = [100, 1e6, 1e11, 1e15, Number.MAX_SAFE_INTEGER][Math.floor(rnd() * 5)];
      const parts = Array.from({ length: n }, () => ({ amountMinor: Math.round((rnd() - 0.3) * scale), rate: rates[Math.floor(rnd() * rates.length)] }));
      const want = reference(parts);
      if (parts.some((p) => Math.abs(p.amountMinor * Number(fraction(p.rate).num)) > Number.MAX_SAFE_INTEGER)) beyond++;
      expect(sumOfProducts(parts), JSON.stringify(parts)).toBe(want);
    }
    expect(beyond).toBeGreaterThan(1000);
  });
});
