import type { Workspace } from '../../../db/database';
import { targetRows } from './store';
import { parsePeriod, periodsBetween, type Period } from '../../../shared/period';

/**
 * The revenue target of a period (metric 'revenue', minor units), by this rule:
 *  1. the period's own target (a 'targets' row with exactly its label) when there is one;
 *  2. else the sum of its parts' targets, each resolved by the same rule: a year = its two halves,
 *     a half = its two quarters, a quarter = its three calendar months;
 *  3. parts without a target add nothing (a partner that joined in Q3 has a year target of Q3 + Q4);
 *     when no part has one either, the target is null (no target → no attainment).
 * Labels are fiscal when a fiscal start month is set, so the parts are found by the same period rules.
 */
export function childLabels(p: Period, fsm: number): string[] {
  const year = p.label.slice(0, 4);
  if (p.kind === 'year') return [`${year}-H1`, `${year}-H2`];
  if (p.kind === 'half') return p.label.endsWith('H1') ? [`${year}-Q1`, `${year}-Q2`] : [`${year}-Q3`, `${year}-Q4`];
  if (p.kind === 'quarter') return periodsBetween(p.start, p.end, 'month', fsm).map((m) => m.label);
  return [];
}

/** A period's label and its parts down to months, parsed once (the rule walks the same tree for every partner). */
interface LabelTree {
  label: string;
  parts: LabelTree[];
}

function labelTree(p: Period, fsm: number): LabelTree {
  return { label: p.label, parts: childLabels(p, fsm).map((c) => labelTree(parsePeriod(c, fsm), fsm)) };
}

function flatten(t: LabelTree, out: string[]): string[] {
  out.push(t.label);
  for (const c of t.parts) flatten(c, out);
  return out;
}

/** Every label the rule may look at for period p (p itself and all its parts down to months). */
export function labelsFor(p: Period, fsm: number, out: string[] = []): string[] {
  return flatten(labelTree(p, fsm), out);
}

/** Revenue target per partner for a period; partners without any target are absent from the map. */
export function revenueTargets(ws: Workspace, period: Period, fsm: number, partnerIds: number[]): Map<number, number> {
  return resolvedTargetsOf(ws, [period], fsm, partnerIds, 'revenue')[0];
}

/** Revenue targets of several periods (one map per period, in order), read in one query. */
export function revenueTargetsOf(ws: Workspace, periods: Period[], fsm: number, partnerIds: number[]): Array<Map<number, number>> {
  return resolvedTargetsOf(ws, periods, fsm, partnerIds, 'revenue');
}

/**
 * The target of any metric per partner for a period by the same rule (own label, else the sum of its parts): 'revenue',
 * 'margin', a plan's stretch levels 'revenue.stretch' / 'revenue.challenge' (冲刺 / 挑战), an imported metric.
 */
export function resolvedTargets(ws: Workspace, period: Period, fsm: number, partnerIds: number[], metric: string): Map<number, number> {
  return resolvedTargetsOf(ws, [period], fsm, partnerIds, metric)[0];
}

/** resolvedTargets of several periods (one map per period, in order) from one read of the rows of all their labels. */
export function resolvedTargetsOf(ws: Workspace, periods: Period[], fsm: number, partnerIds: number[], metric: string): Array<Map<number, number>> {
  const trees = periods.map((p) => labelTree(p, fsm));
  const labels = [...new Set(trees.flatMap((t) => flatten(t, [])))];
  // Each partner's targets as an array indexed by label (the trees compiled to those indexes): no Map per partner.
  const index = new Map(labels.map((l, i) => [l, i]));
  const compiled = trees.map(function compile(t: LabelTree): IndexTree {
    return { i: index.get(t.label)!, parts: t.parts.map(compile) };
  });
  const byPartner = new Map<number, Array<number | undefined>>();
  for (const [p, period, value] of targetRows(ws, metric, labels, partnerIds)) {
    let values = byPartner.get(p);
    if (!values) byPartner.set(p, (values = new Array<number | undefined>(labels.length)));
    values[index.get(period)!] = value;
  }
  const resolve = (values: Array<number | undefined>, t: IndexTree): number | null => {
    const own = values[t.i];
    if (own !== undefined) return own;
    let sum: number | null = null;
    for (const c of t.parts) {
      const v = resolve(values, c);
      if (v !== null) sum = (sum ?? 0) + v;
    }
    return sum;
  };
  return compiled.map((tree) => {
    const out = new Map<number, number>();
    for (const [p, values] of byPartner) {
      const v = resolve(values, tree);
      if (v !== null) out.set(p, v);
    }
    return out;
  });
}

/** A LabelTree with each label replaced by its index in the read's label list. */
interface IndexTree {
  i: number;
  parts: IndexTree[];
}
