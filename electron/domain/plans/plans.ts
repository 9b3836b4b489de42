import type { Workspace } from '../../../db/database';
import { errorReason } from '../../../shared/errorMessages';
import { DomainError } from '../../../shared/errors';
import { applyRate } from '../../../shared/money';
import { parsePeriod, periodsBetween, samePeriodLastYear } from '../../../shared/period';
import {
  isQuantityMetric,
  planRulesInput,
  planScope,
  type PlanAllocation,
  type PlanCreateInput,
  type PlanDetail,
  type PlanLockInput,
  type PlanMetric,
  type PlanNode,
  type PlanNodeAttainment,
  type PlanPublishResult,
  type PlanRunUse,
  type PlanSummary,
  type PlanUpdateInput,
  type PlanVersionSummary,
} from '../../model/plans';
import { fiscalStartMonth } from '../incentives/calculate';
import type { OpContext } from '../opContext';
import { allocate } from './allocation';
import { forecastNode } from './forecast';
import { allocationTree, planInputs, type PlanInputs } from './planInputs';
import { frozenMonths, standingUses } from './targetUse';
import { splitOverTime } from './timeSplit';
import { planSourceStore, planStore, planTargetStore, type VersionRowSql } from './store';
import { alreadyExists, notFound } from '../../../shared/errorMessages';

/** A stored plan as the rules read it: the summary's fields with the metric, scope and rules parsed. */
type PlanRow = Pick<PlanSummary, 'code' | 'name' | 'metric' | 'period' | 'scope' | 'totalMinor' | 'rules'> & { id: number; updatedAt: string };

export function planRow(ws: Workspace, code: string): PlanRow {
  const r = planStore.byCode(ws, code);
  if (!r) throw new DomainError(`Target plan ${code} not found`, 'NOT_FOUND', notFound('plan', code));
  return { ...r, metric: r.metric as PlanMetric, scope: planScope.parse(r.scope), rules: planRulesInput.parse(r.rules) };
}

export function locksOf(ws: Workspace, planId: number): Map<string, number> {
  return planStore.locks(ws, planId);
}

/**
 * The live draft: the rules, the locks and today's sales, allocated and split over quarters and months. For a stored
 * plan (`id`), months a standing run used keep the amounts it used: a partner whose every month is used is held at their
 * sum; a partner with some months used gets at least their sum (when its share would be less it is held at that sum and
 * the rest re-spread over the others, repeated until every such partner fits), and its split fills only the other months.
 */
/** An allocation refusal (keys only) with the node's name and the plan's unit, so it is worded as the tree shows it. */
function namedAllocationRefusal(e: DomainError, nodes: readonly Pick<PlanNode, 'key' | 'kind' | 'code' | 'nameZh' | 'nameEn'>[], unit: 'units' | 'money'): DomainError {
  const r = errorReason(e.data);
  if (r?.reason !== 'planAllocation') return e;
  const n = nodes.find((x) => x.key === r.params.node);
  return new DomainError(e.message, e.code, { reason: r.reason, params: { ...r.params, unit, kind: n?.kind ?? null, code: n?.code ?? null, nameZh: n?.nameZh ?? null, nameEn: n?.nameEn ?? null } });
}

