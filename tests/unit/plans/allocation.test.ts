import { describe, expect, it } from 'vitest';
import { allocate, type AllocNode } from '../../../electron/domain/plans/allocation';
import { forecastNode } from '../../../electron/domain/plans/forecast';
import { splitExact } from '../../../electron/domain/plans/largestRemainder';
import { splitOverTime } from '../../../electron/domain/plans/timeSplit';

/** Every internal node's children add up exactly to it. */
function expectExact(root: AllocNode, amounts: Map<string, number>) {
  const walk = (n: AllocNode) => {
    if (!n.children?.length) return;
    expect(n.children.reduce((a, c) => a + amounts.get(c.key)!, 0), `children of ${n.key}`).toBe(amounts.get(n.key));
    n.children.forEach(walk);
  };
  walk(root);
}

function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('splitExact (largest remainder)', () => {
  it('gives the leftover units to the largest remainders', () => {
    // 100 over 1:1:1 → 33.33 each; one unit left, remainders equal, weights equal → smallest key first.
    expect(splitExact(100, [{ key: 'b', weight: 1n }, { key: 'a', weight: 1n }, { key: 'c', weight: 1n }])).toEqual([33, 34, 33]);
    // 10 over 3:3:4 → 3, 3, 4 exactly.
    expect(splitExact(10, [{ key: 'a', weight: 3n }, { key: 'b', weight: 3n }, { key: 'c', weight: 4n }])).toEqual([3, 3, 4]);
    // 7 over 1:2:4 → 1, 2, 4 exactly; 8 over 1:2:4 → quotas 1.14, 2.29, 4.57 → 1, 2, 5.
    expect(splitExact(8, [{ key: 'a', weight: 1n }, { key: 'b', weight: 2n }, { key: 'c', weight: 4n }])).toEqual([1, 2, 5]);
  });

  it('breaks equal remainders by the larger weight before the key', () => {
    // 3 over 1:1:2:2 (Σ6) → quotas 0.5, 0.5, 1, 1: remainders 3,3,0,0 of 6 → one unit left → equal remainders, equal weights → 'a'.
    expect(splitExact(3, [{ key: 'b', weight: 1n }, { key: 'a', weight: 1n }, { key: 'c', weight: 2n }, { key: 'd', weight: 2n }])).toEqual([0, 1, 1, 1]);
    // 1 over 2:4 → remainders 2 and 4 of 6 → 'x' (remainder 4).
    expect(splitExact(1, [{ key: 'a', weight: 2n }, { key: 'x', weight: 4n }])).toEqual([0, 1]);
  });

  it('gives nothing to a zero weight and splits equally when every weight is zero', () => {
    expect(splitExact(5, [{ key: 'a', weight: 0n }, { key: 'b', weight: 1n }, { key: 'c', weight: 1n }])).toEqual([0, 3, 2]);
    expect(splitExact(5, [{ key: 'a', weight: 0n }, { key: 'b', weight: 0n }])).toEqual([3, 2]);
  });

  it('adds up exactly for random amounts and weights, with huge weights too', () => {
    const r = prng(7);
    for (let t = 0; t < 500; t++) {
      const n = 1 + Math.floor(r() * 40);
      const amount = Math.floor(r() * 1e13);
      const shares = Array.from({ length: n }, (_, i) => ({ key: `k${i}`, weight: BigInt(Math.floor(r() * 1e15)) * (r() < 0.2 ? 0n : 1n) }));
      const parts = splitExact(amount, shares);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
      const W = shares.reduce((a, s) => a + s.weight, 0n);
      // No part is more than one unit away from its exact quota.
      if (W > 0n) parts.forEach((p, i) => expect(Math.abs(p - Number((BigInt(amount) * shares[i].weight) / W))).toBeLessThanOrEqual(1));
    }
  });
});

const leaf = (key: string, weight: number, minimum?: number): AllocNode => ({ key, weight: BigInt(weight), minimum });

function tree(): AllocNode {
  return {
    key: 'root',
    children: [
      { key: 't:HD', children: [{ key: 'm:HD/1', children: [leaf('p:A', 300), leaf('p:B', 100)] }, { key: 'm:HD/2', children: [leaf('p:C', 100), leaf('p:NEW', 0, 5000)] }] },
      { key: 't:HN', children: [{ key: 'm:HN/3', children: [leaf('p:D', 500)] }] },
    ],
  };
}

