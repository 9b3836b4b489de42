import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Workspace } from '../../../db/database';
import { targetPlanLocks, targetPlans, targetPlanVersions, targetPlanUses, type PartnerRow } from '../../../db/schema';
import type { PlanMetric, PlanRunUse } from '../../model/plans';

/**
 * The target plans' store: the only SQL on `target_plans`, their locks, versions and uses, the plans' reads of partners
 * and their sales, and the targets a publish writes — typed from the drizzle schema. The rules (allocation, time split,
 * what a revision keeps) stay in plans.ts, planInputs.ts, targetUse.ts and planWorkbook.ts.
 */
export type PlanRowSql = Pick<typeof targetPlans.$inferSelect, 'id' | 'code' | 'name' | 'metric' | 'period' | 'scope' | 'totalMinor' | 'rules' | 'updatedAt'>;
export type PlanValues = Pick<typeof targetPlans.$inferInsert, 'code' | 'name' | 'metric' | 'period' | 'scope' | 'totalMinor' | 'rules' | 'createdBy' | 'createdAt' | 'updatedAt'>;
/**
 * A published version as stored; `allocation` stays JSON text (a plan of ten thousand partners holds megabytes of it),
 * parsed only where a version is shown or compared.
 */
export type VersionRowSql = Pick<typeof targetPlanVersions.$inferSelect, 'id' | 'version' | 'totalMinor' | 'publishedAt' | 'publishedBy'> & { allocation: string };
/** A run standing on a plan version, with that version's allocation (JSON text). */
export type StandingUseSql = PlanRunUse & { allocation: string };
/** Which partners a plan's scope holds (none set: every planned partner). */
export interface ScopeFilter {
  statuses: readonly string[];
  territoryIds?: number[];
  channelType?: string;
  channelManagerId?: number;
}
/** A partner as a plan allocates to it: the tree's levels and the latest completed scorecard's grade. */
export type ScopePartnerSql = Pick<PartnerRow, 'id' | 'code' | 'name' | 'nameEn' | 'tier' | 'territoryId'> & {
  managerId: number | null;
  managerName: string | null;
  grade: string | null;
};

const planColumns = {
  id: targetPlans.id,
  code: targetPlans.code,
  name: targetPlans.name,
  metric: targetPlans.metric,
  period: targetPlans.period,
  scope: targetPlans.scope,
  totalMinor: targetPlans.totalMinor,
  rules: targetPlans.rules,
  updatedAt: targetPlans.updatedAt,
};
const codeIs = (code: string) => sql`${targetPlans.code} = ${code} collate nocase`;
/** Uses of runs that still stand: completed evaluation runs; payout runs as `payouts` says (not void, or approved/paid). */
const standing = (payouts: 'notVoid' | 'approvedOrPaid') =>
  `((u.run_kind = 'evaluation' and exists (select 1 from evaluation_runs r where r.id = u.run_id and r.status = 'completed'))
    or (u.run_kind = 'payout' and exists (select 1 from payout_runs r where r.id = u.run_id and ${payouts === 'notVoid' ? "r.status <> 'void'" : "r.status in ('approved', 'paid')"})))`;

