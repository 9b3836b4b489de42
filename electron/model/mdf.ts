import { z } from 'zod';
import { CHANNEL_TYPES, MDF_ACTIVITY_TYPES, MDF_CLAIM_STATUSES, MDF_REQUEST_STATUSES, TIERS } from '../../shared/enums';
import type { MdfActivityType } from '../../shared/enums';
import { zs } from '../../shared/fields';
import type { MdfClaimRow, MdfFundRow, MdfRequestRow, mdfAllocations, mdfProofFiles } from '../../db/schema';

/** Largest proof file accepted (a phone photo or a scanned invoice PDF fits; a video does not). */
export const MDF_PROOF_MAX_BYTES = 10 * 1024 * 1024;
/** At most this many proof files per claim. */
export const MDF_PROOF_MAX_FILES = 20;
/** Proof types accepted, recognised by their first bytes (never by the file name). */
export const MDF_PROOF_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/ofd'] as const;
export type MdfProofType = (typeof MDF_PROOF_TYPES)[number];

const currency = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'a three-letter currency code such as CNY');
/** The fund's part of an activity's cost: 0 < share ≤ 1, at most 4 decimals (0.5 = half paid by the partner). */
const share = z.number().gt(0).max(1).multipleOf(0.0001, 'at most 4 decimals');

const fundRef = z.object({ fundId: zs.id.optional(), fundCode: zs.code.optional() }).strict();
const partnerRef = { partnerId: zs.id.optional(), partnerCode: zs.code.optional() };

export const mdfFundInput = z
  .object({
    code: zs.code,
    name: zs.name,
    period: zs.period,
    budgetMinor: zs.minor.min(1),
    currency: currency.default('CNY'),
    /** Territory code; the fund covers its sub-territories too. */
    territory: zs.code.nullable().optional(),
    channelType: z.enum(CHANNEL_TYPES).nullable().optional(),
    tier: z.enum(TIERS).nullable().optional(),
    partnerCode: zs.code.nullable().optional(),
    /** Omitted or empty = every activity type. */
    activityTypes: z.array(z.enum(MDF_ACTIVITY_TYPES)).max(MDF_ACTIVITY_TYPES.length).optional(),
    claimDeadline: zs.isoDate.optional(),
  })
  .strict();
export type MdfFundInput = z.input<typeof mdfFundInput>;

export const mdfFundUpdateInput = z
  .object({
    fundId: zs.id,
    name: zs.name.optional(),
    budgetMinor: zs.minor.min(1).optional(),
    claimDeadline: zs.isoDate.optional(),
    status: z.enum(['open', 'closed']).optional(),
  })
  .strict();

export const mdfAllocateInput = z
  .object({
    fundId: zs.id,
    /** manual: the amounts given; pro_rata: the amount split over the fund's partners by last period's revenue. */
    method: z.enum(['manual', 'pro_rata']),
    allocations: z
      .array(z.object({ ...partnerRef, amountMinor: zs.minor.min(0) }).strict())
      .max(10_000)
      .optional(),
    /** pro_rata: the amount to spread (default: the budget not yet allocated). */
    amountMinor: zs.minor.min(1).optional(),
    /** pro_rata: the revenue period (default: the period before the fund's, of the same kind). */
    basisPeriod: zs.period.optional(),
  })
  .strict();

