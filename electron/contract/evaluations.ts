import { z } from 'zod';
import { CHANNEL_TYPES, EVALUATION_CYCLES, GRADES, PERIOD_KINDS, REGIONS, TIERS } from '../../db/schema/enums';
import type { DashboardSummary } from '../domain/evaluations/dashboard';
import type { DueRun } from '../domain/evaluations/scheduleRunner';
import type { Schedule } from '../domain/evaluations/schedules';
import type { RunComparison, RunInfo, ScorecardRow } from '../domain/evaluations/scorecardQueries';
import type { TierDecisionResult } from '../domain/evaluations/tierDecision';
import { job, mutation, query, zs } from './operation';

/** The health-score components (normalised KPIs), in display order. */
export const SCORE_PARTS = ['attainment', 'growth', 'grossMargin', 'retention', 'satisfaction', 'training', 'risks'] as const;

const codes = <T extends readonly [string, ...string[]]>(values: T) => z.array(z.enum(values)).max(values.length);

export const evaluationRunInput = z
  .object({
    period: zs.period,
    tiers: codes(TIERS).optional(),
    channelTypes: codes(CHANNEL_TYPES).optional(),
    regions: codes(REGIONS).optional(),
    partnerCodes: z.array(zs.code).max(100_000).optional(),
    trigger: z.enum(['manual', 'cli']).optional(),
  })
  .strict();

export interface EvaluationRunResult {
  runId: number;
  period: string;
  version: number;
  partnerCount: number;
  inputsFingerprint: string;
  risks: { created: number; updated: number; reviewRequested: number };
}

export const scheduleFields = z
  .object({
    id: zs.id.optional(),
    name: zs.name,
    cycle: z.enum(EVALUATION_CYCLES),
    tiers: codes(TIERS),
    channelTypes: codes(CHANNEL_TYPES),
    regions: codes(REGIONS),
    lagDays: z.number().int().min(0).max(365),
    enabled: z.boolean(),
  })
  .strict();

export type { DashboardSummary, DueRun, RunComparison, RunInfo, Schedule, ScorecardRow, TierDecisionResult };

export const evaluationsContract = {
  /** Evaluates a period (all partners, or filtered) and stores a new run version. */
  'evaluations.run': job<EvaluationRunResult>()(evaluationRunInput, { invalidates: ['evaluations', 'scorecards', 'dashboard', 'risks'] }),
  'evaluations.runs': query<RunInfo[]>()(z.object({ period: zs.period.optional(), limit: z.number().int().min(1).max(5000).optional() }).strict()),
  /** Each partner's latest scorecard for a period (or one run's scorecards), with filters. */
  'scorecards.list': query<{ period: string | null; rows: ScorecardRow[]; periods: Array<{ period: string; kind: string }> }>()(
    z
      .object({
        period: zs.period.optional(),
        runId: zs.id.optional(),
        channelTypes: codes(CHANNEL_TYPES).optional(),
        regions: codes(REGIONS).optional(),
        tiers: codes(TIERS).optional(),
        grades: codes(GRADES).optional(),
      })
      .strict(),
  ),
  /** What changed between a run and another one (default: the previous version of the same period). */
  'scorecards.compare': query<RunComparison>()(z.object({ runId: zs.id, otherRunId: zs.id.optional() }).strict()),
  'scorecards.partnerTrend': query<{ kinds: string[]; kind: string | null; points: ScorecardRow[] }>()(
    z.object({ partnerId: zs.id, kind: z.enum(PERIOD_KINDS).optional() }).strict(),
  ),
  /** Accepts or rejects a scorecard's tier recommendation; accepting changes the partner's tier. */
  'tier.decide': mutation<TierDecisionResult>()(
    z.object({ scorecardId: zs.id, decision: z.enum(['accepted', 'rejected']), effectiveOn: zs.isoDate.optional() }).strict(),
    { invalidates: ['scorecards', 'partners', 'dashboard'] },
  ),
  'schedules.list': query<Schedule[]>()(z.object({}).strict()),
  'schedules.save': mutation<Schedule>()(scheduleFields, { invalidates: ['schedules'] }),
  'schedules.delete': mutation<{ id: number }>()(z.object({ id: zs.id }).strict(), { invalidates: ['schedules'] }),
  /** Runs every schedule-period that is due (including those missed while the app was closed). `asOf` is for tests and the CLI. */
  'schedules.runDue': job<{ asOf: string; runs: DueRun[] }>()(
    z.object({ asOf: z.iso.datetime({ offset: true }).optional() }).strict(),
    { invalidates: ['schedules', 'evaluations', 'scorecards', 'dashboard', 'risks'] },
  ),
  'dashboard.summary': query<DashboardSummary>()(z.object({ period: zs.period.optional(), topN: z.number().int().min(1).max(50).optional() }).strict()),
};