export const planStore = {
  byCode(ws: Workspace, code: string): PlanRowSql | undefined {
    return ws.db.select(planColumns).from(targetPlans).where(codeIs(code)).get();
  },
  codeTaken(ws: Workspace, code: string): boolean {
    return ws.db.select({ id: targetPlans.id }).from(targetPlans).where(codeIs(code)).get() !== undefined;
  },
  /** Every plan's code, latest period first. */
  codes(ws: Workspace): string[] {
    return ws.db
      .select({ code: targetPlans.code })
      .from(targetPlans)
      .orderBy(desc(targetPlans.period), asc(targetPlans.code))
      .all()
      .map((r) => r.code);
  },
  insert(ws: Workspace, v: PlanValues): void {
    ws.db.insert(targetPlans).values(v).run();
  },
  /** Changes a plan; `updatedAt` is the operation clock's instant (ISO UTC). */
  update(ws: Workspace, id: number, v: Partial<Pick<PlanValues, 'name' | 'totalMinor' | 'rules'>> & { updatedAt: string }): void {
    ws.db
      .update(targetPlans)
      .set(v)
      .where(eq(targetPlans.id, id))
      .run();
  },
  locks(ws: Workspace, planId: number): Map<string, number> {
    const rows = ws.db.select({ key: targetPlanLocks.nodeKey, amount: targetPlanLocks.amountMinor }).from(targetPlanLocks).where(eq(targetPlanLocks.planId, planId)).all();
    return new Map(rows.map((r) => [r.key, r.amount]));
  },
  setLock(ws: Workspace, planId: number, nodeKey: string, amountMinor: number): void {
    ws.db
      .insert(targetPlanLocks)
      .values({ planId, nodeKey, amountMinor })
      .onConflictDoUpdate({ target: [targetPlanLocks.planId, targetPlanLocks.nodeKey], set: { amountMinor } })
      .run();
  },
  removeLock(ws: Workspace, planId: number, nodeKey: string): void {
    ws.db
      .delete(targetPlanLocks)
      .where(and(eq(targetPlanLocks.planId, planId), eq(targetPlanLocks.nodeKey, nodeKey)))
      .run();
  },
  /** The plan's locks become exactly `locks`. */
  replaceLocks(ws: Workspace, planId: number, locks: ReadonlyMap<string, number>): void {
    ws.db.delete(targetPlanLocks).where(eq(targetPlanLocks.planId, planId)).run();
    if (locks.size) ws.db.insert(targetPlanLocks).values([...locks].map(([nodeKey, amountMinor]) => ({ planId, nodeKey, amountMinor }))).run();
  },
  versions(ws: Workspace, planId: number): VersionRowSql[] {
    return ws.sqlite
      .prepare<[number], VersionRowSql>(
        'select id, version, total_minor as totalMinor, allocation, published_at as publishedAt, published_by as publishedBy from target_plan_versions where plan_id = ? order by version',
      )
      .all(planId);
  },
  insertVersion(ws: Workspace, v: Omit<typeof targetPlanVersions.$inferInsert, 'id'>): number {
    return ws.db.insert(targetPlanVersions).values(v).returning({ id: targetPlanVersions.id }).get().id;
  },
  /** The standing runs (evaluation runs that completed, payout runs not void) that read their targets from a version. */
  runsOfVersion(ws: Workspace, versionId: number): Array<{ kind: PlanRunUse['runKind']; id: number }> {
    return ws.sqlite
      .prepare<[number], { kind: PlanRunUse['runKind']; id: number }>(
        `select u.run_kind as kind, u.run_id as id from target_plan_uses u where u.plan_version_id = ? and ${standing('notVoid')} order by u.run_id`,
      )
      .all(versionId);
  },
  /** The runs that still stand on a plan's versions (completed evaluation runs, approved or paid payout runs). */
  standingUses(ws: Workspace, planId: number): StandingUseSql[] {
    return ws.sqlite
      .prepare<[number], StandingUseSql>(
        `select v.version, u.run_kind as runKind, u.run_id as runId, u.period, u.metric, v.allocation
         from target_plan_uses u join target_plan_versions v on v.id = u.plan_version_id
         where v.plan_id = ? and ${standing('approvedOrPaid')}
         order by v.version, u.run_kind, u.run_id`,
      )
      .all(planId);
  },
  /** Records the versions that wrote any of the targets (`labels`, `metric`, `partnerIds`) a run read. */
  recordUse(ws: Workspace, run: Pick<typeof targetPlanUses.$inferInsert, 'runKind' | 'runId' | 'period' | 'metric'>, labels: string[], partnerIds: number[]): void {
    ws.sqlite
      .prepare<[{ kind: string; runId: number; period: string; metric: string; labels: string; ids: string }]>(
        // Driven by the plan-written targets of the metric and periods (partial index targets_plan_use_idx; `+` keeps
        // SQLite off the partner index, which probed every partner's targets: 10k probes for nothing without plans).
        `insert or ignore into target_plan_uses (plan_version_id, run_kind, run_id, period, metric)
         select distinct plan_version_id, @kind, @runId, @period, @metric from targets
         where metric = @metric and plan_version_id is not null and period in (select value from json_each(@labels))
           and +partner_id in (select value from json_each(@ids))`,
      )
      .run({ kind: run.runKind, runId: run.runId, period: run.period, metric: run.metric, labels: JSON.stringify(labels), ids: JSON.stringify(partnerIds) });
  },
};

/** Where a metric comes from: its table and the sum (quantities rounded to whole units, so weights stay exact integers). */
function metricSource(metric: PlanMetric): { table: string; sum: string } {
  if (metric === 'sellThroughQuantity') return { table: 'sell_through_lines', sum: 'cast(round(coalesce(sum(quantity), 0)) as integer)' };
  if (metric === 'margin') return { table: 'sales_lines', sum: 'coalesce(sum(case when cost_minor is not null then amount_minor - cost_minor end), 0)' };
  return { table: 'sales_lines', sum: 'coalesce(sum(amount_minor), 0)' };
}

/**
 * What plans read of partners and their sales. The sums run over the sales lines of every partner in a scope (a
 * declared hot path: typed raw statements, the metric's table and sum chosen from a closed list).
 */
