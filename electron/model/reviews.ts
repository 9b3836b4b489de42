import { z } from 'zod';
import { REVIEW_ACTION_STATUSES, TIERS, type ReviewActionStatus } from '../../shared/enums';
import { zs } from '../../shared/fields';
import type { DealRegistrationRow, PartnerRow, ReviewActionRow, ReviewMeetingRow, ReviewProposalRow, RiskRow, scorecards } from '../../db/schema';

export { REVIEW_ACTION_STATUSES, type ReviewActionStatus };

/** An action item as the meeting form and the CLI enter it; `id` keeps an existing item when the list is saved again. */
export const reviewActionInput = z
  .object({
    id: zs.id.optional(),
    description: z.string().trim().min(1).max(1000),
    owner: z.string().trim().max(200).nullable().optional(),
    dueOn: zs.isoDate.nullable().optional(),
    status: z.enum(REVIEW_ACTION_STATUSES).optional(),
    note: z.string().trim().max(1000).nullable().optional(),
  })
  .strict();
export type ReviewActionInput = z.output<typeof reviewActionInput>;

/** A review meeting: which partner and period, when, who was there, minutes, decisions and action items. */
export const reviewMeetingInput = z
  .object({
    id: zs.id.optional(),
    partnerId: zs.id,
    period: zs.period,
    heldOn: zs.isoDate,
    attendees: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
    minutes: z.string().max(20_000).nullable().optional(),
    decisions: z.array(z.string().trim().min(1).max(1000)).max(100).default([]),
    /** The full list: items left out are removed, items with an id are updated. */
    actions: z.array(reviewActionInput).max(200).default([]),
  })
  .strict();
export type ReviewMeetingInput = z.output<typeof reviewMeetingInput>;

/** An action item as stored (the drizzle schema's columns) with its partner, its meeting's period and day, and whether it is overdue. */
export type ReviewAction = Pick<ReviewActionRow, 'id' | 'meetingId' | 'partnerId' | 'description' | 'owner' | 'dueOn' | 'status' | 'closedOn' | 'note'> & {
  partnerCode: PartnerRow['code'];
  partnerName: PartnerRow['name'];
  /** The period of the meeting that agreed it. */
  period: ReviewMeetingRow['period'];
  heldOn: ReviewMeetingRow['heldOn'];
  /** Open or in progress and past its due date (local day of the workspace clock). */
  overdue: boolean;
  daysOverdue: number;
};

/** A review meeting as stored (the drizzle schema's columns) with its partner and action items. */
export type ReviewMeeting = Pick<
  ReviewMeetingRow,
  'id' | 'partnerId' | 'period' | 'heldOn' | 'attendees' | 'minutes' | 'decisions' | 'createdBy' | 'createdAt' | 'updatedAt'
> & {
  partnerCode: PartnerRow['code'];
  partnerName: PartnerRow['name'];
  actions: ReviewAction[];
};

export const reviewMeetingListInput = z
  .object({
    partnerId: zs.id.optional(),
    partnerCode: zs.code.optional(),
    period: zs.period.optional(),
  })
  .strict();
export type ReviewMeetingFilter = z.output<typeof reviewMeetingListInput>;

export const openReviewActionsInput = z
  .object({
    partnerId: zs.id.optional(),
    /** Only actions past their due date. */
    overdueOnly: z.boolean().optional(),
    /** Mine: only the actions of partners these channel managers look after. */
    channelManagerIds: z.array(zs.id).max(1000).optional(),
    asOf: zs.isoDate.optional(),
  })
  .strict();

export const REVIEW_PACK_LANGUAGES = ['zh-CN', 'en'] as const;
export type ReviewPackLanguage = (typeof REVIEW_PACK_LANGUAGES)[number];