export function draftAllocation(
  ctx: OpContext,
  plan: Pick<PlanRow, 'metric' | 'period' | 'scope' | 'totalMinor' | 'rules'> & { id?: number },
  locks: Map<string, number>,
): { inputs: PlanInputs; nodes: PlanNode[]; uses: PlanRunUse[] } {
  const { ws } = ctx;
  const fsm = fiscalStartMonth(ws);
  const inputs = planInputs(ws, plan, fsm, ctx.today());
  if (inputs.partners.length === 0) throw new DomainError('No partners in the plan’s scope (active, onboarding or on probation)', 'DOMAIN', { reason: 'planNoPartners', params: {} });
  const known = new Set(inputs.nodes.map((n) => n.key));
  for (const k of locks.keys()) if (!known.has(k)) throw new DomainError(`Locked node ${k} is not in the plan’s tree any more; unlock it`, 'DOMAIN', { reason: 'planLockStale', params: { node: k } });
  const frozen = plan.id === undefined ? { byPartner: new Map<string, Map<string, number>>(), uses: [] } : frozenMonths(ws, plan.id, fsm, inputs.months);
  const held = new Map(locks);
  const floors = new Map<string, number>();
  for (const x of inputs.partners) {
    const f = frozen.byPartner.get(x.code);
    if (!f || f.size === 0) continue;
    const key = `p:${x.code}`;
    const sum = [...f.values()].reduce((a, b) => a + b, 0);
    const lock = locks.get(key);
    if (lock !== undefined && (lock < sum || (f.size === inputs.months.length && lock !== sum))) {
      throw new DomainError(`${key}: locked at ${lock}, but stored runs used ${sum} of its months; a revision keeps them`, 'DOMAIN', {
        reason: 'planLockBelowUsed',
        params: { node: x.code, lockedMinor: lock, usedMinor: sum, unit: isQuantityMetric(plan.metric) ? 'units' : 'money' },
      });
    }
    if (f.size === inputs.months.length) held.set(key, sum);
    else floors.set(key, sum);
  }
  const tree = allocationTree(inputs, plan.rules);
  const usedMinor = [...frozen.byPartner.values()].reduce((a, m) => a + [...m.values()].reduce((x, y) => x + y, 0), 0);
  const unit = isQuantityMetric(plan.metric) ? 'units' : 'money';
  const spread = () => {
    try {
      return allocate(tree, plan.totalMinor, held);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const named = namedAllocationRefusal(e, inputs.nodes, unit);
      if (!frozen.uses.length) throw named;
      throw new DomainError(`${e.message} (stored runs used ${usedMinor} of this plan's months, which a revision keeps)`, 'DOMAIN', {
        reason: 'planRevisionDoesNotFit',
        params: { detail: e.message, problem: named.data, usedMinor, unit, runs: new Set(frozen.uses.map((u) => `${u.runKind}:${u.runId}`)).size },
      });
    }
  };
  let amounts = spread();
  for (;;) {
    const short = [...floors].filter(([k, f]) => !held.has(k) && (amounts.get(k) ?? 0) < f);
    if (!short.length) break;
    for (const [k, f] of short) held.set(k, f);
    amounts = spread();
  }
  const byPartner = new Map(inputs.partners.map((x) => [`p:${x.code}`, x]));
  const out: PlanNode[] = inputs.nodes.map((n) => {
    const partner = byPartner.get(n.key);
    const f = partner ? frozen.byPartner.get(partner.code) : undefined;
    return {
      ...n,
      basisMinor: partner ? (inputs.basis.get(partner.id) ?? 0) : 0,
      amountMinor: amounts.get(n.key) ?? 0,
      locked: locks.has(n.key),
      noHistory: partner ? (inputs.basis.get(partner.id) ?? 0) <= 0 : false,
      quarters: {},
      months: {},
      ...(f && f.size ? { frozenMonths: inputs.months.filter((m) => f.has(m)) } : {}),
    };
  });
  // Partners are split over time; every other node's quarters and months are its children's sums (exact by construction).
  const byKey = new Map(out.map((n) => [n.key, n]));
  for (const n of [...out].reverse()) {
    if (n.kind === 'partner') {
      const s = splitOverTime(n.amountMinor, inputs.shape, inputs.seasonality, frozen.byPartner.get(n.code!));
      n.quarters = s.quarters;
      n.months = s.months;
    }
    if (n.kind !== 'partner') n.basisMinor = n.basisMinor || 0;
    const parent = n.parent ? byKey.get(n.parent) : undefined;
    if (!parent) continue;
    parent.basisMinor += n.basisMinor;
    for (const [k, v] of Object.entries(n.quarters)) parent.quarters[k] = (parent.quarters[k] ?? 0) + v;
    for (const [k, v] of Object.entries(n.months)) parent.months[k] = (parent.months[k] ?? 0) + v;
  }
  return { inputs, nodes: out, uses: frozen.uses };
}