describe('allocate down the tree', () => {
  it('spreads by weight, exactly at every node', () => {
    const a = allocate(tree(), 1_000_000);
    expectExact(tree(), a);
    // New partner keeps its minimum; the rest 995,000 by 300:100:100:500.
    expect(a.get('p:NEW')).toBe(5000);
    expect(a.get('p:A')).toBe(298_500);
    expect(a.get('p:D')).toBe(497_500);
    expect(a.get('t:HD')).toBe(502_500);
  });

  it('keeps a locked partner and re-spreads the rest over its unlocked siblings and cousins', () => {
    const locks = new Map([['p:A', 100_000]]);
    const a = allocate(tree(), 1_000_000, locks);
    expectExact(tree(), a);
    expect(a.get('p:A')).toBe(100_000);
    expect(a.get('p:NEW')).toBe(5000);
    // HD's floor is 105,000 (lock + minimum); the 895,000 left go by weight B+C = 200 vs D = 500.
    expect(a.get('p:D')).toBe(Math.round((895_000 * 500) / 700));
    expect(a.get('p:B')! + a.get('p:C')! + a.get('p:D')!).toBe(895_000);
  });

  it('keeps a locked territory and spreads inside it by weight', () => {
    const locks = new Map([['t:HN', 200_000]]);
    const a = allocate(tree(), 1_000_000, locks);
    expectExact(tree(), a);
    expect(a.get('t:HN')).toBe(200_000);
    expect(a.get('p:D')).toBe(200_000);
    expect(a.get('t:HD')).toBe(800_000);
  });

  it('refuses locks and minimums that exceed their parent, and all-locked children that do not add up', () => {
    expect(() => allocate(tree(), 1_000_000, new Map([['p:A', 2_000_000]]))).toThrow(/exceed/);
    expect(() => allocate(tree(), 1_000_000, new Map([['t:HD', 1000]]))).toThrow(/below/);
    expect(() => allocate(tree(), 1_000_000, new Map([['t:HD', 10_000], ['t:HN', 100]]))).toThrow(/every part is locked/);
  });

  it('spreads equally when nothing under a node has history', () => {
    const root: AllocNode = { key: 'root', children: [leaf('p:X', 0), leaf('p:Y', 0), leaf('p:Z', 0)] };
    expect([...allocate(root, 100).entries()]).toEqual([['root', 100], ['p:X', 34], ['p:Y', 33], ['p:Z', 33]]);
  });

  it('is exact on random trees with random locks', () => {
    const r = prng(42);
    for (let t = 0; t < 200; t++) {
      let id = 0;
      const locks = new Map<string, number>();
      const mk = (depth: number): AllocNode => {
        const key = `n${id++}`;
        if (depth === 3) return leaf(key, r() < 0.2 ? 0 : Math.floor(r() * 1e9), r() < 0.5 ? Math.floor(r() * 1000) : undefined);
        return { key, children: Array.from({ length: 1 + Math.floor(r() * 4) }, () => mk(depth + 1)) };
      };
      const root = mk(0);
      const walk = (n: AllocNode) => {
        if (n.key !== root.key && !n.children && r() < 0.1) locks.set(n.key, Math.floor(r() * 10_000));
        n.children?.forEach(walk);
      };
      walk(root);
      const total = 10_000_000 + Math.floor(r() * 1e12);
      const a = allocate(root, total, locks);
      expect(a.get(root.key)).toBe(total);
      expectExact(root, a);
      for (const [k, v] of locks) expect(a.get(k)).toBe(v);
    }
  });
});

