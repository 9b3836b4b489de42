import { z } from 'zod';
import { RISK_CATEGORIES, RISK_LEVELS, RISK_SOURCES, RISK_STATUSES, RISK_TREATMENTS } from '../../shared/enums';
import { zs } from '../../shared/fields';
import type { RiskTextParams } from '../../shared/riskTexts';
import type { PartnerRow, RiskRow, riskActions, riskHistory } from '../../db/schema';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const scale = z.number().int().min(1).max(5);

/** The fields of a risk entry. No zod defaults: the same shape, made partial, is the update patch. */
export const riskFields = z
  .object({
    /** Generated (R-0001, R-0002 …) when absent. */
    code: zs.code.max(32).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only').optional(),
    title: z.string().trim().min(1).max(200),
    description: optionalText(4000),
    category: z.enum(RISK_CATEGORIES),
    partnerId: zs.id.nullable().optional(),
    likelihood: scale,
    impact: scale,
    residualLikelihood: scale.nullable().optional(),
    residualImpact: scale.nullable().optional(),
    owner: optionalText(100),
    treatment: z.enum(RISK_TREATMENTS).nullable().optional(),
    status: z.enum(RISK_STATUSES).optional(),
    nextReviewOn: zs.isoDate.nullable().optional(),
    source: z.enum(RISK_SOURCES).optional(),
    ruleCode: z.string().trim().max(64).nullable().optional(),
    reviewRequested: z.boolean().optional(),
  })
  .strict();

export type RiskInput = z.input<typeof riskFields>;
export type RiskPatch = Partial<RiskInput>;

export const RISK_BASES = ['inherent', 'residual'] as const;
export type RiskBasis = (typeof RISK_BASES)[number];

/** Filters shared by the list and the heat map (so the heat map's counts are the grid's rows). */
export const riskListFilter = z
  .object({
    search: z.string().max(100).optional(),
    levels: z.array(z.enum(RISK_LEVELS)).max(4).optional(),
    statuses: z.array(z.enum(RISK_STATUSES)).max(RISK_STATUSES.length).optional(),
    categories: z.array(z.enum(RISK_CATEGORIES)).max(RISK_CATEGORIES.length).optional(),
    sources: z.array(z.enum(RISK_SOURCES)).max(RISK_SOURCES.length).optional(),
    partnerIds: z.array(zs.id).max(10_000).optional(),
    /** "Mine": risks of these channel managers' partners, or owned by one of them (name or e-mail). */
    channelManagerIds: z.array(zs.id).max(1000).optional(),
    /** Which score the level and cell filters (and the heat map) use; default inherent. */
    basis: z.enum(RISK_BASES).optional(),
    /** A heat-map cell: likelihood × impact on the chosen basis. */
    cell: z.object({ likelihood: scale, impact: scale }).strict().optional(),
    /** The register as it stood at the end of this day (from the change history). */
    asOf: zs.isoDate.optional(),
  })
  .strict();
export type RiskListFilter = z.output<typeof riskListFilter>;

export const riskActionFields = z
  .object({
    /** Absent for a new action. */
    id: zs.id.optional(),
    description: z.string().trim().min(1).max(1000),
    owner: optionalText(100),
    dueOn: zs.isoDate.nullable().optional(),
    doneOn: zs.isoDate.nullable().optional(),
  })
  .strict();
export type RiskActionInput = z.input<typeof riskActionFields>;

export const riskBand = z.object({ level: z.enum(RISK_LEVELS), min: z.number().int().min(1).max(25), max: z.number().int().min(1).max(25) }).strict();

export type Bands = Array<{ level: (typeof RISK_LEVELS)[number]; min: number; max: number }>;
type Level = (typeof RISK_LEVELS)[number];

/** The default bands: 1–4 low, 5–9 medium, 10–15 high, 16–25 critical. */
export const DEFAULT_RISK_BANDS: Bands = [
  { level: 'low', min: 1, max: 4 },
  { level: 'medium', min: 5, max: 9 },
  { level: 'high', min: 10, max: 15 },
  { level: 'critical', min: 16, max: 25 },
];


/** A risk as listed: stored fields plus derived scores, levels, partner and action counts. */
/**
 * A risk as the register lists it: the stored columns (the drizzle schema's; `textCode` + `textParams`, the words of a
 * risk the workbench raised, are rendered per language with shared/riskTexts `riskText`; `createdAt` / `updatedAt` null
 * in a register as of a past day, rebuilt from history snapshots) with what is derived at read time: partner, scores,
 * levels and action counts.
 */
export type RiskListRow = Omit<RiskRow, 'createdAt' | 'updatedAt'> & {
  createdAt: RiskRow['createdAt'] | null;
  updatedAt: RiskRow['updatedAt'] | null;
  partnerCode: PartnerRow['code'] | null;
  partnerName: PartnerRow['name'] | null;
  partnerNameEn: PartnerRow['nameEn'];
  score: number;
  level: Level;
  /** Residual likelihood/impact as assessed, or the inherent ones when no residual assessment was made. */
  effectiveResidualLikelihood: number;
  effectiveResidualImpact: number;
  residualScore: number;
  residualLevel: Level;
  residualAssessed: boolean;
  openActions: number;
  overdueActions: number;
};
/** A risk's action as stored (the drizzle schema's row). */
export type RiskActionRowOut = typeof riskActions.$inferSelect;
/** One change of a risk as stored: who, when, what changed and the snapshot after (the drizzle schema's row). */
export type RiskHistoryEntry = typeof riskHistory.$inferSelect;
export interface HeatMapResult {
  basis: RiskBasis;
  cells: Array<{ likelihood: number; impact: number; score: number; level: Level; count: number }>;
  total: number;
  /** How many of the counted risks come from each source (entered, raised by an evaluation, by a deal conflict). */
  bySource: Record<(typeof RISK_SOURCES)[number], number>;
  bands: Bands;
}
export interface OverdueResult {
  asOf: string;
  reviews: Array<{ riskId: number; code: string; title: string; description: string | null; textCode: string | null; textParams: RiskTextParams | null; owner: string | null; partnerCode: string | null; nextReviewOn: string; daysOverdue: number; level: Level }>;
  actions: Array<{ actionId: number; riskId: number; code: string; title: string; description: string; owner: string | null; dueOn: string; daysOverdue: number }>;
}

