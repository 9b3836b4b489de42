import type { Workspace } from '../../../db/database';
import { previousPeriod, samePeriodLastYear, type Period } from '../periods/period';
import { getRiskBands, riskLevel } from '../risks/riskLevels';
import { isRequiredFor, requirementCourses as requirementCoursesOf, trainingCompliance } from '../training/compliance';
import { revenueTargets } from './targets';

/** The KPIs of one partner for one period (money in minor units, ratios as plain numbers: 0.25 = 25 %). */
export interface PartnerKpis {
  partnerId: number;
  revenueMinor: number;
  prevRevenueMinor: number;
  yoyRevenueMinor: number;
  targetMinor: number | null;
  /** revenue ÷ target; null without a target (or a zero target). */
  attainment: number | null;
  /** (revenue − base) ÷ |base|; null where the base is 0. */
  growthPrev: number | null;
  growthYoY: number | null;
  /** (revenue − cost) ÷ revenue over the lines that carry a cost; null when no line has one or that revenue is ≤ 0. */
  grossMargin: number | null;
  orders: number;
  activeCustomers: number;
  newCustomers: number;
  /** Share of the previous period's customers who bought again in this one; null when the previous period had none. */
  retention: number | null;
  satisfaction: number | null;
  trainingCompliance: number | null;
  /** Required certifications held before but expired (not valid) at period end. */
  expiredCertifications: number;
  openHighRisks: number;
}

interface Money {
  rev: number;
  revC: number | null;
  cost: number | null;
}

/**
 * Aggregates KPIs in SQL, per partner, for any number of periods, caching per period what other periods reuse
 * (the current period's revenue is the next period's growth base). One instance per evaluation run.
 * The revenue sums use the covering index sales_partner_date_idx (partner_id, date, amount_minor, cost_minor, …).
 */
export class KpiSource {
  private readonly money = new Map<string, Map<number, Money>>();
  private readonly ids: string;
  private readonly stmts: ReturnType<KpiSource['prepare']>;
  private readonly bands: ReturnType<typeof getRiskBands>;

  constructor(
    private readonly ws: Workspace,
    private readonly partnerIds: number[],
    private readonly fsm: number,
  ) {
    this.ids = JSON.stringify(partnerIds);
    this.stmts = this.prepare();
    this.bands = getRiskBands(ws.db);
  }

  private prepare() {
    const s = this.ws.sqlite;
    const inIds = 'partner_id in (select value from json_each(@ids))';
    return {
      money: s.prepare(
        `select partner_id as p, sum(amount_minor) as rev, sum(case when cost_minor is not null then amount_minor end) as revC, sum(cost_minor) as cost
         from sales_lines where ${inIds} and date between @start and @end group by partner_id`,
      ),
      counts: s.prepare(
        `select partner_id as p, count(distinct order_ref) as orders, count(distinct customer_ref) as customers
         from sales_lines where ${inIds} and date between @start and @end group by partner_id`,
      ),
      // New = first purchase ever (with this partner) falls in the period: no earlier line for that customer.
      newCustomers: s.prepare(
        `select c.p as p, count(*) as n from (select distinct partner_id as p, customer_ref as c from sales_lines
           where ${inIds} and date between @start and @end and customer_ref is not null) c
         where not exists (select 1 from sales_lines s where s.partner_id = c.p and s.customer_ref = c.c and s.date < @start)
         group by c.p`,
      ),
      retention: s.prepare(
        `select c.p as p, count(*) as prev, sum(exists (select 1 from sales_lines s where s.partner_id = c.p and s.customer_ref = c.c
           and s.date between @start and @end)) as kept
         from (select distinct partner_id as p, customer_ref as c from sales_lines
           where ${inIds} and date between @prevStart and @prevEnd and customer_ref is not null) c
         group by c.p`,
      ),
      satisfaction: s.prepare(
        `select partner_id as p, avg(score) as avg from feedback where ${inIds} and date between @start and @end group by partner_id`,
      ),
      risks: s.prepare(
        `select partner_id as p, coalesce(residual_likelihood * residual_impact, likelihood * impact) as score from risks
         where ${inIds} and status in ('open', 'mitigating')`,
      ),
      expired: s.prepare(
        // required courses (decided in JS) with a passed record that lapsed before asOf; the valid ones are subtracted later
        `select partner_id as p, course_id as c from training_records where ${inIds} and passed = 1 and completed_on <= @asOf
         and expires_on is not null and expires_on < @asOf group by partner_id, course_id`,
      ),
    };
  }

  /** The same source for fewer partners (no shared cache: the sums differ). */
  subset(partnerIds: number[]): KpiSource {
    return new KpiSource(this.ws, partnerIds, this.fsm);
  }

  /** Revenue / costed revenue / cost per partner for a period (cached). */
  moneyFor(p: Period): Map<number, Money> {
    let m = this.money.get(p.label);
    if (!m) {
      m = new Map();
      for (const r of this.stmts.money.all({ ids: this.ids, start: p.start, end: p.end }) as Array<Money & { p: number }>) m.set(r.p, r);
      this.money.set(p.label, m);
    }
    return m;
  }

