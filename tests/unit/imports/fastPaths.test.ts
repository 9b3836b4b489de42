import { describe, expect, it } from 'vitest';
import { decimalToMinor } from '../../../shared/money';
import { parseDate, parseDecimal, parseDecimalFull, parseMoney } from '../../../electron/domain/imports/valueParsers';

/** A deterministic generator (the failing input is then reproducible). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const outcome = <T>(fn: () => T): { ok: T } | { error: string } => {
  try {
    return { ok: fn() };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

/** Number-like texts near the fast path's edges: signs, leading/trailing zeros, groups of 1–4 digits, long digit runs. */
function numberText(r: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const digits = (n: number) => Array.from({ length: n }, () => pick('0123456789'.split(''))).join('');
  let s = pick(['', '', '', '-', '+', '--']);
  const kind = r();
  if (kind < 0.4) s += digits(1 + Math.floor(r() * 18));
  else if (kind < 0.8) {
    s += digits(1 + Math.floor(r() * 3));
    const groups = Math.floor(r() * 6);
    for (let i = 0; i < groups; i++) s += pick([',', ',', ',', '']) + digits(pick([3, 3, 3, 2, 4]));
  } else s += pick(['0', '00', '']);
  if (r() < 0.6) s += pick(['.', '.', ',']) + digits(Math.floor(r() * 6)) + pick(['', '0', '00', '000']);
  return s;
}

describe('imports: fast paths give exactly what the full parsers give', () => {
  it('decimal texts (thousands of random number-like inputs)', () => {
    const r = rng(1);
    let fast = 0;
    for (let i = 0; i < 20_000; i++) {
      const s = numberText(r);
      expect(outcome(() => parseDecimal(s)), s).toEqual(outcome(() => parseDecimalFull(s)));
      if (/^-?[\d,]+(\.\d+)?$/.test(s)) fast++;
    }
    expect(fast).toBeGreaterThan(5000);
  });

  it('money in minor units (CNY and JPY), rounded once half away from zero', () => {
    const r = rng(2);
    for (let i = 0; i < 20_000; i++) {
      const s = numberText(r);
      for (const currency of ['CNY', 'JPY']) {
        const full = outcome(() => {
          const d = parseDecimalFull(s);
          if (d === null) return null;
          const m = decimalToMinor(d, currency);
          if (m === null) throw new Error('amount too large');
          return m;
        });
        const got = outcome(() => parseMoney(s, currency));
        if ('error' in full) expect('error' in got, `${s} ${currency}`).toBe(true);
        else expect(got, `${s} ${currency}`).toEqual(full);
      }
    }
    expect(parseMoney('1,234.565')).toBe(123457);
    expect(parseMoney('-0.005')).toBe(-1);
    expect(parseMoney('-0.004')).toBe(0);
    expect(parseMoney('9999999999999.99')).toBe(999999999999999);
  });

  it('ISO dates: the fast path checks like the full one (a leading space takes the full path)', () => {
    const r = rng(3);
    const two = (n: number) => String(n).padStart(2, '0');
    for (let i = 0; i < 20_000; i++) {
      const y = 1890 + Math.floor(r() * 330);
      const s = `${y}-${two(Math.floor(r() * 14))}-${two(Math.floor(r() * 33))}`;
      expect(outcome(() => parseDate(s, null)), s).toEqual(outcome(() => parseDate(` ${s}`, null)));
    }
    expect(parseDate('2024-02-29', null)).toBe('2024-02-29');
    expect(() => parseDate('2023-02-29', null)).toThrow(/day 29/);
  });
});
