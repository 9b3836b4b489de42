import { beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../db/database';
import type { Api } from '../../../electron/api/api';
import { evaluatedPartners } from '../../../electron/domain/evaluations/evaluatedPartners';
import { KpiSource } from '../../../electron/domain/evaluations/kpis';
import { revenueTargets } from '../../../electron/domain/evaluations/targets';
import { parsePeriod } from '../../../shared/period';
import { setSetting } from '../../../electron/domain/system/settingsStore';
import { memoryApi } from '../../helpers/workspace';
import { feedback, partner, sale, target } from './fixtures';

let ws: Workspace;
let api: Api;
let A: number, B: number, C: number, D: number, E: number;

/** Hand-computed fixture, amounts in fen. */
beforeEach(async () => {
  ({ ws, api } = memoryApi());
  A = await partner(api, 'A');
  B = await partner(api, 'B');
  C = await partner(api, 'C');
  D = await partner(api, 'D', { joinedOn: '2019-02-15' });
  E = await partner(api, 'E', { joinedOn: '2019-04-10' });
  // A: 2018-Q1 (YoY base) 1,800.00 from c1
  sale(ws, A, '2018-02-01', 180_000, { order: 'o0', customer: 'c1', cost: 100_000 });
  // A: 2018-Q4 (previous period) 1,500.00 from c1 and c2
  sale(ws, A, '2018-11-01', 100_000, { order: 'o1', customer: 'c1', cost: 60_000 });
  sale(ws, A, '2018-12-31', 50_000, { order: 'o2', customer: 'c2' });
  // A: 2019-Q1: c1 2,000 (cost 1,500); c3 new: order o4 800 + 200 (cost 400 + 100); c3 returns 300 (cost −150)
  sale(ws, A, '2019-01-01', 200_000, { order: 'o3', customer: 'c1', cost: 150_000 });
  sale(ws, A, '2019-02-10', 80_000, { order: 'o4', customer: 'c3', cost: 40_000 });
  sale(ws, A, '2019-02-10', 20_000, { order: 'o4', customer: 'c3', cost: 10_000 });
  sale(ws, A, '2019-03-31', -30_000, { order: 'o5', customer: 'c3', cost: -15_000 });
  sale(ws, A, '2019-04-01', 999_999, { order: 'o6', customer: 'c9', cost: 1 }); // next quarter: must not count
  target(ws, A, '2019-Q1', 200_000);
  feedback(ws, A, '2018-12-20', 1);
  feedback(ws, A, '2019-02-01', 4);
  feedback(ws, A, '2019-03-15', 3);
  // B: target, no sales at all
  target(ws, B, '2019-Q1', 100_000);
  // C: no target; 1,000.00 in Q4, only a return in Q1
  sale(ws, C, '2018-10-05', 100_000, { order: 'x1', customer: 'k1' });
  sale(ws, C, '2019-01-20', -50_000, { order: 'x2', customer: 'k1' });
  // D joined mid-quarter; E joins after it
  sale(ws, D, '2019-03-01', 10_000, { order: 'd1', customer: 'm1' });
  sale(ws, E, '2019-03-01', 10_000, { order: 'e1', customer: 'n1' });
});

function kpis(label: string, fsm = 1) {
  const p = parsePeriod(label, fsm);
  const ids = evaluatedPartners(ws, p.end).map((x) => x.id);
  return { ids, k: new KpiSource(ws, ids, fsm).compute(p) };
}

describe('KPIs per partner and period (hand-computed)', () => {
  it('computes revenue, target, attainment, growth, margin, orders, customers, retention and satisfaction', () => {
    const a = kpis('2019-Q1').k.get(A)!;
    expect(a.revenueMinor).toBe(270_000);
    expect(a.targetMinor).toBe(200_000);
    expect(a.attainment).toBeCloseTo(1.35, 9);
    expect(a.prevRevenueMinor).toBe(150_000);
    expect(a.growthPrev).toBeCloseTo(0.8, 9);
    expect(a.growthYoY).toBeCloseTo(0.5, 9);
    expect(a.grossMargin).toBeCloseTo((270_000 - 185_000) / 270_000, 5);
    expect(a.orders).toBe(3);
    expect(a.activeCustomers).toBe(2);
    expect(a.newCustomers).toBe(1); // c3; c1 first bought in 2018
    expect(a.retention).toBeCloseTo(0.5, 9); // of c1, c2 only c1 came back
    expect(a.satisfaction).toBeCloseTo(3.5, 9);
    expect(a.trainingCompliance).toBeNull();
    expect(a.openHighRisks).toBe(0);
  });

  it('no sales: zero revenue, attainment 0, undefined growth, margin and retention', () => {
    const b = kpis('2019-Q1').k.get(B)!;
    expect(b).toMatchObject({ revenueMinor: 0, attainment: 0, growthPrev: null, growthYoY: null, grossMargin: null, orders: 0, activeCustomers: 0, retention: null, satisfaction: null });
  });

  it('returns making revenue negative: negative revenue and growth, no target → no attainment, no margin', () => {
    const c = kpis('2019-Q1').k.get(C)!;
    expect(c.revenueMinor).toBe(-50_000);
    expect(c.attainment).toBeNull();
    expect(c.growthPrev).toBeCloseTo(-1.5, 9);
    expect(c.grossMargin).toBeNull();
    expect(c.retention).toBe(1); // k1 bought (returned) again
    expect(c.newCustomers).toBe(0);
  });

  it('sales only in the months between the year-ago base and the previous period count in none of them', () => {
    // 2018-06 lies between 2018-Q1 (year-ago base of 2019-Q1) and 2018-Q4 (its previous period): the month totals read skips it.
    sale(ws, B, '2018-06-15', 70_000, { order: 'g1', customer: 'g', cost: 10_000 });
    const b = kpis('2019-Q1').k.get(B)!;
    expect([b.revenueMinor, b.prevRevenueMinor, b.yoyRevenueMinor, b.grossMargin, b.growthPrev, b.growthYoY]).toEqual([0, 0, 0, null, null, null]);
    const q2 = kpis('2018-Q2').k.get(B)!;
    expect([q2.revenueMinor, q2.grossMargin]).toEqual([70_000, 0.857143]);
  });

  it('a partner that joined mid-period is evaluated; one that joined after the period is not', () => {
    const { ids, k } = kpis('2019-Q1');
    expect(ids).toContain(D);
    expect(ids).not.toContain(E);
    expect(k.get(D)).toMatchObject({ revenueMinor: 10_000, growthPrev: null, retention: null, newCustomers: 1 });
  });

  it('leap year: February 2020 includes the 29th, not March 1st', () => {
    sale(ws, A, '2020-02-29', 12_345, { order: 'L1', customer: 'c1' });
    sale(ws, A, '2020-03-01', 1_000, { order: 'L2', customer: 'c1' });
    sale(ws, A, '2019-02-28', 7_000, { order: 'L0', customer: 'c1' });
    const a = kpis('2020-02').k.get(A)!;
    expect(a.revenueMinor).toBe(12_345);
    expect(a.yoyRevenueMinor).toBe(80_000 + 20_000 + 7_000);
    expect(kpis('2020-Q1').k.get(A)!.revenueMinor).toBe(13_345);
  });

  it('fiscal year starting in April shifts quarters and their month targets', () => {
    setSetting(ws.db, 'company.fiscalStartMonth', 4, new Date());
    sale(ws, B, '2019-05-10', 40_000, { order: 'f1', customer: 'z1' });
    sale(ws, B, '2020-02-10', 99_000, { order: 'f2', customer: 'z1' });
    target(ws, B, '2019-04', 30_000);
    target(ws, B, '2019-05', 50_000);
    const { k } = kpis('2020-Q1', 4); // FY2020 Q1 = April–June 2019
    expect(k.get(B)!.revenueMinor).toBe(40_000);
    expect(k.get(B)!.targetMinor).toBe(80_000);
    expect(k.get(B)!.attainment).toBeCloseTo(0.5, 9);
    expect(kpis('2020-Q4', 4).k.get(B)!.revenueMinor).toBe(99_000); // Jan–Mar 2020
  });
});

describe('target rule', () => {
  it("a period's own target wins; else the sum of its parts' targets; null without any", () => {
    target(ws, B, '2019', 900_000);
    target(ws, C, '2019-03', 10_000);
    target(ws, C, '2019-Q2', 40_000);
    const year = parsePeriod('2019');
    const t = revenueTargets(ws, year, 1, [A, B, C, D]);
    expect(t.get(A)).toBe(200_000); // only Q1 has a target
    expect(t.get(B)).toBe(900_000); // own target, not Q1's 100,000
    expect(t.get(C)).toBe(50_000); // a month of Q1 + Q2
    expect(t.has(D)).toBe(false);
    expect(revenueTargets(ws, parsePeriod('2019-H2'), 1, [A, B, C]).size).toBe(0);
  });
});
