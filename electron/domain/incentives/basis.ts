import type { Workspace } from '../../../db/database';
import { basisStore } from './store';

/**
 * The money basis of a program per partner, aggregated in SQL (sell-in and sell-through alike; returns are negative
 * lines): revenue = Σ amount; margin = Σ (amount − cost) over lines whose cost is known (lines without cost add no
 * margin); sellThrough = Σ amount of the partner's own sales to its customers (出货/动销; no cost, no margin). Dates
 * inclusive. Lines are taken in the partner's currency (partners whose currency differs from the program's are not
 * eligible), so the currency column is not filtered. A partner without lines in the span has no entry (basis 0).
 */
export type BasisKind = 'revenue' | 'margin' | 'sellThrough';

export function moneyBases(ws: Workspace, from: string, to: string, kind: BasisKind): Map<number, number> {
  return kind === 'sellThrough' ? basisStore.sellThroughRevenue(ws, from, to) : basisStore.salesMeasure(ws, from, to, kind);
}
