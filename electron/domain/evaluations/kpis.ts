import type { Workspace } from '../../../db/database';
import { previousPeriod, samePeriodLastYear, type Period } from '../../../shared/period';
import { getRiskBands, riskLevel } from '../risks/riskLevels';
import { complianceAndLapsedAt, requirementCourses as requirementCoursesOf, type PartnerCompliance } from '../training/compliance';
import { channelMeasures } from '../inventory/channelMeasures';
import { revenueTargetsOf } from './targets';
import { ensureSalesSummaries, monthIndex } from './salesSummaries';
import { customerCountsOf, evaluationSql, type CustomerCounts, type SalesMoney } from './store';
import type { PartnerKpis } from '../../model/evaluations';

export type { PartnerKpis };


/** One partner's sales in one period: money and sell-in quantity, and the distinct orders when read from the lines. */
interface PeriodSales extends Omit<SalesMoney, 'p'> {
  orders: number;
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
  private readonly money = new Map<string, Map<number, PeriodSales>>();
  private readonly lines = new Map<string, Map<number, PeriodSales>>();
  private readonly customers = new Map<string, Map<number, CustomerCounts>>();
  private readonly targets = new Map<string, Map<number, number>>();
  private readonly training = new Map<string, TrainingAt>();
  private openHighRisks: Map<number, number> | null = null;
  private planned: Period[] = [];
  private readonly ids: string;
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

  /** Money and quantity per partner for a period from the month totals (cached); orders are not counted there. */
  moneyFor(p: Period): Map<number, PeriodSales> {
    const read = this.lines.get(p.label);
    if (read) return read;
    let m = this.money.get(p.label);
    if (!m) this.money.set(p.label, (m = this.monthTotals(p)));
    return m;
  }

  private monthTotals(p: Period): Map<number, PeriodSales> {
    const m = new Map<number, PeriodSales>();
    for (const r of this.sql.monthTotals.all({ ids: this.ids, from: monthIndex(p.start), to: monthIndex(p.end) })) {
      m.set(r.p, { rev: r.rev, revC: r.revC, cost: r.cost, qty: r.qty, orders: 0 });
    }
    return m;
  }

  /**
   * Money, quantity and distinct orders per partner for a period: the money from the month totals, the quantity and
   * distinct orders from its lines (one grouped index scan); cached.
   */
  linesFor(p: Period): Map<number, PeriodSales> {
    let m = this.lines.get(p.label);
    if (!m) {
      const money = this.money.get(p.label) ?? this.monthTotals(p);
      m = new Map();
      for (const r of this.sql.periodLines.all({ ids: this.ids, start: p.start, end: p.end })) {
        const t = money.get(r.p);
        // A partner whose lines in the period all lack an order and sum to nothing still has a row in both reads.
        m.set(r.p, { rev: t?.rev ?? 0, revC: t?.revC ?? null, cost: t?.cost ?? null, qty: r.qty, orders: r.orders });
      }
      this.lines.set(p.label, m);
    }
    return m;
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
    const cur = opts.orders === false ? this.moneyFor(p) : this.linesFor(p);
    onStep('revenue, orders and customers');
    const before = this.moneyFor(prev);
    const yoyM = this.moneyFor(yoy);
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
    const sellIn = new Map<number, number>();
    for (const [id, l] of cur) sellIn.set(id, l.qty);
    const channel = channelMeasures(this.ws, p, this.partnerIds, sellIn);
    onStep('sell-through and inventory');

    const out = new Map<number, PartnerKpis>();
    for (const id of this.partnerIds) {
      const m = cur.get(id);
      const revenue = m?.rev ?? 0;
      const prevRevenue = before.get(id)?.rev ?? 0;
      const yoyRevenue = yoyM.get(id)?.rev ?? 0;
      const target = targets.get(id) ?? null;
      const c = customers.get(id);
      const tc = compliance.get(id);
      const ch = channel.get(id);
      out.set(id, {
        partnerId: id,
        revenueMinor: revenue,
        prevRevenueMinor: prevRevenue,
        yoyRevenueMinor: yoyRevenue,
        targetMinor: target,
        attainment: ratio(revenue, target),
        growthPrev: growth(revenue, prevRevenue),
        growthYoY: growth(revenue, yoyRevenue),
        grossMargin: m && m.revC !== null && m.cost !== null && m.revC > 0 ? round6((m.revC - m.cost) / m.revC) : null,
        orders: m?.orders ?? 0,
        activeCustomers: c?.active ?? 0,
        newCustomers: c?.fresh ?? 0,
        retention: c && c.prev > 0 ? round6(c.kept / c.prev) : null,
        satisfaction: sat.has(id) ? round6(sat.get(id)!) : null,
        trainingCompliance: tc?.compliance == null ? null : round6(tc.compliance),
        expiredCertifications: expired.get(id) ?? 0,
        openHighRisks: risks.get(id) ?? 0,
        sellThroughRate: ch?.sellThroughRate ?? null,
        daysOfInventory: ch?.daysOfInventory ?? null,
        inventoryTurnover: ch?.inventoryTurnover ?? null,
        crossTerritoryShare: ch?.crossTerritoryShare ?? null,
        belowFloorShare: ch?.belowFloorShare ?? null,
      });
    }
    return out;
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
   * date, from one read of the partners' passed records.
   */
  private trainingAt(dates: string[]): TrainingAt[] {
    const partners = (this.partners ??= this.sql.livePartners.all({ ids: this.ids }));
    return complianceAndLapsedAt(partners, requirementCoursesOf(this.ws), this.sql.passedRecords.all({ ids: this.ids }), dates);
  }
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function ratio(value: number, base: number | null): number | null {
  if (base === null || base === 0) return null;
  return round6(value / base);
}

/** Growth against a base; the base's absolute value keeps the sign meaningful when the base is negative (returns). */
export function growth(value: number, base: number): number | null {
  if (base === 0) return null;
  return round6((value - base) / Math.abs(base));
}
