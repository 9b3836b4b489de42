import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../electron/api/api';
import type { Workspace } from '../../../db/database';
import { reviewStore } from '../../../electron/domain/reviews/store';
import { packCustomers } from '../../../electron/domain/reviews/packCustomers';
import { parsePeriod } from '../../../shared/period';
import { writeFile } from '../imports/importFixtures';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

const tmp = tempDir('pwb-pack-buyers-');
afterAll(() => tmp.cleanup());
let ws: Workspace;
let api: Api;
const ids: Record<string, number> = {};

/**
 * The review pack's buyers as the lines give them: every line up to `to` (sell-through by customer reference or name;
 * sales lines by reference for a partner without sell-through); a purchase is a positive quantity, or no quantity and a
 * positive amount — a return nets the amount but is no purchase (README "End customers").
 */
function fromLines(partnerId: number, from: string, to: string) {
  return ws.sqlite
    .prepare<unknown[], { customer: string; firstOn: string; amountMinor: number; bought: number }>(
      `with src as (
         select coalesce(customer_ref, customer_name) as c, date as d, coalesce(amount_minor, 0) as a, quantity as q
           from sell_through_lines where partner_id = @p and coalesce(customer_ref, customer_name) is not null and date <= @to
         union all
         select customer_ref, date, amount_minor, quantity from sales_lines
          where partner_id = @p and customer_ref is not null and date <= @to
            and not exists (select 1 from sell_through_lines t where t.partner_id = @p)
       ),
       lines as (select c, d, a, (q > 0 or (q = 0 and a > 0)) as b from src)
       select c as customer, min(case when b then d end) as firstOn, coalesce(sum(case when d >= @from then a end), 0) as amountMinor,
              max(d >= @from and b) as bought
         from lines group by c having max(d) >= @from and min(case when b then d end) is not null order by c`,
    )
    .all({ p: partnerId, from, to })
    .map((r) => ({ ...r, bought: r.bought === 1 }));
}

const ST = [
  'partnerCode,date,product,quantity,amount,customerRef,customerName,orderRef',
  'P1,2024-12-31,X,1,100,A,,O1', // A's first purchase, before every range
  'P1,2025-01-01,X,1,200,A,,O2',
  'P1,2025-01-15,X,1,,B,,', // no amount
  'P1,2025-02-10,X,2,300,,乙店,', // known by name only
  'P1,2025-02-28,X,1,50,C,,O3',
  'P1,2025-03-01,X,-1,-20,A,,R1', // a return
  'P1,2025-03-20,X,1,70,D,,O4', // D buys only late in March
  'P1,2025-04-02,X,1,80,E,,O5', // E buys only after the quarter
  'P1,2025-04-03,X,1,10,,,', // no customer: counts for no one
  'P1,2024-11-05,X,2,400,F,,O6', // F bought before the quarter…
  'P1,2025-02-12,X,-1,-200,F,,R2', // …and only returns in it
  'P1,2025-02-20,X,-1,-60,G,,R3', // G has returns only: no customer
  'P1,2025-01-20,X,3,300,H,,O7', // H's first purchase…
  'P1,2025-01-21,X,-1,-100,H,,R4', // …and a return the next day
  'P1,2025-03-05,X,0,0,I,,O8', // a line of nothing: no purchase either
].join('\r\n');

beforeAll(async () => {
  ({ ws, api } = memoryApi());
  for (const code of ['P1', 'P3']) ids[code] = (await api.send('partners.create', partnerInput(code))).id;
  await api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'p.csv', 'code,nameZh\r\nX,产品X\r\n') });
  await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st.csv', `${ST}\r\n`) });
  await api.send('imports.run', {
    kind: 'sales',
    path: writeFile(tmp.dir, 's.csv', 'partnerCode,date,amount,customerRef,orderRef\r\nP3,2024-11-30,10,Z1,S1\r\nP3,2025-02-01,20,Z1,S2\r\nP3,2025-03-31,5,Z2,\r\nP3,2025-03-02,-10,Z1,S4\r\nP3,2025-01-10,-5,Z3,S5\r\nP1,2025-02-01,99,A,S3\r\n'),
  });
});

