import { describe, expect, it, vi } from 'vitest';
import { moneyBases } from '../../../electron/domain/incentives/basis';
import { basisStore } from '../../../electron/domain/incentives/store';
import { ensureSalesSummaries, salesSummariesCurrent } from '../../../electron/domain/evaluations/salesSummaries';
import { sale, setup } from './fixture';

/**
 * The payout bases sum one measure per statement (the hot path of a payout run), from the partner × month totals when
 * those are current and the span is whole months. They must equal, partner by partner and to the fen, the three-measure
 * aggregation over the lines they replaced, on lines with returns, unknown costs, fractional quantities, lines outside
 * the span, a deleted partner and partners without lines.
 */
describe('payout bases: one measure per statement, identical to the full aggregation', () => {
  it('revenue, margin, sell-through, and SPIFF revenue and units per partner, from the lines and from the month totals', async () => {
    const codes = ['P01', 'P02', 'P03', 'P04', 'P05', 'P06'];
    const { ws, ids } = await setup(codes.map((c) => [c, { channelType: 'dealer' }]));
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const productId = Number(ws.sqlite.prepare(`insert into products (code, name_zh) values ('SKU-1', '摄像头')`).run().lastInsertRowid);
    for (const code of codes.slice(0, 5)) {
      for (let i = 0; i < 60; i++) {
        const day = `2025-${String(1 + Math.floor(rnd() * 6)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
        const amount = Math.floor(rnd() * 2_000_000) - (rnd() < 0.15 ? 1_500_000 : 0);
        sale(ws, ids[code], day, amount, { costMinor: rnd() < 0.3 ? undefined : Math.floor(amount * 0.7), quantity: Math.round(rnd() * 40) / 4, product: rnd() < 0.5 ? 'SKU-1' : 'SKU-2', category: rnd() < 0.5 ? '安防' : '网络' });
        ws.sqlite
          .prepare(`insert into sell_through_lines (partner_id, product_id, date, quantity, amount_minor, dedupe_key) values (?, ?, ?, ?, ?, ?)`)
          .run(ids[code], productId, day, 1 + Math.floor(rnd() * 5), rnd() < 0.1 ? null : amount, `st:${code}:${i}`);
      }
    }
    ws.sqlite.prepare('update partners set deleted_at = ? where id = ?').run('2025-06-30T00:00:00Z', ids.P05);
    const full = (from: string, to: string, where = '', params: unknown[] = []) =>
      new Map(
        (
          ws.sqlite
            .prepare(
              `select partner_id as id, sum(amount_minor) as revenue, sum(case when cost_minor is null then 0 else amount_minor - cost_minor end) as margin, total(quantity) as units
               from sales_lines where date >= ? and date <= ?${where} group by partner_id`,
            )
            .all(from, to, ...params) as Array<{ id: number; revenue: number; margin: number; units: number }>
        ).map((r) => [r.id, r]),
      );
    const spans: Array<[string, string]> = [['2025-01-01', '2025-03-31'], ['2025-02-15', '2025-05-10'], ['2025-04-01', '2025-06-30'], ['2026-01-01', '2026-03-31'], ['2025-02-01', '2025-02-28'], ['2025-01-01', '2025-06-30']];
    let compared = 0;
    // Three states: lines written without the month totals (the bases read the lines), the totals rebuilt (whole-month
    // spans read them, part months the lines), and a line written after them (out of date again: the lines).
    expect(salesSummariesCurrent(ws.sqlite)).toBe(false);
    check();
    expect(ensureSalesSummaries(ws.sqlite)).toBe(true);
    expect(salesSummariesCurrent(ws.sqlite)).toBe(true);
    const fromMonths = vi.spyOn(basisStore, 'monthMeasure');
    check();
    // Every whole-month span was answered from the month totals (revenue and margin each), the part-month one from the lines.
    expect(fromMonths).toHaveBeenCalledTimes(2 * 5);
    sale(ws, ids.P01, '2025-03-31', 1_234_567, { costMinor: 1_000_000 });
    expect(salesSummariesCurrent(ws.sqlite)).toBe(false);
    check();
    expect(fromMonths).toHaveBeenCalledTimes(2 * 5);
    fromMonths.mockRestore();
    expect(compared).toBeGreaterThan(30);
    function check() {
      for (const [from, to] of spans) {
        const ref = full(from, to);
        const revenue = moneyBases(ws, from, to, 'revenue');
        const margin = moneyBases(ws, from, to, 'margin');
        expect([...revenue.keys()].sort()).toEqual([...ref.keys()].sort());
        for (const [id, r] of ref) {
          expect(revenue.get(id)).toBe(r.revenue);
          expect(margin.get(id)).toBe(r.margin);
          compared++;
        }
        expect(revenue.has(ids.P06)).toBe(false);
        const stRef = ws.sqlite.prepare('select partner_id as id, coalesce(sum(amount_minor), 0) as v from sell_through_lines where date >= ? and date <= ? group by partner_id').all(from, to) as Array<{ id: number; v: number }>;
        expect(Object.fromEntries(moneyBases(ws, from, to, 'sellThrough'))).toEqual(Object.fromEntries(stRef.map((r) => [r.id, r.v])));
        const spiffRef = full(from, to, ` and (product in (?) or category in (?))`, ['SKU-1', '网络']);
        const spiff = basisStore.salesRevenueAndUnits(ws, from, to, { products: ['SKU-1'], categories: ['网络'] });
        expect(Object.fromEntries(spiff)).toEqual(Object.fromEntries([...spiffRef].map(([id, r]) => [id, { revenueMinor: r.revenue, units: r.units }])));
      }
    }
    // The spans above hold negative-margin partners and returns, so equality is not of zeros.
    expect([...moneyBases(ws, '2025-01-01', '2025-06-30', 'revenue').values()].some((v) => v !== 0)).toBe(true);
  });
});
