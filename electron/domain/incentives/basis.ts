import type { Workspace } from '../../../db/database';
import { monthIndex, salesSummariesCurrent } from '../evaluations/salesSummaries';
import { addDays } from '../../../shared/period';
import { basisStore } from './store';

/**
 * The money basis of a program per partner, aggregated in SQL (sell-in and sell-through alike; returns are negative
 * lines): revenue = Σ amount; margin = Σ (amount − cost) over lines whose cost is known (lines without cost add no
 * margin); sellThrough = Σ amount of the partner's own sales to its customers (出货/动销; no cost, no margin). Dates
 * inclusive. Lines are taken in the partner's currency (partners whose currency differs from the program's are not
 * eligible), so the currency column is not filtered. A partner without lines in the span has no entry (basis 0).
 *
 * Sell-in over whole calendar months (every period kind is; a program's validity may clip it mid-month) is read from
 * the partner × month totals kept with the lines when they describe the lines as they are — integer sums, the same to
 * the fen, ~3 rows per partner a quarter instead of every line; else, and for part months, from the lines.
 */
export type BasisKind = 'revenue' | 'margin' | 'sellThrough';

export function moneyBases(ws: Workspace, from: string, to: string, kind: BasisKind): Map<number, number> {
  if (kind === 'sellThrough') return basisStore.sellThroughRevenue(ws, from, to);
  if (from.endsWith('-01') && addDays(to, 1).endsWith('-01') && from <= to && salesSummariesCurrent(ws.sqlite)) {
    return basisStore.monthMeasure(ws, monthIndex(from), monthIndex(to), kind);
  }
  return basisStore.salesMeasure(ws, from, to, kind);
}
