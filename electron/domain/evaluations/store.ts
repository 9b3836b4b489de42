import type Database from 'better-sqlite3';
import type { Workspace } from '../../../db/database';
import type { evaluationRuns, scorecards, targets } from '../../../db/schema';

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

/** A partner's money and sell-in quantity over a range of lines or months. */
export interface SalesMoney {
  p: number;
  rev: number;
  /** Revenue of the lines that carry a cost; null when none does. */
  revC: number | null;
  cost: number | null;
  qty: number;
}

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
      const inCur = (i: number) => `(months & @c${i}) <> 0`;
      const inPrev = (i: number) => `(months & @q${i}) <> 0`;
      sql = `select partner_id as p, ${idx.map((i) => `sum(${inCur(i)}), sum(${inCur(i)} and first_month >= @a${i}), sum(${inPrev(i)}), sum(${inCur(i)} and ${inPrev(i)})`).join(', ')}
        from sales_customer_months where ${IN_IDS} and span = @s group by partner_id`;
    } else {
      const folded = idx
        .map((i) => `max((months & (case when span = @s then @c${i} else @d${i} end)) <> 0) as c${i}, max((months & (case when span = @s then @q${i} else @r${i} end)) <> 0) as q${i}`)
        .join(', ');
      sql = `select partner_id as p, ${idx.map((i) => `sum(c${i}), sum(c${i} and first_month >= @a${i}), sum(q${i}), sum(c${i} and q${i})`).join(', ')}
        from (select partner_id, first_month, ${folded} from sales_customer_months where ${IN_IDS} and span between @s and @s + 1 group by partner_id, customer_ref)
        group by partner_id`;
    }
    cache.set(key, (st = s.prepare<Record<string, unknown>, unknown[]>(sql).raw(true)));
  }
  return st;
}

/** A passed training record as the evaluation reads it (compliance and lapsed certificates at any date). */
export interface PassedRecord {
  p: number;
  c: number;
  completedOn: string;
  expiresOn: string | null;
}

export interface StoredPeriodResult {
  id: ScorecardRow['partnerId'];
  attainment: ScorecardRow['attainment'];
  healthScore: ScorecardRow['healthScore'];
}

const IN_IDS = 'partner_id in (select value from json_each(@ids))';

