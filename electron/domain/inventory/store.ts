import type Database from 'better-sqlite3';
import type { Workspace } from '../../../db/database';
import type { products, sellThroughCustomers, sellThroughLines, territories } from '../../../db/schema';
import { lineStage, ORDER_LINE_CONFLICT, REF_KEY, type LineStage, type LineStageSpec } from '../imports/store';
import { partnerMonthStore } from './store/partnerMonths';
import type { PackedCustomers } from './customerGrouping';

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
  /** null: CNY (SELL_THROUGH_STAGE.derived). */
  currency: string | null,
  customerRef: string | null,
  customerName: string | null,
  customerProvince: string | null,
  customerTerritoryId: number | null,
  customerCity: string | null,
  orderRef: string | null,
  lineRef: string | null,
  /** null: the line reference's key (SELL_THROUGH_STAGE.derived). */
  dedupeKey: SellThroughLine['dedupeKey'] | null,
];

const SELL_THROUGH_STAGE: LineStageSpec = {
  target: 'sell_through_lines',
  columns: [
    'partner_id', 'product_id', 'date', 'quantity', 'amount_minor', 'currency', 'customer_ref', 'customer_name',
    'customer_province', 'customer_territory_id', 'customer_city', 'order_ref', 'line_ref', 'dedupe_key',
  ],
  conflict: ORDER_LINE_CONFLICT,
  // As sales lines: the default currency and a line reference's key are derived when saved, not staged.
  derived: { currency: `'CNY'`, dedupe_key: REF_KEY },
  compared: [
    { field: 'amount', column: 'amount_minor', money: true }, { field: 'quantity', column: 'quantity' }, { field: 'date', column: 'date' },
    { field: 'product', column: 'product_id', shown: '(select code from products where id = ?)' }, { field: 'customerRef', column: 'customer_ref' },
    { field: 'customerName', column: 'customer_name' }, { field: 'customerProvince', column: 'customer_province' },
    { field: 'customerCity', column: 'customer_city' }, { field: 'currency', column: 'currency' },
  ],
};

/** The staged sell-through lines of one import: the imports' one line pipeline with sell_through_lines' columns. */
export const sellThroughStage = (sqlite: Database.Database): LineStage<StagedSellThroughLine> => lineStage<StagedSellThroughLine>(sqlite, SELL_THROUGH_STAGE);

