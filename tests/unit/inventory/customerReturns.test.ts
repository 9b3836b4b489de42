import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../electron/api/api';
import type { Workspace } from '../../../db/database';
import { writeFile } from '../imports/importFixtures';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';
import { returnersSql } from '../../../electron/domain/inventory/store';

const tmp = tempDir('pwb-customer-returns-');
let ws: Workspace;
let api: Api;
afterAll(() => {
  ws.close();
  tmp.cleanup();
});

/**
 * Returns are not purchases (README "End customers"), hand-computed. As of 2026-11-30 with 12 months: current window
 * 2025-12-01…2026-11-30, previous 2024-12-01…2025-11-30. P1 (sell-through): R bought once in 2025-06 and only returned a
 * unit on 2026-11-10; S bought in 2025-10 and on 2026-03-10 bought and returned on the same day (two orders); T's only
 * line is a return; U buys normally. P2 reports no sell-through: its sales lines' Z bought (no quantity, a positive
 * amount) and returned.
 */
beforeAll(async () => {
  ({ ws, api } = memoryApi());
  await api.send('partners.create', partnerInput('P1'));
  await api.send('partners.create', partnerInput('P2'));
  await api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'p.csv', 'code,nameZh\r\nX,产品X\r\n') });
  const st = [
    'partnerCode,date,product,quantity,amount,customerRef,orderRef',
    'P1,2025-06-15,X,2,500,R,O1',
    'P1,2026-11-10,X,-1,-250,R,RT1',
    'P1,2025-10-01,X,3,300,S,O3',
    'P1,2026-03-10,X,3,300,S,O2',
    'P1,2026-03-10,X,-1,-100,S,RT2',
    'P1,2026-05-01,X,-1,-50,T,RT3',
    'P1,2026-10-01,X,1,100,U,O5',
  ];
  await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st.csv', st.join('\r\n') + '\r\n') });
  const sales = 'partnerCode,date,amount,customerRef,orderRef\r\nP2,2025-12-10,100,Z,S1\r\nP2,2026-02-01,-100,Z,S2\r\n';
  await api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 's.csv', sales) });
});

const rfmOf = async (asOf: string) =>
  (await api.send('inventory.customers.rfm', { asOf, windowMonths: 12 })).map((c) => [c.partnerCode, c.customerRef, c.frequency, c.monetaryMinor, c.recencyDays, c.firstPurchaseOn, c.lastPurchaseOn]);

describe('end customers: returns net the amount but are no purchase', () => {
  it('RFM: recency, frequency and first/last purchase count purchases only; monetary is net of returns in the window', async () => {
    expect(await rfmOf('2026-11-30')).toEqual([
      ['P1', 'R', 0, -25000, 533, '2025-06-15', '2025-06-15'], // only a return in the window: no order, 533 days since its purchase
      ['P1', 'S', 1, 20000, 265, '2025-10-01', '2026-03-10'], // O2, not RT2; 300 − 100
      ['P1', 'U', 1, 10000, 60, '2026-10-01', '2026-10-01'],
      ['P2', 'Z', 1, 0, 355, '2025-12-10', '2025-12-10'],
    ]); // T (a return only) is no customer
    const rfm = await api.send('inventory.customers.rfm', { asOf: '2026-11-30', windowMonths: 12 });
    expect(rfm.find((c) => c.customerRef === 'R')!.segment).toBe('lost');
  });

  it('the same when a window edge cuts the return month (read from its lines)', async () => {
    expect(await rfmOf('2026-11-20')).toEqual([
      ['P1', 'R', 0, -25000, 523, '2025-06-15', '2025-06-15'],
      ['P1', 'S', 1, 20000, 255, '2025-10-01', '2026-03-10'],
      ['P1', 'U', 1, 10000, 50, '2026-10-01', '2026-10-01'],
      ['P2', 'Z', 1, 0, 345, '2025-12-10', '2025-12-10'],
    ]);
  });

  it('the win-back list holds a customer whose only line in the window is a return', async () => {
    const lapsed = await api.send('inventory.customers.lapsed', { asOf: '2026-11-30', windowMonths: 12 });
    expect(lapsed.map((c) => [c.partnerCode, c.customerRef, c.lastPurchaseOn, c.previousOrders, c.previousAmountMinor])).toEqual([['P1', 'R', '2025-06-15', 1, 50000]]);
  });
});

describe('cohorts: the first purchase and the quarters bought in count purchases only', () => {
  it('R is retained in no later quarter for its return, T (returns only) is in no cohort, the return nets the repeat revenue', async () => {
    const c = await api.send('inventory.customers.cohorts', { asOf: '2026-11-30', partnerCode: 'P1', quarters: 8 });
    expect(c.quarters).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(c.cohorts.map((x) => x.customers)).toEqual([0, 1, 0, 1, 0, 0, 0, 1]); // R 2025-Q2, S 2025-Q4, U 2026-Q4
    expect(c.cohorts[1].retained).toEqual([1, 0, 0, 0, 0, 0, 0]);
    expect(c.cohorts[3].retained).toEqual([1, 1, 0, 0, 0]); // S bought again in 2026-Q1 (O2)
    const mix = (q: string) => c.mix.find((m) => m.quarter === q)!;
    expect(mix('2026-Q1')).toMatchObject({ newCustomers: 0, repeatCustomers: 1, newAmountMinor: 0, repeatAmountMinor: 20000 });
    expect(mix('2026-Q2')).toMatchObject({ newCustomers: 0, repeatCustomers: 0, newAmountMinor: 0, repeatAmountMinor: 0 });
    expect(mix('2026-Q4')).toMatchObject({ newCustomers: 1, repeatCustomers: 0, newAmountMinor: 10000, repeatAmountMinor: -25000 });
  });
});

describe('the customers with a return are found in the partial index of the non-purchase lines', () => {
  const plan = (onePartner: boolean) =>
    (ws.sqlite.prepare(`explain query plan ${returnersSql(onePartner)}`).all({ asOf: '2026-11-30', partnerId: 1 }) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join(' | ');
  it('reads sell_through_returns_idx, not every line up to asOf (its condition is purchase() negated word for word)', () => {
    expect(plan(false)).toMatch(/SCAN sell_through_lines USING COVERING INDEX sell_through_returns_idx/);
    // Analyzed as a large file would be: the planner still takes the tiny partial index over the whole lines' ones.
    ws.sqlite.exec('analyze');
    expect(plan(false)).toMatch(/sell_through_returns_idx/);
    expect(plan(true)).toMatch(/sell_through_returns_idx/);
    // By month (RFM and the win-back list read the months holding a return from their lines) likewise.
    const byMonth = (ws.sqlite.prepare(`explain query plan ${returnersSql(false, true)}`).all({ asOf: '2026-11-30' }) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(byMonth).toMatch(/sell_through_returns_idx/);
  });
  it('finds exactly the customers with a return (R, S, T of P1; not U)', () => {
    const rows = ws.sqlite.prepare(returnersSql(false)).all({ asOf: '2026-11-30' }) as Array<{ p: number; c: string }>;
    expect(rows.map((r) => r.c).sort()).toEqual(['R', 'S', 'T']);
    expect(ws.sqlite.prepare(returnersSql(false)).all({ asOf: '2026-04-30' }).map((r) => (r as { c: string }).c).sort()).toEqual(['S']);
  });
});
