import type { Workspace } from '../../../db/database';
import { daysBetween } from '../../../shared/clock';
import { previousPeriod, type Period } from '../../../shared/period';
import type { ChannelMeasures, InventoryRules, StuffingSignal } from '../../model/inventory';
import { monthIndex, salesSummariesCurrent } from '../evaluations/salesSummaries';
import { measureStore } from './store/measures';
import { partnerMonthStore } from './store/partnerMonths';

const growth = (value: number, base: number) => (base === 0 ? null : Math.round(((value - base) / Math.abs(base)) * 1e6) / 1e6);
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** What the signal reads of a partner in a period: the channel measures' sell-in, sell-through and days of inventory. */
type Figures = Pick<ChannelMeasures, 'sellInQuantity' | 'sellThroughQuantity' | 'daysOfInventory'>;

/**
 * Channel stuffing (压货): in a period, sell-in quantity grew more than `stuffingGapPoints` percentage points faster than
 * sell-through (each on the period before), or days of inventory exceeded `doiLimitDays`. The signal is raised when this
 * holds in the period AND the one before it, so a single big order does not raise it. A growth with no base (0 before)
 * cannot be judged; neither can a DOI without stock or sell-through. `current`: the period's measures when the caller has them.
 *
 * Set-based over summaries for all partners at once: sell-in and sell-through per partner × month (the sales summaries
 * and `sell_through_partner_months`, or their lines when a summary is out of date) and each partner's stock totals per
 * report date, one read each for the three periods; the figures are the channel measures' (channelMeasures.ts).
 */
export function stuffingSignals(
  ws: Workspace,
  period: Period,
  partnerIds: readonly number[],
  rules: InventoryRules,
  fsm = 1,
  current?: Map<number, ChannelMeasures>,
): Map<number, StuffingSignal> {
  const p1 = previousPeriod(period, fsm);
  const p2 = previousPeriod(p1, fsm);
  const [f2, f1, f0] = periodFigures(ws, [p2, p1, period], partnerIds);
  const m0: Map<number, Figures> = current ?? f0;
  const out = new Map<number, StuffingSignal>();
  for (const id of partnerIds) {
    const judge = (p: Period, c: Figures, b: Figures) => {
      const sellInGrowth = growth(c.sellInQuantity, b.sellInQuantity);
      const sellThroughGrowth = growth(c.sellThroughQuantity, b.sellThroughQuantity);
      const gap = sellInGrowth !== null && sellThroughGrowth !== null && (sellInGrowth - sellThroughGrowth) * 100 > rules.stuffingGapPoints;
      const doi = c.daysOfInventory !== null && c.daysOfInventory > rules.doiLimitDays;
      return { period: p.label, sellInGrowth, sellThroughGrowth, daysOfInventory: c.daysOfInventory, gap, doi };
    };
    const older = judge(p1, f1.get(id)!, f2.get(id)!);
    const latest = judge(period, m0.get(id)!, f1.get(id)!);
    out.set(id, { partnerId: id, period: period.label, signalled: (older.gap || older.doi) && (latest.gap || latest.doi), periods: [older, latest] });
  }
  return out;
}

/**
 * Sell-in, sell-through and DOI of consecutive whole-month periods (in date order) for every partner, as channelMeasures
 * defines them: DOI = closing stock ÷ (sell-through ÷ days) for a partner that reports sell-through by the period's end.
 */
function periodFigures(ws: Workspace, periods: readonly Period[], ids: readonly number[]): Array<Map<number, Figures>> {
  const from = monthIndex(periods[0].start);
  const to = monthIndex(periods[periods.length - 1].end);
  const n = to - from + 1;
  const at = new Map(ids.map((id, i) => [id, i]));
  // Per partner and month of the span: typed arrays, partner-major.
  const sellIn = new Float64Array(ids.length * n);
  const through = new Float64Array(ids.length * n);
  for (const r of measureStore.sellInByMonth(ws, ids, from, to, salesSummariesCurrent(ws.sqlite))) sellIn[at.get(r.p)! * n + r.m - from] += r.q;
  const st = partnerMonthStore.byMonth(ws, ids, from, to);
  for (const r of st.months) through[at.get(r.p)! * n + r.m - from] += r.q;
  const firstMonth = new Map(st.first.map((r) => [r.p, r.m]));

  // Closing stock: each partner's latest report date on or before each period's end, its rows summed.
  const ends = periods.map((p) => p.end);
  const closing = ends.map(() => new Map<number, number>());
  // Rows come in date order within a partner: the last one on or before an end is the stock then.
  for (const r of measureStore.stockByDate(ws, ids, ends[ends.length - 1])) {
    for (let j = 0; j < ends.length; j++) if (r.d <= ends[j]) closing[j].set(r.p, r.q);
  }

  return periods.map((period, i) => {
    const start = monthIndex(period.start) - from;
    const end = monthIndex(period.end) - from;
    const days = daysBetween(period.start, period.end) + 1;
    const endMonth = monthIndex(period.end);
    const out = new Map<number, Figures>();
    ids.forEach((id, j) => {
      let si = 0;
      let stQty = 0;
      for (let m = start; m <= end; m++) {
        si += sellIn[j * n + m];
        stQty += through[j * n + m];
      }
      const first = firstMonth.get(id);
      const reports = first !== undefined && first <= endMonth;
      const close = closing[i].get(id);
      out.set(id, {
        sellInQuantity: round6(si),
        sellThroughQuantity: round6(stQty),
        daysOfInventory: close !== undefined && reports && stQty > 0 ? round6(close / (stQty / days)) : null,
      });
    });
    return out;
  });
}
