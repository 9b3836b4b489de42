import type { Workspace } from '../../../db/database';
import { RISK_LEVELS } from '../../../shared/enums';
import { getRiskBands, riskLevel } from '../risks/riskLevels';
import { parsePeriod, periodsBetween, previousPeriod } from '../../../shared/period';
import { readEvaluationSettings } from './evaluationSettings';
import { type ScorecardRow } from '../../model/evaluations';
import { evaluatedPeriods, listScorecards } from './scorecardQueries';
import { DashboardSummary } from '../../model/evaluations';
import { dashboardStore } from './store';

/** Attainment buckets of the dashboard histogram; bounds are ratios, lower bound inclusive, upper exclusive. */
export const ATTAINMENT_BUCKETS = [
  { key: 'lt60', min: null, max: 0.6 },
  { key: '60to80', min: 0.6, max: 0.8 },
  { key: '80to100', min: 0.8, max: 1 },
  { key: '100to110', min: 1, max: 1.1 },
  { key: '110to130', min: 1.1, max: 1.3 },
  { key: 'ge130', min: 1.3, max: null },
] as const;

function group<K extends string>(rows: ScorecardRow[], key: (r: ScorecardRow) => K | null) {
  const m = new Map<K, { revenueMinor: number; partners: number; score: number }>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const g = m.get(k) ?? { revenueMinor: 0, partners: 0, score: 0 };
    g.revenueMinor += r.revenueMinor;
    g.partners++;
    g.score += r.healthScore;
    m.set(k, g);
  }
  return [...m].map(([k, g]) => ({ k, revenueMinor: g.revenueMinor, partners: g.partners, avgScore: Math.round((10 * g.score) / g.partners) / 10 })).sort((a, b) => b.revenueMinor - a.revenueMinor);
}

/** What the dashboard charts show for an evaluated period (default: the latest evaluated quarter, else the latest period). */
export function dashboardSummary(ws: Workspace, input: { period?: string; topN?: number }): DashboardSummary {
  const periods = evaluatedPeriods(ws);
  const period = input.period ?? periods[0]?.period ?? null;
  const bands = getRiskBands(ws.db);
  const risksByLevel = RISK_LEVELS.map((level) => ({ level, risks: 0 }));
  for (const score of dashboardStore.openRiskScores(ws)) risksByLevel[RISK_LEVELS.indexOf(riskLevel(score, bands))].risks++;
  const empty: DashboardSummary = {
    period,
    periods: periods.map((p) => ({ period: p.period, kind: p.kind })),
    partners: 0,
    revenueMinor: 0,
    byChannel: [],
    byRegion: [],
    grades: [],
    attainment: [],
    noTarget: 0,
    top: [],
    bottom: [],
    trend: { periods: [], series: [] },
    risksByLevel,
  };
  if (!period) return empty;
  const rows = listScorecards(ws, { period });
  const n = input.topN ?? 5;
  const pick = (r: ScorecardRow) => ({ partnerId: r.partnerId, partnerCode: r.partnerCode, partnerName: r.partnerName, partnerNameEn: r.partnerNameEn, healthScore: r.healthScore, grade: r.grade, revenueMinor: r.revenueMinor });
  const sorted = [...rows].sort((a, b) => b.healthScore - a.healthScore || a.partnerCode.localeCompare(b.partnerCode));
  return {
    ...empty,
    partners: rows.length,
    revenueMinor: rows.reduce((s, r) => s + r.revenueMinor, 0),
    byChannel: group(rows, (r) => r.channelType).map(({ k, ...g }) => ({ channelType: k, ...g })),
    byRegion: group(rows, (r) => r.region).map(({ k, ...g }) => ({ region: k, ...g })),
    grades: (['A', 'B', 'C', 'D'] as const).map((g) => ({ grade: g, partners: rows.filter((r) => r.grade === g).length })),
    attainment: ATTAINMENT_BUCKETS.map((b) => ({
      bucket: b.key,
      min: b.min,
      max: b.max,
      partners: rows.filter((r) => r.attainment !== null && (b.min === null || r.attainment >= b.min) && (b.max === null || r.attainment < b.max)).length,
    })),
    noTarget: rows.filter((r) => r.attainment === null).length,
    top: sorted.slice(0, n).map(pick),
    bottom: sorted.slice(-n).reverse().map(pick),
    trend: revenueTrend(ws, period),
  };
}

/** Revenue per channel type for the 8 periods ending with `label`, aggregated from sales via the covering index. */
function revenueTrend(ws: Workspace, label: string): DashboardSummary['trend'] {
  const fsm = readEvaluationSettings(ws.db).fiscalStartMonth;
  const last = parsePeriod(label, fsm);
  let first = last;
  for (let i = 0; i < 7; i++) first = previousPeriod(first, fsm);
  const list = periodsBetween(first.start, last.end, last.kind, fsm);
  const rows = dashboardStore.revenueByChannelMonth(ws, first.start, last.end);
  const index = new Map<string, number>();
  list.forEach((p, i) => {
    for (const m of periodsBetween(p.start, p.end, 'month', fsm)) index.set(m.label, i);
  });
  const series = new Map<string, number[]>();
  for (const r of rows) {
    const i = index.get(r.m);
    if (i === undefined) continue;
    let s = series.get(r.c);
    if (!s) series.set(r.c, (s = list.map(() => 0)));
    s[i] += r.rev;
  }
  return { periods: list.map((p) => p.label), series: [...series].map(([channelType, revenueMinor]) => ({ channelType, revenueMinor })) };
}
