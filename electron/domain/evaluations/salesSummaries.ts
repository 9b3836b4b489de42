import type Database from 'better-sqlite3';

/**
 * The sales summaries (db/schema/sales.ts: sales_partner_months, sales_customer_months) are derived from sales_lines
 * and kept with them, set-based, inside the writer's transaction:
 *  - the sales import calls `refreshSalesSummariesForImport` once its lines are written (before COMMIT);
 *  - the undo of a sales import calls `markSalesSummaryScope` before deleting the lines and `refreshSalesSummaries` after.
 * Only the partner × month and partner × customer keys the import touched are recomputed, from the lines as they are then.
 * `sales_summary_state` records the highest line id the summaries describe; the evaluation checks it
 * (`ensureSalesSummaries`: one index lookup) and rebuilds everything when lines were added some other way (the demo,
 * a test, an older version of the app), so a summary is never read out of date.
 */

type Sqlite = Database.Database;

/** year × 12 + month − 1 of an ISO date or month ('2019-03-15' → 24230). */
export function monthIndex(isoDate: string): number {
  return Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
}

/** Months per bitmap row of sales_customer_months (bits 0–59 of a 64-bit integer). */
export const SPAN = 60;

const MONTH_SQL = (col: string) => `(cast(substr(${col}, 1, 4) as integer) * 12 + cast(substr(${col}, 6, 2) as integer) - 1)`;

interface State {
  maxLineId: number;
}

const statements = new WeakMap<Sqlite, ReturnType<typeof prepare>>();

function prepare(s: Sqlite) {
  s.exec(`create temp table if not exists sales_summary_pm (partner_id integer not null, month integer not null, from_day text not null, to_day text not null, primary key (partner_id, month)) without rowid;
          create temp table if not exists sales_summary_pc (partner_id integer not null, customer_ref text not null, primary key (partner_id, customer_ref)) without rowid;
          create temp table if not exists sales_summary_stale (id integer primary key);`);
  const monthOfLine = MONTH_SQL('l.date');
  const monthBounds = (m: string) =>
    `printf('%04d-%02d-01', ${m} / 12, ${m} % 12 + 1), printf('%04d-%02d-01', (${m} + 1) / 12, (${m} + 1) % 12 + 1)`;
  return {
    state: s.prepare<[], State>('select max_line_id as maxLineId from sales_summary_state where id = 1'),
    lines: s.prepare<[], State>('select coalesce(max(id), 0) as maxLineId from sales_lines'),
    /** The lowest line id of an import, and the highest id of the lines before them. */
    importLines: s.prepare<[number], { minId: number | null }>('select min(id) as minId from sales_lines where import_id = ?'),
    maxBelow: s.prepare<[number], { maxId: number | null }>('select max(id) as maxId from sales_lines where id < ?'),
    setState: s.prepare<[number]>('insert into sales_summary_state (id, max_line_id) values (1, ?) on conflict (id) do update set max_line_id = excluded.max_line_id'),
    markMonths: s.prepare<[number]>(
      `insert or ignore into temp.sales_summary_pm (partner_id, month, from_day, to_day)
       select partner_id, m, ${monthBounds('m')} from (select distinct l.partner_id, ${monthOfLine} as m from sales_lines l where l.import_id = ?)`,
    ),
    markCustomers: s.prepare<[number]>(
      'insert or ignore into temp.sales_summary_pc (partner_id, customer_ref) select distinct partner_id, customer_ref from sales_lines where import_id = ? and customer_ref is not null',
    ),
    markStale: s.prepare('insert or ignore into temp.sales_summary_stale (id) values (1)'),
    isStale: s.prepare<[], { id: number }>('select id from temp.sales_summary_stale'),
    clearScope: () => s.exec('delete from temp.sales_summary_pm; delete from temp.sales_summary_pc; delete from temp.sales_summary_stale;'),
    deleteMonths: s.prepare('delete from sales_partner_months where (partner_id, month) in (select partner_id, month from temp.sales_summary_pm)'),
    insertMonths: s.prepare(
      `insert into sales_partner_months (partner_id, month, revenue_minor, costed_revenue_minor, cost_minor, quantity, lines)
       select k.partner_id, k.month, sum(l.amount_minor), sum(case when l.cost_minor is not null then l.amount_minor end), sum(l.cost_minor), sum(l.quantity), count(*)
       from temp.sales_summary_pm k join sales_lines l on l.partner_id = k.partner_id and l.date >= k.from_day and l.date < k.to_day
       group by k.partner_id, k.month`,
    ),
    deleteCustomers: s.prepare('delete from sales_customer_months where (partner_id, customer_ref) in (select partner_id, customer_ref from temp.sales_summary_pc)'),
    // Per key its distinct months, then per 60-month span the sum of their distinct bits (= the OR) and the first month.
    insertCustomers: s.prepare(
      `insert into sales_customer_months (partner_id, customer_ref, span, first_month, months)
       select partner_id, customer_ref, m / ${SPAN}, min(min(m)) over (partition by partner_id, customer_ref), sum(1 << (m % ${SPAN}))
       from (select distinct k.partner_id, k.customer_ref, ${monthOfLine} as m from temp.sales_summary_pc k
             join sales_lines l on l.partner_id = k.partner_id and l.customer_ref = k.customer_ref)
       group by partner_id, customer_ref, m / ${SPAN}`,
    ),
    rebuild: () =>
      s.exec(`delete from sales_partner_months;
        insert into sales_partner_months (partner_id, month, revenue_minor, costed_revenue_minor, cost_minor, quantity, lines)
        select partner_id, ${MONTH_SQL('date')}, sum(amount_minor), sum(case when cost_minor is not null then amount_minor end), sum(cost_minor), sum(quantity), count(*)
        from sales_lines group by partner_id, substr(date, 1, 7);
        delete from sales_customer_months;
        insert into sales_customer_months (partner_id, customer_ref, span, first_month, months)
        select partner_id, customer_ref, m / ${SPAN}, min(min(m)) over (partition by partner_id, customer_ref), sum(1 << (m % ${SPAN}))
        from (select distinct partner_id, customer_ref, ${MONTH_SQL('date')} as m from sales_lines where customer_ref is not null)
        group by partner_id, customer_ref, m / ${SPAN};`),
  };
}

