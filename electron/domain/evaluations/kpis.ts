import type { Workspace } from '../../../db/database';
import { addDays, previousPeriod, samePeriodLastYear, type Period } from '../../../shared/period';
import { getRiskBands, riskLevel } from '../risks/riskLevels';
import { isRequiredFor, requirementCourses as requirementCoursesOf, trainingCompliance } from '../training/compliance';
import { channelMeasures } from '../inventory/channelMeasures';
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
  /** From sell-through and stock reports (README "Channel inventory, sell-through and price discipline"); null where missing. */
  sellThroughRate: number | null;
  daysOfInventory: number | null;
  inventoryTurnover: number | null;
  crossTerritoryShare: number | null;
  belowFloorShare: number | null;
}

interface Money {
  rev: number;
  revC: number | null;
  cost: number | null;
}

/** A partner's revenue and distinct customers (non-null refs) in a period: what a growth and retention base needs. */
interface PeriodCustomers {
  rev: number;
  customers: string[];
}

/** One partner's lines in one period, aggregated: money, sell-in quantity, distinct orders and the distinct customers. */
interface PeriodLines extends Money, PeriodCustomers {
  qty: number;
  orders: number;
}

/**
 * Aggregates KPIs in SQL, per partner, for any number of periods, caching per period what other periods reuse
 * (the current period's lines are the next period's growth and retention base). One instance per evaluation run.
 * Everything about a period's sales comes from ONE grouped scan of the covering index sales_partner_date_idx
 * (partner_id, date, amount_minor, cost_minor, quantity, customer_ref, order_ref): money, distinct orders and the
 * distinct customers as a JSON list. Retention and new customers are set operations on those lists in JS; only the
 * customers not seen in the previous period need an index seek ("any line before the previous period?") to tell
 * whether their first purchase ever falls in the period — done in one statement over a JSON object of partner → customers.
 */