export const mdfRequestInput = z
  .object({
    ...fundRef.shape,
    ...partnerRef,
    activityType: z.enum(MDF_ACTIVITY_TYPES),
    title: zs.name.optional(),
    startsOn: zs.isoDate,
    endsOn: zs.isoDate,
    amountMinor: zs.minor.min(1),
    share: share.default(1),
    expectedLeads: z.number().int().min(0).max(1e9).nullable().optional(),
    expectedRevenueMinor: zs.minor.min(0).nullable().optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export type MdfRequestInput = z.input<typeof mdfRequestInput>;

export const mdfApproveInput = z
  .object({
    requestId: zs.id,
    /** The cost approved; omitted = as requested. Lower than requested is allowed, higher is not. */
    amountMinor: zs.minor.min(1).optional(),
    claimBy: zs.isoDate.optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export const mdfRejectInput = z.object({ requestId: zs.id, reason: z.string().trim().min(1).max(2000) }).strict();

export const mdfClaimInput = z
  .object({
    requestId: zs.id,
    amountMinor: zs.minor.min(1),
    actualLeads: z.number().int().min(0).max(1e9).nullable().optional(),
    actualRevenueMinor: zs.minor.min(0).nullable().optional(),
    note: z.string().trim().max(2000).optional(),
    /** Files to attach (paths on this machine; over the web bridge, uploaded files). */
    proofs: z.array(z.object({ path: zs.filePath, name: z.string().trim().min(1).max(255).optional() }).strict()).min(1).max(MDF_PROOF_MAX_FILES),
  })
  .strict();

export const mdfClaimDecisionInput = z
  .object({
    claimId: zs.id,
    decision: z.enum(['approve', 'reject']),
    /** approve: a lower amount than claimed; omitted = as claimed. */
    amountMinor: zs.minor.min(1).optional(),
    reason: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();

/** Pay by reference (and day), or settle with the partner's next rebate run: exactly one of the two. */
export const mdfPayInput = z
  .object({
    claimId: zs.id,
    paymentRef: z.string().trim().min(1).max(200).optional(),
    paidOn: zs.isoDate.optional(),
    deductFromRebates: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Boolean(v.paymentRef) !== Boolean(v.deductFromRebates), { message: 'give either a payment reference or deductFromRebates', path: ['paymentRef'] })
  .refine((v) => !(v.deductFromRebates && v.paidOn), { message: 'a rebate settlement takes no payment day', path: ['paidOn'] });

export const mdfExpireInput = z.object({ asOf: zs.isoDate.optional() }).strict();

export const mdfListInput = z
  .object({
    fundId: zs.id.optional(),
    partnerId: zs.id.optional(),
    statuses: z.array(z.enum(MDF_REQUEST_STATUSES)).max(MDF_REQUEST_STATUSES.length).optional(),
    /** "Mine": only the partners these channel managers own now (an empty list matches nothing). */
    channelManagerIds: z.array(zs.id).max(1000).optional(),
  })
  .strict();
export const mdfClaimListInput = z
  .object({
    fundId: zs.id.optional(),
    partnerId: zs.id.optional(),
    requestId: zs.id.optional(),
    statuses: z.array(z.enum(MDF_CLAIM_STATUSES)).max(MDF_CLAIM_STATUSES.length).optional(),
    /** "Mine": only the partners these channel managers own now (an empty list matches nothing). */
    channelManagerIds: z.array(zs.id).max(1000).optional(),
  })
  .strict();

export const mdfBalanceInput = z.object({ fundId: zs.id.optional(), fundCode: zs.code.optional(), asOf: zs.isoDate.optional() }).strict();
export const mdfRoiInput = z
  .object({
    fundId: zs.id.optional(),
    fundCode: zs.code.optional(),
    /** Weeks after the activity still counted as its effect. */
    weeksAfter: z.number().int().min(0).max(52).default(4),
  })
  .strict();

/** A fund's money, all in its currency's minor units. */
export interface MdfBalance {
  budgetMinor: number;
  /** Earmarked for partners. */
  allocatedMinor: number;
  /** Pending requests: the fund's part (amount × share). */
  requestedMinor: number;
  /** Committed by live approvals (approved × share; once a claim is approved, the claim's amount). */
  approvedMinor: number;
  /** Claims submitted, approved, paid or settling. */
  claimedMinor: number;
  /** Claims paid by reference, or settled on a payout run that has been paid. */
  paidMinor: number;
  /** budget − approved: what further approvals may commit. */
  remainingMinor: number;
  /** Approvals that lapsed unclaimed and returned to the fund. */
  expiredMinor: number;
}

/** A fund as stored (the drizzle schema's columns, its scope by code and name) with its balance. */
export type MdfFundView = Pick<
  MdfFundRow,
  'id' | 'code' | 'name' | 'period' | 'startsOn' | 'endsOn' | 'claimDeadline' | 'currency' | 'channelType' | 'tier' | 'activityTypes' | 'status'
> & {
  territoryCode: string | null;
  territoryName: string | null;
  partnerCode: string | null;
  partnerName: string | null;
  balance: MdfBalance;
};

/** A partner's allocation as stored (the drizzle schema's columns) with what the partner's live approvals commit. */
export type MdfAllocationView = Pick<typeof mdfAllocations.$inferSelect, 'id' | 'fundId' | 'partnerId' | 'amountMinor' | 'method' | 'basisMinor' | 'basisPeriod'> & {
  partnerCode: string;
  partnerName: string;
  /** Committed by this partner's live approvals. */
  committedMinor: number;
};

/** A request as stored (the drizzle schema's columns) with its fund and partner. */
export type MdfRequestView = Pick<
  MdfRequestRow,
  | 'id'
  | 'fundId'
  | 'partnerId'
  | 'activityType'
  | 'title'
  | 'startsOn'
  | 'endsOn'
  | 'amountMinor'
  | 'share'
  | 'expectedLeads'
  | 'expectedRevenueMinor'
  | 'status'
  | 'approvedMinor'
  | 'committedMinor'
  | 'claimBy'
  | 'decidedAt'
  | 'decidedBy'
  | 'rejectReason'
  | 'expiredOn'
  | 'note'
  | 'createdAt'
  | 'createdBy'
> & {
  fundCode: MdfFundRow['code'];
  currency: MdfFundRow['currency'];
  partnerCode: string;
  partnerName: string;
  partnerNameEn: string | null;
  /** The fund's part as requested: amount × share. */
  fundShareMinor: number;
};

/** A claim's proof file without its content: the stored columns (drizzle schema), the media type narrowed. */
export type MdfProofView = Pick<typeof mdfProofFiles.$inferSelect, 'id' | 'claimId' | 'fileName' | 'sizeBytes' | 'sha256'> & { mediaType: MdfProofType };

/** A claim as stored (the drizzle schema's columns) with its request's fund, partner and limit, its rebate run and proofs. */
export type MdfClaimView = Pick<
  MdfClaimRow,
  | 'id'
  | 'requestId'
  | 'amountMinor'
  | 'actualLeads'
  | 'actualRevenueMinor'
  | 'note'
  | 'status'
  | 'decidedAt'
  | 'decidedBy'
  | 'rejectReason'
  | 'approvedOn'
  | 'paidOn'
  | 'paymentRef'
  | 'settledBy'
  | 'createdAt'
> & {
  fundId: MdfRequestRow['fundId'];
  fundCode: MdfFundRow['code'];
  currency: MdfFundRow['currency'];
  partnerId: MdfRequestRow['partnerId'];
  partnerCode: string;
  partnerName: string;
  partnerNameEn: string | null;
  activityType: MdfRequestRow['activityType'];
  /** What the request allows: approved × share. */
  limitMinor: number;
  /** Settled on a rebate run: which one, and whether it is paid. */
  payoutRunId: number | null;
  payoutRunStatus: string | null;
  proofs: MdfProofView[];
};

export interface MdfProofContent extends MdfProofView {
  /** The file's bytes, base64. */
  dataBase64: string;
}

export interface MdfBurnPoint {
  date: string;
  approvedMinor: number;
  claimedMinor: number;
  paidMinor: number;
  remainingMinor: number;
}

export interface MdfFundDetail extends MdfFundView {
  allocations: MdfAllocationView[];
  burnDown: MdfBurnPoint[];
}

/** Revenue in minor units of the fund's currency over a window of local days (inclusive). */
export interface MdfWindowRevenue {
  from: string;
  to: string;
  revenueMinor: number;
}

export interface MdfRequestRoi {
  requestId: number;
  partnerCode: string;
  activityType: MdfActivityType;
  /** The fund's cost: approved claims (paid or not). */
  costMinor: number;
  window: MdfWindowRevenue;
  lastYear: MdfWindowRevenue;
  /** window − lastYear. */
  upliftMinor: number;
  /** Comparable partners (same channel type and tier, no funds in the window): their average revenue now and last year. */
  comparableCount: number;
  comparableWindowMinor: number | null;
  comparableLastYearMinor: number | null;
  /** The partner's growth minus the comparables' growth, applied to its last-year revenue; null without comparables. */
  incrementalMinor: number | null;
  /** (incremental or uplift − cost) / cost; null without cost. */
  roi: number | null;
}

export interface MdfRoiReport {
  /** null: every fund. */
  fundCode: string | null;
  currency: string;
  weeksAfter: number;
  requests: MdfRequestRoi[];
  totals: { costMinor: number; upliftMinor: number; incrementalMinor: number | null; roi: number | null };
  byActivity: Array<{ activityType: MdfActivityType; period: string; costMinor: number; upliftMinor: number; incrementalMinor: number | null; roi: number | null }>;
}