export function allocationsOf(nodes: PlanNode[]): PlanAllocation[] {
  return nodes.filter((n) => n.kind === 'partner').map((n) => ({ partnerCode: n.code!, amountMinor: n.amountMinor, quarters: n.quarters, months: n.months }));
}

/** Stores a new plan (created by the context's user, at its clock's instant) once its draft can be allocated. */
export function createPlan(ctx: OpContext, input: PlanCreateInput): PlanDetail {
  const { ws } = ctx;
  if (planStore.codeTaken(ws, input.code)) throw new DomainError(`Target plan ${input.code} already exists`, 'CONFLICT', alreadyExists('plan', input.code));
  let total = input.totalMinor;
  if (total === undefined) {
    const inputs = planInputs(ws, input, fiscalStartMonth(ws), ctx.today());
    if (inputs.lastYearTotal <= 0) throw new DomainError(`No sales in the scope for the same period last year: give the plan a total`, 'DOMAIN', { reason: 'planNoLastYear', params: {} });
    total = applyRate(inputs.lastYearTotal, 1 + input.rules.uplift.default);
  }
  // Computes the allocation first, so a plan that cannot be allocated is refused before it is stored.
  draftAllocation(ctx, { ...input, totalMinor: total }, new Map());
  const at = ctx.clock.now().toISOString();
  planStore.insert(ws, { code: input.code, name: input.name ?? null, metric: input.metric, period: input.period, scope: input.scope, totalMinor: total, rules: input.rules, createdBy: ctx.user, createdAt: at, updatedAt: at });
  return showPlan(ctx, { code: input.code });
}

export function updatePlan(ctx: OpContext, input: PlanUpdateInput): { before: PlanSummary; after: PlanDetail } {
  const { ws } = ctx;
  const row = planRow(ws, input.code);
  const before = summaryOf(ctx, row);
  const rules = input.rules ? planRulesInput.parse({ ...row.rules, ...input.rules }) : row.rules;
  const total = input.totalMinor ?? row.totalMinor;
  draftAllocation(ctx, { ...row, rules, totalMinor: total }, locksOf(ws, row.id));
  planStore.update(ws, row.id, { name: input.name === undefined ? row.name : input.name, totalMinor: total, rules, updatedAt: ctx.clock.now().toISOString() });
  return { before, after: showPlan(ctx, { code: row.code }) };
}

/** Locks a node at an amount (or unlocks it); refused when the locks no longer fit (nothing is stored then). */
export function lockNode(ctx: OpContext, input: PlanLockInput): PlanDetail {
  const { ws } = ctx;
  const row = planRow(ws, input.code);
  const locks = locksOf(ws, row.id);
  const node = input.node === 'plan' ? null : input.node;
  if (!node) throw new DomainError('The plan’s total is not locked: change the total instead', 'DOMAIN', { reason: 'planTotalNotLocked', params: {} });
  if (input.amountMinor === null) locks.delete(node);
  else locks.set(node, input.amountMinor);
  draftAllocation(ctx, row, locks);
  if (input.amountMinor === null) planStore.removeLock(ws, row.id, node);
  else planStore.setLock(ws, row.id, node, input.amountMinor);
  planStore.update(ws, row.id, { updatedAt: ctx.clock.now().toISOString() });
  return showPlan(ctx, { code: row.code });
}

function versionsOf(ws: Workspace, planId: number): VersionRowSql[] {
  return planStore.versions(ws, planId);
}

/** The runs that read their targets from each version (recorded when the run was stored): evaluation runs that completed, payout runs not void. */
function usedBy(ws: Workspace, versions: VersionRowSql[]): PlanVersionSummary['usedBy'][] {
  return versions.map((v) => {
    const rows = planStore.runsOfVersion(ws, v.id);
    const ids = (k: string) => [...new Set(rows.filter((r) => r.kind === k).map((r) => r.id))];
    return { evaluationRuns: ids('evaluation'), payoutRuns: ids('payout') };
  });
}