/** Review packs: one partner, or every live partner of a tier and/or territory (with descendants). */
export const reviewExportInput = z
  .object({
    period: zs.period,
    out: zs.filePath,
    /** An existing pack: refuse (default), replace, or write `name (2).pdf` beside it. */
    onExists: zs.onExists.optional(),
    language: z.enum(REVIEW_PACK_LANGUAGES).optional(),
    partnerCodes: z.array(zs.code).max(100_000).optional(),
    tiers: z.array(z.enum(TIERS)).max(TIERS.length).optional(),
    /** A territory code or exact name; its sub-territories are included. */
    territory: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type ReviewExportInput = z.output<typeof reviewExportInput>;

export interface ReviewPackFile {
  partnerCode: string;
  partnerName: string;
  file: string;
  bytes: number;
  pages: number;
}
export interface ReviewExportResult {
  period: string;
  language: ReviewPackLanguage;
  dir: string;
  files: string[];
  packs: ReviewPackFile[];
}

/** A partner's scorecard figures as the review pack shows them (from the latest completed run of the period). */
/** A stored scorecard's figures (the drizzle schema's columns) for the period it evaluated. */
export type PackScore = Pick<
  typeof scorecards.$inferSelect,
  | 'grade'
  | 'healthScore'
  | 'revenueMinor'
  | 'targetMinor'
  | 'attainment'
  | 'growthYoY'
  | 'grossMargin'
  | 'trainingCompliance'
  | 'satisfaction'
  | 'rankInChannel'
  | 'rankInRegion'
  | 'activeCustomers'
  | 'newCustomers'
  | 'retention'
> & { period: string };

export interface PackTrendPoint {
  label: string;
  revenueMinor: number;
  targetMinor: number | null;
  attainment: number | null;
}

/** Target, actual and run-rate forecast of the pack's period (as of the pack's day when the period is under way). */
export interface PackTarget {
  targetMinor: number | null;
  actualMinor: number;
  attainment: number | null;
  /** target − actual when short of it, else 0. */
  gapMinor: number | null;
  /** 'complete' (the period has ended), 'in_progress', 'not_started'. */
  state: 'complete' | 'in_progress' | 'not_started';
  daysElapsed: number;
  daysTotal: number;
  /** actual × days in the period ÷ days elapsed (in progress), the actual (complete), null (not started). */
  forecastLinearMinor: number | null;
  /** actual × last year's period total ÷ last year's same days elapsed: last year's shape (null without last-year sales). */
  forecastSeasonalMinor: number | null;
  forecastAttainment: number | null;
  next: { label: string; targetMinor: number | null };
}

export interface PackMix {
  totalMinor: number;
  categories: Array<{ name: string; amountMinor: number; share: number }>;
  products: Array<{ name: string; amountMinor: number; quantity: number; share: number }>;
}

export interface PackIncentives {
  runs: Array<{ programCode: string; programName: string; period: string; status: string; amountMinor: number; paidAt: string | null; paymentRef: string | null }>;
  /** From the partner ledger over the pack's period: approved + adjustments + clawbacks, payments, balance at its end, drafts accrued. */
  earnedMinor: number;
  paidMinor: number;
  balanceMinor: number;
  accruedMinor: number;
}

export interface PackTraining {
  required: number;
  valid: number;
  compliance: number | null;
  expiring: Array<{ courseCode: string; courseTitle: string; trainee: string; certificateNo: string | null; expiresOn: string; daysLeft: number; required: boolean }>;
}

/**
 * A risk as the pack lists it: the stored columns (the drizzle schema's; `title` in the pack's language, and a risk the
 * workbench raised also carries its text code, shared/riskTexts) with its level and score.
 */
export type PackRisk = Pick<RiskRow, 'code' | 'title' | 'category' | 'status' | 'owner' | 'nextReviewOn'> &
  Partial<Pick<RiskRow, 'textCode' | 'textParams'>> & {
    level: string;
    score: number;
  };

/** A registered deal as the pack lists it (the drizzle schema's columns). */
export type PackDeal = Pick<DealRegistrationRow, 'customerName' | 'productLine' | 'expectedValueMinor' | 'status' | 'expectedCloseOn' | 'protectedUntil'>;

/** A proposed action for this period: generated from the figures, or agreed in this period's meeting. */
export interface PackProposal {
  text: string;
  owner: string | null;
  dueOn: string | null;
  /** What raised it: 'attainment', 'grade', 'training', 'certificates', 'risk', 'deal', 'carried', 'customers', 'target', or 'meeting'. */
  source: string;
}

/**
 * The partner's end customers as of the period's end (or the pack's day while it is under way): RFM segments over the
 * last 12 months (the end-customer rules of the inventory area), customers lapsed (bought in the 12 months before and not
 * since), and the period's buyers split into new (first purchase ever in the period) and repeat. Null when the partner
 * has no end-customer data (neither sell-through lines with a customer nor sales lines with a customer reference).
 */
export interface PackCustomers {
  asOf: string;
  windowMonths: number;
  /** Customers who bought in the 12-month window. */
  active: number;
  segments: Record<'champions' | 'loyal' | 'new' | 'atRisk' | 'hibernating' | 'lost', number>;
  lapsed: number;
  lapsedAmountMinor: number;
  topLapsed: Array<{ customer: string; lastPurchaseOn: string; previousAmountMinor: number }>;
  /**
   * Buyers of the pack's period (a return is no purchase): first purchase ever in the period vs bought before, and the
   * revenue of each net of returns — a return by a customer who bought before the period nets the repeat revenue, as
   * the cohorts' new vs repeat mix counts it.
   */
  buyers: number;
  newBuyers: number;
  repeatBuyers: number;
  newRevenueMinor: number;
  repeatRevenueMinor: number;
}

/** A proposal of an earlier pack and what became of it: the action item it became in a meeting, or not taken up. */
/** Last period's proposal (the drizzle schema's columns; `text` in the pack's language) and what became of it. */
export type PackPreviousProposal = Pick<ReviewProposalRow, 'period' | 'owner' | 'dueOn' | 'source'> & {
  text: string;
  /** The action's status when it was agreed in a meeting; null: not taken up. */
  actionStatus: ReviewActionStatus | null;
};

/** Everything one review pack shows, in its language. */
export interface ReviewPackData {
  language: ReviewPackLanguage;
  generatedAt: string;
  today: string;
  company: { name: string | null; nameEn: string | null };
  partner: {
    id: number;
    code: string;
    name: string;
    nameEn: string | null;
    channelType: string;
    tier: string;
    status: string;
    territory: string | null;
    territoryEn: string | null;
    channelManager: string | null;
    joinedOn: string | null;
    currency: string;
  };
  period: { label: string; kind: string; start: string; end: string };
  score: PackScore | null;
  previousScore: PackScore | null;
  trend: PackTrendPoint[];
  target: PackTarget;
  mix: PackMix;
  incentives: PackIncentives;
  training: PackTraining;
  risks: PackRisk[];
  deals: PackDeal[];
  lastReview: { period: string; heldOn: string; attendees: string[]; decisions: string[] } | null;
  carriedActions: ReviewAction[];
  customers: PackCustomers | null;
  /** The previous period's stored proposals (the last pack made for it) with what became of them. */
  previousProposals: PackPreviousProposal[];
  proposals: PackProposal[];
  /** The same proposals in the other language, stored with them so the next pack can show them in either. */
  proposalsOther?: PackProposal[];
}
