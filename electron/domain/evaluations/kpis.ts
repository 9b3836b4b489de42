import type { Workspace } from '../../../db/database';
import { previousPeriod, samePeriodLastYear, type Period } from '../../../shared/period';
import { getRiskBands, riskLevel } from '../risks/riskLevels';
import { complianceAndLapsedFrom, MAX_STANDING_DATES, requirementCourses as requirementCoursesOf, type PartnerCompliance } from '../training/compliance';
import { horizon } from '../../model/trainingExpiry';
import { reportingChannelMeasures } from '../inventory/channelMeasures';
import { revenueTargetsOf } from './targets';
import { ensureSalesSummaries, monthIndex } from './salesSummaries';
import { courseStandingsOf, customerCountsOf, evaluationSql, monthTotalsOf, type CustomerCounts, type MonthRange } from './store';
import type { PartnerKpis } from '../../model/evaluations';
import { scanInParallel, type PendingScan } from './parallelScan';
import { availableParallelism, loadavg } from 'node:os';

export type { PartnerKpis };

/**
 * From this many partners the period's line scan runs on a second connection in a worker (parallelScan.ts); below,
 * the scan is short and inline costs less. Infinity turns it off (tests and the bench compare both).
 * `belowLoad`: only while the one-minute load average is below it — by default the number of cores: on a machine with
 * no free core the second thread buys no wall time and costs CPU (10k partners, scheduled 2019-Q1 at load ~8.7, worker
 * and inline alternating in one process, medians of 8: wall 2,358 vs 2,081 ms, CPU 864 vs 779 ms). A platform without a
 * load average (Windows: 0) always qualifies.
 */
export const lineScan = { parallelFrom: 2000, belowLoad: availableParallelism() };

/** Whether a run of `partners` partners scans its period's lines on the worker now (its size and the load). */
const scanOnWorker = (partners: number): boolean => partners >= lineScan.parallelFrom && loadavg()[0] < lineScan.belowLoad;


/**
 * One period's month totals, one slot per partner of the run (its position in `partnerIds`): revenue (0 without sales),
 * and when `full` the revenue of costed lines and the cost (NaN = null: no line carries a cost) and the sell-in
 * quantity; `has` marks the partners with a month in the period.
 */
interface PeriodMoney {
  full: boolean;
  rev: Float64Array;
  revC: Float64Array;
  cost: Float64Array;
  qty: Float64Array;
  has: Uint8Array;
}

/** The evaluated period's lines per partner slot: sell-in quantity summed line by line and distinct orders. */
interface PeriodLines {
  qty: Float64Array;
  orders: Float64Array;
  has: Uint8Array;
}

/** A partner as the requirement rule sees it. */
type PartnerKind = { id: number; tier: string; channelType: string };

/** Training compliance and lapsed required certificates at one date. */
interface TrainingAt {
  compliance: Map<number, PartnerCompliance>;
  expired: Map<number, number>;
}

/**
 * Aggregates KPIs per partner, for any number of periods, set-based (one instance per evaluation run; SQL in store.ts).
 * The evaluated period's money, quantity and distinct orders come from ONE grouped scan of its lines over the covering
 * index sales_partner_date_idx; every other period the KPIs need (the previous one and the year-ago one as growth and
 * retention bases, the earlier periods the tier rules score) is read from the sales summaries kept with the lines
 * (salesSummaries.ts): partner × month totals for money, and one row per partner × customer with the months it bought
 * in, from which active, new (first month ever in the period) and retained customers of any period are counted.
 * Periods are whole calendar months, so the month summaries answer them exactly.
 *
 * The periods of a run are announced with `plan` (the tier rules' earlier periods and the evaluated one): what does not
 * depend on the sales of one period is read once for all of them — customer counts of every period in one read of the
 * bitmaps, targets of every period in one query, the partners' passed training records once (compliance and lapsed
 * certificates at each period end in memory), open risks once.
 */
