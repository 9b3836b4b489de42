import type Database from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import type { Workspace } from '../../../db/database';
import { risks, type evaluationRuns, type evaluationSchedules, type partners, type RiskRow, type scheduleRuns, type scorecards, type targets, type tierDecisions } from '../../../db/schema';
import type { Tier } from '../../../shared/enums';
import type { RunInfo, Schedule, ScorecardRow as ScorecardListRow } from '../../model/evaluations';
import { roundedQuantity } from '../../../db/quantity';

/**
 * The evaluation's SQL (README "A store per area"): the KPI reads of a run, the stored history the tier rules look at,
 * and storing a run with its scorecards. Hot statements are prepared once per connection and typed; the rules
 * (kpis.ts, evaluationRun.ts) hold no SQL. Sales come from two places: the evaluated period's lines (money, quantity,
 * distinct orders: one grouped scan of the covering index sales_partner_date_idx) and the sales summaries kept with
 * the lines (salesSummaries.ts: partner × month totals, partner × customer month bitmaps) for everything else.
 */

type Sqlite = Database.Database;
type RunRow = typeof evaluationRuns.$inferSelect;
type ScorecardRow = typeof scorecards.$inferSelect;
type TargetRow = typeof targets.$inferSelect;

/** Per partner: active customers in a period, first-time ones, the previous period's customers and how many came back. */
export interface CustomerCounts {
  active: number;
  fresh: number;
  prev: number;
  kept: number;
}

/** The bitmap of months [from, to] on the row of span `span` (0n when the span holds none of them). */
function spanMask(span: number, from: number, to: number): bigint {
  const lo = Math.max(from, span * SPAN) - span * SPAN;
  const hi = Math.min(to, span * SPAN + SPAN - 1) - span * SPAN;
  return lo > hi ? 0n : (1n << BigInt(hi + 1)) - (1n << BigInt(lo));
}

/** A period and its previous period as month indexes (year × 12 + month − 1), for counting customers. */
export interface CustomerPeriods {
  a: number;
  b: number;
  pa: number;
  pb: number;
}

type CountsStatement = Database.Statement<Record<string, unknown>, unknown[]>;
const countStatements = new WeakMap<Sqlite, Map<string, CountsStatement>>();

/**
 * The customer counts of several (period, previous period) pairs in one read of the customer month bitmaps, one Map per
 * pair (partners without any customer in either period may be absent or counted 0). When every month of the pairs lies
 * in one 60-month span, each customer has one row there and the counts are plain sums over the partner's rows; across
 * two spans a customer's rows are first folded (bit tests OR-ed); pairs further apart are read one by one.
 */
export function customerCountsOf(ws: Workspace, ids: string, pairs: CustomerPeriods[]): Array<Map<number, CustomerCounts>> {
  if (pairs.length === 0) return [];
  const lo = Math.min(...pairs.map((q) => Math.min(q.a, q.pa)));
  const hi = Math.max(...pairs.map((q) => Math.max(q.b, q.pb)));
  const s = Math.floor(lo / SPAN);
  const spans = Math.floor(hi / SPAN) - s + 1;
  if (spans > 2) return pairs.flatMap((q) => customerCountsOf(ws, ids, [q]));
  const params: Record<string, unknown> = { ids, s };
  pairs.forEach((q, i) => {
    params[`a${i}`] = q.a;
    params[`c${i}`] = spanMask(s, q.a, q.b);
    params[`q${i}`] = spanMask(s, q.pa, q.pb);
    if (spans === 2) {
      params[`d${i}`] = spanMask(s + 1, q.a, q.b);
      params[`r${i}`] = spanMask(s + 1, q.pa, q.pb);
    }
  });
  const rows = countsStatement(ws.sqlite, pairs.length, spans === 1).all(params) as number[][];
  return pairs.map((_, i) => {
    const m = new Map<number, CustomerCounts>();
    const o = 1 + 4 * i;
    for (const r of rows) m.set(r[0], { active: r[o], fresh: r[o + 1], prev: r[o + 2], kept: r[o + 3] });
    return m;
  });
}

function countsStatement(s: Sqlite, k: number, oneSpan: boolean): CountsStatement {
  let cache = countStatements.get(s);
  if (!cache) countStatements.set(s, (cache = new Map()));
  const key = `${k}:${oneSpan}`;
  let st = cache.get(key);
  if (!st) {
    const idx = Array.from({ length: k }, (_, i) => i);
    let sql: string;
    if (oneSpan) {
      // count(*) filter (where months & mask): a bit test per aggregate, no 0/1 value to add (a third less than sum(… <> 0)).
      const inCur = (i: number) => `months & @c${i}`;
      const inPrev = (i: number) => `months & @q${i}`;
      sql = `select partner_id as p, ${idx
        .map((i) => `count(*) filter (where ${inCur(i)}), count(*) filter (where ${inCur(i)} and first_month >= @a${i}), count(*) filter (where ${inPrev(i)}), count(*) filter (where ${inCur(i)} and ${inPrev(i)})`)
        .join(', ')}
        from sales_customer_months where ${IN_IDS} and span = @s group by partner_id`;
    } else {
      const folded = idx
        .map((i) => `max((months & (case when span = @s then @c${i} else @d${i} end)) <> 0) as c${i}, max((months & (case when span = @s then @q${i} else @r${i} end)) <> 0) as q${i}`)
        .join(', ');
      sql = `select partner_id as p, ${idx.map((i) => `count(*) filter (where c${i}), count(*) filter (where c${i} and first_month >= @a${i}), count(*) filter (where q${i}), count(*) filter (where c${i} and q${i})`).join(', ')}
        from (select partner_id, first_month, ${folded} from sales_customer_months where ${IN_IDS} and span between @s and @s + 1 group by partner_id, customer_ref)
        group by partner_id`;
    }
    cache.set(key, (st = s.prepare<Record<string, unknown>, unknown[]>(sql).raw(true)));
  }
  return st;
}

/** A range of months whose totals a run needs: its money and quantity (`full`), or its revenue alone (a growth base). */
export interface MonthRange {
  a: number;
  b: number;
  full: boolean;
}

const moneyStatements = new WeakMap<Sqlite, Map<string, CountsStatement>>();

/**
 * The month totals of several month ranges per partner in ONE read of sales_partner_months (each partner's months from
 * the lowest to the highest asked for, in month order): per range, in order, revenue, costed revenue, cost and quantity
 * when `full`, else revenue alone — each sum over the range's months only (a FILTER clause: the same additions in the
 * same order as a grouped read of that range), null when the partner has no month in it. Rows [partner, …sums]; a
 * partner without a month in any range may be absent.
 */
