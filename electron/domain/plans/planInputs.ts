import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { parsePeriod, periodsBetween, samePeriodLastYear, type Period } from '../../../shared/period';
import type { PlanMetric, PlanNodeKind, PlanRules, PlanScope } from '../../model/plans';
import { channelManagerMatcher } from '../channelManagers/channelManagers';
import { territoryFilterIds, territoryMatcher, treeNodes } from '../territories/territories';
import type { AllocNode } from './allocation';
import type { PeriodShape } from './timeSplit';
import { planSourceStore, type ScopeFilter } from './store';
import { notFound } from '../../../shared/errorMessages';

/** Partners a plan allocates to: live and working with us (not prospects, suspended or terminated partners). */
export const PLANNED_STATUSES = ['active', 'onboarding', 'probation'] as const;

export interface PlanPartner {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  tier: string;
  grade: string | null;
  territoryKey: string;
  managerKey: string;
}

export interface NodeMeta {
  key: string;
  kind: PlanNodeKind;
  parent: string | null;
  code: string | null;
  nameZh: string;
  nameEn: string | null;
}

export interface PlanInputs {
  period: Period;
  shape: PeriodShape;
  quarters: string[];
  months: string[];
  partners: PlanPartner[];
  /** Nodes in display order (parents before children). */
  nodes: NodeMeta[];
  /** The method's basis per partner id, in the metric's unit. */
  basis: Map<number, number>;
  /** Last year's same months summed over the plan's partners, keyed by this period's month labels. */
  seasonality: Map<string, bigint>;
  /** The scope's figure for the same period last year (the default total's base). */
  lastYearTotal: number;
}

export function periodShape(period: Period, fsm: number): PeriodShape {
  return { quarters: periodsBetween(period.start, period.end, 'quarter', fsm).map((q) => ({ label: q.label, months: periodsBetween(q.start, q.end, 'month').map((m) => m.label) })) };
}

/** The month label twelve months before. */
export const monthLastYear = (m: string) => `${Number(m.slice(0, 4)) - 1}${m.slice(4)}`;

function addMonths(date: string, n: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  return `${yy}-${String((((m % 12) + 12) % 12) + 1).padStart(2, '0')}-01`;
}

/** The 12 full calendar months before the earlier of the plan's start and the current month. */
export function last12Months(periodStart: string, today: string): { from: string; to: string } {
  const thisMonth = `${today.slice(0, 7)}-01`;
  const end = periodStart < thisMonth ? periodStart : thisMonth;
  const from = addMonths(end, -12);
  const last = addMonths(end, -1);
  const lastPeriod = parsePeriod(last.slice(0, 7));
  return { from, to: lastPeriod.end };
}