function prepareKpis(s: Sqlite) {
  return {
    // The money of the evaluated period comes from the month totals (integer sums: the same to the fen); its lines are
    // scanned for what months cannot give — distinct orders, and the sell-in quantity summed line by line (a fractional
    // quantity summed per month first could differ in the last binary digit).
    periodLines: s.prepare<{ ids: string; start: string; end: string }, { p: number; qty: number; orders: number }>(
      `select partner_id as p, sum(quantity) as qty, count(distinct order_ref) as orders
       from sales_lines where ${IN_IDS} and date between @start and @end group by partner_id`,
    ),
    monthTotals: s.prepare<{ ids: string; from: number; to: number }, SalesMoney>(
      `select partner_id as p, sum(revenue_minor) as rev, sum(costed_revenue_minor) as revC, sum(cost_minor) as cost, sum(quantity) as qty
       from sales_partner_months where ${IN_IDS} and month between @from and @to group by partner_id`,
    ),
    satisfaction: s.prepare<{ ids: string; start: string; end: string }, { p: number; avg: number }>(
      `select partner_id as p, avg(score) as avg from feedback where ${IN_IDS} and date between @start and @end group by partner_id`,
    ),
    risks: s.prepare<{ ids: string }, { p: number; score: number }>(
      `select partner_id as p, coalesce(residual_likelihood * residual_impact, likelihood * impact) as score from risks
       where ${IN_IDS} and status in ('open', 'mitigating')`,
    ),
    // Every passed record of the partners, read once per run: compliance and lapsed certificates at each period end
    // are decided from them in memory (kpis.ts), by the training area's rule.
    passedRecords: s.prepare<{ ids: string }, PassedRecord>(
      `select partner_id as p, course_id as c, completed_on as completedOn, expires_on as expiresOn from training_records where ${IN_IDS} and passed = 1`,
    ),
    livePartners: s.prepare<{ ids: string }, { id: number; tier: string; channelType: string }>(
      `select id, tier, channel_type as channelType from partners where deleted_at is null and id in (select value from json_each(@ids))`,
    ),
    // Per partner the row of its latest completed run of the period (SQLite takes the bare columns from the max() row).
    storedResults: s.prepare<{ period: string; ids: string }, StoredPeriodResult>(
      `select s.partner_id as id, s.attainment, s.health_score as healthScore, max(s.run_id) as runId from scorecards s
       where s.run_id in (select id from evaluation_runs where period = @period and status = 'completed')
         and s.${IN_IDS}
       group by s.partner_id`,
    ),
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

/** A multi-row insert of `n` scorecards (values in SCORECARD_COLUMNS order, row after row). */
export function insertScorecards(ws: Workspace, n: number): Database.Statement<unknown[]> {
  const row = `(${Array(SCORECARD_COLUMNS.length).fill('?').join(', ')})`;
  return ws.sqlite.prepare(`insert into scorecards (${SCORECARD_COLUMNS.join(', ')}) values ${Array(n).fill(row).join(', ')}`);
}

/** Months per bitmap row of sales_customer_months (bits 0–59 of a 64-bit integer). */
export const SPAN = 60;

const MONTH_SQL = (col: string) => `(cast(substr(${col}, 1, 4) as integer) * 12 + cast(substr(${col}, 6, 2) as integer) - 1)`;

interface SummaryState {
  maxLineId: number;
}

const summaryStatements = new WeakMap<Sqlite, ReturnType<typeof prepareSummaries>>();

/** The sales summaries' statements (rules in salesSummaries.ts); the temp tables hold the keys a change touched. */
function prepareSummaries(s: Sqlite) {
  s.exec(`create temp table if not exists sales_summary_pm (partner_id integer not null, month integer not null, from_day text not null, to_day text not null, primary key (partner_id, month)) without rowid;
          create temp table if not exists sales_summary_pc (partner_id integer not null, customer_ref text not null, primary key (partner_id, customer_ref)) without rowid;
          create temp table if not exists sales_summary_stale (id integer primary key);
          create temp table if not exists sales_summary_pcs (partner_id integer not null, customer_ref text not null, span integer not null, months integer not null, first_month integer not null, primary key (partner_id, customer_ref, span)) without rowid;`);
  const monthOfLine = MONTH_SQL('l.date');
  const monthBounds = (m: string) =>
    `printf('%04d-%02d-01', ${m} / 12, ${m} % 12 + 1), printf('%04d-%02d-01', (${m} + 1) / 12, (${m} + 1) % 12 + 1)`;
  return {
    state: s.prepare<[], SummaryState>('select max_line_id as maxLineId from sales_summary_state where id = 1'),
    lines: s.prepare<[], SummaryState>('select coalesce(max(id), 0) as maxLineId from sales_lines'),
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
    /**
     * The lines above an id (a sales import's, appended under the write lock) added into the month totals, one grouped
     * pass over their rowid range: a month the summaries hold gains their sums, a new one is inserted.
     */
    addMonths: s.prepare<[number]>(
      `insert into sales_partner_months (partner_id, month, revenue_minor, costed_revenue_minor, cost_minor, quantity, lines)
       select partner_id, ${MONTH_SQL('date')}, sum(amount_minor), sum(case when cost_minor is not null then amount_minor end), sum(cost_minor), sum(quantity), count(*)
       from sales_lines where id > ? group by partner_id, substr(date, 1, 7)
       on conflict (partner_id, month) do update set
         revenue_minor = revenue_minor + excluded.revenue_minor,
         costed_revenue_minor = coalesce(costed_revenue_minor + excluded.costed_revenue_minor, costed_revenue_minor, excluded.costed_revenue_minor),
         cost_minor = coalesce(cost_minor + excluded.cost_minor, cost_minor, excluded.cost_minor),
         quantity = quantity + excluded.quantity,
         lines = lines + excluded.lines`,
    ),
    /**
     * The same lines' customer months, per (partner, customer, span): their bits, and the key's first month over the
     * new lines and the months already summarised (every span row of a key holds the key's first month).
     */
    stageCustomers: s.prepare<[number]>(
      `insert into temp.sales_summary_pcs (partner_id, customer_ref, span, months, first_month)
       select partner_id, customer_ref, span, months,
              min(first_month, coalesce((select min(c.first_month) from sales_customer_months c where c.partner_id = n.partner_id and c.customer_ref = n.customer_ref), first_month))
       from (select partner_id, customer_ref, m / ${SPAN} as span, sum(distinct 1 << (m % ${SPAN})) as months, min(min(m)) over (partition by partner_id, customer_ref) as first_month
             from (select partner_id, customer_ref, ${MONTH_SQL('date')} as m from sales_lines where id > ? and customer_ref is not null)
             group by partner_id, customer_ref, m / ${SPAN}) n`,
    ),
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

export function salesSummarySql(s: Sqlite): ReturnType<typeof prepareSummaries> {
  let st = summaryStatements.get(s);
  if (!st) summaryStatements.set(s, (st = prepareSummaries(s)));
  return st;
}

const targetStatements = new WeakMap<Sqlite, Database.Statement<{ metric: string; labels: string; ids: string }, [TargetRow['partnerId'], TargetRow['period'], TargetRow['value']]>>();

/** The partners' targets of one metric for the given period labels, as [partner, label, value] (targets.ts resolves them). */
export function targetRows(ws: Workspace, metric: string, labels: string[], partnerIds: number[]): Array<[TargetRow['partnerId'], TargetRow['period'], TargetRow['value']]> {
  let st = targetStatements.get(ws.sqlite);
  if (!st) {
    st = ws.sqlite
      .prepare<{ metric: string; labels: string; ids: string }, [TargetRow['partnerId'], TargetRow['period'], TargetRow['value']]>(
        `select partner_id, period, value from targets where metric = @metric and period in (select value from json_each(@labels))
         and partner_id in (select value from json_each(@ids))`,
      )
      .raw(true);
    targetStatements.set(ws.sqlite, st);
  }
  return st.all({ metric, labels: JSON.stringify(labels), ids: JSON.stringify(partnerIds) });
}