export function monthTotalsOf(ws: Workspace, ids: string, ranges: MonthRange[]): unknown[][] {
  if (ranges.length === 0) return [];
  const key = ranges.map((r) => (r.full ? 'f' : 'r')).join('');
  let cache = moneyStatements.get(ws.sqlite);
  if (!cache) moneyStatements.set(ws.sqlite, (cache = new Map()));
  let st = cache.get(key);
  if (!st) {
    const cols = ranges.map((r, i) => {
      const only = `filter (where month between @a${i} and @b${i})`;
      return r.full
        ? `sum(revenue_minor) ${only}, sum(costed_revenue_minor) ${only}, sum(cost_minor) ${only}, sum(quantity) ${only}`
        : `sum(revenue_minor) ${only}`;
    });
    st = ws.sqlite
      .prepare<Record<string, unknown>, unknown[]>(
        // The months between the ranges (a year-ago base leaves nine) are skipped before the aggregates (10k partners, a quarter: 45 → 39 ms CPU).
        `select partner_id, ${cols.join(', ')} from sales_partner_months where ${IN_IDS} and month between @lo and @hi
         and (${ranges.map((_, i) => `month between @a${i} and @b${i}`).join(' or ')}) group by partner_id`,
      )
      .raw(true);
    cache.set(key, st);
  }
  const params: Record<string, unknown> = { ids, lo: Math.min(...ranges.map((r) => r.a)), hi: Math.max(...ranges.map((r) => r.b)) };
  ranges.forEach((r, i) => {
    params[`a${i}`] = r.a;
    params[`b${i}`] = r.b;
  });
  return st.all(params) as unknown[][];
}

const standingStatements = new WeakMap<Sqlite, Map<number, Database.Statement<Record<string, unknown>, [number, number, number]>>>();

/**
 * The partners' standing in each course they hold passed records of, at each date (training's `CourseStandingTuple`:
 * per date j bit 3j a record valid then, 3j + 1 one lapsed before it, 3j + 2 a valid one lasting past `soon`, the date
 * + 90 days), one group per (partner, course) in partner order: the records never reach JavaScript. Records completed
 * after the last date are not read (they count at none of them).
 */
export function courseStandingsOf(ws: Workspace, ids: string, dates: Array<{ asOf: string; soon: string }>): Array<[number, number, number]> {
  if (dates.length === 0) return [];
  const params: Record<string, unknown> = { ids, last: dates.reduce((m, d) => (d.asOf > m ? d.asOf : m), dates[0].asOf) };
  dates.forEach((d, j) => {
    params[`d${j}`] = d.asOf;
    params[`s${j}`] = d.soon;
  });
  return standingsStatement(ws, dates.length).all(params);
}

/** courseStandingsOf's statement for `dates` dates (prepared once per connection and count). */
export function standingsStatement(ws: Workspace, dates: number): Database.Statement<Record<string, unknown>, [number, number, number]> {
  let cache = standingStatements.get(ws.sqlite);
  if (!cache) standingStatements.set(ws.sqlite, (cache = new Map()));
  let st = cache.get(dates);
  if (!st) {
    const bits = Array.from({ length: dates }, (_, j) => {
      const held = `completed_on <= @d${j}`;
      const valid = `${held} and (expires_on is null or expires_on >= @d${j})`;
      return `(max(${valid}) << ${3 * j}) | (max(${held} and expires_on is not null and expires_on < @d${j}) << ${3 * j + 1}) | (max(${valid} and coalesce(expires_on, '9999-12-31') > @s${j}) << ${3 * j + 2})`;
    });
    st = ws.sqlite
      .prepare<Record<string, unknown>, [number, number, number]>(
        // The covering (partner, course, passed, completed, expires) index is named: a planner with statistics of the
        // unique index only (a workspace ANALYZEd before it existed) took that one and visited every row.
        `select partner_id, course_id, ${bits.join(' | ')} from training_records indexed by training_records_partner_idx
         where ${IN_IDS} and passed = 1 and completed_on <= @last group by partner_id, course_id order by partner_id`,
      )
      .raw(true);
    cache.set(dates, st);
  }
  return st;
}

export interface StoredPeriodResult {
  id: ScorecardRow['partnerId'];
  attainment: ScorecardRow['attainment'];
  healthScore: ScorecardRow['healthScore'];
}

const IN_IDS = 'partner_id in (select value from json_each(@ids))';

/** The evaluated period's line scan (`periodLines`; the same text runs on the scan's worker, parallelScan.ts). */
const PERIOD_LINES_SQL = `select partner_id, sum(quantity), count(distinct order_ref)
         from sales_lines where ${IN_IDS} and date between @start and @end group by partner_id`;

