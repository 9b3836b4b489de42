import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { addMonthsClamped, parsePeriod, periodContaining, quartersBack } from '../../../shared/period';
import { daysBetween } from '../../../shared/clock';
import type { CustomerCohorts, CustomerRfm, CustomerSegment, CustomersInput, LapsedCustomer } from '../../model/inventory';
import { getSetting } from '../system/settingsStore';
import { workspaceClock } from '../system/workspaceClock';
import { customerMonthStore, lookupStore } from './store';
import { dayNumber, isoDay, windowColumns, type CustomerWindowColumns } from './store/customerWindow';
import { notFound } from '../../../shared/errorMessages';

type Resolved = CustomersInput & { asOf: string };
const resolve = (ws: Workspace, input: CustomersInput): Resolved => ({ ...input, asOf: input.asOf ?? workspaceClock(ws).today() });

/** Days before asOf within which a first purchase makes a customer "new". */
export const NEW_CUSTOMER_DAYS = 90;

/**
 * Each partner's end customers with their purchases up to asOf, as columns (the store's summary by customer and month;
 * a partner that reports no sell-through counts its sales lines' customerRef). Customers who bought in the current or
 * the previous window only.
 */
function customerColumns(ws: Workspace, input: Resolved, province = true): CustomerWindowColumns {
  const from = addMonthsClamped(input.asOf, -input.windowMonths);
  const prevFrom = addMonthsClamped(input.asOf, -2 * input.windowMonths);
  let partnerId: number | null = null;
  if (input.partnerCode) {
    partnerId = lookupStore.partnerId(ws, input.partnerCode) ?? null;
    if (partnerId === null) throw new DomainError(`Unknown partner code '${input.partnerCode}'`, 'NOT_FOUND', notFound('partner', input.partnerCode));
  }
  return windowColumns(ws, { asOf: input.asOf, from, prevFrom, partnerId, province });
}

/**
 * Scores 1–5 by quintiles within one partner's customers, ties sharing a score: a value's score is
 * 1 + ⌊5 × (customers strictly worse + customers equal ÷ 2) ÷ n⌋ — the quintile of its mid-rank — so equal values
 * always score alike and n distinct values spread evenly over 1…5. `higherIsBetter` false ranks small values high (recency).
 */
export function quintileScores(values: readonly number[], higherIsBetter = true): number[] {
  const n = values.length;
  const scores = new Uint8Array(n);
  scoreQuintiles(Float64Array.from(values), n, higherIsBetter, scores, new Float64Array(n));
  return Array.from(scores);
}

/**
 * quintileScores over the first n values of `values` into `out`, with `sorted` as scratch (at least n long): the values
 * sorted once, each value's customers strictly below and equal found by two binary searches (O(n log n), no Map, no
 * allocation: a partner with many customers of one frequency must not cost n² comparisons either).
 */
function scoreQuintiles(values: Float64Array, n: number, higherIsBetter: boolean, out: Uint8Array, sorted: Float64Array): void {
  const s = sorted.subarray(0, n);
  s.set(values.subarray(0, n));
  s.sort();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    const below = lo;
    hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    const equal = lo - below;
    const worse = higherIsBetter ? below : n - lo;
    out[i] = Math.min(5, 1 + Math.floor((5 * (worse + equal / 2)) / n));
  }
}

/**
 * Segments, first rule that holds: lost — no purchase in the window; new — first purchase ever within 90 days of asOf;
 * champions — R ≥ 4 and F ≥ 4; loyal — R ≥ 3 and (F ≥ 3 or M ≥ 3); at risk — R ≤ 2 and (F ≥ 3 or M ≥ 3) (valuable
 * but not seen lately); hibernating — the rest (few, small, not recent purchases).
 */
export function segmentOf(c: { frequency: number; firstPurchaseOn: string; r: number; f: number; m: number }, asOf: string): CustomerSegment {
  return segmentAfter(c.frequency, c.r, c.f, c.m, daysBetween(c.firstPurchaseOn, asOf));
}