function summaryOf(ctx: OpContext, row: PlanRow, versions = versionsOf(ctx.ws, row.id), draft?: PlanNode[]): PlanSummary {
  const { ws } = ctx;
  const latest = versions.at(-1);
  // The live draft, computed when not given: a published plan's status compares it with the latest version, and a plan
  // never published counts its partners in it (otherwise the list would say 0 partners for every draft).
  let nodes = draft;
  if (!nodes) {
    try {
      nodes = draftAllocation(ctx, row, locksOf(ws, row.id)).nodes;
    } catch {
      nodes = undefined;
    }
  }
  let status: PlanSummary['status'] = 'draft';
  if (latest) status = nodes && JSON.stringify(allocationsOf(nodes)) === JSON.stringify(allocationsOf(JSON.parse(latest.allocation) as PlanNode[])) ? 'published' : 'changed';
  const partnersIn = (n: PlanNode[] | undefined) => (n ?? []).filter((x) => x.kind === 'partner').length;
  const partners = partnersIn(latest ? (JSON.parse(latest.allocation) as PlanNode[]) : undefined) || partnersIn(nodes);
  return { code: row.code, name: row.name, metric: row.metric, period: row.period, scope: row.scope, totalMinor: row.totalMinor, rules: row.rules, status, publishedVersion: latest?.version ?? null, partners, updatedAt: row.updatedAt };
}

export function listPlans(ctx: OpContext): PlanSummary[] {
  return planStore.codes(ctx.ws).map((code) => summaryOf(ctx, planRow(ctx.ws, code)));
}

/**
 * A plan with its allocation tree and attainment. Shows the asked version, else the live draft when it can be computed
 * (and the latest published version when it cannot, e.g. a partner left the scope under a lock).
 */
export function showPlan(ctx: OpContext, input: { code: string; version?: number; asOf?: string }): PlanDetail {
  const { ws } = ctx;
  const row = planRow(ws, input.code);
  const versions = versionsOf(ws, row.id);
  let nodes: PlanNode[];
  let shownVersion: number | null = null;
  let draft: PlanNode[] | undefined;
  const inputs = planInputs(ws, row, fiscalStartMonth(ws), ctx.today());
  if (input.version !== undefined) {
    const v = versions.find((x) => x.version === input.version);
    if (!v) throw new DomainError(`Target plan ${row.code} has no version ${input.version}`, 'NOT_FOUND', notFound('planVersion', `${row.code} v${input.version}`));
    nodes = JSON.parse(v.allocation) as PlanNode[];
    shownVersion = v.version;
  } else {
    try {
      draft = draftAllocation(ctx, row, locksOf(ws, row.id)).nodes;
      nodes = draft;
    } catch (e) {
      const latest = versions.at(-1);
      if (!latest) throw e;
      nodes = JSON.parse(latest.allocation) as PlanNode[];
      shownVersion = latest.version;
    }
  }
  const used = usedBy(ws, versions);
  const asOf = input.asOf ?? ctx.today();
  const att = attainment(ws, row, inputs, nodes, asOf);
  return {
    ...summaryOf(ctx, row, versions, draft),
    quarters: inputs.quarters,
    months: inputs.months,
    nodes,
    allocations: allocationsOf(nodes),
    versions: versions.map((v, i) => ({ version: v.version, totalMinor: v.totalMinor, publishedAt: v.publishedAt, publishedBy: v.publishedBy, usedBy: used[i] })),
    shownVersion,
    asOf,
    elapsedDays: att.elapsedDays,
    periodDays: att.periodDays,
    attainment: att.rows,
    standingRuns: standingUses(ws, row.id).map(({ version, runKind, runId, period, metric }) => ({ version, runKind, runId, period, metric })),
  };
}