describe('time split', () => {
  const shape = {
    quarters: [
      { label: '2025-Q1', months: ['2025-01', '2025-02', '2025-03'] },
      { label: '2025-Q2', months: ['2025-04', '2025-05', '2025-06'] },
    ],
  };

  it('follows last year’s seasonality and adds up exactly at every level', () => {
    const w = new Map<string, bigint>([
      ['2025-01', 1n], ['2025-02', 1n], ['2025-03', 2n],
      ['2025-04', 3n], ['2025-05', 0n], ['2025-06', 3n],
    ]);
    const s = splitOverTime(1001, shape, w);
    expect(s.quarters).toEqual({ '2025-Q1': 400, '2025-Q2': 601 });
    expect(s.months).toEqual({ '2025-01': 100, '2025-02': 100, '2025-03': 200, '2025-04': 301, '2025-05': 0, '2025-06': 300 });
  });

  it('splits equally without history', () => {
    const s = splitOverTime(100, shape, new Map());
    expect(s.quarters).toEqual({ '2025-Q1': 50, '2025-Q2': 50 });
    expect(Object.values(s.months)).toEqual([17, 17, 16, 17, 17, 16]);
  });

  it('keeps the months a stored run used and spreads the rest over the open months only', () => {
    const w = new Map<string, bigint>([
      ['2025-01', 1n], ['2025-02', 1n], ['2025-03', 2n],
      ['2025-04', 3n], ['2025-05', 0n], ['2025-06', 3n],
    ]);
    // January and February used (100 + 100); 801 left over March (2) and Q2 (6): Q1 gets 200 + 200, Q2 601.
    const s = splitOverTime(1001, shape, w, new Map([['2025-01', 100], ['2025-02', 100]]));
    expect(s.months).toEqual({ '2025-01': 100, '2025-02': 100, '2025-03': 200, '2025-04': 301, '2025-05': 0, '2025-06': 300 });
    // A smaller revision: the used months stay, the open months shrink, every level still adds up.
    const r = splitOverTime(500, shape, w, new Map([['2025-01', 100], ['2025-02', 100]]));
    expect(r.months['2025-01']).toBe(100);
    expect(r.months['2025-02']).toBe(100);
    expect(r.quarters['2025-Q1'] + r.quarters['2025-Q2']).toBe(500);
    expect(r.quarters['2025-Q1']).toBe(r.months['2025-01'] + r.months['2025-02'] + r.months['2025-03']);
    expect(r.quarters['2025-Q2']).toBe(r.months['2025-04'] + r.months['2025-05'] + r.months['2025-06']);
    // Open months that all weigh 0 share equally; an amount below the used months is refused.
    const z = splitOverTime(300, shape, new Map([['2025-01', 5n]]), new Map([['2025-01', 100]]));
    expect(Object.values(z.months)).toEqual([100, 40, 40, 40, 40, 40]);
    expect(() => splitOverTime(150, shape, w, new Map([['2025-01', 100], ['2025-02', 100]]))).toThrow(RangeError);
  });

  it('random amounts and used months: used months kept, months add up to quarters and quarters to the amount', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const months = shape.quarters.flatMap((q) => q.months);
    for (let i = 0; i < 500; i++) {
      const w = new Map(months.map((m) => [m, BigInt(rnd(4) === 0 ? 0 : rnd(1_000_000))]));
      const frozen = new Map(months.filter(() => rnd(3) === 0).map((m) => [m, rnd(10_000)]));
      if (frozen.size === months.length) continue;
      const used = [...frozen.values()].reduce((a, b) => a + b, 0);
      const amount = used + rnd(1_000_000);
      const s = splitOverTime(amount, shape, w, frozen);
      for (const [m, v] of frozen) expect(s.months[m]).toBe(v);
      expect(Object.values(s.quarters).reduce((a, b) => a + b, 0)).toBe(amount);
      for (const q of shape.quarters) expect(q.months.reduce((a, m) => a + s.months[m], 0)).toBe(s.quarters[q.label]);
      expect(Object.values(s.months).every((v) => v >= 0)).toBe(true);
    }
  });
});

describe('forecast', () => {
  const base = { targetMinor: 1_000_000, periodStart: '2025-01-01', periodEnd: '2025-12-31', lastYearToDateMinor: 0, lastYearFullMinor: 0 };

  it('extrapolates linearly over the days elapsed', () => {
    // 31 of 365 days, 100,000 so far → 100,000 × 365 / 31 = 1,177,419.35… → 1,177,419; gap −177,419.
    const f = forecastNode({ ...base, actualToDateMinor: 100_000, asOf: '2025-01-31' });
    expect(f.elapsedDays).toBe(31);
    expect(f.periodDays).toBe(365);
    expect(f.linearMinor).toBe(1_177_419);
    expect(f.gapLinearMinor).toBe(-177_419);
    expect(f.attainmentToDate).toBeCloseTo(0.1, 10);
    expect(f.lastYearShapeMinor).toBeNull();
  });

  it('follows last year’s shape: this year to date × last year full ÷ last year to date', () => {
    const f = forecastNode({ ...base, actualToDateMinor: 300_000, lastYearToDateMinor: 200_000, lastYearFullMinor: 900_000, asOf: '2025-06-30' });
    expect(f.lastYearShapeMinor).toBe(1_350_000);
    expect(f.gapLastYearShapeMinor).toBe(-350_000);
    // 181 of 365 days: 300,000 × 365 / 181 = 604,972.37… → 604,972.
    expect(f.linearMinor).toBe(604_972);
  });

  it('has no forecast before the period and the actual after it', () => {
    expect(forecastNode({ ...base, actualToDateMinor: 0, asOf: '2024-12-31' }).linearMinor).toBeNull();
    const after = forecastNode({ ...base, actualToDateMinor: 950_000, lastYearToDateMinor: 1, lastYearFullMinor: 1, asOf: '2026-02-01' });
    expect(after.linearMinor).toBe(950_000);
    expect(after.lastYearShapeMinor).toBe(950_000);
    expect(after.gapLinearMinor).toBe(50_000);
  });
});
