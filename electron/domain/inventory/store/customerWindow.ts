import type { Workspace } from '../../../../db/database';
import { daysInMonth } from '../../../../shared/period';
import { compareText, maxText, purchase, returnersSql } from '../store';

/**
 * The inventory store's window read for end customers (README "End customers"): each partner's customers with their
 * purchases up to asOf, split by window — current (from, asOf], previous (prevFrom, from] — read from the packed
 * customer summary (`sell_through_customers`, ../store.ts) and, where the summary cannot tell, from the lines.
 * RFM and the win-back list read it as columns (`windowColumns`), one typed slot a customer and no object; tests and
 * callers that want objects read `windowRows`.
 */

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

/**
 * The same customers as columns: customer i's figures are slot i of each column; `order` lists the slots by partner
 * code, then customer (SQLite's BINARY order), and partner k's slots are order[partnerStart[k] … partnerStart[k + 1]).
 * Days are day numbers (days since 1970-01-01; `isoDay` turns one back into its ISO text). Only customers whose last
 * purchase is after prevFrom.
 */
export interface CustomerWindowColumns {
  order: Int32Array;
  partnerId: Int32Array;
  partnerCode: string[];
  partnerStart: Int32Array;
  customer: string[];
  name: Array<string | null>;
  province: Array<string | null>;
  first: Int32Array;
  last: Int32Array;
  f: Float64Array;
  m: Float64Array;
  pf: Float64Array;
  pm: Float64Array;
}

export interface WindowQuery {
  asOf: string;
  from: string;
  prevFrom: string;
  partnerId: number | null;
  /** false: the province is left null (not read). */
  province?: boolean;
}

/** No day: a part without a purchase (returns only) has no first or last day. */
const NO_DAY = -2147483648;
const DAY_MS = 86_400_000;

/** The day number of an ISO day (days since 1970-01-01). */
export const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
const isoDays = new Map<number, string>();
/** The ISO text of a day number; the few hundred days a read meets are made once. */
export function isoDay(n: number): string {
  let s = isoDays.get(n);
  if (s === undefined) isoDays.set(n, (s = new Date(n * DAY_MS).toISOString().slice(0, 10)));
  return s;
}
/** Day numbers of months' first days, by YYYYMM. */
const monthDays = new Map<number, number>();
function monthDay0(month: number): number {
  let d = monthDays.get(month);
  if (d === undefined) monthDays.set(month, (d = Date.UTC(Math.floor(month / 100), (month % 100) - 1, 1) / DAY_MS - 1));
  return d;
}

/** The last day of the month holding an ISO day. */
const monthEnd = (day: string) => `${day.slice(0, 7)}-${String(daysInMonth(Number(day.slice(0, 4)), Number(day.slice(5, 7)))).padStart(2, '0')}`;

/** Window edges as month numbers (YYYYMM): asOf's month, the current window's and the previous window's start months, and the cut months. */
interface WindowEdges {
  asOf: number;
  from: number;
  prevFrom: number;
  cut: ReadonlySet<number>;
}
const monthNumber = (day: string) => Number(day.slice(0, 4)) * 100 + Number(day.slice(5, 7));

interface Sums {
  /** How many months counted (a month holding a return counts its amount only). */
  months: number;
  first: number;
  last: number;
  f: number;
  m: number;
  pf: number;
  pm: number;
  flags: number;
}

/**
 * Sums one customer's packed months (db/schema/inventory.ts `sellThroughCustomers`), read from `text` at `i` up to a
 * ',' or the end, by window into `out`: the whole months up to asOf's month, cut months left out (they are read from
 * their lines). Of a month holding a return only the amount (net of its returns) and the flags count: its orders and
 * days are its purchase lines', read from them. A month after `from`'s month is in the current window, one after
 * `prevFrom`'s month up to `from`'s in the previous one. `out.first` is NO_DAY when no month without a return counts.
 * `flags` ORs the months' flags: bit 1 when a month read holds the customer's greatest name, 2 its province. Returns
 * the index after the customer's months.
 */
