import type { Workspace } from '../../../db/database';
import { daysBetween } from '../../../shared/clock';
import type { Period } from '../../../shared/period';
import type { ChannelMeasures } from '../../model/inventory';
import { insideProvinces } from './territoryScope';

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The floor price of a line's product at its date, in its currency: the latest-starting range that has begun, not ended, and has a floor. */
export const FLOOR_AT_LINE = `(select pp.floor_price_minor from product_prices pp where pp.product_id = s.product_id and pp.valid_from <= s.date
   and (pp.valid_to is null or pp.valid_to >= s.date) and pp.floor_price_minor is not null and pp.currency = s.currency
   order by pp.valid_from desc limit 1)`;

/**
 * The channel measures of the given partners for one period, from a few grouped queries (README "Channel inventory"):
 * sell-in quantity (sales lines), sell-through, stock at the period's edges, 窜货 by customer province against the
 * partner's territory (a sub-territory's province is inside), 控价 against the floor price at the line's date.
 */
export function channelMeasures(ws: Workspace, period: Period, partnerIds: readonly number[], knownSellIn?: Map<number, number>): Map<number, ChannelMeasures> {
  const s = ws.sqlite;
  const ids = JSON.stringify(partnerIds);
  const inIds = 'partner_id in (select value from json_each(@ids))';
  const range = { ids, start: period.start, end: period.end };
  const days = daysBetween(period.start, period.end) + 1;

  // The evaluation passes the sell-in it has already summed in its scan of the period's lines (one scan, not two).
  const sellIn = knownSellIn ?? new Map<number, number>();
  if (!knownSellIn) for (const r of s.prepare(`select partner_id as p, sum(quantity) as q from sales_lines where ${inIds} and date between @start and @end group by partner_id`).all(range) as Array<{ p: number; q: number }>) {
    sellIn.set(r.p, r.q);
  }
  const reporting = new Set(
    (s.prepare(`select distinct partner_id as p from sell_through_lines where ${inIds} and date <= @end`).all(range) as Array<{ p: number }>).map((r) => r.p),
  );
  const through = new Map<number, { q: number; a: number }>();
  for (const r of s.prepare(`select partner_id as p, sum(quantity) as q, coalesce(sum(amount_minor), 0) as a from sell_through_lines where ${inIds} and date between @start and @end group by partner_id`).all(range) as Array<{ p: number; q: number; a: number }>) {
    through.set(r.p, r);
  }

  // Stock on a day: the partner's latest snapshot date on or before it, all its rows.
  const stockAt = s.prepare(
    `select i.partner_id as p, i.date as d, sum(i.quantity) as q, sum(i.value_minor) as v from inventory_snapshots i
     join (select partner_id, max(date) as d from inventory_snapshots where ${inIds} and date <= @day group by partner_id) l on l.partner_id = i.partner_id and l.d = i.date
     group by i.partner_id`,
  );
  const firstIn = s.prepare(
    `select i.partner_id as p, i.date as d, sum(i.quantity) as q from inventory_snapshots i
     join (select partner_id, min(date) as d from inventory_snapshots where ${inIds} and date between @start and @end group by partner_id) f on f.partner_id = i.partner_id and f.d = i.date
     group by i.partner_id`,
  );
  type Stock = { p: number; d: string; q: number; v: number | null };
  const closing = new Map((stockAt.all({ ids, day: period.end }) as Stock[]).map((r) => [r.p, r]));
  const opening = new Map((stockAt.all({ ids, day: addDay(period.start, -1) }) as Stock[]).map((r) => [r.p, r]));
  // Stock first reported during the period: its first report stands for the opening stock.
  for (const r of firstIn.all(range) as Stock[]) if (!opening.has(r.p)) opening.set(r.p, r);

  // 窜货: lines per partner and customer province, judged against the provinces inside the partner's territory.
  // The partners' provinces only when some line has a customer province (most workspaces report none).
  let inside: Map<number, Set<number>> | null = null;
  const byProvince = s.prepare(
    `select partner_id as p, customer_territory_id as t, count(*) as n, coalesce(sum(amount_minor), 0) as a from sell_through_lines
     where ${inIds} and date between @start and @end and quantity > 0 and customer_territory_id is not null group by partner_id, customer_territory_id`,
  );
  const cross = new Map<number, { located: number; lines: number; amount: number }>();
  for (const r of byProvince.all(range) as Array<{ p: number; t: number; n: number; a: number }>) {
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
  const price = new Map<number, { priced: number; below: number; amount: number; gap: number }>();
  const priced = s.prepare(
    `select p, count(*) as priced, sum(a < f * q) as below, sum(case when a < f * q then a else 0 end) as amount,
       sum(case when a < f * q then f * q - a else 0 end) as gap
     from (select s.partner_id as p, s.quantity as q, s.amount_minor as a, ${FLOOR_AT_LINE} as f from sell_through_lines s
           where s.${inIds} and s.date between @start and @end and s.quantity > 0 and s.amount_minor is not null)
     where f is not null group by p`,
  );
  for (const r of priced.all(range) as Array<{ p: number; priced: number; below: number; amount: number; gap: number }>) price.set(r.p, r);

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