function stmts(s: Sqlite) {
  let st = statements.get(s);
  if (!st) statements.set(s, (st = prepare(s)));
  return st;
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
 * Notes the keys (partner × month, partner × customer) of a sales import's lines for the next `refreshSalesSummaries`.
 * Call it while the lines are there: after writing them (import), before deleting them (undo). When the summaries were
 * already out of date the keys are not needed: the next evaluation rebuilds everything.
 */
export function markSalesSummaryScope(s: Sqlite, importId: number, when: 'added' | 'removing'): void {
  const st = stmts(s);
  if (when === 'added') {
    // The import's lines have the highest ids (one writer, ids never reused): the summaries were current if they
    // describe exactly the lines below them.
    const { minId } = st.importLines.get(importId)!;
    if (minId === null) return;
    if (!fresh(s, { maxLineId: st.maxBelow.get(minId)!.maxId ?? 0 })) return void st.markStale.run();
  } else if (!fresh(s, st.lines.get()!)) return void st.markStale.run();
  st.markMonths.run(importId);
  st.markCustomers.run(importId);
}

/** Recomputes the noted keys from the lines as they are now and records the state (in the caller's transaction). */
export function refreshSalesSummaries(s: Sqlite): void {
  const st = stmts(s);
  if (st.isStale.get()) {
    // Out of date before this change: leave the state as it is (the next evaluation rebuilds).
    st.clearScope();
    return;
  }
  st.deleteMonths.run();
  st.insertMonths.run();
  st.deleteCustomers.run();
  st.insertCustomers.run();
  st.clearScope();
  recordState(s);
}

/** What the sales import calls once its lines are written, inside its transaction. */
export function refreshSalesSummariesForImport(s: Sqlite, importId: number): void {
  markSalesSummaryScope(s, importId, 'added');
  refreshSalesSummaries(s);
}

/** Rebuilds both summaries from all lines (in the caller's transaction). */
export function rebuildSalesSummaries(s: Sqlite): void {
  const st = stmts(s);
  st.rebuild();
  recordState(s);
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
