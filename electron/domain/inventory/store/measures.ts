import type { Workspace } from '../../../../db/database';
import type { inventorySnapshots, productPrices, salesLines, sellThroughLines } from '../../../../db/schema';

/**
 * The SQL of the channel measures (channelMeasures.ts) and of the Inventory page's partner × product grid
 * (inventoryOverview.ts): grouped reads per partner, or per partner and product, over a period's sales lines,
 * sell-through lines and stock reports. Row types are the aggregates' own, their columns typed from the drizzle schema.
 */
type Line = typeof sellThroughLines.$inferSelect;
type Snapshot = typeof inventorySnapshots.$inferSelect;
type SalesLine = typeof salesLines.$inferSelect;
type Price = typeof productPrices.$inferSelect;

/** The partners and days a measure reads: `ids` the partners, `start`…`end` the period (ISO days, inclusive). */
export interface MeasureRange {
  ids: readonly number[];
  start: string;
  end: string;
}

/** The floor price of a line's product at its date, in its currency: the latest-starting range that has begun, not ended, and has a floor. */
export const FLOOR_AT_LINE = `(select pp.floor_price_minor from product_prices pp where pp.product_id = s.product_id and pp.valid_from <= s.date
   and (pp.valid_to is null or pp.valid_to >= s.date) and pp.floor_price_minor is not null and pp.currency = s.currency
   order by pp.valid_from desc limit 1)`;

const IN_IDS = 'partner_id in (select value from json_each(@ids))';
/** Each of @ids (once) with the earliest or latest of its stock report dates matching `where` (null when none). */
const REPORT_DATE = (which: 'min' | 'max', where: string) =>
  `select j.value as partner_id, (select ${which}(s.date) from inventory_snapshots s where s.partner_id = j.value and ${where}) as d
     from (select distinct value from json_each(@ids)) j`;
const bind = (r: MeasureRange) => ({ ids: JSON.stringify(r.ids), start: r.start, end: r.end });

/**
 * How a read groups: per partner (the channel measures, the evaluation) or per partner and product (the Inventory
 * page's grid). One query each, grouped either way, so the page's cells and the partner's measures sum the same rows.
 */
export type MeasureGrouping = 'partner' | 'product';
const productColumn = (by: MeasureGrouping, column: string) => (by === 'product' ? column : 'null');
const groupBy = (by: MeasureGrouping, partner: string, product: string) => (by === 'product' ? `${partner}, ${product}` : partner);

/** A quantity per partner (`p`) and, grouped by product, product (`product`: the sales line's text or the product id; else null). */
export interface GroupedQuantity<P> {
  p: number;
  product: P | null;
  q: number;
}
export type SellInRow = GroupedQuantity<NonNullable<SalesLine['product']>>;
export type SellThroughRow = GroupedQuantity<Line['productId']> & { a: number };
export type StockRow = GroupedQuantity<Snapshot['productId']> & { d: Snapshot['date']; v: number | null };

/** A sell-through line as the measures read it (periodLines). */
export type PeriodLine = [p: Line['partnerId'], product: Line['productId'], date: Line['date'], q: Line['quantity'], a: Line['amountMinor'], currency: Line['currency'], t: Line['customerTerritoryId']];
export interface FloorRange {
  productId: Price['productId'];
  currency: Price['currency'];
  validFrom: Price['validFrom'];
  validTo: Price['validTo'];
  floor: NonNullable<Price['floorPriceMinor']>;
}