/** Resolves the scope into the plan's partners, the tree's nodes and the method's basis. */
export function planInputs(ws: Workspace, p: { metric: PlanMetric; period: string; scope: PlanScope; rules: PlanRules }, fsm: number, today: string): PlanInputs {
  const period = parsePeriod(p.period, fsm);
  const shape = periodShape(period, fsm);
  const tree = treeNodes(ws);
  const byId = new Map(tree.map((t) => [t.id, t]));
  let scopeTerritory: number | null = null;
  const filter: ScopeFilter = { statuses: PLANNED_STATUSES };
  if (p.scope.kind === 'territory') {
    const m = territoryMatcher(ws)(p.scope.value);
    if (m === null) throw new DomainError(`Territory ${p.scope.value} not found`, 'NOT_FOUND', notFound('territory', p.scope.value));
    if (m === 'ambiguous') throw new DomainError(`Territory name ${p.scope.value} is used by more than one territory; use its code`, 'CONFLICT', { reason: 'territoryNameAmbiguous', params: { name: p.scope.value } });
    scopeTerritory = m.id;
    filter.territoryIds = territoryFilterIds(ws, [m.code]);
  } else if (p.scope.kind === 'channelType') {
    filter.channelType = p.scope.value;
  } else if (p.scope.kind === 'channelManager') {
    const m = channelManagerMatcher(ws)(p.scope.value);
    const id = m === null && /^\d+$/.test(p.scope.value) ? Number(p.scope.value) : m && m !== 'ambiguous' ? m.id : null;
    if (m === 'ambiguous') throw new DomainError(`Channel manager name ${p.scope.value} is used by more than one manager; use the e-mail`, 'CONFLICT', { reason: 'managerNameAmbiguous', params: { name: p.scope.value } });
    if (id === null) throw new DomainError(`Channel manager ${p.scope.value} not found`, 'NOT_FOUND', notFound('channelManager', p.scope.value));
    filter.channelManagerId = id;
  }
  const rows = planSourceStore.scopePartners(ws, filter);

  // Level 1: the territory under the scope's territory that holds the partner (its top-level territory without one).
  const levelOne = (territoryId: number | null): number | null => {
    if (territoryId === null) return null;
    let cur = byId.get(territoryId);
    for (let guard = 0; cur && guard < 64; guard++) {
      if (scopeTerritory !== null ? cur.id === scopeTerritory || cur.parentId === scopeTerritory : cur.parentId === null) return cur.id;
      cur = cur.parentId !== null ? byId.get(cur.parentId) : undefined;
    }
    return territoryId;
  };
  const nodes: NodeMeta[] = [{ key: 'plan', kind: 'plan', parent: null, code: null, nameZh: '', nameEn: null }];
  const seen = new Set<string>(['plan']);
  const partners: PlanPartner[] = [];
  const terrOrder = (id: number | null) => (id === null ? '\uffff' : byId.get(id)!.code);
  const sorted = [...rows].sort((a, b) => {
    const ta = terrOrder(levelOne(a.territoryId));
    const tb = terrOrder(levelOne(b.territoryId));
    if (ta !== tb) return ta < tb ? -1 : 1;
    const ma = a.managerName ?? '\uffff';
    const mb = b.managerName ?? '\uffff';
    if (ma !== mb) return ma < mb ? -1 : 1;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
  for (const r of sorted) {
    const tId = levelOne(r.territoryId);
    const t = tId === null ? null : byId.get(tId)!;
    const tKey = `t:${t ? t.code : '-'}`;
    if (!seen.has(tKey)) {
      seen.add(tKey);
      nodes.push({ key: tKey, kind: 'territory', parent: 'plan', code: t?.code ?? null, nameZh: t?.nameZh ?? '未分配区域', nameEn: t ? t.nameEn : 'No territory' });
    }
    const mKey = `m:${t ? t.code : '-'}/${r.managerId ?? '-'}`;
    if (!seen.has(mKey)) {
      seen.add(mKey);
      nodes.push({ key: mKey, kind: 'channelManager', parent: tKey, code: r.managerId === null ? null : String(r.managerId), nameZh: r.managerName ?? '未分配渠道经理', nameEn: r.managerName ?? 'No channel manager' });
    }
    const pKey = `p:${r.code}`;
    nodes.push({ key: pKey, kind: 'partner', parent: mKey, code: r.code, nameZh: r.name, nameEn: r.nameEn });
    partners.push({ id: r.id, code: r.code, name: r.name, nameEn: r.nameEn, tier: r.tier, grade: r.grade, territoryKey: tKey, managerKey: mKey });
  }

  const ids = partners.map((x) => x.id);
  const ly = samePeriodLastYear(period, fsm);
  const lyByPartner = planSourceStore.metricByPartner(ws, p.metric, ids, ly.start, ly.end);
  const lastYearTotal = [...lyByPartner.values()].reduce((a, b) => a + b, 0);
  let basis = lyByPartner;
  if (p.rules.method === 'last-12-months') {
    const w = last12Months(period.start, today);
    basis = planSourceStore.metricByPartner(ws, p.metric, ids, w.from, w.to);
  }
  const seasonality = new Map<string, bigint>();
  const months = shape.quarters.flatMap((q) => q.months);
  if (p.rules.timeSplit === 'seasonal') {
    const sums = new Map<string, number>();
    for (const r of planSourceStore.metricByPartnerMonth(ws, p.metric, ids, ly.start, ly.end)) sums.set(r.month, (sums.get(r.month) ?? 0) + r.v);
    for (const m of months) seasonality.set(m, BigInt(Math.max(0, sums.get(monthLastYear(m)) ?? 0)));
  }
  return { period, shape, quarters: shape.quarters.map((q) => q.label), months, partners, nodes, basis, seasonality, lastYearTotal };
}

/** Uplift of one partner for growth-weighted allocation: its tier's or grade's rate, else the default. */
export function upliftOf(rules: PlanRules, partner: PlanPartner): number {
  const u = rules.uplift;
  const key = u.by === 'tier' ? partner.tier : u.by === 'grade' ? partner.grade : null;
  const rate = key != null ? (u.rates as Record<string, number | undefined>)[key] : undefined;
  return rate ?? u.default;
}

/** The allocation tree with each partner's weight by the plan's method. */
export function allocationTree(inputs: PlanInputs, rules: PlanRules): AllocNode {
  const byKey = new Map<string, AllocNode>();
  const root: AllocNode = { key: 'plan', children: [] };
  byKey.set('plan', root);
  const partnerByCode = new Map(inputs.partners.map((x) => [x.code, x]));
  for (const n of inputs.nodes) {
    if (n.kind === 'plan') continue;
    let node: AllocNode;
    if (n.kind === 'partner') {
      const partner = partnerByCode.get(n.code!)!;
      const b = Math.max(0, inputs.basis.get(partner.id) ?? 0);
      if (rules.method === 'equal' || rules.method === 'manual') node = { key: n.key, weight: 1n };
      else if (b <= 0) node = { key: n.key, weight: 0n, minimum: rules.newPartnerMinimumMinor };
      else if (rules.method === 'growth-weighted') node = { key: n.key, weight: BigInt(b) * BigInt(Math.round((1 + upliftOf(rules, partner)) * 10_000)) };
      else node = { key: n.key, weight: BigInt(b) };
    } else node = { key: n.key, children: [] };
    byKey.set(n.key, node);
    byKey.get(n.parent!)!.children!.push(node);
  }
  return root;
}
