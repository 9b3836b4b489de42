/** Code values shared by the schema, the contract and the UI. Words for them live in the i18n catalogues (see GLOSSARY.md). */
export const CHANNEL_TYPES = ['direct', 'agent', 'dealer', 'distributor', 'retail', 'ecommerce', 'alliance', 'telesales'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const TIERS = ['strategic', 'tier1', 'tier2', 'tier3'] as const;
export type Tier = (typeof TIERS)[number];

export const PARTNER_STATUSES = ['prospect', 'onboarding', 'active', 'probation', 'suspended', 'terminated'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

/** Levels of the company's territory tree: 大区 → 片区 (optional) → 省 → 市 (optional). */
export const TERRITORY_KINDS = ['territory', 'subTerritory', 'province', 'city'] as const;
export type TerritoryKind = (typeof TERRITORY_KINDS)[number];

export const IMPORT_KINDS = ['partners', 'sales', 'targets', 'training', 'feedback', 'risks', 'products', 'inventory', 'sell-through'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const PERIOD_KINDS = ['month', 'quarter', 'half', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const COURSE_CATEGORIES = ['onboarding', 'product', 'sales', 'service', 'compliance', 'technical'] as const;
export type CourseCategory = (typeof COURSE_CATEGORIES)[number];

export const RISK_CATEGORIES = ['channel_conflict', 'price_conflict', 'market', 'credit', 'operational', 'compliance', 'technical', 'supply', 'inventory'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

export const RISK_STATUSES = ['open', 'mitigating', 'accepted', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

export const RISK_TREATMENTS = ['avoid', 'reduce', 'transfer', 'accept'] as const;
export type RiskTreatment = (typeof RISK_TREATMENTS)[number];

export const RISK_SOURCES = ['manual', 'evaluation', 'deal'] as const;
export type RiskSource = (typeof RISK_SOURCES)[number];

export const PROGRAM_TYPES = ['tiered_rebate', 'target_bonus', 'spiff', 'growth_bonus', 'ranking_award'] as const;
export type ProgramType = (typeof PROGRAM_TYPES)[number];

export const PAYOUT_RUN_STATUSES = ['draft', 'approved', 'paid', 'void'] as const;
export type PayoutRunStatus = (typeof PAYOUT_RUN_STATUSES)[number];

export const PAYOUT_LINE_KINDS = ['calculated', 'adjustment', 'clawback'] as const;
export type PayoutLineKind = (typeof PAYOUT_LINE_KINDS)[number];

export const INQUIRY_STATUSES = ['open', 'answered', 'resolved'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

export const EVALUATION_CYCLES = ['monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export type EvaluationCycle = (typeof EVALUATION_CYCLES)[number];

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export const DEAL_STATUSES = ['pending', 'conflict', 'approved', 'rejected', 'expired', 'won', 'lost'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/** Risk levels from the score bands (likelihood × impact). */
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Status of an action item agreed in a business review (QBR) meeting. */
export const REVIEW_ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ReviewActionStatus = (typeof REVIEW_ACTION_STATUSES)[number];

/** Market development funds (市场费用): what a fund pays for. */
export const MDF_ACTIVITY_TYPES = ['exhibition', 'promotion', 'advertising', 'training_event', 'co_branded_material', 'other'] as const;
export type MdfActivityType = (typeof MDF_ACTIVITY_TYPES)[number];
/**
 * What a fund pays for, as the MDF page names it: [zh-CN, en]. The one table of these words — the MDF page
 * (`mdf:activity.*`, renderer/src/i18n/index.ts), the CLI's values, the refusals, a request's default title and the
 * payout line's explanation read it; in the middle of an English sentence the word is lower-cased (`activityWord`).
 */
export const MDF_ACTIVITY_WORDS: Readonly<Record<MdfActivityType, readonly [zh: string, en: string]>> = {
  exhibition: ['展会', 'Exhibition'],
  promotion: ['门店促销', 'Store promotion'],
  advertising: ['广告投放', 'Advertising'],
  training_event: ['培训活动', 'Training event'],
  co_branded_material: ['联合品牌物料', 'Co-branded material'],
  other: ['其他', 'Other'],
};
/** An activity type inside a sentence: 门店促销 / store promotion; a value without words stays as stored. */
export function mdfActivityWord(type: unknown, lang: 'zh-CN' | 'en'): string {
  const words = Object.prototype.hasOwnProperty.call(MDF_ACTIVITY_WORDS, String(type)) ? MDF_ACTIVITY_WORDS[String(type) as MdfActivityType] : null;
  if (!words) return String(type);
  return lang === 'zh-CN' ? words[0] : words[1].charAt(0).toLowerCase() + words[1].slice(1);
}
export const MDF_FUND_STATUSES = ['open', 'closed'] as const;
export type MdfFundStatus = (typeof MDF_FUND_STATUSES)[number];
/** pending → approved (→ expired when unclaimed by its claim deadline) | rejected; withdrawn by the requester. */
export const MDF_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'expired', 'withdrawn'] as const;
export type MdfRequestStatus = (typeof MDF_REQUEST_STATUSES)[number];
/** submitted → approved → paid (by reference) or settling (on the partner's next rebate run) | rejected. */
export const MDF_CLAIM_STATUSES = ['submitted', 'approved', 'rejected', 'paid', 'settling'] as const;
export type MdfClaimStatus = (typeof MDF_CLAIM_STATUSES)[number];
export const MDF_ALLOCATION_METHODS = ['manual', 'pro_rata'] as const;
export type MdfAllocationMethod = (typeof MDF_ALLOCATION_METHODS)[number];

/**
 * Why a partner's 窜货 or 控价 share has no value (ChannelMeasures.crossTerritoryShareMissing / belowFloorShareMissing):
 * no sale line (quantity > 0) in the period; the partner has no territory; no sale line has a customer province the
 * territory tree knows; no sale line has an amount; no product sold had a floor price at the line's date.
 */
export const SHARE_MISSING_REASONS = ['noSales', 'noTerritory', 'noProvince', 'noAmount', 'noFloor'] as const;
export type ShareMissingReason = (typeof SHARE_MISSING_REASONS)[number];