export const measureStore = {
  /** Sell-in: the period's sales-line quantity per partner (by product: of the lines that name one, per product text). */
  sellIn(ws: Workspace, r: MeasureRange, by: MeasureGrouping = 'partner'): SellInRow[] {
    return ws.sqlite
      .prepare<Record<string, unknown>, SellInRow>(
        `select partner_id as p, ${productColumn(by, 'product')} as product, sum(quantity) as q from sales_lines
         where ${IN_IDS} and date between @start and @end ${by === 'product' ? 'and product is not null' : ''} group by ${groupBy(by, 'partner_id', 'product')}`,
      )
      .all(bind(r));
  },
  /** Sell-through quantity and amount per partner and product in the period (the Inventory page's grid; per partner the measures' one pass, periodLines). */
  sellThrough(ws: Workspace, r: MeasureRange, by: MeasureGrouping = 'partner'): SellThroughRow[] {
    return ws.sqlite
      .prepare<Record<string, unknown>, SellThroughRow>(
        `select partner_id as p, ${productColumn(by, 'product_id')} as product, sum(quantity) as q, coalesce(sum(amount_minor), 0) as a from sell_through_lines
         where ${IN_IDS} and date between @start and @end group by ${groupBy(by, 'partner_id', 'product_id')}`,
      )
      .all(bind(r));
  },
  /**
   * Stock on a day: each partner's latest snapshot date on or before it, its rows summed (per partner or per product).
   * The date is one index seek per partner (max over the (partner, date) key), not a walk over every report the partner
   * made up to the day.
   */
  stockAt(ws: Workspace, ids: readonly number[], day: string, by: MeasureGrouping = 'partner'): StockRow[] {
    return ws.sqlite
      .prepare<Record<string, unknown>, StockRow>(
        `select i.partner_id as p, ${productColumn(by, 'i.product_id')} as product, i.date as d, sum(i.quantity) as q, sum(i.value_minor) as v
           from (${REPORT_DATE('max', 's.date <= @day')}) l join inventory_snapshots i on i.partner_id = l.partner_id and i.date = l.d
          group by ${groupBy(by, 'i.partner_id', 'i.product_id')}`,
      )
      .all({ ids: JSON.stringify(ids), day });
  },
  /** Each partner's first stock report within the period (its rows summed). */
  firstStockIn(ws: Workspace, r: MeasureRange): StockRow[] {
    return ws.sqlite
      .prepare<Record<string, unknown>, StockRow>(
        `select i.partner_id as p, null as product, i.date as d, sum(i.quantity) as q, null as v
           from (${REPORT_DATE('min', 's.date between @start and @end')}) f join inventory_snapshots i on i.partner_id = f.partner_id and i.date = f.d
          group by i.partner_id`,
      )
      .all(bind(r));
  },
  /**
   * The period's sell-through lines, one raw row each in the (partner, date) index's order — partner, product, day,
   * quantity, amount, currency, the customer's province territory — for the measures' single pass (sell-through,
   * 窜货 and 控价 from one read of the lines instead of one grouped query each, the floor looked up per line).
   */
  periodLines(ws: Workspace, r: MeasureRange): IterableIterator<PeriodLine> {
    return ws.sqlite
      .prepare<Record<string, unknown>, PeriodLine>(
        `select partner_id, product_id, date, quantity, amount_minor, currency, customer_territory_id from sell_through_lines
          where ${IN_IDS} and date between @start and @end`,
      )
      .raw()
      .iterate(bind(r));
  },
  /** Every floor price range (FLOOR_AT_LINE's candidates), latest start first per product. */
  floors(ws: Workspace): FloorRange[] {
    return ws.sqlite
      .prepare<[], FloorRange>(
        `select product_id as productId, currency, valid_from as validFrom, valid_to as validTo, floor_price_minor as floor from product_prices
          where floor_price_minor is not null order by product_id, valid_from desc`,
      )
      .all();
  },
  /**
   * Sell-in quantity per partner and month (month index, year × 12 + month − 1) from `from` to `to`: from the sales
   * summaries when they describe the lines (evaluations/salesSummaries.ts), else grouped from the lines.
   */
  sellInByMonth(ws: Workspace, ids: readonly number[], from: number, to: number, summarised: boolean): Array<{ p: number; m: number; q: number }> {
    const params = { ids: JSON.stringify(ids), from, to };
    if (summarised) {
      return ws.sqlite
        .prepare<Record<string, unknown>, { p: number; m: number; q: number }>(`select partner_id as p, month as m, quantity as q from sales_partner_months where ${IN_IDS} and month between @from and @to`)
        .all(params);
    }
    const day = (m: number, d: string) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-${d}`;
    return ws.sqlite
      .prepare<Record<string, unknown>, { p: number; m: number; q: number }>(
        `select partner_id as p, cast(substr(date, 1, 4) as integer) * 12 + cast(substr(date, 6, 2) as integer) - 1 as m, sum(quantity) as q
           from sales_lines where ${IN_IDS} and date >= @start and date <= @end group by 1, 2`,
      )
      .all({ ...params, start: day(from, '01'), end: day(to, '31') });
  },
  /**
   * Stock at several days in one pass: per partner, the total of each snapshot date up to the last day (in date
   * order); the caller takes, for each day, the latest date on or before it (as stockAt).
   */
  stockByDate(ws: Workspace, ids: readonly number[], lastDay: string): Array<{ p: number; d: string; q: number }> {
    return ws.sqlite
      .prepare<Record<string, unknown>, { p: number; d: string; q: number }>(
        `select partner_id as p, date as d, sum(quantity) as q from inventory_snapshots where ${IN_IDS} and date <= @day group by partner_id, date order by partner_id, date`,
      )
      .all({ ids: JSON.stringify(ids), day: lastDay });
  },
};