describe("the review pack's end-customer buyers", () => {
  // A whole quarter; asOf cutting its last month; ranges starting mid-month; one cut month; two cut months.
  const RANGES: Array<[string, string]> = [
    ['2025-01-01', '2025-03-31'],
    ['2025-01-01', '2025-03-19'],
    ['2025-01-01', '2025-03-20'],
    ['2025-01-15', '2025-03-31'],
    ['2025-02-10', '2025-02-27'],
    ['2025-02-11', '2025-03-01'],
    ['2024-12-31', '2025-04-02'],
    ['2025-04-04', '2025-06-30'],
  ];

  it('reads the end-customer summary and gives what the lines give, for whole and cut months', () => {
    for (const [from, to] of RANGES) {
      for (const p of ['P1', 'P3']) expect(reviewStore.buyers(ws, ids[p], from, to), `${p} ${from}…${to}`).toEqual(fromLines(ids[p], from, to));
    }
  });

  it('hand-computed for the first quarter: first purchases ever, a return netted, a line without an amount, a name-only customer', () => {
    expect(reviewStore.buyers(ws, ids.P1, '2025-01-01', '2025-03-31')).toEqual([
      { customer: 'A', firstOn: '2024-12-31', amountMinor: 18000, bought: true }, // 200 − 20 (R1)
      { customer: 'B', firstOn: '2025-01-15', amountMinor: 0, bought: true },
      { customer: 'C', firstOn: '2025-02-28', amountMinor: 5000, bought: true },
      { customer: 'D', firstOn: '2025-03-20', amountMinor: 7000, bought: true },
      { customer: 'F', firstOn: '2024-11-05', amountMinor: -20000, bought: false }, // only a return in the quarter
      { customer: 'H', firstOn: '2025-01-20', amountMinor: 20000, bought: true }, // 300 − 100
      { customer: '乙店', firstOn: '2025-02-10', amountMinor: 30000, bought: true },
    ]); // G (returns only) and I (a line of nothing) are no customers
    // A's only line from 2025-02-11 to 2025-03-01 is its return R1: no buyer then, its return still nets.
    expect(reviewStore.buyers(ws, ids.P1, '2025-02-11', '2025-03-01').find((b) => b.customer === 'A')).toEqual({ customer: 'A', firstOn: '2024-12-31', amountMinor: -2000, bought: false });
    // Sales lines (P3, no sell-through): Z1 bought in 2024-11 and 2025-02 and returned 10 in March; Z3 only returned.
    expect(reviewStore.buyers(ws, ids.P3, '2025-03-01', '2025-03-31')).toEqual([
      { customer: 'Z1', firstOn: '2024-11-30', amountMinor: -1000, bought: false },
      { customer: 'Z2', firstOn: '2025-03-31', amountMinor: 500, bought: true },
    ]);
    // The pack reads the summary: lines written behind the import's back are not seen until it is rebuilt.
    ws.sqlite.prepare(`update sell_through_lines set amount_minor = 1 where customer_ref = 'C'`).run();
    expect(reviewStore.buyers(ws, ids.P1, '2025-01-01', '2025-03-31').find((b) => b.customer === 'C')?.amountMinor).toBe(5000);
    ws.sqlite.prepare(`update sell_through_lines set amount_minor = 5000 where customer_ref = 'C'`).run();
  });
});

describe("the review pack's new vs repeat buyers: a return is no purchase", () => {
  /**
   * Hand-computed for P1, 2025-Q1, as of 2025-03-31. Buyers (a purchase in the quarter): A, B, C, D, H, 乙店 — new
   * (first purchase in the quarter): B, C, D, H, 乙店 (5), repeat: A (1, first 2024-12-31); F only returned (not a
   * buyer), G only ever returned and I's line is of nothing (no customers). New revenue 0 + 50 + 70 + (300 − 100) + 300 = 620.00;
   * repeat revenue A 200 − 20 + F −200 = −20.00 — the same figures as the cohorts' new vs repeat mix for the quarter.
   */
  it('counts buyers by purchases, nets returns into the revenue, and agrees with the cohorts mix', async () => {
    const pack = packCustomers(ws, { id: ids.P1, code: 'P1' }, parsePeriod('2025-Q1'), '2025-03-31')!;
    expect(pack).toMatchObject({ buyers: 6, newBuyers: 5, repeatBuyers: 1, newRevenueMinor: 62000, repeatRevenueMinor: -2000 });
    const cohorts = await api.send('inventory.customers.cohorts', { asOf: '2025-03-31', partnerCode: 'P1', quarters: 1 });
    expect(cohorts.mix[0]).toMatchObject({ quarter: '2025-Q1', newCustomers: 5, repeatCustomers: 1, newAmountMinor: 62000, repeatAmountMinor: -2000 });
  });

  it('sales lines of a partner without sell-through: Z1 returned only, Z3 has returns only', async () => {
    const pack = packCustomers(ws, { id: ids.P3, code: 'P3' }, parsePeriod('2025-Q1'), '2025-03-31')!;
    // Z1 bought 20 in February (repeat: first 2024-11-30) and returned 10 in March; Z2 first bought 5 on 03-31.
    expect(pack).toMatchObject({ buyers: 2, newBuyers: 1, repeatBuyers: 1, newRevenueMinor: 500, repeatRevenueMinor: 1000 });
    const cohorts = await api.send('inventory.customers.cohorts', { asOf: '2025-03-31', partnerCode: 'P3', quarters: 1 });
    expect(cohorts.mix[0]).toMatchObject({ newCustomers: 1, repeatCustomers: 1, newAmountMinor: 500, repeatAmountMinor: 1000 });
  });
});