export const planSourceStore = {
  /** The live partners a scope holds, by code. */
  scopePartners(ws: Workspace, f: ScopeFilter): ScopePartnerSql[] {
    const where = ['p.deleted_at is null', 'p.status in (select value from json_each(@statuses))'];
    if (f.territoryIds) where.push('p.territory_id in (select value from json_each(@territoryIds))');
    if (f.channelType !== undefined) where.push('p.channel_type = @channelType');
    if (f.channelManagerId !== undefined) where.push('p.channel_manager_id = @channelManagerId');
    return ws.sqlite
      .prepare<[Record<string, string | number>], ScopePartnerSql>(
        `select p.id, p.code, p.name, p.name_en as nameEn, p.tier, p.territory_id as territoryId, p.channel_manager_id as managerId,
                m.name as managerName,
                (select s.grade from evaluation_runs r cross join scorecards s on s.run_id = r.id and s.partner_id = p.id
                  where r.status = 'completed' order by r.started_at desc, r.id desc limit 1) as grade
           from partners p left join channel_managers m on m.id = p.channel_manager_id
          where ${where.join(' and ')} order by p.code`,
      )
      .all({
        statuses: JSON.stringify(f.statuses),
        ...(f.territoryIds ? { territoryIds: JSON.stringify(f.territoryIds) } : {}),
        ...(f.channelType !== undefined ? { channelType: f.channelType } : {}),
        ...(f.channelManagerId !== undefined ? { channelManagerId: f.channelManagerId } : {}),
      });
  },
  /** The metric per partner over [from, to] (inclusive dates). */
  metricByPartner(ws: Workspace, metric: PlanMetric, ids: number[], from: string, to: string): Map<number, number> {
    const m = metricSource(metric);
    const rows = ws.sqlite
      .prepare<[string, string, string], { id: number; v: number }>(
        `select partner_id as id, ${m.sum} as v from ${m.table} where partner_id in (select value from json_each(?)) and date between ? and ? group by partner_id`,
      )
      .all(JSON.stringify(ids), from, to);
    return new Map(rows.map((r) => [r.id, r.v]));
  },
  /** The metric per partner and calendar month ('2025-03') over [from, to]. */
  metricByPartnerMonth(ws: Workspace, metric: PlanMetric, ids: number[], from: string, to: string): Array<{ id: number; month: string; v: number }> {
    const m = metricSource(metric);
    return ws.sqlite
      .prepare<[string, string, string], { id: number; month: string; v: number }>(
        `select partner_id as id, substr(date, 1, 7) as month, ${m.sum} as v from ${m.table}
         where partner_id in (select value from json_each(?)) and date between ? and ? group by partner_id, substr(date, 1, 7)`,
      )
      .all(JSON.stringify(ids), from, to);
  },
  /** Every partner's id by code (deleted ones too: a plan version names the partners it had). */
  partnerIdsByCode(ws: Workspace): Map<string, number> {
    return new Map(ws.sqlite.prepare<[], { id: number; code: string }>('select id, code from partners').all().map((r) => [r.code, r.id]));
  },
};

/** The targets a publish writes (the `targets` table; a publish writes tens of thousands of rows: one prepared upsert). */
export const planTargetStore = {
  /** An upsert of one target row under a plan version (replacing an imported or earlier value). */
  writer(ws: Workspace): (t: { partnerId: number; period: string; metric: string; value: number; planVersionId: number }) => void {
    const upsert = ws.sqlite.prepare<[number, string, string, number, number]>(
      `insert into targets (partner_id, period, metric, value, plan_version_id) values (?, ?, ?, ?, ?)
       on conflict(partner_id, period, metric) do update set value = excluded.value, plan_version_id = excluded.plan_version_id, import_id = null`,
    );
    return (t) => upsert.run(t.partnerId, t.period, t.metric, t.value, t.planVersionId);
  },
  /** The period labels a partner has targets for from any version of the plan. */
  periodsFromPlan(ws: Workspace, partnerId: number, planId: number): string[] {
    return ws.sqlite
      .prepare<[number, number], string>('select distinct period from targets where partner_id = ? and plan_version_id in (select id from target_plan_versions where plan_id = ?)')
      .pluck()
      .all(partnerId, planId);
  },
  /**
   * Removes the targets earlier versions of the plan wrote for partners the current version (`versionId`) leaves out,
   * except the (partner, label) pairs in `keep`.
   */
  removeLeftOut(ws: Workspace, planId: number, versionId: number, inPlan: number[], keep: Array<{ p: number; l: string }>): void {
    ws.sqlite
      .prepare<[number, number, string, string]>(
        `delete from targets where plan_version_id in (select id from target_plan_versions where plan_id = ? and id <> ?)
           and partner_id not in (select value from json_each(?))
           and not exists (select 1 from json_each(?) k where json_extract(k.value, '$.p') = targets.partner_id and json_extract(k.value, '$.l') = targets.period)`,
      )
      .run(planId, versionId, JSON.stringify(inPlan), JSON.stringify(keep));
  },
};