export class KpiSource {
  private readonly money = new Map<string, PeriodMoney>();
  private readonly lines = new Map<string, PeriodLines>();
  /** Line scans started ahead of their `compute` (`startLineScan`), by period label. */
  private readonly scans = new Map<string, PendingScan | null>();
  private readonly customers = new Map<string, Map<number, CustomerCounts>>();
  private readonly targets = new Map<string, Map<number, number>>();
  private readonly training = new Map<string, TrainingAt>();
  private openHighRisks: Map<number, number> | null = null;
  private planned: Period[] = [];
  private readonly ids: string;
  /** A partner id's slot in `partnerIds` (−1: not in the run). */
  private readonly slot: Int32Array;
  private readonly sql: ReturnType<typeof evaluationSql>;
  private readonly bands: ReturnType<typeof getRiskBands>;

  constructor(
    private readonly ws: Workspace,
    private readonly partnerIds: number[],
    private readonly fsm: number,
    /** The partners' tier and channel type when the caller has them (else read when training is first needed). */
    private partners?: PartnerKind[],
  ) {
    this.ids = JSON.stringify(partnerIds);
    let max = 0;
    for (const id of partnerIds) if (id > max) max = id;
    this.slot = new Int32Array(max + 1).fill(-1);
    partnerIds.forEach((id, i) => (this.slot[id] = i));
    // The summaries must describe the lines as they are (rebuilt here when lines were written without them).
    ensureSalesSummaries(ws.sqlite);
    this.sql = evaluationSql(ws);
    this.bands = getRiskBands(ws.db);
  }

  /** The same source for fewer partners (no shared cache: the sums differ). */
  subset(partnerIds: number[]): KpiSource {
    const keep = new Set(partnerIds);
    return new KpiSource(this.ws, partnerIds, this.fsm, this.partners?.filter((p) => keep.has(p.id)));
  }

  /** The periods `compute` will be asked for: their shared reads are made once for all of them. */
  plan(periods: Period[]): this {
    this.planned = periods;
    return this;
  }

  /** The value of `cache` for p, loading it for every planned period not yet loaded (or p alone when not planned). */
  private batched<T>(cache: Map<string, T>, p: Period, load: (periods: Period[]) => T[]): T {
    const hit = cache.get(p.label);
    if (hit !== undefined) return hit;
    const periods = this.planned.some((q) => q.label === p.label) ? this.planned.filter((q) => !cache.has(q.label)) : [p];
    load(periods).forEach((v, i) => cache.set(periods[i].label, v));
    return cache.get(p.label)!;
  }

  private slotOf(id: number): number {
    return id < this.slot.length ? this.slot[id] : -1;
  }

  /**
   * A period's month totals (cached). The first read also takes what every planned period needs — its own money, the
   * previous and year-ago periods' revenue — so a run reads the month totals ONCE (one pass per partner over the months
   * from the lowest to the highest asked for), not three grouped reads per period.
   */
  private moneyOf(p: Period, full: boolean): PeriodMoney {
    const hit = this.money.get(p.label);
    if (hit && (hit.full || !full)) return hit;
    const wanted = new Map<string, { p: Period; full: boolean }>();
    const want = (q: Period, f: boolean) => {
      const had = this.money.get(q.label);
      if (had && (had.full || !f)) return;
      const w = wanted.get(q.label);
      if (w) w.full ||= f;
      else wanted.set(q.label, { p: q, full: f });
    };
    want(p, full);
    for (const q of this.planned) {
      want(q, true);
      want(previousPeriod(q, this.fsm), false);
      want(samePeriodLastYear(q, this.fsm), false);
    }
    const reads = [...wanted.values()];
    const ranges: MonthRange[] = reads.map((w) => ({ a: monthIndex(w.p.start), b: monthIndex(w.p.end), full: w.full }));
    const n = this.partnerIds.length;
    const out = reads.map((w): PeriodMoney => {
      const m = { full: w.full, rev: new Float64Array(n), revC: new Float64Array(n), cost: new Float64Array(n), qty: new Float64Array(n), has: new Uint8Array(n) };
      m.revC.fill(NaN);
      m.cost.fill(NaN);
      return m;
    });
    for (const r of monthTotalsOf(this.ws, this.ids, ranges)) {
      const i = this.slotOf(r[0] as number);
      if (i < 0) continue;
      let c = 1;
      for (const m of out) {
        const rev = r[c] as number | null;
        if (rev !== null) {
          m.has[i] = 1;
          m.rev[i] = rev;
        }
        if (m.full) {
          const revC = r[c + 1] as number | null;
          const cost = r[c + 2] as number | null;
          if (revC !== null) m.revC[i] = revC;
          if (cost !== null) m.cost[i] = cost;
          m.qty[i] = (r[c + 3] as number | null) ?? 0;
          c += 4;
        } else c += 1;
      }
    }
    reads.forEach((w, k) => this.money.set(w.p.label, out[k]));
    return this.money.get(p.label)!;
  }