export class KpiSource {
  private readonly revenue = new Map<string, Map<number, { rev: number }>>();
  private readonly bases = new Map<string, Map<number, PeriodCustomers>>();
  private readonly lines = new Map<string, Map<number, PeriodLines>>();
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
    const money = `sum(amount_minor) as rev, sum(case when cost_minor is not null then amount_minor end) as revC, sum(cost_minor) as cost`;
    return {
      revenue: s.prepare(`select partner_id as p, sum(amount_minor) as rev from sales_lines where ${inIds} and date between @start and @end group by partner_id`),
      bases: s.prepare(
        `select partner_id as p, sum(amount_minor) as rev, json_group_array(distinct customer_ref) filter (where customer_ref is not null) as customers
         from sales_lines where ${inIds} and date between @start and @end group by partner_id`,
      ),
      lines: s.prepare(
        `select partner_id as p, ${money}, sum(quantity) as qty, count(distinct order_ref) as orders,
           json_group_array(distinct customer_ref) filter (where customer_ref is not null) as customers
         from sales_lines where ${inIds} and date between @start and @end group by partner_id`,
      ),
      // Of the given customers ({"partnerId": [customer, …]}), per partner, those without any line before @before.
      firstTime: s.prepare(
        `select a.key as p, count(*) as n from json_each(@customers) a, json_each(a.value) c
         where not exists (select 1 from sales_lines s where s.partner_id = a.key and s.customer_ref = c.value and s.date < @before)
         group by a.key`,
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

  /** Revenue per partner for a period (cached; from the period's lines or customers when those were read). */
  revenueFor(p: Period): Map<number, { rev: number }> {
    const read = this.lines.get(p.label) ?? this.bases.get(p.label);
    if (read) return read;
    let m = this.revenue.get(p.label);
    if (!m) {
      m = new Map();
      for (const r of this.stmts.revenue.all({ ids: this.ids, start: p.start, end: p.end }) as Array<{ p: number; rev: number }>) m.set(r.p, r);
      this.revenue.set(p.label, m);
    }
    return m;
  }

  /**
   * Revenue and distinct customers per partner for a period used as a base (the previous period): one grouped scan
   * lighter than the full lines (no orders, costs or quantities), unless the full lines were read already.
   */
  basesFor(p: Period): Map<number, PeriodCustomers> {
    const read = this.lines.get(p.label) ?? this.bases.get(p.label);
    if (read) return read;
    const m = new Map<number, PeriodCustomers>();
    for (const r of this.stmts.bases.all({ ids: this.ids, start: p.start, end: p.end }) as Array<{ p: number; rev: number; customers: string }>) {
      m.set(r.p, { rev: r.rev, customers: JSON.parse(r.customers) as string[] });
    }
    this.bases.set(p.label, m);
    return m;
  }

  /** Money, distinct orders and distinct customers per partner for a period (one grouped index scan, cached). */
  linesFor(p: Period): Map<number, PeriodLines> {
    let m = this.lines.get(p.label);
    if (!m) {
      m = new Map();
      for (const r of this.stmts.lines.all({ ids: this.ids, start: p.start, end: p.end }) as Array<Money & { p: number; qty: number; orders: number; customers: string }>) {
        m.set(r.p, { rev: r.rev, revC: r.revC, cost: r.cost, qty: r.qty, orders: r.orders, customers: JSON.parse(r.customers) as string[] });
      }
      this.lines.set(p.label, m);
    }
    return m;
  }

  /**
   * Retention (previous period's customers who bought again) and new customers (first line ever with the partner in the
   * period) per partner. A customer seen in the previous period is not new; for the others one seek over
   * sales_customer_idx looks for an earlier line (before the previous period when it ends the day before p starts).
   */
  private customers(p: Period, prev: Period, cur: Map<number, PeriodLines>, before: Map<number, PeriodCustomers>) {
    const kept = new Map<number, { prev: number; kept: number }>();
    const unseen: Record<number, string[]> = {};
    let anyUnseen = false;
    const contiguous = addDays(prev.end, 1) === p.start;
    for (const [id, b] of before) {
      if (b.customers.length === 0) continue;
      const now = new Set(cur.get(id)?.customers);
      let n = 0;
      for (const c of b.customers) if (now.has(c)) n++;
      kept.set(id, { prev: b.customers.length, kept: n });
    }
    for (const [id, c] of cur) {
      if (c.customers.length === 0) continue;
      const seen = contiguous ? before.get(id)?.customers : undefined;
      const seenSet = seen && seen.length ? new Set(seen) : null;
      const list = seenSet ? c.customers.filter((x) => !seenSet.has(x)) : c.customers;
      if (list.length) {
        unseen[id] = list;
        anyUnseen = true;
      }
    }
    const fresh = new Map<number, number>();
    if (anyUnseen) {
      const rows = this.stmts.firstTime.all({ customers: JSON.stringify(unseen), before: contiguous ? prev.start : p.start }) as Array<{ p: string; n: number }>;
      for (const r of rows) fresh.set(Number(r.p), r.n);
    }
    return { kept, fresh };
  }

  /** All KPIs of every partner for period p. `onStep` is called between the queries (progress, cancellation). */
  compute(p: Period, onStep: (step: string) => void = () => undefined): Map<number, PartnerKpis> {
    const prev = previousPeriod(p, this.fsm);
    const yoy = samePeriodLastYear(p, this.fsm);
    const cur = this.linesFor(p);
    onStep('revenue, orders and customers');
    const before = this.basesFor(prev);
    const yoyM = this.revenueFor(yoy);
    onStep('previous periods');
    const targets = revenueTargets(this.ws, p, this.fsm, this.partnerIds);
    onStep('targets');
    const { kept, fresh } = this.customers(p, prev, cur, before);
    onStep('new customers and retention');
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
        orders: m?.orders ?? 0,
        activeCustomers: m?.customers.length ?? 0,
        newCustomers: fresh.get(id) ?? 0,
        retention: k && k.prev > 0 ? round6(k.kept / k.prev) : null,
        satisfaction: sat.has(id) ? round6(sat.get(id)!) : null,
        trainingCompliance: tc?.compliance == null ? null : round6(tc.compliance),
        expiredCertifications: expired.get(id) ?? 0,
        openHighRisks: risks.get(id) ?? 0,
        sellThroughRate: channel.get(id)?.sellThroughRate ?? null,
        daysOfInventory: channel.get(id)?.daysOfInventory ?? null,
        inventoryTurnover: channel.get(id)?.inventoryTurnover ?? null,
        crossTerritoryShare: channel.get(id)?.crossTerritoryShare ?? null,
        belowFloorShare: channel.get(id)?.belowFloorShare ?? null,
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
