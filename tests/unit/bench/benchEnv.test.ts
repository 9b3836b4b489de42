import { describe, expect, it } from 'vitest';
import { benchCount } from '../../../bench/benchEnv';

describe('benchCount (the benches\' sizes from the environment)', () => {
  const lines = ['BENCH_LINES', 'BENCH_ROWS', 'LINES'] as const;

  it('takes the first variable set, in the order given, else the default', () => {
    expect(benchCount(lines, 5_000_000, {})).toBe(5_000_000);
    expect(benchCount(lines, 5_000_000, { BENCH_ROWS: '20000' })).toBe(20_000);
    expect(benchCount(lines, 5_000_000, { LINES: '300' })).toBe(300);
    expect(benchCount(lines, 5_000_000, { BENCH_LINES: '1000', BENCH_ROWS: '20000' })).toBe(1000);
    expect(benchCount(lines, 5_000_000, { BENCH_LINES: ' ', BENCH_ROWS: '20000' })).toBe(20_000);
  });

  it('reads digit groups written with _ or ,', () => {
    expect(benchCount(lines, 1, { BENCH_ROWS: '100_000' })).toBe(100_000);
    expect(benchCount(lines, 1, { BENCH_ROWS: '1,000,000' })).toBe(1_000_000);
  });

  it('refuses what is not a whole number of at least 1, naming the variable (no silent full-size run)', () => {
    for (const bad of ['100k', '1e5', '0', '-5', '2.5', 'abc', '1__0']) {
      expect(() => benchCount(lines, 5_000_000, { BENCH_ROWS: bad })).toThrow(`BENCH_ROWS=${bad} is not a whole number`);
    }
  });
});

describe('the benches of issue 20 read BENCH_ROWS and BENCH_LINES alike', () => {
  it('evaluate, import and payouts size their lines from both names', async () => {
    const { readFileSync } = await import('node:fs');
    for (const bench of ['evaluate', 'import', 'payouts']) {
      const text = readFileSync(new URL(`../../../bench/${bench}.ts`, import.meta.url), 'utf8');
      expect(text, bench).toMatch(/benchCount\(\[[^\]]*'BENCH_LINES'[^\]]*\]/);
      expect(text, bench).toMatch(/benchCount\(\[[^\]]*'BENCH_ROWS'[^\]]*\]/);
      expect(text, bench).toMatch(/benchCount\(\[[^\]]*'BENCH_PARTNERS'[^\]]*\]/);
    }
  });
});
