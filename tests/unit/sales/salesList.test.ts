import { describe, expect, it } from 'vitest';
import { memoryApi, partnerInput } from '../../helpers/workspace';

async function seed() {
  const { ws, api } = memoryApi();
  const a = await api.send('partners.create', partnerInput('A001'));
  const b = await api.send('partners.create', partnerInput('B002'));
  const insert = ws.sqlite.prepare(
    'insert into sales_lines (partner_id, date, order_ref, product, category, quantity, amount_minor, cost_minor, customer_ref, dedupe_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const rows: Array<[number, string, string, string, string, number, number, number | null, string]> = [
    [a.id, '2025-01-05', 'SO-1', '智能门锁 S30', '智能安防', 2, 120_000, 80_000, 'C1'],
    [a.id, '2025-02-10', 'SO-2', '路由器 R5', '网络设备', 1, 50_050, null, 'C2'],
    [a.id, '2025-03-31', 'RT-1', '智能门锁 S30', '智能安防', -1, -60_000, -40_000, 'C1'],
    [b.id, '2025-01-20', 'SO-9', '摄像头 C8', '智能安防', 5, 250_000, 150_000, 'C9'],
    [b.id, '2025-04-01', 'SO-10', '100%_test', '配件耗材', 1, 1, 1, 'C9'],
  ];
  rows.forEach((r, i) => insert.run(...r, `ref:${i}`));
  return { api };
}

describe('sales.list', () => {
  it('filters by partner and dates, sums the whole filter, and pages', async () => {
    const { api } = await seed();
    const q1 = await api.send('sales.list', { partnerCode: 'A001', dateFrom: '2025-01-01', dateTo: '2025-03-31', limit: 2 });
    expect(q1.total).toBe(3);
    expect(q1.amountMinor).toBe(120_000 + 50_050 - 60_000);
    expect(q1.costMinor).toBe(80_000 - 40_000);
    // Margin counts only lines with a known cost: SO-2 (no cost) is not a 100 % margin.
    expect([q1.costedAmountMinor, q1.costedLines]).toEqual([120_000 - 60_000, 2]);
    const noCost = await api.send('sales.list', { partnerCode: 'A001', dateFrom: '2025-02-01', dateTo: '2025-02-28' });
    expect([noCost.amountMinor, noCost.costedAmountMinor, noCost.costedLines]).toEqual([50_050, 0, 0]);
    expect(q1.rows.map((r) => r.orderRef)).toEqual(['RT-1', 'SO-2']); // newest first
    const page2 = await api.send('sales.list', { partnerCode: 'A001', dateFrom: '2025-01-01', dateTo: '2025-03-31', limit: 2, offset: 2 });
    expect(page2.rows.map((r) => r.orderRef)).toEqual(['SO-1']);
    expect(page2.rows[0]).toMatchObject({ partnerCode: 'A001', partnerName: '测试伙伴 A001', amountMinor: 120_000, customerRef: 'C1' });
  });

  it('sorts by a whitelisted column and searches text literally (% and _ are not wildcards)', async () => {
    const { api } = await seed();
    const byAmount = await api.send('sales.list', { sort: 'amountMinor', direction: 'asc' });
    expect(byAmount.rows.map((r) => r.amountMinor)).toEqual([-60_000, 1, 50_050, 120_000, 250_000]);
    expect((await api.send('sales.list', { search: '智能安防' })).total).toBe(3);
    expect((await api.send('sales.list', { search: '100%_' })).rows.map((r) => r.orderRef)).toEqual(['SO-10']);
    expect((await api.send('sales.list', { search: '%' })).total).toBe(1);
    await expect(api.send('sales.list', { sort: 'amount_minor; drop table partners' as never })).rejects.toMatchObject({ body: { code: 'INVALID_INPUT' } });
  });
});
