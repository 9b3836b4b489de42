import type { Workspace } from '../../../db/database';

/**
 * Bases per partner, aggregated in SQL from sales_lines (sell-in and sell-through alike; returns are negative lines):
 * revenue = Σ amount; margin = Σ (amount − cost) over lines whose cost is known (lines without cost add no margin);
 * units = Σ quantity. Dates inclusive. Lines are taken in the partner's currency (partners whose currency differs from the
 * program's are not eligible), so the currency column is not filtered here.
 */
export interface Basis {
  revenueMinor: number;
  marginMinor: number;
  units: number;
}

export function salesBasis(ws: Workspace, from: string, to: string, _currency: string, filter?: { products: string[]; categories: string[] }): Map<number, Basis> {
  const params: unknown[] = [from, to];
  let where = '';
  if (filter) {
    const ors: string[] = [];
    if (filter.products.length) {
      ors.push(`s.product in (${filter.products.map(() => '?').join(',')})`);
      params.push(...filter.products);
    }
    if (filter.categories.length) {
      ors.push(`s.category in (${filter.categories.map(() => '?').join(',')})`);
      params.push(...filter.categories);
    }
    where = ` and (${ors.join(' or ')})`;
  }
  // Per-partner range seeks in the covering index (partner_id, date, amount, cost, quantity): no table lookups, no sort.
  // Product/category filters (SPIFF) need the table; the currency is checked per partner (eligibility), not per line.
  const covering = filter ? '' : ' indexed by sales_partner_date_idx';
  const rows = ws.sqlite
    .prepare(
      `select s.partner_id as id, sum(s.amount_minor) as revenueMinor,
              sum(case when s.cost_minor is null then 0 else s.amount_minor - s.cost_minor end) as marginMinor,
              total(s.quantity) as units
       from partners p cross join sales_lines s${covering} on s.partner_id = p.id and s.date >= ? and s.date <= ?${where}
       group by p.id`,
    )
    .all(...params) as Array<{ id: number } & Basis>;
  return new Map(rows.map((r) => [r.id, { revenueMinor: r.revenueMinor ?? 0, marginMinor: r.marginMinor ?? 0, units: r.units ?? 0 }]));
}

/**
 * Sell-through bases per partner (the partner's own sales to its customers, 出货/动销): revenue = Σ amount of the
 * sell-through lines dated from–to (returns are negative lines; a line without an amount adds none), units = Σ quantity;
 * no margin (sell-through has no cost).
 */
export function sellThroughBasis(ws: Workspace, from: string, to: string): Map<number, Basis> {
  const rows = ws.sqlite
    .prepare(
      `select partner_id as id, coalesce(sum(amount_minor), 0) as revenueMinor, total(quantity) as units
       from sell_through_lines where date >= ? and date <= ? group by partner_id`,
    )
    .all(from, to) as Array<{ id: number; revenueMinor: number; units: number }>;
  return new Map(rows.map((r) => [r.id, { revenueMinor: r.revenueMinor, marginMinor: 0, units: r.units }]));
}

/** The money basis of a partner: margin, else revenue (sell-in, or sell-through for a sell-through basis). */
export function basisValue(b: Basis | undefined, kind: 'revenue' | 'margin' | 'sellThrough'): number {
  if (!b) return 0;
  return kind === 'margin' ? b.marginMinor : b.revenueMinor;
}
