import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../db/database';
import { ensureSalesSummaries, monthIndex } from '../../../electron/domain/evaluations/salesSummaries';
import { customerCountsOf, type CustomerCounts, type CustomerPeriods } from '../../../electron/domain/evaluations/store';
import { KpiSource } from '../../../electron/domain/evaluations/kpis';
import { parsePeriod, previousPeriod } from '../../../shared/period';
import { memoryApi } from '../../helpers/workspace';
import { partner, sale } from './fixtures';

/**
 * Customer counts (active, new, previous period's, retained) of several periods read in one pass over the customer
 * month bitmaps (issue 20): in one 60-month span, across two (2020-01 starts a span: a year 2020 against 2019), and
 * periods further apart, each against a count made straight from the lines.
 */
let ws: Workspace;
let close: () => void;
const PARTNERS = 12;
let ids: number[] = [];

beforeEach(async () => {
  const m = memoryApi();
  ws = m.ws;
  close = () => m.ws.close();
  ids = [];
  for (let i = 0; i < PARTNERS; i++) ids.push(await partner(m.api, `P${i}`, { joinedOn: '2016-01-01' }));
  let seed = 7;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  // 2017-07 … 2021-06, with a few lines in 2025 (three spans away) and the first partner without any line.
  for (const id of ids.slice(1)) {
    const customers = 2 + Math.floor(rnd() * 8);
    for (let k = 0; k < 60; k++) {
      const month = 2017 * 12 + 6 + Math.floor(rnd() * 48);
      const date = `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
      sale(ws, id, date, 10_000, { order: `O${k}`, customer: rnd() < 0.1 ? undefined : `C${Math.floor(rnd() * customers)}` });
    }
    if (id % 3 === 0) sale(ws, id, '2025-02-10', 5_000, { customer: 'C0' });
    // A first purchase in 2020 (a new customer of 2020-Q2 and of the year).
    if (id % 2 === 0) sale(ws, id, '2020-05-05', 7_000, { customer: `N${id}` });
  }
  ensureSalesSummaries(ws.sqlite);
});
afterEach(() => close());

/** The counts of one partner for a period and its previous one, straight from the lines. */
function fromLines(pairs: CustomerPeriods): Map<number, CustomerCounts> {
  const rows = ws.sqlite
    .prepare("select partner_id as p, customer_ref as c, cast(substr(date, 1, 4) as integer) * 12 + cast(substr(date, 6, 2) as integer) - 1 as m from sales_lines where customer_ref is not null")
    .all() as Array<{ p: number; c: string; m: number }>;
  const first = new Map<string, number>();
  for (const r of rows) first.set(`${r.p}|${r.c}`, Math.min(first.get(`${r.p}|${r.c}`) ?? Infinity, r.m));
  const out = new Map<number, CustomerCounts>();
  for (const id of ids) {
    const cur = new Set(rows.filter((r) => r.p === id && r.m >= pairs.a && r.m <= pairs.b).map((r) => r.c));
    const prev = new Set(rows.filter((r) => r.p === id && r.m >= pairs.pa && r.m <= pairs.pb).map((r) => r.c));
    out.set(id, {
      active: cur.size,
      fresh: [...cur].filter((c) => first.get(`${id}|${c}`)! >= pairs.a).length,
      prev: prev.size,
      kept: [...cur].filter((c) => prev.has(c)).length,
    });
  }
  return out;
}

const pairOf = (label: string): CustomerPeriods => {
  const p = parsePeriod(label);
  const q = previousPeriod(p);
  return { a: monthIndex(p.start), b: monthIndex(p.end), pa: monthIndex(q.start), pb: monthIndex(q.end) };
};
const zero = { active: 0, fresh: 0, prev: 0, kept: 0 };
const dense = (m: Map<number, CustomerCounts>) => ids.map((id) => ({ ...zero, ...(m.get(id) ?? {}) }));

describe('customer counts of several periods in one read', () => {
  it.each([
    ['one span', ['2018', '2019-Q2', '2019-H1', '2019']],
    ['two spans (2020-01 starts a span)', ['2019', '2020', '2020-Q1', '2019-Q4']],
    ['spans apart', ['2018-Q3', '2025-Q1', '2020-Q1']],
  ])('%s: equal to counting the lines, period by period', (_, labels) => {
    const pairs = labels.map(pairOf);
    const together = customerCountsOf(ws, JSON.stringify(ids), pairs);
    pairs.forEach((pair, i) => {
      expect(dense(together[i])).toEqual(dense(fromLines(pair)));
      expect(dense(customerCountsOf(ws, JSON.stringify(ids), [pair])[0])).toEqual(dense(together[i]));
    });
    // The data has customers in every period asked for (the comparison is not between empty maps).
    expect(dense(together[0]).some((c) => c.active > 0 && c.prev > 0 && c.kept > 0)).toBe(true);
  });

  it('a planned run computes the earlier period and the evaluated one as each alone would', () => {
    const [y2019, y2020] = [parsePeriod('2019'), parsePeriod('2020')];
    const planned = new KpiSource(ws, ids, 1).plan([y2019, y2020]);
    const early = planned.compute(y2019, undefined, { orders: false });
    const late = planned.compute(y2020);
    expect(early).toEqual(new KpiSource(ws, ids, 1).compute(y2019, undefined, { orders: false }));
    expect(late).toEqual(new KpiSource(ws, ids, 1).compute(y2020));
    expect([...late.values()].some((k) => k.retention !== null && k.newCustomers > 0)).toBe(true);
  });
});
