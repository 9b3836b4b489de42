import type Database from 'better-sqlite3';
import { and, asc, desc, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Workspace } from '../../../db/database';
import {
  incentivePrograms,
  partners,
  payoutInquiries,
  payoutLines,
  payoutRuns,
  risks,
  trainingCourses,
  trainingRecords,
  type IncentiveProgramRecord,
  type PartnerRow,
  type PayoutLineRecord,
  type PayoutRunRecord,
  salesPartnerMonths,
  type TerritoryRow,
} from '../../../db/schema';
import type { InquiryStatus, PayoutRunStatus } from '../../../shared/enums';
import type { InquiryRow, PayoutLineView, PayoutRunRow, ProgramRow } from '../../model/incentives';

/**
 * The incentives area's store: programs, payout runs and lines, inquiries, and the bases a calculation reads. Its SQL is
 * typed from the drizzle schema; the payout calculation's hot paths (the bases over the sales lines, the run's lines
 * written and read back, the partner facts) keep typed prepared statements.
 */

/** What a money basis sums per partner: revenue = Σ amount; margin = Σ (amount − cost) over lines with a known cost. */
export type SalesMeasure = 'revenue' | 'margin';

const MEASURE_SQL: Record<SalesMeasure, string> = {
  revenue: 'sum(s.amount_minor)',
  margin: 'sum(case when s.cost_minor is null then 0 else s.amount_minor - s.cost_minor end)',
};

export interface ProductFilter {
  products: string[];
  categories: string[];
}

function productWhere(filter: ProductFilter | undefined, params: unknown[]): string {
  if (!filter) return '';
  const ors: string[] = [];
  if (filter.products.length) {
    ors.push(`s.product in (${filter.products.map(() => '?').join(',')})`);
    params.push(...filter.products);
  }
  if (filter.categories.length) {
    ors.push(`s.category in (${filter.categories.map(() => '?').join(',')})`);
    params.push(...filter.categories);
  }
  return ` and (${ors.join(' or ')})`;
}

/** Statements prepared once per connection (keyed by the sqlite handle, so they go away with the workspace). */
function cached<T>(make: (ws: Workspace) => T): (ws: Workspace) => T {
  const cache = new WeakMap<Database.Database, T>();
  return (ws) => {
    let s = cache.get(ws.sqlite);
    if (!s) cache.set(ws.sqlite, (s = make(ws)));
    return s;
  };
}

/** Margin of a month = Σ (amount − cost) over its lines with a known cost = costed revenue − cost (both null without any). */
const MONTH_MEASURE_SQL: Record<SalesMeasure, string> = {
  revenue: 'sum(m.revenue_minor)',
  margin: 'sum(coalesce(m.costed_revenue_minor, 0) - coalesce(m.cost_minor, 0))',
};
type SalesMonthRow = typeof salesPartnerMonths.$inferSelect;
const monthMeasureStatements = cached((ws) => {
  const prepare = (measure: SalesMeasure) =>
    ws.sqlite
      .prepare<[number, number], [SalesMonthRow['partnerId'], number]>(
        // Per partner a range seek in the (partner, month) key: as cheap with 60 months stored as with 3.
        `select p.id, ${MONTH_MEASURE_SQL[measure]} from partners p cross join sales_partner_months m on m.partner_id = p.id and m.month >= ? and m.month <= ?
         group by p.id`,
      )
      .raw();
  return { revenue: prepare('revenue'), margin: prepare('margin') };
});

