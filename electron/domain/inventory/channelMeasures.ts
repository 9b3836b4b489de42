import type { Workspace } from '../../../db/database';
import { daysBetween } from '../../../shared/clock';
import type { Period } from '../../../shared/period';
import type { ChannelMeasures } from '../../model/inventory';
import { measureStore } from './store/measures';
import { insideProvinces } from './territoryScope';

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The channel measures of the given partners for one period, from a few grouped queries (README "Channel inventory"):
 * sell-in quantity (sales lines), sell-through, stock at the period's edges, 窜货 by customer province against the
 * partner's territory (a sub-territory's province is inside), 控价 against the floor price at the line's date.
 */
export function channelMeasures(ws: Workspace, period: Period, partnerIds: readonly number[], knownSellIn?: Map<number, number>): Map<number, ChannelMeasures> {
  const range = { ids: partnerIds, start: period.start, end: period.end };
  const days = daysBetween(period.start, period.end) + 1;

  // The evaluation passes the sell-in it has already summed in its scan of the period's lines (one scan, not two).
  const sellIn = knownSellIn ?? new Map(measureStore.sellIn(ws, range).map((r) => [r.p, r.q]));
  const reporting = new Set(measureStore.reporting(ws, range));
  const through = new Map(measureStore.sellThrough(ws, range).map((r) => [r.p, r]));

  // Stock on a day: the partner's latest snapshot date on or before it, all its rows.
  const closing = new Map(measureStore.stockAt(ws, partnerIds, period.end).map((r) => [r.p, r]));
  const opening = new Map(measureStore.stockAt(ws, partnerIds, addDay(period.start, -1)).map((r) => [r.p, r]));
  // Stock first reported during the period: its first report stands for the opening stock.
  for (const r of measureStore.firstStockIn(ws, range)) if (!opening.has(r.p)) opening.set(r.p, r);

  // 窜货: lines per partner and customer province, judged against the provinces inside the partner's territory.
  // The partners' provinces only when some line has a customer province (most workspaces report none).
  let inside: Map<number, Set<number>> | null = null;
  const cross = new Map<number, { located: number; lines: number; amount: number }>();
  for (const r of measureStore.byCustomerProvince(ws, range)) {
    const scope = (inside ??= insideProvinces(ws, partnerIds)).get(r.p);
    if (!scope) continue;
    const c = cross.get(r.p) ?? { located: 0, lines: 0, amount: 0 };
    c.located += r.n;
    if (!scope.has(r.t)) {
      c.lines += r.n;
      c.amount += r.a;
    }
    cross.set(r.p, c);
  }

  // 控价: lines with an amount whose product has a floor at the line's date.
  const price = new Map(measureStore.priced(ws, range).map((r) => [r.p, r]));

  const out = new Map<number, ChannelMeasures>();
  for (const id of partnerIds) {
    const si = sellIn.get(id) ?? 0;
    const reports = reporting.has(id);
    const st = through.get(id);
    const stQty = st?.q ?? 0;
    const close = closing.get(id) ?? null;
    const open = opening.get(id) ?? null;
    const doi = close && reports && stQty > 0 ? round6(close.q / (stQty / days)) : null;
    const avg = close && open ? (open.q + close.q) / 2 : null;
    const c = cross.get(id);
    const pr = price.get(id);
    out.set(id, {
      partnerId: id,
      sellInQuantity: round6(si),
      sellThroughQuantity: round6(stQty),
      sellThroughAmountMinor: st?.a ?? 0,
      sellThroughRate: reports && si > 0 ? round6(stQty / si) : null,
      openingStock: open ? round6(open.q) : null,
      closingStock: close ? round6(close.q) : null,
      closingStockValueMinor: close?.v ?? null,
      lastReportDate: close?.d ?? null,
      daysOfInventory: doi,
      weeksOfSupply: doi === null ? null : round6(doi / 7),
      inventoryTurnover: avg && avg > 0 && reports ? round6(stQty / avg) : null,
      locatedLines: c?.located ?? 0,
      crossTerritoryLines: c?.lines ?? 0,
      crossTerritoryAmountMinor: c?.amount ?? 0,
      crossTerritoryShare: c && c.located > 0 ? round6(c.lines / c.located) : null,
      pricedLines: pr?.priced ?? 0,
      belowFloorLines: pr?.below ?? 0,
      belowFloorAmountMinor: pr?.amount ?? 0,
      belowFloorGapMinor: Math.round(pr?.gap ?? 0),
      belowFloorShare: pr && pr.priced > 0 ? round6(pr.below / pr.priced) : null,
    });
  }
  return out;
}

function addDay(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
