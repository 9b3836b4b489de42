import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { territoryFilterIds, treeNodes } from '../territories/territories';
import { RunComparison, RunInfo, ScorecardRow } from '../../model/evaluations';
import { parsePopulation } from '../../../shared/population';
import { COMPARED_FIELDS } from '../../model/evaluations';
import { scorecardStore, type ScorecardSql } from './store';
import { scorePartsReader } from './scorePartsText';
import { notFound } from '../../../shared/errorMessages';

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

type Raw = ScorecardSql;

/** The rows as the model's scorecards; score_parts read back as the object the run scored (scorePartsText.ts). */
function rowsOf(ws: Workspace, rows: Raw[]): ScorecardRow[] {
  const parts = scorePartsReader(ws);
  return rows.map((r) => toRow(r, parts(r.runId, r.partsJson)));
}

function toRow(r: Raw, partsText: string | null): ScorecardRow {
  const { reasonJson, partsJson: _stored, dDecision, dToTier, dEffectiveOn, dDecidedBy, dDecidedAt, ...rest } = r;
  return {
    ...rest,
    recommendationReason: reasonJson ? JSON.parse(reasonJson) : null,
    scoreParts: partsText ? JSON.parse(partsText) : null,
    decision: dDecision ? { decision: dDecision, toTier: dToTier!, effectiveOn: dEffectiveOn, decidedBy: dDecidedBy!, decidedAt: dDecidedAt! } : null,
  };
}

/**
 * Scorecards of a run, or — for a period — each partner's scorecard from the latest completed run that evaluated it
 * (schedules may evaluate different partner groups for the same period label in separate runs).
 */
export function listScorecards(ws: Workspace, f: ScorecardFilter): ScorecardRow[] {
  if (f.runId === undefined && f.period === undefined) throw new DomainError('Give a period or a run', 'DOMAIN', { reason: 'scorecardsNeedPeriodOrRun', params: {} });
  // A territory filter takes its subtree: the top-level codes of today's tree inside it.
  const regionCodes = f.regions?.length
    ? (() => {
        const inside = new Set(territoryFilterIds(ws, f.regions));
        return [...new Set(treeNodes(ws).filter((n) => inside.has(n.id)).map((n) => n.code))];
      })()
    : undefined;
  const rows = scorecardStore.list(ws, {
    runId: f.runId,
    period: f.runId === undefined ? f.period : undefined,
    partnerIds: f.partnerIds,
    channelManagerIds: f.channelManagerIds,
    channelTypes: f.channelTypes,
    regionCodes,
    tiers: f.tiers,
    grades: f.grades,
  });
  return rowsOf(ws, rows);
}

export function listRuns(ws: Workspace, f: { period?: string; limit?: number }): RunInfo[] {
  return scorecardStore.runs(ws, { period: f.period ?? null, limit: f.limit ?? 500 }).map((row) => ({ ...row, population: parsePopulation(row.population) }));
}

export function getRun(ws: Workspace, id: number): RunInfo {
  const period = scorecardStore.runPeriod(ws, id);
  if (period === undefined) throw new DomainError(`Evaluation run ${id} not found`, 'NOT_FOUND', notFound('evaluationRun', id));
  return listRuns(ws, { period }).find((x) => x.id === id)!;
}

/** What changed between a run and another (default: the previous version of the same period). */
export function compareRuns(ws: Workspace, runId: number, otherRunId?: number): RunComparison {
  const run = getRun(ws, runId);
  let otherId = otherRunId;
  if (otherId === undefined) {
    otherId = scorecardStore.previousVersion(ws, run.period, run.version);
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
  const kinds: string[] = scorecardStore.trendKinds(ws, partnerId);
  const chosen = kind && kinds.includes(kind) ? kind : (kinds.find((k) => k === 'quarter') ?? kinds[0] ?? null);
  if (!chosen) return { kinds, kind: null, points: [] };
  const rows = scorecardStore.trend(ws, partnerId, chosen);
  return { kinds, kind: chosen, points: rowsOf(ws, rows) };
}

/** Periods that have completed runs, newest period first within each kind, quarters first. */
export function evaluatedPeriods(ws: Workspace): Array<{ period: string; kind: string; runs: number; lastRunAt: string }> {
  return scorecardStore.evaluatedPeriods(ws);
}
