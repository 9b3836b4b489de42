import { blob, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './common';
import { CHANNEL_TYPES, MDF_ALLOCATION_METHODS, MDF_CLAIM_STATUSES, MDF_FUND_STATUSES, MDF_REQUEST_STATUSES, TIERS, type MdfActivityType } from '../../shared/enums';
import { partners } from './partners';
import { territories } from './territories';

/**
 * A market development fund (市场费用预算): a budget for a period and a scope (a territory with its sub-territories, a
 * channel type, a tier, or one partner — any combination narrows it), for some activity types, in one currency.
 */
export const mdfFunds = sqliteTable(
  'mdf_funds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    period: text('period').notNull(),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    /** Approvals not claimed by this day lapse and return to the fund (default: the period's last day). */
    claimDeadline: text('claim_deadline').notNull(),
    budgetMinor: integer('budget_minor').notNull(),
    currency: text('currency').notNull().default('CNY'),
    territoryId: integer('territory_id').references(() => territories.id),
    channelType: text('channel_type', { enum: CHANNEL_TYPES }),
    tier: text('tier', { enum: TIERS }),
    partnerId: integer('partner_id').references(() => partners.id),
    /** null = every activity type. */
    activityTypes: text('activity_types', { mode: 'json' }).$type<MdfActivityType[] | null>(),
    status: text('status', { enum: MDF_FUND_STATUSES }).notNull().default('open'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('mdf_funds_code_uq').on(t.code), index('mdf_funds_period_idx').on(t.startsOn, t.endsOn)],
);

/** A fund's money earmarked for one partner (manual, or pro rata to the partner's revenue of the previous period). */
export const mdfAllocations = sqliteTable(
  'mdf_allocations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fundId: integer('fund_id').notNull().references(() => mdfFunds.id),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    amountMinor: integer('amount_minor').notNull(),
    method: text('method', { enum: MDF_ALLOCATION_METHODS }).notNull(),
    /** pro_rata: the partner's revenue in the basis period. */
    basisMinor: integer('basis_minor'),
    basisPeriod: text('basis_period'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('mdf_allocations_fund_partner_uq').on(t.fundId, t.partnerId)],
);

/** 费用申请: a partner asks a fund to co-fund an activity. */
export const mdfRequests = sqliteTable(
  'mdf_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fundId: integer('fund_id').notNull().references(() => mdfFunds.id),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    activityType: text('activity_type').$type<MdfActivityType>().notNull(),
    title: text('title').notNull(),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    expectedLeads: integer('expected_leads'),
    expectedRevenueMinor: integer('expected_revenue_minor'),
    /** The activity's total cost as requested. */
    amountMinor: integer('amount_minor').notNull(),
    /** The fund's part of the cost (0 < share ≤ 1; 0.5 = half paid by the partner). */
    share: real('share').notNull().default(1),
    status: text('status', { enum: MDF_REQUEST_STATUSES }).notNull().default('pending'),
    /** The cost approved (≤ amount); the fund commits approvedMinor × share, rounded once. */
    approvedMinor: integer('approved_minor'),
    committedMinor: integer('committed_minor'),
    claimBy: text('claim_by'),
    decidedAt: text('decided_at'),
    decidedBy: text('decided_by'),
    rejectReason: text('reject_reason'),
    expiredOn: text('expired_on'),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('mdf_requests_fund_idx').on(t.fundId, t.status), index('mdf_requests_partner_idx').on(t.partnerId)],
);

/** 费用核销: what the partner proves it spent, against an approved request. */
export const mdfClaims = sqliteTable(
  'mdf_claims',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: integer('request_id').notNull().references(() => mdfRequests.id),
    /** What the fund reimburses (≤ the request's commitment). */
    amountMinor: integer('amount_minor').notNull(),
    actualLeads: integer('actual_leads'),
    actualRevenueMinor: integer('actual_revenue_minor'),
    note: text('note'),
    status: text('status', { enum: MDF_CLAIM_STATUSES }).notNull().default('submitted'),
    decidedAt: text('decided_at'),
    decidedBy: text('decided_by'),
    rejectReason: text('reject_reason'),
    approvedOn: text('approved_on'),
    paidOn: text('paid_on'),
    paymentRef: text('payment_ref'),
    /** settling: settled on the partner's next rebate run (抵扣返利); the run line carries details.mdfClaimId. */
    settledBy: text('settled_by', { enum: ['payment', 'rebate'] }),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('mdf_claims_request_idx').on(t.requestId, t.status)],
);

/**
 * Proof of a claim (invoices, photos, PDFs, OFD e-invoices) stored in the workspace file itself: backups, restore,
 * encryption and integrity checks cover it with no second place to keep in step.
 */
export const mdfProofFiles = sqliteTable(
  'mdf_proof_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    claimId: integer('claim_id').notNull().references(() => mdfClaims.id),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: blob('content', { mode: 'buffer' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('mdf_proof_files_claim_idx').on(t.claimId)],
);

export type MdfFundRow = typeof mdfFunds.$inferSelect;
export type MdfRequestRow = typeof mdfRequests.$inferSelect;
export type MdfClaimRow = typeof mdfClaims.$inferSelect;
