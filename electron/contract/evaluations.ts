import { z } from 'zod';
import { territoryRefs } from '../domain/territories/model';
import { CHANNEL_TYPES, EVALUATION_CYCLES, GRADES, PERIOD_KINDS, TIERS } from '../../shared/enums';
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
    regions: territoryRefs.optional(),
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
    regions: territoryRefs,
    lagDays: z.number().int().min(0).max(365),
    enabled: z.boolean(),
  })
  .strict();

const ratio = (max: number) => z.number().finite().min(0).max(max);

/** Health-score weights per normalised KPI: relative, 0–1000 each, at least one above 0. */
export const scoreWeightsSchema = z
  .object(Object.fromEntries(SCORE_PARTS.map((k) => [k, ratio(1000)])) as Record<(typeof SCORE_PARTS)[number], z.ZodNumber>)
  .strict()
  .refine((w) => Object.values(w).some((v) => v > 0), { message: 'at least one weight must be above 0' });

/** Lower bounds of grades A, B and C on the 0–100 health score (below C is D); A > B > C. */
export const gradeBandsSchema = z
  .object({ A: ratio(100), B: ratio(100), C: ratio(100) })
  .strict()
  .refine((g) => g.A > g.B && g.B > g.C, { message: 'grade bounds must fall: A > B > C' });

/** Tier recommendations: ratios as plain numbers (1.1 = 110 %). */
export const tierRulesSchema = z
  .object({
    consecutivePeriods: z.number().int().min(1).max(12),
    upgrade: z.object({ minAttainment: ratio(10), minScore: ratio(100) }).strict(),
    downgrade: z.object({ maxAttainment: ratio(10) }).strict(),
  })
  .strict()
  .refine((r) => r.downgrade.maxAttainment < r.upgrade.minAttainment, { message: 'the downgrade attainment must be below the upgrade attainment', path: ['downgrade', 'maxAttainment'] });

const riskRule = (threshold: z.ZodNumber) => z.object({ enabled: z.boolean(), threshold }).strict();
/** Risk-signal rules (one open auto-risk per partner and rule). */
export const riskRulesSchema = z
  .object({
    /** Revenue down by more than this share on the previous period (0.3 = 30 %). */
    revenue_drop: riskRule(ratio(1)),
    /** Attainment below this ratio. */
    low_attainment: riskRule(ratio(10)),
    /** Average satisfaction below this score (1–5). */
    low_satisfaction: riskRule(z.number().finite().min(1).max(5)),
    /** At least this many required certifications expired. */
    expired_certifications: riskRule(z.number().int().min(1).max(1000)),
    /** Customer retention below this share. */
    low_retention: riskRule(ratio(1)),
  })
  .strict();

export interface EvaluationSettingsDoc {
  weights: z.output<typeof scoreWeightsSchema>;
  gradeBands: z.output<typeof gradeBandsSchema>;
  tierRules: z.output<typeof tierRulesSchema>;
  riskRules: z.output<typeof riskRulesSchema>;
}

/** Replaces one or more whole sections of the evaluation settings (sections left out stay as they are). */
export const evaluationSettingsInput = z
  .object({
    weights: scoreWeightsSchema.optional(),
    gradeBands: gradeBandsSchema.optional(),
    tierRules: tierRulesSchema.optional(),
    riskRules: riskRulesSchema.optional(),
  })
  .strict()
  .refine((x) => Object.keys(x).length > 0, { message: 'nothing to save' });

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
        regions: territoryRefs.optional(),
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
  /** The evaluation weights, grade bands, tier rules and risk rules in force (stored values over the defaults), and the defaults. */
  'evaluations.settings.get': query<{ settings: EvaluationSettingsDoc; defaults: EvaluationSettingsDoc }>()(z.object({}).strict()),
  'evaluations.settings.set': mutation<{ settings: EvaluationSettingsDoc }>()(evaluationSettingsInput, { invalidates: ['evaluations.settings'] }),
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