/** Targets against actuals to date and both run-rate forecasts, for every node from its own sums. */
function attainment(ws: Workspace, row: PlanRow, inputs: PlanInputs, nodes: PlanNode[], asOf: string) {
  const fsm = fiscalStartMonth(ws);
  const period = inputs.period;
  const ly = samePeriodLastYear(period, fsm);
  const codes = new Map(inputs.partners.map((p) => [p.code, p.id]));
  // A version may name partners the scope no longer holds (left, deleted): their ids are read once, when needed.
  let every: Map<string, number> | undefined;
  const partnerIdOf = (code: string) => codes.get(code) ?? (every ??= planSourceStore.partnerIdsByCode(ws)).get(code) ?? null;
  const ids = nodes.filter((n) => n.kind === 'partner').map((n) => partnerIdOf(n.code!)).filter((x): x is number => x !== null);
  const to = asOf < period.end ? asOf : period.end;
  const lyTo = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`.replace(/-02-29$/, '-02-28');
  const actual = asOf < period.start ? new Map<number, number>() : planSourceStore.metricByPartner(ws, row.metric, ids, period.start, to);
  const lyToDate = asOf < period.start ? new Map<number, number>() : planSourceStore.metricByPartner(ws, row.metric, ids, ly.start, lyTo);
  const lyFull = planSourceStore.metricByPartner(ws, row.metric, ids, ly.start, ly.end);
  const sums = new Map<string, { a: number; l: number; f: number }>();
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  for (const n of [...nodes].reverse()) {
    const s = sums.get(n.key) ?? { a: 0, l: 0, f: 0 };
    if (n.kind === 'partner') {
      const id = partnerIdOf(n.code!);
      if (id !== null) {
        s.a = actual.get(id) ?? 0;
        s.l = lyToDate.get(id) ?? 0;
        s.f = lyFull.get(id) ?? 0;
      }
    }
    sums.set(n.key, s);
    const parent = n.parent ? byKey.get(n.parent) : undefined;
    if (!parent) continue;
    const ps = sums.get(parent.key) ?? { a: 0, l: 0, f: 0 };
    ps.a += s.a;
    ps.l += s.l;
    ps.f += s.f;
    sums.set(parent.key, ps);
  }
  let elapsedDays = 0;
  let periodDays = 0;
  const rows: PlanNodeAttainment[] = nodes.map((n) => {
    const s = sums.get(n.key)!;
    const f = forecastNode({ targetMinor: n.amountMinor, actualToDateMinor: s.a, lastYearToDateMinor: s.l, lastYearFullMinor: s.f, periodStart: period.start, periodEnd: period.end, asOf });
    elapsedDays = f.elapsedDays;
    periodDays = f.periodDays;
    return {
      key: n.key,
      targetMinor: n.amountMinor,
      stretchMinor: applyRate(n.amountMinor, row.rules.stretchPct / 100),
      challengeMinor: applyRate(n.amountMinor, row.rules.challengePct / 100),
      actualToDateMinor: s.a,
      attainmentToDate: f.attainmentToDate,
      linearMinor: f.linearMinor,
      lastYearShapeMinor: f.lastYearShapeMinor,
      gapLinearMinor: f.gapLinearMinor,
      gapLastYearShapeMinor: f.gapLastYearShapeMinor,
    };
  });
  return { rows, elapsedDays, periodDays };
}

/** Period labels a partner's targets are written for: the plan period, its halves (of a year), quarters and months, each with its months. */
function targetLabels(period: string, node: PlanNode): Array<[string, number, string[]]> {
  const quarters = Object.entries(node.quarters);
  const months = Object.keys(node.months);
  // The months are in order, three to a quarter (periodShape).
  const q = quarters.map(([label, v], i) => ({ label, v, months: months.slice(i * 3, i * 3 + 3) }));
  const out: Array<[string, number, string[]]> = [[period, node.amountMinor, months]];
  if (/^\d{4}$/.test(period)) {
    for (const [i, half] of [q.slice(0, 2), q.slice(2, 4)].entries()) {
      out.push([`${period}-H${i + 1}`, half.reduce((a, x) => a + x.v, 0), half.flatMap((x) => x.months)]);
    }
  }
  if (q.length > 1) for (const x of q) out.push([x.label, x.v, x.months]);
  for (const [m, v] of Object.entries(node.months)) out.push([m, v, [m]]);
  return out;
}

/** The metric names the plan's levels are published under: 目标 as the plan's metric, 冲刺 and 挑战 beside it. */
export const levelMetrics = (metric: PlanMetric) => ({ target: metric, stretch: `${metric}.stretch`, challenge: `${metric}.challenge` });

/**
 * Publishes the draft as a new version: stores the allocation (never changed afterwards) and writes the partners'
 * targets for the plan period, its halves, quarters and months — 目标 under the plan's metric, 冲刺 and 挑战 under
 * `<metric>.stretch` and `<metric>.challenge` (each label's level rounded once from its target, half away from zero) —
 * replacing what was there for those labels. A label whose months a standing run used is not written at all: its rows
 * stay as the version the run read wrote them (still naming that version). Partners an earlier version gave targets to
 * and this one does not lose them, except for labels a standing run used.
 */
export function publishPlan(ctx: OpContext, code: string): PlanPublishResult {
  const { ws } = ctx;
  const row = planRow(ws, code);
  const { nodes } = draftAllocation(ctx, row, locksOf(ws, row.id));
  const versions = versionsOf(ws, row.id);
  const version = (versions.at(-1)?.version ?? 0) + 1;
  const publishedAt = ctx.clock.now().toISOString();
  const versionId = planStore.insertVersion(ws, { planId: row.id, version, totalMinor: row.totalMinor, rules: row.rules, allocation: nodes, publishedAt, publishedBy: ctx.user });
  const write = planTargetStore.writer(ws);
  const ids = planSourceStore.partnerIdsByCode(ws);
  const metrics = levelMetrics(row.metric);
  const levels: Array<[string, number]> = [
    [metrics.target, 1],
    [metrics.stretch, row.rules.stretchPct / 100],
    [metrics.challenge, row.rules.challengePct / 100],
  ];
  let written = 0;
  let kept = 0;
  const inPlan = new Set<number>();
  for (const n of nodes) {
    if (n.kind !== 'partner') continue;
    const id = ids.get(n.code!)!;
    inPlan.add(id);
    const frozen = new Set(n.frozenMonths ?? []);
    for (const [label, value, months] of targetLabels(row.period, n)) {
      if (months.length && months.every((m) => frozen.has(m))) {
        kept += levels.length;
        continue;
      }
      for (const [metric, rate] of levels) {
        write({ partnerId: id, period: label, metric, value: rate === 1 ? value : applyRate(value, rate), planVersionId: versionId });
        written++;
      }
    }
  }
  if (versions.length) {
    // Labels a standing run used stay with every partner that had them, in the plan or not.
    const fsm = fiscalStartMonth(ws);
    const keep: Array<{ p: number; l: string }> = [];
    const frozen = frozenMonths(ws, row.id, fsm, planInputs(ws, row, fsm, ctx.today()).months).byPartner;
    for (const [pcode, months] of frozen) {
      const pid = ids.get(pcode);
      if (pid === undefined || inPlan.has(pid)) continue;
      for (const period of planTargetStore.periodsFromPlan(ws, pid, row.id)) {
        if (monthsOfLabel(period, fsm).every((m) => months.has(m))) keep.push({ p: pid, l: period });
      }
    }
    planTargetStore.removeLeftOut(ws, row.id, versionId, [...inPlan], keep);
  }
  return { code: row.code, version, totalMinor: row.totalMinor, targetsWritten: written, targetsKept: kept };
}

/** Calendar months of a period label (empty for a label that is not a period). */
function monthsOfLabel(label: string, fsm: number): string[] {
  try {
    const p = parsePeriod(label, fsm);
    return periodsBetween(p.start, p.end, 'month').map((m) => m.label);
  } catch {
    return [];
  }
}
