import { describe, expect, it } from 'vitest';
import { makeCreditCode, orgCodeCheckChar } from '../../../electron/domain/demo/creditCode';
import { creditCodeCheckChar, isValidCreditCode } from '../../../shared/partnerIds';
import { Rng } from '../../../electron/domain/demo/prng';

describe('unified social credit codes', () => {
  it('accepts published codes and rejects a changed character', () => {
    for (const code of ['91350100M000100Y43', '91440300708461136T']) {
      expect(isValidCreditCode(code)).toBe(true);
      const changed = code.slice(0, 10) + (code[10] === '1' ? '2' : '1') + code.slice(11);
      expect(isValidCreditCode(changed)).toBe(false);
    }
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M000100YI3')).toBe(false);
  });

  it('computes the organisation code check character (GB 11714)', () => {
    // 70846113-6 is the organisation code inside 91440300708461136T.
    expect(orgCodeCheckChar('70846113')).toBe('6');
  });

  it('makes valid enterprise codes for a division', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 200; i++) {
      const code = makeCreditCode(rng, '330106');
      expect(code).toMatch(/^91330106/);
      expect(isValidCreditCode(code)).toBe(true);
      expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
      expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
    }
  });
});

describe('seeded generator', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 50 }, () => a.nextUint32());
    expect(Array.from({ length: 50 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 50 }, () => c.nextUint32())).not.toEqual(sa);
  });

  it('draws integers within bounds, covering them all', () => {
    const rng = new Rng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = rng.int(1, 6);
      expect(v).toBeGreaterThanOrEqual(1);
      expect(v).toBeLessThanOrEqual(6);
      seen.add(v);
    }
    expect(seen.size).toBe(6);
  });
});
