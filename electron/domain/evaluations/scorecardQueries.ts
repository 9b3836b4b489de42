import type { Workspace } from '../../../db/database';
import type { Tier } from '../../../shared/enums';
import { DomainError } from '../../../shared/errors';
import { territoryFilterIds, treeNodes } from '../territories/territories';
import { RunComparison, RunInfo, ScorecardRow } from '../../model/evaluations';
import { parsePopulation } from '../../../shared/population';
import { COMPARED_FIELDS } from '../../model/evaluations';

export interface ScorecardFilter {
  period?: string;
  runId?: number;
  partnerIds?: number[];
  channelTypes?: string[];
  regions?: string[];
  tiers?: string[];
  grades?: string[];
  /** Partners these channel managers own now; an empty list matches nothing. */
  channelManagerIds?: number[];
}

const SELECT = `select s.id, s.run_id as runId, r.version as runVersion, r.period, r.period_kind as periodKind, s.partner_id as partnerId,
  p.code as partnerCode, p.name as partnerName, p.name_en as partnerNameEn, s.tier, coalesce(s.channel_type, p.channel_type) as channelType, s.region, s.region_en as regionEn,
  coalesce(s.region_code, (select t.code from territories t where t.name_zh = s.region and t.parent_id is null)) as regionCode,
  s.revenue_minor as revenueMinor, s.target_minor as targetMinor, s.attainment, s.growth_prev as growthPrev, s.growth_yoy as growthYoY,
  s.gross_margin as grossMargin, s.orders, s.active_customers as activeCustomers, s.new_customers as newCustomers, s.retention,
  s.satisfaction, s.training_compliance as trainingCompliance, s.open_high_risks as openHighRisks, s.sell_through_rate as sellThroughRate, s.days_of_inventory as daysOfInventory,
  s.inventory_turnover as inventoryTurnover, s.cross_territory_share as crossTerritoryShare, s.below_floor_share as belowFloorShare, s.health_score as healthScore, s.grade,
  s.rank_in_channel as rankInChannel, s.rank_in_region as rankInRegion, s.tier_recommendation as tierRecommendation,
  s.recommendation_reason as reasonJson, s.score_parts as partsJson,
  d.decision as dDecision, d.to_tier as dToTier, d.effective_on as dEffectiveOn, d.decided_by as dDecidedBy, d.decided_at as dDecidedAt
  from scorecards s join evaluation_runs r on r.id = s.run_id join partners p on p.id = s.partner_id
  left join tier_decisions d on d.scorecard_id = s.id`;

type Raw = Omit<ScorecardRow, 'recommendationReason' | 'scoreParts' | 'decision'> & {
  reasonJson: string | null;
  partsJson: string | null;
  dDecision: 'accepted' | 'rejected' | null;
  dToTier: Tier | null;
  dEffectiveOn: string | null;
  dDecidedBy: string | null;
  dDecidedAt: string | null;
};

function toRow(r: Raw): ScorecardRow {
  const { reasonJson, partsJson, dDecision, dToTier, dEffectiveOn, dDecidedBy, dDecidedAt, ...rest } = r;
  return {
    ...rest,
    recommendationReason: reasonJson ? JSON.parse(reasonJson) : null,
    scoreParts: partsJson ? JSON.parse(partsJson) : null,
    decision: dDecision ? { decision: dDecision, toTier: dToTier!, effectiveOn: dEffectiveOn, decidedBy: dDecidedBy!, decidedAt: dDecidedAt! } : null,
  };
}

/**
 * Scorecards of a run, or — for a period — each partner's scorecard from the latest completed run that evaluated it
 * (schedules may evaluate different partner groups for the same period label in separate runs).
 */
export function listScorecards(ws: Workspace, f: ScorecardFilter): ScorecardRow[] {
  const where: string[] = ["r.status = 'completed'"];
  const params: Record<string, unknown> = {};
  const list = (col: string, key: string, values?: unknown[]) => {
    if (!values || values.length === 0) return;
    where.push(`${col} in (select value from json_each(@${key}))`);
    params[key] = JSON.stringify(values);
  };
  if (f.runId !== undefined) {
    where.push('s.run_id = @runId');
    params.runId = f.runId;
  } else if (f.period !== undefined) {
    where.push('r.period = @period');
    where.push(`r.id = (select max(r2.id) from scorecards s2 join evaluation_runs r2 on r2.id = s2.run_id
      where s2.partner_id = s.partner_id and r2.period = r.period and r2.status = 'completed')`);
    params.period = f.period;
  } else throw new DomainError('Give a period or a run', 'DOMAIN');
  list('s.partner_id', 'partnerIds', f.partnerIds);
  if (f.channelManagerIds) {
    where.push('p.channel_manager_id in (select value from json_each(@managers))');
    params.managers = JSON.stringify(f.channelManagerIds);
  }
  list('coalesce(s.channel_type, p.channel_type)', 'channels', f.channelTypes);
  if (f.regions?.length) {
    // the run's territory (its code then; runs stored before the tree by their region name) within today's tree
    const codes = new Set(treeNodes(ws).filter((n) => new Set(territoryFilterIds(ws, f.regions!)).has(n.id)).map((n) => n.code));
    where.push(`coalesce(s.region_code, (select t.code from territories t where t.name_zh = s.region and t.parent_id is null)) in (select value from json_each(@regions))`);
    params.regions = JSON.stringify([...codes]);
  }
  list('s.tier', 'tiers', f.tiers);
  list('s.grade', 'grades', f.grades);
  const rows = ws.sqlite.prepare(`${SELECT} where ${where.join(' and ')} order by s.health_score desc, p.code`).all(params) as Raw[];
  return rows.map(toRow);
}

