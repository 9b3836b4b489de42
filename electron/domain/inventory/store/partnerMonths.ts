import type Database from 'better-sqlite3';
import type { Workspace } from '../../../../db/database';
import type { sellThroughPartnerMonths } from '../../../../db/schema';
import { roundedQuantity } from '../../../../db/quantity';

/**
 * The sell-through summary per partner and calendar month (db/schema/inventory.ts `sell_through_partner_months`),
 * kept set-based in the writer's transaction like the sales summaries (evaluations/salesSummaries.ts):
 *  - the sell-through import notes the highest line id before it saves (`linesBefore`) and, once its lines are in,
 *    adds the lines above it — one grouped pass over their rowid range (`addLinesAfter`);
 *  - its undo notes the import's sums before deleting the lines (`noteRemoval`) and subtracts them after
 *    (`subtractNoted`), a month left without lines going;
 *  - `sell_through_summary_state` holds the highest line id the summary describes; when lines came some other way
 *    (a test, a script) it is out of date: reads then group the lines instead (`byMonth`), and the next import or
 *    undo rebuilds it.
 */
type Sqlite = Database.Database;
export type PartnerMonthRow = typeof sellThroughPartnerMonths.$inferSelect;

/** year × 12 + month − 1 of a line's ISO date, in SQL (as evaluations/salesSummaries.ts monthIndex). */
const monthOf = (day: string) => `(cast(substr(${day}, 1, 4) as integer) * 12 + cast(substr(${day}, 6, 2) as integer) - 1)`;
const MONTH = monthOf('date');
const SUMS = `${roundedQuantity('sum(quantity)')}, coalesce(sum(amount_minor), 0), count(*)`;
const INSERT = 'insert into sell_through_partner_months (partner_id, month, quantity, amount_minor, lines)';

const statements = new WeakMap<Sqlite, ReturnType<typeof prepare>>();
function prepare(s: Sqlite) {
  s.exec(`create temp table if not exists st_pm_sub (partner_id integer not null, month integer not null, quantity real not null,
            amount_minor integer not null, lines integer not null, primary key (partner_id, month)) without rowid;
          create temp table if not exists st_pm_stale (id integer primary key);`);
  return {
    state: s.prepare<[], number>('select max_line_id from sell_through_summary_state where id = 1').pluck(),
    maxLine: s.prepare<[], number>('select coalesce(max(id), 0) from sell_through_lines').pluck(),
    setState: s.prepare<[number]>('insert into sell_through_summary_state (id, max_line_id) values (1, ?) on conflict (id) do update set max_line_id = excluded.max_line_id'),
    addAbove: s.prepare<[number]>(
      `${INSERT} select partner_id, ${MONTH}, ${SUMS} from sell_through_lines where id > ? group by 1, 2 order by 1, 2
       on conflict (partner_id, month) do update set quantity = ${roundedQuantity('quantity + excluded.quantity')},
         amount_minor = amount_minor + excluded.amount_minor, lines = lines + excluded.lines`,
    ),
    noteImport: s.prepare<[number]>(`insert into temp.st_pm_sub select partner_id, ${MONTH}, ${SUMS} from sell_through_lines where import_id = ? group by 1, 2`),
    markStale: s.prepare('insert or ignore into temp.st_pm_stale (id) values (1)'),
    isStale: s.prepare<[], number>('select count(*) from temp.st_pm_stale').pluck(),
  };
}
const stmts = (s: Sqlite) => {
  let st = statements.get(s);
  if (!st) statements.set(s, (st = prepare(s)));
  return st;
};

function rebuild(s: Sqlite): void {
  s.exec('delete from sell_through_partner_months');
  s.exec(`${INSERT} select partner_id, ${MONTH}, ${SUMS} from sell_through_lines group by 1, 2`);
  stmts(s).setState.run(stmts(s).maxLine.get()!);
}

/** Whether the summary describes the lines as they are (one index lookup each side). */
const current = (s: Sqlite) => stmts(s).state.get() === stmts(s).maxLine.get();