  /** All KPIs of every partner for period p. `onStep` is called between the queries (progress, cancellation). */
  compute(p: Period, onStep: (step: string) => void = () => undefined): Map<number, PartnerKpis> {
    const prev = previousPeriod(p, this.fsm);
    const yoy = samePeriodLastYear(p, this.fsm);
    const cur = this.moneyFor(p);
    const prevM = this.moneyFor(prev);
    const yoyM = this.moneyFor(yoy);
    onStep('revenue');
    const targets = revenueTargets(this.ws, p, this.fsm, this.partnerIds);
    onStep('targets');
    const counts = new Map<number, { orders: number; customers: number }>();
    for (const r of this.stmts.counts.all({ ids: this.ids, start: p.start, end: p.end }) as Array<{ p: number; orders: number; customers: number }>) counts.set(r.p, r);
    onStep('orders');
    const fresh = new Map<number, number>();
    for (const r of this.stmts.newCustomers.all({ ids: this.ids, start: p.start, end: p.end }) as Array<{ p: number; n: number }>) fresh.set(r.p, r.n);
    onStep('new customers');
    const kept = new Map<number, { prev: number; kept: number }>();
    for (const r of this.stmts.retention.all({ ids: this.ids, start: p.start, end: p.end, prevStart: prev.start, prevEnd: prev.end }) as Array<{ p: number; prev: number; kept: number }>) kept.set(r.p, r);
    onStep('retention');
    const sat = new Map<number, number>();
    for (const r of this.stmts.satisfaction.all({ ids: this.ids, start: p.start, end: p.end }) as Array<{ p: number; avg: number }>) sat.set(r.p, r.avg);
    const risks = new Map<number, number>();
    for (const r of this.stmts.risks.all({ ids: this.ids }) as Array<{ p: number; score: number }>) {
      const level = riskLevel(r.score, this.bands);
      if (level === 'high' || level === 'critical') risks.set(r.p, (risks.get(r.p) ?? 0) + 1);
    }
    onStep('satisfaction and risks');
    const compliance = trainingCompliance(this.ws, p.end, this.partnerIds);
    const expired = this.expiredCertifications(p.end);
    onStep('training');

    const out = new Map<number, PartnerKpis>();
    for (const id of this.partnerIds) {
      const m = cur.get(id);
      const revenue = m?.rev ?? 0;
      const prevRevenue = prevM.get(id)?.rev ?? 0;
      const yoyRevenue = yoyM.get(id)?.rev ?? 0;
      const target = targets.get(id) ?? null;
      const c = counts.get(id);
      const k = kept.get(id);
      const tc = compliance.get(id);
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
        orders: c?.orders ?? 0,
        activeCustomers: c?.customers ?? 0,
        newCustomers: fresh.get(id) ?? 0,
        retention: k && k.prev > 0 ? round6(k.kept / k.prev) : null,
        satisfaction: sat.has(id) ? round6(sat.get(id)!) : null,
        trainingCompliance: tc?.compliance == null ? null : round6(tc.compliance),
        expiredCertifications: expired.get(id) ?? 0,
        openHighRisks: risks.get(id) ?? 0,
      });
    }
    return out;
  }

  /** Required courses a partner held before and no longer holds valid at asOf. */
  private expiredCertifications(asOf: string): Map<number, number> {
    const lapsed = this.stmts.expired.all({ ids: this.ids, asOf }) as Array<{ p: number; c: number }>;
    if (lapsed.length === 0) return new Map();
    // A lapsed course with a newer valid record is not expired; only required courses count (training's rule).
    const valid = new Set(
      (this.ws.sqlite
        .prepare(
          `select partner_id as p, course_id as c from training_records where partner_id in (select value from json_each(@ids)) and passed = 1
           and completed_on <= @asOf and (expires_on is null or expires_on >= @asOf) group by partner_id, course_id`,
        )
        .all({ ids: this.ids, asOf }) as Array<{ p: number; c: number }>).map((r) => `${r.p}:${r.c}`),
    );
    const required = this.requiredCourses();
    const out = new Map<number, number>();
    for (const r of lapsed) {
      if (valid.has(`${r.p}:${r.c}`)) continue;
      if (!required(r.p).has(r.c)) continue;
      out.set(r.p, (out.get(r.p) ?? 0) + 1);
    }
    return out;
  }

  private requiredCourses(): (partnerId: number) => Set<number> {
    const partners = new Map(
      (this.ws.sqlite.prepare('select id, tier, channel_type as channelType from partners where id in (select value from json_each(?))').all(this.ids) as Array<{
        id: number;
        tier: string;
        channelType: string;
      }>).map((p) => [p.id, p]),
    );
    const courses = requirementCoursesOf(this.ws);
    const cache = new Map<string, Set<number>>();
    return (id) => {
      const p = partners.get(id);
      if (!p) return new Set();
      const key = `${p.tier}|${p.channelType}`;
      let s = cache.get(key);
      if (!s) cache.set(key, (s = new Set(courses.filter((c) => isRequiredFor(c, p)).map((c) => c.id))));
      return s;
    };
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
