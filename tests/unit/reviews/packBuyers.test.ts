import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../electron/api/api';
import type { Workspace } from '../../../db/database';
import { reviewStore } from '../../../electron/domain/reviews/store';
import { writeFile } from '../imports/importFixtures';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

const tmp = tempDir('pwb-pack-buyers-');
afterAll(() => tmp.cleanup());
let ws: Workspace;
let api: Api;
const ids: Record<string, number> = {};

/**
 * The review pack's buyers as they were read before the summary: from every line up to `to` (sell-through by customer
 * reference or name; sales lines by reference for a partner without sell-through).
 */
function fromLines(partnerId: number, from: string, to: string) {
  return ws.sqlite
    .prepare(
      `with src as (
         select coalesce(customer_ref, customer_name) as c, date as d, coalesce(amount_minor, 0) as a
           from sell_through_lines where partner_id = @p and coalesce(customer_ref, customer_name) is not null and date <= @to
         union all
         select customer_ref, date, amount_minor from sales_lines
          where partner_id = @p and customer_ref is not null and date <= @to
            and not exists (select 1 from sell_through_lines t where t.partner_id = @p)
       )
       select c as customer, min(d) as firstOn, coalesce(sum(case when d >= @from then a end), 0) as amountMinor
         from src group by c having max(d) >= @from order by c`,
    )
    .all({ p: partnerId, from, to });
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
].join('\r\n');

beforeAll(async () => {
  ({ ws, api } = memoryApi());
  for (const code of ['P1', 'P3']) ids[code] = (await api.send('partners.create', partnerInput(code))).id;
  await api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'p.csv', 'code,nameZh\r\nX,产品X\r\n') });
  await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st.csv', `${ST}\r\n`) });
  await api.send('imports.run', {
    kind: 'sales',
    path: writeFile(tmp.dir, 's.csv', 'partnerCode,date,amount,customerRef,orderRef\r\nP3,2024-11-30,10,Z1,S1\r\nP3,2025-02-01,20,Z1,S2\r\nP3,2025-03-31,5,Z2,\r\nP1,2025-02-01,99,A,S3\r\n'),
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
      { customer: 'A', firstOn: '2024-12-31', amountMinor: 18000 },
      { customer: 'B', firstOn: '2025-01-15', amountMinor: 0 },
      { customer: 'C', firstOn: '2025-02-28', amountMinor: 5000 },
      { customer: 'D', firstOn: '2025-03-20', amountMinor: 7000 },
      { customer: '乙店', firstOn: '2025-02-10', amountMinor: 30000 },
    ]);
    // The pack reads the summary: lines written behind the import's back are not seen until it is rebuilt.
    ws.sqlite.prepare(`update sell_through_lines set amount_minor = 1 where customer_ref = 'C'`).run();
    expect(reviewStore.buyers(ws, ids.P1, '2025-01-01', '2025-03-31').find((b) => b.customer === 'C')?.amountMinor).toBe(5000);
    ws.sqlite.prepare(`update sell_through_lines set amount_minor = 5000 where customer_ref = 'C'`).run();
  });
});
