import type { Workspace } from '../../../db/database';

/**
 * Bases per partner, aggregated in SQL from sales_lines (sell-in and sell-through alike; returns are negative lines):
 * revenue = Σ amount; margin = Σ (amount − cost) over lines whose cost is known (lines without cost add no margin);
 * units = Σ quantity. Only lines in the program's currency count. Dates inclusive.
 */
export interface Basis {
  revenueMinor: number;
  marginMinor: number;
  units: number;
}

export function salesBasis(ws: Workspace, from: string, to: string, currency: string, filter?: { products: string[]; categories: string[] }): Map<number, Basis> {
  const params: unknown[] = [from, to, currency];
  let where = '';
  if (filter) {
    const ors: string[] = [];
    if (filter.products.length) {
      ors.push(`product in (${filter.products.map(() => '?').join(',')})`);
      params.push(...filter.products);
    }
    if (filter.categories.length) {
      ors.push(`category in (${filter.categories.map(() => '?').join(',')})`);
      params.push(...filter.categories);
    }
    where = ` and (${ors.join(' or ')})`;
  }
  const rows = ws.sqlite
    .prepare(
      `select partner_id as id, sum(amount_minor) as revenueMinor,
              sum(case when cost_minor is null then 0 else amount_minor - cost_minor end) as marginMinor,
              total(quantity) as units
       from sales_lines where date >= ? and date <= ? and currency = ?${where} group by partner_id`,
    )
    .all(...params) as Array<{ id: number } & Basis>;
  return new Map(rows.map((r) => [r.id, { revenueMinor: r.revenueMinor ?? 0, marginMinor: r.marginMinor ?? 0, units: r.units ?? 0 }]));
}

export function basisValue(b: Basis | undefined, kind: 'revenue' | 'margin'): number {
  if (!b) return 0;
  return kind === 'margin' ? b.marginMinor : b.revenueMinor;
}

/** Targets of one metric for one period label, by partner (values as stored: revenue targets in minor units). */
export function targetsFor(ws: Workspace, period: string, metric: string): Map<number, number> {
  const rows = ws.sqlite.prepare('select partner_id as id, value from targets where period = ? and metric = ?').all(period, metric) as Array<{ id: number; value: number }>;
  return new Map(rows.map((r) => [r.id, r.value]));
}
