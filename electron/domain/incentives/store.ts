import type { Workspace } from '../../../db/database';

/**
 * The incentives area's store: programs, payout runs and lines, inquiries, and the bases a calculation reads. Its SQL is
 * typed from the drizzle schema; the payout calculation's hot paths (the bases over the sales lines, the run's lines
 * written and read back, the partner facts) keep typed prepared statements.
 */

/** What a money basis sums per partner: revenue = Σ amount; margin = Σ (amount − cost) over lines with a known cost. */
export type SalesMeasure = 'revenue' | 'margin';

const MEASURE_SQL: Record<SalesMeasure, string> = {
  revenue: 'sum(s.amount_minor)',
  margin: 'sum(case when s.cost_minor is null then 0 else s.amount_minor - s.cost_minor end)',
};

export interface ProductFilter {
  products: string[];
  categories: string[];
}

function productWhere(filter: ProductFilter | undefined, params: unknown[]): string {
  if (!filter) return '';
  const ors: string[] = [];
  if (filter.products.length) {
    ors.push(`s.product in (${filter.products.map(() => '?').join(',')})`);
    params.push(...filter.products);
  }
  if (filter.categories.length) {
    ors.push(`s.category in (${filter.categories.map(() => '?').join(',')})`);
    params.push(...filter.categories);
  }
  return ` and (${ors.join(' or ')})`;
}

export const basisStore = {
  /**
   * One measure per partner with sales lines dated from–to (inclusive), as one grouped statement: per-partner range
   * seeks in the covering index (partner_id, date, amount, cost, quantity), no table lookups, no sort. Summing only the
   * measure asked for is a third of the work of summing all three (the payout hot path).
   */
  salesMeasure(ws: Workspace, from: string, to: string, measure: SalesMeasure): Map<number, number> {
    const rows = ws.sqlite
      .prepare<[string, string], [number, number | null]>(
        `select p.id, ${MEASURE_SQL[measure]} from partners p cross join sales_lines s indexed by sales_partner_date_idx
         on s.partner_id = p.id and s.date >= ? and s.date <= ? group by p.id`,
      )
      .raw()
      .all(from, to);
    const out = new Map<number, number>();
    for (const [id, v] of rows) out.set(id, v ?? 0);
    return out;
  },

  /** Revenue and units per partner of the lines dated from–to, optionally of some products or categories (SPIFF). */
  salesRevenueAndUnits(ws: Workspace, from: string, to: string, filter?: ProductFilter): Map<number, { revenueMinor: number; units: number }> {
    const params: unknown[] = [from, to];
    const where = productWhere(filter, params);
    // Product/category filters need the table; without one the covering index answers alone.
    const covering = filter ? '' : ' indexed by sales_partner_date_idx';
    const rows = ws.sqlite
      .prepare<unknown[], { id: number; revenueMinor: number | null; units: number | null }>(
        `select s.partner_id as id, sum(s.amount_minor) as revenueMinor, total(s.quantity) as units
         from partners p cross join sales_lines s${covering} on s.partner_id = p.id and s.date >= ? and s.date <= ?${where}
         group by p.id`,
      )
      .all(...params);
    return new Map(rows.map((r) => [r.id, { revenueMinor: r.revenueMinor ?? 0, units: r.units ?? 0 }]));
  },

  /** Sell-through revenue per partner (出货/动销) dated from–to; a line without an amount adds none. */
  sellThroughRevenue(ws: Workspace, from: string, to: string): Map<number, number> {
    const rows = ws.sqlite
      .prepare<[string, string], [number, number]>('select partner_id, coalesce(sum(amount_minor), 0) from sell_through_lines where date >= ? and date <= ? group by partner_id')
      .raw()
      .all(from, to);
    return new Map(rows);
  },
};
