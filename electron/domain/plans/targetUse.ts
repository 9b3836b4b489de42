import type { Workspace } from '../../../db/database';
import { parsePeriod, periodsBetween, type Period } from '../../../shared/period';
import type { PlanNode, PlanRunUse } from '../../model/plans';
import { labelsFor } from '../evaluations/targets';

/**
 * Records which published plan versions a stored run read its targets from: the versions that wrote any of the target
 * rows the period's rule may look at (its own label and its parts), for the run's metric and partners. Called when an
 * evaluation run is stored (metric 'revenue') and when a payout run of a target-bonus program is calculated (the
 * program's target metric).
 */
export function recordTargetUse(ws: Workspace, run: { kind: 'evaluation' | 'payout'; runId: number; period: Period; metric: string; partnerIds: number[] }, fsm: number): void {
  ws.sqlite
    .prepare(
      `insert or ignore into target_plan_uses (plan_version_id, run_kind, run_id, period, metric)
       select distinct plan_version_id, @kind, @runId, @period, @metric from targets
       where metric = @metric and plan_version_id is not null and period in (select value from json_each(@labels))
         and partner_id in (select value from json_each(@ids))`,
    )
    .run({ kind: run.kind, runId: run.runId, period: run.period.label, metric: run.metric, labels: JSON.stringify(labelsFor(run.period, fsm)), ids: JSON.stringify(run.partnerIds) });
}

/** The runs that still stand on a plan's published versions: completed evaluation runs, approved or paid payout runs. */
export function standingUses(ws: Workspace, planId: number): Array<PlanRunUse & { allocation: string }> {
  return ws.sqlite
    .prepare(
      `select v.version, u.run_kind as runKind, u.run_id as runId, u.period, u.metric, v.allocation
       from target_plan_uses u join target_plan_versions v on v.id = u.plan_version_id
       where v.plan_id = ? and (
         (u.run_kind = 'evaluation' and exists (select 1 from evaluation_runs r where r.id = u.run_id and r.status = 'completed'))
         or (u.run_kind = 'payout' and exists (select 1 from payout_runs r where r.id = u.run_id and r.status in ('approved', 'paid'))))
       order by v.version, u.run_kind, u.run_id`,
    )
    .all(planId) as Array<PlanRunUse & { allocation: string }>;
}

/** The plan's months inside a run's period (calendar month labels, as the plan's time split uses). */
function monthsOf(label: string, fsm: number, planMonths: ReadonlySet<string>): string[] {
  let p: Period;
  try {
    p = parsePeriod(label, fsm);
  } catch {
    return [];
  }
  return periodsBetween(p.start, p.end, 'month')
    .map((m) => m.label)
    .filter((m) => planMonths.has(m));
}

/**
 * Months a revision must keep, per partner code: for every standing run on a version of this plan, the months of the
 * run's period get the amounts that version gave them (a later version keeps the same amounts, so the order is moot).
 */
export function frozenMonths(ws: Workspace, planId: number, fsm: number, planMonths: readonly string[]): { byPartner: Map<string, Map<string, number>>; uses: PlanRunUse[] } {
  const set = new Set(planMonths);
  const byPartner = new Map<string, Map<string, number>>();
  const uses = standingUses(ws, planId);
  const parsed = new Map<string, PlanNode[]>();
  for (const u of uses) {
    const months = monthsOf(u.period, fsm, set);
    if (!months.length) continue;
    let nodes = parsed.get(u.allocation);
    if (!nodes) parsed.set(u.allocation, (nodes = JSON.parse(u.allocation) as PlanNode[]));
    for (const n of nodes) {
      if (n.kind !== 'partner' || !n.code) continue;
      let m = byPartner.get(n.code);
      if (!m) byPartner.set(n.code, (m = new Map()));
      for (const month of months) m.set(month, n.months[month] ?? 0);
    }
  }
  return { byPartner, uses: uses.map(({ version, runKind, runId, period, metric }) => ({ version, runKind, runId, period, metric })) };
}
