import type { Workspace } from '../../../db/database';
import type { Period } from '../../../shared/period';
import type { PackCustomers } from '../../model/reviews';
import { customerRfm, lapsedCustomers } from '../inventory/endCustomers';

const WINDOW_MONTHS = 12;
const TOP_LAPSED = 5;

/**
 * The pack's end-customer summary (see PackCustomers): the inventory area's RFM and lapsed rules for one partner as of
 * `asOf`, and the period's buyers split new / repeat from the same source the RFM reads (sell-through lines by customer
 * reference or name; sales lines by customer reference for a partner that reports no sell-through). Null without any
 * end-customer data.
 */
export function packCustomers(ws: Workspace, partner: { id: number; code: string }, period: Period, asOf: string): PackCustomers | null {
  const input = { partnerCode: partner.code, asOf, windowMonths: WINDOW_MONTHS };
  const rfm = customerRfm(ws, input);
  const buyers = ws.sqlite
    .prepare(
      `with src as (
         select coalesce(customer_ref, customer_name) as c, date as d, coalesce(amount_minor, 0) as a
           from sell_through_lines where partner_id = @p and coalesce(customer_ref, customer_name) is not null and date <= @to
         union all
         select customer_ref, date, amount_minor from sales_lines
          where partner_id = @p and customer_ref is not null and date <= @to
            and not exists (select 1 from sell_through_lines t where t.partner_id = @p)
       )
       select c, min(d) as first, coalesce(sum(case when d >= @from then a end), 0) as amount
         from src group by c having max(d) >= @from`,
    )
    .all({ p: partner.id, from: period.start, to: asOf < period.end ? asOf : period.end }) as Array<{ c: string; first: string; amount: number }>;
  if (!rfm.length && !buyers.length) return null;
  const segments: PackCustomers['segments'] = { champions: 0, loyal: 0, new: 0, atRisk: 0, hibernating: 0, lost: 0 };
  for (const c of rfm) segments[c.segment]++;
  const lapsed = lapsedCustomers(ws, input);
  const fresh = buyers.filter((b) => b.first >= period.start);
  const repeat = buyers.filter((b) => b.first < period.start);
  const sum = (xs: Array<{ amount: number }>) => xs.reduce((a, x) => a + x.amount, 0);
  return {
    asOf,
    windowMonths: WINDOW_MONTHS,
    active: rfm.filter((c) => c.frequency > 0).length,
    segments,
    lapsed: lapsed.length,
    lapsedAmountMinor: lapsed.reduce((a, c) => a + c.previousAmountMinor, 0),
    topLapsed: lapsed.slice(0, TOP_LAPSED).map((c) => ({ customer: c.customerName ?? c.customerRef, lastPurchaseOn: c.lastPurchaseOn, previousAmountMinor: c.previousAmountMinor })),
    buyers: buyers.length,
    newBuyers: fresh.length,
    repeatBuyers: repeat.length,
    newRevenueMinor: sum(fresh),
    repeatRevenueMinor: sum(repeat),
  };
}