export const basisStore = {
  /**
   * One measure per partner with sales lines dated from–to (inclusive), as one grouped statement: per-partner range
   * seeks in the covering index (partner_id, date, amount, cost, quantity), no table lookups, no sort. Summing only the
   * measure asked for is a third of the work of summing all three (the payout hot path).
   */
  salesMeasure(ws: Workspace, from: string, to: string, measure: SalesMeasure): Map<number, number> {
    const rows = ws.sqlite
      .prepare<[string, string], [number, number | null]>(
        `select p.id, ${MEASURE_SQL[measure]} from partners p cross join sales_lines s indexed by sales_partner_date_idx
         on s.partner_id = p.id and s.date >= ? and s.date <= ? group by p.id`,
      )
      .raw()
      .all(from, to);
    const out = new Map<number, number>();
    for (const [id, v] of rows) out.set(id, v ?? 0);
    return out;
  },

  /**
   * The same measure from the partner × month totals kept with the lines (sales_partner_months, evaluations/
   * salesSummaries.ts), for whole calendar months `fromMonth`–`toMonth` (month indexes, year × 12 + month − 1): integer
   * sums of integer sums, so the same to the fen as summing the lines, from ~3 rows per partner a quarter instead of its
   * lines. Only when the summaries describe the lines as they are (the caller checks).
   */
  monthMeasure(ws: Workspace, fromMonth: number, toMonth: number, measure: SalesMeasure): Map<number, number> {
    const st = monthMeasureStatements(ws)[measure];
    const out = new Map<number, number>();
    for (const [id, v] of st.all(fromMonth, toMonth)) out.set(id, v);
    return out;
  },

  /** Revenue and units per partner of the lines dated from–to, optionally of some products or categories (SPIFF). */
  salesRevenueAndUnits(ws: Workspace, from: string, to: string, filter?: ProductFilter): Map<number, { revenueMinor: number; units: number }> {
    const params: unknown[] = [from, to];
    const where = productWhere(filter, params);
    // Product/category filters need the table; without one the covering index answers alone.
    const covering = filter ? '' : ' indexed by sales_partner_date_idx';
    const rows = ws.sqlite
      .prepare<unknown[], { id: number; revenueMinor: number | null; units: number | null }>(
        `select s.partner_id as id, sum(s.amount_minor) as revenueMinor, total(s.quantity) as units
         from partners p cross join sales_lines s${covering} on s.partner_id = p.id and s.date >= ? and s.date <= ?${where}
         group by p.id`,
      )
      .all(...params);
    return new Map(rows.map((r) => [r.id, { revenueMinor: r.revenueMinor ?? 0, units: r.units ?? 0 }]));
  },

  /** Sell-through revenue per partner (出货/动销) dated from–to; a line without an amount adds none. */
  sellThroughRevenue(ws: Workspace, from: string, to: string): Map<number, number> {
    const rows = ws.sqlite
      .prepare<[string, string], [number, number]>('select partner_id, coalesce(sum(amount_minor), 0) from sell_through_lines where date >= ? and date <= ? group by partner_id')
      .raw()
      .all(from, to);
    return new Map(rows);
  },
};


// ——— programs ———

const PROGRAM_COLUMNS = {
  id: incentivePrograms.id,
  code: incentivePrograms.code,
  name: incentivePrograms.name,
  type: incentivePrograms.type,
  periodKind: incentivePrograms.periodKind,
  currency: incentivePrograms.currency,
  validFrom: incentivePrograms.validFrom,
  validTo: incentivePrograms.validTo,
  active: incentivePrograms.active,
  updatedAt: incentivePrograms.updatedAt,
  definition: incentivePrograms.definition,
  runs: sql<number>`(select count(*) from payout_runs r where r.program_id = ${incentivePrograms.id})`,
};

/** A program row with its document as stored (the area checks it with the program schema). */
export type StoredProgram = Omit<ProgramRow, 'definition'> & { definition: IncentiveProgramRecord['definition'] };
type ProgramValues = Pick<IncentiveProgramRecord, 'name' | 'type' | 'periodKind' | 'currency' | 'validFrom' | 'validTo' | 'definition'>;