function prepareKpis(s: Sqlite) {
  return {
    // The money of the evaluated period comes from the month totals (integer sums: the same to the fen); its lines are
    // scanned for what months cannot give — distinct orders, and the sell-in quantity summed line by line (a fractional
    // quantity summed per month first could differ in the last binary digit).
    periodLines: s.prepare<{ ids: string; start: string; end: string }, [p: number, qty: number, orders: number]>(PERIOD_LINES_SQL).raw(true),
    satisfaction: s.prepare<{ ids: string; start: string; end: string }, { p: number; avg: number }>(
      `select partner_id as p, avg(score) as avg from feedback where ${IN_IDS} and date between @start and @end group by partner_id`,
    ),
    risks: s.prepare<{ ids: string }, { p: number; score: number }>(
      `select partner_id as p, coalesce(residual_likelihood * residual_impact, likelihood * impact) as score from risks
       where ${IN_IDS} and status in ('open', 'mitigating')`,
    ),
    livePartners: s.prepare<{ ids: string }, { id: number; tier: string; channelType: string }>(
      `select id, tier, channel_type as channelType from partners where deleted_at is null and id in (select value from json_each(@ids))`,
    ),
    // The tier rules' stored history: the period's completed runs, newest first, and a run's scorecards of the partners
    // the rules ask about (a JSON array of ids: one seek each in (run, partner)); the caller keeps each partner's newest
    // and stops once every asked partner has one — usually after the newest run. (All 10k scorecards of the run were
    // read before; a grouped max(run_id) over every run of the period before that.)
    periodRuns: s.prepare<[string], number>(`select id from evaluation_runs where period = ? and status = 'completed' order by id desc`).pluck(),
    runResults: s
      .prepare<[number, string], [StoredPeriodResult['id'], StoredPeriodResult['attainment'], StoredPeriodResult['healthScore']]>(
        'select partner_id, attainment, health_score from scorecards where run_id = ? and partner_id in (select value from json_each(?))',
      )
      .raw(true),
    nextVersion: s.prepare<[string], { v: number }>('select coalesce(max(version), 0) + 1 as v from evaluation_runs where period = ?'),
    insertRun: s.prepare<
      [
        RunRow['scheduleId'],
        RunRow['period'],
        RunRow['periodKind'],
        RunRow['version'],
        RunRow['trigger'],
        RunRow['partnerCount'],
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    >(
      `insert into evaluation_runs (schedule_id, period, period_kind, version, status, trigger, partner_count, inputs_fingerprint,
        settings_snapshot, partner_filter, population, started_by, started_at, finished_at) values (?, ?, ?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}

const kpiStatements = new WeakMap<Sqlite, ReturnType<typeof prepareKpis>>();

/** The evaluation's prepared statements on this connection (prepared on first use). */
export function evaluationSql(ws: Workspace): ReturnType<typeof prepareKpis> {
  let st = kpiStatements.get(ws.sqlite);
  if (!st) kpiStatements.set(ws.sqlite, (st = prepareKpis(ws.sqlite)));
  return st;
}

export const SCORECARD_COLUMNS = [
  'run_id', 'partner_id', 'tier', 'channel_type', 'region', 'region_en', 'region_code', 'revenue_minor', 'target_minor', 'attainment', 'growth_prev', 'growth_yoy',
  'gross_margin', 'orders', 'active_customers', 'new_customers', 'retention', 'satisfaction', 'training_compliance', 'open_high_risks', 'health_score',
  'grade', 'rank_in_channel', 'rank_in_region', 'tier_recommendation', 'recommendation_reason', 'score_parts',
  'sell_through_rate', 'days_of_inventory', 'inventory_turnover', 'cross_territory_share', 'below_floor_share',
] as const;

/**
 * Scorecards per insert statement: 250 rows × 32 columns. Measured at 10k partners (CPU ms for the 10k rows, triggers
 * and indexes included): 1 row a statement 74, 1,000 rows 66, 250 rows 59; one statement over a JSON array
 * (`insert … select … from json_each(?)`) 276 (every `->>` parses its row again).
 */
const CARD_ROWS = 250;
const cardInserts = new WeakMap<Sqlite, Map<number, Database.Statement<unknown[]>>>();

/**
 * Inserts `count` scorecards `CARD_ROWS` a statement, the values of row i written by `values(i, row, at)` into
 * `row[at]`… in SCORECARD_COLUMNS order; the statements are prepared once per connection and row count, and the
 * parameter array is reused from one statement to the next.
 */
export function insertScorecards(ws: Workspace, count: number, values: (i: number, row: unknown[], at: number) => void): void {
  let byRows = cardInserts.get(ws.sqlite);
  if (!byRows) cardInserts.set(ws.sqlite, (byRows = new Map()));
  const width = SCORECARD_COLUMNS.length;
  const row = `(${Array(width).fill('?').join(', ')})`;
  let params: unknown[] = [];
  for (let from = 0; from < count; from += CARD_ROWS) {
    const n = Math.min(CARD_ROWS, count - from);
    let st = byRows.get(n);
    if (!st) byRows.set(n, (st = ws.sqlite.prepare(`insert into scorecards (${SCORECARD_COLUMNS.join(', ')}) values ${Array(n).fill(row).join(', ')}`)));
    if (params.length !== n * width) params = new Array<unknown>(n * width);
    for (let i = 0; i < n; i++) values(from + i, params, i * width);
    st.run(params);
  }
}

/** Months per bitmap row of sales_customer_months (bits 0–59 of a 64-bit integer). */
export const SPAN = 60;


const MONTH_SQL = (col: string) => `(cast(substr(${col}, 1, 4) as integer) * 12 + cast(substr(${col}, 6, 2) as integer) - 1)`;

interface SummaryState {
  maxLineId: number;
}

const summaryStatements = new WeakMap<Sqlite, ReturnType<typeof prepareSummaries>>();

/** The sales summaries' statements (rules in salesSummaries.ts); the temp tables hold what an undo takes out. */
function prepareSummaries(s: Sqlite) {
  s.exec(`create temp table if not exists sales_summary_sub (partner_id integer not null, month integer not null, from_day text not null, to_day text not null,
            revenue_minor integer not null, costed_revenue_minor integer, cost_minor integer, quantity real not null, lines integer not null, primary key (partner_id, month)) without rowid;
          create temp table if not exists sales_summary_subc (partner_id integer not null, customer_ref text not null, month integer not null, from_day text not null, to_day text not null,
            primary key (partner_id, customer_ref, month)) without rowid;
          create temp table if not exists sales_summary_stale (id integer primary key);
          create temp table if not exists sales_summary_pcs (partner_id integer not null, customer_ref text not null, span integer not null, months integer not null, first_month integer not null, primary key (partner_id, customer_ref, span)) without rowid;`);
  const monthBounds = (m: string) =>
    `printf('%04d-%02d-01', ${m} / 12, ${m} % 12 + 1), printf('%04d-%02d-01', (${m} + 1) / 12, (${m} + 1) % 12 + 1)`;
  const addMonths = (scan: string) =>
    s.prepare<[number]>(
      `insert into sales_partner_months (partner_id, month, revenue_minor, costed_revenue_minor, cost_minor, quantity, lines)
       select partner_id, ${MONTH_SQL('date')}, sum(amount_minor), sum(case when cost_minor is not null then amount_minor end), sum(cost_minor), ${roundedQuantity('sum(quantity)')}, count(*)
       from sales_lines ${scan} where id > ? group by partner_id, substr(date, 1, 7)
       on conflict (partner_id, month) do update set
         revenue_minor = revenue_minor + excluded.revenue_minor,
         costed_revenue_minor = coalesce(costed_revenue_minor + excluded.costed_revenue_minor, costed_revenue_minor, excluded.costed_revenue_minor),
         cost_minor = coalesce(cost_minor + excluded.cost_minor, cost_minor, excluded.cost_minor),
         quantity = ${roundedQuantity('quantity + excluded.quantity')},
         lines = lines + excluded.lines`,
    );
  const stageCustomers = (scan: string) =>
    s.prepare<[number]>(
      `insert into temp.sales_summary_pcs (partner_id, customer_ref, span, months, first_month)
       select partner_id, customer_ref, span, months,
              min(first_month, coalesce((select min(c.first_month) from sales_customer_months c where c.partner_id = n.partner_id and c.customer_ref = n.customer_ref), first_month))
       from (select partner_id, customer_ref, m / ${SPAN} as span, sum(distinct 1 << (m % ${SPAN})) as months, min(min(m)) over (partition by partner_id, customer_ref) as first_month
             from (select partner_id, customer_ref, ${MONTH_SQL('date')} as m from sales_lines ${scan} where id > ? and customer_ref is not null)
             group by partner_id, customer_ref, m / ${SPAN}) n`,
    );
  return {
    state: s.prepare<[], SummaryState>('select max_line_id as maxLineId from sales_summary_state where id = 1'),
    lines: s.prepare<[], SummaryState>('select coalesce(max(id), 0) as maxLineId from sales_lines'),
    /** The lowest line id of an import, and the highest id of the lines before them. */
    importLines: s.prepare<[number], { minId: number | null }>('select min(id) as minId from sales_lines where import_id = ?'),
    /** The id range of an import's lines (saved in one transaction by one writer: one run of ids). */
    importRange: s.prepare<[number], { minId: number | null; maxId: number | null }>('select min(id) as minId, max(id) as maxId from sales_lines where import_id = ?'),
    maxBelow: s.prepare<[number], { maxId: number | null }>('select max(id) as maxId from sales_lines where id < ?'),
    setState: s.prepare<[number]>('insert into sales_summary_state (id, max_line_id) values (1, ?) on conflict (id) do update set max_line_id = excluded.max_line_id'),
    /**
     * Undo, before the lines go: an import's sums per partner × month (one grouped pass over its lines, read as the
     * rowid range they were saved in — in table order, not one lookup per line through the import index) and its distinct partner × customer × month keys, held for `subtractMonths` / `subtractCustomers`.
     */
    noteMonths: s.prepare<[number, number, number]>(
      `insert into temp.sales_summary_sub (partner_id, month, from_day, to_day, revenue_minor, costed_revenue_minor, cost_minor, quantity, lines)
       select partner_id, m, ${monthBounds('m')}, sum(amount_minor), sum(case when cost_minor is not null then amount_minor end), sum(cost_minor), ${roundedQuantity('sum(quantity)')}, count(*)
       from (select partner_id, ${MONTH_SQL('date')} as m, amount_minor, cost_minor, quantity from sales_lines where id between ? and ? and +import_id = ?)
       group by partner_id, m`,
    ),
    noteCustomers: s.prepare<[number, number, number]>(
      `insert or ignore into temp.sales_summary_subc (partner_id, customer_ref, month, from_day, to_day)
       select partner_id, customer_ref, m, ${monthBounds('m')}
       from (select distinct partner_id, customer_ref, ${MONTH_SQL('date')} as m from sales_lines where id between ? and ? and +import_id = ? and customer_ref is not null)`,
    ),
    /**
     * Undo, after the lines went: the noted sums subtracted from their months (a month left without lines goes; a
     * month whose costed lines all went has no costed revenue and no cost again: null, as a rebuild gives, checked
     * by one index probe where both came to 0).
     */
    subtractMonths: () =>
      s.exec(`update sales_partner_months as p set
                revenue_minor = p.revenue_minor - k.revenue_minor,
                costed_revenue_minor = p.costed_revenue_minor - coalesce(k.costed_revenue_minor, 0),
                cost_minor = p.cost_minor - coalesce(k.cost_minor, 0),
                quantity = ${roundedQuantity('p.quantity - k.quantity')},
                lines = p.lines - k.lines
              from temp.sales_summary_sub k where p.partner_id = k.partner_id and p.month = k.month;
              delete from sales_partner_months where lines = 0 and (partner_id, month) in (select partner_id, month from temp.sales_summary_sub);
              update sales_partner_months as p set costed_revenue_minor = null, cost_minor = null
              from temp.sales_summary_sub k where p.partner_id = k.partner_id and p.month = k.month and k.cost_minor is not null
                and p.costed_revenue_minor = 0 and p.cost_minor = 0
                and not exists (select 1 from sales_lines l where l.partner_id = k.partner_id and l.date >= k.from_day and l.date < k.to_day and l.cost_minor is not null);
              delete from temp.sales_summary_sub;`),
    /**
     * Undo, after the lines went: a noted customer month stays set when another line of that partner, customer and
     * month is left (one probe of sales_customer_idx each), else its bit is cleared; a span without bits goes, and
     * the key's first month is its first remaining line's (an index lookup per key).
     */
    subtractCustomers: () =>
      s.exec(`delete from temp.sales_summary_subc as k where exists (select 1 from sales_lines l
                where l.partner_id = k.partner_id and l.customer_ref = k.customer_ref and l.date >= k.from_day and l.date < k.to_day);
              update sales_customer_months as c set months = c.months & ~k.bits
              from (select partner_id, customer_ref, month / ${SPAN} as span, sum(1 << (month % ${SPAN})) as bits from temp.sales_summary_subc group by partner_id, customer_ref, month / ${SPAN}) k
              where c.partner_id = k.partner_id and c.customer_ref = k.customer_ref and c.span = k.span;
              delete from sales_customer_months where months = 0 and (partner_id, customer_ref) in (select partner_id, customer_ref from temp.sales_summary_subc);
              update sales_customer_months set first_month = (select ${MONTH_SQL('min(l.date)')} from sales_lines l
                  where l.partner_id = sales_customer_months.partner_id and l.customer_ref = sales_customer_months.customer_ref)
                where (partner_id, customer_ref) in (select partner_id, customer_ref from temp.sales_summary_subc);
              delete from temp.sales_summary_subc;`),
    /**
     * The lines above an id (a sales import's, appended under the write lock) added into the month totals, one grouped
     * pass: a month the summaries hold gains their sums, a new one is inserted. Two plans, chosen by the caller (the
     * planner, left alone, scans the whole covering index even for a few new lines at the end of a large table):
     * `rowid` reads only the new lines' rowid range; `index` reads the covering index sales_partner_date_idx end to end
     * (narrower than the table, in partner order), for an import that is most of the table and whose indexes were just
     * built (prepared when asked for: a bulk import drops that index while it saves).
     */
    addMonths: { rowid: addMonths('not indexed'), index: () => addMonths('indexed by sales_partner_date_idx') },
    /**
     * The same lines' customer months, per (partner, customer, span): their bits, and the key's first month over the
     * new lines and the months already summarised (every span row of a key holds the key's first month). The same two
     * plans (`index`: the covering sales_customer_idx).
     */
    stageCustomers: { rowid: stageCustomers('not indexed'), index: () => stageCustomers('indexed by sales_customer_idx') },
    mergeCustomers: () =>
      s.exec(`insert into sales_customer_months (partner_id, customer_ref, span, first_month, months)
                select partner_id, customer_ref, span, first_month, months from temp.sales_summary_pcs where true
                on conflict (partner_id, customer_ref, span) do update set months = months | excluded.months, first_month = excluded.first_month;
              update sales_customer_months set first_month = (select k.first_month from temp.sales_summary_pcs k
                  where k.partner_id = sales_customer_months.partner_id and k.customer_ref = sales_customer_months.customer_ref limit 1)
                where (partner_id, customer_ref) in (select partner_id, customer_ref from temp.sales_summary_pcs)
                  and first_month > (select k.first_month from temp.sales_summary_pcs k
                  where k.partner_id = sales_customer_months.partner_id and k.customer_ref = sales_customer_months.customer_ref limit 1);
              delete from temp.sales_summary_pcs;`),
    markStale: s.prepare('insert or ignore into temp.sales_summary_stale (id) values (1)'),
    isStale: s.prepare<[], { id: number }>('select id from temp.sales_summary_stale'),
    clearScope: () => s.exec('delete from temp.sales_summary_sub; delete from temp.sales_summary_subc; delete from temp.sales_summary_stale;'),
    rebuild: () =>
      s.exec(`delete from sales_partner_months;
        insert into sales_partner_months (partner_id, month, revenue_minor, costed_revenue_minor, cost_minor, quantity, lines)
        select partner_id, ${MONTH_SQL('date')}, sum(amount_minor), sum(case when cost_minor is not null then amount_minor end), sum(cost_minor), ${roundedQuantity('sum(quantity)')}, count(*)
        from sales_lines group by partner_id, substr(date, 1, 7);
        delete from sales_customer_months;
        insert into sales_customer_months (partner_id, customer_ref, span, first_month, months)
        select partner_id, customer_ref, m / ${SPAN}, min(min(m)) over (partition by partner_id, customer_ref), sum(1 << (m % ${SPAN}))
        from (select distinct partner_id, customer_ref, ${MONTH_SQL('date')} as m from sales_lines where customer_ref is not null)
        group by partner_id, customer_ref, m / ${SPAN};`),
  };
}

export function salesSummarySql(s: Sqlite): ReturnType<typeof prepareSummaries> {
  let st = summaryStatements.get(s);
  if (!st) summaryStatements.set(s, (st = prepareSummaries(s)));
  return st;
}

const targetStatements = new WeakMap<Sqlite, Database.Statement<{ metric: string; labels: string; ids: string; lo: string; hi: string }, [TargetRow['partnerId'], TargetRow['period'], TargetRow['value']]>>();

/** The partners' targets of one metric for the given period labels, as [partner, label, value] (targets.ts resolves them). */
export function targetRows(ws: Workspace, metric: string, labels: string[], partnerIds: number[]): Array<[TargetRow['partnerId'], TargetRow['period'], TargetRow['value']]> {
  if (labels.length === 0) return [];
  let lo = labels[0];
  let hi = labels[0];
  for (const l of labels) {
    if (l < lo) lo = l;
    if (l > hi) hi = l;
  }
  return targetRowsStatement(ws).all({ metric, labels: JSON.stringify(labels), ids: JSON.stringify(partnerIds), lo, hi });
}

/** targetRows' statement (prepared once per connection). */
export function targetRowsStatement(ws: Workspace): Database.Statement<{ metric: string; labels: string; ids: string; lo: string; hi: string }, [TargetRow['partnerId'], TargetRow['period'], TargetRow['value']]> {
  let st = targetStatements.get(ws.sqlite);
  if (!st) {
    st = ws.sqlite
      .prepare<{ metric: string; labels: string; ids: string; lo: string; hi: string }, [TargetRow['partnerId'], TargetRow['period'], TargetRow['value']]>(
        // Per partner one range of its (partner, metric, period) key — the labels' lowest to highest — tested against the
        // labels (`+period`: the planner otherwise seeks once per partner and label; a year and its parts are 19 labels).
        // The covering index is named: without statistics the planner takes the unique (partner, period, metric) one and
        // visits every row. 10k partners, a quarter: 19 → 13 ms CPU.
        `select partner_id, period, value from targets indexed by targets_partner_metric_period_idx where metric = @metric and partner_id in (select value from json_each(@ids))
         and period between @lo and @hi and +period in (select value from json_each(@labels))`,
      )
      .raw(true);
    targetStatements.set(ws.sqlite, st);
  }
  return st;
}

// ——— Scorecards, runs, schedules, tier decisions, the dashboard, the population and the risk signals' reads ———

type ScheduleRow = typeof evaluationSchedules.$inferSelect;
type ScheduleRunRow = typeof scheduleRuns.$inferSelect;
type TierDecisionRow = typeof tierDecisions.$inferSelect;
type PartnerRow = typeof partners.$inferSelect;

/** A scorecard row as read with its run, partner and tier decision (JSON columns as text, parsed by the caller). */
export type ScorecardSql = Omit<ScorecardListRow, 'recommendationReason' | 'scoreParts' | 'decision'> & {
  reasonJson: ScorecardRow['recommendationReason'];
  /** score_parts as stored (JSON text: raw statements do not map drizzle's json mode). */
  partsJson: string | null;
  dDecision: TierDecisionRow['decision'] | null;
  dToTier: TierDecisionRow['toTier'] | null;
  dEffectiveOn: TierDecisionRow['effectiveOn'];
  dDecidedBy: TierDecisionRow['decidedBy'] | null;
  dDecidedAt: TierDecisionRow['decidedAt'] | null;
};

/** What the scorecard list filters on (territory filters already resolved to top-level codes). */
export interface ScorecardSqlFilter {
  runId?: number;
  /** The period's latest completed run per partner. */
  period?: string;
  partnerIds?: number[];
  channelManagerIds?: number[];
  channelTypes?: string[];
  regionCodes?: string[];
  tiers?: string[];
  grades?: string[];
}

const SCORECARD_SELECT = `select s.id, s.run_id as runId, r.version as runVersion, r.period, r.period_kind as periodKind, s.partner_id as partnerId,
  p.code as partnerCode, p.name as partnerName, p.name_en as partnerNameEn, s.tier, coalesce(s.channel_type, p.channel_type) as channelType, s.region, s.region_en as regionEn,
  coalesce(s.region_code, (select t.code from territories t where t.name_zh = s.region and t.parent_id is null)) as regionCode,
  s.revenue_minor as revenueMinor, s.target_minor as targetMinor, s.attainment, s.growth_prev as growthPrev, s.growth_yoy as growthYoY,
  s.gross_margin as grossMargin, s.orders, s.active_customers as activeCustomers, s.new_customers as newCustomers, s.retention,
  s.satisfaction, s.training_compliance as trainingCompliance, s.open_high_risks as openHighRisks, s.sell_through_rate as sellThroughRate, s.days_of_inventory as daysOfInventory,
  s.inventory_turnover as inventoryTurnover, s.cross_territory_share as crossTerritoryShare, s.below_floor_share as belowFloorShare, s.health_score as healthScore, s.grade,
  s.rank_in_channel as rankInChannel, s.rank_in_region as rankInRegion, s.tier_recommendation as tierRecommendation,
  s.recommendation_reason as reasonJson, s.score_parts as partsJson,
  d.decision as dDecision, d.to_tier as dToTier, d.effective_on as dEffectiveOn, d.decided_by as dDecidedBy, d.decided_at as dDecidedAt
  from scorecards s join evaluation_runs r on r.id = s.run_id join partners p on p.id = s.partner_id
  left join tier_decisions d on d.scorecard_id = s.id`;

/** The scorecard's latest completed run for its period (per partner: schedules may evaluate groups in separate runs). */
const LATEST_OF_PERIOD = `r.id = (select max(r2.id) from scorecards s2 join evaluation_runs r2 on r2.id = s2.run_id
  where s2.partner_id = s.partner_id and r2.period = r.period and r2.status = 'completed')`;

/** A run as listed; population as stored (JSON text). */
export type RunSql = Omit<RunInfo, 'population'> & { population: string | null };

export const scorecardStore = {
  /** Scorecards of a run or of a period, filtered, best health score first. */
  list(ws: Workspace, f: ScorecardSqlFilter): ScorecardSql[] {
    const where: string[] = ["r.status = 'completed'"];
    const params: Record<string, unknown> = {};
    const list = (col: string, key: string, values?: unknown[]) => {
      if (!values || values.length === 0) return;
      where.push(`${col} in (select value from json_each(@${key}))`);
      params[key] = JSON.stringify(values);
    };
    if (f.runId !== undefined) {
      where.push('s.run_id = @runId');
      params.runId = f.runId;
    } else {
      where.push('r.period = @period', LATEST_OF_PERIOD);
      params.period = f.period;
    }
    list('s.partner_id', 'partnerIds', f.partnerIds);
    if (f.channelManagerIds) {
      where.push('p.channel_manager_id in (select value from json_each(@managers))');
      params.managers = JSON.stringify(f.channelManagerIds);
    }
    list('coalesce(s.channel_type, p.channel_type)', 'channels', f.channelTypes);
    if (f.regionCodes) {
      // the run's territory (its code then; runs stored before the tree by their region name)
      where.push(`coalesce(s.region_code, (select t.code from territories t where t.name_zh = s.region and t.parent_id is null)) in (select value from json_each(@regions))`);
      params.regions = JSON.stringify(f.regionCodes);
    }
    list('s.tier', 'tiers', f.tiers);
    list('s.grade', 'grades', f.grades);
    return ws.sqlite.prepare<Record<string, unknown>, ScorecardSql>(`${SCORECARD_SELECT} where ${where.join(' and ')} order by s.health_score desc, p.code`).all(params);
  },
  /** The period kinds a partner has completed scorecards of, the most recently evaluated first. */
  trendKinds(ws: Workspace, partnerId: number): Array<RunRow['periodKind']> {
    return ws.sqlite
      .prepare<[number], RunRow['periodKind']>(
        // Driven by the runs, one seek each in (run, partner): scorecards keep no partner index (migration 0031).
        `select r.period_kind from evaluation_runs r cross join scorecards s on s.run_id = r.id and s.partner_id = ? where r.status = 'completed'
         group by r.period_kind order by max(r.id) desc`,
      )
      .pluck()
      .all(partnerId);
  },
  /**
   * Whether any run holds a scorecard of the partner (import undo refuses to delete such a partner). One seek per run in
   * (run, partner): scorecards have no foreign key to partners, nor the partner index its child lookups needed
   * (migration 0031: that index grew every run's COMMIT with the stored history).
   */
  partnerEvaluated(ws: Workspace, partnerId: number): boolean {
    return Boolean(
      ws.sqlite
        .prepare<[number], number>('select exists(select 1 from evaluation_runs r cross join scorecards s on s.run_id = r.id and s.partner_id = ?)')
        .pluck()
        .get(partnerId),
    );
  },
  /** A partner's latest scorecard per period of one kind, oldest period first. */
  trend(ws: Workspace, partnerId: number, kind: string): ScorecardSql[] {
    return ws.sqlite
      .prepare<{ pid: number; kind: string }, ScorecardSql>(
        `${SCORECARD_SELECT} where s.partner_id = @pid and r.status = 'completed' and r.period_kind = @kind and ${LATEST_OF_PERIOD} order by r.period`,
      )
      .all({ pid: partnerId, kind });
  },
  runs(ws: Workspace, f: { period: string | null; limit: number }): RunSql[] {
    return ws.sqlite
      .prepare<{ period: string | null; limit: number }, RunSql>(
        `select r.id, r.period, r.period_kind as periodKind, r.version, r.status, r.trigger, r.schedule_id as scheduleId, e.name as scheduleName,
          r.partner_count as partnerCount, r.inputs_fingerprint as inputsFingerprint, r.started_by as startedBy, r.started_at as startedAt,
          r.finished_at as finishedAt, r.error, r.population
         from evaluation_runs r left join evaluation_schedules e on e.id = r.schedule_id
         where (@period is null or r.period = @period) order by r.id desc limit @limit`,
      )
      .all(f);
  },
  /** The weights a run scored with, as JSON text (from its settings snapshot; undefined without one). */
  runWeights(ws: Workspace, id: number): string | undefined {
    return ws.sqlite.prepare<[number], string | null>("select settings_snapshot ->> '$.weights' from evaluation_runs where id = ?").pluck().get(id) ?? undefined;
  },
  runPeriod(ws: Workspace, id: number): RunRow['period'] | undefined {
    return ws.sqlite.prepare<[number], RunRow['period']>('select period from evaluation_runs where id = ?').pluck().get(id);
  },
  /** The completed run of the same period right before this version. */
  previousVersion(ws: Workspace, period: string, version: number): RunRow['id'] | undefined {
    return ws.sqlite
      .prepare<[string, number], RunRow['id']>("select id from evaluation_runs where period = ? and version < ? and status = 'completed' order by version desc limit 1")
      .pluck()
      .get(period, version);
  },
  /** Periods with completed runs, quarters first, newest period first within a kind. */
  evaluatedPeriods(ws: Workspace): Array<{ period: RunRow['period']; kind: RunRow['periodKind']; runs: number; lastRunAt: string }> {
    return ws.sqlite
      .prepare<[], { period: RunRow['period']; kind: RunRow['periodKind']; runs: number; lastRunAt: string }>(
        `select period, period_kind as kind, count(*) as runs, max(finished_at) as lastRunAt from evaluation_runs where status = 'completed'
         group by period, period_kind order by case period_kind when 'quarter' then 0 when 'month' then 1 when 'half' then 2 else 3 end, period desc`,
      )
      .all();
  },
};

export type ScheduleSql = Omit<Schedule, 'tiers' | 'channelTypes' | 'regions' | 'enabled' | 'lastPopulation'> & {
  tiers: string;
  channelTypes: string;
  regions: string;
  enabled: number;
  lastPopulation: string | null;
};

/** The columns a schedule is saved with (lists as JSON text, enabled 0/1). */
export type ScheduleValues = [ScheduleRow['name'], ScheduleRow['cycle'], string, string, string, ScheduleRow['lagDays'], number];

export const scheduleStore = {
  /** Every schedule with its last claimed period, outcome, time and the population of its last run. */
  list(ws: Workspace): ScheduleSql[] {
    return ws.sqlite
      .prepare<[], ScheduleSql>(
        `select e.id, e.name, e.cycle, e.tiers, e.channel_types as channelTypes, e.regions, e.lag_days as lagDays, e.enabled,
          (select period from schedule_runs r where r.schedule_id = e.id order by r.period desc limit 1) as lastPeriod,
          (select outcome from schedule_runs r where r.schedule_id = e.id order by r.period desc limit 1) as lastOutcome,
          (select max(coalesce(finished_at, started_at)) from schedule_runs r where r.schedule_id = e.id) as lastRunAt,
          (select v.population from schedule_runs r join evaluation_runs v on v.id = r.evaluation_run_id where r.schedule_id = e.id order by r.period desc limit 1) as lastPopulation
         from evaluation_schedules e order by e.id`,
      )
      .all();
  },
  /** `at`: the operation's instant (its clock), stamped as created and updated. */
  insert(ws: Workspace, values: ScheduleValues, at: string): number {
    return Number(
      ws.sqlite
        .prepare<[...ScheduleValues, string, string]>(
          'insert into evaluation_schedules (name, cycle, tiers, channel_types, regions, lag_days, enabled, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(...values, at, at).lastInsertRowid,
    );
  },
  update(ws: Workspace, id: number, values: ScheduleValues, at: string): void {
    ws.sqlite
      .prepare<[...ScheduleValues, string, number]>(
        `update evaluation_schedules set name = ?, cycle = ?, tiers = ?, channel_types = ?, regions = ?, lag_days = ?, enabled = ?,
         updated_at = ? where id = ?`,
      )
      .run(...values, at, id);
  },
  /** Claims and runs that refer to the schedule. */
  uses(ws: Workspace, id: number): number {
    return ws.sqlite
      .prepare<[number, number], number>('select (select count(*) from schedule_runs where schedule_id = ?) + (select count(*) from evaluation_runs where schedule_id = ?)')
      .pluck()
      .get(id, id)!;
  },
  delete(ws: Workspace, id: number): void {
    ws.sqlite.prepare<[number]>('delete from evaluation_schedules where id = ?').run(id);
  },
  /** The schedule's claimed periods, oldest first. */
  claims(ws: Workspace, scheduleId: number): Array<Pick<ScheduleRunRow, 'period' | 'outcome'>> {
    return ws.sqlite.prepare<[number], Pick<ScheduleRunRow, 'period' | 'outcome'>>('select period, outcome from schedule_runs where schedule_id = ? order by period').all(scheduleId);
  },
  /**
   * Inserts the schedule-period's claim as 'running', or takes over a failed / waiting one or a stale running one; one
   * statement, so two processes never both win. True when claimed.
   */
  claim(ws: Workspace, c: { id: number; period: string; now: string; stale: string }): boolean {
    return (
      ws.sqlite
        .prepare<{ id: number; period: string; now: string; stale: string }>(
          `insert into schedule_runs (schedule_id, period, outcome, started_at) values (@id, @period, 'running', @now)
           on conflict (schedule_id, period) do update set outcome = 'running', started_at = excluded.started_at, finished_at = null, message = null,
             evaluation_run_id = null
           where schedule_runs.outcome in ('failed', 'waiting') or (schedule_runs.outcome = 'running' and schedule_runs.started_at < @stale)`,
        )
        .run(c).changes === 1
    );
  },
  finish(ws: Workspace, f: { id: number; period: string; outcome: ScheduleRunRow['outcome']; runId: number | null; message: string | null; at: string }): void {
    ws.sqlite
      .prepare<typeof f>(
        `update schedule_runs set outcome = @outcome, evaluation_run_id = @runId, message = @message, finished_at = @at where schedule_id = @id and period = @period`,
      )
      .run(f);
  },
  /** Whether any sales line is dated in [from, to]. */
  hasSales(ws: Workspace, from: string, to: string): boolean {
    return Boolean(ws.sqlite.prepare<[string, string], number>('select exists(select 1 from sales_lines where date between ? and ?)').pluck().get(from, to));
  },
};

export const tierDecisionStore = {
  scorecard(ws: Workspace, id: number): { id: ScorecardRow['id']; partnerId: ScorecardRow['partnerId']; tier: Tier; rec: Tier | null } | undefined {
    return ws.sqlite
      .prepare<[number], { id: number; partnerId: number; tier: Tier; rec: Tier | null }>(
        'select s.id, s.partner_id as partnerId, s.tier, s.tier_recommendation as rec from scorecards s where s.id = ?',
      )
      .get(id);
  },
  decisionOf(ws: Workspace, scorecardId: number): TierDecisionRow['decision'] | undefined {
    return ws.sqlite.prepare<[number], TierDecisionRow['decision']>('select decision from tier_decisions where scorecard_id = ?').pluck().get(scorecardId);
  },
  partner(ws: Workspace, id: number): { code: string; tier: Tier; deletedAt: PartnerRow['deletedAt'] } | undefined {
    return ws.sqlite.prepare<[number], { code: string; tier: Tier; deletedAt: string | null }>('select code, tier, deleted_at as deletedAt from partners where id = ?').get(id);
  },
  insert(ws: Workspace, d: Omit<TierDecisionRow, 'id'>): number {
    return Number(
      ws.sqlite
        .prepare<Omit<TierDecisionRow, 'id'>>(
          `insert into tier_decisions (scorecard_id, partner_id, from_tier, to_tier, decision, effective_on, decided_by, decided_at)
           values (@scorecardId, @partnerId, @fromTier, @toTier, @decision, @effectiveOn, @decidedBy, @decidedAt)`,
        )
        .run(d).lastInsertRowid,
    );
  },
};

export const dashboardStore = {
  /** The score (residual, else inherent likelihood × impact) of every risk not closed. */
  openRiskScores(ws: Workspace): number[] {
    return ws.sqlite
      .prepare<[], number>("select coalesce(residual_likelihood * residual_impact, likelihood * impact) from risks where status <> 'closed'")
      .pluck()
      .all();
  },
  /** Revenue per channel type and calendar month ('YYYY-MM') of the lines dated in [from, to]. */
  revenueByChannelMonth(ws: Workspace, from: string, to: string): Array<{ c: PartnerRow['channelType']; m: string; rev: number }> {
    return ws.sqlite
      .prepare<[string, string], { c: PartnerRow['channelType']; m: string; rev: number }>(
        `select p.channel_type as c, substr(s.date, 1, 7) as m, sum(s.amount_minor) as rev
         from partners p join sales_lines s on s.partner_id = p.id and s.date between ? and ? group by p.channel_type, m`,
      )
      .all(from, to);
  },
};

/** A live partner as the population reads it (its territory's names and code come from the territory list). */
export type PopulationPartnerTuple = [
  id: PartnerRow['id'],
  code: PartnerRow['code'],
  name: PartnerRow['name'],
  channelType: PartnerRow['channelType'],
  tier: PartnerRow['tier'],
  /** 1 when the partner is a prospect. */
  prospect: number,
  /** 1 when it joined after the day asked about. */
  joinedLater: number,
  territoryId: PartnerRow['territoryId'],
];

const populationStatements = new WeakMap<Sqlite, Database.Statement<[string], PopulationPartnerTuple>>();

/**
 * The live partners by code (the population of every evaluation; read once per run), as arrays: no object per
 * partner, no territory names repeated on every row (a join gave each partner its own copies of the strings), and
 * the status and joining day as the two flags the population asks (prospect; joined after `day`).
 */
export function populationPartners(ws: Workspace, day: string): PopulationPartnerTuple[] {
  let st = populationStatements.get(ws.sqlite);
  if (!st) {
    st = ws.sqlite
      .prepare<[string], PopulationPartnerTuple>(
        `select id, code, name, channel_type, tier, status = 'prospect', coalesce(joined_on > ?, 0), territory_id from partners where deleted_at is null order by code`,
      )
      .raw(true);
    populationStatements.set(ws.sqlite, st);
  }
  return st.all(day);
}

/**
 * A risk's history snapshot as SQL: every column of `risks` but the bookkeeping timestamps, under its field name, in
 * the schema's order, typed as drizzle reads it (the boolean as true/false, the JSON parameters as JSON) — the same
 * text as `JSON.stringify(snapshotOf(row))` (riskRegister.ts), built by SQLite from the row as written. The columns up
 * to the first JSON one are one `json_object`; the rest are appended as text, the JSON parameters as stored: the risk
 * signals write them with `JSON.stringify`, so they are already the text `json()` would give, and parsing them again
 * for every history row cost ~3 of ~5 µs a snapshot.
 */
const RISK_SNAPSHOT_JSON = (() => {
  const cols = Object.entries(getTableColumns(risks)).filter(([field]) => field !== 'createdAt' && field !== 'updatedAt');
  const firstJson = cols.findIndex(([, col]) => col.columnType === 'SQLiteTextJson');
  const value = (col: (typeof cols)[number][1]) =>
    col.columnType === 'SQLiteBoolean' ? `json(iif(r.${col.name}, 'true', 'false'))` : col.columnType === 'SQLiteTextJson' ? `json(r.${col.name})` : `r.${col.name}`;
  const text = (col: (typeof cols)[number][1]) =>
    col.columnType === 'SQLiteBoolean' ? `iif(r.${col.name}, 'true', 'false')` : col.columnType === 'SQLiteTextJson' ? `coalesce(r.${col.name}, 'null')` : `json_quote(r.${col.name})`;
  if (firstJson <= 0) return `json_object(${cols.map(([field, col]) => `'${field}', ${value(col)}`).join(', ')})`;
  // rtrim drops the object's closing brace only: the value before it is a JSON string or null, never ending in '}'.
  const head = `rtrim(json_object(${cols.slice(0, firstJson).map(([field, col]) => `'${field}', ${value(col)}`).join(', ')}), '}')`;
  return `${head} || ${cols.slice(firstJson).map(([field, col]) => `',"${field}":' || ${text(col)}`).join(' || ')} || '}'`;
})();

/**
 * Rows written by multi-row statements: full chunks of `CHUNK` rows, the rest in power-of-two chunks (64, 32, … 1), so
 * that a connection prepares at most eight statements per kind and reuses them every run (a statement per remainder
 * size would be prepared anew in most runs). Bound values instead of a JSON array over `json_each`: no JSON text built
 * in code and parsed again field by field in SQLite.
 */
const CHUNK = 128;
function chunkSizes(n: number): number[] {
  const sizes: number[] = [];
  for (; n >= CHUNK; n -= CHUNK) sizes.push(CHUNK);
  for (let size = CHUNK / 2; size >= 1; size /= 2) {
    if (n < size) continue;
    sizes.push(size);
    n -= size;
  }
  return sizes;
}

/** An open auto-risk's words as the risk signals change them: [id, title, description, text code, text parameters JSON, review flag 0/1]. */
export type OpenRiskWords = [id: RiskRow['id'], title: RiskRow['title'], description: RiskRow['description'], textCode: RiskRow['textCode'], textParams: string | null, reviewRequested: number];

/** A new auto-risk: [code, title, description, category, partnerId, rule, owner, textCode, textParams JSON]. */
export type NewAutoRisk = [code: RiskRow['code'], title: RiskRow['title'], description: RiskRow['description'], category: RiskRow['category'], partnerId: number, rule: string, owner: RiskRow['owner'], textCode: string, textParams: string];
/** A changed auto-risk: [id, title, description, textParams JSON, reviewRequested 0/1]. */
export type ChangedAutoRisk = [id: RiskRow['id'], title: RiskRow['title'], description: RiskRow['description'], textParams: string | null, reviewRequested: 0 | 1];

const riskSignalStatementsOf = new WeakMap<Sqlite, ReturnType<typeof prepareRiskSignals>>();

function prepareRiskSignals(s: Sqlite) {
  return {
    resting: s.prepare<[], PartnerRow['id']>("select id from partners where status not in ('active', 'probation')").pluck(),
    partners: s
      .prepare<[string], [PartnerRow['id'], PartnerRow['code'], string | null]>(
        'select p.id, p.code, m.name from partners p left join channel_managers m on m.id = p.channel_manager_id where p.id in (select value from json_each(?))',
      )
      .raw(),
    openAuto: s
      .prepare<[], [RiskRow['id'], number, RiskRow['ruleCode'], number]>(
        "select id, partner_id, rule_code, review_requested from risks where source = 'evaluation' and status <> 'closed' and partner_id is not null order by id desc",
      )
      .raw(),
    words: s
      .prepare<[string], OpenRiskWords>('select id, title, description, text_code, text_params, review_requested from risks where id in (select value from json_each(?))')
      .raw(),
    // Multi-row statements of bound values (chunkSizes), prepared on first use per size: in the evaluation's
    // transaction a prepared statement per row measured ~1.6× slower than one statement over a JSON array (json_each),
    // which in turn cost more than these (bench's 1,897 new, 1,632 changed, 3,529 history rows: insert ~13 → ~9,
    // update ~10.5 → ~6.5 ms alone; history the same, its snapshot is what costs).
    insert: statementsBySize((n) =>
      s
        .prepare<unknown[], RiskRow['id']>(
          `insert into risks (code, title, description, category, partner_id, likelihood, impact, status, source, rule_code, review_requested, owner, next_review_on, text_code, text_params, created_at, updated_at)
           values ${Array.from({ length: n }, () => "(?, ?, ?, ?, ?, 3, 3, 'open', 'evaluation', ?, 0, ?, ?, ?, ?, ?, ?)").join(', ')}
           returning id`,
        )
        .pluck(),
    ),
    update: statementsBySize((n) =>
      s.prepare<unknown[]>(
        `update risks set title = v.column2, description = v.column3, text_params = v.column4, review_requested = v.column5, updated_at = ?
         from (values ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?)').join(', ')}) v where risks.id = v.column1`,
      ),
    ),
    history: statementsBySize((n) =>
      s.prepare<unknown[]>(
        `insert into risk_history (risk_id, changed_at, changed_by, changes, snapshot)
         select v.column1, ?, ?, v.column2, (select ${RISK_SNAPSHOT_JSON} from risks r where r.id = v.column1)
         from (values ${Array.from({ length: n }, () => '(?, ?)').join(', ')}) v`,
      ),
    ),
  };
}

