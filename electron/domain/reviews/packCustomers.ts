import type { Workspace } from '../../../db/database';
import type { Period } from '../../../shared/period';
import type { PackCustomers } from '../../model/reviews';
import { customerRfm, lapsedCustomers } from '../inventory/endCustomers';
import { reviewStore } from './store';

const WINDOW_MONTHS = 12;
const TOP_LAPSED = 5;

/**
 * The pack's end-customer summary (see PackCustomers): the inventory area's RFM and lapsed rules for one partner as of
 * `asOf`, and the period's buyers split new / repeat from the same source the RFM reads (sell-through lines by customer
 * reference or name; sales lines by customer reference for a partner that reports no sell-through). A buyer bought in
 * the period (a return is no purchase, as in RFM and cohorts); the revenue is net of returns, and a return by a customer
 * who bought before the period nets the repeat revenue, as the cohorts' new vs repeat mix counts it. Null without any
 * end-customer data.
 */
export function packCustomers(ws: Workspace, partner: { id: number; code: string }, period: Period, asOf: string): PackCustomers | null {
  const input = { partnerCode: partner.code, asOf, windowMonths: WINDOW_MONTHS };
  const rfm = customerRfm(ws, input);
  const buyers = reviewStore.buyers(ws, partner.id, period.start, asOf < period.end ? asOf : period.end);
  if (!rfm.length && !buyers.length) return null;
  const segments: PackCustomers['segments'] = { champions: 0, loyal: 0, new: 0, atRisk: 0, hibernating: 0, lost: 0 };
  for (const c of rfm) segments[c.segment]++;
  const lapsed = lapsedCustomers(ws, input);
  // Every customer whose first purchase is in the period bought in it; those who bought before may only have returned.
  const fresh = buyers.filter((b) => b.firstOn >= period.start);
  const before = buyers.filter((b) => b.firstOn < period.start);
  const repeat = before.filter((b) => b.bought);
  const sum = (xs: Array<{ amountMinor: number }>) => xs.reduce((a, x) => a + x.amountMinor, 0);
  return {
    asOf,
    windowMonths: WINDOW_MONTHS,
    active: rfm.filter((c) => c.frequency > 0).length,
    segments,
    lapsed: lapsed.length,
    lapsedAmountMinor: lapsed.reduce((a, c) => a + c.previousAmountMinor, 0),
    topLapsed: lapsed.slice(0, TOP_LAPSED).map((c) => ({ customer: c.customerName ?? c.customerRef, lastPurchaseOn: c.lastPurchaseOn, previousAmountMinor: c.previousAmountMinor })),
    buyers: fresh.length + repeat.length,
    newBuyers: fresh.length,
    repeatBuyers: repeat.length,
    newRevenueMinor: sum(fresh),
    repeatRevenueMinor: sum(before),
  };
}
