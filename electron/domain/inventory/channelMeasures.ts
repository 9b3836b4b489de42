import type { Workspace } from '../../../db/database';
import { daysBetween } from '../../../shared/clock';
import type { Period } from '../../../shared/period';
import type { ChannelMeasures } from '../../model/inventory';
import { monthIndex } from '../evaluations/salesSummaries';
import { partnerMonthStore } from './store/partnerMonths';
import { measureStore, type FloorRange, type MeasureRange } from './store/measures';
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
  const reporting = new Set(partnerMonthStore.reporting(ws, partnerIds, monthIndex(period.end), period.end));

  // Stock on a day: the partner's latest snapshot date on or before it, all its rows.
  const closing = new Map(measureStore.stockAt(ws, partnerIds, period.end).map((r) => [r.p, r]));
  const opening = new Map(measureStore.stockAt(ws, partnerIds, addDay(period.start, -1)).map((r) => [r.p, r]));
  // Stock first reported during the period: its first report stands for the opening stock.
  for (const r of measureStore.firstStockIn(ws, range)) if (!opening.has(r.p)) opening.set(r.p, r);

  let inside: Map<number, Set<number>> | null = null;
  const insideOf = () => (inside ??= insideProvinces(ws, partnerIds));
  const { through, cross, price } = scanLines(ws, range, insideOf);

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
      // Why a share is missing, in the order the page says it (the territories read only when a sale has no located line).
      crossTerritoryShareMissing: c && c.located > 0 ? null : !st || st.sales === 0 ? 'noSales' : !insideOf().has(id) ? 'noTerritory' : 'noProvince',
      pricedLines: pr?.priced ?? 0,
      belowFloorLines: pr?.below ?? 0,
      belowFloorAmountMinor: pr?.amount ?? 0,
      belowFloorGapMinor: Math.round(pr?.gap ?? 0),
      belowFloorShare: pr && pr.priced > 0 ? round6(pr.below / pr.priced) : null,
      belowFloorShareMissing: pr && pr.priced > 0 ? null : !st || st.sales === 0 ? 'noSales' : st.withAmount === 0 ? 'noAmount' : 'noFloor',
    });
  }
  return out;
}

/**
 * The channel measures an evaluation scores — sell-through rate, days of inventory, turnover, 窜货 and 控价 shares — of
 * the partners that report sell-through by the period's end: each of the five needs the partner's sell-through lines,
 * so a partner without any has all five null and is not measured (absent from the map). One index lookup per partner
 * when nobody reports (many workspaces hold sell-in only), instead of every stock and sell-through read over all of them.
 */
export function reportingChannelMeasures(ws: Workspace, period: Period, partnerIds: readonly number[], knownSellIn?: Map<number, number>): Map<number, ChannelMeasures> {
  const reporting = partnerMonthStore.reporting(ws, partnerIds, monthIndex(period.end), period.end);
  return reporting.length === 0 ? new Map() : channelMeasures(ws, period, reporting, knownSellIn);
}

/**
 * One pass over the period's sell-through lines (the store's periodLines, in index order, so sums add up in the order
 * grouped SQL would): per partner the sell-through quantity and amount; 窜货 — of the sale lines (quantity > 0) whose
 * customer province is known, those outside the provinces inside the partner's territory (partners without a territory
 * left out; the territories read only when some line has a province); 控价 — of the sale lines with an amount whose
 * product has a floor at the line's date in its currency (the latest-starting range that has begun, not ended, and has
 * a floor: FLOOR_AT_LINE), those with amount < floor × quantity, their amount and the money under the floor.
 */
function scanLines(ws: Workspace, range: MeasureRange, insideOf: () => Map<number, Set<number>>) {
  // Per partner: quantity and amount; its sale lines (quantity > 0) and those with an amount, which say why a share is missing.
  const through = new Map<number, { q: number; a: number; sales: number; withAmount: number }>();
  const cross = new Map<number, { located: number; lines: number; amount: number }>();
  const price = new Map<number, { priced: number; below: number; amount: number; gap: number }>();
  const floorAt = floorLookup(measureStore.floors(ws));
  let inside: Map<number, Set<number>> | null = null;
  let p = -1;
  let st = { q: 0, a: 0, sales: 0, withAmount: 0 };
  for (const [partner, product, date, q, a, currency, t] of measureStore.periodLines(ws, range)) {
    if (partner !== p) {
      p = partner;
      st = through.get(p) ?? { q: 0, a: 0, sales: 0, withAmount: 0 };
      through.set(p, st);
    }
    st.q += q;
    if (a !== null) st.a += a;
    if (!(q > 0)) continue;
    st.sales++;
    if (t !== null) {
      const scope = (inside ??= insideOf()).get(p);
      if (scope) {
        let c = cross.get(p);
        if (!c) cross.set(p, (c = { located: 0, lines: 0, amount: 0 }));
        c.located++;
        if (!scope.has(t)) {
          c.lines++;
          if (a !== null) c.amount += a;
        }
      }
    }
    if (a === null) continue;
    st.withAmount++;
    const f = floorAt(product, currency, date);
    if (f === null) continue;
    let pr = price.get(p);
    if (!pr) price.set(p, (pr = { priced: 0, below: 0, amount: 0, gap: 0 }));
    pr.priced++;
    if (a < f * q) {
      pr.below++;
      pr.amount += a;
      pr.gap += f * q - a;
    }
  }
  return { through, cross, price };
}

/** The floor price of a product at a day in a currency (FLOOR_AT_LINE), remembered per product, currency and day. */
function floorLookup(ranges: readonly FloorRange[]) {
  const byProduct = new Map<number, FloorRange[]>();
  for (const r of ranges) {
    let list = byProduct.get(r.productId);
    if (!list) byProduct.set(r.productId, (list = []));
    list.push(r); // latest start first
  }
  const memo = new Map<string, number | null>();
  return (product: number, currency: string, date: string): number | null => {
    const list = byProduct.get(product);
    if (!list) return null;
    const key = `${product}\u001f${currency}\u001f${date}`;
    let f = memo.get(key);
    if (f === undefined) {
      f = null;
      for (const r of list) {
        if (r.currency === currency && r.validFrom <= date && (r.validTo === null || r.validTo >= date)) {
          f = r.floor;
          break;
        }
      }
      memo.set(key, f);
    }
    return f;
  };
}

function addDay(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
