import { z } from 'zod';
import { periodFromText } from '../../shared/periodText';
import { zs } from '../../shared/fields';
import { CHANNEL_TYPES, GRADES, TIERS } from '../../shared/enums';
import type { targetPlans, targetPlanUses, targetPlanVersions } from '../../db/schema';

type PlanVersionRow = typeof targetPlanVersions.$inferSelect;

/** The plans area's vocabulary (目标计划): a plan, its allocation tree, its published versions and its attainment. */
/**
 * revenue and margin (amount − cost of lines with a known cost) in fen from sales lines (sell-in); sellThroughQuantity in
 * whole units from the partners' sell-through reports (出货/动销). Published targets carry the same metric name.
 */
export const PLAN_METRICS = ['revenue', 'margin', 'sellThroughQuantity'] as const;
export type PlanMetric = (typeof PLAN_METRICS)[number];
/** Money metrics are in fen; sellThroughQuantity in units. */
export const isQuantityMetric = (m: PlanMetric) => m === 'sellThroughQuantity';

/** share of the same period last year, of the last 12 full months, equal per partner, last year × (1 + uplift), manual. */
export const PLAN_METHODS = ['last-year-share', 'last-12-months', 'equal', 'growth-weighted', 'manual'] as const;
export type PlanMethod = (typeof PLAN_METHODS)[number];

export const PLAN_SCOPE_KINDS = ['all', 'territory', 'channelType', 'channelManager'] as const;
export type PlanScopeKind = (typeof PLAN_SCOPE_KINDS)[number];

export const PLAN_TIME_SPLITS = ['seasonal', 'equal'] as const;
export type PlanTimeSplit = (typeof PLAN_TIME_SPLITS)[number];

export const PLAN_NODE_KINDS = ['plan', 'territory', 'channelManager', 'partner'] as const;
export type PlanNodeKind = (typeof PLAN_NODE_KINDS)[number];

const code = z.string().trim().min(1).max(40).regex(/^[\p{L}\p{N}_.-]+$/u, 'letters, digits, _ . - only');
/** A year, half or quarter: 2025, 2025-H1, 2025-Q3 (fiscal when a fiscal start month is set). */
// Typed as people type it (2025q3, 2025年第3季度) like every period; years 1900–2199 as everywhere (year 0405 reached the
// period arithmetic and failed there as an internal error).
const period = z
  .string()
  .max(40)
  .meta({ examples: ['2026', '2026-Q1', '2026-H1', '2026年第2季度'] })
  .transform(periodFromText)
  .pipe(z.string().regex(/^(19|20|21)\d{2}(-H[12]|-Q[1-4])?$/, 'a year (2025), half (2025-H1) or quarter (2025-Q3)'));
const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const rate = z.number().min(-0.99).max(10);

export const planScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('territory'), value: z.string().trim().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('channelType'), value: z.enum(CHANNEL_TYPES) }).strict(),
  z.object({ kind: z.literal('channelManager'), value: z.string().trim().min(1).max(200) }).strict(),
]);
export type PlanScope = z.output<typeof planScope>;

/** Uplift for growth-weighted allocation: one rate for everyone, and per tier or per grade (latest scorecard). */
export const planUplift = z
  .object({
    default: rate.default(0),
    by: z.enum(['tier', 'grade']).nullable().default(null),
    rates: z.partialRecord(z.enum([...TIERS, ...GRADES]), rate).default({}),
  })
  .strict();
export type PlanUplift = z.output<typeof planUplift>;

export const planRulesInput = z
  .object({
    method: z.enum(PLAN_METHODS),
    uplift: planUplift.default({ default: 0, by: null, rates: {} }),
    /** What a partner without history in the method's basis gets before the rest is spread (fen). */
    newPartnerMinimumMinor: minor.default(0),
    timeSplit: z.enum(PLAN_TIME_SPLITS).default('seasonal'),
    /** 冲刺 and 挑战 as percentages of the target (目标 = 100 %). */
    stretchPct: z.number().min(100).max(1000).default(110),
    challengePct: z.number().min(100).max(1000).default(120),
  })
  .strict();
export type PlanRules = z.output<typeof planRulesInput>;

export const planCreateInput = z
  .object({
    code,
    name: z.string().trim().min(1).max(200).optional(),
    metric: z.enum(PLAN_METRICS).default('revenue'),
    period,
    scope: planScope.default({ kind: 'all' }),
    /** The plan's total in fen; omitted: the scope's same period last year × (1 + uplift.default). */
    totalMinor: minor.optional(),
    rules: planRulesInput,
  })
  .strict();
export type PlanCreateInput = z.output<typeof planCreateInput>;

export const planUpdateInput = z
  .object({
    code,
    name: z.string().trim().min(1).max(200).nullable().optional(),
    totalMinor: minor.optional(),
    rules: planRulesInput.partial().optional(),
  })
  .strict();