export const partnerMonthStore = {
  /** Under the write lock, before an import saves its lines: the highest line id (its lines get the ids above). */
  linesBefore(ws: Workspace): number {
    return stmts(ws.sqlite).maxLine.get()!;
  },
  /**
   * Once an import's lines are saved, in its transaction: the lines above `before` (all its own: one writer) added
   * into their months. A summary that did not describe exactly the lines up to `before` is rebuilt from all lines.
   */
  addLinesAfter(ws: Workspace, before: number): void {
    const st = stmts(ws.sqlite);
    if (st.state.get() !== before) return rebuild(ws.sqlite);
    st.addAbove.run(before);
    st.setState.run(st.maxLine.get()!);
  },
  /** An undo, before the import's lines are deleted: their sums per partner and month (nothing when out of date). */
  noteRemoval(ws: Workspace, importId: number): void {
    const st = stmts(ws.sqlite);
    ws.sqlite.exec('delete from temp.st_pm_sub; delete from temp.st_pm_stale');
    if (!current(ws.sqlite)) return void st.markStale.run();
    st.noteImport.run(importId);
  },
  /** After the lines are deleted (same transaction): the noted sums subtracted, months without lines removed. */
  subtractNoted(ws: Workspace): void {
    const { sqlite } = ws;
    const st = stmts(sqlite);
    if (st.isStale.get()) {
      sqlite.exec('delete from temp.st_pm_stale');
      return rebuild(sqlite);
    }
    sqlite.exec(`update sell_through_partner_months as p set quantity = ${roundedQuantity('p.quantity - k.quantity')}, amount_minor = p.amount_minor - k.amount_minor,
                   lines = p.lines - k.lines from temp.st_pm_sub k where p.partner_id = k.partner_id and p.month = k.month;
                 delete from sell_through_partner_months where lines <= 0 and (partner_id, month) in (select partner_id, month from temp.st_pm_sub);
                 delete from temp.st_pm_sub;`);
    st.setState.run(st.maxLine.get()!);
  },
  /** The whole summary grouped again from the lines (for lines written by hand). */
  rebuildAll(ws: Workspace): void {
    rebuild(ws.sqlite);
  },
  /**
   * Sell-through per partner and month from `fromMonth` to `toMonth` (month indexes, inclusive), and each partner's
   * first month with a line ever (`first`: whether it reports by a period's end): from the summary when it describes
   * the lines, else grouped from the lines (the same sums).
   */
  byMonth(ws: Workspace, ids: readonly number[], fromMonth: number, toMonth: number): { months: Array<{ p: number; m: number; q: number; a: number }>; first: Array<{ p: number; m: number }> } {
    const { sqlite } = ws;
    const params = { ids: JSON.stringify(ids), from: fromMonth, to: toMonth };
    const ID = 'partner_id in (select value from json_each(@ids))';
    if (current(sqlite)) {
      return {
        months: sqlite
          .prepare<Record<string, unknown>, { p: number; m: number; q: number; a: number }>(
            `select partner_id as p, month as m, quantity as q, amount_minor as a from sell_through_partner_months where ${ID} and month between @from and @to`,
          )
          .all(params),
        first: sqlite.prepare<Record<string, unknown>, { p: number; m: number }>(`select partner_id as p, min(month) as m from sell_through_partner_months where ${ID} group by partner_id`).all(params),
      };
    }
    const from = `${Math.floor(fromMonth / 12)}-${String((fromMonth % 12) + 1).padStart(2, '0')}-01`;
    const to = `${Math.floor(toMonth / 12)}-${String((toMonth % 12) + 1).padStart(2, '0')}-31`;
    return {
      months: sqlite
        .prepare<Record<string, unknown>, { p: number; m: number; q: number; a: number }>(
          `select partner_id as p, ${MONTH} as m, ${roundedQuantity('sum(quantity)')} as q, coalesce(sum(amount_minor), 0) as a from sell_through_lines
            where ${ID} and date >= @fromDay and date <= @toDay group by 1, 2`,
        )
        .all({ ...params, fromDay: from, toDay: to }),
      first: sqlite.prepare<Record<string, unknown>, { p: number; m: number }>(`select partner_id as p, ${monthOf('min(date)')} as m from sell_through_lines where ${ID} group by partner_id`).all(params),
    };
  },
  /** The partners with any sell-through line up to the end of the month `toMonth` (from the summary when it is current). */
  reporting(ws: Workspace, ids: readonly number[], toMonth: number, endDay: string): number[] {
    const { sqlite } = ws;
    const params = { ids: JSON.stringify(ids), to: toMonth, end: endDay };
    return current(sqlite)
      ? sqlite.prepare<Record<string, unknown>, number>('select distinct partner_id from sell_through_partner_months where partner_id in (select value from json_each(@ids)) and month <= @to').pluck().all(params)
      : sqlite.prepare<Record<string, unknown>, number>('select distinct partner_id from sell_through_lines where partner_id in (select value from json_each(@ids)) and date <= @end').pluck().all(params);
  },
  /** The summary as stored and as grouped from the lines, in key order (the test of summary = lines). */
  stored(ws: Workspace): PartnerMonthRow[] {
    return ws.sqlite
      .prepare<[], PartnerMonthRow>('select partner_id as partnerId, month, quantity, amount_minor as amountMinor, lines from sell_through_partner_months order by 1, 2')
      .all();
  },
  fromLines(ws: Workspace): PartnerMonthRow[] {
    return ws.sqlite
      .prepare<[], PartnerMonthRow>(`select partner_id as partnerId, ${MONTH} as month, ${roundedQuantity('sum(quantity)')} as quantity, coalesce(sum(amount_minor), 0) as amountMinor, count(*) as lines from sell_through_lines group by 1, 2 order by 1, 2`)
      .all();
  },
  /** Whether the summary describes the lines as they are now. */
  current: (ws: Workspace): boolean => current(ws.sqlite),
};
