import { describe, expect, it } from 'vitest';
import { memoryApi } from '../../helpers/workspace';
import { partner } from '../evaluations/fixtures';

describe('a sell-through quantity plan', () => {
  it('allocates whole units by last year’s sell-through, splits them over quarters and publishes them as that metric', async () => {
    const { ws, api } = memoryApi();
    const a = await partner(api, 'A', { territory: '310000' });
    const b = await partner(api, 'B', { territory: '310000' });
    const product = Number(ws.sqlite.prepare("insert into products (code, name_zh) values ('SKU1', '摄像头')").run().lastInsertRowid);
    let n = 0;
    const st = (pid: number, date: string, q: number) =>
      ws.sqlite.prepare('insert into sell_through_lines (partner_id, product_id, date, quantity, dedupe_key) values (?, ?, ?, ?, ?)').run(pid, product, date, q, `t${++n}`);
    st(a, '2024-01-10', 300);
    st(a, '2024-07-10', 300.4);
    st(b, '2024-04-10', 200);
    // Sales lines (sell-in) are not the basis of this metric.
    ws.sqlite.prepare("insert into sales_lines (partner_id, date, amount_minor, dedupe_key) values (?, '2024-02-01', 99999999, 'x')").run(b);
    const p = await api.send('plans.create', { code: 'ST', metric: 'sellThroughQuantity', period: '2025', totalMinor: 1001, rules: { method: 'last-year-share' } } as never);
    // Basis A 600 (rounded), B 200 → 1001 × 3/4 = 750.75, × 1/4 = 250.25 → 751, 250 (largest remainder).
    expect(p.allocations.map((x) => [x.partnerCode, x.amountMinor])).toEqual([['A', 751], ['B', 250]]);
    expect(p.nodes.find((x) => x.key === 'p:A')!.basisMinor).toBe(600);
    // Seasonality of last year's units: Q1 300, Q2 200, Q3 300, Q4 0 of 800.
    expect(p.nodes.find((x) => x.key === 'plan')!.quarters).toEqual({ '2025-Q1': 376, '2025-Q2': 250, '2025-Q3': 375, '2025-Q4': 0 });
    await api.send('plans.publish', { code: 'ST' });
    const rows = ws.sqlite.prepare("select period, value from targets where partner_id = ? and metric = 'sellThroughQuantity' order by period").all(a) as Array<{ period: string; value: number }>;
    expect(rows.find((r) => r.period === '2025')!.value).toBe(751);
    expect(ws.sqlite.prepare("select count(*) as c from targets where metric = 'revenue'").get()).toEqual({ c: 0 });
  });
});
