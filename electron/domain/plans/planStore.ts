import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { applyRate } from '../../../shared/money';
import { samePeriodLastYear } from '../../../shared/period';
import {
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
  type PlanRules,
  type PlanScope,
  type PlanSummary,
  type PlanUpdateInput,
  type PlanVersionSummary,
} from '../../model/plans';
import { fiscalStartMonth } from '../incentives/calculate';
import { workspaceClock } from '../system/workspaceClock';
import { allocate } from './allocation';
import { forecastNode } from './forecast';
import { allocationTree, metricByPartner, planInputs, type PlanInputs } from './planInputs';
import { splitOverTime } from './timeSplit';

interface PlanRow {
  id: number;
  code: string;
  name: string | null;
  metric: PlanMetric;
  period: string;
  scope: PlanScope;
  totalMinor: number;
  rules: PlanRules;
  updatedAt: string;
}

export function planRow(ws: Workspace, code: string): PlanRow {
  const r = ws.sqlite
    .prepare('select id, code, name, metric, period, scope, total_minor as totalMinor, rules, updated_at as updatedAt from target_plans where code = ? collate nocase')
    .get(code) as (Omit<PlanRow, 'scope' | 'rules'> & { scope: string; rules: string }) | undefined;
  if (!r) throw new DomainError(`Target plan ${code} not found`, 'NOT_FOUND');
  return { ...r, scope: planScope.parse(JSON.parse(r.scope)), rules: planRulesInput.parse(JSON.parse(r.rules)) };
}

export function locksOf(ws: Workspace, planId: number): Map<string, number> {
  const rows = ws.sqlite.prepare('select node_key as k, amount_minor as v from target_plan_locks where plan_id = ?').all(planId) as Array<{ k: string; v: number }>;
  return new Map(rows.map((r) => [r.k, r.v]));
}

const today = (ws: Workspace) => workspaceClock(ws).today();

