import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../electron/api/api';
import type { Workspace } from '../../../db/database';
import { customerMonthStore } from '../../../electron/domain/inventory/store';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

const tmp = tempDir('pwb-cohorts-');
afterAll(() => tmp.cleanup());
let ws: Workspace;
let api: Api;

/**
 * P1 reports sell-through: C1 first buys in 2024-Q4 and again in 2025-Q1 and Q2; C2 buys once in 2024-Q4; C3 first buys
 * in 2025-Q1 and again in Q2; C4 first bought in 2023 (before the quarters shown) and buys in 2025-Q1. P2 reports none:
 * its customers come from its sales lines (D1 in 2025-Q1). Amounts in fen.
 */
beforeAll(async () => {
  ({ ws, api } = memoryApi());
  const p1 = (await api.send('partners.create', partnerInput('P1'))).id;
  const p2 = (await api.send('partners.create', partnerInput('P2'))).id;
  const product = ws.sqlite.prepare(`insert into products (code, name_zh) values ('X', '产品X') returning id`).pluck().get();
  const st = ws.sqlite.prepare('insert into sell_through_lines (partner_id, product_id, date, quantity, amount_minor, customer_ref, order_ref, dedupe_key) values (?, ?, ?, 1, ?, ?, ?, ?)');
  let n = 0;
  for (const [c, d, a] of [
    ['C1', '2024-10-05', 10_000], ['C1', '2025-01-10', 5_000], ['C1', '2025-04-10', 2_000],
    ['C2', '2024-11-01', 20_000],
    ['C3', '2025-02-01', 30_000], ['C3', '2025-05-01', 3_000],
    ['C4', '2023-01-01', 1_000], ['C4', '2025-01-20', 4_000],
  ] as const) st.run(p1, product, d, a, c, `O${++n}`, `k${n}`);
  ws.sqlite.prepare(`insert into sales_lines (partner_id, date, amount_minor, quantity, customer_ref, currency, dedupe_key) values (?, '2025-01-05', 7000, 1, 'D1', 'CNY', 's1')`).run(p2);
  customerMonthStore.rebuildAll(ws); // lines written by hand, not through the import that keeps the summary
});

describe('cohort retention and new vs repeat revenue', () => {
  it('groups customers by first-purchase quarter and counts who bought again each quarter after', async () => {
    const c = await api.send('inventory.customers.cohorts', { asOf: '2025-06-30', quarters: 4 });
    expect(c.quarters).toEqual(['2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2']);
    expect(c.cohorts.map((x) => [x.quarter, x.customers, x.retained, x.rates])).toEqual([
      ['2024-Q3', 0, [0, 0, 0, 0], [0, 0, 0, 0]],
      ['2024-Q4', 2, [2, 1, 1], [1, 0.5, 0.5]],
      ['2025-Q1', 2, [2, 1], [1, 0.5]], // C3 and P2's direct customer D1
      ['2025-Q2', 0, [0], [0]],
    ]);
  });

  it('splits each quarter’s revenue into first-time and repeat customers (a customer from before the quarters shown is repeat)', async () => {
    const c = await api.send('inventory.customers.cohorts', { asOf: '2025-06-30', quarters: 4 });
    expect(c.mix).toEqual([
      { quarter: '2024-Q3', newCustomers: 0, repeatCustomers: 0, newAmountMinor: 0, repeatAmountMinor: 0, repeatShare: null },
      { quarter: '2024-Q4', newCustomers: 2, repeatCustomers: 0, newAmountMinor: 30_000, repeatAmountMinor: 0, repeatShare: 0 },
      { quarter: '2025-Q1', newCustomers: 2, repeatCustomers: 2, newAmountMinor: 37_000, repeatAmountMinor: 9_000, repeatShare: Math.round((9_000 / 46_000) * 1e6) / 1e6 },
      { quarter: '2025-Q2', newCustomers: 0, repeatCustomers: 2, newAmountMinor: 0, repeatAmountMinor: 5_000, repeatShare: 1 },
    ]);
  });

  it('counts one partner’s customers only when asked, and the last quarter up to the as-of day', async () => {
    const c = await api.send('inventory.customers.cohorts', { asOf: '2025-04-30', partnerCode: 'P1', quarters: 2 });
    expect(c.quarters).toEqual(['2025-Q1', '2025-Q2']);
    expect(c.cohorts[0]).toMatchObject({ customers: 1, retained: [1, 0] }); // C3's May purchase is after the as-of day
    expect(c.mix[1]).toMatchObject({ repeatCustomers: 1, repeatAmountMinor: 2_000 });
    await expect(api.send('inventory.customers.cohorts', { partnerCode: 'NOPE', quarters: 2 })).rejects.toMatchObject({ body: { code: 'NOT_FOUND' } });
  });
});

describe('win-back list export', () => {
  it('writes the lapsed customers as CSV through the grid export, refuses to overwrite, and writes beside on rename', async () => {
    const input = {
      grid: 'customersLapsed' as const,
      query: { partnerCode: 'P1', asOf: '2025-06-30', windowMonths: 6 },
      columns: [
        { colId: 'customerRef', header: '客户编码' },
        { colId: 'lastPurchaseOn', header: '最近购买', kind: 'date' as const },
        { colId: 'previousAmountMinor', header: '此前金额', kind: 'money' as const },
      ],
      format: 'csv' as const,
      out: join(tmp.dir, 'win-back.csv'),
    };
    const file = await api.send('grids.export', input);
    expect(file.rows).toBe(1);
    expect(readFileSync(file.path, 'utf8').slice(1).split('\r\n')).toEqual(['客户编码,最近购买,此前金额', 'C2,2024-11-01,200', '']);
    await expect(api.send('grids.export', input)).rejects.toBeDefined();
    const beside = await api.send('grids.export', { ...input, onExists: 'rename' });
    expect(beside.path).not.toBe(file.path);
    expect(readFileSync(beside.path, 'utf8')).toBe(readFileSync(file.path, 'utf8'));
  });
});
