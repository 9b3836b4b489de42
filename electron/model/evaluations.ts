import { z } from 'zod';
import { territoryRefs } from './territories';
import { CHANNEL_TYPES, EVALUATION_CYCLES, TIERS, type RiskLevel, type Tier } from '../../shared/enums';
import { zs } from '../../shared/fields';
import type { Population } from '../../shared/population';
import type { evaluationRuns, evaluationSchedules, scorecards, tierDecisions } from '../../db/schema';

type EvaluationRunRow = typeof evaluationRuns.$inferSelect;
type ScheduleRow = typeof evaluationSchedules.$inferSelect;
type StoredScorecard = typeof scorecards.$inferSelect;

/** The health-score components (normalised KPIs), in display order. */
export const SCORE_PARTS = ['attainment', 'growth', 'grossMargin', 'retention', 'satisfaction', 'training', 'risks', 'sellThrough', 'inventoryHealth', 'territoryDiscipline', 'priceDiscipline'] as const;

export const codes = <T extends readonly [string, ...string[]]>(values: T) => z.array(z.enum(values)).max(values.length);

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
  risks: { created: number; updated: number; reviewRequested: number; closed?: number };
  /** Whom the run considered and why it left anyone out. */
  population: Population;
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
export type ScheduleInput = z.infer<typeof scheduleFields>;

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


export interface DashboardSummary {
  period: string | null;
  periods: Array<{ period: string; kind: string }>;
  partners: number;
  revenueMinor: number;
  byChannel: Array<{ channelType: string; revenueMinor: number; partners: number; avgScore: number }>;
  byRegion: Array<{ region: string; revenueMinor: number; partners: number; avgScore: number }>;
  grades: Array<{ grade: string; partners: number }>;
  attainment: Array<{ bucket: string; min: number | null; max: number | null; partners: number }>;
  noTarget: number;
  top: Array<Pick<ScorecardRow, 'partnerId' | 'partnerCode' | 'partnerName' | 'partnerNameEn' | 'healthScore' | 'grade' | 'revenueMinor'>>;
  bottom: Array<Pick<ScorecardRow, 'partnerId' | 'partnerCode' | 'partnerName' | 'partnerNameEn' | 'healthScore' | 'grade' | 'revenueMinor'>>;
  /** Revenue per period (of the selected period's kind, up to 8 ending with it) and channel type, straight from sales. */
  trend: { periods: string[]; series: Array<{ channelType: string; revenueMinor: number[] }> };
  risksByLevel: Array<{ level: RiskLevel; risks: number }>;
}

export interface DueRun {
  scheduleId: number;
  scheduleName: string;
  period: string;
  outcome: 'succeeded' | 'failed' | 'skipped' | 'waiting';
  runId?: number;
  partnerCount?: number;
  message?: string;
  population?: Population;
}

/** An evaluation schedule as stored (the drizzle schema's columns) with its last evaluated period. */
export type Schedule = Pick<ScheduleRow, 'id' | 'name' | 'cycle' | 'tiers' | 'channelTypes' | 'regions' | 'lagDays' | 'enabled'> & {
  lastPeriod: string | null;
  lastOutcome: string | null;
  lastRunAt: string | null;
  /** Whom the last evaluated period considered and why it left anyone out (null until one succeeded). */
  lastPopulation: Population | null;
};

export interface RunComparison {
  run: RunInfo;
  other: RunInfo | null;
  sameInputs: boolean;
  added: Array<{ partnerCode: string; partnerName: string }>;
  removed: Array<{ partnerCode: string; partnerName: string }>;
  changed: Array<{ partnerId: number; partnerCode: string; partnerName: string; changes: Array<{ field: ComparedField; before: unknown; after: unknown }> }>;
  unchanged: number;
}

/** An evaluation run as stored (the drizzle schema's columns; `population` null on runs stored before it was kept) with its schedule's name. */
export type RunInfo = Pick<
  EvaluationRunRow,
  'id' | 'period' | 'periodKind' | 'version' | 'status' | 'trigger' | 'scheduleId' | 'partnerCount' | 'inputsFingerprint' | 'startedBy' | 'startedAt' | 'finishedAt' | 'error' | 'population'
> & { scheduleName: ScheduleRow['name'] | null };

/** The KPIs of one partner for one period (money in minor units, ratios as plain numbers: 0.25 = 25 %). */
/**
 * A partner's KPIs for a period: the columns a scorecard stores (the drizzle schema's) and the bases only the
 * calculation uses. attainment = revenue ÷ target (null without a target or a zero target); growthPrev / growthYoY =
 * (revenue − base) ÷ |base| (null where the base is 0); grossMargin = (revenue − cost) ÷ revenue over the lines that
 * carry a cost (null when no line has one or that revenue is ≤ 0); retention = share of the previous period's customers
 * who bought again in this one (null when it had none); the channel measures (sellThroughRate … belowFloorShare) come
 * from sell-through and stock reports (README "Channel inventory, sell-through and price discipline"), null where missing.
 */