export type PlanUpdateInput = z.output<typeof planUpdateInput>;

/** Lock (manual override) one node of the tree at an amount, or unlock it (amountMinor null). */
export const planLockInput = z.object({ code, node: z.string().trim().min(1).max(200), amountMinor: minor.nullable() }).strict();
export type PlanLockInput = z.output<typeof planLockInput>;

export const planCodeInput = z.object({ code }).strict();
export const planShowInput = z.object({ code, version: z.number().int().min(1).optional(), asOf: zs.isoDate.optional() }).strict();

/** One node of the allocation tree as shown and exported. */
export interface PlanNode {
  /** 'plan', 't:<territory code>', 'm:<territory code>/<manager id or ->', 'p:<partner code>'. */
  key: string;
  kind: PlanNodeKind;
  parent: string | null;
  code: string | null;
  nameZh: string;
  nameEn: string | null;
  /** The method's basis (last year's / last 12 months' figure) in the metric's unit. */
  basisMinor: number;
  amountMinor: number;
  locked: boolean;
  /** A partner without history in the basis (gets the set minimum unless locked). */
  noHistory: boolean;
  quarters: Record<string, number>;
  months: Record<string, number>;
  /**
   * Months whose amounts a stored run used (a completed evaluation run, an approved or paid payout run): a revision
   * keeps them as they were and re-spreads the partner's amount over the other months only. Partners only.
   */
  frozenMonths?: string[];
}

/** A stored run that read its targets from a published version of the plan. */
/** Which stored run read its targets from a version (target_plan_uses' columns; `period` is the run's period label). */
export type PlanRunUse = Pick<typeof targetPlanUses.$inferSelect, 'runKind' | 'runId' | 'period' | 'metric'> & { version: PlanVersionRow['version'] };

export interface PlanAllocation {
  partnerCode: string;
  amountMinor: number;
  quarters: Record<string, number>;
  months: Record<string, number>;
}

/** A published version (the drizzle schema's columns, without the allocation). */
export type PlanVersionSummary = Pick<PlanVersionRow, 'version' | 'totalMinor' | 'publishedAt' | 'publishedBy'> & {
  /** Evaluation runs and payout runs calculated on this version's targets (run ids), so it is never rewritten. */
  usedBy: { evaluationRuns: number[]; payoutRuns: number[] };
};

/** A plan as stored (the drizzle schema's columns; metric, scope and rules as the model reads them) with its state. */
export type PlanSummary = Pick<typeof targetPlans.$inferSelect, 'code' | 'name' | 'period' | 'totalMinor' | 'updatedAt'> & {
  metric: PlanMetric;
  scope: PlanScope;
  rules: PlanRules;
  /** draft: never published; published: the draft equals the latest version; changed: edited since the last publish. */
  status: 'draft' | 'published' | 'changed';
  publishedVersion: PlanVersionRow['version'] | null;
  partners: number;
};

/** Targets against actuals to date and the run-rate forecast, per node. */
export interface PlanNodeAttainment {
  key: string;
  targetMinor: number;
  stretchMinor: number;
  challengeMinor: number;
  actualToDateMinor: number;
  attainmentToDate: number | null;
  linearMinor: number | null;
  lastYearShapeMinor: number | null;
  gapLinearMinor: number | null;
  gapLastYearShapeMinor: number | null;
}

export interface PlanDetail extends PlanSummary {
  quarters: string[];
  months: string[];
  nodes: PlanNode[];
  allocations: PlanAllocation[];
  versions: PlanVersionSummary[];
  /** When a version is shown (published or asked for): its allocation; else the live draft. */
  shownVersion: number | null;
  asOf: string;
  elapsedDays: number;
  periodDays: number;
  attainment: PlanNodeAttainment[];
  /** Runs that still stand on a published version (their periods' months are kept by a revision). */
  standingRuns: PlanRunUse[];
}

export interface PlanPublishResult {
  code: string;
  version: number;
  totalMinor: number;
  /** targets rows written (partner × period label: the plan period, its quarters and months; target, 冲刺 and 挑战). */
  targetsWritten: number;
  /** targets rows left as an earlier version wrote them because a stored run used them. */
  targetsKept: number;
}

/** The plan as an XLSX workbook to edit in Excel or WPS (one row per node), and the edited workbook brought back. */
export const planExportInput = z
  .object({ code, out: zs.filePath, lang: z.enum(['zh-CN', 'en']).default('zh-CN'), onExists: zs.onExists.default('refuse') })
  .strict();
export const planImportInput = z.object({ code, path: zs.filePath }).strict();

export interface PlanImportResult {
  plan: PlanDetail;
  /** Nodes newly locked or locked at a new amount, and locks removed. */
  locked: number;
  unlocked: number;
  totalChanged: boolean;
}