function segmentAfter(frequency: number, r: number, f: number, m: number, daysSinceFirst: number): CustomerSegment {
  if (frequency === 0) return 'lost';
  if (daysSinceFirst <= NEW_CUSTOMER_DAYS) return 'new';
  if (r >= 4 && f >= 4) return 'champions';
  if (r >= 3 && (f >= 3 || m >= 3)) return 'loyal';
  if (r <= 2 && (f >= 3 || m >= 3)) return 'atRisk';
  return 'hibernating';
}

/** RFM per end customer, scored within each partner's customers. */
export function customerRfm(ws: Workspace, given: CustomersInput): CustomerRfm[] {
  const input = resolve(ws, given);
  const w = customerColumns(ws, input, false);
  const asOf = dayNumber(input.asOf);
  let most = 0;
  for (let k = 0; k < w.partnerId.length; k++) most = Math.max(most, w.partnerStart[k + 1] - w.partnerStart[k]);
  // One partner's values and scores at a time, in scratch reused for every partner.
  const recency = new Float64Array(most);
  const frequency = new Float64Array(most);
  const monetary = new Float64Array(most);
  const sorted = new Float64Array(most);
  const r = new Uint8Array(most);
  const f = new Uint8Array(most);
  const m = new Uint8Array(most);
  const out: CustomerRfm[] = new Array<CustomerRfm>(w.order.length);
  for (let k = 0; k < w.partnerId.length; k++) {
    const start = w.partnerStart[k];
    const n = w.partnerStart[k + 1] - start;
    for (let j = 0; j < n; j++) {
      const i = w.order[start + j];
      recency[j] = asOf - w.last[i];
      frequency[j] = w.f[i];
      monetary[j] = w.m[i];
    }
    scoreQuintiles(recency, n, false, r, sorted);
    scoreQuintiles(frequency, n, true, f, sorted);
    scoreQuintiles(monetary, n, true, m, sorted);
    const partnerCode = w.partnerCode[k];
    for (let j = 0; j < n; j++) {
      const i = w.order[start + j];
      out[start + j] = {
        partnerCode,
        customerRef: w.customer[i],
        customerName: w.name[i],
        recencyDays: recency[j],
        frequency: frequency[j],
        monetaryMinor: monetary[j],
        r: r[j],
        f: f[j],
        m: m[j],
        segment: segmentAfter(frequency[j], r[j], f[j], m[j], asOf - w.first[i]),
        firstPurchaseOn: isoDay(w.first[i]),
        lastPurchaseOn: isoDay(w.last[i]),
      };
    }
  }
  return out;
}

/** Customers who bought in the previous window and not in the current one: the win-back list, biggest first. */
export function lapsedCustomers(ws: Workspace, given: CustomersInput): LapsedCustomer[] {
  const input = resolve(ws, given);
  const w = customerColumns(ws, input);
  const out: LapsedCustomer[] = [];
  for (let k = 0; k < w.partnerId.length; k++) {
    for (let j = w.partnerStart[k]; j < w.partnerStart[k + 1]; j++) {
      const i = w.order[j];
      if (w.f[i] !== 0 || w.pf[i] <= 0) continue;
      out.push({
        partnerCode: w.partnerCode[k],
        customerRef: w.customer[i],
        customerName: w.name[i],
        customerProvince: w.province[i],
        lastPurchaseOn: isoDay(w.last[i]),
        previousOrders: w.pf[i],
        previousAmountMinor: w.pm[i],
      });
    }
  }
  return out.sort((a, b) => a.partnerCode.localeCompare(b.partnerCode) || b.previousAmountMinor - a.previousAmountMinor || a.customerRef.localeCompare(b.customerRef));
}

