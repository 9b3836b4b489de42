import { z } from 'zod';
import { RISK_CATEGORIES, RISK_SOURCES, RISK_STATUSES, RISK_TREATMENTS } from '../../db/schema';
import { zs } from './operation';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const scale = z.number().int().min(1).max(5);

/** The fields of a risk entry. No zod defaults: the same shape, made partial, is the update patch. */
export const riskFields = z
  .object({
    /** Generated (R-0001, R-0002 …) when absent. */
    code: zs.code.max(32).regex(/^[A-Za-z0-9_.\-]+$/, 'letters, digits, _ . - only').optional(),
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
