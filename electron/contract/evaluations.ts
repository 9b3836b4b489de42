import { z } from 'zod';
import { territoryRefs } from '../model/territories';
import { CHANNEL_TYPES, GRADES, PERIOD_KINDS, TIERS } from '../../shared/enums';
import { job, mutation, query, zs } from './operation';
import { DashboardSummary, DueRun, EvaluationRunResult, EvaluationSettingsDoc, RunComparison, RunInfo, Schedule, ScorecardRow, TierDecisionResult, codes, evaluationRunInput, evaluationSettingsInput, scheduleFields } from '../model/evaluations';

export * from '../model/evaluations';

export const evaluationsContract = {
  /** Evaluates a period (all partners, or filtered) and stores a new run version. */
  'evaluations.run': job<EvaluationRunResult>()(evaluationRunInput, { invalidates: ['evaluations', 'risks'] }),
  'evaluations.runs': query<RunInfo[]>()(z.object({ period: zs.period.optional(), limit: z.number().int().min(1).max(5000).optional() }).strict()),
  /** Each partner's latest scorecard for a period (or one run's scorecards), with filters. */
  'evaluations.scorecards.list': query<{ period: string | null; rows: ScorecardRow[]; periods: Array<{ period: string; kind: string }> }>()(
    z
      .object({
        period: zs.period.optional(),
        runId: zs.id.optional(),
        channelTypes: codes(CHANNEL_TYPES).optional(),
        regions: territoryRefs.optional(),
        tiers: codes(TIERS).optional(),
        grades: codes(GRADES).optional(),
        /** "Mine": scorecards of the partners these channel managers own now. */
        channelManagerIds: z.array(zs.id).max(500).optional(),
      })
      .strict(),
  ),
  /** What changed between a run and another one (default: the previous version of the same period). */
  'evaluations.scorecards.compare': query<RunComparison>()(z.object({ runId: zs.id, otherRunId: zs.id.optional() }).strict()),
  'evaluations.scorecards.partnerTrend': query<{ kinds: string[]; kind: string | null; points: ScorecardRow[] }>()(
    z.object({ partnerId: zs.id, kind: z.enum(PERIOD_KINDS).optional() }).strict(),
  ),
  /** Accepts or rejects a scorecard's tier recommendation; accepting changes the partner's tier. */
  'evaluations.tier.decide': mutation<TierDecisionResult>()(
    z.object({ scorecardId: zs.id, decision: z.enum(['accepted', 'rejected']), effectiveOn: zs.isoDate.optional() }).strict(),
    { invalidates: ['evaluations.scorecards', 'partners', 'evaluations.dashboard'] },
  ),
  /** The evaluation weights, grade bands, tier rules and risk rules in force (stored values over the defaults), and the defaults. */
  'evaluations.settings.get': query<{ settings: EvaluationSettingsDoc; defaults: EvaluationSettingsDoc }>()(z.object({}).strict()),
  'evaluations.settings.set': mutation<{ settings: EvaluationSettingsDoc }>()(evaluationSettingsInput, { invalidates: ['evaluations.settings'] }),
  'evaluations.schedules.list': query<Schedule[]>()(z.object({}).strict()),
  'evaluations.schedules.save': mutation<Schedule>()(scheduleFields, { invalidates: ['evaluations.schedules'] }),
  'evaluations.schedules.delete': mutation<{ id: number }>()(z.object({ id: zs.id }).strict(), { invalidates: ['evaluations.schedules'] }),
  /** Runs every schedule-period that is due (including those missed while the app was closed). `asOf` is for tests and the CLI. */
  'evaluations.schedules.runDue': job<{ asOf: string; runs: DueRun[] }>()(
    z.object({ asOf: z.iso.datetime({ offset: true }).optional() }).strict(),
    { invalidates: ['evaluations', 'risks'] },
  ),
  'evaluations.dashboard.summary': query<DashboardSummary>()(z.object({ period: zs.period.optional(), topN: z.number().int().min(1).max(50).optional() }).strict()),
};
