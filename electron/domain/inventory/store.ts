import type Database from 'better-sqlite3';
import type { Workspace } from '../../../db/database';
import type { products, sellThroughCustomerMonths, sellThroughLines, territories } from '../../../db/schema';
import { daysInMonth } from '../../../shared/period';
import { lineStage, type LineStage, type LineStageSpec } from '../imports/store';

type SellThroughLine = typeof sellThroughLines.$inferInsert;
type ProductRow = typeof products.$inferSelect;
type TerritoryRow = typeof territories.$inferSelect;

/** A staged sell-through line, in the staging table's column order (import_id and created_at are added when it is saved). */
export type StagedSellThroughLine = [
  partnerId: SellThroughLine['partnerId'],
  productId: SellThroughLine['productId'],
  date: SellThroughLine['date'],
  quantity: SellThroughLine['quantity'],
  amountMinor: number | null,
  currency: string,
  customerRef: string | null,
  customerName: string | null,
  customerProvince: string | null,
  customerTerritoryId: number | null,
  customerCity: string | null,
  orderRef: string | null,
  lineRef: string | null,
  dedupeKey: SellThroughLine['dedupeKey'],
];

const SELL_THROUGH_STAGE: LineStageSpec = {
  target: 'sell_through_lines',
  columns: [
    'partner_id', 'product_id', 'date', 'quantity', 'amount_minor', 'currency', 'customer_ref', 'customer_name',
    'customer_province', 'customer_territory_id', 'customer_city', 'order_ref', 'line_ref', 'dedupe_key',
  ],
  conflict: '(partner_id, dedupe_key)',
};

/** The staged sell-through lines of one import: the imports' one line pipeline with sell_through_lines' columns. */
export const sellThroughStage = (sqlite: Database.Database): LineStage<StagedSellThroughLine> => lineStage<StagedSellThroughLine>(sqlite, SELL_THROUGH_STAGE);

/** What imports look products and provinces up by. */
export const lookupStore = {
  products(ws: Workspace): Array<Pick<ProductRow, 'id' | 'code' | 'nameZh' | 'nameEn'>> {
    return ws.sqlite.prepare<[], Pick<ProductRow, 'id' | 'code' | 'nameZh' | 'nameEn'>>('select id, code, name_zh as nameZh, name_en as nameEn from products order by id').all();
  },
  provinces(ws: Workspace): Array<Pick<TerritoryRow, 'id' | 'code' | 'nameZh' | 'nameEn'>> {
    return ws.sqlite
      .prepare<[], Pick<TerritoryRow, 'id' | 'code' | 'nameZh' | 'nameEn'>>(`select id, code, name_zh as nameZh, name_en as nameEn from territories where kind = 'province' order by id`)
      .all();
  },
};

/**
 * The inventory area's store for end customers: the per (partner, customer, month) summary of sell-through lines
 * (`sell_through_customer_months`), kept by the sell-through import and its undo, and the reads RFM and the win-back
 * list make of it. The summary holds, per calendar month, the customer's amount, distinct orders (orderRef, else the
 * date), first and last purchase day, and its name and province as the lines wrote them (the greatest, as SQL max).
 */
export type CustomerMonthRow = typeof sellThroughCustomerMonths.$inferSelect;

/** A customer's purchases up to asOf, split by window: current (from, asOf], previous (prevFrom, from]. */
export interface CustomerWindowRow {
  p: number;
  code: string;
  c: string;
  name: string | null;
  province: string | null;
  first: string;
  last: string;
  f: number;
  m: number;
  pf: number;
  pm: number;
}

type Part = Omit<CustomerWindowRow, 'code'>;

/** The last day of the month holding an ISO day. */
const monthEnd = (day: string) => `${day.slice(0, 7)}-${String(daysInMonth(Number(day.slice(0, 4)), Number(day.slice(5, 7)))).padStart(2, '0')}`;

const CUSTOMER = 'coalesce(customer_ref, customer_name)';
const GROUPED = `select partner_id, ${CUSTOMER}, substr(date, 1, 7), coalesce(sum(amount_minor), 0), count(distinct coalesce(order_ref, date)),
                        min(date), max(date), max(customer_name), max(customer_province)`;
const INSERT = 'insert into sell_through_customer_months (partner_id, customer, month, amount_minor, orders, first_date, last_date, customer_name, customer_province)';

/**
 * Sums again, from the lines as they are now, every summary row of the partners in temp.st_touched, set-based (two
 * statements): right whatever the import or undo added, skipped as duplicates or removed. Whole partners rather than
 * single (customer, month) keys: one partner's lines are a range of the (partner, date) index, and a file of every
 * partner costs what summing the table once does.
 */
function rebuildTouched(ws: Workspace): void {
  const { sqlite } = ws;
  sqlite.exec('delete from sell_through_customer_months where partner_id in (select partner_id from temp.st_touched)');
  sqlite.exec(
    `${INSERT} ${GROUPED}
       from sell_through_lines
      where partner_id in (select partner_id from temp.st_touched) and ${CUSTOMER} is not null
      group by partner_id, ${CUSTOMER}, substr(date, 1, 7)`,
  );
  sqlite.exec('drop table temp.st_touched');
}