  /**
   * Starts the period's line scan on the worker now, so that it runs while this thread computes other periods first
   * (a first evaluation scores the tier rules' earlier periods before the evaluated one: started in `compute`, the
   * scan found every other read already made and this thread only waited for it). `compute(p)` takes it.
   */
  startLineScan(p: Period): void {
    if (!this.scans.has(p.label)) this.scans.set(p.label, this.startLines(p));
  }

  /**
   * Drops the answers of line scans started and not taken by a `compute` (a run cancelled or failed before its
   * evaluated period's lines were read): the worker's rows are not left waiting on their port.
   */
  cancelScans(): void {
    for (const scan of this.scans.values()) scan?.cancel();
    this.scans.clear();
  }

  /**
   * The period's line scan started on the worker (parallelScan.ts) when the run is large enough for it to pay, a core
   * is free (`lineScan.belowLoad`) and it reads what this connection reads; null: read inline by `linesOf`.
   */
  private startLines(p: Period): PendingScan | null {
    if (this.lines.has(p.label) || !scanOnWorker(this.partnerIds.length)) return null;
    return scanInParallel(this.ws, this.sql.periodLines.source, { ids: this.ids, start: p.start, end: p.end }, 3);
  }

  /**
   * Sell-in quantity (summed line by line) and distinct orders per partner for the period: one grouped index scan
   * (`scan`: the same statement under way on the worker); cached.
   */
  private linesOf(p: Period, scan: PendingScan | null = null): PeriodLines {
    let l = this.lines.get(p.label);
    if (!l) {
      const n = this.partnerIds.length;
      const lines = { qty: new Float64Array(n), orders: new Float64Array(n), has: new Uint8Array(n) };
      const put = (id: number, qty: number, orders: number) => {
        const i = this.slotOf(id);
        if (i < 0) return;
        lines.has[i] = 1;
        lines.qty[i] = qty;
        lines.orders[i] = orders;
      };
      const rows = scan?.rows();
      if (rows) for (let k = 0; k < rows.length; k += 3) put(rows[k], rows[k + 1], rows[k + 2]);
      else for (const [id, qty, orders] of this.sql.periodLines.all({ ids: this.ids, start: p.start, end: p.end })) put(id, qty, orders);
      this.lines.set(p.label, (l = lines));
    }
    return l;
  }

  /**
   * Active customers (a line in p), new customers (first line ever with the partner in p) and the previous period's
   * customers who bought again in p, per partner, from the customer month bitmaps (bit tests in SQL).
   */
  customerCounts(p: Period): Map<number, CustomerCounts> {
    return this.batched(this.customers, p, (periods) =>
      customerCountsOf(
        this.ws,
        this.ids,
        periods.map((q) => {
          const prev = previousPeriod(q, this.fsm);
          return { a: monthIndex(q.start), b: monthIndex(q.end), pa: monthIndex(prev.start), pb: monthIndex(prev.end) };
        }),
      ),
    );
  }

  /**
   * All KPIs of every partner for period p. `onStep` is called between the queries (progress, cancellation). With
   * `orders: false` (a period scored only for the tier rules) the money comes from the month totals and orders are 0.
   */
  compute(p: Period, onStep: (step: string) => void = () => undefined, opts: { orders?: boolean } = {}): Map<number, PartnerKpis> {
    const prev = previousPeriod(p, this.fsm);
    const yoy = samePeriodLastYear(p, this.fsm);
    // The money comes from the month totals; with orders (the evaluated period) the sell-in quantity and distinct
    // orders from its lines, else the quantity from the months and no orders. The line scan runs on the worker while
    // the reads below are made here, when it can (`startLines`).
    const scan = opts.orders === false ? null : (this.scans.get(p.label) ?? this.startLines(p));
    this.scans.delete(p.label);
    try {
      return this.computeWith(p, prev, yoy, scan, onStep, opts);
    } finally {
      // Read by linesOf unless a step threw first (a cancelled run): then its answer is dropped, not left unread.
      scan?.cancel();
    }
  }

