import type { Workspace } from '../../../db/database';
import { previousPeriod, type Period } from '../../../shared/period';
import type { ChannelMeasures, InventoryRules, StuffingSignal } from '../../model/inventory';
import { channelMeasures } from './channelMeasures';

const growth = (value: number, base: number) => (base === 0 ? null : Math.round(((value - base) / Math.abs(base)) * 1e6) / 1e6);

/**
 * Channel stuffing (压货): in a period, sell-in quantity grew more than `stuffingGapPoints` percentage points faster than
 * sell-through (each on the period before), or days of inventory exceeded `doiLimitDays`. The signal is raised when this
 * holds in the period AND the one before it, so a single big order does not raise it. A growth with no base (0 before)
 * cannot be judged; neither can a DOI without stock or sell-through. `current`: the period's measures when the caller has them.
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
  const m0 = current ?? channelMeasures(ws, period, partnerIds);
  const [m1, m2] = [p1, p2].map((p) => channelMeasures(ws, p, partnerIds));
  const out = new Map<number, StuffingSignal>();
  for (const id of partnerIds) {
    const judge = (p: Period, cur: typeof m0, before: typeof m0) => {
      const c = cur.get(id)!;
      const b = before.get(id)!;
      const sellInGrowth = growth(c.sellInQuantity, b.sellInQuantity);
      const sellThroughGrowth = growth(c.sellThroughQuantity, b.sellThroughQuantity);
      const gap = sellInGrowth !== null && sellThroughGrowth !== null && (sellInGrowth - sellThroughGrowth) * 100 > rules.stuffingGapPoints;
      const doi = c.daysOfInventory !== null && c.daysOfInventory > rules.doiLimitDays;
      return { period: p.label, sellInGrowth, sellThroughGrowth, daysOfInventory: c.daysOfInventory, gap, doi };
    };
    const older = judge(p1, m1, m2);
    const latest = judge(period, m0, m1);
    out.set(id, { partnerId: id, period: period.label, signalled: (older.gap || older.doi) && (latest.gap || latest.doi), periods: [older, latest] });
  }
  return out;
}
