import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../electron/api/api';
import type { Workspace } from '../../../db/database';
import { customerMonthStore } from '../../../electron/domain/inventory/store';
import { windowRows } from '../../../electron/domain/inventory/store/customerWindow';
import { addMonthsClamped } from '../../../shared/period';
import { writeFile } from '../imports/importFixtures';
import { customerWindowFromLines } from './customerWindowFromLines';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

const tmp = tempDir('pwb-customer-rows-');
afterAll(() => tmp.cleanup());
let ws: Workspace;
let api: Api;

const HEADER = 'partnerCode,date,product,quantity,amount,customerRef,customerName,customerProvince,orderRef,lineRef\r\n';
const csv = (rows: string[]) => HEADER + rows.map((r) => `${r}\r\n`).join('');
/**
 * K changes its name and province over time, the greatest of each (甲 > 乙 and 浙江 > 江苏 in code point order) only
 * in its last month; L has a return; M buys once, in a month that a window edge cuts.
 */
const LINES = csv([
  'P1,2024-03-05,X,1,100,K,乙商店,江苏,O1,1',
  'P1,2024-07-20,X,2,250.5,K,乙商店,江苏,O2,2',
  'P1,2024-07-21,X,1,10,K,乙商店,,O3,3',
  'P1,2025-05-10,X,1,90,K,甲商店,浙江,O4,4',
  'P1,2024-11-30,X,3,300,L,,,R1,5',
  'P1,2024-12-02,X,-1,-100,L,,,R2,6',
  'P1,2025-02-14,X,1,42,M,,,,7',
]);

/** What RFM and the win-back list read, straight from the lines (the definition, as customerMonths.test.ts has it). */
const fromLines = (asOf: string, months = 12) => customerWindowFromLines(ws, { asOf, from: addMonthsClamped(asOf, -months), prevFrom: addMonthsClamped(asOf, -2 * months) });
const viaSummary = (asOf: string, months = 12) =>
  windowRows(ws, { asOf, from: addMonthsClamped(asOf, -months), prevFrom: addMonthsClamped(asOf, -2 * months), partnerId: null });

beforeAll(async () => {
  ({ ws, api } = memoryApi());
  await api.send('partners.create', partnerInput('P1'));
  await api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'p.csv', 'code,nameZh\r\nX,产品X\r\n') });
});

describe('one row per end customer (sell_through_customers), months packed', () => {
  it('is what the lines pack to, after the import and after its undo', async () => {
    const r = await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st.csv', LINES) });
    const k = customerMonthStore.customers(ws).find((c) => c.customer === 'K')!;
    // YYYYMM, first and last day, flags, amount:orders — only 2025-05 holds the greatest name and province (flags 1 + 2).
    expect(k).toMatchObject({ firstDate: '2024-03-05', lastDate: '2025-05-10', customerName: '甲商店', customerProvince: '浙江' });
    expect(k.months).toBe('2024030505010000:1;2024072021026050:2;202505101039000:1');
    expect(customerMonthStore.customers(ws).find((c) => c.customer === 'L')!.months).toBe('2024113030330000:1;20241202023-10000:1');
    expect(customerMonthStore.customers(ws)).toEqual(customerMonthStore.customersPackedFromLines(ws));
    await api.send('imports.undo', { id: r.importId });
    expect(customerMonthStore.customers(ws)).toEqual([]);
    await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st.csv', LINES), force: true });
  });

  it('RFM and the win-back list read from it equal the lines: names and provinces of the months read only, returns, cut months', async () => {
    // Before K's last month its greatest name is 乙商店 and province 江苏; cut months at 2025-02-14 and 2024-07-20.
    for (const asOf of ['2025-04-30', '2025-05-31', '2025-02-14', '2025-02-13', '2025-07-20', '2024-12-31', '2026-05-10', '2026-06-30']) {
      expect(viaSummary(asOf), asOf).toEqual(fromLines(asOf));
      expect(viaSummary(asOf, 3), asOf).toEqual(fromLines(asOf, 3));
    }
    const rfm = await api.send('inventory.customers.rfm', { asOf: '2025-04-30', windowMonths: 12 });
    expect(rfm.find((c) => c.customerRef === 'K')).toMatchObject({ customerName: '乙商店', frequency: 2, monetaryMinor: 26050, lastPurchaseOn: '2024-07-21' });
    const lapsed = await api.send('inventory.customers.lapsed', { asOf: '2026-05-31', partnerCode: 'P1', windowMonths: 12 });
    expect(lapsed.map((c) => [c.customerRef, c.customerName, c.customerProvince, c.previousOrders, c.previousAmountMinor])).toEqual([
      ['K', '甲商店', '浙江', 3, 35050], // O2 and O3 in 2024-07, O4 in 2025-05
      ['L', null, null, 1, 20000], // a sale and a return: one order (the return is none), the amount net
      ['M', null, null, 1, 4200],
    ]);
  });
});

describe('months holding a return', () => {
  it('a month holding a return: its amount from the summary, its orders and days from its purchase lines only', async () => {
    await api.send('partners.create', partnerInput('P2'));
    // N: a return in the order of a purchase, the greatest name (乙 > 丙) on the return only; Q: its only purchase
    // after a return in the same month; S (known by name): a sale and its return the next day; T: returns only; V: a
    // return under its reference and a purchase under its name in one month (one customer).
    const lines = csv([
      'P2,2024-09-03,X,2,200,N,丙商店,,O5,1',
      'P2,2024-09-10,X,-1,-100,N,乙商店,,O5,2',
      'P2,2024-09-20,X,1,50,N,丙商店,,O6,3',
      'P2,2024-10-05,X,-1,-30,Q,,,R9,4',
      'P2,2024-10-20,X,1,80,Q,,,O7,5',
      'P2,2024-08-08,X,1,60,,某店,,O8,6',
      'P2,2024-08-09,X,-1,-60,,某店,,O9,7',
      'P2,2024-11-11,X,-2,-40,T,,,R11,8',
      'P2,2024-12-01,X,-1,-10,V,,,R10,9',
      'P2,2024-12-05,X,1,30,,V,,O10,10',
    ]);
    await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'return-months.csv', lines) });
    for (const asOf of ['2024-12-31', '2025-03-31', '2025-09-30', '2024-09-15', '2024-10-10', '2025-10-31']) {
      expect(viaSummary(asOf), asOf).toEqual(fromLines(asOf));
      expect(viaSummary(asOf, 3), asOf).toEqual(fromLines(asOf, 3));
    }
    const rows = viaSummary('2024-12-31').filter((r) => r.code === 'P2');
    expect(rows.map((r) => [r.c, r.name, r.first, r.last, r.f, r.m])).toEqual([
      ['N', '乙商店', '2024-09-03', '2024-09-20', 2, 15000],
      ['Q', null, '2024-10-20', '2024-10-20', 1, 5000],
      ['V', 'V', '2024-12-05', '2024-12-05', 1, 2000],
      ['某店', '某店', '2024-08-08', '2024-08-08', 1, 0],
    ]);
  });
});