export function listRuns(ws: Workspace, f: { period?: string; limit?: number }): RunInfo[] {
  return ws.sqlite
    .prepare(
      `select r.id, r.period, r.period_kind as periodKind, r.version, r.status, r.trigger, r.schedule_id as scheduleId, e.name as scheduleName,
        r.partner_count as partnerCount, r.inputs_fingerprint as inputsFingerprint, r.started_by as startedBy, r.started_at as startedAt,
        r.finished_at as finishedAt, r.error, r.population
       from evaluation_runs r left join evaluation_schedules e on e.id = r.schedule_id
       where (@period is null or r.period = @period) order by r.id desc limit @limit`,
    )
    .all({ period: f.period ?? null, limit: f.limit ?? 500 })
    .map((r) => {
      const row = r as RunInfo & { population: string | null };
      return { ...row, population: parsePopulation(row.population) };
    });
}

export function getRun(ws: Workspace, id: number): RunInfo {
  const r = ws.sqlite.prepare('select id, period from evaluation_runs where id = ?').get(id) as { id: number; period: string } | undefined;
  if (!r) throw new DomainError(`Evaluation run ${id} not found`, 'NOT_FOUND');
  return listRuns(ws, { period: r.period }).find((x) => x.id === id)!;
}

/** What changed between a run and another (default: the previous version of the same period). */
export function compareRuns(ws: Workspace, runId: number, otherRunId?: number): RunComparison {
  const run = getRun(ws, runId);
  let otherId = otherRunId;
  if (otherId === undefined) {
    const prev = ws.sqlite
      .prepare("select id from evaluation_runs where period = ? and version < ? and status = 'completed' order by version desc limit 1")
      .get(run.period, run.version) as { id: number } | undefined;
    otherId = prev?.id;
  }
  const rows = listScorecards(ws, { runId });
  if (otherId === undefined) {
    return { run, other: null, sameInputs: false, added: rows.map((r) => ({ partnerCode: r.partnerCode, partnerName: r.partnerName })), removed: [], changed: [], unchanged: 0 };
  }
  const other = getRun(ws, otherId);
  const before = new Map(listScorecards(ws, { runId: otherId }).map((r) => [r.partnerId, r]));
  const out: RunComparison = { run, other, sameInputs: run.inputsFingerprint === other.inputsFingerprint, added: [], removed: [], changed: [], unchanged: 0 };
  for (const r of rows) {
    const b = before.get(r.partnerId);
    before.delete(r.partnerId);
    if (!b) {
      out.added.push({ partnerCode: r.partnerCode, partnerName: r.partnerName });
      continue;
    }
    const changes = COMPARED_FIELDS.filter((f) => b[f] !== r[f]).map((f) => ({ field: f, before: b[f], after: r[f] }));
    if (changes.length) out.changed.push({ partnerId: r.partnerId, partnerCode: r.partnerCode, partnerName: r.partnerName, changes });
    else out.unchanged++;
  }
  for (const b of before.values()) out.removed.push({ partnerCode: b.partnerCode, partnerName: b.partnerName });
  return out;
}

/** A partner's scorecards over time: per period of one kind, the latest version. */
export function partnerTrend(ws: Workspace, partnerId: number, kind?: string): { kinds: string[]; kind: string | null; points: ScorecardRow[] } {
  const kinds = (ws.sqlite
    .prepare(
      `select r.period_kind as k, max(r.id) as last from scorecards s join evaluation_runs r on r.id = s.run_id where s.partner_id = ? and r.status = 'completed'
       group by r.period_kind order by last desc`,
    )
    .all(partnerId) as Array<{ k: string }>).map((r) => r.k);
  const chosen = kind && kinds.includes(kind) ? kind : (kinds.find((k) => k === 'quarter') ?? kinds[0] ?? null);
  if (!chosen) return { kinds, kind: null, points: [] };
  const rows = ws.sqlite
    .prepare(
      `${SELECT} where s.partner_id = @pid and r.status = 'completed' and r.period_kind = @kind
       and r.id = (select max(r2.id) from scorecards s2 join evaluation_runs r2 on r2.id = s2.run_id where s2.partner_id = s.partner_id and r2.period = r.period and r2.status = 'completed')
       order by r.period`,
    )
    .all({ pid: partnerId, kind: chosen }) as Raw[];
  return { kinds, kind: chosen, points: rows.map(toRow) };
}

/** Periods that have completed runs, newest period first within each kind, quarters first. */
export function evaluatedPeriods(ws: Workspace): Array<{ period: string; kind: string; runs: number; lastRunAt: string }> {
  return ws.sqlite
    .prepare(
      `select period, period_kind as kind, count(*) as runs, max(finished_at) as lastRunAt from evaluation_runs where status = 'completed'
       group by period, period_kind order by case period_kind when 'quarter' then 0 when 'month' then 1 when 'half' then 2 else 3 end, period desc`,
    )
    .all() as Array<{ period: string; kind: string; runs: number; lastRunAt: string }>;
}
