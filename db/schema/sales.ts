import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { createdAt } from './common';
import { imports } from './imports';
import { partners } from './partners';
import { targetPlanVersions } from './plans';

/** One sales line (sell-in or sell-through). Money in integer minor units (fen/cents). */
export const salesLines = sqliteTable(
  'sales_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    /** YYYY-MM-DD */
    date: text('date').notNull(),
    orderRef: text('order_ref'),
    /** The source system's line id, when it has one. */
    lineRef: text('line_ref'),
    product: text('product'),
    category: text('category'),
    quantity: real('quantity').notNull().default(0),
    amountMinor: integer('amount_minor').notNull(),
    costMinor: integer('cost_minor'),
    customerRef: text('customer_ref'),
    currency: text('currency').notNull().default('CNY'),
    /**
     * 'ref:<lineRef>' when the line has a reference, else 'row:<hash of the row's content and its occurrence>'; unique per
     * partner and order (a line number counted within each order, 行号 1, 2 … in every order, is a line's key).
     */
    dedupeKey: text('dedupe_key').notNull(),
    importId: integer('import_id').references(() => imports.id),
    createdAt: createdAt(),
  },
  (t) => [
    // A line is known by its key within its order (no order: ''), so order SO2's line 1 is not order SO1's line 1.
    uniqueIndex('sales_partner_dedupe_uq').on(t.partnerId, t.dedupeKey, sql`ifnull(${t.orderRef}, '')`),
    // Covering index for per-partner period aggregation: evaluations read money, orders and customers of a period in one
    // scan of it, payouts money and quantity. Widened in place (not a second index) so imports pay for one index only.
    index('sales_partner_date_idx').on(t.partnerId, t.date, t.amountMinor, t.costMinor, t.quantity, t.customerRef, t.orderRef),
    index('sales_date_idx').on(t.date),
    index('sales_import_idx').on(t.importId),
    index('sales_customer_idx').on(t.partnerId, t.customerRef, t.date),
  ],
);
export type SalesLineRow = typeof salesLines.$inferSelect;

/**
 * Sales per partner and calendar month, derived from sales_lines and kept with them (electron/domain/evaluations/
 * salesSummaries.ts: written by the sales import and its undo in their transaction, rebuilt when found out of date).
 * `month` is year × 12 + month − 1 (2019-03 → 24230). Money sums are exact integer sums of the lines; the evaluation
 * reads the previous, year-ago and earlier periods from here instead of re-reading their lines.
 */
export const salesPartnerMonths = sqliteTable(
  'sales_partner_months',
  {
    partnerId: integer('partner_id').notNull(),
    month: integer('month').notNull(),
    revenueMinor: integer('revenue_minor').notNull(),
    /** Revenue of the lines that carry a cost (null when none does). */
    costedRevenueMinor: integer('costed_revenue_minor'),
    costMinor: integer('cost_minor'),
    quantity: real('quantity').notNull(),
    lines: integer('lines').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.month] })],
);

/**
 * The months in which a partner sold to an end customer (non-null customer_ref), as bitmaps of 60 months: bit i of
 * `months` on the row of span s is month s × 60 + i (most customers have one row); `first_month` is the customer's
 * first month ever with the partner, on every row. Active, new and retained customers of any period are counted from
 * here with integer bit tests (one row per partner and customer, not one per line).
 */
export const salesCustomerMonths = sqliteTable(
  'sales_customer_months',
  {
    partnerId: integer('partner_id').notNull(),
    customerRef: text('customer_ref').notNull(),
    span: integer('span').notNull(),
    firstMonth: integer('first_month').notNull(),
    months: integer('months').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.customerRef, t.span] })],
);

/**
 * What the sales summaries describe (one row): the highest sales line id. Line ids are never reused (AUTOINCREMENT),
 * so lines added without the summaries show as a higher max(id); lines are only deleted by an import's undo, which
 * keeps the summaries itself.
 */
export const salesSummaryState = sqliteTable('sales_summary_state', {
  id: integer('id').primaryKey(),
  maxLineId: integer('max_line_id').notNull(),
});

/** Targets per partner, period ('2019-03', '2019-Q1', '2019-H1', '2019') and metric; revenue targets in minor units. */
export const targets = sqliteTable(
  'targets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    period: text('period').notNull(),
    metric: text('metric').notNull().default('revenue'),
    value: integer('value').notNull(),
    importId: integer('import_id').references(() => imports.id),
    /** The published plan version that wrote this target (null: imported or typed). */
    planVersionId: integer('plan_version_id').references(() => targetPlanVersions.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('targets_partner_period_metric_uq').on(t.partnerId, t.period, t.metric),
    // The evaluation's read (a range of a partner's periods of one metric, with the value): covering, so no table row
    // is visited (10k partners: 28 → 15 ms CPU). Named in the query (INDEXED BY): a planner without statistics takes
    // the unique index, which is not covering.
    index('targets_partner_metric_period_idx').on(t.partnerId, t.metric, t.period, t.value),
    // The targets plans wrote, by metric and period: which plan versions a run read (target use) without probing every
    // partner's targets — nothing to read in a workspace without published plans.
    index('targets_plan_use_idx').on(t.metric, t.period, t.planVersionId).where(sql`${t.planVersionId} is not null`),
  ],
);

/** Satisfaction feedback, score 1–5. */
export const feedback = sqliteTable(
  'feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    date: text('date').notNull(),
    score: real('score').notNull(),
    comment: text('comment'),
    dedupeKey: text('dedupe_key').notNull(),
    importId: integer('import_id').references(() => imports.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('feedback_dedupe_uq').on(t.partnerId, t.dedupeKey),
    // Covering for the evaluation's satisfaction (average score per partner over a period): 17 → 10 ms CPU at 10k partners.
    index('feedback_partner_date_idx').on(t.partnerId, t.date, t.score),
  ],
);
