import type Database from 'better-sqlite3';
import { salesSummarySql as stmts } from './store';

/**
 * The sales summaries (db/schema/sales.ts: sales_partner_months, sales_customer_months) are derived from sales_lines
 * and kept with them, set-based, inside the writer's transaction:
 *  - the sales import calls `addImportToSalesSummaries` once its lines are written (before COMMIT): their sums and
 *    customer months are added into what the summaries hold;
 *  - the undo of a sales import calls `noteSalesImportRemoval` before deleting the lines and `subtractFromSalesSummaries`
 *    after: the import's sums are subtracted and the customer months no line holds any more cleared (set-based).
 * `sales_summary_state` records the highest line id the summaries describe; the evaluation checks it
 * (`ensureSalesSummaries`: one index lookup) and rebuilds everything when lines were added some other way (the demo,
 * a test, an older version of the app), so a summary is never read out of date.
 */

type Sqlite = Database.Database;
type State = { maxLineId: number };

/** year × 12 + month − 1 of an ISO date or month ('2019-03-15' → 24230). */
export function monthIndex(isoDate: string): number {
  return Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
}

function fresh(s: Sqlite, expected: State): boolean {
  const st = stmts(s).state.get();
  return !!st && st.maxLineId === expected.maxLineId;
}

function recordState(s: Sqlite): void {
  const now = stmts(s).lines.get()!;
  stmts(s).setState.run(now.maxLineId);
}

/**
 * The undo of a sales import, before its lines are deleted: notes what they add to the summaries — their sums per
 * partner × month and their partner × customer × months — for `subtractFromSalesSummaries`. When the summaries were
 * already out of date nothing is noted: the next evaluation rebuilds everything.
 */
export function noteSalesImportRemoval(s: Sqlite, importId: number): void {
  const st = stmts(s);
  if (!fresh(s, st.lines.get()!)) return void st.markStale.run();
  const { minId, maxId } = st.importRange.get(importId)!;
  if (minId === null || maxId === null) return;
  st.noteMonths.run(minId, maxId, importId);
  st.noteCustomers.run(minId, maxId, importId);
}

/**
 * After the lines are deleted (same transaction): the noted sums subtracted from their months and the customer months
 * no remaining line holds cleared — set-based, in the import's size, not recomputed from all the lines of the months
 * and customers it touched — and the state recorded.
 */
export function subtractFromSalesSummaries(s: Sqlite): void {
  const st = stmts(s);
  if (st.isStale.get()) {
    // Out of date before this change: leave the state as it is (the next evaluation rebuilds).
    st.clearScope();
    return;
  }
  st.subtractMonths();
  st.subtractCustomers();
  recordState(s);
}

/** Under the write lock, before a sales import saves its lines: the highest line id (its lines get the ids above). */
export function salesLinesBefore(s: Sqlite): number {
  return stmts(s).lines.get()!.maxLineId;
}

/**
 * What the sales import calls once its lines are written, inside its transaction: the lines above `before` (all its
 * own: one writer, ids assigned upwards) are added into the summaries in one grouped pass each — no recomputing of the
 * months and customers they touch from all their lines. `scan` says how those lines are read: `rowid`, their rowid
 * range (any import); `index`, the covering indexes end to end, which costs less when the new lines are most of the
 * table and its indexes exist (a bulk import calls this after rebuilding them). When the summaries did not describe
 * exactly the lines up to `before`, they are left out of date (the next evaluation rebuilds them).
 */
export function addImportToSalesSummaries(s: Sqlite, before: number, scan: 'rowid' | 'index' = 'rowid'): void {
  if (!fresh(s, { maxLineId: before })) return;
  const st = stmts(s);
  if (scan === 'index') {
    st.addMonths.index().run(before);
    st.stageCustomers.index().run(before);
  } else {
    st.addMonths.rowid.run(before);
    st.stageCustomers.rowid.run(before);
  }
  st.mergeCustomers();
  recordState(s);
}

/** Rebuilds both summaries from all lines (in the caller's transaction). */
export function rebuildSalesSummaries(s: Sqlite): void {
  const st = stmts(s);
  st.rebuild();
  recordState(s);
}

/** Whether the summaries describe the lines as they are now (read only: one index lookup each side). */
export function salesSummariesCurrent(s: Sqlite): boolean {
  return fresh(s, stmts(s).lines.get()!);
}

/**
 * Makes sure the summaries describe the lines as they are (rebuilding them in a write transaction when not); true when
 * they had to be rebuilt. Called by the evaluation before it reads them.
 */
export function ensureSalesSummaries(s: Sqlite): boolean {
  if (fresh(s, stmts(s).lines.get()!)) return false;
  s.transaction(() => {
    if (!fresh(s, stmts(s).lines.get()!)) rebuildSalesSummaries(s);
  }).immediate();
  return true;
}
