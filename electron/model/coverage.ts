import { z } from 'zod';
import { CHANNEL_TYPES, type ChannelType } from '../../shared/enums';
import { zs } from '../../shared/fields';

/**
 * Channel coverage (渠道覆盖率): what each territory wants covered and how much of it is. A partner counts when its
 * status is 合作中 (active) and it is not deleted; it lies in a territory when it is assigned to it (or below it) or its
 * province/city text places it there.
 *
 * A target with an `area` (a province or city under the territory) wants that area covered by at least `minPartners`
 * partners (of `channelType` when set): 1 wanted, 1 covered when met. A target without an area wants `minPartners`
 * partners (of `channelType`) anywhere in the territory: `minPartners` wanted, min(actual, minPartners) covered.
 * A territory whose subtree has no targets wants each active province under it (or itself, when it has none) covered
 * by one partner. Coverage ratio = covered ÷ wanted.
 */
export interface CoverageTarget {
  id: number;
  /** Territory code the target belongs to. */
  territory: string;
  /** Province or city code under the territory; null: the territory as a whole. */
  area: string | null;
  channelType: ChannelType | null;
  minPartners: number;
}

/** One thing wanted: a target, or the default "one partner in each province". */
export interface CoverageLine {
  /** The target's id; null for a default line. */
  targetId: number | null;
  territory: string;
  territoryNameZh: string;
  territoryNameEn: string | null;
  area: string | null;
  areaNameZh: string | null;
  areaNameEn: string | null;
  channelType: ChannelType | null;
  minPartners: number;
  /** Active partners found there (of the channel type). */
  actual: number;
  wanted: number;
  covered: number;
}

export interface CoverageFigure {
  wanted: number;
  covered: number;
  /** covered ÷ wanted; null when nothing is wanted. */
  ratio: number | null;
}

export interface TerritoryCoverage extends CoverageFigure {
  code: string;
  nameZh: string;
  nameEn: string | null;
  parent: string | null;
  active: boolean;
  /** Active partners in the territory and below it. */
  activePartners: number;
  /** True when the territory's subtree has no targets and the default rule applies. */
  byDefault: boolean;
  gaps: number;
  /**
   * The period's scorecards of partners in the territory (or below it): each partner counted once, under the
   * territory it had when the run was made (else its territory now, else the place its province/city names).
   */
  scorecards: number;
  /** Σ their revenue, minor units. */
  revenueMinor: number;
  /** Σ their revenue targets (null: none has a target). */
  targetMinor: number | null;
  /** Σ revenue of those with a target ÷ Σ their targets (null: no target). */
  attainment: number | null;
  /** Mean of their health scores, one decimal (null: no scorecard). */
  healthScore: number | null;
}

export interface CoverageReport {
  /** The territory asked for (null: the whole company). */
  territory: string | null;
  /** The period of the scorecard figures (revenue, attainment, health): asked, else the latest evaluated, else the current quarter. */
  period: string;
  /** The evaluated periods, newest first; the shown period is always one of them. */
  periods: string[];
  /** Its figure: the company's is the sum over the top-level territories. */
  total: CoverageFigure;
  /** Every territory in tree order (or the asked one and its subtree). */
  territories: TerritoryCoverage[];
  /** Each line of the asked scope, gaps first. */
  lines: CoverageLine[];
  /** The lines below target: covered < wanted. */
  gaps: CoverageLine[];
  /** Lines by channel type (null: any channel type). */
  byChannelType: Array<CoverageFigure & { channelType: ChannelType | null }>;
}

/**
 * One tile of the map, with the measures it can be coloured by: a provincial division (the 34 standard ones or one the
 * company added), or a city the company put under a territory with no province above it.
 */
export interface ProvinceFigures {
  code: string;
  nameZh: string;
  nameEn: string | null;
  /** The top-level territory (大区) it lies in. */
  region: string | null;
  activePartners: number;
  /** Sales of partners placed in the province over the period, minor units (all currencies as stored). */
  revenueMinor: number;
  /** Average health score of the period's scorecards of partners placed there; null without scorecards. */
  healthScore: number | null;
  /** The province's own coverage lines (targets on it; else one partner in each of its active cities, or in it). */
  coverage: CoverageFigure;
  /** Active cities the company defined under it (0 for a city): the map opens them on a click. */
  cities: number;
}

/** A province's cities (`territories.coverage.cities`): each city's figures, and what lies in the province outside every city. */
export interface CityMap {
  province: { code: string; nameZh: string; nameEn: string | null };
  period: string;
  cities: ProvinceFigures[];
  /** Partners placed in the province but in none of its cities (no city text, or a city not defined). */
  elsewhere: { activePartners: number; revenueMinor: number; healthScore: number | null };
}

export interface ProvinceMap {
  period: string;
  /** The evaluated periods, newest first (the period select); the asked period is always one of them. */
  periods: string[];
  provinces: ProvinceFigures[];
  /** Active partners with no province the tree knows (not on the map). */
  unplaced: number;
}

/** Is a customer's place inside a partner's territory (sub-territories included)? */
export interface PlaceCheck {
  verdict: 'inside' | 'outside' | 'unknown';
  reason?: 'unknownPartner' | 'partnerWithoutTerritory' | 'unknownPlace' | 'noPlace' | 'placeTooCoarse';
  /** The partner's territory code. */
  territory: string | null;
  /** The territory code the customer's province/city names. */
  place: string | null;
}

const code = z.string().trim().min(1).max(32);
export const coverageTargetInput = z
  .object({
    territory: code,
    area: code.nullable().optional(),
    channelType: z.enum(CHANNEL_TYPES).nullable().optional(),
    minPartners: z.number().int().min(1).max(10_000),
  })
  .strict();
export type CoverageTargetInput = z.output<typeof coverageTargetInput>;

export const coverageReportInput = z.object({ territory: code.optional(), period: zs.period.optional() }).strict();
export const provinceMapInput = z.object({ period: zs.period.optional() }).strict();
export const cityMapInput = z.object({ province: code, period: zs.period.optional() }).strict();