  private computeWith(p: Period, prev: Period, yoy: Period, scan: PendingScan | null, onStep: (step: string) => void, opts: { orders?: boolean }): Map<number, PartnerKpis> {
    const money = this.moneyOf(p, true);
    onStep('revenue, orders and customers');
    const before = this.moneyOf(prev, false);
    const yoyM = this.moneyOf(yoy, false);
    onStep('previous periods');
    const targets = this.batched(this.targets, p, (periods) => revenueTargetsOf(this.ws, periods, this.fsm, this.partnerIds));
    onStep('targets');
    const customers = this.customerCounts(p);
    onStep('new customers and retention');
    const sat = new Map<number, number>();
    for (const r of this.sql.satisfaction.all({ ids: this.ids, start: p.start, end: p.end })) sat.set(r.p, r.avg);
    const risks = this.risks();
    onStep('satisfaction and risks');
    const { compliance, expired } = this.batched(this.training, p, (periods) => this.trainingAt(periods.map((q) => q.end)));
    onStep('training');
    const lines = opts.orders === false ? null : this.linesOf(p, scan);
    const sellIn = new Map<number, number>();
    const { has: sold, qty } = lines ?? money;
    this.partnerIds.forEach((id, i) => {
      if (sold[i]) sellIn.set(id, qty[i]);
    });
    // Only partners reporting sell-through have any of the five channel KPIs (the others: null).
    const channel = reportingChannelMeasures(this.ws, p, this.partnerIds, sellIn);
    onStep('sell-through and inventory');

    return kpiMap(this.partnerIds, { money, before, yoyM, targets, customers, sat, compliance, expired, risks, channel, lines });
  }

  /** Open high and critical risks per partner (the register as it is now: the same for every period of the run). */
  private risks(): Map<number, number> {
    if (this.openHighRisks) return this.openHighRisks;
    const risks = new Map<number, number>();
    for (const r of this.sql.risks.all({ ids: this.ids })) {
      const level = riskLevel(r.score, this.bands);
      if (level === 'high' || level === 'critical') risks.set(r.p, (risks.get(r.p) ?? 0) + 1);
    }
    return (this.openHighRisks = risks);
  }

  /**
   * Training compliance (training's rule) and required certificates held before but lapsed (no valid record) at each
   * date, from one grouped read of the partners' standing per course (the records are folded in SQL).
   */
  private trainingAt(dates: string[]): TrainingAt[] {
    const partners = (this.partners ??= this.sql.livePartners.all({ ids: this.ids }));
    const courses = requirementCoursesOf(this.ws);
    const out: TrainingAt[] = [];
    for (let k = 0; k < dates.length; k += MAX_STANDING_DATES) {
      const some = dates.slice(k, k + MAX_STANDING_DATES);
      const standings = courseStandingsOf(this.ws, this.ids, some.map((asOf) => ({ asOf, soon: horizon(asOf, 90) })));
      out.push(...complianceAndLapsedFrom(partners, courses, standings, some));
    }
    return out;
  }
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** What a period's KPIs are made of, per partner (computeWith's reads). */
interface KpiInputs {
  money: PeriodMoney;
  before: PeriodMoney;
  yoyM: PeriodMoney;
  targets: Map<number, number>;
  customers: Map<number, CustomerCounts>;
  sat: Map<number, number>;
  compliance: Map<number, PartnerCompliance>;
  expired: Map<number, number>;
  risks: Map<number, number>;
  channel: ReturnType<typeof reportingChannelMeasures>;
  lines: PeriodLines | null;
}

/**
 * Every partner's KPIs from the period's reads: a loop of its own (in computeWith, the engine compiled computeWith
 * whole, every read it makes inlined, to run it), each object built by `kpiRecord`.
 */
