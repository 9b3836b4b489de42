import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../electron/api/api';
import type { Workspace } from '../../../db/database';
import { customerMonthStore } from '../../../electron/domain/inventory/store';
import { windowRows } from '../../../electron/domain/inventory/store/customerWindow';
import { addMonthsClamped } from '../../../shared/period';
import { writeFile } from '../imports/importFixtures';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

const tmp = tempDir('pwb-customer-months-');
afterAll(() => tmp.cleanup());
let ws: Workspace;
let api: Api;

const HEADER = 'partnerCode,date,product,quantity,amount,customerRef,customerName,customerProvince,orderRef,lineRef\r\n';
const csv = (rows: string[]) => HEADER + rows.map((r) => `${r}\r\n`).join('');
/**
 * P1: A buys in many months (an order of two lines on one day, an order whose lines span two months, a return), B is
 * known by name only, lines without a customer count for no one; P2 reports sell-through around the window edges; P3
 * reports none (its sales lines' customers count).
 */
const FIRST = csv([
  'P1,2024-03-31,X,1,100,A,客户A,浙江,O1,1',
  'P1,2024-04-01,X,1,100,A,客户A,浙江,O1,2',
  'P1,2024-05-15,X,2,300,A,客户A,,O2,3',
  'P1,2024-05-15,X,1,150,A,客户A,,O2,4',
  'P1,2025-01-10,X,-1,-100,A,客户A,,R1,5',
  'P1,2025-02-14,X,1,90,,便利店乙,,,6',
  'P1,2025-02-14,X,1,90,,便利店乙,,,7',
  'P1,2025-03-01,X,1,10,,,,,8',
  'P2,2024-05-14,X,1,100,C,,,O9,9',
  'P2,2024-05-16,X,1,200,C,,,O10,10',
  'P2,2025-05-15,X,1,50,D,,,,11',
  'P2,2025-05-16,X,1,60,D,,,,12',
  'P2,2023-05-15,X,1,70,E,,,,13',
]);
/** A week later: a line more of an existing order, a new order in a month already summed, a new customer. */
const SECOND = csv(['P1,2024-05-15,X,1,50,A,客户A,,O2,20', 'P1,2024-05-20,X,1,40,A,客户A,,O3,21', 'P2,2025-05-30,X,1,25,F,,,,22']);

/**
 * The window rows computed from the lines directly (the definition the summary must reproduce): an order is its
 * orderRef, else its day, counted once per month it has lines in; only purchases (a positive quantity, or none and a
 * positive amount) are orders and first or last days, returns net the amounts.
 */
function fromLines(asOf: string, months = 12) {
  const from = addMonthsClamped(asOf, -months);
  const prevFrom = addMonthsClamped(asOf, -2 * months);
  return ws.sqlite
    .prepare(
      `with src as (
         select partner_id as p, coalesce(customer_ref, customer_name) as c, customer_name as name, customer_province as province, date as d,
                substr(date, 1, 7) || coalesce(order_ref, date) as o, coalesce(amount_minor, 0) as a, (quantity > 0 or (quantity = 0 and amount_minor > 0)) as b
           from sell_through_lines where coalesce(customer_ref, customer_name) is not null and date <= @asOf
         union all
         select partner_id, customer_ref, null, null, date, substr(date, 1, 7) || coalesce(order_ref, date), amount_minor, (quantity > 0 or (quantity = 0 and amount_minor > 0))
           from sales_lines s where customer_ref is not null and date <= @asOf
            and s.partner_id in (select id from partners pa where not exists (select 1 from sell_through_lines t where t.partner_id = pa.id))
       )
       select src.p, pa.code, src.c, max(src.name) as name, max(src.province) as province, min(case when b then d end) as first, max(case when b then d end) as last,
              count(distinct case when d > @from and b then o end) as f, coalesce(sum(case when d > @from then a end), 0) as m,
              count(distinct case when d > @prevFrom and d <= @from and b then o end) as pf, coalesce(sum(case when d > @prevFrom and d <= @from then a end), 0) as pm
         from src join partners pa on pa.id = src.p and pa.deleted_at is null
        group by src.p, src.c having max(case when b then d end) > @prevFrom
        order by pa.code, src.c`,
    )
    .all({ asOf, from, prevFrom });
}
const viaSummary = (asOf: string, months = 12) =>
  windowRows(ws, { asOf, from: addMonthsClamped(asOf, -months), prevFrom: addMonthsClamped(asOf, -2 * months), partnerId: null });