export const programStore = {
  list(ws: Workspace): StoredProgram[] {
    return ws.db.select(PROGRAM_COLUMNS).from(incentivePrograms).orderBy(desc(incentivePrograms.validFrom), asc(incentivePrograms.code)).all();
  },
  byId(ws: Workspace, id: number): StoredProgram | undefined {
    return ws.db.select(PROGRAM_COLUMNS).from(incentivePrograms).where(eq(incentivePrograms.id, id)).get();
  },
  byCode(ws: Workspace, code: string): StoredProgram | undefined {
    return ws.db.select(PROGRAM_COLUMNS).from(incentivePrograms).where(eq(incentivePrograms.code, code)).get();
  },
  insert(ws: Workspace, code: string, values: ProgramValues, at: string): void {
    ws.db.insert(incentivePrograms).values({ code, ...values, createdAt: at, updatedAt: at }).run();
  },
  update(ws: Workspace, id: number, values: ProgramValues, updatedAt: string): void {
    ws.db.update(incentivePrograms).set({ ...values, updatedAt }).where(eq(incentivePrograms.id, id)).run();
  },
  deactivate(ws: Workspace, id: number, updatedAt: string): void {
    ws.db.update(incentivePrograms).set({ active: false, updatedAt }).where(eq(incentivePrograms.id, id)).run();
  },
  remove(ws: Workspace, id: number): void {
    ws.db.delete(incentivePrograms).where(eq(incentivePrograms.id, id)).run();
  },
};

// ——— payout runs ———

const lineCount = sql<number>`(select count(*) from payout_lines l where l.run_id = ${payoutRuns.id})`;
const RUN_COLUMNS = {
  id: payoutRuns.id,
  programId: payoutRuns.programId,
  programCode: incentivePrograms.code,
  programName: incentivePrograms.name,
  programType: incentivePrograms.type,
  period: payoutRuns.period,
  version: payoutRuns.version,
  status: payoutRuns.status,
  currency: payoutRuns.currency,
  totalMinor: payoutRuns.totalMinor,
  inputsFingerprint: payoutRuns.inputsFingerprint,
  calculatedAt: payoutRuns.calculatedAt,
  approvedAt: payoutRuns.approvedAt,
  approvedBy: payoutRuns.approvedBy,
  paidAt: payoutRuns.paidAt,
  paymentRef: payoutRuns.paymentRef,
  voidedAt: payoutRuns.voidedAt,
  voidReason: payoutRuns.voidReason,
  lineCount,
  partnerCount: sql<number>`(select count(distinct partner_id) from payout_lines l where l.run_id = ${payoutRuns.id})`,
  openInquiries: sql<number>`(select count(*) from payout_inquiries q join payout_lines l on l.id = q.line_id where l.run_id = ${payoutRuns.id} and q.status = 'open')`,
};

/** "Mine": partners the channel managers (a JSON array of ids) own now. */
const ownedBy = (partnerId: SQL | typeof payoutLines.partnerId, channelManagerIds: number[]) =>
  sql`${partnerId} in (select mp.id from partners mp where mp.channel_manager_id in (select value from json_each(${JSON.stringify(channelManagerIds)})))`;

export interface RunFilter {
  programId?: number;
  status?: PayoutRunStatus;
  period?: string;
  channelManagerIds?: number[];
}

/** A run's own columns the rules act on (state changes, approval, clawbacks). */
export type RunState = Pick<PayoutRunRecord, 'id' | 'status' | 'programId' | 'period' | 'programSnapshot' | 'inputsFingerprint'>;

/** A line as the calculation writes it (the zh-CN explanation and the details document already rendered). */
/** A payout line as inserted: its columns (the drizzle schema's) with `details` already serialised to JSON. */
export type LineInsert = Pick<
  PayoutLineRecord,
  'partnerId' | 'kind' | 'basisMinor' | 'attainment' | 'tierReached' | 'rate' | 'amountMinor' | 'explanation' | 'reason' | 'relatesToLineId'
> & { details: string };