export type PartnerKpis = Pick<
  StoredScorecard,
  | 'partnerId'
  | 'revenueMinor'
  | 'targetMinor'
  | 'attainment'
  | 'growthPrev'
  | 'growthYoY'
  | 'grossMargin'
  | 'orders'
  | 'activeCustomers'
  | 'newCustomers'
  | 'retention'
  | 'satisfaction'
  | 'trainingCompliance'
  | 'openHighRisks'
  | 'sellThroughRate'
  | 'daysOfInventory'
  | 'inventoryTurnover'
  | 'crossTerritoryShare'
  | 'belowFloorShare'
> & {
  prevRevenueMinor: number;
  yoyRevenueMinor: number;
  /** Required certifications held before but expired (not valid) at period end. */
  expiredCertifications: number;
};

/** A scorecard's KPIs: the partner's KPIs without the bases only the calculation uses. */
export type ScorecardKpis = Omit<PartnerKpis, 'prevRevenueMinor' | 'yoyRevenueMinor' | 'expiredCertifications'>;

/** What an evaluation adds to a partner's KPIs: who the partner was at run time, the score, grade, ranks and tier advice. */
export type ScoredPartner = ScorecardKpis &
  Pick<StoredScorecard, 'tier' | 'region' | 'regionEn' | 'regionCode' | 'healthScore' | 'grade' | 'rankInChannel' | 'rankInRegion' | 'tierRecommendation'> & {
    partnerCode: string;
    partnerName: string;
    /** The channel type as it was when the run was made; like region, regionEn and regionCode it never changes afterwards. */
    channelType: string;
    recommendationReason: TierRecommendation['reason'];
  };

/** The parts of a health score, their weights and how much of the weight had data. */
export interface ScoreParts {
  parts: Record<ScorePart, number | null>;
  weights: Record<ScorePart, number>;
  coverage: number;
}

/** A stored scorecard as the pages read it: the scored partner with its run, its English name and the decision taken on it. */
export interface ScorecardRow extends ScoredPartner {
  id: number;
  runId: number;
  runVersion: number;
  period: string;
  periodKind: string;
  /** The partner's English name, where it has one (shown in English mode). */
  partnerNameEn: string | null;
  /** Null on scorecards stored before the parts were kept. */
  scoreParts: ScoreParts | null;
  decision: { decision: 'accepted' | 'rejected'; toTier: Tier; effectiveOn: string | null; decidedBy: string; decidedAt: string } | null;
}

/** The stored tier decision (the drizzle schema's columns) and the partner's tier before and after it. */
export type TierDecisionResult = typeof tierDecisions.$inferSelect & {
  partnerBefore: { tier: string };
  partnerAfter: { tier: string };
};

export const COMPARED_FIELDS = [
  'tier', 'revenueMinor', 'targetMinor', 'attainment', 'growthPrev', 'growthYoY', 'grossMargin', 'orders', 'activeCustomers', 'newCustomers',
  'retention', 'satisfaction', 'trainingCompliance', 'openHighRisks', 'healthScore', 'grade', 'rankInChannel', 'rankInRegion', 'tierRecommendation',
] as const;

export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface TierRecommendation {
  tierRecommendation: Tier | null;
  /** Structured reason (translated by the UI): code + the periods it is based on. */
  reason: { code: 'upgrade' | 'downgrade' | 'upgrade_at_top' | 'downgrade_at_bottom'; rule: Record<string, number>; periods: PeriodResult[] } | null;
}

export type ScorePart = (typeof SCORE_PARTS)[number];

export interface PeriodResult {
  period: string;
  attainment: number | null;
  healthScore: number;
}

/**
 * Defaults: selling to target is what a channel manager is judged on (30), then the three signs of a healthy business
 * relationship — growth (15), customers who come back (15) and customer satisfaction (15) — then margin quality (10) and
 * certified staff (10); open high/critical risks pull the score down a little (5) because they are already handled in
 * the risk register.
 */
export const DEFAULT_WEIGHTS: z.output<typeof scoreWeightsSchema> = {
  attainment: 30,
  growth: 15,
  grossMargin: 10,
  retention: 15,
  satisfaction: 15,
  training: 10,
  risks: 5,
  // The channel measures count only once a company opts in (existing scores do not move): many partners send no
  // sell-through or stock reports at all.
  sellThrough: 0,
  inventoryHealth: 0,
  territoryDiscipline: 0,
  priceDiscipline: 0,
};

/** Lower bounds of the grades on the 0–100 health score; below C is D. */
export const DEFAULT_GRADE_BANDS: z.output<typeof gradeBandsSchema> = { A: 85, B: 70, C: 55 };
export const DEFAULT_TIER_RULES: z.output<typeof tierRulesSchema> = { consecutivePeriods: 2, upgrade: { minAttainment: 1.1, minScore: 80 }, downgrade: { maxAttainment: 0.6 } };
export const DEFAULT_RISK_RULES: z.output<typeof riskRulesSchema> = {
  // Tuned so that a normal quarter raises a handful per hundred partners (README "Risk signals"): each flags a partner
  // that needs a conversation now, not a metric a little under average.
  revenue_drop: { enabled: true, threshold: 0.4 },
  low_attainment: { enabled: true, threshold: 0.6 },
  low_satisfaction: { enabled: true, threshold: 2.5 },
  expired_certifications: { enabled: true, threshold: 3 },
  low_retention: { enabled: true, threshold: 0.2 },
};