/** The live draft: the rules, the locks and today's sales, allocated and split over quarters and months. */
export function draftAllocation(ws: Workspace, plan: Pick<PlanRow, 'metric' | 'period' | 'scope' | 'totalMinor' | 'rules'>, locks: Map<string, number>): { inputs: PlanInputs; nodes: PlanNode[] } {
  const inputs = planInputs(ws, plan, fiscalStartMonth(ws), today(ws));
  if (inputs.partners.length === 0) throw new DomainError('No partners in the plan’s scope (active, onboarding or on probation)', 'DOMAIN');
  const known = new Set(inputs.nodes.map((n) => n.key));
  for (const k of locks.keys()) if (!known.has(k)) throw new DomainError(`Locked node ${k} is not in the plan’s tree any more; unlock it`, 'DOMAIN');
  const amounts = allocate(allocationTree(inputs, plan.rules), plan.totalMinor, locks);
  const byPartner = new Map(inputs.partners.map((x) => [`p:${x.code}`, x]));
  const out: PlanNode[] = inputs.nodes.map((n) => {
    const partner = byPartner.get(n.key);
    return {
      ...n,
      basisMinor: partner ? (inputs.basis.get(partner.id) ?? 0) : 0,
      amountMinor: amounts.get(n.key) ?? 0,
      locked: locks.has(n.key),
      noHistory: partner ? (inputs.basis.get(partner.id) ?? 0) <= 0 : false,
      quarters: {},
      months: {},
    };
  });
  // Partners are split over time; every other node's quarters and months are its children's sums (exact by construction).
  const byKey = new Map(out.map((n) => [n.key, n]));
  for (const n of [...out].reverse()) {
    if (n.kind === 'partner') {
      const s = splitOverTime(n.amountMinor, inputs.shape, inputs.seasonality);
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
  return { inputs, nodes: out };
}

export function allocationsOf(nodes: PlanNode[]): PlanAllocation[] {
  return nodes.filter((n) => n.kind === 'partner').map((n) => ({ partnerCode: n.code!, amountMinor: n.amountMinor, quarters: n.quarters, months: n.months }));
}

export function createPlan(ws: Workspace, input: PlanCreateInput, user: string): PlanDetail {
  if (ws.sqlite.prepare('select 1 from target_plans where code = ? collate nocase').get(input.code)) throw new DomainError(`Target plan ${input.code} already exists`, 'CONFLICT');
  let total = input.totalMinor;
  if (total === undefined) {
    const inputs = planInputs(ws, input, fiscalStartMonth(ws), today(ws));
    if (inputs.lastYearTotal <= 0) throw new DomainError(`No sales in the scope for the same period last year: give the plan a total`, 'DOMAIN');
    total = applyRate(inputs.lastYearTotal, 1 + input.rules.uplift.default);
  }
  // Computes the allocation first, so a plan that cannot be allocated is refused before it is stored.
  draftAllocation(ws, { ...input, totalMinor: total }, new Map());
  ws.sqlite
    .prepare('insert into target_plans (code, name, metric, period, scope, total_minor, rules, created_by) values (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(input.code, input.name ?? null, input.metric, input.period, JSON.stringify(input.scope), total, JSON.stringify(input.rules), user);
  return showPlan(ws, { code: input.code });
}

export function updatePlan(ws: Workspace, input: PlanUpdateInput): { before: PlanSummary; after: PlanDetail } {
  const row = planRow(ws, input.code);
  const before = summaryOf(ws, row);
  const rules = input.rules ? planRulesInput.parse({ ...row.rules, ...input.rules }) : row.rules;
  const total = input.totalMinor ?? row.totalMinor;
  draftAllocation(ws, { ...row, rules, totalMinor: total }, locksOf(ws, row.id));
  ws.sqlite
    .prepare(`update target_plans set name = ?, total_minor = ?, rules = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`)
    .run(input.name === undefined ? row.name : input.name, total, JSON.stringify(rules), row.id);
  return { before, after: showPlan(ws, { code: row.code }) };
}

/** Locks a node at an amount (or unlocks it); refused when the locks no longer fit (nothing is stored then). */
export function lockNode(ws: Workspace, input: PlanLockInput): PlanDetail {
  const row = planRow(ws, input.code);
  const locks = locksOf(ws, row.id);
  const node = input.node === 'plan' ? null : input.node;
  if (!node) throw new DomainError('The plan’s total is not locked: change the total instead', 'DOMAIN');
  if (input.amountMinor === null) locks.delete(node);
  else locks.set(node, input.amountMinor);
  draftAllocation(ws, row, locks);
  if (input.amountMinor === null) ws.sqlite.prepare('delete from target_plan_locks where plan_id = ? and node_key = ?').run(row.id, node);
  else
    ws.sqlite
      .prepare('insert into target_plan_locks (plan_id, node_key, amount_minor) values (?, ?, ?) on conflict(plan_id, node_key) do update set amount_minor = excluded.amount_minor')
      .run(row.id, node, input.amountMinor);
  ws.sqlite.prepare(`update target_plans set updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`).run(row.id);
  return showPlan(ws, { code: row.code });
}

interface VersionRow {
  id: number;
  version: number;
  totalMinor: number;
  allocation: string;
  publishedAt: string;
  publishedBy: string;
}

function versionsOf(ws: Workspace, planId: number): VersionRow[] {
  return ws.sqlite
    .prepare('select id, version, total_minor as totalMinor, allocation, published_at as publishedAt, published_by as publishedBy from target_plan_versions where plan_id = ? order by version')
    .all(planId) as VersionRow[];
}

/**
 * Runs calculated while a version was the latest: completed evaluation runs and non-void payout runs whose period
 * overlaps the plan's, started between this version's publishing and the next one's.
 */
function usedBy(ws: Workspace, plan: PlanRow, versions: VersionRow[], inputs: PlanInputs): PlanVersionSummary['usedBy'][] {
  const year = plan.period.slice(0, 4);
  const halves = new Set(inputs.quarters.map((q) => `${year}-H${Number(q.slice(-1)) <= 2 ? 1 : 2}`));
  const labels = JSON.stringify([...new Set([plan.period, year, ...halves, ...inputs.quarters, ...inputs.months])]);
  return versions.map((v, i) => {
    const until = versions[i + 1]?.publishedAt ?? '9999';
    const q = (table: string, at: string, status: string) =>
      (
        ws.sqlite
          .prepare(`select id from ${table} where ${status} and period in (select value from json_each(@labels)) and ${at} >= @from and ${at} < @until order by id`)
          .all({ labels, from: v.publishedAt, until }) as Array<{ id: number }>
      ).map((r) => r.id);
    return { evaluationRuns: q('evaluation_runs', 'started_at', "status = 'completed'"), payoutRuns: q('payout_runs', 'calculated_at', "status <> 'void'") };
  });
}

function summaryOf(ws: Workspace, row: PlanRow, versions = versionsOf(ws, row.id), draft?: PlanNode[]): PlanSummary {
  const latest = versions.at(-1);
  let status: PlanSummary['status'] = 'draft';
  if (latest) {
    let nodes = draft;
    if (!nodes) {
      try {
        nodes = draftAllocation(ws, row, locksOf(ws, row.id)).nodes;
      } catch {
        nodes = undefined;
      }
    }
    status = nodes && JSON.stringify(allocationsOf(nodes)) === JSON.stringify(allocationsOf(JSON.parse(latest.allocation) as PlanNode[])) ? 'published' : 'changed';
  }
  const partners = (JSON.parse(latest?.allocation ?? '[]') as PlanNode[]).filter((n) => n.kind === 'partner').length || (draft ?? []).filter((n) => n.kind === 'partner').length;
  return { code: row.code, name: row.name, metric: row.metric, period: row.period, scope: row.scope, totalMinor: row.totalMinor, rules: row.rules, status, publishedVersion: latest?.version ?? null, partners, updatedAt: row.updatedAt };
}

export function listPlans(ws: Workspace): PlanSummary[] {
  const codes = ws.sqlite.prepare('select code from target_plans order by period desc, code').all() as Array<{ code: string }>;
  return codes.map(({ code }) => summaryOf(ws, planRow(ws, code)));
}

/**
 * A plan with its allocation tree and attainment. Shows the asked version, else the live draft when it can be computed
 * (and the latest published version when it cannot, e.g. a partner left the scope under a lock).
 */
export function showPlan(ws: Workspace, input: { code: string; version?: number; asOf?: string }): PlanDetail {
  const row = planRow(ws, input.code);
  const versions = versionsOf(ws, row.id);
  let nodes: PlanNode[];
  let shownVersion: number | null = null;
  let draft: PlanNode[] | undefined;
  const inputs = planInputs(ws, row, fiscalStartMonth(ws), today(ws));
  if (input.version !== undefined) {
    const v = versions.find((x) => x.version === input.version);
    if (!v) throw new DomainError(`Target plan ${row.code} has no version ${input.version}`, 'NOT_FOUND');
    nodes = JSON.parse(v.allocation) as PlanNode[];
    shownVersion = v.version;
  } else {
    try {
      draft = draftAllocation(ws, row, locksOf(ws, row.id)).nodes;
      nodes = draft;
    } catch (e) {
      const latest = versions.at(-1);
      if (!latest) throw e;
      nodes = JSON.parse(latest.allocation) as PlanNode[];
      shownVersion = latest.version;
    }
  }
  const used = usedBy(ws, row, versions, inputs);
  const asOf = input.asOf ?? today(ws);
  const att = attainment(ws, row, inputs, nodes, asOf);
  return {
    ...summaryOf(ws, row, versions, draft),
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
  };
}

/** Targets against actuals to date and both run-rate forecasts, for every node from its own sums. */
function attainment(ws: Workspace, row: PlanRow, inputs: PlanInputs, nodes: PlanNode[], asOf: string) {
  const fsm = fiscalStartMonth(ws);
  const period = inputs.period;
  const ly = samePeriodLastYear(period, fsm);
  const codes = new Map(inputs.partners.map((p) => [p.code, p.id]));
  const ids = nodes.filter((n) => n.kind === 'partner').map((n) => codes.get(n.code!) ?? partnerIdOf(ws, n.code!)).filter((x): x is number => x !== null);
  const to = asOf < period.end ? asOf : period.end;
  const lyTo = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`.replace(/-02-29$/, '-02-28');
  const actual = asOf < period.start ? new Map<number, number>() : metricByPartner(ws, row.metric, ids, period.start, to);
  const lyToDate = asOf < period.start ? new Map<number, number>() : metricByPartner(ws, row.metric, ids, ly.start, lyTo);
  const lyFull = metricByPartner(ws, row.metric, ids, ly.start, ly.end);
  const sums = new Map<string, { a: number; l: number; f: number }>();
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  for (const n of [...nodes].reverse()) {
    const s = sums.get(n.key) ?? { a: 0, l: 0, f: 0 };
    if (n.kind === 'partner') {
      const id = codes.get(n.code!) ?? partnerIdOf(ws, n.code!);
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

function partnerIdOf(ws: Workspace, code: string): number | null {
  const r = ws.sqlite.prepare('select id from partners where code = ?').get(code) as { id: number } | undefined;
  return r?.id ?? null;
}

/** Period labels a partner's targets are written for: the plan period, its halves (of a year), quarters and months. */
function targetLabels(period: string, node: PlanNode): Array<[string, number]> {
  const out: Array<[string, number]> = [[period, node.amountMinor]];
  const q = Object.entries(node.quarters);
  if (/^\d{4}$/.test(period)) {
    out.push([`${period}-H1`, q.slice(0, 2).reduce((a, [, v]) => a + v, 0)], [`${period}-H2`, q.slice(2, 4).reduce((a, [, v]) => a + v, 0)]);
  }
  if (q.length > 1) out.push(...q);
  out.push(...Object.entries(node.months));
  return out;
}

/**
 * Publishes the draft as a new version: stores the allocation (never changed afterwards) and writes the partners'
 * targets for the plan period, its halves, quarters and months (metric as the plan's), replacing what was there for
 * those labels. Partners a previous version of this plan gave targets to and this one does not lose those targets.
 * Stored evaluation runs and payout runs keep the targets they were calculated with (scorecards and payout lines hold
 * them), and the version they used stays readable (`plans.show --version N`).
 */
export function publishPlan(ws: Workspace, code: string, user: string): PlanPublishResult {
  const row = planRow(ws, code);
  const { nodes } = draftAllocation(ws, row, locksOf(ws, row.id));
  const versions = versionsOf(ws, row.id);
  const version = (versions.at(-1)?.version ?? 0) + 1;
  const publishedAt = new Date().toISOString();
  const versionId = Number(
    ws.sqlite
      .prepare('insert into target_plan_versions (plan_id, version, total_minor, rules, allocation, published_at, published_by) values (?, ?, ?, ?, ?, ?, ?)')
      .run(row.id, version, row.totalMinor, JSON.stringify(row.rules), JSON.stringify(nodes), publishedAt, user).lastInsertRowid,
  );
  const upsert = ws.sqlite.prepare(
    `insert into targets (partner_id, period, metric, value, plan_version_id) values (?, ?, ?, ?, ?)
     on conflict(partner_id, period, metric) do update set value = excluded.value, plan_version_id = excluded.plan_version_id, import_id = null`,
  );
  const ids = new Map((ws.sqlite.prepare('select id, code from partners').all() as Array<{ id: number; code: string }>).map((r) => [r.code, r.id]));
  let written = 0;
  const kept = new Set<number>();
  for (const n of nodes) {
    if (n.kind !== 'partner') continue;
    const id = ids.get(n.code!)!;
    kept.add(id);
    for (const [label, value] of targetLabels(row.period, n)) {
      upsert.run(id, label, row.metric, value, versionId);
      written++;
    }
  }
  if (versions.length) {
    ws.sqlite
      .prepare(
        `delete from targets where plan_version_id in (select id from target_plan_versions where plan_id = ? and id <> ?)
           and partner_id not in (select value from json_each(?))`,
      )
      .run(row.id, versionId, JSON.stringify([...kept]));
  }
  return { code: row.code, version, totalMinor: row.totalMinor, targetsWritten: written };
}