const LINE_BATCH = 64;
const lineInsertSql = (n: number) =>
  `insert into payout_lines (run_id, partner_id, kind, basis_minor, attainment, tier_reached, rate, amount_minor, explanation, reason, relates_to_line_id, details, created_at)
   values ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
type LineParam = number | string | null;
/** Hot path: a 10k-partner run writes its lines LINE_BATCH rows a statement, prepared once per connection. */
const lineBatch = cached((ws) => ws.sqlite.prepare<[LineParam[]]>(lineInsertSql(LINE_BATCH)));
/** A line's values as inserted, after run_id (lineInsertSql's column order). */
export type LineValues = [
  LineInsert['partnerId'],
  LineInsert['kind'],
  LineInsert['basisMinor'],
  LineInsert['attainment'],
  LineInsert['tierReached'],
  LineInsert['rate'],
  LineInsert['amountMinor'],
  LineInsert['explanation'],
  LineInsert['reason'],
  LineInsert['relatesToLineId'],
  LineInsert['details'],
];
/** The ids of a run's lines just written, as plain numbers (10k rows: no row objects). */
const lineIdStatements = cached((ws) => ({
  written: ws.sqlite.prepare<[number], PayoutLineRecord['id']>('select id from payout_lines where run_id = ? order by id').pluck(),
  byPartnerCode: ws.sqlite
    .prepare<[number], PayoutLineRecord['id']>('select l.id from payout_lines l join partners p on p.id = l.partner_id where l.run_id = ? order by p.code, l.id')
    .pluck(),
}));

const LINE_VIEW = {
  id: payoutLines.id,
  runId: payoutLines.runId,
  partnerId: payoutLines.partnerId,
  partnerCode: partners.code,
  partnerName: partners.name,
  partnerNameEn: partners.nameEn,
  channelType: partners.channelType,
  region: sql<string | null>`(select t.name_zh from territories t where t.id = ${partners.territoryId})`,
  kind: payoutLines.kind,
  basisMinor: payoutLines.basisMinor,
  attainment: payoutLines.attainment,
  tierReached: payoutLines.tierReached,
  rate: payoutLines.rate,
  amountMinor: payoutLines.amountMinor,
  explanation: payoutLines.explanation,
  details: payoutLines.details,
  reason: payoutLines.reason,
  relatesToLineId: payoutLines.relatesToLineId,
  inquiries: sql<number>`(select count(*) from payout_inquiries q where q.line_id = ${payoutLines.id})`,
};

export const runStore = {
  list(ws: Workspace, filter: RunFilter): PayoutRunRow[] {
    const where: SQL[] = [];
    if (filter.programId) where.push(eq(payoutRuns.programId, filter.programId));
    if (filter.status) where.push(eq(payoutRuns.status, filter.status));
    if (filter.period) where.push(eq(payoutRuns.period, filter.period));
    // "Mine": runs paying at least one partner these channel managers own now.
    if (filter.channelManagerIds) where.push(sql`exists (select 1 from payout_lines ml where ml.run_id = ${payoutRuns.id} and ${ownedBy(sql`ml.partner_id`, filter.channelManagerIds)})`);
    return ws.db
      .select(RUN_COLUMNS)
      .from(payoutRuns)
      .innerJoin(incentivePrograms, eq(incentivePrograms.id, payoutRuns.programId))
      .where(and(...where))
      .orderBy(desc(payoutRuns.id))
      .all();
  },
  row(ws: Workspace, runId: number): PayoutRunRow | undefined {
    return ws.db.select(RUN_COLUMNS).from(payoutRuns).innerJoin(incentivePrograms, eq(incentivePrograms.id, payoutRuns.programId)).where(eq(payoutRuns.id, runId)).get();
  },
  /** The program document and the population as stored (the population as its JSON text, read by parsePopulation). */
  snapshot(ws: Workspace, runId: number): { program: PayoutRunRecord['programSnapshot']; population: string | null } | undefined {
    return ws.db.select({ program: payoutRuns.programSnapshot, population: sql<string | null>`${payoutRuns.population}` }).from(payoutRuns).where(eq(payoutRuns.id, runId)).get();
  },
  state(ws: Workspace, runId: number): RunState | undefined {
    return ws.db
      .select({ id: payoutRuns.id, status: payoutRuns.status, programId: payoutRuns.programId, period: payoutRuns.period, programSnapshot: payoutRuns.programSnapshot, inputsFingerprint: payoutRuns.inputsFingerprint })
      .from(payoutRuns)
      .where(eq(payoutRuns.id, runId))
      .get();
  },
  /** Every version of program × period, newest first. */
  versions(ws: Workspace, programId: number, period: string): Array<Pick<PayoutRunRecord, 'id' | 'status' | 'version'>> {
    return ws.db
      .select({ id: payoutRuns.id, status: payoutRuns.status, version: payoutRuns.version })
      .from(payoutRuns)
      .where(and(eq(payoutRuns.programId, programId), eq(payoutRuns.period, period)))
      .orderBy(desc(payoutRuns.version))
      .all();
  },
  paidRuns(ws: Workspace, programId: number): Array<Pick<PayoutRunRecord, 'id' | 'period' | 'programSnapshot' | 'paymentRef'>> {
    return ws.db
      .select({ id: payoutRuns.id, period: payoutRuns.period, programSnapshot: payoutRuns.programSnapshot, paymentRef: payoutRuns.paymentRef })
      .from(payoutRuns)
      .where(and(eq(payoutRuns.programId, programId), eq(payoutRuns.status, 'paid')))
      .orderBy(asc(payoutRuns.id))
      .all();
  },
  insertDraft(ws: Workspace, run: Pick<PayoutRunRecord, 'programId' | 'period' | 'version' | 'currency' | 'programSnapshot' | 'inputsFingerprint' | 'population' | 'calculatedAt'>): number {
    return Number(ws.db.insert(payoutRuns).values({ ...run, status: 'draft', totalMinor: 0, createdAt: run.calculatedAt }).run().lastInsertRowid);
  },
  /** Sets the run's total to the sum of its lines; returns it. */
  retotal(ws: Workspace, runId: number): number {
    const total = ws.db.select({ t: sql<number>`coalesce(sum(${payoutLines.amountMinor}), 0)` }).from(payoutLines).where(eq(payoutLines.runId, runId)).get()!.t;
    ws.db.update(payoutRuns).set({ totalMinor: total }).where(eq(payoutRuns.id, runId)).run();
    return total;
  },
  void(ws: Workspace, runId: number, at: string, reason: string): void {
    ws.db.update(payoutRuns).set({ status: 'void', voidedAt: at, voidReason: reason }).where(eq(payoutRuns.id, runId)).run();
  },
  /** Approves with the payee snapshot written as the exact text the seal was computed over. */
  approve(ws: Workspace, runId: number, seal: { approvedAt: string; approvedBy: string; payeeSnapshot: string; approvalFingerprint: string }): void {
    ws.db
      .update(payoutRuns)
      .set({ status: 'approved', approvedAt: seal.approvedAt, approvedBy: seal.approvedBy, payeeSnapshot: sql`${seal.payeeSnapshot}`, approvalFingerprint: seal.approvalFingerprint })
      .where(eq(payoutRuns.id, runId))
      .run();
  },
  pay(ws: Workspace, runId: number, paidAt: string, paymentRef: string): void {
    ws.db.update(payoutRuns).set({ status: 'paid', paidAt, paymentRef }).where(eq(payoutRuns.id, runId)).run();
  },

  /**
   * Writes `count` lines in order, LINE_BATCH rows a statement; `row(i)` gives line i's values in LineValues order (no
   * object per line is kept: a 10k-line run is written from the caller's arrays). Returns the id of the last.
   */
  insertLines(ws: Workspace, runId: number, count: number, row: (i: number) => LineValues, at: string): number {
    let last = 0;
    const params: LineParam[] = [];
    for (let from = 0; from < count; from += LINE_BATCH) {
      const n = Math.min(LINE_BATCH, count - from);
      params.length = 0;
      for (let i = from; i < from + n; i++) params.push(runId, ...row(i), at);
      const stmt = n === LINE_BATCH ? lineBatch(ws) : ws.sqlite.prepare<[LineParam[]]>(lineInsertSql(n));
      last = Number(stmt.run(params).lastInsertRowid);
    }
    return last;
  },
  /** The run's line ids in the order they were written. */
  lineIds(ws: Workspace, runId: number): number[] {
    return lineIdStatements(ws).written.all(runId);
  },
  /** The run's line ids in the order a run shows them: partner code, then line. */
  lineIdsByPartnerCode(ws: Workspace, runId: number): number[] {
    return lineIdStatements(ws).byPartnerCode.all(runId);
  },
  /** The lines with their partner's words, in partner-code order; `channelManagerIds` ("Mine") keeps those managers' partners. */
  lineViews(ws: Workspace, runId: number, channelManagerIds?: number[]): Array<Omit<PayoutLineView, 'explanationEn'> & { details: PayoutLineRecord['details'] }> {
    return ws.db
      .select(LINE_VIEW)
      .from(payoutLines)
      .innerJoin(partners, eq(partners.id, payoutLines.partnerId))
      .where(and(eq(payoutLines.runId, runId), channelManagerIds ? ownedBy(payoutLines.partnerId, channelManagerIds) : undefined))
      .orderBy(asc(partners.code), asc(payoutLines.id))
      .all();
  },
  /** Positive calculated lines of a run (what a clawback may correct). */
  paidLines(ws: Workspace, runId: number): Array<Pick<PayoutLineRecord, 'id' | 'partnerId' | 'basisMinor' | 'amountMinor'>> {
    return ws.db
      .select({ id: payoutLines.id, partnerId: payoutLines.partnerId, basisMinor: payoutLines.basisMinor, amountMinor: payoutLines.amountMinor })
      .from(payoutLines)
      .where(and(eq(payoutLines.runId, runId), eq(payoutLines.kind, 'calculated'), sql`${payoutLines.amountMinor} > 0`))
      .all();
  },
  /** Σ of clawbacks already taken against a paid line in non-void runs, not counting the draft of program × period being replaced. */
  clawedBack(ws: Workspace, lineId: number, programId: number, period: string): number {
    return ws.db
      .select({ s: sql<number>`coalesce(sum(${payoutLines.amountMinor}), 0)` })
      .from(payoutLines)
      .innerJoin(payoutRuns, eq(payoutRuns.id, payoutLines.runId))
      .where(
        and(
          eq(payoutLines.relatesToLineId, lineId),
          eq(payoutLines.kind, 'clawback'),
          ne(payoutRuns.status, 'void'),
          sql`not (${payoutRuns.programId} = ${programId} and ${payoutRuns.period} = ${period} and ${payoutRuns.status} = 'draft')`,
        ),
      )
      .get()!.s;
  },
  /** Manual adjustments of a draft (not MDF settlements, which are picked afresh). */
  manualAdjustments(ws: Workspace, runId: number): Array<Pick<PayoutLineRecord, 'partnerId' | 'amountMinor' | 'reason' | 'details'>> {
    return ws.db
      .select({ partnerId: payoutLines.partnerId, amountMinor: payoutLines.amountMinor, reason: payoutLines.reason, details: payoutLines.details })
      .from(payoutLines)
      .where(and(eq(payoutLines.runId, runId), eq(payoutLines.kind, 'adjustment'), sql`json_extract(${payoutLines.details}, '$.mdfClaimId') is null`))
      .all();
  },
  /** A live partner's id by id or code (adjustments). */
  livePartnerId(ws: Workspace, ref: { id?: number; code?: string }): number | undefined {
    return ws.db
      .select({ id: partners.id })
      .from(partners)
      .where(and(ref.id != null ? eq(partners.id, ref.id) : eq(partners.code, ref.code ?? ''), isNull(partners.deletedAt)))
      .get()?.id;
  },
};

// ——— approval seal ———

/**
 * The seal hashes the columns as SQLite stores them (the JSON documents as text, not parsed and re-written), so these
 * read through typed statements that return the stored values untouched.
 */
export const SEAL_RUN_COLUMNS = ['id', 'program_id', 'period', 'version', 'currency', 'total_minor', 'program_snapshot', 'inputs_fingerprint', 'calculated_at', 'approved_at', 'approved_by', 'payee_snapshot'] as const;
export const SEAL_LINE_COLUMNS = ['id', 'partner_id', 'kind', 'basis_minor', 'attainment', 'tier_reached', 'rate', 'amount_minor', 'explanation', 'reason', 'relates_to_line_id', 'details'] as const;
export type RunSealFields = Record<(typeof SEAL_RUN_COLUMNS)[number], unknown>;

export const sealStore = {
  runFields(ws: Workspace, runId: number): RunSealFields | undefined {
    return ws.sqlite.prepare<[number], RunSealFields>(`select ${SEAL_RUN_COLUMNS.join(', ')} from payout_runs where id = ?`).get(runId);
  },
  /** The lines' sealed columns as stored, in id order, one array a line. */
  lineValues(ws: Workspace, runId: number): unknown[][] {
    return ws.sqlite.prepare<[number], unknown[]>(`select ${SEAL_LINE_COLUMNS.join(', ')} from payout_lines where run_id = ? order by id`).raw().all(runId);
  },
  /** The payee snapshot as stored (JSON text), null for a draft. */
  payeeSnapshotText(ws: Workspace, runId: number): string | null | undefined {
    return ws.db.select({ s: sql<string | null>`${payoutRuns.payeeSnapshot}` }).from(payoutRuns).where(eq(payoutRuns.id, runId)).get()?.s;
  },
  sealedRuns(ws: Workspace): Array<Pick<PayoutRunRecord, 'id' | 'status' | 'approvalFingerprint'>> {
    return ws.db
      .select({ id: payoutRuns.id, status: payoutRuns.status, approvalFingerprint: payoutRuns.approvalFingerprint })
      .from(payoutRuns)
      .where(sql`${payoutRuns.status} in ('approved', 'paid')`)
      .orderBy(asc(payoutRuns.id))
      .all();
  },
  payeePartnerIds(ws: Workspace, runId: number): number[] {
    return ws.db.selectDistinct({ id: payoutLines.partnerId }).from(payoutLines).where(eq(payoutLines.runId, runId)).orderBy(asc(payoutLines.partnerId)).all().map((r) => r.id);
  },
  creditCodeAndAddress(ws: Workspace, partnerId: number): Pick<PartnerRow, 'creditCode' | 'address'> | undefined {
    return ws.db.select({ creditCode: partners.creditCode, address: partners.address }).from(partners).where(eq(partners.id, partnerId)).get();
  },
};

// ——— the partners a calculation considers ———

/** What eligibility, the lines and the statements know of a partner (`regionGroup` is set from the territory tree). */
export type PartnerFactsRow = Pick<PartnerRow, 'id' | 'code' | 'name' | 'nameEn' | 'channelType' | 'tier' | 'territoryId' | 'status' | 'bankName' | 'bankAccount' | 'currency'> & {
  region: TerritoryRow['nameZh'] | null;
  regionEn: TerritoryRow['nameEn'];
};

const PARTNER_FACTS = `select p.id, p.code, p.name, p.name_en as nameEn, p.channel_type as channelType, p.tier, p.territory_id as territoryId,
  t.name_zh as region, t.name_en as regionEn, p.status, p.bank_name as bankName, p.bank_account as bankAccount, p.currency
  from partners p left join territories t on t.id = p.territory_id`;
/** Hot path: every live partner for each calculation (10k rows), and one partner at a time for statements. */
const factStatements = cached((ws) => ({
  live: ws.sqlite.prepare<[], PartnerFactsRow>(`${PARTNER_FACTS} where p.deleted_at is null order by p.code`),
  byId: ws.sqlite.prepare<[number], PartnerFactsRow>(`${PARTNER_FACTS} where p.id = ?`),
}));

export const partnerFactsStore = {
  live(ws: Workspace): PartnerFactsRow[] {
    return factStatements(ws).live.all();
  },
  byId(ws: Workspace): (id: number) => PartnerFactsRow | undefined {
    const stmt = factStatements(ws).byId;
    return (id) => stmt.get(id);
  },
  /** Partners holding a passed, unexpired certificate of the course at asOf. */
  certificationHolders(ws: Workspace, courseCode: string, asOf: string): Set<number> {
    const rows = ws.db
      .selectDistinct({ id: trainingRecords.partnerId })
      .from(trainingRecords)
      .innerJoin(trainingCourses, eq(trainingCourses.id, trainingRecords.courseId))
      .where(
        and(
          eq(trainingCourses.code, courseCode),
          eq(trainingRecords.passed, true),
          sql`${trainingRecords.completedOn} <= ${asOf}`,
          sql`(${trainingRecords.expiresOn} is null or ${trainingRecords.expiresOn} >= ${asOf})`,
        ),
      )
      .all();
    return new Set(rows.map((r) => r.id));
  },
  /** Partners with a channel- or price-conflict risk that is not closed. */
  withOpenConflictRisk(ws: Workspace): Set<number> {
    const rows = ws.db
      .selectDistinct({ id: risks.partnerId })
      .from(risks)
      .where(and(sql`${risks.partnerId} is not null`, sql`${risks.category} in ('channel_conflict', 'price_conflict')`, ne(risks.status, 'closed')))
      .all();
    return new Set(rows.map((r) => r.id!));
  },
};

// ——— inquiries ———

const INQUIRY_COLUMNS = {
  id: payoutInquiries.id,
  lineId: payoutInquiries.lineId,
  runId: payoutLines.runId,
  partnerCode: partners.code,
  partnerName: partners.name,
  question: payoutInquiries.question,
  answer: payoutInquiries.answer,
  status: payoutInquiries.status,
  createdAt: payoutInquiries.createdAt,
  updatedAt: payoutInquiries.updatedAt,
};

export const inquiryStore = {
  list(ws: Workspace, filter: { runId?: number; lineId?: number; status?: InquiryStatus; id?: number }): InquiryRow[] {
    return ws.db
      .select(INQUIRY_COLUMNS)
      .from(payoutInquiries)
      .innerJoin(payoutLines, eq(payoutLines.id, payoutInquiries.lineId))
      .innerJoin(partners, eq(partners.id, payoutLines.partnerId))
      .where(
        and(
          filter.id != null ? eq(payoutInquiries.id, filter.id) : undefined,
          filter.runId != null ? eq(payoutLines.runId, filter.runId) : undefined,
          filter.lineId != null ? eq(payoutInquiries.lineId, filter.lineId) : undefined,
          filter.status ? eq(payoutInquiries.status, filter.status) : undefined,
        ),
      )
      .orderBy(asc(payoutInquiries.id))
      .all();
  },
  lineExists(ws: Workspace, lineId: number): boolean {
    return ws.db.select({ id: payoutLines.id }).from(payoutLines).where(eq(payoutLines.id, lineId)).get() != null;
  },
  /** `at`: the operation's instant (its clock). */
  insert(ws: Workspace, lineId: number, question: string, at: string): number {
    return Number(ws.db.insert(payoutInquiries).values({ lineId, question, createdAt: at, updatedAt: at }).run().lastInsertRowid);
  },
  update(ws: Workspace, id: number, answer: string | null, status: InquiryStatus, at: string): void {
    ws.db.update(payoutInquiries).set({ answer, status, updatedAt: at }).where(eq(payoutInquiries.id, id)).run();
  },
};