/**
 * Cohort retention and new vs repeat revenue, per fiscal quarter up to the quarter holding asOf (README "End customers"):
 * a customer's cohort is the quarter of its first purchase ever (on or before asOf); it is retained in a later quarter
 * when it bought in that quarter (a return is no purchase: it nets the amount only; a customer with only returns is none). Purchases come from the same source as RFM (sell-through, else the partner's sales
 * lines with a customerRef); a customer is one per partner. The last quarter counts up to asOf only.
 */
export function customerCohorts(ws: Workspace, given: { asOf?: string; partnerCode?: string; quarters: number }): CustomerCohorts {
  const asOf = given.asOf ?? workspaceClock(ws).today();
  const fsm = Number(getSetting<unknown>(ws.db, 'company.fiscalStartMonth', 1)) || 1;
  const quarters = quartersBack(asOf, given.quarters - 1, fsm).reverse();
  const first = parsePeriod(quarters[0], fsm).start;
  const index = new Map(quarters.map((q, i) => [q, i]));
  const quarterOfMonth = new Map<string, string>();
  const quarterOf = (month: string) => {
    let q = quarterOfMonth.get(month);
    if (q === undefined) quarterOfMonth.set(month, (q = periodContaining(`${month}-01`, 'quarter', fsm).label));
    return q;
  };
  let partnerId: number | null = null;
  if (given.partnerCode) {
    partnerId = lookupStore.partnerId(ws, given.partnerCode) ?? null;
    if (partnerId === null) throw new DomainError(`Unknown partner code '${given.partnerCode}'`, 'NOT_FOUND', notFound('partner', given.partnerCode));
  }
  // Per customer: its first purchase ever, and its amount per month within the quarters shown.
  const rows = customerMonthStore.cohortMonths(ws, { asOf, first, partnerId });

  const n = quarters.length;
  const cohortSize = new Array<number>(n).fill(0);
  const retained = quarters.map((_, i) => new Array<number>(n - i).fill(0));
  const mix = quarters.map((quarter) => ({ quarter, newCustomers: 0, repeatCustomers: 0, newAmountMinor: 0, repeatAmountMinor: 0, repeatShare: null as number | null }));
  // Rows come grouped by customer; collect the quarters each customer bought in.
  const seen = new Map<string, { cohort: number | null; firstQuarter: string; bought: Set<number> }>();
  for (const r of rows) {
    const key = `${r.p}\u0000${r.c}`;
    let cust = seen.get(key);
    if (!cust) {
      const fq = quarterOf(r.first.slice(0, 7));
      seen.set(key, (cust = { cohort: index.get(fq) ?? null, firstQuarter: fq, bought: new Set() }));
    }
    const qi = index.get(quarterOf(r.month))!;
    if (r.b) cust.bought.add(qi); // a month of returns only nets the amount: no purchase in it
    const m = mix[qi];
    if (quarters[qi] === cust.firstQuarter) m.newAmountMinor += r.a;
    else m.repeatAmountMinor += r.a;
  }
  for (const cust of seen.values()) {
    for (const qi of cust.bought) {
      if (quarters[qi] === cust.firstQuarter) mix[qi].newCustomers++;
      else mix[qi].repeatCustomers++;
    }
    if (cust.cohort === null) continue;
    cohortSize[cust.cohort]++;
    for (const qi of cust.bought) if (qi >= cust.cohort) retained[cust.cohort][qi - cust.cohort]++;
  }
  for (const m of mix) {
    const total = m.newAmountMinor + m.repeatAmountMinor;
    m.repeatShare = total > 0 ? Math.round((m.repeatAmountMinor / total) * 1e6) / 1e6 : null;
  }
  return {
    asOf,
    quarters,
    cohorts: quarters.map((quarter, i) => ({
      quarter,
      customers: cohortSize[i],
      retained: retained[i],
      rates: retained[i].map((x) => (cohortSize[i] ? Math.round((x / cohortSize[i]) * 1e6) / 1e6 : 0)),
    })),
    mix,
  };
}
