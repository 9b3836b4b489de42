import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './common';
import { DEAL_STATUSES, RISK_CATEGORIES, RISK_SOURCES, RISK_STATUSES, RISK_TREATMENTS } from '../../shared/enums';
import { partners } from './partners';
import type { RiskTextParams } from '../../shared/riskTexts';

export const risks = sqliteTable(
  'risks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    category: text('category', { enum: RISK_CATEGORIES }).notNull(),
    partnerId: integer('partner_id').references(() => partners.id),
    /** Inherent (before treatment) and residual (after) likelihood and impact, 1–5. */
    likelihood: integer('likelihood').notNull(),
    impact: integer('impact').notNull(),
    residualLikelihood: integer('residual_likelihood'),
    residualImpact: integer('residual_impact'),
    owner: text('owner'),
    treatment: text('treatment', { enum: RISK_TREATMENTS }),
    status: text('status', { enum: RISK_STATUSES }).notNull().default('open'),
    nextReviewOn: text('next_review_on'),
    source: text('source', { enum: RISK_SOURCES }).notNull().default('manual'),
    /** For auto-risks: the rule that raised it (one open auto-risk per partner per rule). */
    ruleCode: text('rule_code'),
    /**
     * A risk the workbench raised (evaluation rule, channel finding, deal conflict): its words as a code and parameters
     * (shared/riskTexts), rendered in the reader's language; title and description then hold the zh-CN text. Null for a
     * risk a person entered or whose words a person changed.
     */
    textCode: text('text_code'),
    textParams: text('text_params', { mode: 'json' }).$type<RiskTextParams>(),
    /** Set when an auto-risk's condition has cleared: to be reviewed, not deleted. */
    reviewRequested: integer('review_requested', { mode: 'boolean' }).notNull().default(false),
    closedAt: text('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('risks_code_uq').on(t.code),
    index('risks_partner_idx').on(t.partnerId, t.ruleCode, t.status),
    index('risks_status_idx').on(t.status, t.nextReviewOn),
  ],
);

export const riskActions = sqliteTable(
  'risk_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    riskId: integer('risk_id').notNull().references(() => risks.id),
    description: text('description').notNull(),
    owner: text('owner'),
    dueOn: text('due_on'),
    doneOn: text('done_on'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('risk_actions_risk_idx').on(t.riskId)],
);

/** Every change to a risk, as a full snapshot after the change, so a register can be shown as it stood at a past date. */
export const riskHistory = sqliteTable(
  'risk_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    riskId: integer('risk_id').notNull().references(() => risks.id),
    changedAt: text('changed_at').notNull(),
    changedBy: text('changed_by').notNull(),
    changes: text('changes', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    snapshot: text('snapshot', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('risk_history_risk_idx').on(t.riskId, t.changedAt)],
);

/** 商机报备 */
export const dealRegistrations = sqliteTable(
  'deal_registrations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** null = registered by the direct sales team */
    partnerId: integer('partner_id').references(() => partners.id),
    customerName: text('customer_name').notNull(),
    /** Normalised for conflict checks (width, spaces, company-form suffixes). */
    customerKey: text('customer_key').notNull(),
    /** 统一社会信用代码 */
    customerCreditCode: text('customer_credit_code'),
    productLine: text('product_line').notNull(),
    expectedValueMinor: integer('expected_value_minor').notNull(),
    quotedPriceMinor: integer('quoted_price_minor'),
    expectedCloseOn: text('expected_close_on'),
    status: text('status', { enum: DEAL_STATUSES }).notNull().default('pending'),
    registeredAt: text('registered_at').notNull(),
    protectedUntil: text('protected_until'),
    conflicts: text('conflicts', { mode: 'json' }).$type<Array<Record<string, unknown>>>(),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
    decisionNote: text('decision_note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('deal_registrations_customer_idx').on(t.customerKey), index('deal_registrations_credit_idx').on(t.customerCreditCode)],
);

export type RiskRow = typeof risks.$inferSelect;
export type NewRiskRow = typeof risks.$inferInsert;
export type RiskActionRow = typeof riskActions.$inferSelect;
export type RiskHistoryRow = typeof riskHistory.$inferSelect;
export type DealRegistrationRow = typeof dealRegistrations.$inferSelect;
export type NewDealRegistrationRow = typeof dealRegistrations.$inferInsert;