/** A statement per chunk size, prepared when first needed. */
function statementsBySize<S>(prepare: (n: number) => S): (n: number) => S {
  const bySize = new Map<number, S>();
  return (n) => {
    let st = bySize.get(n);
    if (!st) bySize.set(n, (st = prepare(n)));
    return st;
  };
}

function riskSignalStatements(ws: Workspace): ReturnType<typeof prepareRiskSignals> {
  let st = riskSignalStatementsOf.get(ws.sqlite);
  if (!st) riskSignalStatementsOf.set(ws.sqlite, (st = prepareRiskSignals(ws.sqlite)));
  return st;
}

/**
 * The risk signals' reads and set-based writes (riskSignals.ts decides what changes), statements prepared once per
 * connection: a run's thousands of changed auto-risks are a few reads and three statements over JSON arrays (json_each).
 */
export const riskSignalStore = {
  /** Partners not in business (suspended, terminated): they raise no signals. */
  restingPartners(ws: Workspace): Array<PartnerRow['id']> {
    return riskSignalStatements(ws).resting.all();
  },
  /** Of the partners (JSON array of ids): [id, code, channel manager's name or null]. */
  partnersOf(ws: Workspace, ids: string): Array<[PartnerRow['id'], PartnerRow['code'], string | null]> {
    return riskSignalStatements(ws).partners.all(ids);
  },
  /** The auto-risks of partners that are not closed, newest first: [id, partner id, rule code, review flag 0/1]. */
  openAutoRisks(ws: Workspace): Array<[RiskRow['id'], number, RiskRow['ruleCode'], number]> {
    return riskSignalStatements(ws).openAuto.all();
  },
  /** The words and review flag of these risks (JSON array of ids). */
  riskWords(ws: Workspace, ids: string): OpenRiskWords[] {
    return riskSignalStatements(ws).words.all(ids);
  },
  /**
   * Writes new auto-risks (likelihood 3 × impact 3, open, source 'evaluation'): their ids, in the rows' order (ids are
   * handed out in insertion order; sorted, not trusting the order RETURNING gives them in).
   */
  insertRisks(ws: Workspace, rows: NewAutoRisk[], at: string, reviewOn: string | null): Array<RiskRow['id']> {
    const st = riskSignalStatements(ws).insert;
    const ids: Array<RiskRow['id']> = [];
    let from = 0;
    for (const size of chunkSizes(rows.length)) {
      const values: unknown[] = [];
      for (let i = from; i < from + size; i++) {
        const r = rows[i];
        values.push(r[0], r[1], r[2], r[3], r[4], r[5], r[6], reviewOn, r[7], r[8], at, at);
      }
      for (const id of st(size).all(...values)) ids.push(id);
      from += size;
    }
    return ids.sort((a, b) => a - b);
  },
  /** Writes changed auto-risks' words and review flag. */
  updateRisks(ws: Workspace, rows: ChangedAutoRisk[], at: string): void {
    const st = riskSignalStatements(ws).update;
    let from = 0;
    for (const size of chunkSizes(rows.length)) {
      const values: unknown[] = [at];
      for (let i = from; i < from + size; i++) {
        const r = rows[i];
        values.push(r[0], r[1], r[2], r[3], r[4]);
      }
      st(size).run(...values);
      from += size;
    }
  },
  /**
   * History rows [riskId, changes JSON], in the order the changes were decided, each with the snapshot of the risk as
   * it now is (write the risks first).
   */
  insertHistory(ws: Workspace, rows: Array<[riskId: number, changes: string]>, at: string, user: string): void {
    const st = riskSignalStatements(ws).history;
    let from = 0;
    for (const size of chunkSizes(rows.length)) {
      const values: unknown[] = [at, user];
      for (let i = from; i < from + size; i++) values.push(rows[i][0], rows[i][1]);
      st(size).run(...values);
      from += size;
    }
  },
};