/** Collects the partners of an import's sell-through lines into temp.st_touched. */
function collectTouched(ws: Workspace, importId: number): void {
  const { sqlite } = ws;
  sqlite.exec('drop table if exists temp.st_touched');
  sqlite.exec('create temp table st_touched (partner_id integer primary key)');
  sqlite.prepare('insert into temp.st_touched select distinct partner_id from sell_through_lines where import_id = ?').run(importId);
}

export const customerMonthStore = {
  /** After an import wrote its lines, in its transaction: the partners it touched are summed again. */
  refreshAfterImport(ws: Workspace, importId: number): void {
    collectTouched(ws, importId);
    rebuildTouched(ws);
  },
  /** Around an undo, in its transaction: `before` the import's lines are deleted, then `after`. */
  beforeUndo(ws: Workspace, importId: number): void {
    collectTouched(ws, importId);
  },
  afterUndo(ws: Workspace): void {
    rebuildTouched(ws);
  },
  /** The whole summary summed again from the lines (as the migration that created it did): for lines written by hand. */
  rebuildAll(ws: Workspace): void {
    ws.sqlite.exec('delete from sell_through_customer_months');
    ws.sqlite.exec(`${INSERT} ${GROUPED} from sell_through_lines where ${CUSTOMER} is not null group by partner_id, ${CUSTOMER}, substr(date, 1, 7)`);
  },
  /** The whole summary computed from the lines, in key order (the test of summary = lines). */
  computedFromLines(ws: Workspace): CustomerMonthRow[] {
    return ws.sqlite
      .prepare(
        `${GROUPED} from sell_through_lines where ${CUSTOMER} is not null
          group by partner_id, ${CUSTOMER}, substr(date, 1, 7) order by 1, 2, 3`,
      )
      .raw()
      .all()
      .map((r) => {
        const [partnerId, customer, month, amountMinor, orders, firstDate, lastDate, customerName, customerProvince] = r as [number, string, string, number, number, string, string, string | null, string | null];
        return { partnerId, customer, month, amountMinor, orders, firstDate, lastDate, customerName, customerProvince };
      });
  },
  all(ws: Workspace): CustomerMonthRow[] {
    return ws.sqlite
      .prepare(
        `select partner_id as partnerId, customer, month, amount_minor as amountMinor, orders, first_date as firstDate, last_date as lastDate,
                customer_name as customerName, customer_province as customerProvince
           from sell_through_customer_months order by partner_id, customer, month`,
      )
      .all() as CustomerMonthRow[];
  },

  /**
   * Each partner's end customers with their purchases up to asOf, by window (README "End customers"): whole months from
   * the summary; a month a window edge (or asOf) cuts is read from its lines. A partner that reports no sell-through
   * counts its sales lines' customerRef (the company selling direct), grouped the same way. Only customers who bought
   * after prevFrom; ordered by partner code and customer.
   */
  windowRows(ws: Workspace, w: { asOf: string; from: string; prevFrom: string; partnerId: number | null }): CustomerWindowRow[] {
    const { sqlite } = ws;
    const cut = [...new Set([w.asOf, w.from, w.prevFrom].filter((d) => monthEnd(d) !== d).map((d) => d.slice(0, 7)))];
    const params = { asOf: w.asOf, from: w.from, prevFrom: w.prevFrom, partnerId: w.partnerId, asOfMonth: w.asOf.slice(0, 7), cut: JSON.stringify(cut) };
    const windowSums = (orders: string, amount: string, day: string) =>
      `coalesce(sum(case when ${day} > @from then ${orders} end), 0), coalesce(sum(case when ${day} > @from then ${amount} end), 0),
       coalesce(sum(case when ${day} > @prevFrom and ${day} <= @from then ${orders} end), 0), coalesce(sum(case when ${day} > @prevFrom and ${day} <= @from then ${amount} end), 0)`;
    // Whole months: all of a month's days lie on one side of each window edge, so its first day places it.
    const whole = sqlite
      .prepare(
        `select partner_id, customer, max(customer_name), max(customer_province), min(first_date), max(last_date), ${windowSums('orders', 'amount_minor', 'first_date')}
           from sell_through_customer_months
          where month <= @asOfMonth and month not in (select value from json_each(@cut)) ${w.partnerId === null ? '' : 'and partner_id = @partnerId'}
          group by partner_id, customer order by partner_id, customer`,
      )
      .raw()
      .all(params) as Array<[number, string, string | null, string | null, string, string, number, number, number, number]>;
    // A month a window edge cuts, from its lines: orders are distinct within the month, as in the summary.
    const cutMonth = sqlite.prepare(
      `select l.partner_id, coalesce(l.customer_ref, l.customer_name) as c, max(l.customer_name), max(l.customer_province), min(l.date), max(l.date),
              count(distinct case when l.date > @from then coalesce(l.order_ref, l.date) end),
              coalesce(sum(case when l.date > @from then l.amount_minor end), 0),
              count(distinct case when l.date > @prevFrom and l.date <= @from then coalesce(l.order_ref, l.date) end),
              coalesce(sum(case when l.date > @prevFrom and l.date <= @from then l.amount_minor end), 0)
         from partners pa cross join sell_through_lines l on l.partner_id = pa.id
        where l.date >= @start and l.date <= @end and c is not null ${w.partnerId === null ? '' : 'and pa.id = @partnerId'}
        group by l.partner_id, c`,
    );
    const parts: Part[][] = [];
    for (const month of cut) {
      if (month > params.asOfMonth) continue;
      const end = monthEnd(`${month}-01`);
      parts.push(toParts(cutMonth.raw().all({ ...params, start: `${month}-01`, end: end < w.asOf ? end : w.asOf }) as RawPart[]));
    }
    // Partners without sell-through lines: their sales lines' customers, orders distinct within a month as above.
    const direct = (
      sqlite
        .prepare(
          `select id from partners pa where deleted_at is null ${w.partnerId === null ? '' : 'and pa.id = @partnerId'}
              and not exists (select 1 from sell_through_lines t where t.partner_id = pa.id)`,
        )
        .all(params) as Array<{ id: number }>
    ).map((r) => r.id);
    if (direct.length) {
      const rows = sqlite
        .prepare(
          `select p, c, null, null, min(first), max(last), sum(f), sum(m), sum(pf), sum(pm) from (
             select s.partner_id as p, s.customer_ref as c, min(s.date) as first, max(s.date) as last,
                    count(distinct case when s.date > @from then coalesce(s.order_ref, s.date) end) as f,
                    coalesce(sum(case when s.date > @from then s.amount_minor end), 0) as m,
                    count(distinct case when s.date > @prevFrom and s.date <= @from then coalesce(s.order_ref, s.date) end) as pf,
                    coalesce(sum(case when s.date > @prevFrom and s.date <= @from then s.amount_minor end), 0) as pm
               from json_each(@direct) d cross join sales_lines s on s.partner_id = d.value
              where s.customer_ref is not null and s.date <= @asOf
              group by s.partner_id, s.customer_ref, substr(s.date, 1, 7)
           ) group by p, c`,
        )
        .raw()
        .all({ ...params, direct: JSON.stringify(direct) }) as RawPart[];
      parts.push(toParts(rows));
    }
    const codes = new Map((sqlite.prepare('select id, code from partners where deleted_at is null').raw().all() as Array<[number, string]>).map(([id, code]) => [id, code]));
    // The whole months come ordered by partner and customer: one run per partner, merged with the cut months' rows.
    const runs = new Map<number, CustomerWindowRow[]>();
    let run: CustomerWindowRow[] | null = null;
    let runPartner = -1;
    for (const r of whole) {
      if (r[0] !== runPartner) {
        const code = codes.get(r[0]);
        runPartner = r[0];
        run = code === undefined ? null : [];
        if (run) runs.set(runPartner, run);
      }
      run?.push({ p: r[0], code: codes.get(r[0])!, c: r[1], name: r[2], province: r[3], first: r[4], last: r[5], f: r[6], m: r[7], pf: r[8], pm: r[9] });
    }
    const merged = new Map<number, Map<string, CustomerWindowRow>>();
    for (const list of parts) {
      for (const x of list) {
        const code = codes.get(x.p);
        if (code === undefined) continue;
        let rows = runs.get(x.p);
        if (!rows) runs.set(x.p, (rows = []));
        let index = merged.get(x.p);
        if (!index) merged.set(x.p, (index = new Map(rows.map((r) => [r.c, r]))));
        const had = index.get(x.c);
        if (!had) {
          const row = { ...x, code };
          rows.push(row);
          index.set(x.c, row);
          continue;
        }
        had.name = maxText(had.name, x.name);
        had.province = maxText(had.province, x.province);
        if (x.first < had.first) had.first = x.first;
        if (x.last > had.last) had.last = x.last;
        had.f += x.f;
        had.m += x.m;
        had.pf += x.pf;
        had.pm += x.pm;
      }
    }
    for (const p of merged.keys()) runs.get(p)!.sort((a, b) => compareText(a.c, b.c));
    const out: CustomerWindowRow[] = [];
    for (const p of [...runs.keys()].sort((a, b) => compareText(codes.get(a)!, codes.get(b)!))) {
      for (const r of runs.get(p)!) if (r.last > w.prevFrom) out.push(r);
    }
    return out;
  },
};

type RawPart = [number, string, string | null, string | null, string, string, number, number, number, number];
const toParts = (rows: RawPart[]): Part[] => rows.map((r) => ({ p: r[0], c: r[1], name: r[2], province: r[3], first: r[4], last: r[5], f: r[6], m: r[7], pf: r[8], pm: r[9] }));
/** SQLite's max() over texts: nulls ignored, BINARY order. */
const maxText = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : compareText(a, b) >= 0 ? a : b);
/** SQLite's BINARY collation (UTF-8 bytes), which for JS strings is code point order. */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; ) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}