/** What imports look products and provinces up by; the territory tree and partners' places the 窜货 measure reads. */
export const lookupStore = {
  territoryNodes(ws: Workspace): Array<Pick<TerritoryRow, 'id' | 'parentId' | 'kind'>> {
    return ws.sqlite.prepare<[], Pick<TerritoryRow, 'id' | 'parentId' | 'kind'>>('select id, parent_id as parentId, kind from territories').all();
  },
  /** The territory of each of these partners that has one. */
  partnerTerritories(ws: Workspace, partnerIds: readonly number[]): Array<{ id: number; t: number }> {
    return ws.sqlite
      .prepare<[string], { id: number; t: number }>('select id, territory_id as t from partners where id in (select value from json_each(?)) and territory_id is not null')
      .all(JSON.stringify(partnerIds));
  },
  /** A live partner's id by its code. */
  partnerId(ws: Workspace, code: string): number | undefined {
    return ws.sqlite.prepare<[string], number>('select id from partners where code = ? and deleted_at is null').pluck().get(code);
  },
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
 * The inventory area's store for end customers: one row per (partner, customer) of sell-through lines
 * (`sell_through_customers`) with its months packed, kept by the sell-through import and its undo, and the reads RFM,
 * the win-back list, cohorts and review packs make of it. Each packed month holds the customer's amount, distinct
 * orders (orderRef, else the date), first and last purchase day, and whether it holds the customer's greatest name and
 * province (as SQL max). There is no month table: a month row is read from the packed text (`PACKED_MONTHS`).
 */
export type CustomerRow = typeof sellThroughCustomers.$inferSelect;
/** A customer's month as packed (flags: 1 = it holds the customer's greatest name, 2 = its greatest province). */
export interface CustomerMonthRow {
  partnerId: number;
  customer: string;
  month: string;
  amountMinor: number;
  orders: number;
  firstDate: string;
  lastDate: string;
  flags: number;
}

const CUSTOMER = 'coalesce(customer_ref, customer_name)';
/**
 * A purchase line (README "End customers"): a positive quantity, or no quantity and a positive amount; a return (a
 * negative quantity or amount) is not one: it nets the amount but is not an order, a first or a last purchase.
 */
export const purchase = (t = '') => `(${t}quantity > 0 or (${t}quantity = 0 and ${t}amount_minor > 0))`;
/**
 * The customers (partner `p`, customer `c`) with a line that is not a purchase (a return) up to @asOf, of one partner
 * (@partnerId) or all; `byMonth`: each of their months holding a return (`month`, YYYY-MM) apart. `not ${purchase()}` is
 * the condition of the partial index sell_through_returns_idx word for word: SQLite reads the few returns from it
 * rather than scanning every line up to asOf.
 */
export const returnersSql = (onePartner: boolean, byMonth = false) =>
  `select distinct partner_id as p, ${CUSTOMER} as c${byMonth ? ', substr(date, 1, 7) as month' : ''} from sell_through_lines
    where date <= @asOf and c is not null and not ${purchase()} ${onePartner ? 'and partner_id = @partnerId' : ''}`;
const GROUPED = `select partner_id, ${CUSTOMER}, substr(date, 1, 7), coalesce(sum(amount_minor), 0), count(distinct coalesce(order_ref, date)),
                        min(date), max(date), max(customer_name), max(customer_province)`;

/**
 * The packed months of sell_through_customers (alias c) as rows — partner_id, customer, month (YYYY-MM), amount_minor,
 * orders, first_date, last_date, flags — for reads that want month rows (cohorts, review packs, tests); `where` filters c.
 * A piece is YYYYMM, first day DD, last day DD, a flag digit, the amount, `:`, the orders (db/schema/inventory.ts).
 */
export const packedMonths = (where = '') =>
  `select c.partner_id, c.customer, substr(j.value, 1, 4) || '-' || substr(j.value, 5, 2) as month,
          cast(substr(j.value, 12, instr(j.value, ':') - 12) as integer) as amount_minor, cast(substr(j.value, instr(j.value, ':') + 1) as integer) as orders,
          substr(j.value, 1, 4) || '-' || substr(j.value, 5, 2) || '-' || substr(j.value, 7, 2) as first_date,
          substr(j.value, 1, 4) || '-' || substr(j.value, 5, 2) || '-' || substr(j.value, 9, 2) as last_date, cast(substr(j.value, 11, 1) as integer) as flags
     from sell_through_customers c, json_each('["' || replace(c.months, ';', '","') || '"]') j ${where}`;

/** temp.st_delta (empty): month rows of lines, grouped by (partner, customer, month), in key order. */
function deltaTable(sqlite: Database.Database): void {
  sqlite.exec('drop table if exists temp.st_delta');
  sqlite.exec(DELTA_TABLE);
}
const DELTA_TABLE = `create temp table st_delta (partner_id integer not null, customer text not null, month text not null, amount_minor integer not null,
       orders integer not null, first_date text not null, last_date text not null, customer_name text, customer_province text,
       primary key (partner_id, customer, month)) without rowid`;

/** A line's customer is in the summary (a line of sell_through_lines: the correlated test of `collectDelta`'s `known`/`new`). */
const KNOWN = `exists (select 1 from sell_through_customers c where c.partner_id = sell_through_lines.partner_id and c.customer = ${CUSTOMER})`;

/**
 * The month rows of an import's lines (read through its import_id, in file order) into temp.st_delta: one grouped
 * pass — of all its lines, or only those of customers the summary has (`known`) or has not (`new`).
 */
function collectDelta(ws: Workspace, importId: number, only: 'all' | 'known' | 'new' = 'all'): void {
  deltaTable(ws.sqlite);
  const which = only === 'all' ? '' : `and ${only === 'new' ? 'not ' : ''}${KNOWN}`;
  ws.sqlite
    .prepare<[number]>(
      `insert into temp.st_delta ${GROUPED} from sell_through_lines where import_id = ? and ${CUSTOMER} is not null ${which}
        group by partner_id, ${CUSTOMER}, substr(date, 1, 7)`,
    )
    .run(importId);
}

/**
 * Adds temp.st_delta (an import's new lines) to the packed customers. A month a stored customer already had counts
 * its distinct orders again from that one partner-month of lines (an order may have had lines there before). Customers
 * new to the summary — all of them in a first import — are packed straight from temp.st_delta, which holds exactly
 * their months; those it had get their delta months merged into their packed text (mergeTouched).
 */
function addDelta(ws: Workspace): void {
  const { sqlite } = ws;
  touchedTable(ws);
  sqlite.exec(
    `insert into temp.st_touched select d.partner_id, d.customer from (select distinct partner_id, customer from temp.st_delta) d
      where exists (select 1 from sell_through_customers c where c.partner_id = d.partner_id and c.customer = d.customer)`,
  );
  sqlite.exec(
    `update temp.st_delta as d set orders = (select count(distinct coalesce(l.order_ref, l.date)) from sell_through_lines l
        where l.partner_id = d.partner_id and l.date >= d.month || '-01' and l.date <= d.month || '-31' and coalesce(l.customer_ref, l.customer_name) = d.customer)
      where (d.partner_id, d.customer) in (select partner_id, customer from temp.st_touched)
        and instr(';' || (select c.months from sell_through_customers c where c.partner_id = d.partner_id and c.customer = d.customer), ';' || replace(d.month, '-', '')) > 0`,
  );
  mergeTouched(sqlite);
  packCustomers(sqlite, 'where (partner_id, customer) not in (select partner_id, customer from temp.st_touched)');
  dropDelta(ws);
}

/**
 * The touched customers' delta months (temp.st_delta ⋈ temp.st_touched) merged into their packed rows: a month new to
 * the customer is added; one it had adds the amount, widens first and last day and takes the orders counted again.
 * Flags follow the customer's greatest name and province: when a delta brings a greater one, the months it had no
 * longer hold it (their bit clears); a delta month holds it when its own greatest equals it.
 */
function mergeTouched(sqlite: Database.Database): void {
  const stored = sqlite.prepare<[number, string], [string, string, string | null, string | null, string]>(
    'select first_date, last_date, customer_name, customer_province, months from sell_through_customers where partner_id = ? and customer = ?',
  );
  const update = sqlite.prepare<[string, string, string | null, string | null, string, number, string]>(
    'update sell_through_customers set first_date = ?, last_date = ?, customer_name = ?, customer_province = ?, months = ? where partner_id = ? and customer = ?',
  );
  const read = sqlite.prepare<[number, number], Delta>(
    `select d.partner_id, d.customer, d.month, d.amount_minor, d.orders, d.first_date, d.last_date, d.customer_name, d.customer_province
       from temp.st_touched t join temp.st_delta d on d.partner_id = t.partner_id and d.customer = t.customer
      where t.partner_id between ? and ? order by d.partner_id, d.customer, d.month`,
  );
  // A batch of partners at a time (the rows are read before they are written: a statement cannot write while another
  // reads), so a large file on known customers does not hold all its month rows at once.
  const partners = sqlite.prepare<[], number>('select distinct partner_id from temp.st_touched order by 1').pluck().all();
  for (let b = 0; b < partners.length; b += MERGE_PARTNERS) {
    mergeBatch(read.raw().all(partners[b], partners[Math.min(b + MERGE_PARTNERS, partners.length) - 1]) as Delta[], stored, update);
  }
}

const MERGE_PARTNERS = 256;

type Delta = [number, string, string, number, number, string, string, string | null, string | null];
function mergeBatch(
  deltas: Delta[],
  stored: Database.Statement<[number, string], [string, string, string | null, string | null, string]>,
  update: Database.Statement<[string, string, string | null, string | null, string, number, string]>,
): void {
  for (let i = 0; i < deltas.length; ) {
    const [p, c] = deltas[i];
    let j = i;
    while (j < deltas.length && deltas[j][0] === p && deltas[j][1] === c) j++;
    const [first, last, name, province, months] = stored.raw().get(p, c)!;
    let newName = name;
    let newProvince = province;
    let newFirst = first;
    let newLast = last;
    for (let k = i; k < j; k++) {
      const d = deltas[k];
      newName = maxText(newName, d[7]);
      newProvince = maxText(newProvince, d[8]);
      if (d[5] < newFirst) newFirst = d[5];
      if (d[6] > newLast) newLast = d[6];
    }
    const keep = (name === newName ? 1 : 0) | (province === newProvince ? 2 : 0);
    const byMonth = new Map<string, PackedMonth>();
    for (const m of decodeMonths(months)) byMonth.set(m.month, { ...m, flags: m.flags & keep });
    for (let k = i; k < j; k++) {
      const [, , month, amount, orders, f, l, n, pr] = deltas[k];
      const key = month.replace('-', '');
      const flags = (n === newName ? 1 : 0) | (pr === newProvince ? 2 : 0);
      const had = byMonth.get(key);
      if (!had) byMonth.set(key, { month: key, first: f.slice(8), last: l.slice(8), flags, amount, orders });
      else {
        if (f.slice(8) < had.first) had.first = f.slice(8);
        if (l.slice(8) > had.last) had.last = l.slice(8);
        had.flags |= flags;
        had.amount += amount;
        had.orders = orders;
      }
    }
    const packed = [...byMonth.values()].sort((a, b) => (a.month < b.month ? -1 : 1)).map((m) => `${m.month}${m.first}${m.last}${m.flags}${m.amount}:${m.orders}`).join(';');
    update.run(newFirst, newLast, newName, newProvince, packed, p, c);
    i = j;
  }
}

interface PackedMonth {
  /** YYYYMM */
  month: string;
  /** DD */
  first: string;
  last: string;
  flags: number;
  amount: number;
  orders: number;
}
/** A customer's packed months, in the order stored (month order). */
function decodeMonths(months: string): PackedMonth[] {
  return months.split(';').map((piece) => {
    const colon = piece.indexOf(':');
    return {
      month: piece.slice(0, 6),
      first: piece.slice(6, 8),
      last: piece.slice(8, 10),
      flags: piece.charCodeAt(10) - 48,
      amount: Number(piece.slice(11, colon)),
      orders: Number(piece.slice(colon + 1)),
    };
  });
}

/** An undo, before the import's lines are deleted: the customers they belong to (temp.st_touched). */
function noteUndo(ws: Workspace, importId: number): void {
  touchedTable(ws);
  ws.sqlite.prepare<[number]>(`insert or ignore into temp.st_touched select partner_id, ${CUSTOMER} from sell_through_lines where import_id = ? and ${CUSTOMER} is not null`).run(importId);
}

/**
 * After an undo removed an import's lines: the customers they belonged to are packed again from the lines left (each
 * touched partner's lines read once through the (partner, date) index; a customer without lines goes).
 */
function repackTouched(ws: Workspace): void {
  const { sqlite } = ws;
  sqlite.exec('delete from sell_through_customers where (partner_id, customer) in (select partner_id, customer from temp.st_touched)');
  deltaTable(sqlite);
  sqlite.exec(
    `insert into temp.st_delta ${GROUPED} from sell_through_lines
      where partner_id in (select distinct partner_id from temp.st_touched) and (partner_id, ${CUSTOMER}) in (select partner_id, customer from temp.st_touched)
      group by partner_id, ${CUSTOMER}, substr(date, 1, 7)`,
  );
  packCustomers(sqlite, '');
  dropDelta(ws);
}

/** temp.st_touched: the customers a change touched (empty). */
function touchedTable(ws: Workspace): void {
  ws.sqlite.exec('drop table if exists temp.st_touched');
  ws.sqlite.exec('create temp table st_touched (partner_id integer not null, customer text not null, primary key (partner_id, customer)) without rowid');
}

function dropDelta(ws: Workspace): void {
  ws.sqlite.exec('drop table if exists temp.st_touched');
  ws.sqlite.exec('drop table temp.st_delta');
}

/** Whether every month row of a customer holds its greatest `column` (as `is`: all null, or all the same text). */
const uniform = (column: string) => `(count(${column}) = 0 or (count(${column}) = count(*) and min(${column}) = max(${column})))`;

/**
 * One row per customer (`sell_through_customers`, the format in db/schema/inventory.ts) from the month rows of
 * temp.st_delta (`where` filters them by customer), the months packed in month order, each flagged when it holds the
 * customer's greatest name (1) or province (2). Nearly every customer keeps one name and province, so every month
 * holds both (flag 3): all are packed so in one pass over temp.st_delta in key order (no sort, no join); then the few
 * whose months differ are found (a second pass, no sort) and their months flagged one by one, beside a per-customer
 * table of their greatest name and province.
 */
function packCustomers(sqlite: Database.Database, where: string): void {
  for (const sql of packStatements(where)) sqlite.exec(sql);
}

/** packCustomers' statements, in order (also run by the end-customer grouping's worker: customerGrouping.ts). */
function packStatements(where: string): string[] {
  return [
    `insert into sell_through_customers (partner_id, customer, first_date, last_date, customer_name, customer_province, months)
     select partner_id, customer, min(first_date), max(last_date), max(customer_name), max(customer_province),
            group_concat(replace(month, '-', '') || substr(first_date, 9, 2) || substr(last_date, 9, 2) || '3' || amount_minor || ':' || orders, ';' order by month)
       from temp.st_delta ${where} group by partner_id, customer`,
    'drop table if exists temp.st_pack',
    `create temp table st_pack (partner_id integer not null, customer text not null, name text, province text, primary key (partner_id, customer)) without rowid`,
    `insert into temp.st_pack select partner_id, customer, max(customer_name), max(customer_province) from temp.st_delta ${where}
      group by partner_id, customer having not (${uniform('customer_name')} and ${uniform('customer_province')})`,
    `update sell_through_customers as s set months = x.months
       from (select c.partner_id, c.customer,
                    group_concat(replace(m.month, '-', '') || substr(m.first_date, 9, 2) || substr(m.last_date, 9, 2)
                                 || ((m.customer_name is c.name) + 2 * (m.customer_province is c.province)) || m.amount_minor || ':' || m.orders, ';' order by m.month) as months
               from temp.st_pack c join temp.st_delta m on m.partner_id = c.partner_id and m.customer = c.customer
              group by c.partner_id, c.customer) x
      where s.partner_id = x.partner_id and s.customer = x.customer`,
    'drop table temp.st_pack',
  ];
}

/**
 * What the end-customer grouping's worker runs on its own in-memory database (customerGrouping.ts): the summary's
 * table as the workspace declares it, its lines' table (the customer in customer_ref), then the same grouping and
 * packing statements as collectDelta + packCustomers here, so its rows are those the SQL path writes.
 */
export function groupingSql(ws: Workspace): { setup: string[]; group: string[] } {
  const table = ws.sqlite.prepare<[], string>(`select sql from sqlite_master where type = 'table' and name = 'sell_through_customers'`).pluck().get()!;
  return {
    setup: [
      table,
      `create table sell_through_lines (partner_id integer not null, customer_ref text, customer_name text, date text not null, amount_minor integer,
         order_ref text, customer_province text)`,
    ],
    group: [
      'drop table if exists temp.st_delta',
      DELTA_TABLE,
      `insert into temp.st_delta ${GROUPED} from sell_through_lines where ${CUSTOMER} is not null group by partner_id, ${CUSTOMER}, substr(date, 1, 7)`,
      ...packStatements(''),
    ],
  };
}

/** The import's candidate lines grouped on another thread (customerGrouping.ts): how many were handed over, and their customers packed. */
export interface GroupedElsewhere {
  lines: number;
  packed(): PackedCustomers | null;
}

/**
 * The customers packed on the worker, inserted when they describe exactly the import's lines (every candidate line
 * handed over was saved: no duplicate) and none of them is in the summary yet (a first import): then they are what
 * collectDelta + addDelta would write. Returns false, having written nothing, otherwise.
 */
function insertPacked(ws: Workspace, importId: number, grouped: GroupedElsewhere): boolean {
  const { sqlite } = ws;
  const saved = sqlite.prepare<[number], number>('select count(*) from sell_through_lines where import_id = ?').pluck().get(importId);
  if (saved !== grouped.lines) return false;
  const packed = grouped.packed();
  if (!packed) return false;
  const insert = sqlite.prepare<[string]>(
    `insert into sell_through_customers (partner_id, customer, first_date, last_date, customer_name, customer_province, months)
     select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6 from json_each(?)`,
  );
  // An empty summary cannot hold any of them; else a customer it has ends the attempt (its primary key).
  const empty = sqlite.prepare<[], number>('select 1 from sell_through_customers limit 1').pluck().get() === undefined;
  if (!empty) sqlite.exec('savepoint st_packed');
  try {
    for (const chunk of packed) insert.run(chunk);
  } catch (e) {
    if (empty || (e as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw e;
    sqlite.exec('rollback to st_packed');
    sqlite.exec('release st_packed');
    return false;
  }
  if (!empty) sqlite.exec('release st_packed');
  return true;
}

/**
 * Customers new to the summary packed straight from an import's lines, one statement: the lines grouped by customer
 * (one sort, no month table) and each customer's months packed by an aggregate function of this connection
 * (`pwb_st_months`), which keeps the months of one customer — amount, distinct orders, first and last day, greatest
 * name and province — and packs them as packCustomers does: months in month order, each flagged when it holds the
 * customer's greatest name (1) and province (2). At 400k lines of new customers ≈ 1.1 s CPU against ≈ 1.3–1.9 s for
 * temp.st_delta + packCustomers (README "End customers"). Returns false, having written nothing, when an amount or a
 * month's sum is not an integer JavaScript holds exactly (beyond 2^53 minor units): the caller then packs with SQL.
 * `everyCustomerNew`: the summary is empty, so no line's customer needs looking up.
 */
function packNewCustomers(sqlite: Database.Database, importId: number, everyCustomerNew: boolean): boolean {
  monthsAggregate(sqlite);
  try {
    sqlite
      .prepare<[number]>(
        `insert into sell_through_customers (partner_id, customer, first_date, last_date, customer_name, customer_province, months)
         select partner_id, ${CUSTOMER}, min(date), max(date), max(customer_name), max(customer_province),
                pwb_st_months(date, amount_minor, order_ref, customer_name, customer_province)
           from sell_through_lines where import_id = ? and ${CUSTOMER} is not null ${everyCustomerNew ? '' : `and not ${KNOWN}`}
          group by partner_id, ${CUSTOMER}`,
      )
      .run(importId);
    return true;
  } catch (e) {
    // The failed statement wrote nothing (SQLite undoes a statement that fails, the transaction stays).
    if (e instanceof InexactAmount) return false;
    throw e;
  }
}

class InexactAmount extends Error {}

/** One customer's month, as pwb_st_months keeps it (dates are ISO days: JavaScript's order of them is SQLite's). */
interface MonthSums {
  month: string;
  first: string;
  last: string;
  amount: number;
  /** The first order (orderRef, else the day) seen; `orders` once a second distinct one came. */
  order: string;
  orders: Set<string> | null;
  name: string | null;
  province: string | null;
}

/** pwb_st_months' step: one line added to its customer's months. */
function monthStep(months: MonthSums[] | null, date: string, amount: number | null, orderRef: string | null, name: string | null, province: string | null): MonthSums[] {
  const ms = months ?? [];
  const month = date.slice(0, 7);
  const order = orderRef ?? date;
  if (amount !== null && !Number.isSafeInteger(amount)) throw new InexactAmount();
  let m: MonthSums | undefined;
  for (let i = ms.length - 1; i >= 0; i--) {
    if (ms[i].month === month) {
      m = ms[i];
      break;
    }
  }
  if (m === undefined) {
    ms.push({ month, first: date, last: date, amount: amount ?? 0, order, orders: null, name, province });
    return ms;
  }
  if (date < m.first) m.first = date;
  else if (date > m.last) m.last = date;
  if (amount !== null) {
    m.amount += amount;
    if (!Number.isSafeInteger(m.amount)) throw new InexactAmount();
  }
  if (order !== m.order) (m.orders ??= new Set([m.order])).add(order);
  if (name !== m.name) m.name = maxText(m.name, name);
  if (province !== m.province) m.province = maxText(m.province, province);
  return ms;
}

const withMonths = new WeakSet<Database.Database>();
/**
 * Registers pwb_st_months(date, amount_minor, order_ref, customer_name, customer_province) on the connection once: a
 * customer's lines, in any order, to its packed months (db/schema/inventory.ts `sellThroughCustomers`) — per month
 * (substr(date, 1, 7)) coalesce(sum(amount), 0), count(distinct coalesce(order_ref, date)), min and max date, max name
 * and province as SQLite computes them (maxText: BINARY order, nulls ignored); the flags against the customer's max.
 */
function monthsAggregate(sqlite: Database.Database): void {
  if (withMonths.has(sqlite)) return;
  withMonths.add(sqlite);
  sqlite.aggregate<MonthSums[] | null>('pwb_st_months', {
    deterministic: true,
    directOnly: true,
    start: () => null,
    // Called with the five arguments of the SQL call (the driver's types name only one).
    step: monthStep as unknown as (months: MonthSums[] | null, next: MonthSums | null) => MonthSums[],
    result(months) {
      const ms = months!;
      if (ms.length > 1) ms.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
      let name: string | null = null;
      let province: string | null = null;
      for (const m of ms) {
        name = maxText(name, m.name);
        province = maxText(province, m.province);
      }
      let packed = '';
      for (let i = 0; i < ms.length; i++) {
        const m = ms[i];
        const flags = (m.name === name ? 1 : 0) + (m.province === province ? 2 : 0);
        packed += `${i ? ';' : ''}${m.month.slice(0, 4)}${m.month.slice(5, 7)}${m.first.slice(8, 10)}${m.last.slice(8, 10)}${flags}${m.amount}:${m.orders === null ? 1 : m.orders.size}`;
      }
      return packed;
    },
  });
}

/**
 * The month rows of temp.st_delta (and temp.st_pack) live in the connection's TEMP database, whose page cache is the
 * main file's default (16 MB; db/database.ts pinTempCache — before it, this save-and-restore read 0 and left the TEMP
 * cache at SQLite's minimum after the first upkeep): at 400k lines their ~30 MB went page by page to a temporary file
 * and back. For the upkeep the TEMP cache may hold 64 MB (as the import's bulk cache for the main file, importRun.ts
 * BULK_CACHE_SIZE); restored after.
 */
const UPKEEP_TEMP_CACHE = -65536;
function withTempCache<T>(sqlite: Database.Database, fn: () => T): T {
  const before = sqlite.pragma('temp.cache_size', { simple: true }) as number;
  sqlite.pragma(`temp.cache_size = ${UPKEEP_TEMP_CACHE}`);
  try {
    return fn();
  } finally {
    sqlite.pragma(`temp.cache_size = ${before}`);
  }
}

export const customerMonthStore = {
  /**
   * After an import saved its lines, in its transaction: its new lines (duplicates were not saved) added to their
   * customers' packed months (addDelta).
   */
  refreshAfterImport(ws: Workspace, importId: number, grouped?: GroupedElsewhere): 'worker' | 'sql' {
    if (grouped && insertPacked(ws, importId, grouped)) return 'worker';
    withTempCache(ws.sqlite, () => {
      // A first import finds the summary empty: every customer is new (no test a line).
      const empty = ws.sqlite.prepare<[], number>('select 1 from sell_through_customers limit 1').pluck().get() === undefined;
      if (!empty) {
        // Customers the summary has: their delta months merged into their packed rows.
        collectDelta(ws, importId, 'known');
        addDelta(ws);
      }
      if (!packNewCustomers(ws.sqlite, importId, empty)) {
        collectDelta(ws, importId, empty ? 'all' : 'new');
        packCustomers(ws.sqlite, '');
        dropDelta(ws);
      }
    });
    return 'sql';
  },
  /** Around an undo, in its transaction: `before` the import's lines are deleted (their customers), then `after`. */
  beforeUndo(ws: Workspace, importId: number): void {
    noteUndo(ws, importId);
  },
  afterUndo(ws: Workspace): void {
    withTempCache(ws.sqlite, () => repackTouched(ws));
  },
  /** The whole summary packed again from the lines, and the partner × month one: for lines written by hand. */
  rebuildAll(ws: Workspace): void {
    ws.sqlite.exec('delete from sell_through_customers');
    deltaTable(ws.sqlite);
    ws.sqlite.exec(`insert into temp.st_delta ${GROUPED} from sell_through_lines where ${CUSTOMER} is not null group by partner_id, ${CUSTOMER}, substr(date, 1, 7)`);
    packCustomers(ws.sqlite, '');
    dropDelta(ws);
    partnerMonthStore.rebuildAll(ws);
  },
  /** The per-customer rows as stored, and as packed again from the lines (the test of summary = lines). */
  customers(ws: Workspace): CustomerRow[] {
    return ws.sqlite
      .prepare<[], CustomerRow>(
        `select partner_id as partnerId, customer, first_date as firstDate, last_date as lastDate, customer_name as customerName,
                customer_province as customerProvince, months from sell_through_customers order by partner_id, customer`,
      )
      .all();
  },
  customersPackedFromLines(ws: Workspace): CustomerRow[] {
    const { sqlite } = ws;
    return sqlite.transaction(() => {
      sqlite.exec('savepoint pack_check');
      try {
        customerMonthStore.rebuildAll(ws);
        return customerMonthStore.customers(ws);
      } finally {
        sqlite.exec('rollback to pack_check');
        sqlite.exec('release pack_check');
      }
    })();
  },
  /**
   * The month rows computed from the lines, in key order, flagged against each customer's greatest name and province
   * over all its lines (the test of summary = lines).
   */
  computedFromLines(ws: Workspace): CustomerMonthRow[] {
    return ws.sqlite
      .prepare<[], CustomerMonthRow>(
        `select partnerId, customer, month, amountMinor, orders, firstDate, lastDate,
                (name is max(name) over w) + 2 * (province is max(province) over w) as flags
           from (select partner_id as partnerId, ${CUSTOMER} as customer, substr(date, 1, 7) as month, coalesce(sum(amount_minor), 0) as amountMinor,
                        count(distinct coalesce(order_ref, date)) as orders, min(date) as firstDate, max(date) as lastDate,
                        max(customer_name) as name, max(customer_province) as province
                   from sell_through_lines where ${CUSTOMER} is not null group by 1, 2, 3)
         window w as (partition by partnerId, customer) order by 1, 2, 3`,
      )
      .all();
  },
  /** The month rows as packed, in key order. */
  all(ws: Workspace): CustomerMonthRow[] {
    return ws.sqlite
      .prepare<[], CustomerMonthRow>(
        `select partner_id as partnerId, customer, month, amount_minor as amountMinor, orders, first_date as firstDate, last_date as lastDate, flags
           from (${packedMonths()}) order by 1, 2, 3`,
      )
      .all();
  },

  /**
   * For cohorts: per customer and month from the first month shown (`first`, a quarter's first day) up to asOf, the
   * amount and the customer's first purchase ever (on or before asOf). Whole months before asOf's from the summary,
   * asOf's own month from its lines up to asOf; a partner that reports no sell-through from its sales lines.
   */
  cohortMonths(ws: Workspace, q: { asOf: string; first: string; partnerId: number | null }): Array<{ p: number; c: string; first: string; month: string; a: number; b: number }> {
    const only = q.partnerId === null ? '' : 'and partner_id = @partnerId';
    // `b`: the month holds a purchase (a return only nets the amount); `first`: the first purchase. Customers with a
    // return up to asOf are read from their lines, the packed months not telling returns from purchases.
    return ws.sqlite
      .prepare<Record<string, unknown>, { p: number; c: string; first: string; month: string; a: number; b: number }>(
        `with ret as (${returnersSql(q.partnerId !== null)}),
         src as (
           select partner_id as p, customer as c, month, amount_minor as a, first_date as d, 1 as b
             from (${packedMonths(`where c.first_date < @asOfMonthStart ${q.partnerId === null ? '' : 'and c.partner_id = @partnerId'}
                     and not exists (select 1 from ret where ret.p = c.partner_id and ret.c = c.customer)`)}) where month < @asOfMonth
           union all
           select partner_id, ${CUSTOMER}, substr(date, 1, 7), coalesce(amount_minor, 0), date, ${purchase()}
             from sell_through_lines where date < @asOfMonthStart and (partner_id, ${CUSTOMER}) in (select p, c from ret)
           union all
           select partner_id, ${CUSTOMER}, substr(date, 1, 7), coalesce(amount_minor, 0), date, ${purchase()}
             from sell_through_lines where date >= @asOfMonthStart and date <= @asOf and ${CUSTOMER} is not null ${only}
           union all
           select partner_id, customer_ref, substr(date, 1, 7), amount_minor, date, ${purchase('s.')} from sales_lines s
            where customer_ref is not null and date <= @asOf ${only}
              and s.partner_id in (select id from partners pa where not exists (select 1 from sell_through_lines t where t.partner_id = pa.id))
         ),
         firsts as (select p, c, min(case when b then d end) as f from src group by p, c)
         select src.p, src.c, firsts.f as first, src.month, sum(src.a) as a, max(src.b) as b
           from src join firsts on firsts.p = src.p and firsts.c = src.c join partners pa on pa.id = src.p and pa.deleted_at is null
          where src.month >= @firstMonth and firsts.f is not null group by src.p, src.c, src.month`,
      )
      .all({ asOf: q.asOf, asOfMonth: q.asOf.slice(0, 7), asOfMonthStart: `${q.asOf.slice(0, 7)}-01`, firstMonth: q.first.slice(0, 7), partnerId: q.partnerId });
  },
};

/** SQLite's max() over texts: nulls ignored, BINARY order. */
export const maxText = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : compareText(a, b) >= 0 ? a : b);
/** SQLite's BINARY collation (UTF-8 bytes), which for JS strings is code point order. */
export function compareText(a: string, b: string): number {
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

/** A staged stock-report row, in the staging table's column order (import_id and created_at are added when it is saved). */
export type StagedSnapshot = [partnerId: number, productId: number, date: string, warehouse: string, quantity: number, valueMinor: number | null];

const SNAPSHOT_STAGE: LineStageSpec = {
  target: 'inventory_snapshots',
  columns: ['partner_id', 'product_id', 'date', 'warehouse', 'quantity', 'value_minor'],
  conflict: '(partner_id, date, product_id, warehouse)',
  // A stored snapshot row reported again with another quantity (or value) is corrected; an empty value keeps the stored one.
  corrections: {
    key: ['partner_id', 'date', 'product_id', 'warehouse'],
    values: [{ column: 'quantity' }, { column: 'value_minor', keepWhenNull: true }],
    entity: 'inventory_snapshot',
  },
};

/** The staged rows of one stock-report import: the imports' one line pipeline with inventory_snapshots' columns and corrections. */
export const snapshotStage = (sqlite: Database.Database): LineStage<StagedSnapshot> => lineStage<StagedSnapshot>(sqlite, SNAPSHOT_STAGE);