// Month ends, days that cut a month at the window edges, and a day inside the last month of lines.
const AS_OF = ['2025-06-30', '2025-05-15', '2025-05-16', '2025-02-14', '2024-05-15', '2026-01-01'];

function expectSummaryIsTheLines() {
  expect(customerMonthStore.all(ws)).toEqual(customerMonthStore.computedFromLines(ws));
  expect(customerMonthStore.customers(ws)).toEqual(customerMonthStore.customersPackedFromLines(ws));
  for (const asOf of AS_OF) expect(viaSummary(asOf), asOf).toEqual(fromLines(asOf));
  expect(viaSummary('2025-05-15', 1)).toEqual(fromLines('2025-05-15', 1));
}

beforeAll(async () => {
  ({ ws, api } = memoryApi());
  for (const code of ['P1', 'P2', 'P3']) await api.send('partners.create', partnerInput(code));
  await api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'p.csv', 'code,nameZh\r\nX,产品X\r\n') });
  await api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 's.csv', 'partnerCode,date,amount,customerRef,orderRef\r\nP3,2025-04-30,10,Z1,S1\r\nP3,2025-05-01,20,Z1,S1\r\nP3,2025-05-20,5,Z2,\r\n') });
});

describe('the end-customer summary kept by the sell-through import', () => {
  it('holds per partner, customer and month the amount, distinct orders and first/last day of the lines (hand-computed)', async () => {
    await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st1.csv', FIRST) });
    const p1 = customerMonthStore.all(ws).filter((r) => r.customer === 'A' || r.customer === '便利店乙');
    // flags: 1 = the month holds the customer's greatest name (A: 客户A in every month), 2 = its greatest province (浙江).
    expect(p1.map((r) => [r.customer, r.month, r.amountMinor, r.orders, r.firstDate, r.lastDate, r.flags])).toEqual([
      ['A', '2024-03', 10000, 1, '2024-03-31', '2024-03-31', 3],
      ['A', '2024-04', 10000, 1, '2024-04-01', '2024-04-01', 3], // O1 spans two months: once in each
      ['A', '2024-05', 45000, 1, '2024-05-15', '2024-05-15', 1], // O2: two lines, one order; no province
      ['A', '2025-01', -10000, 1, '2025-01-10', '2025-01-10', 1], // a return
      ['便利店乙', '2025-02', 18000, 1, '2025-02-14', '2025-02-14', 3], // no orderRef: the day is the order; no province at all
    ]);
    expect(customerMonthStore.customers(ws).find((c) => c.customer === 'A')).toMatchObject({ customerName: '客户A', customerProvince: '浙江', firstDate: '2024-03-31', lastDate: '2025-01-10' });
    expect(customerMonthStore.all(ws)).toHaveLength(8); // the line without a customer counts for no one
    expectSummaryIsTheLines();
  });

  it('equals the lines after a second import, after importing it again (nothing added) and after its undo', async () => {
    const before = customerMonthStore.all(ws);
    const second = await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st2.csv', SECOND) });
    expect(second.inserted).toBe(3);
    const may = customerMonthStore.all(ws).find((r) => r.customer === 'A' && r.month === '2024-05');
    expect(may).toMatchObject({ amountMinor: 54000, orders: 2, lastDate: '2024-05-20' });
    expectSummaryIsTheLines();
    const after = customerMonthStore.all(ws);

    const again = await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st2.csv', SECOND), force: true });
    expect(again).toMatchObject({ inserted: 0, duplicates: 3 });
    expect(customerMonthStore.all(ws)).toEqual(after);

    await api.send('imports.undo', { id: again.importId });
    await api.send('imports.undo', { id: second.importId });
    expect(customerMonthStore.all(ws)).toEqual(before);
    expectSummaryIsTheLines();
  });

  it('equals the lines after an undo in the middle: the earlier import undone while a later one on the same customers and months stands', async () => {
    const start = customerMonthStore.all(ws);
    const startCustomers = customerMonthStore.customers(ws);
    // B: more lines in months and of orders the first file already has (O2 again, a return in A's May), a new month,
    // a customer known so far by name only; C: a later file on the same keys again.
    const b = await api.send('imports.run', {
      kind: 'sell-through',
      path: writeFile(tmp.dir, 'mid-b.csv', csv(['P1,2024-05-15,X,1,70,A,客户A,江苏,O2,40', 'P1,2024-05-28,X,-1,-20,A,客户Z,,O4,41', 'P1,2025-02-14,X,1,5,,便利店乙,上海,,42', 'P2,2024-05-16,X,1,30,C,,,O10,43', 'P2,2025-07-01,X,1,9,G,,,,44'])),
    });
    expect(b.inserted).toBe(5);
    expectSummaryIsTheLines();
    const may = customerMonthStore.all(ws).find((r) => r.customer === 'A' && r.month === '2024-05');
    // May now holds A's greatest name (客户Z) but not its greatest province (浙江, of March and April; May's is 江苏).
    expect(may).toMatchObject({ amountMinor: 45000 + 7000 - 2000, orders: 2, flags: 1, lastDate: '2024-05-28' });
    expect(customerMonthStore.customers(ws).find((x) => x.partnerId === may!.partnerId && x.customer === 'A')).toMatchObject({ customerName: '客户Z', customerProvince: '浙江' });
    const c = await api.send('imports.run', {
      kind: 'sell-through',
      path: writeFile(tmp.dir, 'mid-c.csv', csv(['P1,2024-05-15,X,1,11,A,客户A,,O2,50', 'P1,2024-05-29,X,1,12,A,,,O5,51', 'P2,2025-07-02,X,1,13,G,,,,52'])),
    });
    expectSummaryIsTheLines();
    // Undo B while C (on the same customers and months) stands, then C: back to where it started.
    await api.send('imports.undo', { id: b.importId });
    expectSummaryIsTheLines();
    const mayAfter = customerMonthStore.all(ws).find((r) => r.customer === 'A' && r.month === '2024-05');
    expect(mayAfter).toMatchObject({ amountMinor: 45000 + 1100 + 1200, orders: 2, flags: 1, lastDate: '2024-05-29' });
    expect(customerMonthStore.customers(ws).find((x) => x.partnerId === mayAfter!.partnerId && x.customer === 'A')).toMatchObject({ customerName: '客户A', customerProvince: '浙江' });
    await api.send('imports.undo', { id: c.importId });
    expectSummaryIsTheLines();
    expect(customerMonthStore.all(ws)).toEqual(start);
    expect(customerMonthStore.customers(ws)).toEqual(startCustomers);
  });

  it('RFM and the win-back list read the same as before the summary (the hand-computed fixture of endCustomers.test.ts holds too)', async () => {
    const lapsed = (asOf: string) => api.send('inventory.customers.lapsed', { asOf, partnerCode: 'P2', windowMonths: 12 });
    expect(await lapsed('2025-05-15')).toEqual([]); // C's order of 2024-05-16 is in the window
    const day = await lapsed('2025-05-16'); // a day later both of C's orders are in the previous window
    expect(day.map((c) => [c.customerRef, c.previousOrders, c.previousAmountMinor, c.lastPurchaseOn])).toEqual([['C', 2, 30000, '2024-05-16']]);
    const rfm = await api.send('inventory.customers.rfm', { asOf: '2025-05-31', windowMonths: 12 });
    expect(rfm.filter((c) => c.partnerCode === 'P3').map((c) => [c.customerRef, c.frequency, c.monetaryMinor])).toEqual([
      ['Z1', 2, 3000], // S1 has lines in April and May: one order in each month
      ['Z2', 1, 500],
    ]);
  });

  it('is rebuilt in the import transaction: a failed import leaves it as it was', async () => {
    const before = customerMonthStore.all(ws);
    await expect(api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'bad.csv', csv(['P1,2025-06-01,X,1,10,N,,,,30', 'NOPE,2025-06-01,X,1,10,N,,,,31'])) })).rejects.toBeDefined();
    expect(customerMonthStore.all(ws)).toEqual(before);
  });
});