function kpiMap(ids: number[], x: KpiInputs): Map<number, PartnerKpis> {
  const { money, before, yoyM, targets, customers, sat, compliance, expired, risks, channel, lines } = x;
  const out = new Map<number, PartnerKpis>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const revenue = money.rev[i];
    const prevRevenue = before.rev[i];
    const yoyRevenue = yoyM.rev[i];
    const revC = money.revC[i];
    const cost = money.cost[i];
    const target = targets.get(id) ?? null;
    const c = customers.get(id);
    const tc = compliance.get(id);
    const ch = channel.get(id);
    out.set(
      id,
      kpiRecord(
        id,
        revenue,
        prevRevenue,
        yoyRevenue,
        target,
        ratio(revenue, target),
        growth(revenue, prevRevenue),
        growth(revenue, yoyRevenue),
        // NaN (no costed line) fails every comparison: no margin.
        revC > 0 && cost === cost ? round6((revC - cost) / revC) : null,
        lines ? lines.orders[i] : 0,
        c?.active ?? 0,
        c?.fresh ?? 0,
        c && c.prev > 0 ? round6(c.kept / c.prev) : null,
        sat.has(id) ? round6(sat.get(id)!) : null,
        tc?.compliance == null ? null : round6(tc.compliance),
        expired.get(id) ?? 0,
        risks.get(id) ?? 0,
        ch?.sellThroughRate ?? null,
        ch?.daysOfInventory ?? null,
        ch?.inventoryTurnover ?? null,
        ch?.crossTerritoryShare ?? null,
        ch?.belowFloorShare ?? null,
      ),
    );
  }
  return out;
}

/**
 * One partner's KPIs: every KPI object of every run is built by this one literal, its fields in this order (the
 * inputs fingerprint reads them in it: inputsFingerprint.ts KPI_FIELDS).
 */
function kpiRecord(
  partnerId: number,
  revenueMinor: number,
  prevRevenueMinor: number,
  yoyRevenueMinor: number,
  targetMinor: number | null,
  attainment: number | null,
  growthPrev: number | null,
  growthYoY: number | null,
  grossMargin: number | null,
  orders: number,
  activeCustomers: number,
  newCustomers: number,
  retention: number | null,
  satisfaction: number | null,
  trainingCompliance: number | null,
  expiredCertifications: number,
  openHighRisks: number,
  sellThroughRate: number | null,
  daysOfInventory: number | null,
  inventoryTurnover: number | null,
  crossTerritoryShare: number | null,
  belowFloorShare: number | null,
): PartnerKpis {
  return {
    partnerId,
    revenueMinor,
    prevRevenueMinor,
    yoyRevenueMinor,
    targetMinor,
    attainment,
    growthPrev,
    growthYoY,
    grossMargin,
    orders,
    activeCustomers,
    newCustomers,
    retention,
    satisfaction,
    trainingCompliance,
    expiredCertifications,
    openHighRisks,
    sellThroughRate,
    daysOfInventory,
    inventoryTurnover,
    crossTerritoryShare,
    belowFloorShare,
  };
}

/**
 * One shape for every KPI object from the first run on. V8 gives an object's field the kind of the first value stored
 * in it (a small integer, a fraction, null) and, when a later object stores another kind (the first revenue over
 * 2^30 fen, a first fraction after integers, a first number after null), deprecates the shape: every object built so far
 * is migrated and the code compiled for the old shape is thrown away — in a process's first evaluation, and the
 * recompiling reached into the next one (node --trace-generalization: "+21 maps" at the first fractional revenue).
 * Objects built here when the module loads (null, then a fraction, three times over: the literal's first runs build
 * its template apart) give every field but the id its general kind — a number or null, small integer or not (orders
 * come from a Float64Array, a fraction to the engine) — before any code is compiled for it; a run then meets only
 * in-place generalizations.
 */
const NUL = null as unknown as number;
for (let k = 0; k < 3; k++) {
  kpiRecord(0, NUL, NUL, NUL, null, null, null, null, null, NUL, NUL, NUL, null, null, null, NUL, NUL, null, null, null, null, null);
  kpiRecord(1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
}

export function ratio(value: number, base: number | null): number | null {
  if (base === null || base === 0) return null;
  return round6(value / base);
}

/** Growth against a base; the base's absolute value keeps the sign meaningful when the base is negative (returns). */
export function growth(value: number, base: number): number | null {
  if (base === 0) return null;
  return round6((value - base) / Math.abs(base));
}
