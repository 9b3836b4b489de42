import { z } from 'zod';
import { isoDate } from '../../shared/dates';
import { territoryRefs } from './territories';
import { CHANNEL_TYPES, PARTNER_STATUSES, PERIOD_KINDS, PROGRAM_TYPES, TIERS } from '../../shared/enums';
import { majorToMinor } from '../../shared/money';

/**
 * The program file (JSON): what `pwb programs add FILE`, the UI editor and `incentives.programs.import` accept,
 * and what is stored in incentive_programs.definition and frozen in payout_runs.program_snapshot.
 * Amounts are MAJOR units (yuan) as decimals and are converted to minor units exactly (majorToMinor);
 * rates are fractions (0.03 = 3 %). Full schema in the README ("Incentives, payouts and statements").
 */
const major = z.number().finite().min(0).max(9e12);
const rate = z.number().finite().min(0).max(10);

const tier = z.object({ from: z.number().finite().min(-9e12).max(9e12), rate }).strict();
const tiers = z
  .array(tier)
  .min(1)
  .max(50)
  .refine((t) => t.every((x, i) => i === 0 || x.from > t[i - 1].from), 'tiers must be in ascending order of "from"');

export const eligibilitySchema = z
  .object({
    channelTypes: z.array(z.enum(CHANNEL_TYPES)).max(CHANNEL_TYPES.length).optional(),
    tiers: z.array(z.enum(TIERS)).max(TIERS.length).optional(),
    regions: territoryRefs.optional(),
    /** Partner statuses that qualify; default ['active']. */
    statuses: z.array(z.enum(PARTNER_STATUSES)).min(1).max(PARTNER_STATUSES.length).optional(),
    /** Minimum training compliance (valid / required courses, 0–1) at the period end; partners with nothing required pass. */
    minTrainingCompliance: z.number().min(0).max(1).optional(),
    /** A training course code: the partner must hold a passed, unexpired record of it at the period end. */
    requiredCertification: z.string().trim().min(1).max(64).optional(),
    /** Leave out partners with a channel-conflict or price-conflict risk not closed in the register when the run is calculated. */
    noOpenConflictRisk: z.boolean().optional(),
  })
  .strict();

const common = {
  code: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
  name: z.string().trim().min(1).max(200),
  periodKind: z.enum(PERIOD_KINDS),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO currency code').default('CNY'),
  validFrom: isoDate,
  validTo: isoDate.nullable().optional(),
  description: z.string().max(4000).optional(),
  eligibility: eligibilitySchema.default({}),
  /** Per-partner cap on the calculated amount, major units. */
  cap: major.nullable().optional(),
};

const tieredRebate = z
  .object({
    ...common,
    type: z.literal('tiered_rebate'),
    /** revenue / margin: sell-in (the company's sales lines); sellThrough: the partner's sales to its customers (sell-through amount). */
    basis: z.enum(['revenue', 'margin', 'sellThrough']).default('revenue'),
    tiering: z.enum(['retroactive', 'marginal']).default('retroactive'),
    /** `from` in major units of basis: the tier applies from this amount (inclusive). */
    tiers,
  })
  .strict();

const targetBonus = z
  .object({
    ...common,
    type: z.literal('target_bonus'),
    basis: z.enum(['revenue', 'margin']).default('revenue'),
    /** targets.metric to compare against (revenue targets are in minor units). */
    targetMetric: z.string().trim().min(1).max(40).default('revenue'),
    /** Bonus paid at exactly 100 % attainment, major units. */
    bonusAmount: major,
    /** Below this attainment nothing is paid (0.8 = 80 %). At or above it the bonus is pro rata to attainment. */
    threshold: z.number().min(0).max(10).default(0),
    /** Each attainment point above 100 % pays this many points of bonus (1 = linear, 2 = double). */
    accelerator: z.number().min(0).max(100).default(1),
    /** Attainment counted at most up to this (e.g. 1.5 = 150 %). */
    maxAttainment: z.number().min(0).max(100).nullable().optional(),
  })
  .strict();

const spiff = z
  .object({
    ...common,
    type: z.literal('spiff'),
    /** Products and/or categories that count (sales_lines.product / .category); at least one of the two lists. */
    products: z.array(z.string().trim().min(1).max(200)).max(500).default([]),
    categories: z.array(z.string().trim().min(1).max(200)).max(200).default([]),
    /** Sale dates counted (within the period and validity), inclusive. */
    from: isoDate.nullable().optional(),
    to: isoDate.nullable().optional(),
    /** Either a fixed amount per unit sold (major units) or a share of the amount. */
    perUnit: major.nullable().optional(),
    percent: rate.nullable().optional(),
  })
  .strict()
  .refine((p) => p.products.length + p.categories.length > 0, { message: 'a SPIFF needs products or categories', path: ['products'] })
  .refine((p) => (p.perUnit != null) !== (p.percent != null), { message: 'give exactly one of perUnit or percent', path: ['perUnit'] });

const growthBonus = z
  .object({
    ...common,
    type: z.literal('growth_bonus'),
    basis: z.enum(['revenue', 'margin']).default('revenue'),
    tiering: z.enum(['retroactive', 'marginal']).default('retroactive'),
    /** Growth tiers: `from` is the year-on-year growth as a fraction (0.1 = +10 %), `rate` applies to the base below. */
    tiers,
    /** 'increment': rate × (this year − last year); 'basis': rate × this year's basis. */
    applyTo: z.enum(['increment', 'basis']).default('increment'),
  })
  .strict()
  .refine((p) => !(p.tiering === 'marginal' && p.applyTo === 'basis'), { message: 'marginal growth tiers apply to the increment only', path: ['tiering'] });

const rankingAward = z
  .object({
    ...common,
    type: z.literal('ranking_award'),
    basis: z.enum(['revenue', 'margin']).default('revenue'),
    /** Rank within each channel type, each region, or across all eligible partners. */
    groupBy: z.enum(['channelType', 'region', 'all']).default('channelType'),
    /** Award for rank 1, 2, … N (major units). Ties: equal basis share the rank and each gets that rank's award; the next rank(s) are skipped. */
    awards: z.array(major).min(1).max(100),
    /** Partners below this basis (major units) are not ranked. */
    minBasis: z.number().finite().min(0).max(9e12).default(0),
  })
  .strict();

export const programFileSchema = z.discriminatedUnion('type', [tieredRebate, targetBonus, spiff, growthBonus, rankingAward]);

export type ProgramFile = z.output<typeof programFileSchema>;
export type ProgramFileInput = z.input<typeof programFileSchema>;
export type Eligibility = z.output<typeof eligibilitySchema>;

export const PROGRAM_TYPE_LIST = PROGRAM_TYPES;

/** Program file → parsed program (defaults applied). Throws ZodError with field paths. */
export function parseProgramFile(raw: unknown): ProgramFile {
  const p = programFileSchema.parse(raw);
  if (p.validTo && p.validTo < p.validFrom) {
    throw new z.ZodError([{ code: 'custom', path: ['validTo'], message: 'validTo is before validFrom', input: p.validTo }]);
  }
  return p;
}

/** Tiers with thresholds in minor units (for money bases); growth tiers keep their fraction. */
export interface MinorTier {
  fromMinor: number;
  rate: number;
}

export function tiersToMinor(t: Array<{ from: number; rate: number }>, currency: string): MinorTier[] {
  return t.map((x) => ({ fromMinor: majorToMinor(x.from, currency), rate: x.rate }));
}