function sumPackedMonths(text: string, i: number, e: WindowEdges, returnMonths: ReadonlySet<number> | undefined, out: Sums): number {
  let firstMonth = 0;
  let firstAt = 0;
  let lastMonth = 0;
  let lastAt = 0;
  out.f = out.m = out.pf = out.pm = out.flags = out.months = 0;
  const len = text.length;
  let ch = 0;
  while (i < len && ch !== 44) {
    const start = i;
    let month = 0;
    for (let k = 0; k < 6; k++) month = month * 10 + text.charCodeAt(i++) - 48;
    i += 4; // first and last day
    const flags = text.charCodeAt(i++) - 48;
    let negative = false;
    if (text.charCodeAt(i) === 45) {
      negative = true;
      i++;
    }
    let amount = 0;
    for (ch = text.charCodeAt(i); ch !== 58; ch = text.charCodeAt(++i)) amount = amount * 10 + ch - 48;
    if (negative) amount = -amount;
    i++;
    let orders = 0;
    for (ch = text.charCodeAt(i); i < len && ch !== 59 && ch !== 44; ch = text.charCodeAt(++i)) orders = orders * 10 + ch - 48;
    i++;
    if (month > e.asOf || e.cut.has(month)) continue;
    out.months++;
    out.flags |= flags;
    if (returnMonths?.has(month)) {
      if (month > e.from) out.m += amount;
      else if (month > e.prevFrom) out.pm += amount;
      continue;
    }
    if (firstMonth === 0 || month < firstMonth) {
      firstMonth = month;
      firstAt = start;
    }
    if (month > lastMonth) {
      lastMonth = month;
      lastAt = start;
    }
    if (month > e.from) {
      out.f += orders;
      out.m += amount;
    } else if (month > e.prevFrom) {
      out.pf += orders;
      out.pm += amount;
    }
  }
  if (firstMonth === 0) {
    out.first = out.last = NO_DAY;
    return i;
  }
  out.first = monthDay0(firstMonth) + twoDigits(text, firstAt + 6);
  out.last = monthDay0(lastMonth) + twoDigits(text, lastAt + 8);
  return i;
}
const twoDigits = (text: string, at: number) => (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;

/** A customer's figures from its lines (a month an edge cuts, a direct-selling partner, a customer with a return). */
type RawPart = [number, string, string | null, string | null, string | null, string | null, number, number, number, number];

/** A line of a customer's month holding a return: partner, customer, date, quantity, amount, order, name, province. */
type ReturnMonthLine = [number, string, string, number, number | null, string | null, string | null, string | null];
/** A purchase line of a customer's month holding a return: partner, customer, date, order, name, province. */
type ReturnMonthPurchase = [number, string, string, string | null, string | null, string | null];

/**
 * Lines summed per customer as the SQL of a cut month does (`purchase()` in JavaScript): the greatest name and
 * province (SQLite's max over texts), first and last purchase day, the distinct orders (orderRef, else the day) of
 * purchases within each month and the amounts (returns included) by window. A few lines per customer: grouping them
 * here costs a tenth of SQL's GROUP BY with two count(distinct) per customer and month.
 */
function sumLines(lines: ReturnMonthLine[], w: WindowQuery): RawPart[] {
  const byCustomer = new Map<number, Map<string, { part: RawPart; orders: Set<string> }>>();
  for (const [p, c, date, quantity, amount, orderRef, name, province] of lines) {
    let customers = byCustomer.get(p);
    if (!customers) byCustomer.set(p, (customers = new Map()));
    let sum = customers.get(c);
    if (!sum) customers.set(c, (sum = { part: [p, c, null, null, null, null, 0, 0, 0, 0], orders: new Set() }));
    const part = sum.part;
    part[2] = maxText(part[2], name);
    part[3] = maxText(part[3], province);
    const isPurchase = quantity > 0 || (quantity === 0 && amount !== null && amount > 0);
    if (isPurchase) {
      if (part[4] === null || date < part[4]) part[4] = date;
      if (part[5] === null || date > part[5]) part[5] = date;
    }
    const current = date > w.from;
    if (!current && date <= w.prevFrom) continue;
    if (amount !== null) part[current ? 7 : 9] += amount;
    if (!isPurchase) continue;
    // An order is distinct within its month (as in the summary): the month and the order together.
    const order = `${current ? 'c' : 'p'}${date.slice(0, 7)}\u0000${orderRef ?? date}`;
    if (sum.orders.has(order)) continue;
    sum.orders.add(order);
    part[current ? 6 : 8]++;
  }
  const out: RawPart[] = [];
  for (const customers of byCustomer.values()) for (const { part } of customers.values()) out.push(part);
  return out;
}

/**
 * The purchase lines of months holding a return summed per customer as sumLines does, without amounts (the summary's
 * month has them, returns netted): the greatest name and province, first and last purchase day, distinct orders
 * (orderRef, else the day) within each month by window.
 */
function sumPurchases(lines: ReturnMonthPurchase[], w: WindowQuery): RawPart[] {
  return sumLines(
    lines.map(([p, c, date, orderRef, name, province]) => [p, c, date, 1, null, orderRef, name, province]),
    w,
  );
}

/** Customers' slots, growing as rows arrive. */
class Slots {
  n = 0;
  customer: string[] = [];
  name: Array<string | null> = [];
  province: Array<string | null> = [];
  first = new Int32Array(1024);
  last = new Int32Array(1024);
  f = new Float64Array(1024);
  m = new Float64Array(1024);
  pf = new Float64Array(1024);
  pm = new Float64Array(1024);

  add(c: string, name: string | null, province: string | null, first: number, last: number, f: number, m: number, pf: number, pm: number): number {
    const i = this.n++;
    if (i === this.first.length) this.grow();
    this.customer.push(c);
    this.name.push(name);
    this.province.push(province);
    this.first[i] = first;
    this.last[i] = last;
    this.f[i] = f;
    this.m[i] = m;
    this.pf[i] = pf;
    this.pm[i] = pm;
    return i;
  }

  private grow(): void {
    const wider = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.first = wider(this.first);
    this.last = wider(this.last);
    this.f = wider(this.f);
    this.m = wider(this.m);
    this.pf = wider(this.pf);
    this.pm = wider(this.pm);
  }
}

/** A partner's customers' slots: a run of slots in customer order, then those its parts added (`extra`). */
interface PartnerSlots {
  id: number;
  code: string;
  start: number;
  end: number;
  /** The run is in customer order (SQLite's GROUP BY walks the primary key; checked, not assumed). */
  sorted: boolean;
  extra: number[] | null;
}

/**
 * Each partner's end customers with their purchases up to asOf, by window (README "End customers"): whole months from
 * the summary; a month a window edge (or asOf) cuts is read from its lines. A partner that reports no sell-through
 * counts its sales lines' customerRef (the company selling direct), grouped the same way. Only customers who bought
 * after prevFrom; ordered by partner code and customer.
 */
export function windowColumns(ws: Workspace, w: WindowQuery): CustomerWindowColumns {
  const { sqlite } = ws;
  const cut = [...new Set([w.asOf, w.from, w.prevFrom].filter((d) => monthEnd(d) !== d).map((d) => d.slice(0, 7)))];
  const params = { asOf: w.asOf, from: w.from, prevFrom: w.prevFrom, partnerId: w.partnerId, asOfMonth: w.asOf.slice(0, 7), asOfMonthEnd: monthEnd(w.asOf), cut: JSON.stringify(cut) };
  const edges: WindowEdges = { asOf: monthNumber(w.asOf), from: monthNumber(w.from), prevFrom: monthNumber(w.prevFrom), cut: new Set(cut.map(monthNumber)) };
  const onePartner = w.partnerId === null ? '' : 'and partner_id = @partnerId';
  const codes = new Map((sqlite.prepare('select id, code from partners where deleted_at is null').raw().all() as Array<[number, string]>).map(([id, code]) => [id, code]));

  // Read from the lines: months a window edge cuts, direct-selling partners, customers with a return.
  const parts: RawPart[][] = [];
  // A month a window edge cuts, from its lines: orders are distinct within the month, as in the summary.
  const cutMonth = sqlite.prepare(
    `select l.partner_id, coalesce(l.customer_ref, l.customer_name) as c, max(l.customer_name), max(l.customer_province),
            min(case when ${purchase('l.')} then l.date end), max(case when ${purchase('l.')} then l.date end),
            count(distinct case when l.date > @from and ${purchase('l.')} then coalesce(l.order_ref, l.date) end),
            coalesce(sum(case when l.date > @from then l.amount_minor end), 0),
            count(distinct case when l.date > @prevFrom and l.date <= @from and ${purchase('l.')} then coalesce(l.order_ref, l.date) end),
            coalesce(sum(case when l.date > @prevFrom and l.date <= @from then l.amount_minor end), 0)
       from partners pa cross join sell_through_lines l on l.partner_id = pa.id
      where l.date >= @start and l.date <= @end and c is not null ${w.partnerId === null ? '' : 'and pa.id = @partnerId'}
      group by l.partner_id, c`,
  );
  for (const month of cut) {
    if (month > params.asOfMonth) continue;
    const end = monthEnd(`${month}-01`);
    parts.push(cutMonth.raw().all({ ...params, start: `${month}-01`, end: end < w.asOf ? end : w.asOf }) as RawPart[]);
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
    parts.push(
      sqlite
        .prepare(
          `select p, c, null, null, min(first), max(last), sum(f), sum(m), sum(pf), sum(pm) from (
             select s.partner_id as p, s.customer_ref as c, min(case when ${purchase('s.')} then s.date end) as first,
                    max(case when ${purchase('s.')} then s.date end) as last,
                    count(distinct case when s.date > @from and ${purchase('s.')} then coalesce(s.order_ref, s.date) end) as f,
                    coalesce(sum(case when s.date > @from then s.amount_minor end), 0) as m,
                    count(distinct case when s.date > @prevFrom and s.date <= @from and ${purchase('s.')} then coalesce(s.order_ref, s.date) end) as pf,
                    coalesce(sum(case when s.date > @prevFrom and s.date <= @from then s.amount_minor end), 0) as pm
               from json_each(@direct) d cross join sales_lines s on s.partner_id = d.value
              where s.customer_ref is not null and s.date <= @asOf
              group by s.partner_id, s.customer_ref, substr(s.date, 1, 7)
           ) group by p, c`,
        )
        .raw()
        .all({ ...params, direct: JSON.stringify(direct) }) as RawPart[],
    );
  }
  // Customers with a return up to asOf: the packed months cannot tell a return's day and order from a purchase's, so
  // the orders and days of each month holding a return come from its purchase lines (the months no edge cuts; the cut
  // ones are read above); its amount, returns netted, and its flags from the summary as any month's. The lines through
  // the customer index, a customer known by reference or (none) by name: a seek for each month, not a walk over each of
  // its partner's lines (at the bench's 47k customers with a return 5.8 s CPU -> ~0.3 s). Only purchases are read: a
  // line whose rowid is a return's (the partial index of returns) is passed over in the customer index, before its row
  // is read — most months holding a return hold nothing else. Summed in JavaScript (sumPurchases).
  const returnMonths = (sqlite.prepare(returnersSql(w.partnerId !== null, true)).raw().all(params) as Array<[number, string, string]>).filter(
    ([, , month]) => !edges.cut.has(monthNumber(month)),
  );
  const returned = new Map<number, Map<string, Set<number>>>();
  for (const [p, c, month] of returnMonths) {
    let byCustomer = returned.get(p);
    if (!byCustomer) returned.set(p, (byCustomer = new Map()));
    let months = byCustomer.get(c);
    if (!months) byCustomer.set(c, (months = new Set()));
    months.add(monthNumber(month));
  }
  if (returnMonths.length) {
    const lines = sqlite
      .prepare(
        `with r(p, c, start, end) as (select value ->> 0, value ->> 1, (value ->> 2) || '-01', (value ->> 2) || '-31' from json_each(@months)),
              returns(id) as (select rowid from sell_through_lines indexed by sell_through_returns_idx where date <= @asOf and not ${purchase()})
         select l.partner_id, r.c, l.date, l.order_ref, l.customer_name, l.customer_province
           from r cross join sell_through_lines l indexed by sell_through_customer_idx
             on l.partner_id = r.p and l.customer_ref = r.c and l.date >= r.start and l.date <= r.end
          where l.date <= @asOf and l.rowid not in returns
         union all
         select l.partner_id, r.c, l.date, l.order_ref, l.customer_name, l.customer_province
           from r cross join sell_through_lines l indexed by sell_through_customer_idx
             on l.partner_id = r.p and l.customer_ref is null and l.customer_name = r.c and l.date >= r.start and l.date <= r.end
          where l.date <= @asOf and l.rowid not in returns`,
      )
      .raw()
      .all({ asOf: w.asOf, months: JSON.stringify(returnMonths) }) as ReturnMonthPurchase[];
    parts.push(sumPurchases(lines, w));
  }

  // Whole months, from the summary: one row per partner holding its customers (JSON arrays) and their packed months
  // (joined by ','), so 400k customers cross from SQLite to JavaScript as 10k rows. All of a month's days lie on one
  // side of each window edge, so the month places it. Customers whose last purchase ever is before the previous
  // window are skipped.
  const grouped = sqlite
    .prepare<Record<string, unknown>, [number, string, string, string | null, string]>(
      `select partner_id, json_group_array(customer), json_group_array(customer_name),
              ${w.province === false ? 'null' : 'json_group_array(customer_province)'}, group_concat(months, ',')
         from sell_through_customers
        where last_date > @prevFrom and first_date <= @asOf ${onePartner}
        group by partner_id order by partner_id`,
    )
    .raw()
    .iterate(params);
  // Without the province (RFM does not show it) only the name may need the month rows.
  const wanted = w.province === false ? 1 : 3;
  // A customer none of whose whole months holds its greatest name (or province): those of the months read, from their lines.
  const namesOf = sqlite.prepare<Record<string, unknown>, [string | null, string | null]>(
    `select max(customer_name), max(customer_province) from sell_through_lines
      where partner_id = @p and (customer_ref = @c or (customer_ref is null and customer_name = @c)) and date <= @asOfMonthEnd
        and substr(date, 1, 7) not in (select value from json_each(@cut))`,
  );
  const slots = new Slots();
  const partners = new Map<number, PartnerSlots>();
  const sums: Sums = { months: 0, first: 0, last: 0, f: 0, m: 0, pf: 0, pm: 0, flags: 0 };
  for (const [p, customersJson, namesJson, provincesJson, months] of grouped) {
    const code = codes.get(p);
    if (code === undefined) continue;
    const customers = JSON.parse(customersJson) as string[];
    const names = JSON.parse(namesJson) as Array<string | null>;
    const provinces = provincesJson === null ? null : (JSON.parse(provincesJson) as Array<string | null>);
    const withReturns = returned.get(p);
    const run: PartnerSlots = { id: p, code, start: slots.n, end: 0, sorted: true, extra: null };
    let at = 0;
    for (let k = 0; k < customers.length; k++) {
      const c = customers[k];
      if (k > 0 && run.sorted && compareText(customers[k - 1], c) >= 0) run.sorted = false;
      at = sumPackedMonths(months, at, edges, withReturns?.get(c), sums);
      // A customer whose months counted hold returns only keeps its slot: their purchases (if any) come as parts.
      if (sums.months === 0) continue;
      let n = names[k];
      let pr = provinces === null ? null : provinces[k];
      if ((sums.flags & wanted) !== wanted) {
        const [mn, mp] = namesOf.raw().get({ ...params, p, c })!;
        if ((sums.flags & 1) === 0) n = mn;
        if ((sums.flags & 2) === 0 && wanted === 3) pr = mp;
      }
      slots.add(c, n, pr, sums.first, sums.last, sums.f, sums.m, sums.pf, sums.pm);
    }
    run.end = slots.n;
    partners.set(p, run);
  }

  // The parts merged into their partners' customers: a customer new to the partner takes a slot of its own.
  const day = (d: string | null) => (d === null ? NO_DAY : dayNumber(d));
  const index = new Map<number, Map<string, number>>();
  for (const list of parts) {
    for (const [p, c, name, province, first, last, f, m, pf, pm] of list) {
      const code = codes.get(p);
      if (code === undefined) continue;
      let run = partners.get(p);
      if (!run) partners.set(p, (run = { id: p, code, start: slots.n, end: slots.n, sorted: true, extra: null }));
      let slotOf = index.get(p);
      if (!slotOf) {
        index.set(p, (slotOf = new Map()));
        for (let i = run.start; i < run.end; i++) slotOf.set(slots.customer[i], i);
      }
      const had = slotOf.get(c);
      if (had === undefined) {
        const i = slots.add(c, name, province, day(first), day(last), f, m, pf, pm);
        (run.extra ??= []).push(i);
        slotOf.set(c, i);
        continue;
      }
      slots.name[had] = maxText(slots.name[had], name);
      slots.province[had] = maxText(slots.province[had], province);
      // A part without a purchase (returns only) has no first or last day.
      const fd = day(first);
      const ld = day(last);
      if (fd !== NO_DAY && (slots.first[had] === NO_DAY || fd < slots.first[had])) slots.first[had] = fd;
      if (ld !== NO_DAY && (slots.last[had] === NO_DAY || ld > slots.last[had])) slots.last[had] = ld;
      slots.f[had] += f;
      slots.m[had] += m;
      slots.pf[had] += pf;
      slots.pm[had] += pm;
    }
  }

  // By partner code, each partner's customers in customer order; only those who bought after prevFrom.
  const prevFrom = dayNumber(w.prevFrom);
  const runs = [...partners.values()].sort((a, b) => compareText(a.code, b.code));
  const order = new Int32Array(slots.n);
  const partnerId = new Int32Array(runs.length);
  const partnerCode: string[] = [];
  const partnerStart = new Int32Array(runs.length + 1);
  let n = 0;
  let k = 0;
  for (const run of runs) {
    const start = n;
    if (run.sorted && run.extra === null) {
      for (let i = run.start; i < run.end; i++) if (slots.last[i] > prevFrom) order[n++] = i;
    } else {
      const all: number[] = [];
      for (let i = run.start; i < run.end; i++) all.push(i);
      if (run.extra) all.push(...run.extra);
      all.sort((a, b) => compareText(slots.customer[a], slots.customer[b]));
      for (const i of all) if (slots.last[i] !== NO_DAY && slots.last[i] > prevFrom) order[n++] = i;
    }
    if (n === start) continue;
    partnerId[k] = run.id;
    partnerCode.push(run.code);
    partnerStart[k] = start;
    k++;
  }
  partnerStart[k] = n;
  return {
    order: order.subarray(0, n),
    partnerId: partnerId.subarray(0, k),
    partnerCode,
    partnerStart: partnerStart.subarray(0, k + 1),
    customer: slots.customer,
    name: slots.name,
    province: slots.province,
    first: slots.first,
    last: slots.last,
    f: slots.f,
    m: slots.m,
    pf: slots.pf,
    pm: slots.pm,
  };
}

/** The window's customers as rows (windowColumns, one object a customer): the win-back list's tests and callers that want objects. */
export function windowRows(ws: Workspace, w: WindowQuery): CustomerWindowRow[] {
  const cols = windowColumns(ws, w);
  const out: CustomerWindowRow[] = [];
  for (let k = 0; k < cols.partnerId.length; k++) {
    for (let j = cols.partnerStart[k]; j < cols.partnerStart[k + 1]; j++) {
      const i = cols.order[j];
      out.push({
        p: cols.partnerId[k],
        code: cols.partnerCode[k],
        c: cols.customer[i],
        name: cols.name[i],
        province: cols.province[i],
        first: isoDay(cols.first[i]),
        last: isoDay(cols.last[i]),
        f: cols.f[i],
        m: cols.m[i],
        pf: cols.pf[i],
        pm: cols.pm[i],
      });
    }
  }
  return out;
}
