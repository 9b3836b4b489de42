import type { Workspace } from '../../../db/database';
import { parsePeriod, periodsBetween, type Period } from '../../../shared/period';
import type { PlanNode, PlanRunUse } from '../../model/plans';
import { labelsFor } from '../evaluations/targets';
import { planStore, type StandingUseSql } from './store';

/**
 * Records which published plan versions a stored run read its targets from: the versions that wrote any of the target
 * rows the period's rule may look at (its own label and its parts), for the run's metric and partners. Called when an
 * evaluation run is stored (metric 'revenue') and when a payout run of a target-bonus program is calculated (the
 * program's target metric).
 */
export function recordTargetUse(ws: Workspace, run: { kind: 'evaluation' | 'payout'; runId: number; period: Period; metric: string; partnerIds: number[] }, fsm: number): void {
  planStore.recordUse(ws, { runKind: run.kind, runId: run.runId, period: run.period.label, metric: run.metric }, labelsFor(run.period, fsm), run.partnerIds);
}

/** The runs that still stand on a plan's published versions: completed evaluation runs, approved or paid payout runs. */
export function standingUses(ws: Workspace, planId: number): StandingUseSql[] {
  return planStore.standingUses(ws, planId);
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
